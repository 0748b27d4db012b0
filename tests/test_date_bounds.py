"""Every date a person types is bounded (issue 16, "Bad input": no year 9999 or 0001 in a
plan, a clearance or a lunch day): each editable date of every Treff model carries a
PlausibleDate window, or is listed here with the reason it needs none. A new date field
without bounds fails this test until it gets a window or a reason."""

from django.apps import apps
from django.db import models

from treff.core.validators import PlausibleDate

# Dates nobody types, each checked where it is made.
UNBOUNDED = {
    # The date a series would have had: copied from the series' own bounded dates.
    "offers.SeriesChange.original_date",
    "offers.Occurrence.original_date",
    # The day of the consent: today, set by the service.
    "volunteers.VolunteerApplication.consent_on",
    # The day counted: from the address, refused in the future or years ago by the service
    # (operations.services._check_tally_day); the count per day is derived by a trigger.
    "operations.Tally.date",
    "operations.Tally.original_date",
    "operations.TallyCount.date",
    # A sent committee report keeps the validated draft's dates as they were.
    "reports.CommitteeReportVersion.first",
    "reports.CommitteeReportVersion.last",
    "reports.CommitteeReportVersion.meeting_date",
}


def _dates() -> dict[str, bool]:
    """Every editable date field of Treff's models: bounded or not."""
    found = {}
    for model in apps.get_models():
        if not model.__module__.startswith("treff."):
            continue
        for field in model._meta.concrete_fields:
            if type(field) is models.DateField and field.editable:
                name = f"{model._meta.label}.{field.name}"
                found[name] = any(isinstance(v, PlausibleDate) for v in field.validators)
    return found


def test_every_typed_date_has_a_window_or_a_reason():
    dates = _dates()
    unbounded = sorted(name for name, bounded in dates.items() if not bounded)
    assert unbounded == sorted(UNBOUNDED)


def test_the_list_of_reasons_names_only_existing_dates():
    assert sorted(UNBOUNDED - set(_dates())) == []
