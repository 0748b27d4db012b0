"""The demo's funding (Fachkonzept §5), relative to the demo's today (year Y):

- Y−1: both plans approved, paid in six instalments and spent over the whole year;
  Franztreff's proof of use accepted, Rosseltreff's submitted and waiting for the city;
- Y: both plans approved, paid up to now, with monthly salaries and rents and the material
  items up to today (Franztreff lets its coordinator record expenses up to 150 €);
- Y+1: Franztreff's plan submitted, Rosseltreff's a draft.

Amounts are invented but of realistic size: one full-time coordinator (TVöD SuE S 11b,
employer costs), a material flat rate of cleaning, caretaker, IT, phone and office supplies,
and the lease of each Treff. Both carriers hold a non-profit notice; AWO's expires within
90 days, so the flag shows. Idempotent: a Treff with plans is left as it is.
"""

import datetime as dt
import re
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from treff.funding import services, services_expenses, services_proof
from treff.funding.models import BudgetPlan, Expense, NonProfitStatus
from treff.treffs.models import Organisation, Treff

D = Decimal
# Treff slug → carrier admin username, employer costs of the coordinator per year, lease.
TREFFS = {
    "franztreff": {
        "carrier": "drk",
        "personnel": D("71400.00"),
        "lease": ("Dessauer Wohnungsbaugesellschaft mbH", D("212.00"), D("1378.00"), D("424.00")),
        "limit": D("150.00"),
    },
    "rosseltreff": {
        "carrier": "awo",
        "personnel": D("70200.00"),
        "lease": ("Wohnungsgenossenschaft Dessau eG", D("164.50"), D("987.00"), D("329.00")),
        "limit": None,
    },
}
MATERIAL = [
    ("Reinigung der Räume", D("4800.00")),
    ("Hausmeisterdienst nach Bedarf", D("1800.00")),
    ("PC, Drucker und Software", D("1200.00")),
    ("Telefon und Internet", D("720.00")),
    ("Büromaterial und Porto", D("600.00")),
]
OWN_SHARE = D("0.05")  # the carriers' own funds: 5 % of the costs, to the cent


def _lines(spec, growth: Decimal) -> list[dict]:
    landlord, area, rent, advance = spec["lease"]
    personnel = (spec["personnel"] * growth).quantize(D("0.01"))
    return [
        {
            "cost_type": "personnel",
            "label": "Koordination des Treffs",
            "amount": personnel,
            "pay_grade": "TVöD SuE S 11b",
            "post_share": D("1.00"),
        },
        *(
            {"cost_type": "material", "label": label, "amount": amount}
            for label, amount in MATERIAL
        ),
        {
            "cost_type": "rent",
            "label": "Miete und Betriebskosten",
            "amount": "",
            "landlord": landlord,
            "area_m2": area,
            "monthly_rent": rent,
            "monthly_advance": advance,
        },
    ]


def _financing(lines, carrier_name) -> list[dict]:
    costs = sum(
        (line["amount"] or 12 * (line["monthly_rent"] + line["monthly_advance"]) for line in lines),
        D("0.00"),
    )
    own = (costs * OWN_SHARE).quantize(D("0.01"))
    return [
        {"source": "grant", "label": "Förderrichtlinie Soziales", "amount": costs - own},
        {"source": "own", "label": f"Eigenmittel {carrier_name}", "amount": own},
    ]


def _approved(plan) -> dict:
    applied = services.plan_totals(plan)["by_cost_type"]
    # The city approves personnel and rent as applied and the flat rate slightly lower.
    return {**applied, "material": applied["material"] - D("520.00")}


def _plan(treff, year, spec, users, *, status) -> BudgetPlan:
    carrier = users[spec["carrier"]]
    plan = services.plan_create(treff=treff, year=year, user=carrier)
    lines = _lines(spec, growth=D("1.03") ** (year - 2025))
    services.plan_save(
        plan=plan,
        lines=lines,
        financing=_financing(lines, spec["carrier"].upper()),
        coordinator_expense_limit=spec["limit"],
        user=carrier,
    )
    if status == BudgetPlan.Status.DRAFT:
        return plan
    services.plan_submit(plan=plan, user=carrier)
    if status == BudgetPlan.Status.SUBMITTED:
        return plan
    services.plan_approve(
        plan=plan,
        reference=f"50.3-{year}-{treff.pk:02d}",
        date=dt.date(year - 1, 12, 12),
        amounts=_approved(plan),
        user=users["stadt"],
        conditions="Es gelten die ANBest-P. Der Verwendungsnachweis ist bis 30. Juni des "
        "Folgejahres vorzulegen.",
    )
    return plan


