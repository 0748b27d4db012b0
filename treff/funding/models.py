"""Funding of a Treff (Fachkonzept §5) from the budget plan to the grant notice, payments
and expenses. The proof of use (Verwendungsnachweis) is in models_proof.py.

One `BudgetPlan` per Treff and year (Kosten- und Finanzierungsplan): cost lines by cost
type — personnel of the coordinator, the flat rate for material costs (Sachkostenpauschale)
item by item, rent and operating costs per lease, other costs — and the financing: the
city's grant, the carrier's own funds and third-party funds. The carrier drafts and submits
it; the city returns it with comments or records the grant notice (Zuwendungsbescheid) with
the approved amount per cost type; from then on the plan is frozen. Payments (instalments)
and expenses are recorded against the approved plan. Every step is a `PlanEvent` with its
date and author.

Money is `DecimalField(decimal_places=2)` in euros, never float (engine/money.py checks
every amount the services are given). Everything here belongs to one Treff
(`ScopedManager`), except the carrier's proof of non-profit status, which belongs to its
organisation.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from treff.core.validators import long_text, past_date, planned_date
from treff.treffs.models import Organisation, Treff

FIRST_YEAR, LAST_YEAR = 2000, 2099
MAX_AMOUNT = Decimal("99999999.99")  # DecimalField(max_digits=10)


def _user_fk(verbose_name, **kwargs):
    # PROTECT: who decided or recorded what stays on record (people are deactivated).
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
        **kwargs,
    )


def _money(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00")), MaxValueValidator(MAX_AMOUNT)],
        **kwargs,
    )


class CostType(models.TextChoices):
    """The cost types of §5: what the city's grant pays for, plus other costs."""

    PERSONNEL = "personnel", _("Personnel costs")
    MATERIAL = "material", _("Material costs (flat rate)")
    RENT = "rent", _("Rent and operating costs")
    OTHER = "other", _("Other costs")


class FundingSource(models.TextChoices):
    GRANT = "grant", _("City grant")
    OWN = "own", _("Carrier's own funds")
    THIRD_PARTY = "third_party", _("Third-party funds")


class PayeeKind(models.TextChoices):
    """Who was paid, by kind only: the proof names no private person."""

    EMPLOYEE = "employee", _("Employee (salary)")
    LANDLORD = "landlord", _("Landlord")
    SUPPLIER = "supplier", _("Supplier or service provider")
    UTILITY = "utility", _("Utility or energy supplier")
    PUBLIC = "public", _("Public body or insurance")
    OTHER = "other", _("Other")


