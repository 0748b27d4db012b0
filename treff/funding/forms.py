"""Forms of a Treff's budget plans: a new plan, its cost and financing lines, the city's
decisions (return, grant notice), payments and expenses.

Amounts are text fields (`AmountField`): they take the reader's way of writing euros
("1.234,50" in German, "1,234.50" in English, "1234.50" in either) and clean to a Decimal
of whole cents through services.amount_of, never through float. The services check every
value again; the forms only put a message next to the field it belongs to.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import formats
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from treff.core.validators import LONG_TEXT_MAX

from . import services
from .display import amount_text
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    CostType,
    Expense,
    FundingSource,
    GrantNotice,
    PayeeKind,
    PlanLine,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A grouped number in the reader's convention: 12.000 or 1.234,50 (German), 12,000 or
# 1,234.50 (English).
_GROUPED = {
    ",": re.compile(r"^[1-9][0-9]{0,2}(\.[0-9]{3})+(,[0-9]*)?$"),
    ".": re.compile(r"^[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]*)?$"),
}


_DIGITS = re.compile(r"^-?[0-9.,]+$")


def input_text(value) -> str:
    """A Decimal as the reader writes it in a form, without grouping ("1234,50" in German,
    "1234.50" in English), so that it reads back the same; "" for None."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, 2, use_l10n=True, force_grouping=False)


def normalised_amount(text: str) -> str:
    """`text` with the reader's thousands separators removed and a point as the decimal
    mark, for money.euros. "12.000" is twelve thousand in German and "12,000" in English;
    anything else goes through unchanged (money.euros reads a lone comma as decimal)."""
    text = text.strip().replace(" ", "").replace("\u00a0", "").removesuffix("€")
    decimal = get_format("DECIMAL_SEPARATOR")
    pattern = _GROUPED.get(decimal)
    if pattern is not None and pattern.match(text):
        grouping = "." if decimal == "," else ","
        return text.replace(grouping, "").replace(decimal, ".")
    return text


