"""Set-up in the app (issue 17, item 2): invitations, granting and revoking roles."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scopes_disabled

from treff.audit.models import AuditEvent
from treff.offers.models import CalendarFeed
from treff.people import services
from treff.people.grants import Grant, grants_for
from treff.people.models import Invitation
from treff.treffs.models import Membership, Role

pytestmark = pytest.mark.django_db

User = get_user_model()


def _link(message) -> str:
    return re.search(r"http://testserver(/invitation/[^/\s]+/)", message.body).group(1)


@pytest.fixture(autouse=True)
def _mail_with_commit(django_capture_on_commit_callbacks):
    """The mail is queued with the transaction; run what waits for the commit."""
    global _commit
    _commit = django_capture_on_commit_callbacks


_commit = None


def _invite(client, grant_key, email="neu@example.org"):
    with _commit(execute=True):
        return client.post(
            "/people/invite/",
            {"email": email, "first_name": "Nora", "last_name": "Neu", "grant": grant_key},
        )


def test_coordinator_invites_a_volunteer_who_sets_a_password_and_logs_in(world, client_for):
    client = client_for("coordinator")
    key = f"volunteer:t{world.franztreff.pk}"
    response = _invite(client, key)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@example.org"]
    assert "Franztreff" in message.body
    link = _link(message)
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    assert page.headers["Cache-Control"].startswith("max-age=0")
    answer = client.post(
        link,
        {
            "first_name": "Nora",
            "last_name": "Neu",
            "password": "Gartenbank-im-Hof-2026",
            "password_again": "Gartenbank-im-Hof-2026",
        },
    )
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/accounts/login/"
    user = User.objects.get(email="neu@example.org")
    assert (user.first_name, user.last_name) == ("Nora", "Neu")
    with scopes_disabled():
        assert list(Membership.objects.filter(user=user).values_list("role", "treff")) == [
            (Role.VOLUNTEER, world.franztreff.pk)
        ]
    assert user.check_password("Gartenbank-im-Hof-2026")

    # The link works once.
    client.logout()
    again = client.get(link)
    assert again.status_code == 404
    assert "bereits verwendet" in again.content.decode()


def test_a_weak_password_is_refused_and_nothing_is_created(world, client_for):
    client = client_for("coordinator")
    _invite(client, f"volunteer:t{world.franztreff.pk}")
    link = _link(mail.outbox[0])
    client.logout()
    answer = client.post(
        link,
        {
            "first_name": "Nora",
            "last_name": "Neu",
            "password": "Passwort123",
            "password_again": "Passwort123",
        },
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["password"] == ["Dieses Passwort ist zu üblich."]
    assert User.objects.filter(email="neu@example.org").count() == 0
    assert Invitation.objects.get().accepted_at is None


def test_an_expired_link_says_so(world, client_for, clock):
    client = client_for("coordinator")
    _invite(client, f"volunteer:t{world.franztreff.pk}")
    link = _link(mail.outbox[0])
    client.logout()
    invitation = Invitation.objects.get()
    clock.move_to(invitation.expires_at + dt.timedelta(seconds=1))
    page = client.get(link)
    assert page.status_code == 404
    assert "abgelaufen" in page.content.decode()
    post = client.post(
        link,
        {"first_name": "A", "last_name": "B", "password": "x" * 20, "password_again": "x" * 20},
    )
    assert post.status_code == 404
    assert User.objects.filter(email="neu@example.org").count() == 0


def test_an_unknown_or_withdrawn_link_is_refused(world, client_for):
    client = client_for("coordinator")
    _invite(client, f"volunteer:t{world.franztreff.pk}")
    link = _link(mail.outbox[0])
    invitation = Invitation.objects.get()
    assert client.post(f"/people/invitations/{invitation.pk}/withdraw/").status_code == 302
    client.logout()
    assert client.get(link).status_code == 404
    assert client.get("/invitation/not-a-token/").status_code == 404


def test_an_invitation_to_an_existing_account_adds_the_role_after_logging_in(world, client_for):
    volunteer = world.users["volunteer"]
    client = client_for("carrier")
    assert _invite(client, f"counsellor:t{world.franztreff.pk}", volunteer.email).status_code == 302
    link = _link(mail.outbox[0])
    assert "already have an account" in mail.outbox[0].body or "bereits ein Konto" in (
        mail.outbox[0].body
    )
    # Someone else logged in cannot take it.
    other = client_for("outsider")
    assert other.post(link).status_code == 200
    assert not Membership.objects.filter(user=volunteer, role=Role.COUNSELLOR).exists()
    mine = client_for("volunteer")
    assert mine.post(link).status_code == 302
    with scopes_disabled():
        roles = set(Membership.objects.filter(user=volunteer).values_list("role", flat=True))
    assert roles == {Role.VOLUNTEER, Role.COUNSELLOR}


def test_nobody_grants_beyond_their_reach(world):
    coordinator = world.users["coordinator"]
    franz, rossel = world.franztreff.pk, world.rosseltreff.pk
    assert grants_for(coordinator) == {
        Grant(Role.COUNSELLOR, treff_id=franz),
        Grant(Role.VOLUNTEER, treff_id=franz),
    }
    assert grants_for(world.users["carrier"]) == {
        Grant(Role.CARRIER_ADMIN, organisation_id=world.drk.pk),
        Grant(Role.COORDINATOR, treff_id=franz),
        Grant(Role.COUNSELLOR, treff_id=franz),
        Grant(Role.VOLUNTEER, treff_id=franz),
    }
    assert grants_for(world.users["city"]) == {
        Grant(Role.COMMITTEE),
        Grant(Role.CITY_STAFF, organisation_id=world.city.pk),
    }
    for name in ("volunteer", "counsellor", "committee", "no_role"):
        assert grants_for(world.users[name]) == set()
    # A coordinator cannot make a coordinator, nor invite to the other Treff.
    for grant in (Grant(Role.COORDINATOR, treff_id=franz), Grant(Role.VOLUNTEER, treff_id=rossel)):
        with pytest.raises(PermissionDenied):
            services.invite(
                email="x@example.org",
                grant=grant,
                invited_by=coordinator,
                link_for=lambda token: token,
            )
    assert Invitation.objects.count() == 0


def test_the_invite_form_offers_only_ones_own_grants_and_refuses_others(world, client_for):
    client = client_for("outsider")  # the Rosseltreff coordinator
    page = client.get("/people/invite/")
    keys = [value for value, _label in page.context["form"].fields["grant"].choices]
    assert keys == ["", f"counsellor:t{world.rosseltreff.pk}", f"volunteer:t{world.rosseltreff.pk}"]
    answer = _invite(client, f"volunteer:t{world.franztreff.pk}")
    assert answer.status_code == 200
    assert answer.context["form"].errors["grant"] == ["Bitte wählen Sie eine Rolle aus der Liste."]
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("name", ["volunteer", "counsellor", "committee", "no_role"])
def test_people_pages_are_refused_without_a_grant(world, client_for, name):
    client = client_for(name)
    assert client.get("/people/").status_code == 403
    assert client.get("/people/invite/").status_code == 403


def test_revoking_a_role_ends_access_and_private_feeds_at_once(plan_world, client_for):
    world = plan_world
    coordinator = world.users["coordinator"]
    feed = world.plan.feed
    assert feed.created_by == coordinator
    feed_url = f"/ical/private/{feed.token}.ics"
    client = client_for("carrier")
    assert client.get(feed_url).status_code == 200
    membership = Membership.objects.get(user=coordinator, role=Role.COORDINATOR)
    confirm = client.get(f"/people/roles/{membership.pk}/revoke/")
    assert confirm.status_code == 200
    assert client.post(f"/people/roles/{membership.pk}/revoke/").status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    with scopes_disabled():
        assert not CalendarFeed.objects.filter(pk=feed.pk).exists()
    assert client.get(feed_url).status_code == 404
    assert client_for("coordinator").get("/treffs/franztreff/").status_code == 404
    assert (
        AuditEvent.objects.filter(
            kind=AuditEvent.Kind.DELETED,
            object_type="treffs.membership",
            object_id=str(membership.pk),
        ).count()
        == 1
    )


def test_outsiders_cannot_revoke_or_withdraw(world, client_for):
    membership = Membership.objects.get(user=world.users["volunteer"])
    outsider = client_for("outsider")
    assert outsider.get(f"/people/roles/{membership.pk}/revoke/").status_code == 404
    assert outsider.post(f"/people/roles/{membership.pk}/revoke/").status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()
    carrier = client_for("carrier")
    _invite(carrier, f"volunteer:t{world.franztreff.pk}")
    invitation = Invitation.objects.get()
    outsider = client_for("outsider")
    assert outsider.post(f"/people/invitations/{invitation.pk}/withdraw/").status_code == 404
    assert Invitation.objects.get().withdrawn_at is None


def test_nobody_takes_away_their_own_role(world):
    carrier = world.users["carrier"]
    own = Membership.objects.get(user=carrier)
    with pytest.raises(ValidationError):
        services.revoke(membership=own, user=carrier)
    assert Membership.objects.filter(pk=own.pk).exists()


def test_the_people_page_lists_roles_within_reach_only(world, client_for):
    page = client_for("coordinator").get("/people/")
    assert page.status_code == 200
    listed = {m.user.username for _user, roles in page.context["people"] for m in roles}
    assert listed == {"counsellor", "volunteer"}


def test_the_platform_administrator_invites_the_first_carrier_admin(world, client):
    admin = User.objects.create_superuser("plattform", "plattform@example.org", "x" * 20)
    client.force_login(admin)
    page = client.get("/people/invite/")
    assert page.status_code == 200
    answer = _invite(client, f"carrier_admin:o{world.awo.pk}", "leitung@awo.example.org")
    assert answer.status_code == 302
    assert Invitation.objects.get().organisation == world.awo


def test_inviting_again_replaces_the_open_invitation(world, client_for):
    client = client_for("coordinator")
    _invite(client, f"volunteer:t{world.franztreff.pk}")
    _invite(client, f"volunteer:t{world.franztreff.pk}")
    states = sorted(i.state() for i in Invitation.objects.all())
    assert states == [Invitation.State.OPEN, Invitation.State.WITHDRAWN]
    assert client.get(_link(mail.outbox[0])).status_code == 404
    assert client.logout() is None
    assert client.get(_link(mail.outbox[1])).status_code == 200


def test_a_person_with_the_role_already_is_not_invited_again(world, client_for):
    client = client_for("coordinator")
    answer = _invite(client, f"volunteer:t{world.franztreff.pk}", world.users["volunteer"].email)
    assert answer.status_code == 200
    assert answer.context["form"].errors["email"] == ["Diese Person hat diese Rolle bereits."]


def test_ended_invitations_are_deleted_after_their_time(world, settings):
    coordinator = world.users["coordinator"]
    now = dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC)
    grant = Grant(Role.VOLUNTEER, treff_id=world.franztreff.pk)
    for email in ("a@example.org", "b@example.org"):
        services.invite(email=email, grant=grant, invited_by=coordinator, link_for=str, now=now)
    days = settings.TREFF_INVITATION_DAYS
    assert services.invitations_delete_ended(now=now + dt.timedelta(days=2 * days)) == 0
    later = now + dt.timedelta(days=2 * days, seconds=1)
    assert services.invitations_delete_ended(now=later) == 2
    assert Invitation.objects.count() == 0


def test_a_counsellor_of_a_partner_service_can_lose_the_role_and_is_not_invited_twice(
    world, client_for
):
    counsellor = world.users["counsellor"]
    membership = Membership.objects.get(user=counsellor)
    assert membership.organisation == world.partner
    client = client_for("carrier")
    answer = _invite(client, f"counsellor:t{world.franztreff.pk}", counsellor.email)
    assert answer.context["form"].errors["email"] == ["Diese Person hat diese Rolle bereits."]
    assert client.post(f"/people/roles/{membership.pk}/revoke/").status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_an_expired_invitation_can_be_withdrawn(world, client_for, clock):
    client = client_for("coordinator")
    _invite(client, f"volunteer:t{world.franztreff.pk}")
    invitation = Invitation.objects.get()
    clock.move_to(invitation.expires_at + dt.timedelta(hours=1))
    assert client.post(f"/people/invitations/{invitation.pk}/withdraw/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.state() == Invitation.State.WITHDRAWN
    assert list(client.get("/people/").context["invitations"]) == []


def test_ones_own_role_page_says_why_and_offers_no_button(world, client_for):
    own = Membership.objects.get(user=world.users["carrier"])
    page = client_for("carrier").get(f"/people/roles/{own.pk}/revoke/")
    assert page.status_code == 200
    assert page.context["errors"] == [services.OWN_ROLE]
    assert "Rolle entziehen</span></button>" not in page.content.decode()


def test_someone_else_logged_in_is_asked_to_log_out_before_any_form(world, client_for):
    client = client_for("coordinator")
    _invite(client, f"volunteer:t{world.franztreff.pk}")
    link = _link(mail.outbox[0])
    page = client.get(link)
    assert (page.context["form"], page.context["someone_else"]) == (None, True)
    posted = client.post(link, {"password": "Gartenbank-im-Hof-2026"})
    assert posted.status_code == 200
    assert User.objects.filter(email="neu@example.org").count() == 0
