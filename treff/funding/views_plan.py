"""A Treff's funding pages (Fachkonzept §5): its budget plans by year, one plan with its
history, lines, financing, grant notice, payments, budget against actual and expenses, and
the steps: draft and edit (carrier), submit (carrier), return or approve (city), payments
(city), expenses (carrier, or the coordinator up to the plan's limit).

Out-of-scope Treffs answer 404, a Treff one may see without the permission 403
(treffs.shortcuts); a year without a plan is a 404. A step the plan's state does not allow
(editing an approved plan, approving a draft) goes back to the plan with a message.
Services do every write; their ValidationError lands on the form (core.views.call_service).
"""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from treff.core.params import date_param
from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from . import selectors, services, services_expenses
from .forms import (
    COST_SECTIONS,
    ApproveForm,
    ExpenseForm,
    FinancingFormSet,
    PaymentForm,
    PlanCreateForm,
    PlanLimitForm,
    ReturnForm,
    filled,
)
from .models import BudgetPlan, CostType, Expense, PlanEvent

VIEW, EDIT, DECIDE = "funding.view_plan", "funding.edit_plan", "funding.decide"
RECORD, IMPORT = "funding.record_expense", "funding.import_expenses"
ZERO = Decimal("0.00")


def _plan_or_404(treff, year: int) -> BudgetPlan:
    try:
        return selectors.plan_for_year(treff, year)
    except BudgetPlan.DoesNotExist:
        raise Http404 from None


def _detail_url(plan, anchor: str = "") -> str:
    url = reverse("funding:plan_detail", args=[plan.treff.slug, plan.year])
    return f"{url}#{anchor}" if anchor else url


def _refuse(request, plan, message: str, anchor: str = ""):
    messages.warning(request, message)
    return redirect(_detail_url(plan, anchor))


def treff_overview(request, slug):
    """The Treff's plans, newest year first, with applied, approved, paid and spent euros."""
    treff = get_treff_or_404(request, slug, VIEW)
    return render(
        request,
        "funding/treff_funding.html",
        {
            "treff": treff,
            "rows": selectors.overview_rows([treff.pk]),
            "can_edit": request.user.has_perm(EDIT, treff),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_create(request, slug):
    treff = get_treff_or_404(request, slug, EDIT)
    plans = list(selectors.plans_of(treff))
    initial = {
        "year": plans[0].year + 1 if plans else timezone.localdate().year,
        "copy_from": plans[0].pk if plans else "",
    }
    form = PlanCreateForm(request.POST or None, plans=plans, initial=initial)
    if request.method == "POST" and form.is_valid():
        plan = call_service(
            form,
            services.plan_create,
            treff=treff,
            year=form.cleaned_data["year"],
            copy_from=form.cleaned_data["copy_from"],
            user=request.user,
        )
        if plan:
            messages.success(request, _("The plan for %(year)d is drafted.") % {"year": plan.year})
            return redirect("funding:plan_edit", treff.slug, plan.year)
    return render(request, "funding/plan_create.html", {"treff": treff, "form": form})


def _on_day(request, year: int) -> dt.date:
    """`?on=YYYY-MM-DD`, by default today inside the plan's year (400 for a bad value)."""
    today = timezone.localdate()
    default = min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))
    return date_param(request, "on", default=default)


def _sections(lines, notice, comparison) -> list[dict]:
    """Per cost type of the plan, approval or spending: its lines, applied, approved,
    spent and remaining euros (None where there is nothing to compare yet)."""
    approved = {row.cost_type: row.amount for row in notice.amounts.all()} if notice else {}
    spent = {s.code: s for s in comparison.lines} if comparison else {}
    sections = []
    for code in CostType.values:
        own = [line for line in lines if line.cost_type == code]
        if not own and code not in approved:
            continue
        sections.append(
            {
                "code": code,
                "label": CostType(code).label,
                "lines": own,
                "applied": sum((line.amount for line in own), ZERO),
                "approved": approved.get(code),
                "status": spent.get(code),
            }
        )
    return sections


