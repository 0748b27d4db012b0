"""A Treff's funding pages (issue 14, part 1): the plans by year, one plan with its notice,
payments, budget against actual and expenses, and every step a person clicks through —
with an outsider in every permission test, and bad input that changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.funding.models import BudgetPlan, Expense, FinancingLine, Payment, PlanEvent, PlanLine

D = Decimal
SLUG = "franztreff"


def errors_of(form) -> dict:
    """The form's errors in English (a request leaves the default language active)."""
    with translation.override("en"):
        return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


def url(name, *args):
    return reverse(f"funding:{name}", args=[SLUG, *args])


def english(client):
    client.cookies["django_language"] = "en"
    return client


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def lines_of(plan) -> list[tuple]:
    with scopes_disabled():
        return [
            (line.position, line.cost_type, line.label, line.amount)
            for line in PlanLine.objects.filter(plan=plan).order_by("position")
        ]


def financing_of(plan) -> list[tuple]:
    with scopes_disabled():
        return [
            (f.position, f.source, f.label, f.amount)
            for f in FinancingLine.objects.filter(plan=plan).order_by("position")
        ]


def edit_data(rows: dict, financing: list[dict], limit: str = "") -> dict:
    """The edit page's POST: `rows` maps a cost type to its rows (dicts of fields)."""
    data = {"coordinator_expense_limit": limit}
    for prefix, forms in [*rows.items(), ("financing", financing)]:
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(forms)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "60",
        }
        for number, form in enumerate(forms):
            data |= {f"{prefix}-{number}-{name}": value for name, value in form.items()}
    for prefix in ("personnel", "material", "rent", "other"):
        data.setdefault(f"{prefix}-TOTAL_FORMS", "0")
        data.setdefault(f"{prefix}-INITIAL_FORMS", "0")
    return data


GOOD_ROWS = {
    "personnel": [
        {"label": "Koordinatorin", "amount": "70.000,00", "pay_grade": "S 11b", "post_share": "1"}
    ],
    "material": [
        {"label": "Reinigung", "amount": "1.234,50"},
        {"label": "", "amount": ""},  # a blank row is no line
        {"label": "Telefon", "amount": "765.50"},
    ],
    "rent": [
        {
            "label": "Franzstraße 12",
            "amount": "",
            "landlord": "DWG",
            "area_m2": "180,5",
            "monthly_rent": "1.000",
            "monthly_advance": "250,00",
        }
    ],
}
GOOD_FINANCING = [
    {"source": "grant", "label": "Zuschuss", "amount": "80.000,00"},
    {"source": "own", "label": "", "amount": "7000"},
]


# --- Who sees what ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("city", 200),
        ("carrier", 200),
        ("coordinator", 200),
        ("counsellor", 403),
        ("volunteer", 403),
        ("committee", 403),
        ("outsider", 404),
        ("other_carrier", 404),
        ("no_role", 404),
    ],
)
def test_the_plan_is_seen_by_city_carrier_and_coordinator_only(funding, client_for, user, status):
    client = client_for(user)
    assert (
        client.get(url("treff_overview")).status_code,
        client.get(url("plan_detail", 2026)).status_code,
    ) == (status, status)


def test_a_year_without_a_plan_is_not_found(funding, client_for):
    assert client_for("carrier").get(url("plan_detail", 2031)).status_code == 404


def test_the_other_treffs_expense_is_not_found_in_this_plan(funding, client_for):
    client = client_for("carrier")
    response = client.get(url("expense_edit", 2026, funding.other_expense.pk))
    assert response.status_code == 404


def test_buttons_show_only_with_the_permission(funding, client_for):
    create = url("plan_create")
    record = url("expense_create", 2026)
    pay = url("payment_create", 2026)
    seen = {}
    for user in ("city", "carrier", "coordinator"):
        client = client_for(user)
        page = client.get(url("treff_overview")).content.decode()
        detail = client.get(url("plan_detail", 2026)).content.decode()
        seen[user] = (create in page, record in detail, pay in detail)
    assert seen == {
        "city": (False, False, True),
        "carrier": (True, True, False),
        "coordinator": (False, False, False),
    }


# --- The list and the detail page ---------------------------------------------------------


