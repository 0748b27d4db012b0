"""Forms of the expense import and the carriers' non-profit notices."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import NonProfitStatus
from .services_import import MAX_BYTES, MAX_ROWS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ExpenseImportForm(forms.Form):
    """One bookkeeping export; its size is checked before a byte of it is read."""

    file = forms.FileField(
        label=_("Bookkeeping export"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Here, not on the class: a lazy text with % would be translated at import time.
        self.fields["file"].help_text = gettext(
            "CSV or XLSX, at most %(mb)d MB and %(rows)d rows."
        ) % {"mb": MAX_BYTES // (1024 * 1024), "rows": MAX_ROWS}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB; split it by year or month.")
                % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        return upload


class NonProfitForm(forms.ModelForm):
    class Meta:
        model = NonProfitStatus
        fields = ["tax_office", "notice_date", "valid_until"]
        widgets = {"notice_date": DATE, "valid_until": DATE}
