"""Load the demo occupancy plan through the services, so it obeys every rule a user meets.

Idempotent: an offer, series, closure, request or plan that exists is left as it is.
"""

import datetime as dt

from django.contrib.auth import get_user_model

from treff.offers import plans, services
from treff.offers.models import (
    BookingRequest,
    ClosureDay,
    Offer,
    PlanRules,
    PlanVersion,
    Series,
    SeriesChange,
)
from treff.planner import services as planner_services
from treff.planner.models import PlanningRequest
from treff.treffs.models import Organisation, Room, Treff

from . import data, plan_data


def demo_plan_load() -> int:
    users = {u.username: u for u in get_user_model().objects.filter(username__in=data.USERS)}
    admin = get_user_model().objects.get(username="admin")
    partners = {
        key: Organisation.objects.get(name=values["name"], department="")
        for key, values in data.PARTNERS.items()
    }
    created = 0
    for slug, series_rows in plan_data.SERIES.items():
        treff = Treff.objects.get(slug=slug)
        PlanRules.objects.get_or_create(treff=treff)
        for day, reason in plan_data.CLOSURES:
            if not ClosureDay.objects.filter(treff=treff, date=day).exists():
                services.closure_add(
                    closure=ClosureDay(date=day, reason=reason), treff=treff, user=admin
                )
        for row in series_rows:
            created += _load_series(treff, row, users, partners, admin)
    for row in plan_data.ONE_OFFS:
        created += _load_one_off(row, partners, admin)
    for row in plan_data.MOVES:
        _load_move(row, admin)
    _load_request(users, partners)
    _load_archived(partners, admin)
    _load_plans(users)
    _load_planning_requests(users, partners, admin)
    return created


def _offer(treff, key, partners, admin) -> Offer:
    title, category, provider, public, audience = plan_data.OFFERS[key]
    existing = Offer.objects.filter(treff=treff, title=title).first()
    if existing:
        return existing
    offer = Offer(
        title=title,
        category=category,
        provider=treff.carrier if provider == "carrier" else partners[provider],
        public=public,
        audience=audience,
        languages=["de", "en"] if category != "lunch" else ["de"],
    )
    return services.offer_save(offer=offer, treff=treff, user=admin)


def _load_series(treff, row, users, partners, admin) -> int:
    key, kind, weekdays, interval, nth, month_day, start, end, room, responsible = row
    offer = _offer(treff, key, partners, admin)
    start_time = dt.time.fromisoformat(start)
    first, last = plan_data.PERIOD
    if Series.objects.filter(offer=offer, start_time=start_time, starts_on=first).exists():
        return 0
    series = Series(
        offer=offer,
        kind=kind,
        starts_on=first,
        ends_on=last,
        interval=interval,
        weekdays=weekdays,
        nth=nth,
        month_day=month_day,
        start_time=start_time,
        end_time=dt.time.fromisoformat(end),
        room=Room.objects.get(treff=treff, name=room),
        responsible=users.get(responsible) if responsible else None,
    )
    services.series_save(series=series, user=admin)
    return 1


def _load_one_off(row, partners, admin) -> int:
    slug, key, day, start, end, room = row
    treff = Treff.objects.get(slug=slug)
    offer = _offer(treff, key, partners, admin)
    if Series.objects.filter(offer=offer, kind="once", starts_on=day).exists():
        return 0
    series = Series(
        offer=offer,
        kind="once",
        starts_on=day,
        ends_on=day,
        start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
        room=Room.objects.get(treff=treff, name=room),
    )
    services.series_save(series=series, user=admin)
    return 1


def _load_move(row, admin) -> None:
    slug, key, day, new_date, reason = row
    title = plan_data.OFFERS[key][0]
    series = Series.objects.get(
        treff__slug=slug, offer__title=title, starts_on__lte=day, ends_on__gte=day
    )
    if SeriesChange.objects.filter(series=series, original_date=day).exists():
        return
    services.series_change_save(
        change=SeriesChange(series=series, original_date=day, new_date=new_date, reason=reason),
        cancel=False,
        user=admin,
    )