def _pay_and_spend(plan, spec, users, *, until: dt.date) -> None:
    city, carrier = users["stadt"], users[spec["carrier"]]
    approved = sum(services.approved_amounts(plan).values(), D("0.00"))
    instalment = (approved / 6).quantize(D("0.01"))
    for number, month in enumerate(range(1, 13, 2)):
        day = dt.date(plan.year, month, 2)
        if day > until:
            break
        amount = approved - 5 * instalment if number == 5 else instalment
        services.payment_add(
            plan=plan, day=day, amount=amount, user=city, note=f"Rate {number + 1}"
        )
    totals = services.plan_totals(plan)["by_cost_type"]
    salary = (totals["personnel"] / 12).quantize(D("0.01"))
    rent = (totals["rent"] / 12).quantize(D("0.01"))
    rows = []
    for month in range(1, 13):
        first = dt.date(plan.year, month, 1)
        last = first + relativedelta(months=1, days=-1)
        if last <= until:
            # December's salary is lower (a month of unpaid leave in part): the saving
            # covers the flat rate's small overrun, as ANBest-P Nr. 1.2 allows.
            pay = salary - D("1200.00") if month == 12 else salary
            rows.append(
                (last, "personnel", f"Personalkosten {month:02d}/{plan.year}", "employee", pay)
            )
        if first <= until:
            rows.append(
                (first, "rent", f"Miete und Nebenkosten {month:02d}/{plan.year}", "landlord", rent)
            )
        for number, (label, amount) in enumerate(MATERIAL):
            day = first + dt.timedelta(days=9 + 3 * number)
            if day <= until and (month + number) % 3 == 0:
                rows.append((day, "material", label, "supplier", (amount / 4).quantize(D("0.01"))))
    for number, (day, cost_type, purpose, payee, amount) in enumerate(sorted(rows), start=1):
        services_expenses.expense_save(
            expense=Expense(
                day=day,
                cost_type=cost_type,
                purpose=purpose,
                payee_kind=payee,
                amount=amount,
                voucher=f"{plan.year}-{number:04d}",
            ),
            plan=plan,
            user=carrier,
        )


def demo_funding_load(today: dt.date) -> int:
    """Load the funding demo for each demo Treff; returns how many plans it created."""
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["stadt", "drk", "awo"])
    }
    created = 0
    year = today.year
    for slug, spec in TREFFS.items():
        treff = Treff.objects.filter(slug=slug).first()
        if treff is None or BudgetPlan.objects.filter(treff=treff).exists():
            continue
        approved = BudgetPlan.Status.APPROVED
        last = _plan(treff, year - 1, spec, users, status=approved)
        _pay_and_spend(last, spec, users, until=dt.date(year - 1, 12, 31))
        _proof(last, users[spec["carrier"]], users["stadt"], accept=slug == "franztreff")
        current = _plan(treff, year, spec, users, status=approved)
        _pay_and_spend(current, spec, users, until=today)
        upcoming = BudgetPlan.Status.SUBMITTED if slug == "franztreff" else BudgetPlan.Status.DRAFT
        _plan(treff, year + 1, spec, users, status=upcoming)
        created += 3
    _non_profit(today, users)
    return created


# The carrier's words in place of the narrative's two bracketed prompts (narrative.py).
NARRATIVE = [
    "Der Treff war an allen geplanten Tagen geöffnet. Neben dem Mittagstisch und der "
    "Kleiderkammer kamen die Sprechstunden der Schuldner- und der Migrationsberatung "
    "regelmäßig ins Haus; das Ehrenamtsnetz wurde um einen Besuchsdienst erweitert.",
    "Die Ziele des Jahres wurden erreicht. Die Sachkosten liegen wegen gestiegener "
    "Reinigungspreise leicht über dem bewilligten Betrag; die Einsparung bei den "
    "Personalkosten im Dezember gleicht das aus (ANBest-P Nr. 1.2).",
]


def _written(narrative: str) -> str:
    prompts = iter(NARRATIVE)
    return re.sub(r"(?m)^\[.*\]$", lambda _match: next(prompts, ""), narrative)


def _proof(plan, carrier, city, *, accept: bool) -> None:
    """The year's proof of use in German (the default language): the pre-filled narrative
    with the carrier's words, submitted; accepted by the city if `accept`, else waiting."""
    with translation.override(settings.LANGUAGE_CODE):
        proof = services_proof.proof_start(plan=plan, user=carrier)
        services_proof.proof_save(proof=proof, narrative=_written(proof.narrative), user=carrier)
        version = services_proof.proof_submit(proof=proof, user=carrier)
    if accept:
        services_proof.proof_decide(
            version=version, outcome="accepted", comment="Geprüft, ohne Beanstandung.", user=city
        )


def _non_profit(today, users) -> None:
    for username, valid_days in (("drk", 700), ("awo", 60)):
        carrier = Organisation.objects.filter(
            memberships__user=users[username], kind=Organisation.Kind.CARRIER
        ).first()
        if carrier is None or NonProfitStatus.objects.filter(organisation=carrier).exists():
            continue
        valid_until = today + dt.timedelta(days=valid_days)
        services.non_profit_add(
            organisation=carrier,
            tax_office="Finanzamt Dessau-Roßlau",
            notice_date=valid_until - relativedelta(years=3),
            valid_until=valid_until,
            user=users[username],
        )
