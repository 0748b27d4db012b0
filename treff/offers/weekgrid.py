"""The week plan as a grid: each entry spans its quarter hours, overlapping entries side by side.

Computed on the server, so the plan reads the same without JavaScript and on paper. Each
entry sits at `grid-row: row / row_end; grid-column: column / column_end` in one CSS grid for
the whole week. The Content-Security-Policy allows no style attributes, so every element gets
a class (`treff-at-<n>`, one per distinct place) and `WeekGrid.stylesheet` holds the rules for
one `<style>` element with the response's nonce:

- rows: row 1 holds the day headings; row 2 is the first hour's :00, then one row per quarter
  hour (`SLOT_MINUTES`) up to the last hour's end;
- columns: column 1 holds the times; each day has as many columns as it needs lanes for its
  most overlapping entries (`Column.lanes`), each `1/lanes fr` wide, so every day is equally
  wide however many lanes it has.

Entries that overlap nobody fill the day's width; a group of k overlapping entries shares it
in k equal parts. Times are wall-clock minutes after midnight (Europe/Berlin, via
`planning.timezone()`); an end of 00:00 is midnight (1440, `treff.core.times`).
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from treff.core.times import end_minutes, minutes_of

from .models import Category

SLOT_MINUTES = 15
HEADER_ROWS = 1
# A plan shows at least the usual opening day, 08:00–18:00, however empty the week is.
FIRST_HOUR, LAST_HOUR = 8, 18

# Short names of the Fachkonzept's categories (§3) for the plan's entries and legend; the full
# names are in models.Category. The colour of each is in treff.css (`.treff-cat--<value>`).
CATEGORY_SHORT = {
    Category.SOCIAL_COUNSELLING: _("Social counselling"),
    Category.CRISIS: _("Crisis help"),
    Category.VISITING_COUNSELLING: _("Specialist counselling"),
    Category.INFORMATION: _("Information and events"),
    Category.LEISURE: _("Leisure"),
    Category.LUNCH: _("Lunch table"),
    Category.CLOTHING: _("Clothing"),
    Category.MEDIA: _("Information media"),
}


@dataclass
class Entry:
    """One date on the grid. `moved_away`: shown at its regular time on the day it left."""

    occ: object
    start: int  # minutes after midnight
    end: int  # minutes after midnight, > start
    moved_away: bool = False
    row: int = 0  # first grid line
    row_end: int = 0  # last grid line (exclusive)
    column: int = 0
    column_end: int = 0
    place: str = ""  # the class that puts it there (WeekGrid.stylesheet)

    @property
    def category(self) -> str:
        return self.occ.series.offer.category

    @property
    def category_label(self):
        return CATEGORY_SHORT.get(self.category, "")


@dataclass
class Column:
    """One day: its place in the grid and its entries in time order."""

    day: object  # selectors.Day
    column: int  # first grid column of the day
    lanes: int
    selected: bool
    entries: list = field(default_factory=list)
    place: str = ""  # the class of the day's background, the whole height
    heading_place: str = ""  # the class of its heading, in row 1
    now_place: str = ""  # the class of the current time's line, when it is today

    @property
    def column_end(self) -> int:
        return self.column + self.lanes


@dataclass
class WeekGrid:
    columns: list
    first_hour: int
    last_hour: int  # the grid ends at this hour's :00
    now_row: int | None  # the grid line of the current quarter hour, when today is shown
    now: dt.datetime | None
    # (hour, class of its line, class of its label) for each hour shown: the line sits at the
    # grid row of the hour's :00, the label spans the hour's quarter hours.
    hours: list[tuple[int, str, str]] = field(default_factory=list)
    # {CSS declarations: class name}: every place an element of the grid takes.
    places: dict[str, str] = field(default_factory=dict)

    def place(self, declarations: str) -> str:
        """The class that gives an element `declarations` (e.g. "grid-row: 2 / 6")."""
        return self.places.setdefault(declarations, f"treff-at-{len(self.places)}")

    @property
    def stylesheet(self) -> str:
        """The rules of this grid: its tracks, then one rule per place. Numbers and track
        sizes only, computed here: nothing a user typed."""
        rules = [
            f".treff-week {{ --treff-week-columns: {self.template_columns()}; "
            f"--treff-week-phone-columns: {self.phone_columns}; --treff-week-rows: {self.rows}; }}"
        ]
        rules += [f".{name} {{ {declarations}; }}" for declarations, name in self.places.items()]
        return "\n".join(rules)

    @property
    def rows(self) -> int:
        return (self.last_hour - self.first_hour) * 60 // SLOT_MINUTES

    def template_columns(self, *, only_selected: bool = False) -> str:
        """`grid-template-columns`: the times, then each day's lanes; the other days are
        0 wide when only the selected day is shown (a phone)."""
        tracks = ["auto"]
        for col in self.columns:
            width = f"{1 / col.lanes:.4f}fr" if col.selected or not only_selected else "0"
            tracks += [width] * col.lanes
        return " ".join(tracks)

    @property
    def phone_columns(self) -> str:
        return self.template_columns(only_selected=True)

    @property
    def categories(self) -> list[tuple[str, object]]:
        """The categories this week shows, in the Fachkonzept's order, for the legend."""
        shown = {entry.category for col in self.columns for entry in col.entries}
        return [(value, CATEGORY_SHORT[value]) for value in CATEGORY_SHORT if value in shown]


