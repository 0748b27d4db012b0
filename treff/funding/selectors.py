"""Reads of funding data, always inside the caller's Treff scope (ScopedManager), except
the carriers' non-profit notices, which are filtered by the reader's organisations here.

budget_status(plan, on) is the bridge to the pure engine (engine/budget.py): model rows →
Line/Expense/Payment → Comparison, with warnings in the reader's language.
"""

from datetime import date, timedelta

from django.db.models import Prefetch, Sum
from django.utils import formats

from treff.treffs.access import roles_of
from treff.treffs.models import Organisation

from .display import amount_text
from .engine.budget import Comparison, GrantRules, Line, compare
from .engine.budget import Expense as EngineExpense
from .engine.budget import Payment as EnginePayment
from .engine.money import ZERO
from .models import (
    ApprovedAmount,
    BudgetPlan,
    CostType,
    Expense,
    GrantNotice,
    NonProfitStatus,
    Payment,
    PlanLine,
)

NON_PROFIT_WARNING_DAYS = 90  # §4: flag the notice this long before it expires


def plans_of(treff):
    return BudgetPlan.objects.filter(treff=treff).order_by("-year")


def plan_for_year(treff, year: int) -> BudgetPlan:
    """The Treff's plan of `year`; BudgetPlan.DoesNotExist if there is none."""
    return BudgetPlan.objects.select_related("treff", "treff__carrier").get(treff=treff, year=year)


def notice_of(plan) -> GrantNotice | None:
    return GrantNotice.objects.filter(plan=plan).prefetch_related("amounts").first()


def _euros(amount) -> str:
    return amount_text(amount) + " €"


def _day(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def budget_status(
    plan, *, on: date, final: bool | None = None, notice: GrantNotice | None = None
) -> Comparison | None:
    """Budget against actual of an approved plan on day `on` (expenses and payments up to
    it), or None before approval. `final` defaults to "the funding year has ended";
    `notice`: the plan's notice_of(), if the caller has read it already."""
    notice = notice or notice_of(plan)
    if notice is None:
        return None
    lines = [
        Line(row.cost_type, row.amount, CostType(row.cost_type).label)
        for row in sorted(notice.amounts.all(), key=lambda r: CostType.values.index(r.cost_type))
    ]
    expenses = [
        EngineExpense(code, day, amount)
        for code, day, amount in Expense.objects.filter(plan=plan).values_list(
            "cost_type", "day", "amount"
        )
    ]
    payments = [
        EnginePayment(day, amount)
        for day, amount in Payment.objects.filter(plan=plan).values_list("day", "amount")
    ]
    if final is None:
        final = on > date(plan.year, 12, 31)
    return compare(
        lines,
        expenses,
        payments,
        on=on,
        rules=GrantRules(notice.overrun_share, notice.spend_within_months),
        final=final,
        format_euros=_euros,
        format_date=_day,
    )


def expenses_of(plan):
    return Expense.objects.filter(plan=plan).select_related("source").order_by("day", "voucher")


def payments_of(plan):
    return Payment.objects.filter(plan=plan).order_by("day", "pk")


def overview_rows(treff_ids, years=None) -> list[dict]:
    """Per plan of the given Treffs (None: every Treff in the caller's scope): treff, year,
    status, applied costs, approved, paid and spent (euros). Five queries whatever the
    number of plans."""
    plans = BudgetPlan.objects.select_related("treff")
    if treff_ids is not None:
        plans = plans.filter(treff_id__in=treff_ids)
    if years is not None:
        plans = plans.filter(year__in=years)
    plans = list(plans.order_by("treff__name", "-year"))
    ids = [plan.pk for plan in plans]

    def sums(queryset, key):
        return dict(queryset.values_list(key).annotate(total=Sum("amount")).order_by())

    costs = sums(PlanLine.objects.filter(plan_id__in=ids), "plan_id")
    approved = sums(ApprovedAmount.objects.filter(notice__plan_id__in=ids), "notice__plan_id")
    paid = sums(Payment.objects.filter(plan_id__in=ids), "plan_id")
    spent = sums(Expense.objects.filter(plan_id__in=ids), "plan_id")
    return [
        {
            "plan": plan,
            "treff": plan.treff,
            "year": plan.year,
            "status": plan.get_status_display(),
            "costs": costs.get(plan.pk, ZERO),
            "approved": approved.get(plan.pk, ZERO),
            "paid": paid.get(plan.pk, ZERO),
            "spent": spent.get(plan.pk, ZERO),
        }
        for plan in plans
    ]


def plan_years(treff_ids) -> list[int]:
    """The years that have a plan of the given Treffs (None: all in scope), newest first."""
    plans = BudgetPlan.objects.all()
    if treff_ids is not None:
        plans = plans.filter(treff_id__in=treff_ids)
    return list(plans.order_by("-year").values_list("year", flat=True).distinct())


def carriers_for(user):
    """Carrier organisations whose non-profit status the user may see, their notices
    prefetched newest first (non_profit_state reads them): one query plus one prefetch."""
    roles = roles_of(user)
    carriers = Organisation.objects.filter(kind=Organisation.Kind.CARRIER)
    if not roles.city_staff:
        carriers = carriers.filter(pk__in=roles.carrier_ids)
    return carriers.prefetch_related(
        Prefetch(
            "non_profit_notices", queryset=NonProfitStatus.objects.order_by("-notice_date", "-pk")
        )
    )


def non_profit_state(organisation, *, today: date) -> dict:
    """The newest notice of a carrier and what it means on `today`: {"notice": … or None,
    "missing", "expired", "expiring" (within NON_PROFIT_WARNING_DAYS), "attention" (any of
    them)}. Reads the notices carriers_for() prefetched, else one query."""
    prefetched = getattr(organisation, "_prefetched_objects_cache", {})
    if "non_profit_notices" in prefetched:
        notice = next(iter(prefetched["non_profit_notices"]), None)
    else:
        notice = (
            NonProfitStatus.objects.filter(organisation=organisation)
            .order_by("-notice_date", "-pk")
            .first()
        )
    return _flags(notice, today)


def _flags(notice, today: date) -> dict:
    if notice is None:
        return {
            "notice": None,
            "missing": True,
            "expired": False,
            "expiring": False,
            "attention": True,
        }
    expired = notice.valid_until < today
    expiring = not expired and notice.valid_until <= today + timedelta(days=NON_PROFIT_WARNING_DAYS)
    return {
        "notice": notice,
        "missing": False,
        "expired": expired,
        "expiring": expiring,
        "attention": expired or expiring,
    }
