"""Services refuse what their forms refuse, by field and with the same message (issue 11).

Each test calls a service directly, as a management command, a task or another service
would, with input its form would never let through. "model" means a field validator or
`clean()` that the service's `full_clean()` runs (one rule for both paths); "service" a
check in the service itself. Rules of a ModelForm's own model fields (lengths, choices,
min/max, required) are "model" throughout and not listed one by one.

Form → service: rule (where: M = model, S = service)
counselling ContactForm → contact_save: topics required and from the list (S); date not ahead,
    follow-up not before it (M Contact.clean, once; no longer repeated in the form);
    referral still active (S); minutes 1–600 (M)
counselling ClientForm → client_save: consent not dated ahead (M Client.clean, once)
offers OfferForm → offer_save: languages from the list (M language_problem)
offers SeriesForm → series_save, series_change_from: rule, dates ±5 y, times, room, clashes
    (M + engine via guarded); apply_from ±5 y (S services_split)
offers SeriesChangeForm → series_change_save: the move itself (M SeriesChange.clean)
offers BookingRequestForm → booking_request_create: rule, dates, times (M)
offers DeclineForm → booking_request_decline: reason required (S)
offers AcceptForm → booking_request_accept: room required (S); room of this Treff (series_save)
offers PlanDecisionForm → plans.plan_decide: comments when returning (S)
operations CorrectionForm → tally_correct: reason required (S; the form shows its text);
    new count 0–10000 (S, the form's validators); a count when setting (form-only, see below)
operations TapForm, CorrectionForm buckets → tally_tap, tally_correct: from the list (S)
operations LunchDayForm → lunch_day_save: allergens from the list (M LunchDay.clean)
operations ClothingDateForm + line formsets → donations_add, handouts_add: date not ahead,
    1 to MAX_CLOTHING_LINES lines (S _lines_add); each line (M)
partners PartnerServiceForm → partner_service_save: languages from the list (M)
planner PlanningRequestForm → planning_request_save: weekdays, room kinds, window (M)
planner ProposeForm → run_create: time limit 1–120 s, grid 15/30/60 (M PlannerRun); a draft
    of this Treff, at least one request (S)
treffs TreffForm → treff_create, treff_update: accessibility from the list (M Treff.clean);
    OpeningHoursFormSet: at most 21 rows (S core.weekly), each row's times (M)
treffs RoomForm → room_save: equipment from the list (M Room.clean)
volunteers TimeRangeMixin (help requests, availability, shift templates) → their services:
    the end after the start, on "end" (M EndAfterStartModel; before: constraint, no field)
volunteers AvailabilityFormSet → volunteer_save: at most 21 rows (S core.weekly), each row (M)
volunteers HelpRequestForm → help_request_intake: a date or a weekday (S)
volunteers PublicHelpForm → public_request_submit: consent (S); date window (S);
    a requestable kind, phone characters (one message, core.models.phone_validator), lengths (M)
volunteers CloseForm → help_request_close: day from recorded to today, ≤ 1440 min (M; a day
    outside the window gets only the window's message, as in the form)
volunteers QualificationForm → qualification_record: date windows (M)
volunteers ShiftAssignForm → shift_assign: an active volunteer of this Treff (S _refusal)
volunteers ShiftTemplateForm → shift_template_save: weekdays, at most a year (M)

Form-only on purpose: ConfirmForm (a confirmation click, not data), LoginForm, the filters
(ContactFilterForm, DirectoryFilter, RoomFilterForm: a bad value only filters nothing),
and CorrectionForm's "enter the new count" (a service call without a count means "subtract
one").
"""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from tests.conftest import TODAY
from treff.counselling import services as counselling_services
from treff.counselling.forms import ClientForm, ContactForm
from treff.counselling.models import Client, Contact
from treff.offers import plans
from treff.offers import services as offer_services
from treff.offers.models import Offer
from treff.operations import services as operation_services
from treff.operations.forms import CorrectionForm
from treff.operations.models import LunchDay
from treff.partners import services as partner_services
from treff.partners.models import PartnerService
from treff.public.forms import PublicHelpForm
from treff.treffs import services as treff_services
from treff.treffs.models import OpeningHours, Room
from treff.volunteers import services as volunteer_services
from treff.volunteers import services_shifts as shift_services
from treff.volunteers.forms import CloseForm
from treff.volunteers.models import Availability, HelpRequest, HelpSeeker, ShiftTemplate