def test_the_treffs_plans_are_listed_with_their_totals(funding, client_for):
    response = english(client_for("carrier")).get(url("treff_overview"))
    rows = [
        (row["year"], row["status"], row["costs"], row["approved"], row["paid"], row["spent"])
        for row in response.context["rows"]
    ]
    assert rows == [
        (2027, "draft", D("93200.00"), D("0.00"), D("0.00"), D("0.00")),
        (2026, "approved", D("93200.00"), D("90700.00"), D("85000.00"), D("7356.57")),
    ]
    assert "93,200.00\xa0€" in response.content.decode()


def test_the_detail_shows_amounts_in_german(funding, client_for):
    page = client_for("carrier").get(url("plan_detail", 2026)).content.decode()
    assert "93.200,00\xa0€" in page
    assert "5.666,67\xa0€" in page


def test_budget_against_actual_on_a_chosen_day(funding, client_for):
    client = english(client_for("carrier"))
    comparison = client.get(url("plan_detail", 2026)).context["comparison"]
    assert (comparison.on, comparison.spent, comparison.paid) == (
        dt.date(2026, 11, 30),
        D("7356.57"),
        D("85000.00"),
    )
    response = client.get(url("plan_detail", 2026) + "?on=2026-01-31")
    comparison = response.context["comparison"]
    assert (comparison.spent, comparison.paid, comparison.warnings) == (
        D("5666.67"),
        D("45000.00"),
        (),
    )
    later = client.get(url("plan_detail", 2026)).context["comparison"]
    assert [w.code for w in later.warnings] == ["payment_not_spent", "payment_not_spent"]
    page = client.get(url("plan_detail", 2026)).content.decode()
    assert "Of the payment of 45,000.00 € on 05/01/2026, 37,733.33 € was not spent by" in page


def test_a_bad_day_is_a_clear_400(funding, client_for):
    client = english(client_for("carrier"))
    response = client.get(url("plan_detail", 2026) + "?on=2026-13-01")
    assert response.status_code == 400
    assert "“2026-13-01” is not a date this page can show" in response.content.decode()


def test_the_default_day_lies_inside_the_plans_year(funding, client_for):
    response = client_for("carrier").get(url("plan_detail", 2027))
    assert (response.context["on"], response.context["comparison"]) == (dt.date(2027, 1, 1), None)


def test_the_carriers_non_profit_status_is_flagged_before_it_expires(funding, client_for):
    with translation.override("en"):
        page = english(client_for("carrier")).get(url("plan_detail", 2026)).content.decode()
    assert "The notice of the non-profit status of DRK is valid only until 31/01/2027." in page
    # The coordinator does not read the carrier's notices.
    response = client_for("coordinator").get(url("plan_detail", 2026))
    assert response.context["non_profit"] is None


def test_a_missing_non_profit_notice_is_flagged(funding, client_for):
    with scopes_disabled():
        funding.non_profit.delete()
    page = english(client_for("city")).get(url("plan_detail", 2026)).content.decode()
    assert "No tax office notice of the non-profit status of DRK is recorded." in page


def test_the_history_names_each_step_and_its_author(funding, client_for):
    events = client_for("city").get(url("plan_detail", 2026)).context["events"]
    assert [(e.kind, e.by.username, e.comment) for e in events] == [
        ("created", "carrier", ""),
        ("submitted", "carrier", ""),
        ("approved", "city", "50-2026-01"),
        ("payment", "city", "45000.00"),
        ("payment", "city", "40000.00"),
    ]


def test_query_counts_are_fixed(funding, client_for, django_assert_num_queries):
    client = client_for("carrier")
    client.get(url("plan_detail", 2026))  # the session and the roles, once
    # The grant notice and its amounts are read once, for the page and budget_status.
    with django_assert_num_queries(16):
        assert client.get(url("plan_detail", 2026)).status_code == 200
    with django_assert_num_queries(10):
        assert client.get(url("treff_overview")).status_code == 200
    with scopes_disabled():
        for number in range(5):
            Expense.objects.create(
                plan=funding.plan,
                day=dt.date(2026, 5, 1 + number),
                cost_type="material",
                purpose="Papier",
                payee_kind="supplier",
                amount=D("10.00"),
                voucher=f"X-{number}",
                recorded_by=funding.expense.recorded_by,
            )
        BudgetPlan.objects.create(
            treff=funding.plan.treff, year=2025, created_by=funding.expense.recorded_by
        )
    with django_assert_num_queries(16):
        client.get(url("plan_detail", 2026))
    with django_assert_num_queries(10):
        client.get(url("treff_overview"))


