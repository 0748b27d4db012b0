"""Expenses charged to an approved plan's grant (Fachkonzept §5): by hand, by the carrier
or — up to the plan's limit, only their own — by the coordinator. The checks beyond an
expense's fields (expense_problems) are shared with the import (services_import.py).

Keyword-only, validated in full, atomic, logged by id.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from .display import amount_text
from .engine.money import ZERO
from .models import BudgetPlan, Expense
from .models_proof import ProofOfUse
from .services import amount_of, approved_amounts, locked_plan

logger = logging.getLogger(__name__)


def expense_problems(plan, expense: Expense, approved: dict, *, limit=None) -> list[str]:
    """What is wrong with an expense for `plan` beyond its fields: a date outside the
    funding year, a cost type the grant does not fund, an amount over `limit` (the
    coordinator's). Shared by the form and the import (services_import.py)."""
    problems = []
    if expense.day and expense.day.year != plan.year:
        problems.append(
            _("the date %(day)s is outside the funding year %(year)d")
            % {"day": formats.date_format(expense.day, "SHORT_DATE_FORMAT"), "year": plan.year}
        )
    if expense.cost_type and expense.cost_type not in approved:
        problems.append(
            _("the cost type “%(type)s” is not in the approved plan")
            % {"type": expense.get_cost_type_display()}
        )
    if expense.amount is not None and expense.amount == ZERO:
        problems.append(_("an expense of 0.00 € is no expense; enter the amount paid"))
    if limit is not None and expense.amount is not None and expense.amount > limit:
        problems.append(
            _("expenses above %(limit)s € are recorded by the carrier")
            % {"limit": amount_text(limit)}
        )
    return problems


def sentence(problems: list[str]) -> str:
    """Problems joined into one sentence with a capital first letter."""
    text = "; ".join(problems)
    return text[:1].upper() + text[1:] + "."


def refuse_unless_open_for_expenses(plan):
    """Expenses are recorded for an approved plan until its proof of use is submitted."""
    if plan.status != BudgetPlan.Status.APPROVED:
        raise ValidationError(_("Expenses are recorded once the grant is approved."))
    proof = ProofOfUse.objects.filter(plan=plan).first()
    if proof is not None and not proof.editable:
        raise ValidationError(
            _("The proof of use is %(status)s; its expenses cannot be changed.")
            % {"status": proof.get_status_display()}
        )


@transaction.atomic
def expense_save(*, expense: Expense, plan, user, limit=None) -> Expense:
    """Store a new or changed expense of an approved plan. `limit`: the most the recording
    person may enter (the plan's coordinator_expense_limit for a coordinator, None for the
    carrier)."""
    plan = locked_plan(plan)
    refuse_unless_open_for_expenses(plan)
    if expense.pk is not None and expense.plan_id != plan.pk:
        raise ValidationError(_("This expense belongs to another plan."))
    if expense.pk is not None and limit is not None and expense.source_id is not None:
        raise ValidationError(_("Imported expenses are changed by the carrier."))
    if expense.pk is not None and limit is not None:
        stored = Expense.objects.get(pk=expense.pk)
        if not coordinator_may_change(stored, user, limit):
            raise ValidationError(_("Only the carrier can change this expense."))
    expense.plan = plan
    expense.amount = amount_of(expense.amount, "amount")
    if expense.pk is None:
        expense.recorded_by = user
    expense.full_clean()
    problems = expense_problems(plan, expense, approved_amounts(plan), limit=limit)
    if problems:
        raise ValidationError(sentence(problems))
    expense.save()
    logger.info("expense saved: expense=%s plan=%s by user=%s", expense.pk, plan.pk, user.pk)
    return expense


def coordinator_may_change(expense: Expense, user, limit) -> bool:
    """Whether someone with a `limit` (the coordinator) may change or delete a stored
    expense: only one they recorded by hand themselves, up to the limit."""
    return (
        expense.recorded_by_id == user.pk
        and expense.source_id is None
        and limit is not None
        and expense.amount <= limit
    )


@transaction.atomic
def expense_delete(*, expense: Expense, user, limit=None) -> None:
    plan = locked_plan(expense.plan)
    refuse_unless_open_for_expenses(plan)
    if limit is not None and not coordinator_may_change(expense, user, limit):
        raise ValidationError(_("Only the carrier can delete this expense."))
    logger.info("expense deleted: expense=%s plan=%s by user=%s", expense.pk, plan.pk, user.pk)
    expense.delete()
