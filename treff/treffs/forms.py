from django import forms
from django.utils.translation import gettext_lazy as _

from treff.core.times import EndTimeField

from .models import AccessibilityFeature, Equipment, OpeningHours, Organisation, Room, Treff


class TreffForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility features"),
        choices=AccessibilityFeature.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Treff
        fields = [
            "name",
            "slug",
            "description",
            "street",
            "postal_code",
            "city",
            "district",
            "holiday_state",
            "transport_stop",
            "entrance",
            "phone",
            "email",
            "website",
            "start_date",
            "accessibility",
            "accessibility_notes",
            "active",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Lower-case letters, digits and hyphens; used in web addresses."),
        }


class TreffCreateForm(TreffForm):
    """A new Treff, for a carrier the user administers."""

    class Meta(TreffForm.Meta):
        fields = ["carrier", *TreffForm.Meta.fields]

    def __init__(self, *args, carriers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier"].queryset = carriers
        self.fields["carrier"].empty_label = None


class OpeningHoursForm(forms.ModelForm):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        field_classes = {"closes": EndTimeField}


OpeningHoursFormSet = forms.inlineformset_factory(
    Treff,
    OpeningHours,
    form=OpeningHoursForm,
    extra=1,
    can_delete=True,
    max_num=21,
    # Django would build up to max_num + 1000 forms for a forged TOTAL_FORMS; 21 a week is
    # plenty, so a forged count is refused without building thousands of forms.
    absolute_max=21,
)


class RoomForm(forms.ModelForm):
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"),
        choices=Equipment.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Room
        fields = ["name", "kind", "capacity", "barrier_free", "equipment", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class RoomFilterForm(forms.Form):
    treff = forms.ModelChoiceField(
        label=_("Treff"), queryset=Treff.objects.none(), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *Room.Kind.choices], required=False
    )
    barrier_free = forms.BooleanField(label=_("Barrier-free only"), required=False)

    def __init__(self, *args, treffs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treff"].queryset = treffs


class OrganisationForm(forms.ModelForm):
    """An organisation, as the platform administrator sets it up (issue 17, item 2)."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "department",
            "kind",
            "contact_person",
            "street",
            "postal_code",
            "city",
            "phone",
            "email",
            "website",
        ]