# --- The carrier drafts, edits and submits ------------------------------------------------


def test_carrier_drafts_a_plan_copied_from_last_year(funding, client_for):
    client = client_for("carrier")
    form = client.get(url("plan_create")).context["form"]
    assert (form.initial["year"], form.initial["copy_from"]) == (2028, funding.draft.pk)
    response = client.post(url("plan_create"), {"year": "2028", "copy_from": funding.draft.pk})
    assert response.url == url("plan_edit", 2028)
    with scopes_disabled():
        plan = BudgetPlan.objects.get(treff=funding.plan.treff, year=2028)
    assert (plan.status, len(lines_of(plan)), len(financing_of(plan))) == ("draft", 4, 2)


def test_an_empty_plan_and_a_year_taken_twice(funding, client_for):
    client = english(client_for("carrier"))
    response = client.post(url("plan_create"), {"year": "2029", "copy_from": ""})
    assert response.url == url("plan_edit", 2029)
    response = client.post(url("plan_create"), {"year": "2027", "copy_from": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This Treff already has a budget plan for this year."
    ]
    response = client.post(url("plan_create"), {"year": "1999", "copy_from": ""})
    assert list(response.context["form"].errors) == ["year"]
    with scopes_disabled():
        assert BudgetPlan.objects.filter(treff=funding.plan.treff).count() == 3


def test_another_treffs_plan_is_no_choice_to_copy(funding, client_for):
    client = client_for("carrier")
    response = client.post(url("plan_create"), {"year": "2028", "copy_from": funding.other_plan.pk})
    assert list(response.context["form"].errors) == ["copy_from"]


def test_the_edit_page_shows_the_lines_by_cost_type(funding, client_for):
    response = client_for("carrier").get(url("plan_edit", 2027))
    sections = {
        code: [(form.initial.get("label"), form.number) for form in formset]
        for _label, code, formset in response.context["sections"]
    }
    assert sections == {
        "personnel": [("Koordinatorin", 1), (None, None)],
        "material": [("Reinigung", 2), ("PC und Telefon", 3), (None, None), (None, None)],
        "rent": [("Franzstraße 12", 4), (None, None)],
        "other": [(None, None)],
    }
    page = response.content.decode()
    assert 'value="68000,00"' in page  # German, without grouping: reads back the same


def test_carrier_saves_lines_in_german_and_plain_amounts(funding, client_for):
    client = client_for("carrier")
    response = client.post(
        url("plan_edit", 2027), edit_data(GOOD_ROWS, GOOD_FINANCING, limit="150,00")
    )
    assert response.url == url("plan_detail", 2027)
    assert lines_of(funding.draft) == [
        (1, "personnel", "Koordinatorin", D("70000.00")),
        (2, "material", "Reinigung", D("1234.50")),
        (3, "material", "Telefon", D("765.50")),
        (4, "rent", "Franzstraße 12", D("15000.00")),
    ]
    assert financing_of(funding.draft) == [
        (1, "grant", "Zuschuss", D("80000.00")),
        (2, "own", "", D("7000.00")),
    ]
    with scopes_disabled():
        funding.draft.refresh_from_db()
        rent = PlanLine.objects.get(plan=funding.draft, cost_type="rent")
    assert funding.draft.coordinator_expense_limit == D("150.00")
    assert (rent.area_m2, rent.monthly_rent, rent.monthly_advance) == (
        D("180.50"),
        D("1000.00"),
        D("250.00"),
    )


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5,00", "Amount (€ per year): an amount cannot be negative."),
        (
            "12.345",
            "Amount (€ per year): “12.345” is not an amount in euros with at most two decimals.",
        ),
        (
            "zwölf",
            "Amount (€ per year): “zwölf” is not an amount in euros with at most two decimals.",
        ),
        ("", "Enter the amount per year."),
    ],
)
def test_a_bad_amount_is_shown_on_its_line_and_nothing_changes(
    funding, client_for, amount, message
):
    before = lines_of(funding.draft), financing_of(funding.draft)
    rows = {**GOOD_ROWS, "material": [{"label": "Reinigung", "amount": amount}]}
    with translation.override("en"):
        response = english(client_for("carrier")).post(
            url("plan_edit", 2027), edit_data(rows, GOOD_FINANCING)
        )
    assert response.status_code == 200
    material = {code: f for _l, code, f in response.context["sections"]}["material"]
    assert (material[0].number, errors_of(material[0])) == (2, {"amount": [message]})
    assert "Nothing has been saved yet. Please correct the marked entries." in (
        response.content.decode()
    )
    assert (lines_of(funding.draft), financing_of(funding.draft)) == before