class NonProfitStatus(models.Model):
    """The tax office's notice that a carrier is non-profit (§4: eligibility). Only dates
    and the office are kept; the newest notice holds."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="non_profit_notices",
        verbose_name=_("carrier"),
        limit_choices_to={"kind": Organisation.Kind.CARRIER},
    )
    tax_office = models.CharField(_("tax office"), max_length=200)
    notice_date = models.DateField(_("date of the notice"), validators=[past_date])
    valid_until = models.DateField(_("valid until"), validators=[planned_date])
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("proof of non-profit status")
        verbose_name_plural = _("proofs of non-profit status")
        ordering = ["-notice_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("notice_date")),
                name="funding_nonprofit_valid_after_notice",
                violation_error_message=_("The notice must be valid until a day after its date."),
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.notice_date}–{self.valid_until}"


class BudgetPlan(models.Model):
    """A Treff's Kosten- und Finanzierungsplan for one calendar year (the funding year)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        APPROVED = "approved", pgettext_lazy("grant", "approved")

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="budget_plans", verbose_name=_("Treff")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    coordinator_expense_limit = _money(
        _("coordinator may record expenses up to"),
        null=True,
        blank=True,
        help_text=_("Empty: only the carrier records expenses."),
    )
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("budget plan")
        verbose_name_plural = _("budget plans")
        ordering = ["treff__name", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["treff", "year"],
                name="funding_plan_unique_year",
                violation_error_message=_("This Treff already has a budget plan for this year."),
            )
        ]

    def __str__(self):
        return f"{self.treff} {self.year}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class PlanLine(models.Model):
    """A cost line. Personnel lines name the coordinator's grade and share of a full-time
    post (no salary details of anyone); rent lines describe the lease; their `amount` is
    the year's total."""

    plan = models.ForeignKey(
        BudgetPlan, on_delete=models.CASCADE, related_name="lines", verbose_name=_("plan")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    cost_type = models.CharField(_("cost type"), max_length=20, choices=CostType.choices)
    label = models.CharField(_("item"), max_length=200)
    amount = _money(_("amount (€ per year)"))
    pay_grade = models.CharField(
        _("pay grade"), max_length=40, blank=True, help_text=_("e.g. TVöD SuE S 11b")
    )
    post_share = models.DecimalField(
        _("share of a full-time post"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.00"))],
    )
    landlord = models.CharField(_("landlord"), max_length=200, blank=True)
    area_m2 = models.DecimalField(
        _("area (m²)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    monthly_rent = _money(_("monthly rent (€)"), null=True, blank=True)
    monthly_advance = _money(_("monthly advance for operating costs (€)"), null=True, blank=True)

    objects = ScopedManager(treff="plan__treff")

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["plan", "position"]

    def __str__(self):
        return self.label


class FinancingLine(models.Model):
    plan = models.ForeignKey(
        BudgetPlan, on_delete=models.CASCADE, related_name="financing", verbose_name=_("plan")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices)
    label = models.CharField(_("description"), max_length=200, blank=True)
    amount = _money(_("amount (€)"))

    objects = ScopedManager(treff="plan__treff")

    class Meta:
        verbose_name = _("financing line")
        verbose_name_plural = _("financing lines")
        ordering = ["plan", "position"]

    def __str__(self):
        return self.label or self.get_source_display()


class PlanEvent(models.Model):
    """One step of a plan's life, with its date, author and comment (the history)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("plan created")
        SUBMITTED = "submitted", _("plan submitted")
        RETURNED = "returned", _("plan returned")
        APPROVED = "approved", _("grant notice recorded")
        PAYMENT = "payment", _("payment recorded")
        IMPORTED = "imported", _("expenses imported")
        PROOF_SUBMITTED = "proof_submitted", _("proof of use submitted")
        PROOF_ACCEPTED = "proof_accepted", _("proof of use accepted")
        PROOF_RETURNED = "proof_returned", _("proof of use returned")

    plan = models.ForeignKey(
        BudgetPlan, on_delete=models.CASCADE, related_name="events", verbose_name=_("plan")
    )
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    comment = models.TextField(_("comment"), blank=True, validators=[long_text])
    by = _user_fk(_("by"))
    at = models.DateTimeField(_("when"), auto_now_add=True)

    objects = ScopedManager(treff="plan__treff")

    class Meta:
        verbose_name = _("step of a budget plan")
        verbose_name_plural = _("steps of budget plans")
        ordering = ["plan", "at", "pk"]

    def __str__(self):
        return self.get_kind_display()


class GrantNotice(models.Model):
    """The city's grant notice (Zuwendungsbescheid) for a plan; its approved amounts per
    cost type are `ApprovedAmount` rows. `overrun_share` and `spend_within_months` are the
    notice's conditions for ANBest-P Nr. 1.2 and 1.4 (engine/budget.py)."""

    plan = models.OneToOneField(
        BudgetPlan, on_delete=models.CASCADE, related_name="notice", verbose_name=_("plan")
    )
    reference = models.CharField(_("reference"), max_length=100)
    date = models.DateField(_("date of the notice"), validators=[planned_date])
    conditions = models.TextField(_("conditions"), blank=True, validators=[long_text])
    overrun_share = models.DecimalField(
        _("allowed overrun of a line"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.20"),
        validators=[MinValueValidator(Decimal("0.00")), MaxValueValidator(Decimal("1.00"))],
        help_text=_("Share of a line's approved amount that savings elsewhere may cover."),
    )
    spend_within_months = models.PositiveSmallIntegerField(
        _("payments to be spent within (months)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ScopedManager(treff="plan__treff")

    class Meta:
        verbose_name = _("grant notice")
        verbose_name_plural = _("grant notices")

    def __str__(self):
        return self.reference


class ApprovedAmount(models.Model):
    notice = models.ForeignKey(
        GrantNotice, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("notice")
    )
    cost_type = models.CharField(_("cost type"), max_length=20, choices=CostType.choices)
    amount = _money(_("approved (€)"))

    objects = ScopedManager(treff="notice__plan__treff")

    class Meta:
        verbose_name = _("approved amount")
        verbose_name_plural = _("approved amounts")
        ordering = ["notice", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "cost_type"], name="funding_approved_unique_cost_type"
            )
        ]

    def __str__(self):
        return f"{self.get_cost_type_display()}: {self.amount}"


class Payment(models.Model):
    """An instalment of the grant paid by the city."""

    plan = models.ForeignKey(
        BudgetPlan, on_delete=models.CASCADE, related_name="payments", verbose_name=_("plan")
    )
    day = models.DateField(_("paid on"), validators=[planned_date])
    amount = _money(_("amount (€)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ScopedManager(treff="plan__treff")

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["plan", "day", "pk"]

    def __str__(self):
        return f"{self.day}: {self.amount}"


class ExpenseImport(models.Model):
    """One imported bookkeeping export; `sha256` recognises the same file again."""

    plan = models.ForeignKey(
        BudgetPlan, on_delete=models.CASCADE, related_name="imports", verbose_name=_("plan")
    )
    filename = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    rows_added = models.PositiveIntegerField(_("rows added"))
    rows_known = models.PositiveIntegerField(_("rows already recorded"))
    imported_by = _user_fk(_("imported by"))
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    objects = ScopedManager(treff="plan__treff")

    class Meta:
        verbose_name = _("expense import")
        verbose_name_plural = _("expense imports")
        ordering = ["plan", "-imported_at"]

    def __str__(self):
        return self.filename


class Expense(models.Model):
    """An expense charged to the grant: its voucher number is unique in the plan, which is
    what makes an import of the same bookkeeping export idempotent."""

    plan = models.ForeignKey(
        BudgetPlan, on_delete=models.CASCADE, related_name="expenses", verbose_name=_("plan")
    )
    day = models.DateField(_("date"), validators=[planned_date])
    cost_type = models.CharField(_("cost type"), max_length=20, choices=CostType.choices)
    purpose = models.CharField(_("purpose"), max_length=200)
    payee_kind = models.CharField(_("paid to"), max_length=20, choices=PayeeKind.choices)
    amount = _money(_("amount (€)"))
    voucher = models.CharField(_("voucher number"), max_length=40)
    source = models.ForeignKey(
        ExpenseImport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expenses",
        verbose_name=_("imported from"),
    )
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ScopedManager(treff="plan__treff")

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["plan", "day", "voucher"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "voucher"],
                name="funding_expense_unique_voucher",
                violation_error_message=_("An expense with this voucher number is recorded."),
            )
        ]

    def __str__(self):
        return f"{self.voucher}: {self.amount}"


from .models_proof import ProofDecision, ProofOfUse, ProofVersion  # noqa: E402, F401
