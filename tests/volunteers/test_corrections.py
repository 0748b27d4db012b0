"""Help requests (issue 10, item 8): the coordinator corrects a request and the change is kept
(which fields, by whom, when; no values, no personal data in logs); the address taken at
intake is for the coordinator, never for the carrier or the city, and for a volunteer only
once accepted; "overdue" says why."""

import datetime as dt
import logging

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from treff.volunteers.models import HelpRequest, HelpRequestChange, HelpSeeker

ADDRESS = "Kavalierstraße 12"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _edit_data(help_world, **overrides):
    request = help_world.help.request
    data = {
        "seeker-name": "Frau Albrecht",
        "seeker-phone": "0340 123456",
        "seeker-address": "",
        "seeker-district": "sued_innenstadt",
        "seeker-language": "de",
        "seeker-special_needs": "",
        "seeker-channel": "phone",
        "seeker-consent": "on",
        "request-kind": "shopping",
        "request-date": request.date.isoformat(),
        "request-weekday": "",
        "request-start": "10:00",
        "request-end": "11:00",
        "request-urgency": "2",
        "request-prefers_gender": "",
        "request-notes": "",
    }
    data.update(overrides)
    return data


def _edit_url(help_world):
    return reverse("volunteers:help_edit", args=["franztreff", help_world.help.request.pk])


def _detail_url(help_world):
    return reverse("volunteers:help_detail", args=["franztreff", help_world.help.request.pk])


def test_the_coordinator_corrects_a_request_and_the_change_is_kept_without_values(
    help_world, client_for, caplog
):
    client = client_for("coordinator")
    assert client.get(_edit_url(help_world)).status_code == 200
    with caplog.at_level(logging.INFO, logger="treff.volunteers"):
        response = client.post(
            _edit_url(help_world),
            _edit_data(help_world, **{"request-date": "2026-12-08", "seeker-phone": "0340 999888"}),
        )
    assert response.status_code == 302
    with scopes_disabled():
        request = HelpRequest.objects.select_related("seeker").get(pk=help_world.help.request.pk)
        change = HelpRequestChange.objects.get()
    assert (request.date, request.seeker.phone, request.status) == (
        dt.date(2026, 12, 8),
        "0340 999888",
        "open",
    )
    assert (change.request_id, change.changed_by, change.fields) == (
        request.pk,
        help_world.users["coordinator"],
        ["date", "seeker.phone"],
    )
    assert [r.getMessage() for r in caplog.records if "corrected" in r.getMessage()] == [
        f"help request corrected: request={request.pk} fields=date,seeker.phone "
        f"by user={help_world.users['coordinator'].pk}"
    ]
    with translation.override("en"):
        assert change.field_labels() == ["Date", "Phone"]
    page = client.get(_detail_url(help_world))
    assert [c.pk for c in page.context["changes"]] == [change.pk]


def test_a_correction_without_changes_keeps_no_entry(help_world, client_for):
    response = client_for("coordinator").post(_edit_url(help_world), _edit_data(help_world))
    assert response.status_code == 302
    with scopes_disabled():
        assert HelpRequestChange.objects.count() == 0


def test_a_corrected_date_must_not_lie_in_the_past(help_world, client_for):
    response = client_for("coordinator").post(
        _edit_url(help_world), _edit_data(help_world, **{"request-date": "2026-11-20"}), **EN
    )
    assert response.status_code == 200
    assert response.context["request_form"].errors == {"date": ["This day has passed."]}
    with scopes_disabled():
        assert HelpRequest.objects.get().date == help_world.help.request.date
        assert HelpRequestChange.objects.count() == 0