def test_a_personnel_line_needs_grade_and_share(funding, client_for):
    rows = {"personnel": [{"label": "Koordinatorin", "amount": "100", "post_share": "1.5"}]}
    with translation.override("en"):
        response = english(client_for("carrier")).post(
            url("plan_edit", 2027), edit_data(rows, GOOD_FINANCING)
        )
    errors = errors_of(response.context["sections"][0][2][0])
    assert errors == {
        "pay_grade": ["Enter the pay grade."],
        "post_share": ["Enter a share between 0.01 and 1, e.g. 0.5 for a half post."],
    }


def test_a_financing_line_needs_its_source(funding, client_for):
    before = financing_of(funding.draft)
    financing = [{"source": "", "label": "Spende", "amount": "100"}]
    with translation.override("en"):
        response = english(client_for("carrier")).post(
            url("plan_edit", 2027), edit_data(GOOD_ROWS, financing)
        )
    form = response.context["financing"][0]
    assert (form.number, errors_of(form)) == (1, {"source": ["Choose the source of this money."]})
    assert financing_of(funding.draft) == before


def test_an_approved_plan_cannot_be_edited(funding, client_for):
    client = english(client_for("carrier"))
    before = lines_of(funding.plan)
    response = client.get(url("plan_edit", 2026))
    assert response.url == url("plan_detail", 2026)
    assert said(response) == ["The plan is approved and cannot be changed."]
    response = client.post(url("plan_edit", 2026), edit_data(GOOD_ROWS, GOOD_FINANCING))
    assert response.url == url("plan_detail", 2026)
    assert lines_of(funding.plan) == before


@pytest.mark.parametrize(
    ("user", "status"),
    [("coordinator", 403), ("city", 403), ("other_carrier", 404), ("outsider", 404)],
)
def test_only_the_carrier_edits_and_submits(funding, client_for, user, status):
    client = client_for(user)
    before = lines_of(funding.draft)
    assert client.get(url("plan_edit", 2027)).status_code == status
    assert (
        client.post(url("plan_edit", 2027), edit_data(GOOD_ROWS, GOOD_FINANCING)).status_code
        == status
    )
    assert client.post(url("plan_submit", 2027)).status_code == status
    assert client.get(url("plan_create")).status_code == status
    funding.draft.refresh_from_db()
    assert (funding.draft.status, lines_of(funding.draft)) == ("draft", before)


def test_carrier_submits_a_balanced_plan(funding, client_for):
    client = english(client_for("carrier"))
    assert client.get(url("plan_submit", 2027)).status_code == 405
    response = client.post(url("plan_submit", 2027))
    assert response.url == url("plan_detail", 2027)
    assert said(response) == ["The plan has been submitted to the city."]
    funding.draft.refresh_from_db()
    assert funding.draft.status == "submitted"


def test_an_unbalanced_plan_is_not_submitted(funding, client_for):
    client = english(client_for("carrier"))
    financing = [{"source": "grant", "label": "", "amount": "1000"}]
    client.cookies["django_language"] = "de"  # the rows are written the German way
    assert client.post(url("plan_edit", 2027), edit_data(GOOD_ROWS, financing)).status_code == 302
    client.cookies["django_language"] = "en"
    response = client.post(url("plan_submit", 2027))
    assert said(response)[-1:] == [
        "Costs (87,000.00 €) and financing (1,000.00 €) differ; a plan is submitted balanced."
    ]
    funding.draft.refresh_from_db()
    assert funding.draft.status == "draft"


