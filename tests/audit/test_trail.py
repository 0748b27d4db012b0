"""The audit trail (issue 16, item 3): logins, failed logins, lockouts, logouts and refused
pages, with who (a number, kept after the account is gone), when and from where; append-only;
deleted after its time; read by the city (all) and a coordinator (their Treff)."""

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from tests.test_login_lockout import _login
from treff.audit.models import AppendOnly, AuditEvent
from treff.audit.services import expire, record

LOGIN = reverse("accounts:login")
PAGE = reverse("audit:events")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _trail(**filters):
    return list(
        AuditEvent.objects.filter(**filters)
        .order_by("pk")
        .values_list("kind", "user_id", "user_label", "address", "path", "treff_id")
    )


def test_logins_failures_a_lockout_and_a_logout_are_recorded_without_the_name(person, client):
    AuditEvent.objects.all().expire()
    _login(client, "Coordinator", "falsch")
    _login(client, "niemand", "falsch", address="2001:db8::1")
    assert _login(client, "coordinator", "richtig-und-lang-genug").status_code == 302
    client.post(reverse("accounts:logout"), REMOTE_ADDR="192.0.2.10")
    for _ in range(5):
        _login(client, "coordinator", "falsch", address="192.0.2.11")
    _login(client, "coordinator", "richtig-und-lang-genug", address="192.0.2.11")
    me = (person.pk, f"user {person.pk}")
    assert _trail() == [
        ("login_failed", *me, "192.0.2.10", LOGIN, None),
        ("login_failed", None, "", "2001:db8::1", LOGIN, None),
        ("login", *me, "192.0.2.10", LOGIN, None),
        ("logout", *me, "192.0.2.10", reverse("accounts:logout"), None),
        *[("login_failed", *me, "192.0.2.11", LOGIN, None)] * 4,
        # The fifth failure locks; the right password during the pause is the lockout's too.
        ("locked_out", *me, "192.0.2.11", LOGIN, None),
        ("locked_out", *me, "192.0.2.11", LOGIN, None),
    ]
    # Least data: no name someone typed, no password, anywhere in the trail.
    stored = " ".join(str(row) for row in AuditEvent.objects.values_list())
    assert ("oordinator" in stored, "niemand" in stored, "falsch" in stored) == (
        False,
        False,
        False,
    )


def test_a_refused_page_is_recorded_with_its_treff_and_kept_after_the_account_goes(
    world, client_for
):
    outsider, volunteer = world.users["outsider"], world.users["volunteer"]
    url = reverse("counselling:clients", args=["franztreff"])
    missing = reverse("counselling:clients", args=["no-such-treff"])
    rooms = reverse("treffs:room_create", args=["franztreff"])
    # The other Treff's coordinator and the Treff's own volunteer are told "not found" by
    # the counselling pages, so as to learn nothing (the counselling pages count a Treff
    # that does not exist as a refusal too); a volunteer may not add rooms (403).
    assert client_for("outsider").get(url, REMOTE_ADDR="192.0.2.20").status_code == 404
    assert client_for("outsider").get(missing, REMOTE_ADDR="192.0.2.20").status_code == 404
    assert client_for("volunteer").get(url, REMOTE_ADDR="192.0.2.21").status_code == 404
    assert client_for("volunteer").get(rooms, REMOTE_ADDR="192.0.2.21").status_code == 403
    franztreff = world.franztreff.pk
    denied = [
        ("denied", outsider.pk, f"user {outsider.pk}", "192.0.2.20", url, franztreff),
        ("denied", outsider.pk, f"user {outsider.pk}", "192.0.2.20", missing, None),
        ("denied", volunteer.pk, f"user {volunteer.pk}", "192.0.2.21", url, franztreff),
        ("denied", volunteer.pk, f"user {volunteer.pk}", "192.0.2.21", rooms, franztreff),
    ]
    assert _trail(kind="denied") == denied
    client_for("anonymous")
    outsider.delete()
    assert _trail(kind="denied") == denied


def test_a_visitor_without_login_finding_nothing_is_not_a_refusal(world, client):
    # Public pages of a Treff answer 404 for an offer that does not exist: an ordinary
    # "not found" for anyone, not something to fill the trail with from outside.
    AuditEvent.objects.all().expire()
    for url in ("/de/franztreff/angebote/999999/", "/de/no-such-treff/"):
        assert client.get(url, REMOTE_ADDR="192.0.2.30").status_code == 404
    assert _trail() == []


def test_the_trail_is_append_only(world):
    AuditEvent.objects.all().expire()
    event = record(AuditEvent.Kind.LOGIN, user=world.users["city"])
    event.kind = AuditEvent.Kind.LOGOUT
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(kind="logout")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET kind = 'logout'")  # noqa: S608 -- a fixed name
    assert list(AuditEvent.objects.values_list("pk", "kind")) == [(event.pk, "login")]


def test_events_are_deleted_after_two_years_and_not_before(world, settings):
    assert settings.TREFF_AUDIT_KEPT_DAYS == 730
    AuditEvent.objects.all().expire()
    now = timezone.now()
    for days in (730, 1):
        AuditEvent.objects.create(kind="login", at=now - dt.timedelta(days=days, seconds=-1))
    old = AuditEvent.objects.create(kind="login", at=now - dt.timedelta(days=730, seconds=1))
    assert (expire(now=now), AuditEvent.objects.filter(pk=old.pk).exists()) == (1, False)
    assert AuditEvent.objects.count() == 2


