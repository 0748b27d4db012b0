"""Logins, failed logins, lockouts and logouts into the audit trail (ASVS 5.0 V16.3.1)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Q
from django.dispatch import receiver

from .models import AuditEvent
from .services import record

Kind = AuditEvent.Kind


def _account(name) -> object | None:
    """The one account a login name (user name or e-mail address, as the login takes them)
    names, or None; the name itself is never stored."""
    if not isinstance(name, str) or not name:
        return None
    found = list(
        get_user_model()._default_manager.filter(Q(username__iexact=name) | Q(email__iexact=name))[
            :2
        ]
    )
    return found[0] if len(found) == 1 else None


@receiver(user_logged_in, dispatch_uid="treff.audit.login")
def _login(sender, request, user, **kwargs):
    record(Kind.LOGIN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="treff.audit.logout")
def _logout(sender, request, user, **kwargs):
    record(Kind.LOGOUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="treff.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # During a lockout django-axes refuses before any password is checked: that try is the
    # lockout's (below), not one more failed login.
    if request is not None and getattr(request, "axes_locked_out", False):
        return
    record(Kind.LOGIN_FAILED, request=request, user=_account(credentials.get("username")))


@receiver(user_locked_out, dispatch_uid="treff.audit.locked_out")
def _locked_out(sender, request, username, **kwargs):
    record(Kind.LOCKED_OUT, request=request, user=_account(username))
