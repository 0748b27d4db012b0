"""The public form "Ich möchte mich engagieren" (issue 15, item 2): an application lands with
the coordinator, who accepts it (an active volunteer) or declines it (deleted); applicants
count nowhere as volunteers."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from tests.conftest import TODAY
from treff.volunteers import selectors, selectors_reports
from treff.volunteers.models import Volunteer, VolunteerApplication

DATA = {
    "first_name": "Karin",
    "last_name": "Vogel",
    "phone": "0340 222333",
    "email": "",
    "help_kinds": ["walk", "lunch"],
    "when": "dienstags vormittags",
    "languages": ["de", "ru"],
    "district": "mitte",
    "consent": "on",
    "key": "v" * 32,
}


def url(slug="franztreff", lang="en"):
    with translation.override(lang):
        return reverse("public:volunteer", args=[slug])


def applications():
    with scopes_disabled():
        return list(VolunteerApplication.objects.values_list("first_name", flat=True))


def volunteer_names():
    with scopes_disabled():
        return sorted(Volunteer.objects.values_list("first_name", flat=True))


def test_an_application_arrives_and_the_visitor_is_thanked_in_their_language(world, client):
    response = client.post(url(lang="ar"), DATA)
    assert response.status_code == 200
    assert response.templates[0].name == "public/volunteer_thanks.html"
    with scopes_disabled():
        application = VolunteerApplication.objects.get()
    assert (
        application.treff_id,
        application.first_name,
        application.last_name,
        application.phone,
        application.email,
        application.help_kinds,
        application.when,
        application.languages,
        application.district,
        application.consent_on,
    ) == (
        world.franztreff.pk,
        "Karin",
        "Vogel",
        "0340 222333",
        "",
        ["walk", "lunch"],
        "dienstags vormittags",
        ["de", "ru"],
        "mitte",
        TODAY,
    )
    english = client.post(url(), {**DATA, "key": "w" * 32})
    assert "Your offer to volunteer has arrived. We will get in touch with you." in (
        english.content.decode()
    )


def test_the_form_offers_every_kind_of_help_and_languages_in_their_own_names(world, client):
    page = client.get(url()).content.decode()
    for value in ("shopping", "handyman", "lunch", "clothing", "digital"):
        assert f'value="{value}"' in page
    assert "Українська" in page
    assert "العربية" in page


def test_the_same_form_sent_twice_is_stored_once(world, client):
    first = client.post(url(), DATA)
    second = client.post(url(), DATA)
    assert (first.status_code, second.status_code) == (200, 200)
    assert applications() == ["Karin"]
    assert "We already have your offer to volunteer" in second.content.decode()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"consent": ""}, "consent", "Without your consent we cannot store your details."),
        (
            {"phone": "", "email": ""},
            "phone",
            "Give a phone number or an e-mail address, so we can reach you.",
        ),
        ({"help_kinds": []}, "help_kinds", "Choose at least one kind of help."),
        ({"first_name": ""}, "first_name", "This field is required."),
        ({"email": "nicht-da"}, "email", "Enter a valid email address."),
        ({"district": "atlantis"}, "district", None),
        ({"help_kinds": ["flying"]}, "help_kinds", None),
        ({"languages": ["xx"]}, "languages", None),
        ({"when": "ш" * 201}, "when", None),
        ({"first_name": "ب" * 101}, "first_name", None),
    ],
)
def test_bad_input_is_a_message_on_its_field_and_nothing_is_stored(
    world, client, change, field, message
):
    response = client.post(url(), {**DATA, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if message:
        assert errors[field] == [message]
    assert applications() == []


def test_text_up_to_the_limit_in_other_scripts_is_kept(world, client):
    data = {**DATA, "first_name": "ب" * 100, "last_name": "Ж" * 100, "when": "ш" * 200}
    response = client.post(url(), data)
    assert response.status_code == 200
    with scopes_disabled():
        application = VolunteerApplication.objects.get()
    assert (application.first_name, application.when) == ("ب" * 100, "ш" * 200)


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(world, client):
    response = client.post(url(), {**DATA, "website": "http://spam.example"})
    assert response.status_code == 200
    assert response.templates[0].name == "public/volunteer_thanks.html"
    assert applications() == []


@pytest.mark.parametrize("slug", ["nirgendwo", "inactive"])
def test_an_unknown_or_inactive_treff_is_not_found(world, client, slug):
    if slug == "inactive":
        with scopes_disabled():
            world.rosseltreff.active = False
            world.rosseltreff.save()
        slug = "rosseltreff"
    assert (client.get(url(slug)).status_code, client.post(url(slug), DATA).status_code) == (
        404,
        404,
    )
    assert applications() == []


def _apply(client):
    client.post(url(), DATA)
    with scopes_disabled():
        return VolunteerApplication.objects.get()


def test_applicants_are_no_volunteers_in_lists_matching_or_reports(world, client):
    application = _apply(client)
    assert volunteer_names() == []
    year = (TODAY.replace(month=1, day=1), TODAY.replace(month=12, day=31))
    with scopes_disabled():
        counts = selectors_reports.active_volunteers(
            [world.franztreff.pk], first=year[0], last=year[1]
        )
    assert (counts[world.franztreff.pk, "listed"], counts[world.franztreff.pk, "contributed"]) == (
        0,
        0,
    )
    with scopes_disabled():
        waiting = selectors.application_counts([world.franztreff.pk])
    assert waiting == {world.franztreff.pk: 1}
    assert application.pk is not None


def test_the_coordinator_sees_the_application_and_accepts_it(world, client, client_for):
    application = _apply(client)
    coordinator = client_for("coordinator")
    listing = coordinator.get(reverse("volunteers:applications", args=["franztreff"]))
    assert listing.status_code == 200
    assert "Karin Vogel" in listing.content.decode()
    volunteers = coordinator.get(reverse("volunteers:list", args=["franztreff"]))
    assert volunteers.context["applications"] == 1
    dashboard = coordinator.get(reverse("dashboard:home"))
    assert [(t.slug, a, i) for t, a, i in dashboard.context["public_inbox"]] == [
        ("franztreff", 1, 0)
    ]
    detail = reverse("volunteers:application_detail", args=["franztreff", application.pk])
    assert coordinator.get(detail).status_code == 200
    response = coordinator.post(detail, {"action": "accept"})
    with scopes_disabled():
        volunteer = Volunteer.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("volunteers:edit", args=["franztreff", volunteer.pk])
    assert (
        volunteer.treff_id,
        str(volunteer),
        volunteer.status,
        volunteer.started_on,
        volunteer.help_kinds,
        volunteer.languages,
        volunteer.confidentiality_signed_on,
        volunteer.clearance_seen_on,
    ) == (
        world.franztreff.pk,
        "Karin Vogel",
        "active",
        TODAY,
        ["walk", "lunch"],
        ["de", "ru"],
        None,
        None,
    )
    assert applications() == []


def test_the_carrier_declines_and_nothing_stays(world, client, client_for):
    application = _apply(client)
    detail = reverse("volunteers:application_detail", args=["franztreff", application.pk])
    response = client_for("carrier").post(detail, {"action": "decline"})
    assert (response.status_code, response.url) == (
        302,
        reverse("volunteers:applications", args=["franztreff"]),
    )
    assert (applications(), volunteer_names()) == ([], [])


@pytest.mark.parametrize(
    ("user", "status"),
    [("outsider", 404), ("other_carrier", 404), ("city", 403), ("volunteer", 403)],
)
def test_others_can_neither_see_nor_answer_an_application(world, client, client_for, user, status):
    application = _apply(client)
    other = client_for(user)
    detail = reverse("volunteers:application_detail", args=["franztreff", application.pk])
    assert other.get(reverse("volunteers:applications", args=["franztreff"])).status_code == status
    assert other.get(detail).status_code == status
    assert other.post(detail, {"action": "accept"}).status_code == status
    assert (applications(), volunteer_names()) == (["Karin"], [])


def test_the_outsider_does_not_find_it_through_their_own_treff(world, client, client_for):
    application = _apply(client)
    detail = reverse("volunteers:application_detail", args=["rosseltreff", application.pk])
    assert client_for("outsider").post(detail, {"action": "accept"}).status_code == 404
    assert applications() == ["Karin"]


def test_a_second_accept_of_the_same_application_adds_no_second_volunteer(world, client):
    """Two coordinators open the application in two tabs and both accept: the second finds it
    gone and gets a message instead of an error page."""
    from django.core.exceptions import ValidationError

    from treff.volunteers import services_applications

    application = _apply(client)
    coordinator = world.users["coordinator"]
    with scopes_disabled():
        services_applications.application_accept(application=application, user=coordinator)
        with pytest.raises(ValidationError) as refused, translation.override("en"):
            services_applications.application_accept(application=application, user=coordinator)
        assert refused.value.messages == ["This application has already been accepted or declined."]
    assert (applications(), volunteer_names()) == ([], ["Karin"])


@pytest.mark.parametrize("action", ["", "delete", "ACCEPT"])
def test_an_unknown_action_is_a_bad_request_and_changes_nothing(world, client, client_for, action):
    application = _apply(client)
    detail = reverse("volunteers:application_detail", args=["franztreff", application.pk])
    response = client_for("coordinator").post(detail, {"action": action}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Choose whether to accept or to decline the application." in response.content.decode()
    assert (applications(), volunteer_names()) == (["Karin"], [])
