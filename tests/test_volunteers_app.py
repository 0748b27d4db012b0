"""Neighbourhood help in the app: intake, the public form, proposals, answers, privacy."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.volunteers import services
from treff.volunteers.models import HelpRequest, HelpSeeker, Volunteer


def _intake_data(**overrides):
    data = {
        "seeker-name": "Herr Brandt",
        "seeker-phone": "0340 654321",
        "seeker-address": "",
        "seeker-district": "sued_innenstadt",
        "seeker-language": "de",
        "seeker-special_needs": "Rollator",
        "seeker-channel": "phone",
        "seeker-consent": "on",
        "request-kind": "shopping",
        "request-date": "2026-12-07",
        "request-weekday": "",
        "request-start": "10:00",
        "request-end": "11:00",
        "request-urgency": "2",
        "request-prefers_gender": "",
        "request-notes": "",
    }
    data.update(overrides)
    return data


def test_coordinator_takes_a_request_by_phone_with_consent(help_world, client_for):
    response = client_for("coordinator").post(
        reverse("volunteers:help_intake", args=["franztreff"]), _intake_data()
    )
    assert response.status_code == 302
    with scopes_disabled():
        seeker = HelpSeeker.objects.get(name="Herr Brandt")
        request = seeker.requests.get()
    assert (seeker.consents, seeker.special_needs, request.kind) == (True, "Rollator", "shopping")


def test_a_request_without_date_or_weekday_is_refused(help_world, client_for):
    response = client_for("coordinator").post(
        reverse("volunteers:help_intake", args=["franztreff"]),
        _intake_data(**{"request-date": ""}),
    )
    assert response.status_code == 200
    assert response.context["request_form"].errors == {
        "date": ["Geben Sie ein Datum an oder einen Wochentag für wöchentliche Hilfe."]
    }
    with scopes_disabled():
        assert HelpSeeker.objects.filter(name="Herr Brandt").exists() is False


def test_the_public_form_sent_twice_saves_one_request(help_world, client):
    data = {
        "name": "Frau Czech",
        "phone": "0340 111222",
        "district": "mitte",
        "kind": "walk",
        "date": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        "start": "14:00",
        "end": "15:00",
        "language": "de",
        "notes": "",
        "consent": "on",
        "key": "k" * 32,
    }
    url = reverse("public:help", args=["franztreff"])
    first = client.post(url, data)
    second = client.post(url, data)
    assert (first.context["created"], second.context["created"]) == (True, False)
    with scopes_disabled():
        assert HelpRequest.objects.filter(seeker__name="Frau Czech").count() == 1
        assert HelpSeeker.objects.get(name="Frau Czech").channel == "web"


def test_the_public_form_refuses_an_unknown_district_and_a_past_day(help_world, client):
    data = {
        "name": "Frau Czech",
        "phone": "0340 111222",
        "district": "Atlantis",
        "kind": "walk",
        "date": "2020-01-01",
        "start": "14:00",
        "end": "15:00",
        "language": "de",
        "consent": "on",
        "key": "x" * 32,
    }
    response = client.post(reverse("public:help", args=["franztreff"]), data)
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["date", "district"]
    with scopes_disabled():
        assert HelpSeeker.objects.filter(name="Frau Czech").exists() is False


def test_candidates_are_ranked_with_reasons(help_world, client_for):
    request = help_world.help.request
    response = client_for("coordinator").get(
        reverse("volunteers:help_detail", args=["franztreff", request.pk])
    )
    names = [str(c.volunteer) for c in response.context["candidates"]]
    assert names == ["Gerda Neumann", "Bernd Bauer"]
    assert response.context["candidates"][0].reasons != []


def test_a_request_without_consent_is_never_passed_on(help_world, client_for):
    with scopes_disabled():
        HelpSeeker.objects.filter(pk=help_world.help.seeker.pk).update(consent_on=None)
    request = help_world.help.request
    client = client_for("coordinator")
    page = client.get(reverse("volunteers:help_detail", args=["franztreff", request.pk]))
    assert page.context["candidates"] == []
    client.post(
        reverse("volunteers:help_detail", args=["franztreff", request.pk]),
        {"action": "propose", "volunteer": help_world.help.volunteer.pk},
    )
    with scopes_disabled():
        request.refresh_from_db()
    assert (request.status, request.volunteer) == ("open", None)


def test_accompaniment_needs_a_valid_police_clearance(help_world, client_for):
    request = help_world.help.request
    with scopes_disabled():
        HelpRequest.objects.filter(pk=request.pk).update(kind="accompaniment")
    client = client_for("coordinator")
    page = client.get(reverse("volunteers:help_detail", args=["franztreff", request.pk]))
    assert [str(c.volunteer) for c in page.context["candidates"]] == []  # Bernd: no clearance
    client.post(
        reverse("volunteers:help_detail", args=["franztreff", request.pk]),
        {"action": "propose", "volunteer": help_world.help.other_volunteer.pk},
    )
    with scopes_disabled():
        request.refresh_from_db()
    assert request.status == "open"


def test_proposal_mail_then_the_volunteer_accepts_on_their_page(
    help_world, client_for, django_capture_on_commit_callbacks
):
    request = help_world.help.request
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            reverse("volunteers:help_detail", args=["franztreff", request.pk]),
            {"action": "propose", "volunteer": help_world.help.volunteer.pk},
        )
    assert [m.to for m in mail.outbox] == [["gerda@example.org"]]
    volunteer_client = client_for("volunteer")
    page = volunteer_client.get(reverse("volunteers:me"))
    assert [a.pk for a in page.context["assignments"]] == [request.pk]
    assert b"0340 123456" not in page.content  # contact only once accepted
    volunteer_client.post(reverse("volunteers:answer", args=[request.pk]), {"answer": "accept"})
    with scopes_disabled():
        request.refresh_from_db()
    assert request.status == "accepted"
    assert request.accepted_at is not None
    assert b"0340 123456" in volunteer_client.get(reverse("volunteers:me")).content


def test_someone_elses_assignment_cannot_be_answered(help_world, client_for):
    request = help_world.help.request
    with scopes_disabled():
        HelpRequest.objects.filter(pk=request.pk).update(
            status="proposed", volunteer=help_world.help.other_volunteer
        )
    response = client_for("volunteer").post(
        reverse("volunteers:answer", args=[request.pk]), {"answer": "accept"}
    )
    assert response.status_code == 404
    with scopes_disabled():
        request.refresh_from_db()
    assert request.status == "proposed"


def test_assign_all_proposes_and_the_coordinator_confirms(help_world, client_for):
    client = client_for("coordinator")
    page = client.get(reverse("volunteers:assign_all", args=["franztreff"]))
    pairs = page.context["proposal"].pairs
    assert [(p["request"].pk, str(p["volunteer"])) for p in pairs] == [
        (help_world.help.request.pk, "Gerda Neumann")
    ]
    client.post(
        reverse("volunteers:assign_all", args=["franztreff"]),
        {"pair": [f"{help_world.help.request.pk}:{help_world.help.volunteer.pk}"]},
    )
    with scopes_disabled():
        assert HelpRequest.objects.get().status == "proposed"


PROFILE_FIELDS = [
    "phone", "email", "help_kinds", "languages", "district", "mobility", "reach_km", "max_open"
]  # fmt: skip


def _labels(form) -> list[tuple[str, str]]:
    return [(str(form[name].label), str(form[name].help_text)) for name in PROFILE_FIELDS]


def test_the_own_profile_asks_the_volunteer(help_world, client_for):
    page = client_for("volunteer").get(reverse("volunteers:me"))
    assert _labels(page.context["form"]) == [
        ("Ihre Telefonnummer", ""),
        ("Ihre E-Mail-Adresse", ""),
        ("Welche Hilfe bieten Sie an?", ""),
        ("Welche Sprachen sprechen Sie?", ""),
        ("In welchem Stadtteil wohnen Sie?", ""),
        ("Wie sind Sie unterwegs?", ""),
        (
            "Wie weit sind Sie höchstens unterwegs (km)?",
            "Wenn Sie das Feld leer lassen, gilt die übliche Entfernung für Ihre Art der "
            "Fortbewegung.",
        ),
        ("Wie viele Einsätze können Sie gleichzeitig übernehmen?", ""),
    ]
    html = page.content.decode()
    assert (html.count("Wann haben Sie meist Zeit?"), html.count("Übliche freie Zeiten")) == (1, 0)


def test_the_coordinators_form_speaks_about_the_volunteer(help_world, client_for):
    volunteer = help_world.help.volunteer
    page = client_for("coordinator").get(
        reverse("volunteers:edit", args=["franztreff", volunteer.pk])
    )
    assert _labels(page.context["form"]) == [
        ("Telefon", ""),
        ("E-Mail", ""),
        ("Angebotene Hilfe", ""),
        ("Sprachen", ""),
        ("Wohnort (Stadtteil)", ""),
        ("Fortbewegung", ""),
        ("Höchste Entfernung (km)", "Leer: die übliche Entfernung für die gewählte Fortbewegung."),
        ("Höchstens … offene Einsätze", ""),
    ]
    html = page.content.decode()
    assert (html.count("Wann haben Sie meist Zeit?"), html.count("Übliche freie Zeiten")) == (0, 1)


def test_a_police_clearance_date_in_the_future_is_refused(help_world, client_for):
    volunteer = help_world.help.other_volunteer
    response = client_for("coordinator").post(
        reverse("volunteers:edit", args=["franztreff", volunteer.pk]),
        {
            "first_name": "Bernd",
            "last_name": "Bauer",
            "gender": "",
            "phone": "",
            "email": "",
            "help_kinds": ["shopping"],
            "languages": ["de"],
            "district": "nord",
            "mobility": "bike",
            "reach_km": "",
            "max_open": "2",
            "started_on": "2024-01-01",
            "status": "active",
            "clearance_issued_on": "2099-01-01",
            "clearance_seen_on": "2099-01-02",
            "times-TOTAL_FORMS": "0",
            "times-INITIAL_FORMS": "0",
            "times-MIN_NUM_FORMS": "0",
            "times-MAX_NUM_FORMS": "21",
        },
    )
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["clearance_issued_on", "clearance_seen_on"]
    with scopes_disabled():
        assert Volunteer.objects.get(pk=volunteer.pk).clearance_issued_on is None


@pytest.mark.parametrize("user", ["volunteer", "counsellor", "outsider"])
def test_only_coordinators_see_the_volunteer_list(help_world, client_for, user):
    status = client_for(user).get(reverse("volunteers:list", args=["franztreff"])).status_code
    assert status == {"volunteer": 403, "counsellor": 403, "outsider": 404}[user]


def test_coordinators_are_reminded_of_clearances_due_for_renewal(help_world, client_for):
    with scopes_disabled():
        Volunteer.objects.filter(pk=help_world.help.volunteer.pk).update(
            clearance_issued_on=timezone.localdate() - dt.timedelta(days=5 * 365 - 20),
            clearance_seen_on=timezone.localdate() - dt.timedelta(days=5 * 365 - 30),
        )
    page = client_for("coordinator").get(reverse("dashboard:home"))
    assert [str(v) for v in page.context["clearances_due"]] == ["Gerda Neumann"]
    assert "clearances_due" not in client_for("volunteer").get(reverse("dashboard:home")).context


def test_home_coordinates_need_both_values_and_lie_in_the_city(help_world, client_for):
    volunteer = help_world.help.other_volunteer
    base = {
        "first_name": "Bernd",
        "last_name": "Bauer",
        "gender": "",
        "phone": "",
        "email": "",
        "help_kinds": ["shopping"],
        "languages": ["de"],
        "district": "nord",
        "mobility": "bike",
        "reach_km": "",
        "max_open": "2",
        "started_on": "2024-01-01",
        "status": "active",
        "times-TOTAL_FORMS": "0",
        "times-INITIAL_FORMS": "0",
        "times-MIN_NUM_FORMS": "0",
        "times-MAX_NUM_FORMS": "21",
    }
    client = client_for("coordinator")
    url = reverse("volunteers:edit", args=["franztreff", volunteer.pk])
    lone = client.post(url, {**base, "latitude": "51.84"})
    assert list(lone.context["form"].errors) == ["longitude"]
    saved = client.post(url, {**base, "latitude": "51.84", "longitude": "12.24"})
    assert saved.status_code == 302
    with scopes_disabled():
        volunteer.refresh_from_db()
    assert (str(volunteer.latitude), str(volunteer.longitude)) == ("51.84000", "12.24000")


def test_assign_all_service_refuses_another_treffs_volunteer_before_writing(help_world):
    world = help_world
    with scopes_disabled():
        stranger = Volunteer.objects.create(
            treff=world.rosseltreff, first_name="Olga", last_name="Fremd"
        )
        with pytest.raises(ValidationError) as refused:
            services.help_requests_propose_all(
                treff=world.franztreff,
                pairs=[(world.help.request, world.help.volunteer), (world.help.request, stranger)],
                user=world.users["coordinator"],
            )
        world.help.request.refresh_from_db()
        assert refused.value.messages == [
            "Eine Anfrage oder eine ehrenamtliche Person gehört zu einem anderen Treff."
        ]
        assert (world.help.request.status, world.help.request.volunteer) == ("open", None)


def test_assign_all_service_leaves_out_a_request_no_longer_open_and_asks_the_rest(help_world):
    world = help_world
    with scopes_disabled():
        coordinator = world.users["coordinator"]
        asked, refused = services.help_requests_propose_all(
            treff=world.franztreff,
            pairs=[
                (world.help.request, world.help.volunteer),
                (world.help.request, world.help.other_volunteer),
            ],
            user=coordinator,
        )
        world.help.request.refresh_from_db()
        assert (asked, world.help.request.volunteer) == (1, world.help.volunteer)
        assert refused == [f"{world.help.request}: Diese Anfrage ist nicht mehr offen."]


def test_an_untouched_empty_availability_row_is_skipped_not_demanded(help_world, client_for):
    """The form's blank extra row posts the select's first weekday (Monday) and no times;
    the volunteer is saved without an availability instead of "Von/Bis: required"."""
    response = client_for("coordinator").post(
        reverse("volunteers:create", args=["franztreff"]),
        {
            "first_name": "Ольга",
            "last_name": "Test",
            "gender": "",
            "phone": "",
            "email": "",
            "help_kinds": ["shopping"],
            "district": "nord",
            "mobility": "foot",
            "reach_km": "",
            "max_open": "2",
            "started_on": "2026-11-01",
            "status": "active",
            "times-TOTAL_FORMS": "1",
            "times-INITIAL_FORMS": "0",
            "times-MIN_NUM_FORMS": "0",
            "times-MAX_NUM_FORMS": "21",
            "times-0-weekday": "0",
            "times-0-start": "",
            "times-0-end": "",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        volunteer = Volunteer.objects.get(first_name="Ольга")
        assert list(volunteer.availability.all()) == []
