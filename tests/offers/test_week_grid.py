"""The readable week plan (issue 11, item 3): entries span their duration, overlapping ones sit
side by side, categories by name and colour with a legend, today and the current time shown,
a phone's day buttons, and the door PDF on the whole A4 page."""

import datetime as dt
import io
import re

from django.urls import reverse
from django_scopes import scopes_disabled
from pypdf import PdfReader

from treff.offers import services
from treff.offers.models import Offer, Series

from ..factories import RoomFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
MONDAY = dt.date(2026, 11, 30)  # today on the pinned clock (10:00 Europe/Berlin)


def _series(
    world, title, start, end, *, weekdays=(0,), category="leisure", first=MONDAY, room=None
):
    user = world.users["coordinator"]
    with scopes_disabled():
        offer = services.offer_save(
            offer=Offer(title=title, category=category, provider=world.drk),
            treff=world.franztreff,
            user=user,
        )
        return services.series_save(
            series=Series(
                offer=offer,
                kind="weekly",
                weekdays=list(weekdays),
                starts_on=first,
                ends_on=first + dt.timedelta(days=27),
                start_time=start,
                end_time=end,
                room=room or world.room,
            ),
            user=user,
        )


def _entries(response):
    """{title: (grid rows, grid columns)} of the week's entries, from the grid the view built."""
    return {
        entry.occ.series.offer.title: (
            (entry.row, entry.row_end),
            (entry.column, entry.column_end),
        )
        for col in response.context["grid"].columns
        for entry in col.entries
    }


def test_an_entry_from_10_00_to_12_30_spans_ten_quarter_hours(world, client_for):
    _series(world, "Sprachcafé", dt.time(10), dt.time(12, 30))
    response = client_for("volunteer").get(reverse("offers:week", args=["franztreff"]), **EN)
    grid = response.context["grid"]
    # Row 1 holds the days; row 2 is 08:00, so 10:00 is row 2 + 8 and 12:30 row 2 + 18.
    assert (grid.first_hour, grid.last_hour, grid.rows) == (8, 18, 40)
    assert _entries(response) == {"Sprachcafé": ((10, 20), (2, 3))}
    # No style attribute (the Content-Security-Policy forbids them): a class, and its rule in
    # the one <style> element that carries the response's nonce.
    html = response.content.decode()
    place = grid.columns[0].entries[0].place
    nonce = re.search(r'<style nonce="([^"]+)">', html).group(1)
    assert response.headers["Content-Security-Policy"].count(f"'nonce-{nonce}'") == 1
    assert f".{place} {{ grid-row: 10 / 20; grid-column: 2 / 3; }}" in html
    assert re.findall(r'class="treff-week__entry [^"]*"', html) == [
        f'class="treff-week__entry treff-cat--leisure {place}"'
    ]
    assert "style=" not in html


def test_overlapping_entries_sit_side_by_side_and_a_lone_one_takes_the_day(world, client_for):
    _series(world, "Sprachcafé", dt.time(10), dt.time(12, 30))
    with scopes_disabled():
        kitchen = RoomFactory(treff=world.franztreff, name="Küche")
    _series(world, "Nähkurs", dt.time(11), dt.time(12), room=kitchen)
    _series(world, "Mittagstisch", dt.time(12, 30), dt.time(13, 30), category="lunch")
    _series(world, "Spieleabend", dt.time(18), dt.time(0), weekdays=(1,))  # until midnight
    response = client_for("volunteer").get(reverse("offers:week", args=["franztreff"]), **EN)
    grid = response.context["grid"]
    assert [col.lanes for col in grid.columns] == [2, 1, 1, 1, 1]
    assert [(col.column, col.column_end) for col in grid.columns] == [
        (2, 4),
        (4, 5),
        (5, 6),
        (6, 7),
        (7, 8),
    ]
    assert (grid.last_hour, grid.rows) == (24, 64)
    assert _entries(response) == {
        "Sprachcafé": ((10, 20), (2, 3)),
        "Nähkurs": ((14, 18), (3, 4)),
        "Mittagstisch": ((20, 24), (2, 4)),  # after the two: the whole day again
        "Spieleabend": ((42, 66), (4, 5)),
    }
    assert grid.template_columns() == "auto 0.5000fr 0.5000fr 1.0000fr 1.0000fr 1.0000fr 1.0000fr"
    # A phone shows Monday (today) alone.
    assert grid.phone_columns == "auto 0.5000fr 0.5000fr 0 0 0 0"


def test_each_entry_names_its_category_and_the_legend_lists_the_weeks_ones(world, client_for):
    _series(world, "Sprachcafé", dt.time(10), dt.time(12, 30))
    _series(world, "Mittagstisch", dt.time(12, 30), dt.time(13, 30), category="lunch")
    response = client_for("volunteer").get(reverse("offers:week", args=["franztreff"]), **EN)
    html = response.content.decode()
    legend = html[
        html.index('class="treff-legend__list"') : html.index(
            "</ul>", html.index("treff-legend__list")
        )
    ]
    assert re.findall(r'treff-cat--(\w+)" aria-hidden="true"></span>([^<]+)<', legend) == [
        ("leisure", "Leisure"),
        ("lunch", "Lunch table"),
    ]
    assert re.findall(r'<span class="treff-week__category">([^<]+)</span>', html) == [
        "Leisure",
        "Lunch table",
    ]
    assert html.count('class="treff-week__entry treff-cat--lunch') == 1


