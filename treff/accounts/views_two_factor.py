"""The pages of two-factor login (two_factor.py): the login's second step, setting up an
authenticator app, the recovery codes shown once, and the overview under "Two-factor login"."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from treff.audit.models import AuditEvent
from treff.audit.services import record

from . import two_factor
from .forms import CodeForm, PasswordAgainForm


def _next(request) -> str:
    """Where to go afterwards: `next` when it is a page of this site, else the dashboard."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("dashboard:home")


def _to(name: str, request):
    """A redirect to page `name`, carrying on where the person was going."""
    return redirect_to_login(_next(request), reverse(name))


def _paused(wait: int) -> str:
    return ngettext(
        "For your protection, each wrong code makes the next try wait longer. Please wait "
        "%(seconds)d second and try again.",
        "For your protection, each wrong code makes the next try wait longer. Please wait "
        "%(seconds)d seconds and try again.",
        wait,
    ) % {"seconds": wait}


def _refused() -> str:
    return _("The code was not accepted.")


@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step after the password, for an account with a confirmed app."""
    if request.user.is_verified():
        return redirect(_next(request))
    if not two_factor.has_device(request):
        return _to("accounts:two_factor_setup", request)
    form = CodeForm(request.POST or None)
    status, wait = 200, 0
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.verify(request, form.cleaned_data["code"])
        except two_factor.Refused as refused:
            record(AuditEvent.Kind.LOGIN_FAILED, request=request)
            if refused.wait:
                status, wait = 429, refused.wait
                form.add_error(None, _paused(refused.wait))
            else:
                form.add_error(
                    "code",
                    _(
                        "This code is not right, or it has been used already. Please check "
                        "that the app is showing the code for Treff and try again."
                    ),
                )
        else:
            left = two_factor.recovery_codes_left(request.user)
            if left <= 3:
                messages.warning(
                    request,
                    ngettext(
                        "You have %(count)d recovery code left. Please make new ones under "
                        "“Two-factor login”.",
                        "You have %(count)d recovery codes left. Please make new ones under "
                        "“Two-factor login”.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_next(request))
    response = render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next(request), "refused": _refused()},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(wait)
    return response


@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up an authenticator app: QR code and key, then its first code confirms it. An
    account that already has an app must pass the second step first (middleware), so a
    stolen password cannot replace the app."""
    replacing = two_factor.has_device(request)
    if replacing and not request.user.is_verified():
        return _to("accounts:two_factor_verify", request)
    if replacing and not two_factor.recently_reauthenticated(request):
        return _to("accounts:two_factor_new_phone", request)
    device = two_factor.pending_app(request)
    form = CodeForm(request.POST or None, recovery_allowed=False)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_app(request, form.cleaned_data["code"])
        except two_factor.Refused:
            form.add_error(
                "code",
                _(
                    "This code does not match. Please check the app's clock is right and "
                    "enter the code it shows now."
                ),
            )
        else:
            request.session[two_factor.NEW_CODES] = codes
            if replacing:
                messages.success(
                    request, _("The new phone is set up; the old one no longer gives codes.")
                )
            return _to("accounts:two_factor_codes", request)
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": _next(request),
            "qr_svg": qr.svg_inline(scale=4, dark="#000", light="#fff", omitsize=True),
            "secret": two_factor.secret_of(device),
            "required": two_factor.required_for(request.user),
            "replacing": replacing,
            "second_step": not request.user.is_verified(),
            "config_url": device.config_url,
            "refused": _refused(),
        },
    )


@require_GET
def codes(request):
    """The new recovery codes, once: they are not stored readable anywhere else."""
    new = request.session.pop(two_factor.NEW_CODES, None)
    if not new:
        return redirect("accounts:two_factor")
    return render(request, "accounts/two_factor_codes.html", {"codes": new, "next": _next(request)})


@require_GET
def overview(request):
    """Whether two-factor login is on, how many recovery codes are left, and the actions."""
    user = request.user
    on = two_factor.has_device(request)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "on": on,
            "required": two_factor.required_for(user),
            "codes_left": two_factor.recovery_codes_left(user) if on else 0,
            "enforced": settings.TREFF_TWO_FACTOR_REQUIRED,
        },
    )


def _password_again(request, action, *, heading, explanation, submit):
    """A page asking for the password before `action()` changes the second factor; returns
    `action()`'s answer once the password is right (two_factor.reauthenticate). A wrong one
    changes nothing and counts as a failed login."""
    form = PasswordAgainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.reauthenticate(request, form.cleaned_data["password"]):
            return action()
        form.add_error("password", _("This password is not right. Nothing has been changed."))
    return render(
        request,
        "accounts/two_factor_confirm.html",
        {
            "form": form,
            "title": heading,
            # The error box's title (core/form_errors.html).
            "heading": _("Nothing has been changed."),
            "explanation": explanation,
            "submit": submit,
            "next": _next(request),
        },
    )


@require_http_methods(["GET", "POST"])
def new_codes(request):
    if not two_factor.has_device(request):
        return redirect("accounts:two_factor")

    def make_them():
        request.session[two_factor.NEW_CODES] = two_factor.new_recovery_codes(request.user)
        overview = reverse("accounts:two_factor")
        return redirect(f"{reverse('accounts:two_factor_codes')}?next={overview}")

    return _password_again(
        request,
        make_them,
        heading=_("Generate new recovery codes"),
        explanation=_(
            "New recovery codes replace the old ones: the old codes stop working at once. "
            "Please confirm with your password."
        ),
        submit=_("Generate new recovery codes"),
    )


@require_http_methods(["GET", "POST"])
def new_phone(request):
    """The password again, then the set-up page for the new phone."""
    if not two_factor.has_device(request):
        return redirect("accounts:two_factor_setup")
    return _password_again(
        request,
        lambda: _to("accounts:two_factor_setup", request),
        heading=_("Set up a new phone"),
        explanation=_(
            "Once the new phone is set up, the old phone's codes and your previous recovery "
            "codes no longer work. Please confirm with your password."
        ),
        submit=_("Continue"),
    )


@require_http_methods(["GET", "POST"])
def remove(request):
    if two_factor.required_for(request.user):
        messages.error(
            request,
            _("Two-factor login is required for your role; you can set up a new app instead."),
        )
        return redirect("accounts:two_factor")
    if not two_factor.has_device(request):
        return redirect("accounts:two_factor")

    def turn_off():
        two_factor.remove(request)
        messages.success(request, _("Two-factor login is off."))
        return redirect("accounts:two_factor")

    return _password_again(
        request,
        turn_off,
        heading=_("Turn two-factor login off"),
        explanation=_(
            "Once it is off, your password alone will let you log in. Please confirm with "
            "your password."
        ),
        submit=_("Turn two-factor login off"),
    )