def plan_detail(request, slug, year):
    treff = get_treff_or_404(request, slug, VIEW)
    plan = _plan_or_404(treff, year)
    on = _on_day(request, plan.year)
    today = timezone.localdate()
    user = request.user
    lines = list(plan.lines.all())
    financing = list(plan.financing.all())
    notice = selectors.notice_of(plan)
    comparison = selectors.budget_status(plan, on=on, notice=notice) if notice else None
    approved = plan.status == BudgetPlan.Status.APPROVED
    can_see_carrier = user.has_perm("funding.view_non_profit", treff.carrier)
    can_record = approved and user.has_perm(RECORD, plan)
    expenses = list(selectors.expenses_of(plan))
    # The carrier changes every expense, the coordinator only their own small ones.
    carrier = user.has_perm(EDIT, treff)
    for expense in expenses:
        expense.changeable = can_record and (
            carrier
            or services_expenses.coordinator_may_change(
                expense, user, plan.coordinator_expense_limit
            )
        )
    return render(
        request,
        "funding/plan_detail.html",
        {
            "treff": treff,
            "plan": plan,
            "on": on,
            "events": plan.events.select_related("by"),
            "sections": _sections(lines, notice, comparison),
            "costs": sum((line.amount for line in lines), ZERO),
            "financing": financing,
            "financing_total": sum((line.amount for line in financing), ZERO),
            "notice": notice,
            "comparison": comparison,
            "remaining": comparison.approved - comparison.spent if comparison else None,
            "payments": list(selectors.payments_of(plan)),
            "expenses": expenses,
            "non_profit": (
                selectors.non_profit_state(treff.carrier, today=today) if can_see_carrier else None
            ),
            "can_edit": plan.editable and user.has_perm(EDIT, treff),
            "can_decide": plan.status == BudgetPlan.Status.SUBMITTED
            and user.has_perm(DECIDE, treff),
            "can_pay": approved and user.has_perm(DECIDE, treff),
            "can_record": can_record,
            "can_import": approved and user.has_perm(IMPORT, plan),
        },
    )


def _cost_formsets(request, plan):
    """One formset per cost type (prefix: the code), prefilled with the plan's lines."""
    lines = list(plan.lines.all()) if request.method == "GET" else []
    data = request.POST if request.method == "POST" else None
    return [
        (
            code,
            formset_class(
                data,
                prefix=code,
                initial=[
                    {name: getattr(line, name) for name in formset_class.form.base_fields}
                    for line in lines
                    if line.cost_type == code
                ],
            ),
        )
        for code, formset_class in COST_SECTIONS
    ]


def _number_rows(formsets) -> None:
    """Give each row that holds a line its number as the service counts it ("Cost line
    3"): the filled rows of all sections in order; blank rows get none."""
    number = 0
    for formset in formsets:
        for form in formset:
            holds = (not form.is_blank) if form.is_bound else bool(form.initial)
            number += holds
            form.number = number if holds else None


@require_http_methods(["GET", "POST"])
def plan_edit(request, slug, year):
    treff = get_treff_or_404(request, slug, EDIT)
    plan = _plan_or_404(treff, year)
    if not plan.editable:
        return _refuse(
            request,
            plan,
            _("The plan is %(status)s and cannot be changed.")
            % {"status": plan.get_status_display()},
        )
    data = request.POST if request.method == "POST" else None
    sections = _cost_formsets(request, plan)
    financing = FinancingFormSet(
        data,
        prefix="financing",
        initial=[
            {"source": f.source, "label": f.label, "amount": f.amount}
            for f in (plan.financing.all() if data is None else [])
        ],
    )
    form = PlanLimitForm(
        data, initial={"coordinator_expense_limit": plan.coordinator_expense_limit}
    )
    formsets = [formset for _code, formset in sections]
    valid = data is not None and all(
        [form.is_valid(), financing.is_valid(), *(f.is_valid() for f in formsets)]
    )
    if valid:
        saved = call_service(
            form,
            services.plan_save,
            plan=plan,
            lines=[row.line() for formset in formsets for row in filled(formset)],
            financing=[row.line() for row in filled(financing)],
            coordinator_expense_limit=form.cleaned_data["coordinator_expense_limit"],
            user=request.user,
        )
        if saved:
            messages.success(request, _("The plan has been saved."))
            return redirect("funding:plan_detail", treff.slug, plan.year)
    _number_rows(formsets)
    _number_rows([financing])
    return render(
        request,
        "funding/plan_edit.html",
        {
            "treff": treff,
            "plan": plan,
            "form": form,
            "sections": [(CostType(code).label, code, formset) for code, formset in sections],
            # Returned: what the city asked to change, above the form.
            "returned": (
                plan.events.filter(kind=PlanEvent.Kind.RETURNED).select_related("by").last()
                if plan.status == BudgetPlan.Status.RETURNED
                else None
            ),
            "financing": financing,
            # core/form_errors.html sums up the rows' errors as `formset.total_error_count`.
            "formset": SimpleNamespace(
                total_error_count=sum(f.total_error_count() for f in [*formsets, financing])
            ),
        },
    )