def test_returning_a_plan_without_comments_is_refused_by_the_service(plan_world):
    plan = plan_world.plan.plan_version
    with scopes_disabled():
        plans.plan_submit(plan=plan, user=plan_world.users["coordinator"])
        with pytest.raises(ValidationError) as refused:
            plans.plan_decide(
                plan=plan, approve=False, comments="  ", user=plan_world.users["city"]
            )
        plan.refresh_from_db()
    assert refused.value.message_dict == {
        "comments": ["Sagen Sie, was sich ändern soll, wenn Sie einen Plan zurückgeben."]
    }
    assert plan.status == "submitted"


def test_a_public_request_without_consent_is_refused_by_the_service(help_world):
    data = {
        "name": "Frau Czech",
        "phone": "0340 111222",
        "district": "mitte",
        "kind": "walk",
        "date": TODAY,
        "start": dt.time(14),
        "end": dt.time(15),
        "language": "de",
        "notes": "",
        "consent": False,
        "key": "c" * 32,
    }
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            volunteer_services.public_request_submit(treff=help_world.franztreff, data=data)
        stored = HelpRequest.objects.filter(submission_key="c" * 32).exists()
    assert refused.value.message_dict == {
        "consent": [
            "Ohne Ihre Einwilligung können wir Ihre Anfrage nicht an Ehrenamtliche weitergeben."
        ]
    }
    assert stored is False


def test_a_request_without_date_or_weekday_is_refused_on_date_by_the_service(help_world):
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            volunteer_services.help_request_intake(
                seeker=HelpSeeker(name="Herr Brandt", district="mitte", channel="phone"),
                help_request=HelpRequest(kind="walk", start=dt.time(10), end=dt.time(11)),
                consent=True,
                treff=help_world.franztreff,
                user=help_world.users["coordinator"],
            )
        count = HelpRequest.objects.count()
    assert refused.value.message_dict == {
        "date": ["Geben Sie ein Datum an oder einen Wochentag für wöchentliche Hilfe."]
    }
    assert count == 1  # the fixture's


def test_declining_a_booking_request_without_reason_is_refused_by_the_service(plan_world):
    booking_request = plan_world.plan.booking_request
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            offer_services.booking_request_decline(
                booking_request=booking_request, reason=" ", user=plan_world.users["coordinator"]
            )
        booking_request.refresh_from_db()
    assert refused.value.message_dict == {"reason": ["Dieses Feld ist zwingend erforderlich."]}
    assert booking_request.status == "pending"


@pytest.mark.parametrize("languages", [["de", "xx"], "de", [1]])
def test_offers_and_partner_services_refuse_unknown_languages(world, languages):
    """The forms offer only the list; stored directly, a list of codes is checked too."""
    with scopes_disabled():
        offer = Offer(
            treff=world.franztreff,
            title="Sprachcafé",
            category="crisis",
            provider=world.drk,
            languages=languages,
        )
        with pytest.raises(ValidationError) as offer_refused:
            offer_services.offer_save(
                offer=offer, treff=world.franztreff, user=world.users["coordinator"]
            )
        entry = PartnerService(name="Schuldnerberatung", category="debt", languages=languages)
        with pytest.raises(ValidationError) as entry_refused:
            partner_services.partner_service_save(entry=entry, user=world.users["city"])
    expected = (
        ["Unbekannte Sprache: xx."]
        if languages == ["de", "xx"]
        else ["Wählen Sie Sprachen aus der Liste."]
    )
    assert offer_refused.value.message_dict["languages"] == expected
    assert entry_refused.value.message_dict["languages"] == expected


@pytest.mark.parametrize(
    ("new_total", "message"),
    [
        (-1, "Dieser Wert muss größer oder gleich 0 sein."),
        (100_000, "Dieser Wert muss kleiner oder gleich 10000 sein."),
    ],
)
def test_a_count_outside_the_forms_limits_is_refused_with_the_forms_message(
    world, new_total, message
):
    form = CorrectionForm(
        {
            "fix-key": str(uuid.uuid4()),
            "fix-mode": "set",
            "fix-new_total": new_total,
            "fix-reason": "x",
        }
    )
    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        operation_services.tally_correct(
            treff=world.franztreff,
            day=TODAY,
            key=uuid.uuid4(),
            reason="doppelt getippt",
            new_total=new_total,
            user=world.users["coordinator"],
        )
    assert form.errors == {"new_total": [message]}
    assert refused.value.message_dict == {"new_total": [message]}


def test_a_correction_without_reason_gets_the_services_message_in_the_form_too(world):
    form = CorrectionForm({"fix-key": str(uuid.uuid4()), "fix-mode": "subtract"})
    assert form.errors == {"reason": ["Bitte geben Sie einen Grund für die Korrektur an."]}