# --- The city decides and pays ------------------------------------------------------------


@pytest.fixture
def submitted(funding, client_for):
    """The 2027 draft, submitted by the carrier (balanced: it is a copy of 2026)."""
    client_for("carrier").post(url("plan_submit", 2027))
    funding.draft.refresh_from_db()
    assert funding.draft.status == "submitted"
    return funding.draft


def approve_data(**changes) -> dict:
    data = {
        "reference": "50-2027-01",
        "date": "2026-12-01",
        "conditions": "ANBest-P",
        "overrun_percent": "20",
        "spend_within_months": "2",
        "amount_personnel": "66.000,00",
        "amount_material": "5500",
        "amount_rent": "19.200,00",
    }
    return {**data, **changes}


def test_city_returns_a_plan_with_a_comment(submitted, client_for):
    client = english(client_for("city"))
    response = client.post(url("plan_return", 2027), {"comment": ""})
    assert list(response.context["form"].errors) == ["comment"]
    response = client.post(url("plan_return", 2027), {"comment": "Miete belegen"})
    assert response.url == url("plan_detail", 2027)
    submitted.refresh_from_db()
    with scopes_disabled():
        last = PlanEvent.objects.filter(plan=submitted).last()
    assert (submitted.status, last.kind, last.comment, last.by.username) == (
        "returned",
        "returned",
        "Miete belegen",
        "city",
    )
    # Returned, the carrier may edit it again, and reads why above the form.
    response = client_for("carrier").get(url("plan_edit", 2027))
    assert (response.status_code, response.context["returned"].comment) == (200, "Miete belegen")


def test_the_approval_form_offers_the_applied_amounts(submitted, client_for):
    form = client_for("city").get(url("plan_approve", 2027)).context["form"]
    assert {code: form[f"amount_{code}"].initial for code in form.cost_types} == {
        "personnel": D("68000.00"),
        "material": D("6000.00"),
        "rent": D("19200.00"),
    }


def test_city_records_the_grant_notice(submitted, client_for):
    client = english(client_for("city"))
    response = client.post(url("plan_approve", 2027), approve_data(overrun_percent="15"))
    assert response.url == url("plan_detail", 2027)
    submitted.refresh_from_db()
    with scopes_disabled():
        notice = submitted.notice
        amounts = dict(notice.amounts.values_list("cost_type", "amount"))
    assert (submitted.status, notice.reference, notice.overrun_share) == (
        "approved",
        "50-2027-01",
        D("0.15"),
    )
    assert amounts == {"personnel": D("66000.00"), "material": D("5500.00"), "rent": D("19200.00")}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"amount_material": "-1"},
            "amount_material",
            "Approved: Material costs (flat rate) (€): an amount cannot be negative.",
        ),
        (
            {"amount_material": "1.005"},
            "amount_material",
            "Approved: Material costs (flat rate) (€): “1.005” is not an amount in euros with "
            "at most two decimals.",
        ),
        (
            {"amount_material": "7000"},
            None,
            "Material costs (flat rate): more approved than applied for (6,000.00 €).",
        ),
        ({"reference": ""}, "reference", "This field is required."),
        (
            {"overrun_percent": "120"},
            "overrun_percent",
            "Ensure this value is less than or equal to 100.",
        ),
    ],
)
def test_a_bad_notice_is_refused_and_nothing_changes(
    submitted, client_for, changes, field, message
):
    with translation.override("en"):
        response = english(client_for("city")).post(
            url("plan_approve", 2027), approve_data(**changes)
        )
    assert response.status_code == 200
    assert errors_of(response.context["form"]) == {field or "__all__": [message]}
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_a_cost_type_not_in_the_plan_is_no_field_of_the_notice(submitted, client_for):
    client = client_for("city")
    client.post(url("plan_approve", 2027), approve_data(amount_other="500"))
    with scopes_disabled():
        assert sorted(submitted.notice.amounts.values_list("cost_type", flat=True)) == [
            "material",
            "personnel",
            "rent",
        ]