@require_POST
def plan_submit(request, slug, year):
    treff = get_treff_or_404(request, slug, EDIT)
    plan = _plan_or_404(treff, year)
    try:
        services.plan_submit(plan=plan, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The plan has been submitted to the city."))
    return redirect("funding:plan_detail", treff.slug, plan.year)


def _submitted_or_refuse(request, plan):
    if plan.status != BudgetPlan.Status.SUBMITTED:
        return _refuse(
            request,
            plan,
            _("Only a submitted plan is returned or approved; this plan is “%(status)s”.")
            % {"status": plan.get_status_display()},
        )
    return None


@require_http_methods(["GET", "POST"])
def plan_return(request, slug, year):
    treff = get_treff_or_404(request, slug, DECIDE)
    plan = _plan_or_404(treff, year)
    refused = _submitted_or_refuse(request, plan)
    if refused:
        return refused
    form = ReturnForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.plan_return,
            plan=plan,
            comment=form.cleaned_data["comment"],
            user=request.user,
        )
    ):
        messages.success(request, _("The plan has been returned to the carrier."))
        return redirect("funding:plan_detail", treff.slug, plan.year)
    return render(request, "funding/plan_return.html", {"treff": treff, "plan": plan, "form": form})


@require_http_methods(["GET", "POST"])
def plan_approve(request, slug, year):
    treff = get_treff_or_404(request, slug, DECIDE)
    plan = _plan_or_404(treff, year)
    refused = _submitted_or_refuse(request, plan)
    if refused:
        return refused
    applied = services.plan_totals(plan)["by_cost_type"]
    form = ApproveForm(
        request.POST or None, applied=applied, initial={"date": timezone.localdate()}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.plan_approve, plan=plan, user=request.user, **form.service_kwargs()
        )
    ):
        messages.success(request, _("The grant notice has been recorded."))
        return redirect("funding:plan_detail", treff.slug, plan.year)
    return render(request, "funding/notice_form.html", {"treff": treff, "plan": plan, "form": form})


@require_http_methods(["GET", "POST"])
def payment_create(request, slug, year):
    treff = get_treff_or_404(request, slug, DECIDE)
    plan = _plan_or_404(treff, year)
    if plan.status != BudgetPlan.Status.APPROVED:
        return _refuse(request, plan, _("Payments are recorded once the grant is approved."))
    form = PaymentForm(request.POST or None, initial={"day": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.payment_add, plan=plan, user=request.user, **form.cleaned_data
        )
    ):
        messages.success(request, _("The payment has been recorded."))
        return redirect(_detail_url(plan, "payments"))
    return render(
        request, "funding/payment_form.html", {"treff": treff, "plan": plan, "form": form}
    )


def _expense_plan(request, slug, year):
    """The plan, if the user may record its expenses (403 otherwise), and the most they
    may enter: None for the carrier, the plan's limit for the coordinator."""
    treff = get_treff_or_404(request, slug, VIEW)
    plan = _plan_or_404(treff, year)
    if not request.user.has_perm(RECORD, plan):
        raise PermissionDenied
    limit = None if request.user.has_perm(EDIT, treff) else plan.coordinator_expense_limit
    return treff, plan, limit


@require_http_methods(["GET", "POST"])
def expense_edit(request, slug, year, pk=None):
    treff, plan, limit = _expense_plan(request, slug, year)
    expense = (
        get_in_treff_or_404(selectors.expenses_of(plan), pk=pk)
        if pk
        else Expense(plan=plan, day=timezone.localdate())
    )
    if plan.status != BudgetPlan.Status.APPROVED:
        return _refuse(request, plan, _("Expenses are recorded once the grant is approved."))
    if (
        pk
        and limit is not None
        and not services_expenses.coordinator_may_change(expense, request.user, limit)
    ):
        return _refuse(request, plan, _("Only the carrier can change this expense."), "expenses")
    approved = services.approved_amounts(plan)
    form = ExpenseForm(request.POST or None, instance=expense, cost_types=approved)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services_expenses.expense_save,
            expense=form.save(commit=False),
            plan=plan,
            user=request.user,
            limit=limit,
        )
        if saved:
            messages.success(
                request, _("The expense %(voucher)s has been saved.") % {"voucher": saved.voucher}
            )
            return redirect(_detail_url(plan, "expenses"))
    return render(
        request,
        "funding/expense_form.html",
        {"treff": treff, "plan": plan, "form": form, "expense": expense, "limit": limit},
    )


@require_POST
def expense_delete(request, slug, year, pk):
    _treff, plan, limit = _expense_plan(request, slug, year)
    expense = get_in_treff_or_404(selectors.expenses_of(plan), pk=pk)
    try:
        services_expenses.expense_delete(expense=expense, user=request.user, limit=limit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The expense %(voucher)s has been deleted.") % {"voucher": expense.voucher}
        )
    return redirect(_detail_url(plan, "expenses"))
