from django import forms
from django.utils.translation import gettext_lazy as _

from treff.core.choices import Language

from .models import Category, PartnerService


class PartnerServiceForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PartnerService
        fields = [
            "name",
            "category",
            "organisation",
            "description",
            "street",
            "postal_code",
            "city",
            "phone",
            "email",
            "website",
            "office_hours",
            "languages",
            "barrier_free",
            "accessibility",
            "notes",
            "public",
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "office_hours": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class DirectoryFilter(forms.Form):
    """The directory's search: every field optional, bad values are simply ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("all")), *Category.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("any")), *Language.choices], required=False
    )
    barrier_free = forms.BooleanField(label=_("barrier-free access only"), required=False)
