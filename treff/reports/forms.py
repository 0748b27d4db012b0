import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from treff.core.validators import PlausibleDate

from .engine import periods
from .models import CommitteeReport

# A report may look further back than a plan is edited (planned_date: five years), so that
# a 20-year range is told the report's own limit (periods.MAX_YEARS), not "too far back".
report_date = PlausibleDate(past_years=25, future_years=5)

PERIOD_CHOICES = [
    ("month", _("Month")),
    ("quarter", _("Quarter")),
    ("half_year", _("Half-year")),
    ("year", _("Year")),
    ("custom", _("From … to …")),
]


class ReportForm(forms.Form):
    """Which Treffs and which days: a month, quarter, half-year or year around a day, or a
    range of its own (at most periods.MAX_YEARS)."""

    treff = forms.ModelChoiceField(
        label=_("Treff"),
        queryset=None,
        required=False,
        empty_label=_("All my Treffs"),
        # Also what a Treff outside the reader's scope gets: it is not in their list.
        error_messages={"invalid_choice": _("Choose one of your Treffs from the list.")},
    )
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, initial="quarter")
    day = forms.DateField(
        label=_("Containing the day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[report_date],
    )
    first = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[report_date],
    )
    last = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[report_date],
    )

    def __init__(self, *args, treffs, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treff"].queryset = treffs
        self.today = today

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data["period"] == "custom":
            if not (data.get("first") and data.get("last")):
                raise forms.ValidationError(_("Give the first and the last day of the range."))
            try:
                data["span"] = periods.Period(data["first"], data["last"])
            except ValueError:
                if data["last"] < data["first"]:
                    raise forms.ValidationError(
                        {"last": _("The last day must not be before the first.")}
                    ) from None
                raise forms.ValidationError(
                    {
                        "last": _("A report covers at most %(years)d years.")
                        % {"years": periods.MAX_YEARS}
                    }
                ) from None
        else:
            data["span"] = periods.PRESETS[data["period"]](data.get("day") or self.today)
        return data


class CommitteeReportForm(forms.ModelForm):
    """A committee report's draft: title, period, Treffs (none: all), meeting, summary."""

    treffs = forms.ModelMultipleChoiceField(
        label=_("Treffs"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: all Treffs."),
    )

    class Meta:
        model = CommitteeReport
        fields = ["title", "first", "last", "meeting_name", "meeting_date", "summary"]
        widgets = {
            "first": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "last": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, treffs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treffs"].queryset = treffs
        if self.instance.pk:
            self.initial["treffs"] = list(self.instance.treffs.values_list("pk", flat=True))
        # Treffs come before the meeting, as on the cover.
        self.order_fields(["title", "first", "last", "treffs"])