@pytest.mark.parametrize(
    ("allergens", "message"),
    [
        (["gluten", "zz", "yy"], "Unbekanntes Allergen: yy, zz."),
        ("gluten", "Wählen Sie Allergene aus der Liste."),
        ([1], "Wählen Sie Allergene aus der Liste."),
    ],
)
def test_a_lunch_day_with_unknown_allergens_is_refused_by_the_service(world, allergens, message):
    """The form offers the 14 allergens only; the lunch table prints their labels."""
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            operation_services.lunch_day_save(
                lunch=LunchDay(date=TODAY, allergens=allergens),
                treff=world.franztreff,
                user=world.users["coordinator"],
            )
        stored = LunchDay.objects.filter(treff=world.franztreff, date=TODAY).exists()
    assert refused.value.message_dict == {"allergens": [message]}
    assert stored is False


@pytest.mark.parametrize("value", ["beamer", 3, [3]])
def test_rooms_and_treffs_refuse_a_list_that_is_no_list_of_choices(world, value):
    """Before, a number here raised TypeError (a 500) instead of a refusal on the field."""
    with scopes_disabled():
        room = Room(name="Saal", kind="group", capacity=20, equipment=value)
        with pytest.raises(ValidationError) as room_refused:
            treff_services.room_save(
                room=room, treff=world.franztreff, user=world.users["coordinator"]
            )
        treff = world.franztreff
        treff.accessibility = value
        with pytest.raises(ValidationError) as treff_refused:
            treff_services.treff_update(treff=treff, user=world.users["coordinator"])
    assert room_refused.value.message_dict == {"equipment": ["Unbekannte Ausstattung."]}
    assert treff_refused.value.message_dict == {
        "accessibility": ["Unbekanntes Merkmal der Barrierefreiheit."]
    }


def test_a_contact_and_a_consent_dated_ahead_get_one_message_from_form_and_service(world):
    """Before, the service added the date window's message to the model's own one."""
    tomorrow = TODAY + dt.timedelta(days=1)
    contact_form = ContactForm(
        {"date": tomorrow, "minutes": 30, "topics": ["debt"], "language": "de"},
        clients=Client.objects.none(),
        instance=Contact(treff=world.franztreff),
    )
    client_form = ClientForm(
        {"name": "Frau Roth", "consent_on": tomorrow, "consent_scope": "contact"},
        instance=Client(treff=world.franztreff),
    )
    with scopes_disabled():
        with pytest.raises(ValidationError) as contact_refused:
            counselling_services.contact_save(
                contact=Contact(date=tomorrow, minutes=30, language="de"),
                topics=["debt"],
                treff=world.franztreff,
                user=world.users["coordinator"],
            )
        with pytest.raises(ValidationError) as client_refused:
            counselling_services.client_save(
                client=Client(name="Frau Roth", consent_on=tomorrow, consent_scope="contact"),
                treff=world.franztreff,
                user=world.users["coordinator"],
            )
        contact_errors, client_errors = contact_form.errors, client_form.errors
    contact_message = {"date": ["Ein Kontakt kann nicht im Voraus dokumentiert werden."]}
    client_message = {"consent_on": ["Die Einwilligung kann nicht in der Zukunft datiert sein."]}
    assert contact_errors == contact_message
    assert contact_refused.value.message_dict == contact_message
    assert client_errors == client_message
    assert client_refused.value.message_dict == client_message


def test_help_given_decades_ago_gets_the_close_forms_one_message_from_the_service(help_world):
    """Before, the service added "before the request was recorded" to the window's message."""
    long_ago = dt.date(2000, 1, 3)
    form = CloseForm({"helped_on": long_ago, "minutes_spent": 30})
    help_request = help_world.help.request
    with scopes_disabled():
        HelpRequest.objects.filter(pk=help_request.pk).update(status=HelpRequest.Status.ACCEPTED)
        with pytest.raises(ValidationError) as refused:
            volunteer_services.help_request_close(
                help_request=help_request,
                status=HelpRequest.Status.DONE,
                minutes=30,
                helped_on=long_ago,
                user=help_world.users["coordinator"],
            )
        help_request.refresh_from_db()
    message = (
        "Der 03.01.2000 liegt zu weit in der Vergangenheit; "
        "geben Sie ein Datum ab dem 30.11.2016 ein."
    )
    assert form.errors == {"helped_on": [message]}
    assert refused.value.message_dict == {"helped_on": [message]}
    assert help_request.status == HelpRequest.Status.ACCEPTED


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (dt.time(15), dt.time(14), "Das Ende muss nach dem Beginn liegen."),
        (
            dt.time(20),
            dt.time(0, 30),
            "Ein Termin endet spätestens um Mitternacht und kann nicht in den nächsten Tag "
            "hineinreichen. Geben Sie für ein Ende um Mitternacht 00:00 ein.",
        ),
    ],
)
def test_times_that_do_not_end_after_the_start_are_refused_on_end_by_the_services(
    help_world, start, end, message
):
    """Before, the services heard the database constraint's message, on no field."""
    user = help_world.users["coordinator"]
    with scopes_disabled():
        with pytest.raises(ValidationError) as request_refused:
            volunteer_services.help_request_intake(
                seeker=HelpSeeker(name="Herr Brandt", district="mitte", channel="phone"),
                help_request=HelpRequest(kind="walk", date=TODAY, start=start, end=end),
                consent=True,
                treff=help_world.franztreff,
                user=user,
            )
        template = ShiftTemplate(
            title="Tresen",
            kind="clothing",
            weekdays=[0],
            start=start,
            end=end,
            starts_on=TODAY,
            ends_on=TODAY,
        )
        with pytest.raises(ValidationError) as template_refused:
            shift_services.shift_template_save(
                template=template, treff=help_world.franztreff, user=user
            )
    assert request_refused.value.message_dict == {"end": [message]}
    assert template_refused.value.message_dict == {"end": [message]}


