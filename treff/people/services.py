"""Writes for people and roles: invite, accept, withdraw, revoke. Each validates everything
it is given, checks the grant against grants.py, and is atomic. The audit trail records the
memberships and accounts these create and delete (audit.tracking), with who did it."""

import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from treff.offers.models import CalendarFeed
from treff.treffs.models import Membership

from . import mail
from .grants import Grant, grants_for
from .models import Invitation, new_token, token_hash

logger = logging.getLogger("treff.people")

OWN_ROLE = _lazy("You cannot take away your own role. Please ask someone else.")


def _check_grant(grant: Grant, user) -> None:
    if grant not in grants_for(user):
        raise PermissionDenied


@transaction.atomic
def invite(
    *,
    email: str,
    grant: Grant,
    invited_by,
    link_for: Callable[[str], str],
    first_name: str = "",
    last_name: str = "",
    now: dt.datetime | None = None,
) -> Invitation:
    """Invite `email` to the role `grant` and queue the mail with the one-time link
    (`link_for(token)` makes the absolute address; the token is not stored, only its hash).

    An open invitation of the same address to the same role is withdrawn: the new mail
    replaces it. Raises PermissionDenied when `invited_by` may not grant the role, and
    ValidationError when the address is not one or its person holds the role already.
    """
    _check_grant(grant, invited_by)
    email = (email or "").strip().lower()
    validate_email(email)
    now = now or timezone.now()
    holder = get_user_model().objects.filter(email__iexact=email).first()
    if holder and _holds(holder, grant):
        raise ValidationError({"email": _("This person already has this role.")})
    replaced = Invitation.objects.filter(
        email=email,
        role=grant.role,
        treff_id=grant.treff_id,
        organisation_id=grant.organisation_id,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
    ).update(withdrawn_at=now)
    token = new_token()
    invitation = Invitation(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=grant.role,
        treff_id=grant.treff_id,
        organisation_id=grant.organisation_id,
        token_hash=token_hash(token),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.TREFF_INVITATION_DAYS),
    )
    invitation.full_clean(exclude=["token_hash", "invited_by"])
    invitation.membership().clean()
    invitation.save()
    invitation.replaced = replaced  # how many earlier links to the same role stopped
    mail.queue_invitation(invitation, link_for(token), has_account=holder is not None)
    logger.info(
        "invitation sent: invitation=%s role=%s by user=%s",
        invitation.pk,
        grant.role,
        invited_by.pk,
    )
    return invitation


def _holds(user, grant: Grant) -> bool:
    """Whether `user` has the role of `grant` already (a Treff role whatever its partner)."""
    place = (
        {"treff_id": grant.treff_id}
        if grant.treff_id
        else {
            "organisation_id": grant.organisation_id,
            "treff__isnull": True,
        }
    )
    return Membership.objects.filter(user=user, role=grant.role, **place).exists()


def open_invitation(token: str, *, now: dt.datetime | None = None) -> Invitation:
    """The open invitation behind `token`; ValidationError saying why the link does not work
    (unknown, used, withdrawn or expired)."""
    invitation = (
        Invitation.objects.select_related("treff", "organisation")
        .filter(token_hash=token_hash(token or ""))
        .first()
    )
    state = invitation.state(now) if invitation else None
    reasons = {
        None: _("This invitation link is not valid. Please check that you copied all of it."),
        Invitation.State.ACCEPTED: _(
            "This invitation link has already been used. Log in with your e-mail address."
        ),
        Invitation.State.WITHDRAWN: _("This invitation has been withdrawn."),
        Invitation.State.EXPIRED: _(
            "This invitation link has expired. Please ask the person who invited you for a new one."
        ),
    }
    if state != Invitation.State.OPEN:
        raise ValidationError(reasons[state], code="invitation_invalid")
    return invitation