def _page(client, **query):
    response = client.get(PAGE, query, **EN)
    assert response.status_code == 200
    return response, [(event.kind, event.user_id) for event in response.context["page"].object_list]


def test_the_city_reads_everything_and_a_coordinator_only_their_treffs(world, client_for):
    users = world.users
    client = client_for("city")
    AuditEvent.objects.all().expire()
    for name in ("volunteer", "outsider", "coordinator"):
        record(AuditEvent.Kind.LOGIN, user=users[name])
    record(AuditEvent.Kind.LOGIN_FAILED)
    record(AuditEvent.Kind.DENIED, user=users["outsider"], treff_id=world.franztreff.pk)
    record(AuditEvent.Kind.DENIED, user=users["outsider"], treff_id=world.rosseltreff.pk)

    response, city_sees = _page(client)
    assert len(city_sees) == 6
    assert "From address" in response.content.decode()
    # Logging in as the next reader adds that login (newest first) to what they read.
    _, coordinator_sees = _page(client_for("coordinator"))
    # Their people's events and their Treff's pages; not the other Treff's, not the unknown.
    assert coordinator_sees == [
        ("login", users["coordinator"].pk),
        ("denied", users["outsider"].pk),
        ("login", users["coordinator"].pk),
        ("login", users["volunteer"].pk),
    ]
    _, outsider_sees = _page(client_for("outsider"))
    # The other Treff's coordinator: their own person's refusal at Franztreff, too.
    assert outsider_sees == [("login", users["outsider"].pk)] + [
        ("denied", users["outsider"].pk)
    ] * 2 + [("login", users["outsider"].pk)]
    _, failed = _page(client_for("city"), kind="login_failed")
    assert failed == [("login_failed", None)]


@pytest.mark.parametrize("user", ["volunteer", "counsellor", "carrier", "committee", "no_role"])
def test_nobody_else_reads_the_trail(world, client_for, user):
    assert client_for(user).get(PAGE, **EN).status_code == 403


def test_an_unknown_kind_is_a_clear_400(world, client_for):
    response = client_for("city").get(PAGE, {"kind": "everything"}, **EN)
    assert (
        response.status_code,
        "“everything” is not one of the choices." in response.content.decode(),
    ) == (400, True)


def _changes():
    return list(
        AuditEvent.objects.exclude(kind__in=["login", "logout", "denied"])
        .order_by("pk")
        .values_list("kind", "object_type", "object_id", "fields", "user_id", "treff_id")
    )


def test_changes_to_personal_data_name_the_record_and_fields_never_the_values(help_world, rf):
    from django_scopes import scopes_disabled

    from treff.audit.tracking import current_request
    from treff.volunteers.models import HelpSeeker

    coordinator, franztreff = help_world.users["coordinator"].pk, help_world.franztreff.pk
    request = rf.get("/")
    request.user = help_world.users["coordinator"]
    AuditEvent.objects.all().expire()
    token = current_request.set(request)
    try:
        with scopes_disabled():
            seeker = help_world.help.seeker
            seeker.phone, seeker.address = "0340 987654", "Neue Straße 1"
            seeker.save()
            seeker.save()  # nothing changed: no line
            other = HelpSeeker.objects.create(
                treff=help_world.franztreff, name="Erika Probe", district=seeker.district
            )
            other_pk = other.pk
            other.delete()
    finally:
        current_request.reset(token)
    seeker_id = str(seeker.pk)
    assert _changes() == [
        (
            "changed",
            "volunteers.helpseeker",
            seeker_id,
            ["address", "phone"],
            coordinator,
            franztreff,
        ),
        ("created", "volunteers.helpseeker", str(other_pk), [], coordinator, franztreff),
        ("deleted", "volunteers.helpseeker", str(other_pk), [], coordinator, franztreff),
    ]
    stored = " ".join(str(row) for row in AuditEvent.objects.values_list())
    assert ("0340" in stored, "Neue Stra" in stored, "Erika" in stored) == (False, False, False)


def test_a_password_change_and_a_read_of_a_help_seeker_are_recorded_with_the_person(
    person, help_world, client, client_for
):
    client.force_login(person)
    AuditEvent.objects.all().expire()
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "richtig-und-lang-genug",
            "new_password1": "Ein ganz neuer Satz 2026",
            "new_password2": "Ein ganz neuer Satz 2026",
        },
        REMOTE_ADDR="192.0.2.30",
        **EN,
    )
    assert response.status_code == 302
    detail = reverse("volunteers:help_detail", args=["franztreff", help_world.help.request.pk])
    assert client.get(detail, REMOTE_ADDR="192.0.2.30", **EN).status_code == 200
    seeker = str(help_world.help.seeker.pk)
    franztreff = help_world.franztreff.pk
    assert _trail(kind__in=["changed", "read"]) == [
        (
            "changed",
            person.pk,
            f"user {person.pk}",
            "192.0.2.30",
            reverse("accounts:password_change"),
            None,
        ),
        ("read", person.pk, f"user {person.pk}", "192.0.2.30", detail, franztreff),
    ]
    assert _changes() == [
        ("changed", "accounts.user", str(person.pk), ["password"], person.pk, None),
        ("read", "volunteers.helpseeker", seeker, [], person.pk, franztreff),
    ]
    # The page names the record and the field in the reader's language.
    page = client_for("city").get(PAGE, {"kind": "changed"}, **EN).content.decode()
    assert f"user no. {person.pk}: password" in page
