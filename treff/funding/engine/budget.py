"""Budget against actual: a Treff's grant per cost type beside what was paid and spent.

Fachkonzept §5: the city funds each Treff under its Förderrichtlinie (personnel of the
coordinator, a flat rate for material costs, rent and operating costs), and the carrier
accounts for the money every year. The rules warned about here are those of the general
grant conditions for project funding (Allgemeine Nebenbestimmungen für Zuwendungen zur
Projektförderung, ANBest-P), which municipal grant notices adopt:

- Nr. 1.2: a single line of the financing plan may be exceeded by up to 20 % if savings on
  other lines cover it (`GrantRules.overrun_share`, configurable); more needs the city's
  consent, and an overrun that no saving covers is not paid by the grant;
- Nr. 1.4: money is called only as far as it is needed for payments due within two months
  of its payment (`GrantRules.spend_within_months`); a payment not spent in that time is
  flagged (interest may be charged, § 49a (4) VwVfG);
- Nr. 2 and § 49 VwVfG: money paid and not spent on the purpose is due back.

Shapes: amounts are `Decimal` euros of whole cents (money.euros checks them), dates are
`datetime.date`. `Line.approved` is the grant's approved amount for a cost type (the
grant notice); expenses are those charged to the grant. Nothing is rounded: every figure is
a sum or difference of whole cents, except the allowed overrun (a 20 % share), which is
rounded half-up to the cent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from treff.core.text import LazyText

from .money import ZERO, euros, rounded

CODE_OVERRUN_BEYOND_SHARE = "overrun_beyond_share"
CODE_OVERRUN_UNCOVERED = "overrun_uncovered"
CODE_PAYMENT_NOT_SPENT = "payment_not_spent"
CODE_REFUND_DUE = "refund_due"


class BudgetError(ValueError):
    """Input the comparison cannot take: a cost type twice in the plan, an expense for a
    cost type that is not in it, an amount that is not whole cents (money.AmountError)."""


@dataclass(frozen=True)
class Line:
    code: str  # the cost type, e.g. "personnel", "material", "rent"
    approved: Decimal
    label: object = ""  # what a warning calls it (a lazy translation); the code if empty


@dataclass(frozen=True)
class Expense:
    code: str
    day: date
    amount: Decimal


@dataclass(frozen=True)
class Payment:
    day: date
    amount: Decimal


@dataclass(frozen=True)
class GrantRules:
    overrun_share: Decimal = Decimal("0.20")  # ANBest-P Nr. 1.2
    spend_within_months: int = 2  # ANBest-P Nr. 1.4


@dataclass(frozen=True)
class LineStatus:
    code: str
    approved: Decimal
    spent: Decimal
    allowed_overrun: Decimal  # approved × overrun_share, to the cent

    @property
    def remaining(self) -> Decimal:
        """Approved minus spent; below zero when the line is exceeded."""
        return self.approved - self.spent

    @property
    def overrun(self) -> Decimal:
        return max(ZERO, self.spent - self.approved)


@dataclass(frozen=True)
class UnspentPayment:
    day: date
    amount: Decimal
    unspent: Decimal  # of `amount`, not spent by `due`
    due: date  # the last day it should have been spent by


@dataclass(frozen=True)
class Warning:
    code: str
    line: str | None  # the cost type, or None for the grant as a whole
    message: LazyText


@dataclass(frozen=True)
class Comparison:
    """Budget against actual on day `on`: expenses and payments up to and including it."""

    on: date
    lines: tuple[LineStatus, ...]
    paid: Decimal
    unspent_payments: tuple[UnspentPayment, ...]
    covered_overrun: Decimal  # overrun within the share that savings on other lines cover
    warnings: tuple[Warning, ...]

    @property
    def approved(self) -> Decimal:
        return sum((line.approved for line in self.lines), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((line.spent for line in self.lines), ZERO)

    @property
    def eligible(self) -> Decimal:
        """What the grant pays for: spending within each line's approved amount, plus the
        overrun that savings cover (never more than approved in all)."""
        within = sum((min(line.spent, line.approved) for line in self.lines), ZERO)
        return min(within + self.covered_overrun, self.approved)

    @property
    def balance(self) -> Decimal:
        """Paid minus eligible spending: money held (due back at the end) if above zero,
        money still to be paid if below."""
        return self.paid - self.eligible


def _default_euros(amount: Decimal) -> str:
    return f"{amount} €"


def compare(
    lines: Iterable[Line],
    expenses: Iterable[Expense],
    payments: Iterable[Payment],
    *,
    on: date,
    rules: GrantRules | None = None,
    final: bool = False,
    format_euros: Callable[[Decimal], str] = _default_euros,
    format_date: Callable[[date], str] = date.isoformat,
) -> Comparison:
    """Compare the plan's `lines` with the `expenses` and `payments` up to `on`.

    `final`: the funding period has ended, so money held is due back (a warning); before
    that it is only the balance. `format_euros` and `format_date` write amounts and days
    into the warnings (the caller's locale). Raises BudgetError for a cost type twice in
    the plan, an expense whose cost type is not in it, or an amount that is not whole
    cents ≥ 0.
    """
    rules = rules or GrantRules()
    plan: dict[str, Decimal] = {}
    labels: dict[str, object] = {}
    for line in lines:
        if line.code in plan:
            raise BudgetError(f"The cost type {line.code!r} is in the plan twice.")
        plan[line.code] = _amount(line.approved, line.code)
        labels[line.code] = line.label or line.code
    spent = dict.fromkeys(plan, ZERO)
    booked: list[Expense] = []
    for expense in expenses:
        if expense.code not in plan:
            raise BudgetError(f"The cost type {expense.code!r} of an expense is not in the plan.")
        amount = _amount(expense.amount, expense.code)
        if expense.day <= on:
            spent[expense.code] += amount
            booked.append(Expense(expense.code, expense.day, amount))
    paid_in = sorted(
        (Payment(p.day, _amount(p.amount, "payment")) for p in payments if p.day <= on),
        key=lambda p: p.day,
    )
    statuses = tuple(
        LineStatus(code, approved, spent[code], rounded(approved * rules.overrun_share))
        for code, approved in plan.items()
    )
    coverable = sum((min(s.overrun, s.allowed_overrun) for s in statuses), ZERO)
    savings = sum((s.remaining for s in statuses if s.remaining > 0), ZERO)
    covered = min(coverable, savings)
    warnings = [
        Warning(
            CODE_OVERRUN_BEYOND_SHARE,
            s.code,
            LazyText(
                _(
                    "%(line)s: %(overrun)s over the approved %(approved)s; without the city's "
                    "consent at most %(allowed)s may be covered by savings on other lines."
                ),
                line=labels[s.code],
                overrun=format_euros(s.overrun),
                approved=format_euros(s.approved),
                allowed=format_euros(s.allowed_overrun),
            ),
        )
        for s in statuses
        if s.overrun > s.allowed_overrun
    ]
    if coverable > savings:
        warnings.append(
            Warning(
                CODE_OVERRUN_UNCOVERED,
                None,
                LazyText(
                    _(
                        "Lines exceeded within the allowed share by %(overrun)s, but the "
                        "other lines have only %(savings)s left to cover it."
                    ),
                    overrun=format_euros(coverable),
                    savings=format_euros(savings),
                ),
            )
        )
    unspent = _unspent_payments(paid_in, booked, on, rules.spend_within_months)
    warnings += [
        Warning(
            CODE_PAYMENT_NOT_SPENT,
            None,
            LazyText(
                _("Of the payment of %(amount)s on %(day)s, %(unspent)s was not spent by %(due)s."),
                amount=format_euros(p.amount),
                day=format_date(p.day),
                unspent=format_euros(p.unspent),
                due=format_date(p.due),
            ),
        )
        for p in unspent
    ]
    comparison = Comparison(
        on=on,
        lines=statuses,
        paid=sum((p.amount for p in paid_in), ZERO),
        unspent_payments=unspent,
        covered_overrun=covered,
        warnings=(),
    )
    if final and comparison.balance > 0:
        warnings.append(
            Warning(
                CODE_REFUND_DUE,
                None,
                LazyText(
                    _("%(balance)s were paid and not spent on the purpose: they are due back."),
                    balance=format_euros(comparison.balance),
                ),
            )
        )
    return replace(comparison, warnings=tuple(warnings))


def _amount(value: object, what: str) -> Decimal:
    try:
        return euros(value)
    except ValueError as error:
        raise BudgetError(f"{what}: {error}") from None


def _unspent_payments(
    payments: list[Payment], expenses: list[Expense], on: date, months: int
) -> tuple[UnspentPayment, ...]:
    """Payments whose spending window ended before `on` with money of theirs unspent.

    Spending uses payments first in, first out, and an expense before a payment counts
    too (the carrier paid in advance). So payment i, with C the payments up to and
    including it, is spent by its due day d once the expenses up to d reach C; what is
    missing, at most the payment itself, is unspent.
    """
    found = []
    paid_so_far = ZERO
    for payment in payments:
        paid_so_far += payment.amount
        due = payment.day + relativedelta(months=months)
        if due >= on:
            continue  # its window has not ended yet
        spent_by_due = sum((e.amount for e in expenses if e.day <= due), ZERO)
        unspent = min(payment.amount, max(ZERO, paid_so_far - spent_by_due))
        if unspent > 0:
            found.append(UnspentPayment(payment.day, payment.amount, unspent, due))
    return tuple(found)
