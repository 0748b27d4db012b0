"""How long a login lasts (OWASP ASVS 5.0 V7.3.1 and V7.3.2; BSI APP.3.1).

A session ends after TREFF_SESSION_IDLE without a request (30 minutes by default: a
counselling record must not stay open on an office computer left alone) and in any case
TREFF_SESSION_MAX after the login (10 hours: a working day), whatever the activity. The
person is then logged out and told why on the login page.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import two_factor

STARTED = "treff_session_started"
SEEN = "treff_session_seen"
# The last request is written into the session at most this often (seconds), so a busy page
# does not write its session row on every request.
REFRESH = 60


@receiver(user_logged_in, dispatch_uid="treff.accounts.session_started")
def _stamp_login(sender, request, user, **kwargs):
    """The login writes the session anyway: the times go in with it, so the pages after it
    write nothing until the minute is up (REFRESH)."""
    if request is not None and hasattr(request, "session"):
        request.session[STARTED] = request.session[SEEN] = _now()
        two_factor.remember_device(request, user)


def _now() -> int:
    return int(timezone.now().timestamp())


class SessionLimitsMiddleware:
    """Log out after the idle time or the absolute limit; keep the times in the session.

    Placed after MessageMiddleware (the message) and before any view: LoginRequiredMiddleware
    (process_view) then sends the logged-out person to the login page with `next`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session = request.session
        now = _now()
        started = session.get(STARTED)
        seen = session.get(SEEN)
        if started is None or seen is None:
            session[STARTED] = session[SEEN] = now
            return
        idle = now - seen > settings.TREFF_SESSION_IDLE.total_seconds()
        too_long = now - started > settings.TREFF_SESSION_MAX.total_seconds()
        if idle or too_long:
            logout(request)
            if idle:
                minutes = int(settings.TREFF_SESSION_IDLE.total_seconds() // 60)
                text = _(
                    "You were logged out after %(minutes)d minutes without activity, to protect "
                    "the data. Please log in again."
                ) % {"minutes": minutes}
            else:
                hours = int(settings.TREFF_SESSION_MAX.total_seconds() // 3600)
                text = _(
                    "You were logged out: a login lasts at most %(hours)d hours. Please log in "
                    "again."
                ) % {"hours": hours}
            messages.info(request, text)
        elif now - seen >= REFRESH:
            session[SEEN] = now


class TwoFactorMiddleware:
    """The second step of the login (two_factor.py): a logged-in person who has not passed
    it sees only the pages of that step, logout and the public pages until they do — the
    step itself when their account has an app, the set-up when their role requires one.

    After LoginRequiredMiddleware (anonymous visitors go to the login first), django-otp's
    OTPMiddleware (is_verified) and SessionLimitsMiddleware.
    """

    OPEN = frozenset(
        {
            "accounts:two_factor_verify",
            "accounts:two_factor_setup",
            "accounts:two_factor_codes",
            "accounts:logout",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in self.OPEN:
            return None
        if two_factor.has_device(request):
            step = "accounts:two_factor_verify"
        elif two_factor.required_for(user):
            step = "accounts:two_factor_setup"
        else:
            return None
        return redirect_to_login(request.get_full_path(), reverse(step))
