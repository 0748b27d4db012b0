"""Writes of a Treff's funding (Fachkonzept §5): the budget plan and its steps, the grant
notice, payments and expenses. Keyword-only, validated in full, atomic, logged by id.

Each raises ValidationError with a message for the person, naming the field or line, and
writes nothing then. Amounts come in as Decimal, int or text and go through money.euros
(whole cents, never float). Every step of a plan is a PlanEvent with its author and time.
Expenses are in services_expenses.py, the expense import in services_import.py, the
proof of use in services_proof.py.
"""

import logging
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import formats
from django.utils.translation import gettext as _

from .display import amount_text
from .engine.money import ZERO, AmountError, euros
from .models import (
    MAX_AMOUNT,
    ApprovedAmount,
    BudgetPlan,
    CostType,
    FinancingLine,
    FundingSource,
    GrantNotice,
    NonProfitStatus,
    Payment,
    PlanEvent,
    PlanLine,
)

logger = logging.getLogger(__name__)

MAX_LINES = 60
PAYMENT_LEAD_MONTHS = 2  # an instalment may come up to two months before the year begins


def amount_of(value, field: str, *, label: str = "", typed: str | None = None) -> Decimal:
    """`value` as whole euro cents ≥ 0 up to MAX_AMOUNT, or a ValidationError on `field`
    that names the wrong input (a negative amount, three decimals, text); `typed`: the
    input as the person wrote it, if `value` is a normalised form of it."""
    try:
        amount = euros(value)
    except AmountError:
        text = typed if typed is not None else str(value) if value is not None else ""
        text = text.strip()
        if text.startswith("-"):
            message = _("%(what)s: an amount cannot be negative.")
        elif not text:
            message = _("%(what)s: enter an amount.")
        else:
            message = _(
                "%(what)s: “%(value)s” is not an amount in euros with at most two decimals."
            )
        raise ValidationError(
            {field: message % {"what": label or _("Amount"), "value": text[:40]}}
        ) from None
    if amount > MAX_AMOUNT:
        raise ValidationError(
            {field: _("%(what)s: the amount is too large.") % {"what": label or _("Amount")}}
        )
    return amount


def locked_plan(plan: BudgetPlan) -> BudgetPlan:
    """The plan's row, locked: the lock orders concurrent steps of one plan (two decisions,
    a decision and an edit, an expense and a submitted proof)."""
    return BudgetPlan.objects.select_for_update(of=("self",)).get(pk=plan.pk)


def _event(plan, kind, user, comment=""):
    PlanEvent.objects.create(plan=plan, kind=kind, by=user, comment=comment)


@transaction.atomic
def plan_create(*, treff, year, user, copy_from: BudgetPlan | None = None) -> BudgetPlan:
    """A draft plan of `treff` for `year`; with `copy_from` (a plan of the same Treff) its
    lines and financing as a start."""
    plan = BudgetPlan(treff=treff, year=year, created_by=user)
    plan.full_clean()
    if copy_from is not None:
        if copy_from.treff_id != treff.pk:
            raise ValidationError(_("Only a plan of the same Treff can be copied."))
        plan.coordinator_expense_limit = copy_from.coordinator_expense_limit
    plan.save()
    if copy_from is not None:
        PlanLine.objects.bulk_create(
            PlanLine(**{**_line_fields(line), "plan": plan}) for line in copy_from.lines.all()
        )
        FinancingLine.objects.bulk_create(
            FinancingLine(
                plan=plan, position=f.position, source=f.source, label=f.label, amount=f.amount
            )
            for f in copy_from.financing.all()
        )
    _event(plan, PlanEvent.Kind.CREATED, user)
    logger.info("budget plan created: plan=%s treff=%s by user=%s", plan.pk, treff.pk, user.pk)
    return plan


