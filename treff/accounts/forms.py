from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import two_factor


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or e-mail address and the password do not match. "
            "Please check both; the password is case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username or e-mail address")
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class CodeForm(forms.Form):
    """One code typed by the user: six digits from the app or, on the login's second step,
    a recovery code. Spaces and dashes as the apps show them are fine."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        error_messages={
            "required": _("Please enter the code."),
            "max_length": _("A code has at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                # The only field of the page, reached right after the password.
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, recovery_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.recovery_allowed = recovery_allowed
        if recovery_allowed:
            self.fields["code"].help_text = _(
                "The six digits your authenticator app shows for Treff, or one of your recovery "
                "codes."
            )
        else:
            self.fields["code"].label = _("Code from the app")
            self.fields["code"].help_text = _("The six digits the app now shows for Treff.")
            self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self) -> str:
        code = two_factor.normalise(self.cleaned_data["code"])
        if two_factor.is_app_code(code):
            return code
        if self.recovery_allowed and len(code) == 8 and code.isascii() and code.isalnum():
            return code
        if self.recovery_allowed:
            raise forms.ValidationError(
                _("Please enter the six digits from the app or an eight-character recovery code.")
            )
        raise forms.ValidationError(_("Please enter the six digits the app shows."))


class PasswordAgainForm(forms.Form):
    """The password once more before the second factor changes (two_factor.reauthenticate)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        error_messages={"required": _("Please enter your password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
