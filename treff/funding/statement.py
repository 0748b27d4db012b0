"""The numerical statement (zahlenmäßiger Nachweis) of a proof of use, Fachkonzept §5.

ANBest-P Nr. 6: the proof of use consists of the narrative report and the numerical
statement; the statement lists income and spending in the order of the financing plan,
per cost type the approved amount, what was actually spent and the difference. Here:

- per cost type of the grant notice: approved, actual (expenses of the funding year
  charged to the grant), difference = approved − actual (below zero: the line exceeded);
- income: the grant payments received, the carrier's own funds and the third-party funds
  of the financing plan;
- eligible spending (engine/budget.py: within each line, plus the overrun savings cover,
  ANBest-P Nr. 1.2) and the balance = paid − eligible: above zero the refund due (ANBest-P
  Nr. 2, § 49 VwVfG), below zero what the city still owes.

Shape (JSON-ready; amounts are text of whole cents, "1234.50", never floats; cost types and
sources as codes, labelled where shown, so a frozen statement reads in any language)::

    {"year": 2026, "on": "2026-12-31",
     "lines": [{"cost_type": "personnel", "approved": "…", "actual": "…", "difference": "…"}],
     "totals": {"approved": "…", "actual": "…", "difference": "…"},
     "income": {"grant_paid": "…", "own": "…", "third_party": "…", "total": "…"},
     "eligible": "…", "balance": "…", "refund": "…", "still_due": "…"}

`refund` and `still_due` are the positive part of the balance and of its negative.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .engine.budget import Comparison
from .engine.money import ZERO
from .models import CostType, FundingSource
from .selectors import budget_status

MONEY_KEYS = ("eligible", "balance", "refund", "still_due")
LABELS = {
    "approved": pgettext_lazy("grant", "approved"),
    "actual": _("actual"),
    "difference": _("difference"),
    "totals.approved": _("Total approved"),
    "totals.actual": _("Total spent"),
    "totals.difference": _("Total difference"),
    "income.grant_paid": _("Grant payments received"),
    "income.own": _("Carrier's own funds"),
    "income.third_party": _("Third-party funds"),
    "income.total": _("Total income"),
    "eligible": _("Eligible spending"),
    "balance": _("Balance (paid minus eligible)"),
    "refund": _("Refund due"),
    "still_due": _("Still to be paid by the city"),
}


def label(key: str, cost_type: str | None = None) -> str:
    """The reader's name of a figure of the statement ("Personnel costs: actual")."""
    if cost_type is None:
        return str(LABELS[key])
    return f"{_cost_type(cost_type)}: {LABELS[key]}"


def _cost_type(code: str) -> str:
    return str(CostType(code).label) if code in CostType.values else code


def _text(amount: Decimal) -> str:
    return f"{amount:.2f}"


def from_comparison(
    comparison: Comparison, *, year: int, own: Decimal, third_party: Decimal
) -> dict:
    """The statement of `comparison` (the engine's final budget against actual) with the
    financing plan's own and third-party funds (euros)."""
    lines = [
        {
            "cost_type": line.code,
            "approved": _text(line.approved),
            "actual": _text(line.spent),
            "difference": _text(line.approved - line.spent),
        }
        for line in comparison.lines
    ]
    balance = comparison.balance
    return {
        "year": year,
        "on": comparison.on.isoformat(),
        "lines": lines,
        "totals": {
            "approved": _text(comparison.approved),
            "actual": _text(comparison.spent),
            "difference": _text(comparison.approved - comparison.spent),
        },
        "income": {
            "grant_paid": _text(comparison.paid),
            "own": _text(own),
            "third_party": _text(third_party),
            "total": _text(comparison.paid + own + third_party),
        },
        "eligible": _text(comparison.eligible),
        "balance": _text(balance),
        "refund": _text(max(balance, ZERO)),
        "still_due": _text(max(-balance, ZERO)),
    }


def statement(plan) -> dict | None:
    """The statement of an approved `plan` as it stands (None before the grant notice):
    expenses and payments up to 31 December of its year, read as final."""
    comparison = budget_status(plan, on=date(plan.year, 12, 31), final=True)
    if comparison is None:
        return None
    funds = dict(plan.financing.values_list("source").annotate(total=Sum("amount")).order_by())
    return from_comparison(
        comparison,
        year=plan.year,
        own=funds.get(FundingSource.OWN, ZERO),
        third_party=funds.get(FundingSource.THIRD_PARTY, ZERO),
    )


def amounts(data: dict) -> dict:
    """`data` with every amount as Decimal again (for templates and the XLSX)."""
    return {
        **data,
        "lines": [
            {
                **line,
                **{k: Decimal(line[k]) for k in ("approved", "actual", "difference")},
                "label": _cost_type(line["cost_type"]),
            }
            for line in data["lines"]
        ],
        "totals": {k: Decimal(v) for k, v in data["totals"].items()},
        "income": {k: Decimal(v) for k, v in data["income"].items()},
        **{k: Decimal(data[k]) for k in MONEY_KEYS},
    }


def compare(a: dict, b: dict) -> list[dict]:
    """Per figure of two statements: {"key", "cost_type" or None, "label", "a", "b",
    "difference"} (Decimal, b − a; a cost type missing from one statement counts 0)."""
    rows = []
    types = [line["cost_type"] for line in a["lines"]]
    types += [line["cost_type"] for line in b["lines"] if line["cost_type"] not in types]
    by_type = [{line["cost_type"]: line for line in data["lines"]} for data in (a, b)]
    for code in types:
        for key in ("approved", "actual", "difference"):
            first, second = (Decimal(lines.get(code, {}).get(key, "0")) for lines in by_type)
            rows.append({"key": key, "cost_type": code, "a": first, "b": second})
    for group in ("totals", "income"):
        for key in a[group]:
            rows.append(
                {
                    "key": f"{group}.{key}",
                    "cost_type": None,
                    "a": Decimal(a[group][key]),
                    "b": Decimal(b[group].get(key, "0")),
                }
            )
    for key in MONEY_KEYS:
        rows.append({"key": key, "cost_type": None, "a": Decimal(a[key]), "b": Decimal(b[key])})
    for row in rows:
        row["difference"] = row["b"] - row["a"]
        row["label"] = label(row["key"], row["cost_type"])
    return rows