class AmountField(forms.CharField):
    """Euros as text → Decimal of whole cents ≥ 0, or None when left empty (not required)."""

    def __init__(self, **kwargs):
        # No max_length: its validator would measure the Decimal; amount_of refuses more.
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return input_text(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        text = text[:40]  # echoed in the message; no amount is longer
        plain = normalised_amount(text)
        if not _DIGITS.match(plain):  # "1e3", "Infinity": numbers, but no way to write euros
            raise ValidationError(
                gettext(
                    "%(what)s: “%(value)s” is not an amount in euros with at most two decimals."
                )
                % {"what": self.label, "value": text}
            )
        try:
            return services.amount_of(plain, "amount", label=str(self.label), typed=text)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    copy_from = forms.TypedChoiceField(
        label=_("Start from"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("The lines and financing of an earlier plan are copied into the draft."),
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = {plan.pk: plan for plan in plans}
        self.fields["copy_from"].choices = [
            ("", _("an empty plan")),
            *((plan.pk, _("the plan of %(year)d") % {"year": plan.year}) for plan in plans),
        ]

    def clean_copy_from(self):
        pk = self.cleaned_data["copy_from"]
        return None if pk is None else self.plans[pk]


class PlanLimitForm(forms.Form):
    coordinator_expense_limit = AmountField(
        label=_("The coordinator may record expenses up to (€)"),
        required=False,
        help_text=_("Empty: only the carrier records expenses."),
    )


class _LineForm(forms.Form):
    """A row of a plan's lines. A row left wholly empty is no line: it is neither checked
    nor saved (so emptying a row removes its line). A filled row needs its `needed` fields,
    each with its own message."""

    needed: tuple[tuple[str, str], ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.needed:
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message

    def full_clean(self):
        if self.is_bound and not any(
            str(self.data.get(self.add_prefix(name), "")).strip() for name in self.fields
        ):
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    @property
    def is_blank(self) -> bool:
        """The row (checked) holds no line."""
        return not self.cleaned_data and not self.errors


class CostLineForm(_LineForm):
    """One cost line of a section; the section decides the cost type (`cost_type`)."""

    cost_type = ""
    needed = (("label", _("Name the item.")), ("amount", _("Enter the amount per year.")))

    label = forms.CharField(label=_("Item"), max_length=200, required=False)
    amount = AmountField(label=_("Amount (€ per year)"), required=False)

    def line(self) -> dict:
        return {"cost_type": self.cost_type, **{k: self.cleaned_data.get(k) for k in self.fields}}


class PersonnelLineForm(CostLineForm):
    cost_type = CostType.PERSONNEL
    pay_grade = forms.CharField(
        label=_("Pay grade"), max_length=40, required=False, help_text=_("e.g. TVöD SuE S 11b")
    )
    post_share = PlanLine._meta.get_field("post_share").formfield(
        required=False,
        localize=True,
        min_value=Decimal("0.01"),
        max_value=Decimal("1.00"),
        help_text=_("1 for a full-time post, 0.5 for half."),
        # Django's messages would print the limits as "0.01" and "1.00" in every language.
        error_messages={
            code: _("Enter a share between 0.01 and 1, e.g. 0.5 for a half post.")
            for code in ("min_value", "max_value", "max_digits", "max_decimal_places")
        },
    )
    needed = (
        *CostLineForm.needed,
        ("pay_grade", _("Enter the pay grade.")),
        ("post_share", _("Enter the share of a full-time post.")),
    )


class RentLineForm(CostLineForm):
    cost_type = CostType.RENT
    landlord = forms.CharField(label=_("Landlord"), max_length=200, required=False)
    area_m2 = PlanLine._meta.get_field("area_m2").formfield(
        required=False,
        localize=True,
        min_value=Decimal("0.01"),
        error_messages={
            code: _("Enter the area in m² as a number above 0 and below 100,000, e.g. 85.5.")
            for code in ("min_value", "max_digits", "max_whole_digits", "max_decimal_places")
        },
    )
    monthly_rent = AmountField(label=_("Monthly rent (€)"), required=False)
    monthly_advance = AmountField(
        label=_("Monthly advance for operating costs (€)"), required=False
    )

    needed = (
        ("label", _("Name the item.")),
        ("landlord", _("Enter the landlord.")),
        ("area_m2", _("Enter the area.")),
        ("monthly_rent", _("Enter the monthly rent.")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = _("Empty: twelve months of rent and advance.")


class MaterialLineForm(CostLineForm):
    cost_type = CostType.MATERIAL


class OtherLineForm(CostLineForm):
    cost_type = CostType.OTHER


class FinancingLineForm(_LineForm):
    needed = (("source", _("Choose the source of this money.")), ("amount", _("Enter the amount.")))

    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", "—"), *FundingSource.choices]
    )
    label = forms.CharField(label=_("Description"), max_length=200, required=False)
    amount = AmountField(label=_("Amount (€)"), required=False)

    def line(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in ("source", "label", "amount")}


def _formset(form, extra):
    return forms.formset_factory(
        form, extra=extra, max_num=services.MAX_LINES, absolute_max=services.MAX_LINES
    )


# One section of the plan per cost type, in the order of CostType: (code, formset class).
COST_SECTIONS = (
    (CostType.PERSONNEL, _formset(PersonnelLineForm, 1)),
    (CostType.MATERIAL, _formset(MaterialLineForm, 2)),
    (CostType.RENT, _formset(RentLineForm, 1)),
    (CostType.OTHER, _formset(OtherLineForm, 1)),
)
FinancingFormSet = _formset(FinancingLineForm, 2)


def filled(formset) -> list:
    """The forms of a valid formset that hold a line (blank rows are left out)."""
    return [form for form in formset if not form.is_blank]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"),
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ApproveForm(forms.Form):
    """The grant notice: its reference, date and conditions, and one amount per cost type of
    the plan (prefilled with what was applied for)."""

    reference = forms.CharField(label=_("Reference of the notice"), max_length=100)
    date = GrantNotice._meta.get_field("date").formfield(widget=DATE)
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    overrun_percent = forms.IntegerField(
        label=_("Allowed overrun of a line (%)"),
        min_value=0,
        max_value=100,
        initial=20,
        help_text=_("Share of a line's approved amount that savings elsewhere may cover."),
    )
    spend_within_months = GrantNotice._meta.get_field("spend_within_months").formfield()

    def __init__(self, *args, applied: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.cost_types = [code for code in CostType.values if code in applied]
        for code in self.cost_types:
            self.fields[f"amount_{code}"] = AmountField(
                label=_("Approved: %(type)s (€)") % {"type": CostType(code).label},
                initial=applied[code],
                help_text=_("Applied for: %(amount)s €; 0 if not funded.")
                % {"amount": amount_text(applied[code])},
            )

    def amount_fields(self):
        return [self[f"amount_{code}"] for code in self.cost_types]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "reference": data["reference"],
            "date": data["date"],
            "conditions": data["conditions"],
            "overrun_share": (Decimal(data["overrun_percent"]) / 100).quantize(Decimal("0.01")),
            "spend_within_months": data["spend_within_months"],
            "amounts": {code: data[f"amount_{code}"] for code in self.cost_types},
        }


class PaymentForm(forms.Form):
    day = forms.DateField(label=_("Paid on"), widget=DATE)
    amount = AmountField(label=_("Amount (€)"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ExpenseForm(forms.ModelForm):
    """An expense; its cost type is one the grant notice funds."""

    amount = AmountField(label=_("Amount (€)"))

    class Meta:
        model = Expense
        fields = ["voucher", "day", "cost_type", "purpose", "payee_kind", "amount"]
        widgets = {"day": DATE}

    def __init__(self, *args, cost_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost_type"].choices = [
            ("", "—"),
            *((code, CostType(code).label) for code in CostType.values if code in cost_types),
        ]
        # The same empty choice as the cost type's, not Django's "---------".
        self.fields["payee_kind"].choices = [("", "—"), *PayeeKind.choices]
