"""Invitations: how a person gets an account and a role without the Django admin (issue 17,
item 2).

Whoever may grant a role (grants.py) invites a person by e-mail. The mail carries a one-time
link; only a hash of its token is stored, so a copy of the database opens no account. The
link expires (settings.TREFF_INVITATION_DAYS) and is used up by accepting it; an invitation
can be withdrawn until then. Accepting creates the account with the password the person
chooses, or adds the role to the account the address already belongs to.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from treff.treffs.models import Membership, Organisation, Role, Treff


def token_hash(token: str) -> str:
    """The stored form of an invitation token: SHA-256, hex (64 characters)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A fresh token for a link: 32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        WITHDRAWN = "withdrawn", _("withdrawn")
        EXPIRED = "expired", _("expired")

    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    mail_failed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(treff__isnull=True) | Q(organisation__isnull=True),
                name="people_invitation_one_place",
            )
        ]

    def __str__(self):
        return f"{self.email}: {self.get_role_display()}"

    def state(self, now=None) -> "Invitation.State":
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.withdrawn_at:
            return self.State.WITHDRAWN
        if self.expires_at <= (now or timezone.now()):
            return self.State.EXPIRED
        return self.State.OPEN

    def membership(self) -> Membership:
        """The role this invitation grants, unsaved."""
        return Membership(role=self.role, treff=self.treff, organisation=self.organisation)

    @property
    def place(self):
        return self.treff or self.organisation