def test_a_plan_not_submitted_goes_back_with_a_message(funding, client_for):
    client = english(client_for("city"))
    for name in ("plan_approve", "plan_return"):
        response = client.get(url(name, 2027))
        assert response.url == url("plan_detail", 2027)
        assert said(response)[-1] == (
            "Only a submitted plan is returned or approved; this plan is “draft”."
        )


@pytest.mark.parametrize(
    ("user", "status"),
    [("carrier", 403), ("coordinator", 403), ("committee", 403), ("outsider", 404)],
)
def test_only_the_city_decides_and_pays(submitted, client_for, user, status):
    client = client_for(user)
    assert client.post(url("plan_approve", 2027), approve_data()).status_code == status
    assert client.post(url("plan_return", 2027), {"comment": "x"}).status_code == status
    assert (
        client.post(url("payment_create", 2026), {"day": "2026-11-30", "amount": "1"}).status_code
        == status
    )
    submitted.refresh_from_db()
    with scopes_disabled():
        assert (submitted.status, Payment.objects.count()) == ("submitted", 2)


def test_city_records_a_payment(funding, client_for):
    client = english(client_for("city"))
    response = client.post(
        url("payment_create", 2026), {"day": "2026-11-30", "amount": "5.000,00", "note": "3. Rate"}
    )
    assert response.url == url("plan_detail", 2026) + "#payments"
    with scopes_disabled():
        assert list(funding.plan.payments.values_list("amount", "note"))[-1] == (
            D("5000.00"),
            "3. Rate",
        )


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"day": "2026-11-30", "amount": "-10"},
            {"amount": ["Amount (€): an amount cannot be negative."]},
        ),
        (
            {"day": "2026-11-30", "amount": "10.001"},
            {
                "amount": [
                    "Amount (€): “10.001” is not an amount in euros with at most two decimals."
                ]
            },
        ),
        (
            {"day": "2027-01-02", "amount": "10"},
            {"day": ["A payment for 2026 is made between 1 November 2025 and 31 December 2026."]},
        ),
        (
            {"day": "2026-11-30", "amount": "6000"},
            {"amount": ["Payments would exceed the approved grant."]},
        ),
    ],
)
def test_a_bad_payment_is_refused(funding, client_for, data, errors):
    with translation.override("en"):
        response = english(client_for("city")).post(url("payment_create", 2026), data)
    assert errors_of(response.context["form"]) == errors
    with scopes_disabled():
        assert Payment.objects.filter(plan=funding.plan).count() == 2


def test_no_payment_before_approval(funding, client_for):
    response = english(client_for("city")).get(url("payment_create", 2027))
    assert said(response) == ["Payments are recorded once the grant is approved."]


# --- Expenses -----------------------------------------------------------------------------


def expense_data(**changes) -> dict:
    data = {
        "voucher": "B-2026-100",
        "day": "2026-11-20",
        "cost_type": "material",
        "purpose": "Kaffee",
        "payee_kind": "supplier",
        "amount": "12,50",
    }
    return {**data, **changes}


def vouchers(plan) -> list[str]:
    with scopes_disabled():
        return list(Expense.objects.filter(plan=plan).values_list("voucher", flat=True))


