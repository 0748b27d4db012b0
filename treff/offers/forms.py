from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treff.core.choices import Language
from treff.core.forms import scoped_formfield
from treff.core.times import EndTimeField
from treff.core.validators import planned_date
from treff.treffs.models import OpeningHours, Room

from . import planning
from .models import (
    LAST_DATE_NEEDED,
    BookingRequest,
    ClosureDay,
    Offer,
    PlanRules,
    PlanVersion,
    RecurrenceKind,
    Series,
    SeriesChange,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OfferForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Offer
        fields = [
            "title",
            "category",
            "description",
            "provider",
            "contact_person",
            "audience",
            "languages",
            "registration_required",
            "capacity",
            "free_of_charge",
            "public",
        ]  # "active": archiving and restoring end or keep dates (services.offer_archive)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RecurrenceFormMixin:
    """Weekday checkboxes for series and booking requests.

    The rule itself (the engine's checks, an end after the start or at midnight) is checked
    by the model's clean(), which the form runs too: one place, the same messages for the
    form and for every service call.
    """

    weekday_field = forms.MultipleChoiceField(
        label=_("Weekdays"),
        choices=OpeningHours.Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For weekly series: one or more; for the n-th weekday: exactly one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every repeating rule needs its last date, so the field is marked required (the
        # page hides it for a single date); a single date takes its first date as its last.
        ends_on = self.fields["ends_on"]
        ends_on.error_messages["required"] = LAST_DATE_NEEDED
        if self.is_bound and self.data.get(self.add_prefix("kind")) == RecurrenceKind.ONCE:
            ends_on.required = False

    def clean_weekdays(self):
        return sorted(int(day) for day in self.cleaned_data.get("weekdays") or [])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == RecurrenceKind.ONCE and cleaned.get("starts_on"):
            cleaned["ends_on"] = cleaned["starts_on"]
        return cleaned


RECURRENCE_FIELDS = [
    "kind",
    "starts_on",
    "ends_on",
    "interval",
    "weekdays",
    "nth",
    "month_day",
    "start_time",
    "end_time",
]
RECURRENCE_WIDGETS = {
    "kind": forms.RadioSelect,
    "starts_on": DATE,
    "ends_on": DATE,
    "start_time": TIME,
    "end_time": TIME,
}


class SeriesForm(RecurrenceFormMixin, forms.ModelForm):
    weekdays = RecurrenceFormMixin.weekday_field
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Only on the edit page of a repeating series (see __init__).
    apply_from = forms.DateField(
        label=_("The change applies from"),
        required=False,
        widget=DATE,
        validators=[planned_date],
        help_text=_(
            "Dates before this day stay as they were. Empty: from today, or from the first "
            "date if the series has not started yet."
        ),
    )

    class Meta:
        model = Series
        fields = [
            "offer",
            *RECURRENCE_FIELDS,
            "room",
            "responsible",
            "expected_participants",
            "needs_barrier_free",
            "holiday_policy",
            "note",
        ]
        widgets = {**RECURRENCE_WIDGETS, "holiday_policy": forms.RadioSelect}
        field_classes = {"end_time": EndTimeField}
        formfield_callback = scoped_formfield

    def __init__(self, *args, treff, **kwargs):
        super().__init__(*args, **kwargs)
        # Archived offers get no new series; an existing series keeps its own offer.
        offers = Offer.objects.filter(treff=treff).filter(
            Q(active=True) | Q(pk=self.instance.offer_id)
        )
        self.fields["offer"].queryset = offers.order_by("title")
        self.fields["room"].queryset = Room.objects.filter(treff=treff).order_by("name")
        self.fields["room"].label_from_instance = lambda room: room.name
        self.fields["responsible"].queryset = planning.people_of(treff)
        self.fields["kind"].choices = RecurrenceKind.choices
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        if self.instance.pk and self.instance.kind != RecurrenceKind.ONCE:
            self.fields["apply_from"].initial = self.instance.change_applies_from()
        else:
            # A new series has no past, and a single date has nothing before or after it.
            del self.fields["apply_from"]


class SeriesChangeForm(forms.ModelForm):
    """Cancel or move one date of a series; what is left empty stays as it was."""

    action = forms.ChoiceField(
        label=_("What happens on this date?"),
        choices=[("cancel", _("It is cancelled")), ("move", _("It moves"))],
        widget=forms.RadioSelect,
        initial="cancel",
    )

    class Meta:
        model = SeriesChange
        fields = ["action", "new_date", "new_start", "new_end", "new_room", "reason"]
        widgets = {"new_date": DATE, "new_start": TIME, "new_end": TIME}
        field_classes = {"new_end": EndTimeField}
        formfield_callback = scoped_formfield

    def __init__(self, *args, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_room"].queryset = Room.objects.filter(treff=series.treff_id)
        self.fields["new_room"].label_from_instance = lambda room: room.name
        self.fields["new_room"].help_text = _("Leave empty to keep the room.")
        self.fields["new_date"].help_text = _("Leave empty to keep the date.")

    def clean(self):
        cleaned = super().clean()
        cancel = cleaned.get("action") != "move"
        # The model's clean() checks the move (times, room, that something moves at all);
        # it needs to know which it is.
        self.instance.cancelled = cancel
        if cancel:
            for name in ("new_date", "new_start", "new_end", "new_room"):
                cleaned[name] = None
        return cleaned


class ClosureDayForm(forms.ModelForm):
    class Meta:
        model = ClosureDay
        fields = ["date", "reason"]
        widgets = {"date": DATE}


class PlanRulesForm(forms.ModelForm):
    class Meta:
        model = PlanRules
        fields = [
            "coordinator_presence",
            "presence_start",
            "presence_end",
            "lunch_max_per_week",
            "lunch_start",
            "lunch_end",
            "require_visiting_counselling_room",
        ]
        widgets = {
            "presence_start": TIME,
            "presence_end": TIME,
            "lunch_start": TIME,
            "lunch_end": TIME,
        }
        field_classes = {"presence_end": EndTimeField, "lunch_end": EndTimeField}
        help_texts = {
            "presence_end": EndTimeField.default_help_text,
            "lunch_end": EndTimeField.default_help_text,
        }


class BookingRequestForm(RecurrenceFormMixin, forms.ModelForm):
    weekdays = RecurrenceFormMixin.weekday_field

    class Meta:
        model = BookingRequest
        fields = ["title", "category", "room_kind", *RECURRENCE_FIELDS, "message"]
        widgets = {**RECURRENCE_WIDGETS, "message": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"end_time": EndTimeField}


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AcceptForm(forms.Form):
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none())
    reason = forms.CharField(
        label=_("Message to the requester"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, booking_request, **kwargs):
        super().__init__(*args, **kwargs)
        rooms = Room.objects.filter(treff=booking_request.treff_id).order_by("name")
        self.fields["room"].queryset = rooms
        self.fields["room"].label_from_instance = lambda room: room.name
        preferred = rooms.filter(kind=booking_request.room_kind).first()
        self.fields["room"].initial = preferred.pk if preferred else None


class PlanVersionForm(forms.ModelForm):
    class Meta:
        model = PlanVersion
        fields = ["title", "valid_from", "valid_to"]
        widgets = {"valid_from": DATE, "valid_to": DATE}


class PlanDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the plan")), ("return", _("Return it with comments"))],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    # The fingerprint of the snapshot on the page: a version submitted again meanwhile is
    # not decided unseen (plans.plan_decide).
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("comments", "").strip():
            self.add_error("comments", _("Say what should change when you return a plan."))
        return cleaned