def _line_fields(line: PlanLine) -> dict:
    return {
        name: getattr(line, name)
        for name in (
            "position",
            "cost_type",
            "label",
            "amount",
            "pay_grade",
            "post_share",
            "landlord",
            "area_m2",
            "monthly_rent",
            "monthly_advance",
        )
    }


def _refuse_unless_editable(plan):
    if not plan.editable:
        raise ValidationError(
            _("The plan is %(status)s and cannot be changed.")
            % {"status": plan.get_status_display()}
        )


@transaction.atomic
def plan_save(*, plan, lines, financing, coordinator_expense_limit=None, user) -> BudgetPlan:
    """Replace a draft or returned plan's cost lines and financing.

    `lines`: dicts with cost_type, label, amount and, for personnel, pay_grade and
    post_share (0.01–1.00); for rent, landlord, area_m2, monthly_rent, monthly_advance
    (a rent line without an amount gets 12 × (rent + advance)). `financing`: dicts with
    source, label, amount. Errors name the line ("Cost line 3: …").
    """
    plan = locked_plan(plan)
    _refuse_unless_editable(plan)
    if len(lines) > MAX_LINES or len(financing) > MAX_LINES:
        raise ValidationError(_("At most %(n)d lines per plan.") % {"n": MAX_LINES})
    limit = None
    if coordinator_expense_limit not in (None, ""):
        limit = amount_of(coordinator_expense_limit, "coordinator_expense_limit")
        if limit == ZERO:  # no expense is 0,00 €: the coordinator could record none
            raise ValidationError(
                {
                    "coordinator_expense_limit": _(
                        "Enter an amount above 0 €, or leave the field empty if only the "
                        "carrier records expenses."
                    )
                }
            )
    plan.coordinator_expense_limit = limit
    plan.full_clean()
    plan.save()
    cost_rows = [_cost_line(plan, number, data) for number, data in enumerate(lines, 1)]
    money_rows = [_financing_line(plan, number, data) for number, data in enumerate(financing, 1)]
    PlanLine.objects.filter(plan=plan).delete()
    FinancingLine.objects.filter(plan=plan).delete()
    PlanLine.objects.bulk_create(cost_rows)
    FinancingLine.objects.bulk_create(money_rows)
    logger.info("budget plan saved: plan=%s by user=%s", plan.pk, user.pk)
    return plan


def _cost_line(plan, number, data) -> PlanLine:
    what = _("Cost line %(n)d") % {"n": number}
    cost_type = data.get("cost_type")
    if cost_type not in CostType.values:
        raise ValidationError({"lines": _("%(what)s: choose a cost type.") % {"what": what}})
    line = PlanLine(
        plan=plan,
        position=number,
        cost_type=cost_type,
        label=(data.get("label") or "").strip(),
        pay_grade=(data.get("pay_grade") or "").strip(),
        landlord=(data.get("landlord") or "").strip(),
        post_share=data.get("post_share") or None,
        area_m2=data.get("area_m2") or None,
    )
    for field in ("monthly_rent", "monthly_advance"):
        value = data.get(field)
        if value not in (None, ""):
            setattr(
                line,
                field,
                amount_of(
                    value, "lines", label=f"{what}, {PlanLine._meta.get_field(field).verbose_name}"
                ),
            )
    if cost_type == CostType.PERSONNEL and not (line.pay_grade and line.post_share):
        raise ValidationError(
            {
                "lines": _(
                    "%(what)s: personnel costs need the pay grade and the share of a "
                    "full-time post."
                )
                % {"what": what}
            }
        )
    if cost_type == CostType.RENT and not (line.landlord and line.area_m2 and line.monthly_rent):
        raise ValidationError(
            {
                "lines": _("%(what)s: rent needs the landlord, the area and the monthly rent.")
                % {"what": what}
            }
        )
    amount = data.get("amount")
    if amount in (None, "") and cost_type == CostType.RENT:
        line.amount = 12 * (line.monthly_rent + (line.monthly_advance or ZERO))
    else:
        line.amount = amount_of(amount, "lines", label=what)
    try:
        line.full_clean(exclude=["plan"])
    except ValidationError as error:
        raise ValidationError({"lines": [f"{what}: {m}" for m in error.messages]}) from None
    return line


