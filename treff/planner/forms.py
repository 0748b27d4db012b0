from django import forms
from django.utils.translation import gettext_lazy as _

from treff.core.forms import scoped_formfield
from treff.core.times import EndTimeField
from treff.offers import planning
from treff.offers.models import Offer, PlanVersion
from treff.treffs.models import OpeningHours, Room

from .models import TIME_LIMIT_MAX, PlanningRequest

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PlanningRequestForm(forms.ModelForm):
    weekdays = forms.MultipleChoiceField(
        label=_("Possible weekdays"),
        choices=OpeningHours.Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    room_kinds = forms.MultipleChoiceField(
        label=_("Suitable kinds of room"),
        choices=Room.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None chosen: any room for offers (not storage or sanitary rooms)."),
    )

    class Meta:
        model = PlanningRequest
        fields = [
            "offer",
            "sessions",
            "every_weeks",
            "minutes",
            "weekdays",
            "window_start",
            "window_end",
            "preferred_start",
            "preferred_end",
            "room_kinds",
            "attendees",
            "barrier_free",
            "responsible",
            "audience",
            "min_days",
        ]
        widgets = {
            "window_start": TIME,
            "window_end": TIME,
            "preferred_start": TIME,
            "preferred_end": TIME,
        }
        field_classes = {"window_end": EndTimeField, "preferred_end": EndTimeField}
        formfield_callback = scoped_formfield

    def __init__(self, *args, treff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.filter(treff=treff).order_by("title")
        self.fields["responsible"].queryset = planning.people_of(treff)

    def clean_weekdays(self):
        # The window, the session's length and the preferred time are checked by the model's
        # clean(), which this form runs too (the same messages for every caller).
        return sorted(int(day) for day in self.cleaned_data["weekdays"])


class ProposeForm(forms.Form):
    requests = forms.ModelMultipleChoiceField(
        label=_("Requests to place"),
        queryset=PlanningRequest.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    plan_version = forms.ModelChoiceField(
        label=_("Into the draft"), queryset=PlanVersion.objects.none()
    )
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=1, max_value=TIME_LIMIT_MAX, initial=10
    )
    slot_minutes = forms.TypedChoiceField(
        label=_("Grid"),
        coerce=int,
        choices=[(15, _("15 minutes")), (30, _("30 minutes")), (60, _("60 minutes"))],
        initial=30,
    )

    def __init__(self, *args, treff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requests"].queryset = PlanningRequest.objects.filter(
            treff=treff
        ).select_related("offer")
        self.fields["requests"].initial = list(self.fields["requests"].queryset)
        drafts = PlanVersion.objects.filter(treff=treff, status=PlanVersion.Status.DRAFT)
        self.fields["plan_version"].queryset = drafts
        self.fields["plan_version"].empty_label = None
