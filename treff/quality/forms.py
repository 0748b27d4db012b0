from django import forms
from django.utils.translation import gettext_lazy as _

from treff.core.forms import scoped_formfield
from treff.core.validators import LONG_TEXT_MAX

from .files import MAX_BYTES
from .models import (
    ActionItem,
    Meeting,
    MeetingParticipant,
    QualityStandard,
    StandardVersion,
    TreffDocument,
)
from .services import MAX_PARTICIPANTS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = ".pdf,.odt,.docx,application/pdf,application/vnd.oasis.opendocument.text"


class MeetingForm(forms.ModelForm):
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One decision per line."),
    )

    class Meta:
        model = Meeting
        fields = ["date", "title", "agenda", "minutes"]
        widgets = {
            "date": DATE,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def decision_lines(self) -> list[str]:
        return self.cleaned_data["decisions"].splitlines()


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = MeetingParticipant
        fields = ["role", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A blank row is simply left out; a name alone needs its role.
        self.fields["role"].required = False
        self.fields["role"].choices = [("", "—"), *self.fields["role"].choices[1:]]

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("role"):
            self.add_error("role", _("Choose the role of this participant."))
        return data


ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    extra=3,
    max_num=MAX_PARTICIPANTS,
    # A forged TOTAL_FORMS is refused instead of building thousands of forms.
    absolute_max=MAX_PARTICIPANTS,
)


def participant_rows(formset) -> list[tuple[str, str]]:
    return [
        (form.cleaned_data["role"], form.cleaned_data.get("name", ""))
        for form in formset
        if form.cleaned_data.get("role")
    ]


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        formfield_callback = scoped_formfield
        fields = ["title", "owner", "due_on", "meeting", "status"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, owners, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["meeting"].queryset = meetings
        if self.instance.pk is None:
            del self.fields["status"]


class StandardForm(forms.ModelForm):
    """A new standard and the text of its first version."""

    text = StandardVersion._meta.get_field("text").formfield(widget=forms.Textarea)
    agreed_on = StandardVersion._meta.get_field("agreed_on").formfield(widget=DATE)

    class Meta:
        model = QualityStandard
        fields = ["title"]


class StandardVersionForm(forms.ModelForm):
    class Meta:
        model = StandardVersion
        fields = ["text", "agreed_on"]
        widgets = {"agreed_on": DATE}


def _file_field():
    return forms.FileField(
        label=_("File"),
        help_text=_("PDF, ODT or DOCX, at most %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class DocumentForm(forms.ModelForm):
    file = _file_field()
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    class Meta:
        model = TreffDocument
        fields = ["kind", "title"]


class DocumentVersionForm(forms.Form):
    file = _file_field()
    note = forms.CharField(label=_("What changed"), required=False, max_length=500)