def _financing_line(plan, number, data) -> FinancingLine:
    what = _("Financing line %(n)d") % {"n": number}
    if data.get("source") not in FundingSource.values:
        raise ValidationError({"financing": _("%(what)s: choose a source.") % {"what": what}})
    line = FinancingLine(
        plan=plan,
        position=number,
        source=data["source"],
        label=(data.get("label") or "").strip(),
        amount=amount_of(data.get("amount"), "financing", label=what),
    )
    try:
        line.full_clean(exclude=["plan"])
    except ValidationError as error:
        raise ValidationError({"financing": [f"{what}: {m}" for m in error.messages]}) from None
    return line


def plan_totals(plan) -> dict:
    """{"costs", "financing", "grant"} in euros, and "by_cost_type": {code: amount}."""
    by_type = {
        row["cost_type"]: row["total"]
        for row in plan.lines.values("cost_type").annotate(total=Sum("amount"))
    }
    financing = plan.financing.aggregate(total=Sum("amount"))["total"] or ZERO
    grant = (
        plan.financing.filter(source=FundingSource.GRANT).aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    return {
        "costs": sum(by_type.values(), ZERO),
        "financing": financing,
        "grant": grant,
        "by_cost_type": by_type,
    }


@transaction.atomic
def plan_submit(*, plan, user) -> BudgetPlan:
    """Submit a draft or returned plan to the city. It needs cost lines, a city grant, and
    financing equal to the costs (a balanced Kosten- und Finanzierungsplan)."""
    plan = locked_plan(plan)
    _refuse_unless_editable(plan)
    totals = plan_totals(plan)
    if not totals["costs"]:
        raise ValidationError(_("The plan has no costs yet."))
    if not totals["grant"]:
        raise ValidationError(_("The financing names no city grant."))
    if totals["financing"] != totals["costs"]:
        raise ValidationError(
            _(
                "Costs (%(costs)s €) and financing (%(financing)s €) differ; a plan is "
                "submitted balanced."
            )
            % {
                "costs": amount_text(totals["costs"]),
                "financing": amount_text(totals["financing"]),
            }
        )
    plan.status = BudgetPlan.Status.SUBMITTED
    plan.save(update_fields=["status"])
    _event(plan, PlanEvent.Kind.SUBMITTED, user)
    logger.info("budget plan submitted: plan=%s by user=%s", plan.pk, user.pk)
    return plan


@transaction.atomic
def plan_return(*, plan, comment, user) -> BudgetPlan:
    """The city returns a submitted plan with comments; the carrier may change it again."""
    plan = locked_plan(plan)
    if plan.status != BudgetPlan.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be returned."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what should change.")})
    event = PlanEvent(plan=plan, kind=PlanEvent.Kind.RETURNED, by=user, comment=comment)
    event.full_clean()
    event.save()
    plan.status = BudgetPlan.Status.RETURNED
    plan.save(update_fields=["status"])
    logger.info("budget plan returned: plan=%s by user=%s", plan.pk, user.pk)
    return plan