def account_exists(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()


def _new_username(email: str) -> str:
    users = get_user_model().objects
    username = email[:150]
    while users.filter(username__iexact=username).exists():
        username = f"{email[:130]}-{get_random_string(8).lower()}"
    return username


@transaction.atomic
def accept(
    *,
    token: str,
    user=None,
    password: str = "",
    first_name: str = "",
    last_name: str = "",
    now: dt.datetime | None = None,
):
    """Use up the invitation behind `token`; returns the account that now holds its role.

    Where no account has the invitation's address, one is created with `password` (checked
    by the password validators) and the names. Where one has, `user` must be that account
    (logged in), and the role is added to it. Raises ValidationError (why the link does not
    work, a refused password, the wrong account logged in); nothing is written then. A
    link used twice at the same moment is accepted once (the row is locked).
    """
    now = now or timezone.now()
    invitation = open_invitation(token, now=now)
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    open_invitation(token, now=now)  # again, under the lock: a parallel accept has won
    users = get_user_model().objects
    account = users.filter(email__iexact=invitation.email).first()
    if account is not None:
        if user is None or user.pk != account.pk:
            raise ValidationError(
                _("This invitation is for an existing account. Please log in with it first."),
                code="log_in_first",
            )
    else:
        if user is not None and user.is_authenticated:
            raise ValidationError(
                _("This invitation is for someone else. Please log out first."),
                code="log_out_first",
            )
        account = get_user_model()(
            username=_new_username(invitation.email),
            email=invitation.email,
            first_name=(first_name or invitation.first_name).strip()[:150],
            last_name=(last_name or invitation.last_name).strip()[:150],
        )
        try:
            validate_password(password, user=account)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        account.set_password(password)
        account.full_clean(exclude=["password"])
        account.save()
    if not _holds(account, Grant.of(invitation)):  # granted meanwhile: nothing to add
        membership = invitation.membership()
        membership.user = account
        membership.full_clean()
        membership.save()
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    logger.info("invitation accepted: invitation=%s user=%s", invitation.pk, account.pk)
    return account


@transaction.atomic
def withdraw(*, invitation: Invitation, user, now: dt.datetime | None = None) -> None:
    """Withdraw an open (or expired) invitation: its link stops working and it leaves the
    list. PermissionDenied for someone who may not grant its role; ValidationError when it
    was accepted or withdrawn already."""
    _check_grant(Grant.of(invitation), user)
    # An expired one too: it leaves the list of open invitations.
    if invitation.state(now) not in (Invitation.State.OPEN, Invitation.State.EXPIRED):
        raise ValidationError(_("This invitation is no longer open."))
    invitation.withdrawn_at = now or timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    logger.info("invitation withdrawn: invitation=%s by user=%s", invitation.pk, user.pk)


@transaction.atomic
def revoke(*, membership: Membership, user) -> int:
    """Take a role away; returns how many private calendar feeds stopped with it.

    The person loses what the role gave at their next request (roles are read per request).
    Their private calendar feeds of Treffs whose plan they may no longer see are deleted, so
    the addresses they handed to a calendar app stop at once. PermissionDenied for someone
    who may not grant the role; ValidationError for one's own role (ask another
    administrator: nobody locks themselves out by a click).
    """
    _check_grant(Grant.of(membership), user)
    if membership.user_id == user.pk:
        raise ValidationError(OWN_ROLE)
    person = membership.user
    membership_id, role = membership.pk, membership.role
    membership.delete()
    person.__dict__.pop("_treff_roles", None)
    dropped = 0
    for feed in CalendarFeed.objects.with_scopes_disabled().filter(created_by=person):
        if not person.has_perm("offers.view_plan", feed.treff):
            feed.delete()
            dropped += 1
    logger.info(
        "role revoked: membership=%s role=%s by user=%s feeds=%d",
        membership_id,
        role,
        user.pk,
        dropped,
    )
    return dropped


@transaction.atomic
def invitations_delete_ended(*, now: dt.datetime) -> int:
    """The deletion concept's rule for invitations (docs/deletion.md): delete those accepted,
    withdrawn or expired more than TREFF_INVITATION_DAYS before `now`; returns how many."""
    cutoff = now - dt.timedelta(days=settings.TREFF_INVITATION_DAYS)
    ended = Invitation.objects.filter(
        Q(accepted_at__lt=cutoff) | Q(withdrawn_at__lt=cutoff) | Q(expires_at__lt=cutoff)
    )
    count, _by_model = ended.delete()
    return count
