"""The narrative report (Sachbericht) of a proof of use, pre-filled, Fachkonzept §5.

ANBest-P Nr. 6.2: the narrative report describes the use of the grant and the outcome
achieved. The carrier writes it; to start from, `prefilled(plan)` gives a short text in
the active language (the carrier admin's who starts the proof) with the year's figures of
the Treff as the city's report shows them (reports.build, Audience.CITY): counts of
persons from 1 to k−1 as "< k", figures hidden so that no small count can be worked out
as "." — exactly the cells of the report. Only aggregates go in; the text names no person.

Which figures: the Treff totals of the report's tables named in FIGURES, as far as the
report has them (a table that does not add up is left out). The whole report is built, so
that each figure is suppressed exactly as on the report's page, where tables of the same
persons are published together.
"""

from datetime import date

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from treff.reports import build
from treff.reports.engine import Audience
from treff.reports.engine.periods import Period
from treff.reports.measures import STATISTICS

# The report's tables whose totals open the narrative (reports/measures/), in this order.
FIGURES = (
    "visitors",
    "lunch_days",
    "lunch_served",
    "lunch_guests",
    "clothing_handed_out",
    "clothing_swaps",
    "help_opened",
    "help_done",
    "volunteers_active",
    "volunteers_new",
    "counselling_duration",
    "counselling_referrals",
    "plan_held",
)


def year_figures(treff, year: int, *, k: int | None = None) -> list[tuple[str, str]]:
    """(title, figure as printed) per table of the city's report of `treff` for `year`.

    Raises reports.engine.InvalidThreshold for k < 2."""
    k = k or settings.TREFF_SMALL_CELL_K
    period = Period(date(year, 1, 1), date(year, 12, 31))
    areas = build.build([treff], period, k=k, audience=Audience.CITY)
    sections = {
        section.key: section
        for area in areas
        for section in area.sections
        if section.kind != STATISTICS and section.additive
    }
    return [
        (str(sections[key].title), _shown(sections[key].table.total, k))
        for key in FIGURES
        if key in sections
    ]


def _shown(cell, k: int) -> str:
    if cell.hidden or cell.value is None:
        return cell.text(k) if cell.hidden else "–"
    if isinstance(cell.value, int):
        return formats.number_format(cell.value, 0, use_l10n=True, force_grouping=True)
    return formats.number_format(cell.value, use_l10n=True, force_grouping=True)


def _prompts() -> tuple[str, str]:
    return (
        _("[Describe what the Treff set out to do and what was done.]"),
        _("[Explain what was achieved and why spending differs from the approved plan.]"),
    )


def unwritten_prompts(text: str) -> bool:
    """Whether `text` still holds a bracketed prompt of the pre-filled draft, in any of
    the site's languages (the draft is in the language of whoever started it)."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if any(prompt in text for prompt in _prompts()):
                return True
    return False


def prefilled(plan, *, k: int | None = None) -> str:
    """The narrative report's first draft for `plan` (plain text, in the active language)."""
    k = k or settings.TREFF_SMALL_CELL_K
    treff = plan.treff
    lines = [
        _("Narrative report on the use of the grant %(year)d – %(treff)s")
        % {"year": plan.year, "treff": treff.name},
        "",
        _("1. Aims and work of the Treff in %(year)d") % {"year": plan.year},
        _prompts()[0],
        "",
        _("2. The year in figures")
        + " "
        + _(
            "(from the reports, as published for the city: counts from 1 to %(below)d are "
            "shown as “< %(k)d”, figures hidden so that no small count can be worked out as "
            "“.”)"
        )
        % {"below": k - 1, "k": k},
    ]
    lines += [f"- {title}: {figure}" for title, figure in year_figures(treff, plan.year, k=k)]
    lines += [
        "",
        _("3. Outcome and deviations from the plan"),
        _prompts()[1],
    ]
    return "\n".join(lines)