def test_a_finished_request_is_corrected_with_its_day_and_minutes(help_world, client_for):
    with scopes_disabled():
        HelpRequest.objects.filter(pk=help_world.help.request.pk).update(
            created_at=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC),
            status="done",
            volunteer=help_world.help.volunteer,
            date=dt.date(2026, 11, 23),
            helped_on=dt.date(2026, 11, 23),
            minutes_spent=60,
            closed_at=timezone.now(),
        )
    data = _edit_data(
        help_world,
        **{
            "request-date": "2026-11-23",
            "request-helped_on": "2026-11-24",
            "request-minutes_spent": "75",
        },
    )
    response = client_for("coordinator").post(_edit_url(help_world), data)
    assert response.status_code == 302
    with scopes_disabled():
        request = HelpRequest.objects.get()
        change = HelpRequestChange.objects.get()
    assert (request.helped_on, request.minutes_spent, request.status) == (
        dt.date(2026, 11, 24),
        75,
        "done",
    )
    assert change.fields == ["helped_on", "minutes_spent"]


def test_the_volunteer_who_accepted_is_told_which_parts_changed(
    help_world, client_for, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        HelpRequest.objects.filter(pk=help_world.help.request.pk).update(
            status="accepted", volunteer=help_world.help.volunteer
        )
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _edit_url(help_world),
            _edit_data(help_world, **{"seeker-phone": "0340 999888"}),
        )
    assert mail.outbox == []  # the phone number is not news for her: she sees it on her page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _edit_url(help_world),
            _edit_data(help_world, **{"seeker-phone": "0340 999888", "request-start": "09:30"}),
        )
    assert [m.to for m in mail.outbox] == [["gerda@example.org"]]
    assert mail.outbox[0].body.count("0340 999888") == 0


def test_only_the_coordinator_corrects_requests(help_world, client_for):
    statuses = {
        user: client_for(user).get(_edit_url(help_world)).status_code
        for user in ("coordinator", "carrier", "city", "volunteer", "outsider")
    }
    assert statuses == {
        "coordinator": 200,
        "carrier": 403,
        "city": 403,
        "volunteer": 403,
        "outsider": 404,
    }


def test_the_address_is_shown_to_the_coordinator_but_not_to_the_carrier(help_world, client_for):
    with scopes_disabled():
        HelpSeeker.objects.filter(pk=help_world.help.seeker.pk).update(address=ADDRESS)
    shown = {
        user: client_for(user).get(_detail_url(help_world)).content.decode().count(ADDRESS)
        for user in ("coordinator", "carrier")
    }
    assert shown == {"coordinator": 1, "carrier": 0}


def test_a_volunteer_sees_the_address_only_after_accepting(help_world, client_for):
    with scopes_disabled():
        HelpSeeker.objects.filter(pk=help_world.help.seeker.pk).update(address=ADDRESS)
        HelpRequest.objects.filter(pk=help_world.help.request.pk).update(
            status="proposed", volunteer=help_world.help.volunteer
        )
    client = client_for("volunteer")
    before = client.get(reverse("volunteers:me")).content.decode().count(ADDRESS)
    client.post(
        reverse("volunteers:answer", args=[help_world.help.request.pk]), {"answer": "accept"}
    )
    after = client.get(reverse("volunteers:me")).content.decode().count(ADDRESS)
    assert (before, after) == (0, 1)


def test_overdue_says_why_next_to_the_flag_and_in_a_legend(help_world, client_for):
    with scopes_disabled():
        HelpRequest.objects.filter(pk=help_world.help.request.pk).update(
            created_at=timezone.now() - dt.timedelta(days=4)
        )
    client = client_for("coordinator")
    listing = client.get(reverse("volunteers:help_list", args=["franztreff"]), **EN)
    assert [reason for _r, reason in listing.context["requests"]] == [
        "Nobody has been asked for more than 3 days."
    ]
    assert listing.context["overdue_rules"] == [
        "open for more than 3 days, or its day has passed, and nobody asked",
        "a volunteer was asked more than 2 days ago and has not answered",
        "accepted, its day has passed, and it has not been closed as done",
    ]
    detail = client.get(_detail_url(help_world), **EN)
    assert detail.context["overdue"] == "Nobody has been asked for more than 3 days."
    html = detail.content.decode()
    assert html.count("overdue</span></span> Nobody has been asked for more than 3 days.") == 1