def test_more_than_21_opening_hours_are_refused_by_the_service_and_nothing_changes(world):
    """Before, only the formset held the limit; a command could store any number."""
    treff = world.franztreff
    rows = [
        OpeningHours(weekday=day % 7, opens=dt.time(8 + day // 7), closes=dt.time(9 + day // 7))
        for day in range(22)
    ]
    with scopes_disabled():
        before = list(treff.opening_hours.values_list("weekday", "opens", "closes"))
        with pytest.raises(ValidationError) as refused:
            treff_services.treff_update(
                treff=treff, opening_hours=rows, user=world.users["coordinator"]
            )
        after = list(treff.opening_hours.values_list("weekday", "opens", "closes"))
    assert refused.value.messages == [
        "Bitte geben Sie höchstens 21 Zeiten pro Woche an (Sie haben 22 angegeben)."
    ]
    assert after == before


def test_opening_hours_given_to_the_service_replace_the_old_ones(world):
    treff = world.franztreff
    windows = [(8, 11), (12, 15), (16, 0)]  # three a day; 00:00 is midnight
    rows = [
        OpeningHours(weekday=day, opens=dt.time(opens), closes=dt.time(closes))
        for day in range(7)
        for opens, closes in windows
    ]
    with scopes_disabled():
        treff_services.treff_update(
            treff=treff, opening_hours=rows, user=world.users["coordinator"]
        )
        stored = list(treff.opening_hours.values_list("weekday", "opens", "closes"))
    assert stored == [
        (day, dt.time(opens), dt.time(closes)) for day in range(7) for opens, closes in windows
    ]


def test_an_availability_row_ending_before_it_starts_is_refused_with_its_number(help_world):
    volunteer = help_world.help.other_volunteer
    rows = [
        Availability(weekday=1, start=dt.time(9), end=dt.time(12)),
        Availability(weekday=2, start=dt.time(15), end=dt.time(14)),
    ]
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            volunteer_services.volunteer_save(
                volunteer=volunteer, availability=rows, user=help_world.users["coordinator"]
            )
        stored = list(volunteer.availability.values_list("weekday", "start", "end"))
    assert refused.value.messages == ["Zeile 2: Das Ende muss nach dem Beginn liegen."]
    assert stored == [(0, dt.time(9), dt.time(13))]


def test_22_availability_rows_are_refused_by_the_service(help_world):
    volunteer = help_world.help.other_volunteer
    rows = [Availability(weekday=day % 7, start=dt.time(8), end=dt.time(9)) for day in range(22)]
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            volunteer_services.volunteer_save(
                volunteer=volunteer, availability=rows, user=help_world.users["coordinator"]
            )
        count = volunteer.availability.count()
    assert refused.value.messages == [
        "Bitte geben Sie höchstens 21 Zeiten pro Woche an (Sie haben 22 angegeben)."
    ]
    assert count == 1


def test_a_public_request_with_a_bad_phone_gets_the_forms_message_from_the_service(help_world):
    """Before, the public form named every allowed character and the service did not."""
    data = {
        "name": "Frau Czech",
        "phone": "0340 abc",
        "district": "mitte",
        "kind": "walk",
        "date": TODAY,
        "start": dt.time(14),
        "end": dt.time(15),
        "language": "de",
        "notes": "",
        "consent": True,
        "key": "d" * 32,
    }
    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        volunteer_services.public_request_submit(treff=help_world.franztreff, data=data)
    form = PublicHelpForm(
        data={**data, "date": TODAY.isoformat(), "start": "14:00", "end": "15:00"}
    )
    assert form.is_valid() is False
    assert refused.value.message_dict == {"phone": form.errors["phone"]}