@transaction.atomic
def plan_approve(
    *,
    plan,
    reference,
    date,
    amounts: dict,
    user,
    conditions="",
    overrun_share=Decimal("0.20"),
    spend_within_months=2,
) -> GrantNotice:
    """Record the city's grant notice for a submitted plan: `amounts` maps cost types of
    the plan to the approved euros (none above what was applied for; a type left out or 0
    is not funded). The plan is frozen from now on."""
    plan = locked_plan(plan)
    if plan.status != BudgetPlan.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be approved."))
    applied = plan_totals(plan)["by_cost_type"]
    notice = GrantNotice(
        plan=plan,
        reference=(reference or "").strip(),
        date=date,
        conditions=(conditions or "").strip(),
        overrun_share=overrun_share,
        spend_within_months=spend_within_months,
        recorded_by=user,
    )
    notice.full_clean()
    rows = []
    for code, value in amounts.items():
        if code not in applied:
            raise ValidationError(
                {"amounts": _("“%(code)s” is not a cost type of this plan.") % {"code": code}}
            )
        label = CostType(code).label
        amount = amount_of(value, "amounts", label=label)
        if amount > applied[code]:
            raise ValidationError(
                {
                    "amounts": _("%(what)s: more approved than applied for (%(applied)s €).")
                    % {
                        "what": label,
                        "applied": amount_text(applied[code]),
                    }
                }
            )
        if amount:
            rows.append(ApprovedAmount(cost_type=code, amount=amount))
    if not rows:
        raise ValidationError({"amounts": _("A grant notice approves at least one amount.")})
    notice.save()
    for row in rows:
        row.notice = notice
    ApprovedAmount.objects.bulk_create(rows)
    plan.status = BudgetPlan.Status.APPROVED
    plan.save(update_fields=["status"])
    _event(plan, PlanEvent.Kind.APPROVED, user, notice.reference)
    logger.info("budget plan approved: plan=%s by user=%s", plan.pk, user.pk)
    return notice


def approved_amounts(plan) -> dict:
    """{cost type: approved euros} of the plan's grant notice ({} before approval)."""
    return dict(ApprovedAmount.objects.filter(notice__plan=plan).values_list("cost_type", "amount"))


@transaction.atomic
def payment_add(*, plan, day, amount, user, note="") -> Payment:
    """Record an instalment of an approved plan's grant, paid from two months before the
    funding year to its end; all payments together at most the approved total."""
    plan = locked_plan(plan)
    if plan.status != BudgetPlan.Status.APPROVED:
        raise ValidationError(_("Payments are recorded once the grant is approved."))
    payment = Payment(
        plan=plan,
        day=day,
        amount=amount_of(amount, "amount"),
        note=(note or "").strip(),
        recorded_by=user,
    )
    payment.full_clean()
    if payment.amount == ZERO:
        raise ValidationError(
            {"amount": _("A payment of 0.00 € is no payment; enter the amount paid.")}
        )
    first = date(plan.year, 1, 1) - relativedelta(months=PAYMENT_LEAD_MONTHS)
    if not first <= day <= date(plan.year, 12, 31):
        raise ValidationError(
            {
                "day": _(
                    "A payment for %(year)d is made between %(first)s and 31 December %(year)d."
                )
                % {"year": plan.year, "first": formats.date_format(first)}
            }
        )
    paid = plan.payments.aggregate(total=Sum("amount"))["total"] or ZERO
    approved = sum(approved_amounts(plan).values(), ZERO)
    if paid + payment.amount > approved:
        raise ValidationError({"amount": _("Payments would exceed the approved grant.")})
    payment.save()
    _event(plan, PlanEvent.Kind.PAYMENT, user, str(payment.amount))
    logger.info("payment recorded: payment=%s plan=%s by user=%s", payment.pk, plan.pk, user.pk)
    return payment


@transaction.atomic
def non_profit_add(*, organisation, tax_office, notice_date, valid_until, user) -> NonProfitStatus:
    """Record a tax office's notice of a carrier's non-profit status (§4)."""
    from treff.treffs.models import Organisation

    if organisation.kind != Organisation.Kind.CARRIER:
        raise ValidationError(_("Only a carrier has a proof of non-profit status here."))
    status = NonProfitStatus(
        organisation=organisation,
        tax_office=(tax_office or "").strip(),
        notice_date=notice_date,
        valid_until=valid_until,
        recorded_by=user,
    )
    status.full_clean()
    status.save()
    logger.info("non-profit status recorded: org=%s by user=%s", organisation.pk, user.pk)
    return status