def _load_request(users, partners) -> None:
    """beratung asks Franztreff for a second fortnightly debt-counselling slot."""
    requester = users["beratung"]
    if BookingRequest.objects.filter(requested_by=requester).exists():
        return
    services.booking_request_create(
        booking_request=BookingRequest(
            provider=partners["schuldnerberatung"],
            title="Schuldnerberatung – zweite Sprechstunde",
            kind="weekly",
            interval=2,
            weekdays=[3],
            starts_on=dt.date(2027, 1, 7),
            ends_on=dt.date(2027, 6, 30),
            start_time=dt.time(13),
            end_time=dt.time(15),
            message=(
                "Die Nachfrage ist groß; wir würden gern donnerstags eine zweite "
                "Sprechstunde anbieten."
            ),
        ),
        treff=Treff.objects.get(slug="franztreff"),
        user=requester,
    )


def _load_archived(partners, admin) -> None:
    """Franztreff's Saturday knitting café ran from September and was given up: archived,
    so its autumn dates stay in the history while nothing of it lies ahead."""
    treff = Treff.objects.get(slug="franztreff")
    title = plan_data.OFFERS[plan_data.ARCHIVED_OFFER][0]
    if Offer.objects.filter(treff=treff, title=title).exists():
        return
    offer = _offer(treff, plan_data.ARCHIVED_OFFER, partners, admin)
    services.series_save(
        series=Series(
            offer=offer,
            kind="weekly",
            weekdays=[plan_data.SAT],
            starts_on=dt.date(2026, 9, 5),
            ends_on=dt.date(2027, 6, 26),
            start_time=dt.time(10),
            end_time=dt.time(12),
            room=Room.objects.get(treff=treff, name="Gruppenraum"),
        ),
        user=admin,
    )
    services.offer_archive(offer=offer, user=admin)


def _load_plans(users) -> None:
    """Franztreff: 2nd half of 2026 approved; 1st half of 2027 submitted and waiting."""
    treff = Treff.objects.get(slug="franztreff")
    coordinator, city = users["franztreff"], users["stadt"]
    if PlanVersion.objects.filter(treff=treff).exists():
        return
    approved = plans.plan_create(
        plan=PlanVersion(
            title="2. Halbjahr 2026", valid_from=dt.date(2026, 7, 1), valid_to=dt.date(2026, 12, 31)
        ),
        treff=treff,
        user=coordinator,
    )
    plans.plan_submit(plan=approved, user=coordinator)
    plans.plan_decide(
        plan=approved, approve=True, comments="Einverstanden. Vielen Dank!", user=city
    )
    waiting = plans.plan_create(
        plan=PlanVersion(
            title="1. Halbjahr 2027", valid_from=dt.date(2027, 1, 1), valid_to=dt.date(2027, 6, 30)
        ),
        treff=treff,
        user=coordinator,
    )
    plans.plan_submit(plan=waiting, user=coordinator)
    plans.plan_create(
        plan=PlanVersion(
            title="2. Halbjahr 2027", valid_from=dt.date(2027, 7, 1), valid_to=dt.date(2027, 12, 31)
        ),
        treff=treff,
        user=coordinator,
    )


def _load_planning_requests(users, partners, admin) -> None:
    """New offers for the second half of 2027 that the automatic planner is to place."""
    treff = Treff.objects.get(slug="franztreff")
    if PlanningRequest.objects.filter(treff=treff).exists():
        return
    for row in plan_data.PLANNING_REQUESTS:
        key, sessions, every, minutes, days, start, end, kinds, people, groups, spread, who = row
        planner_services.planning_request_save(
            planning_request=PlanningRequest(
                offer=_offer(treff, key, partners, admin),
                sessions=sessions,
                every_weeks=every,
                minutes=minutes,
                weekdays=days,
                window_start=dt.time.fromisoformat(start),
                window_end=dt.time.fromisoformat(end),
                room_kinds=kinds,
                attendees=people,
                audience=groups,
                min_days=spread,
                responsible=users.get(who) if who else None,
            ),
            treff=treff,
            user=admin,
        )
