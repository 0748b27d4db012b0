"""Funding pages beyond one plan: the expense import of a Treff's plan (with its templates),
the city-wide overview of plans and money, and the carriers' non-profit notices (§4).

A Treff or carrier outside the user's reach answers 404, one the user may see but not
change 403 (treffs.shortcuts). The overview shows committee members totals per Treff and
year only: approved and spent, no payments, no status, no links.
"""

import csv
import io
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from treff.core.limits import per_account
from treff.core.params import year_param
from treff.core.views import call_service
from treff.core.xlsx import append_row
from treff.treffs.access import roles_of
from treff.treffs.shortcuts import get_treff_or_404

from . import selectors, services, services_import
from .engine.money import ZERO
from .forms_overview import ExpenseImportForm, NonProfitForm
from .models import BudgetPlan

IMPORT, VIEW_PLAN = "funding.import_expenses", "funding.view_plan"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plan(treff, year) -> BudgetPlan:
    try:
        return selectors.plan_for_year(treff, year)
    except BudgetPlan.DoesNotExist:
        raise Http404 from None


def _import_plan(request, slug, year) -> BudgetPlan:
    treff = get_treff_or_404(request, slug, IMPORT)
    plan = _plan(treff, year)
    if not request.user.has_perm(IMPORT, plan):
        raise PermissionDenied
    return plan


@require_http_methods(["GET", "POST"])
@per_account("import", ("POST",))
def expense_import(request, slug, year):
    """Upload a bookkeeping export (CSV/XLSX) into the plan: all rows or none."""
    plan = _import_plan(request, slug, year)
    form = ExpenseImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        record = call_service(
            form,
            services_import.expenses_import,
            plan=plan,
            filename=upload.name,
            content=upload.read(),
            user=request.user,
        )
        if record:
            messages.success(
                request,
                _("%(added)d added, %(known)d already recorded.")
                % {"added": record.rows_added, "known": record.rows_known},
            )
            return redirect(reverse("funding:plan_detail", args=[plan.treff.slug, plan.year]))
    return render(
        request,
        "funding/import_form.html",
        {
            "treff": plan.treff,
            "plan": plan,
            "form": form,
            "imports": plan.imports.select_related("imported_by")[:10],
            "max_rows": services_import.MAX_ROWS,
        },
    )


@require_safe
def expense_template_csv(request, slug, year):
    """The import's template: German headers and one example row, UTF-8 with BOM, ";"."""
    plan = _import_plan(request, slug, year)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(services_import.TEMPLATE_HEADER)
    writer.writerow(services_import.template_example(plan.year))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ausgaben-{plan.year}.csv"'
    return response


@require_safe
def expense_template_xlsx(request, slug, year):
    from openpyxl import Workbook

    plan = _import_plan(request, slug, year)
    book = Workbook()
    sheet = book.active
    sheet.title = "Ausgaben"
    append_row(sheet, services_import.TEMPLATE_HEADER)
    append_row(sheet, services_import.template_example(plan.year))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="ausgaben-{plan.year}.xlsx"'
    return response


@require_safe
def overview(request):
    """Every Treff × year the user may see, with money, and the sums per year.

    City staff see all Treffs, carrier admins and coordinators their own, committee members
    totals only (approved and spent). `?year=` limits it to one year (400 for a bad one).
    A fixed number of queries, whatever the number of Treffs and plans.
    """
    user = request.user
    if not user.has_perm("funding.view_overview"):
        raise PermissionDenied
    roles = roles_of(user)
    year = year_param(request, default=0)
    totals_only = roles.committee and not roles.city_staff
    if roles.city_staff or roles.committee:
        treff_ids = None  # every Treff of the request's scope
    else:
        treff_ids = roles.carrier_treff_ids | roles.coordinator_of
    rows = selectors.overview_rows(treff_ids, [year] if year else None)
    per_year = defaultdict(lambda: dict.fromkeys(MONEY, ZERO))
    for row in rows:
        row["remaining"] = row["approved"] - row["spent"]
        row["link"] = not totals_only and user.has_perm(VIEW_PLAN, row["plan"])
        sums = per_year[row["year"]]
        for key in MONEY:
            sums[key] += row[key]
    if totals_only:
        # The committee's page gets the totals and nothing else (no plan, status or payments).
        rows = [{key: row[key] for key in COMMITTEE_KEYS} for row in rows]
        per_year = {
            year: {key: sums[key] for key in COMMITTEE_KEYS[2:]} for year, sums in per_year.items()
        }
    return render(
        request,
        "funding/overview.html",
        {
            "rows": rows,
            "sums": sorted(per_year.items(), reverse=True),
            "totals_only": totals_only,
            "year": year,
            "years": selectors.plan_years(treff_ids),
            "show_carriers": roles.city_staff or bool(roles.carrier_ids),
        },
    )


MONEY = ("costs", "approved", "paid", "spent", "remaining")
COMMITTEE_KEYS = ("treff", "year", "approved", "spent")


def _carrier(request, pk):
    carrier = selectors.carriers_for(request.user).filter(pk=pk).first()
    if carrier is None:
        raise Http404
    return carrier


@require_safe
def non_profit(request):
    """The carriers the user may see, each with its newest non-profit notice and a flag
    when it is missing, expired or expires within selectors.NON_PROFIT_WARNING_DAYS."""
    roles = roles_of(request.user)
    if not (roles.city_staff or roles.carrier_ids):
        raise PermissionDenied
    today = timezone.localdate()
    carriers = [
        {
            "carrier": carrier,
            "state": selectors.non_profit_state(carrier, today=today),
            "can_keep": request.user.has_perm("funding.keep_non_profit", carrier),
        }
        for carrier in selectors.carriers_for(request.user).order_by("name")
    ]
    return render(
        request,
        "funding/non_profit.html",
        {"carriers": carriers, "warning_days": selectors.NON_PROFIT_WARNING_DAYS},
    )


@require_http_methods(["GET", "POST"])
def non_profit_create(request, pk):
    """Record a tax office's notice for a carrier: that carrier's admins only."""
    carrier = _carrier(request, pk)
    if not request.user.has_perm("funding.keep_non_profit", carrier):
        raise PermissionDenied
    form = NonProfitForm(request.POST or None)
    form.instance.organisation = carrier
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.non_profit_add,
            organisation=carrier,
            tax_office=form.cleaned_data["tax_office"],
            notice_date=form.cleaned_data["notice_date"],
            valid_until=form.cleaned_data["valid_until"],
            user=request.user,
        )
        if saved:
            messages.success(request, _("The notice of non-profit status has been recorded."))
            return redirect("funding:non_profit")
    return render(request, "funding/non_profit_form.html", {"carrier": carrier, "form": form})
