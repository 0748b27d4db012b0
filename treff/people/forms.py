from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _

from .grants import Grant, labelled, parse


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    grant = forms.ChoiceField(
        label=_("Role"),
        error_messages={"invalid_choice": _("Please choose a role from the list.")},
    )

    def __init__(self, *args, grants: set[Grant], **kwargs):
        super().__init__(*args, **kwargs)
        self.grants = grants
        self.fields["grant"].choices = [("", "---------"), *labelled(grants)]
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean_grant(self) -> Grant:
        grant = parse(self.cleaned_data["grant"], self.grants)
        if grant is None:
            raise forms.ValidationError(_("Please choose a role from the list."))
        return grant


class AcceptForm(forms.Form):
    """A new account's name and password; the service checks the password's strength."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rules before the first try, not only after it.
        self.fields["password"].help_text = " ".join(
            dict.fromkeys(password_validators_help_texts())
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password_again") != cleaned["password"]:
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned
