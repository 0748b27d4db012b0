"""Public holidays per Treff (issue 17, item 1): each Treff counts the holidays of its own
Land, so a programme can span states; nothing is fixed to Sachsen-Anhalt.

Fronleichnam (Thu 27 May 2027) is a holiday in Bavaria, not in Sachsen-Anhalt; the
Reformationstag (Tue 31 Oct 2028) the other way round.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from treff.offers import selectors
from treff.offers.engine import public_holidays
from treff.treffs.models import Treff

from ..factories import TreffFactory
from ..test_treff_views import _treff_data

CORPUS_CHRISTI = dt.date(2027, 5, 27)
REFORMATION = dt.date(2028, 10, 31)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("BY", ["Fronleichnam", ""]),
        ("ST", ["", "Reformationstag"]),
        ("", ["", ""]),
        ("SN", ["", "Reformationstag"]),
    ],
)
def test_each_land_has_its_own_holidays(state, expected):
    found = public_holidays([2027, 2028], state=state)
    assert [found.get(CORPUS_CHRISTI, ""), found.get(REFORMATION, "")] == expected


def test_the_nationwide_holidays_hold_everywhere():
    christmas = dt.date(2027, 12, 25)
    names = {state: public_holidays([2027], state=state)[christmas] for state in ("", "BY", "HH")}
    assert names == dict.fromkeys(("", "BY", "HH"), "Erster Weihnachtstag")


def test_a_treffs_calendar_shows_the_holidays_of_its_own_land(world):
    with scopes_disabled():
        munich = TreffFactory(name="Westendtreff", city="München", holiday_state="BY")
    days = {}
    for treff in (world.franztreff, munich):
        with scope(treff=[treff.pk]):
            (day,) = selectors.days_of(treff=treff, first=CORPUS_CHRISTI, last=CORPUS_CHRISTI)
        days[treff.holiday_state] = day.holiday
    assert days == {"ST": "", "BY": "Fronleichnam"}


def test_a_new_treff_starts_with_the_installations_land(world, settings):
    settings.TREFF_HOLIDAY_STATE = "HE"
    with scopes_disabled():
        treff = Treff.objects.create(name="Neu", slug="neu", carrier=world.drk)
    assert treff.holiday_state == "HE"


def test_the_treffs_land_is_chosen_on_its_edit_page(world, client_for):
    client = client_for("coordinator")
    url = reverse("treffs:edit", args=["franztreff"])
    page = client.get(url).content.decode()
    saved = client.post(url, _treff_data(holiday_state="BY"))
    wrong = client.post(url, _treff_data(holiday_state="XX", name="Anders"))
    with scopes_disabled():
        treff = Treff.objects.get(pk=world.franztreff.pk)
    assert (
        'name="holiday_state"' in page,
        saved.status_code,
        wrong.status_code,
        "XX" in wrong.content.decode(),
        (treff.holiday_state, treff.name),
    ) == (True, 302, 200, True, ("BY", "Franztreff"))


def test_the_lands_are_those_the_holidays_package_knows():
    import holidays

    from treff.treffs.states import STATES

    assert set(STATES) == set(holidays.Germany.subdivisions) - {"Augsburg"}


def _thursdays(world):
    from treff.offers import services
    from treff.offers.models import Offer, Series

    with scopes_disabled():
        offer = services.offer_save(
            offer=Offer(title="Seniorencafé", category="leisure", provider=world.drk),
            treff=world.franztreff,
            user=world.users["coordinator"],
        )
        return services.series_save(
            series=Series(
                offer=offer,
                kind="weekly",
                weekdays=[3],
                starts_on=dt.date(2027, 5, 6),
                ends_on=dt.date(2027, 6, 10),
                start_time=dt.time(14, 30),
                end_time=dt.time(16, 30),
                room=world.room,
            ),
            user=world.users["coordinator"],
        )


def _dates(series) -> list[tuple[str, bool, str]]:
    with scopes_disabled():
        return [
            (f"{occ.original_date:%d.%m.}", occ.cancelled, occ.holiday)
            for occ in series.occurrences.order_by("original_date")
            if occ.original_date in (dt.date(2027, 5, 20), CORPUS_CHRISTI)
        ]


def test_a_new_land_plans_the_series_again_for_its_holidays(world, client_for):
    """Fronleichnam falls out of the Seniorencafé once Franztreff counts Bavaria's holidays,
    and comes back with Sachsen-Anhalt's."""
    series = _thursdays(world)
    before = _dates(series)
    client = client_for("coordinator")
    url = reverse("treffs:edit", args=["franztreff"])
    client.post(url, _treff_data(holiday_state="BY"))
    bavaria = _dates(series)
    client.post(url, _treff_data(holiday_state="ST"))
    assert (before, bavaria, _dates(series)) == (
        [("20.05.", False, ""), ("27.05.", False, "")],
        [("20.05.", False, "")],
        [("20.05.", False, ""), ("27.05.", False, "")],
    )