def test_carrier_records_edits_and_deletes_an_expense(funding, client_for):
    client = english(client_for("carrier"))
    response = client.post(url("expense_create", 2026), expense_data(amount="1.234,50"))
    assert response.url == url("plan_detail", 2026) + "#expenses"
    with scopes_disabled():
        expense = Expense.objects.get(voucher="B-2026-100")
    assert (expense.amount, expense.recorded_by.username) == (D("1234.50"), "carrier")
    edit = url("expense_edit", 2026, expense.pk)
    assert client.get(edit).context["form"]["amount"].value() == "1234.50"
    assert 'value="1234.50"' in client.get(edit).content.decode()
    client.post(edit, expense_data(amount="99.99", purpose="Kaffee und Tee"))
    expense.refresh_from_db()
    assert (expense.amount, expense.purpose) == (D("99.99"), "Kaffee und Tee")
    assert client.get(url("expense_delete", 2026, expense.pk)).status_code == 405
    response = client.post(url("expense_delete", 2026, expense.pk))
    assert said(response)[-1] == "The expense B-2026-100 has been deleted."
    assert vouchers(funding.plan) == ["B-2026-001", "B-2026-002", "B-2026-003"]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"amount": "-3"}, {"amount": ["Amount (€): an amount cannot be negative."]}),
        (
            {"amount": "3.333"},
            {
                "amount": [
                    "Amount (€): “3.333” is not an amount in euros with at most two decimals."
                ]
            },
        ),
        (
            {"cost_type": "other"},
            {"cost_type": ["Select a valid choice. other is not one of the available choices."]},
        ),
        (
            {"day": "2025-12-31"},
            {"__all__": ["The date 31/12/2025 is outside the funding year 2026."]},
        ),
        (
            {"voucher": "B-2026-001"},
            {"__all__": ["An expense with this voucher number is recorded."]},
        ),
    ],
)
def test_a_bad_expense_is_refused_and_nothing_changes(funding, client_for, changes, errors):
    with translation.override("en"):
        response = english(client_for("carrier")).post(
            url("expense_create", 2026), expense_data(**changes)
        )
    assert response.status_code == 200
    assert errors_of(response.context["form"]) == errors
    assert vouchers(funding.plan) == ["B-2026-001", "B-2026-002", "B-2026-003"]


def test_coordinator_records_small_expenses_only_where_allowed(funding, client_for):
    client = english(client_for("coordinator"))
    assert client.get(url("expense_create", 2026)).status_code == 403
    with scopes_disabled():
        BudgetPlan.objects.filter(pk=funding.plan.pk).update(coordinator_expense_limit=D("50.00"))
    response = client.post(url("expense_create", 2026), expense_data(amount="50,01"))
    assert errors_of(response.context["form"]) == {
        "__all__": ["Expenses above 50.00 € are recorded by the carrier."]
    }
    response = client.post(url("expense_create", 2026), expense_data(amount="49,90"))
    assert response.url == url("plan_detail", 2026) + "#expenses"
    assert vouchers(funding.plan)[-1] == "B-2026-100"
    # Not the carrier's expense of 5,666.67 €.
    response = client.post(url("expense_delete", 2026, funding.expense.pk))
    assert said(response)[-1] == "Only the carrier can delete this expense."
    assert len(vouchers(funding.plan)) == 4


@pytest.mark.parametrize(
    ("user", "status"),
    [("city", 403), ("counsellor", 403), ("other_carrier", 404), ("outsider", 404)],
)
def test_others_record_no_expense(funding, client_for, user, status):
    client = client_for(user)
    assert client.post(url("expense_create", 2026), expense_data()).status_code == status
    assert (
        client.post(url("expense_edit", 2026, funding.expense.pk), expense_data()).status_code
        == status
    )
    assert client.post(url("expense_delete", 2026, funding.expense.pk)).status_code == status
    assert vouchers(funding.plan) == ["B-2026-001", "B-2026-002", "B-2026-003"]


def test_no_expense_before_approval(funding, client_for):
    response = english(client_for("carrier")).get(url("expense_create", 2027))
    assert said(response) == ["Expenses are recorded once the grant is approved."]


@pytest.mark.parametrize(
    ("language", "text", "amount"),
    [
        ("de", "1.234,50", D("1234.50")),
        ("de", "12.000", D("12000.00")),
        ("de", "1234,5", D("1234.50")),
        ("de", "1234.50", D("1234.50")),
        ("de", "99 €", D("99.00")),
        ("en", "1,234.50", D("1234.50")),
        ("en", "12,000", D("12000.00")),
        ("en", "1234.50", D("1234.50")),
        ("en", "1.234,50", D("1234.50")),
    ],
)
def test_amounts_are_read_the_way_the_reader_writes_them(language, text, amount):
    from treff.funding.forms import AmountField

    with translation.override(language):
        assert AmountField(label="Amount").clean(text) == amount


def test_an_amount_is_never_a_float_and_never_three_decimals():
    from django.core.exceptions import ValidationError

    from treff.funding.forms import AmountField

    field = AmountField(label="Amount")
    for language in ("de", "en"):
        for text in ("0,001", "0.001", "1e3", "-0,01", "12.34.56", "Infinity"):
            with translation.override(language), pytest.raises(ValidationError):
                field.clean(text)