def _entries(day, tz) -> list[Entry]:
    entries = []
    for occ in day.items:
        start = occ.start.astimezone(tz)
        end = occ.end.astimezone(tz)
        # An end on the next day can only be midnight (times.py: ranges end by 24:00).
        end_m = 24 * 60 if end.date() > start.date() else minutes_of(end.time())
        start_m = minutes_of(start.time())
        entries.append(Entry(occ, start_m, max(end_m, start_m + 1)))
    for occ in day.moved_away:
        start = minutes_of(occ.series.start_time)
        end = max(end_minutes(occ.series.end_time), start + 1)
        entries.append(Entry(occ, start, end, moved_away=True))
    entries.sort(key=lambda e: (e.start, e.end, e.occ.pk))
    return entries


def _lanes(entries: list[Entry]) -> int:
    """Give each entry a lane (0-based, in `column`) and its group's lane count (in
    `column_end`); return the most lanes any group needs. Greedy per overlapping group, which
    is optimal for intervals (as many lanes as the most entries running at one moment)."""
    most = 1
    group: list[Entry] = []
    group_end = -1

    def close(group):
        lanes = max((e.column for e in group), default=-1) + 1
        for e in group:
            e.column_end = lanes
        return lanes

    lane_ends: list[int] = []
    for entry in entries:
        if group and entry.start >= group_end:
            most = max(most, close(group))
            group, lane_ends, group_end = [], [], -1
        free = next((i for i, end in enumerate(lane_ends) if end <= entry.start), None)
        if free is None:
            lane_ends.append(entry.end)
            free = len(lane_ends) - 1
        else:
            lane_ends[free] = entry.end
        entry.column = free
        group.append(entry)
        group_end = max(group_end, entry.end)
    if group:
        most = max(most, close(group))
    return most


def build(days, *, tz, selected: dt.date, now: dt.datetime) -> WeekGrid:
    """The grid of `days` (selectors.Day, in order); `selected` is the day a phone shows."""
    per_day = [_entries(day, tz) for day in days]
    everything = [entry for entries in per_day for entry in entries]
    first_hour = min([FIRST_HOUR, *(e.start // 60 for e in everything)])
    last_hour = max([LAST_HOUR, *(math.ceil(e.end / 60) for e in everything)])
    first_minute = first_hour * 60

    def line(minute: int) -> int:
        return HEADER_ROWS + 1 + (minute - first_minute) // SLOT_MINUTES

    columns, next_column = [], 2
    for day, entries in zip(days, per_day, strict=True):
        lanes = _lanes(entries)
        for entry in entries:
            lane, group = entry.column, entry.column_end
            # A group of `group` lanes shares the day's `lanes` columns in equal parts.
            entry.column = next_column + lane * lanes // group
            entry.column_end = next_column + (lane + 1) * lanes // group
            entry.row = line(entry.start)
            entry.row_end = max(
                HEADER_ROWS + 1 + math.ceil((entry.end - first_minute) / SLOT_MINUTES),
                entry.row + 1,
            )
        columns.append(Column(day, next_column, lanes, day.date == selected, entries))
        next_column += lanes
    now = now.astimezone(tz)
    now_minute = minutes_of(now.time())
    shown_today = any(day.date == now.date() for day in days)
    now_row = (
        line(now_minute) if shown_today and first_minute <= now_minute < last_hour * 60 else None
    )
    grid = WeekGrid(columns, first_hour, last_hour, now_row, now if now_row else None)
    per_hour = 60 // SLOT_MINUTES
    for hour in range(first_hour, last_hour):
        row = line(hour * 60)
        grid.hours.append(
            (hour, grid.place(f"grid-row: {row}"), grid.place(f"grid-row: {row} / span {per_hour}"))
        )
    for col in columns:
        span = f"grid-column: {col.column} / {col.column_end}"
        col.place = grid.place(f"{span}; grid-row: 1 / -1")
        col.heading_place = grid.place(span)
        if now_row and col.day.date == now.date():
            col.now_place = grid.place(f"grid-row: {now_row}; {span}")
        for entry in col.entries:
            entry.place = grid.place(
                f"grid-row: {entry.row} / {entry.row_end}; "
                f"grid-column: {entry.column} / {entry.column_end}"
            )
    return grid