def test_an_empty_week_has_no_legend_and_says_nothing_is_planned(world, client_for):
    response = client_for("volunteer").get(reverse("offers:week", args=["franztreff"]), **EN)
    html = response.content.decode()
    assert ("treff-legend__list" in html, html.count("nothing planned")) == (False, 5)


def test_today_and_the_current_time_are_marked(world, client_for):
    response = client_for("volunteer").get(reverse("offers:week", args=["franztreff"]), **EN)
    grid = response.context["grid"]
    assert (grid.now_row, f"{grid.now:%Y-%m-%d %H:%M}") == (10, "2026-11-30 10:00")
    html = response.content.decode()
    assert (
        re.findall(
            r'<h2 class="treff-week__day treff-calendar__today[^"]*"[^>]*aria-current="date"', html
        )
        != []
    )
    place = grid.columns[0].now_place
    assert html.count(f'<div class="treff-week__now {place}">') == 1
    assert html.count(f".{place} {{ grid-row: 10; grid-column: 2 / 3; }}") == 1
    assert html.count("now 10:00") == 1


def test_another_week_has_no_now_line(world, client_for):
    response = client_for("volunteer").get(
        reverse("offers:week", args=["franztreff"]), {"date": "2026-12-09"}, **EN
    )
    html = response.content.decode()
    assert (response.context["grid"].now_row, "treff-week__now" in html) == (None, False)


def test_the_day_buttons_choose_the_day_a_phone_shows(world, client_for):
    url = reverse("offers:week", args=["franztreff"])
    response = client_for("volunteer").get(url, {"date": "2026-12-02"}, **EN)
    html = response.content.decode()
    buttons = re.findall(
        r'href="\?date=([\d-]+)"( aria-current="true")?><span class="kern-label">([^<]+)', html
    )
    assert buttons == [
        ("2026-11-30", "", "Mon 30.11. (today)"),
        ("2026-12-01", "", "Tue 1.12."),
        ("2026-12-02", ' aria-current="true"', "Wed 2.12."),
        ("2026-12-03", "", "Thu 3.12."),
        ("2026-12-04", "", "Fri 4.12."),
    ]
    assert [col.selected for col in response.context["grid"].columns] == [
        False,
        False,
        True,
        False,
        False,
    ]
    # 4 other days × (background, heading), and the "now" line on Monday
    assert html.count("treff-week--other-day") == 9


def test_a_bad_day_in_the_query_string_is_a_400(world, client_for):
    response = client_for("volunteer").get(
        reverse("offers:week", args=["franztreff"]), {"date": "2026-12-32"}
    )
    assert response.status_code == 400


def test_a_saturday_keeps_the_weekend_so_a_phone_can_show_it(world, client_for):
    response = client_for("volunteer").get(
        reverse("offers:week", args=["franztreff"]), {"date": "2026-12-05"}, **EN
    )
    assert [col.selected for col in response.context["grid"].columns] == [False] * 5 + [True, False]


def test_an_outsider_sees_no_week(world, client_for):
    response = client_for("outsider").get(reverse("offers:week", args=["franztreff"]))
    assert response.status_code == 404


def test_the_door_pdf_fills_an_a4_landscape_page_in_large_type(world, client_for):
    title = "Deutsch-Ukrainisches Sprachcafé für Nachbarinnen und Nachbarn " + "Ж" * 60
    _series(world, title, dt.time(10), dt.time(12, 30))
    response = client_for("volunteer").get(reverse("offers:week_pdf", args=["franztreff"]), **EN)
    (page,) = PdfReader(io.BytesIO(response.content)).pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    sizes = []
    page.extract_text(
        visitor_text=lambda text, cm, tm, font, size: sizes.append((text, size * tm[0]))
    )
    # WeasyPrint writes CSS pixels (0.75 pt each); the titles are 15 pt, readable from a step away.
    title_sizes = {round(size * 0.75) for text, size in sizes if "Sprachcafé" in text}
    assert title_sizes == {15}
    text = unhyphenate(page.extract_text())
    # The long title wraps inside its column instead of running off the page.
    assert ("Deutsch-Ukrainisches Sprachcafé für" in text, "Ж" * 60 in text.replace(" ", "")) == (
        True,
        True,
    )


def unhyphenate(text: str) -> str:
    """PDF text with the line breaks of hyphenation undone and spaces normalised."""
    return " ".join(text.replace("\u2010\n", "").replace("-\n", "-").split())


def test_the_longest_title_wraps_on_the_door_pdf_and_the_week(world, client_for):
    """Titles hold at most 150 characters (the model field); one word of that length wraps
    inside its day on the door and on the page. (5,000 characters are checked on a phone in
    tests/browser/test_phone.py; WeasyPrint needs minutes to break such a word.)"""
    word = ("Nachbarschaftshilfe" * 8)[:150]
    _series(world, word, dt.time(10), dt.time(12, 30))
    client = client_for("volunteer")
    response = client.get(reverse("offers:week_pdf", args=["franztreff"]), **EN)
    pages = PdfReader(io.BytesIO(response.content)).pages
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    text = "".join(page.extract_text() for page in pages)
    joined = re.sub(r"[\s\u2010-]", "", text)
    assert (sizes, word in joined) == ([(842, 595)], True)
    week = client.get(reverse("offers:week", args=["franztreff"]), **EN)
    assert week.content.decode().count(word) == 1
