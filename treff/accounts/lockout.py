"""Login throttling with django-axes (OWASP ASVS 5.0 V6.3.1; settings AXES_*).

After AXES_FAILURE_LIMIT failed logins for one account, or from one address, further tries
are refused for AXES_COOLOFF_TIME, whatever the password; a successful login resets the
account's count. The refusal is the login page again, in the reader's language, saying how
long to wait (status 429). django-axes' tables hold the username, the address and the user
agent (the deletion concept must cover them); its log lines hold neither (log_label).
"""

import math

from axes.helpers import get_cool_off
from django.contrib.auth import logout
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .forms import LoginForm


def username_of(request, credentials) -> str:
    """The name the attempts are counted under: as typed, case-folded, since the login
    accepts any case (accounts.backends.UsernameOrEmailBackend)."""
    data = credentials or request.POST
    return (data.get("username") or "").strip().casefold()


def log_label(username, ip_address, user_agent, path_info, request) -> str:
    """What django-axes writes into the log for a login attempt (AXES_CLIENT_STR_CALLABLE):
    the path only. By default it logs the username and the address, and Treff's logs carry
    no personal data; the attempts themselves are in axes' tables."""
    return path_info


def locked_out(request, original_response=None, credentials=None):
    """The login page with the waiting time instead of another password check.

    A logged-in person gets here by typing a wrong password again and again where Treff
    asks for it once more (two_factor.reauthenticate): whoever sits at that session is
    logged out, so the page and its header agree that nobody is logged in."""
    minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
    was_logged_in = request.user.is_authenticated
    if was_logged_in:
        logout(request)
    # Unbound, so the password is not checked again; the name typed stays in the field.
    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    form.cleaned_data = {}
    form.add_error(
        None,
        ngettext(
            "Too many failed logins. For your protection, logging in is paused for "
            "%(minutes)d minute. Please try again then.",
            "Too many failed logins. For your protection, logging in is paused for "
            "%(minutes)d minutes. Please try again then.",
            minutes,
        )
        % {"minutes": minutes},
    )
    if was_logged_in:
        form.add_error(None, _("For your protection, you have been logged out."))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.POST.get("next", "")},
        status=429,
    )
