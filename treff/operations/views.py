"""Daily operations: the day view, visitor tallies, the lunch table, the clothing store.

Reads go through selectors, writes through services (call_service turns a refusal into a
message on the form). The tally page works without JavaScript (POST, then redirect); the
script in static/operations/tally.js sends the same form with `Accept: application/json`
and gets the count back instead of a redirect.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from treff.core.params import date_from_path, date_param, month_param
from treff.core.views import call_service
from treff.offers.models import Occurrence
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from . import lunch_plan, selectors, services
from .forms import (
    ClothingDateForm,
    CorrectionForm,
    DonationLines,
    HandoutLines,
    LunchDayForm,
    SwapForm,
    TapForm,
)
from .models import Donation, Handout, LunchDay, SwapEvent
from .services import MAX_CLOTHING_LINES

VIEW, COUNT, RECORD = "operations.view", "operations.count", "operations.record"
REMOVE = "operations.remove_entry"
PLAN = "offers.manage_plan"  # adding a lunch date to the plan is a change of the plan
ENTRY_MODELS = {"donation": Donation, "handout": Handout}


def _date_or_404(value: str) -> dt.date:
    return date_from_path(value)


def _date_param(request) -> dt.date:
    return date_param(request, default=timezone.localdate())


def _month_param(request) -> dt.date:
    return month_param(request, default=timezone.localdate())


def _month_nav(first: dt.date) -> dict:
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return {"month": first, "previous_month": previous, "next_month": following}


# Day view and tallies -------------------------------------------------------------------------


def day(request, slug):
    """The coordinator's day: each occurrence with its count, the drop-in count, the lunch."""
    treff = get_treff_or_404(request, slug, VIEW)
    current = _date_param(request)
    return render(
        request,
        "operations/day.html",
        {
            "treff": treff,
            "summary": selectors.day_summary(treff, current),
            "previous": current - dt.timedelta(days=1),
            "next": current + dt.timedelta(days=1),
            "today": timezone.localdate(),
            "can_count": request.user.has_perm(COUNT, treff),
            "can_record": request.user.has_perm(RECORD, treff),
        },
    )


@require_http_methods(["GET", "POST"])
def tally_drop_in(request, slug, date):
    treff = get_treff_or_404(request, slug, VIEW)
    return _tally_page(request, treff, _date_or_404(date), None)


@require_http_methods(["GET", "POST"])
def tally(request, slug, series, date):
    treff = get_treff_or_404(request, slug, VIEW)
    occurrence = get_in_treff_or_404(
        Occurrence.objects.filter(treff=treff).select_related("series__offer", "room"),
        series_id=series,
        original_date=_date_or_404(date),
    )
    return _tally_page(request, treff, timezone.localtime(occurrence.start).date(), occurrence)


def _tally_page(request, treff, day, occurrence):
    can_count = request.user.has_perm(COUNT, treff)
    tap_form, fix_form = TapForm(), CorrectionForm()
    if request.method == "POST":
        if not can_count:
            raise PermissionDenied
        target = {"treff": treff, "day": day, "occurrence": occurrence, "user": request.user}
        wants_json = "application/json" in request.headers.get("Accept", "")
        if request.POST.get("action") == "correct":
            fix_form = CorrectionForm(request.POST)
            done = fix_form.is_valid() and call_service(
                fix_form,
                services.tally_correct,
                key=fix_form.cleaned_data["key"],
                reason=fix_form.cleaned_data["reason"],
                new_total=(
                    fix_form.cleaned_data["new_total"]
                    if fix_form.cleaned_data["mode"] == CorrectionForm.SET
                    else None
                ),
                buckets=fix_form.buckets(),
                **target,
            )
            form, message = fix_form, _("The correction has been saved.")
        else:
            tap_form = TapForm(request.POST)
            done = tap_form.is_valid() and call_service(
                tap_form,
                services.tally_tap,
                key=tap_form.cleaned_data["key"],
                buckets=tap_form.buckets(),
                **target,
            )
            form, message = tap_form, None
        if done:
            tally, stored = done
            total = selectors.tally_total(tally)
            if wants_json:
                return JsonResponse({"total": total, "counted": stored})
            if not stored:
                message = _("This was sent before and has been counted once only.")
            elif message is None:
                message = ngettext(
                    "Counted. %(total)d visitor so far.",
                    "Counted. %(total)d visitors so far.",
                    total,
                ) % {"total": total}
            messages.success(request, message)
            return redirect(request.path)
        if wants_json:
            return JsonResponse({"errors": _messages_of(form)}, status=400)
    found = selectors.tally_find(treff=treff, day=day, occurrence=occurrence)
    return render(
        request,
        "operations/tally.html",
        {
            "treff": treff,
            "day": day,
            "occurrence": occurrence,
            "detail": selectors.tally_detail(found),
            "can_count": can_count,
            "future": day > timezone.localdate(),
            "tap_form": tap_form,
            "fix_form": fix_form,
            "day_url": reverse("operations:day", args=[treff.slug]) + f"?date={day:%Y-%m-%d}",
        },
    )


def _messages_of(form) -> list[str]:
    return [str(error) for errors in form.errors.values() for error in errors]


# Lunch table ----------------------------------------------------------------------------------


def lunch_list(request, slug):
    treff = get_treff_or_404(request, slug, VIEW)
    first = _month_param(request)
    return render(
        request,
        "operations/lunch_list.html",
        {
            "treff": treff,
            "lunch": selectors.lunch_month(treff, first),
            "can_record": request.user.has_perm(RECORD, treff),
            "can_remove": request.user.has_perm(REMOVE, treff),
            "can_plan": request.user.has_perm(PLAN, treff),
            **_month_nav(first),
        },
    )


@require_http_methods(["GET", "POST"])
def lunch_edit(request, slug, pk=None):
    treff = get_treff_or_404(request, slug, RECORD)
    lunch = (
        get_in_treff_or_404(LunchDay.objects.filter(treff=treff), pk=pk)
        if pk
        else LunchDay(treff=treff, date=_date_param(request))
    )
    form = LunchDayForm(request.POST or None, instance=lunch)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.lunch_day_save,
            lunch=form.save(commit=False),
            treff=treff,
            user=request.user,
        )
        if saved:
            lunch, warnings = saved
            messages.success(request, _("The lunch day has been saved."))
            for warning in warnings:
                messages.warning(request, warning)
            if not selectors.lunch_plan_dates(treff, lunch.date, lunch.date):
                messages.warning(
                    request,
                    _(
                        "The plan has no Mittagstisch date on %(date)s. The lunch list marks "
                        "the day and offers to add it to the plan."
                    )
                    % {"date": formats.date_format(lunch.date, "SHORT_DATE_FORMAT")},
                )
            return redirect(
                reverse("operations:lunch_list", args=[treff.slug]) + f"?month={lunch.date:%Y-%m}"
            )
    return render(
        request,
        "operations/lunch_form.html",
        {"treff": treff, "form": form, "lunch": lunch, "rules": selectors.lunch_rules(treff)},
    )


@require_http_methods(["GET", "POST"])
def lunch_plan_add(request, slug, date):
    """Confirm (GET) and add (POST) a Mittagstisch date for a lunch day the plan lacks."""
    treff = get_treff_or_404(request, slug, PLAN)
    day = date_from_path(date)
    errors, proposal = [], None
    try:
        proposal = lunch_plan.lunch_date_proposal(treff, day)
    except ValidationError as error:
        errors = error.messages
    if request.method == "POST" and proposal is not None:
        try:
            lunch_plan.lunch_date_add(treff=treff, day=day, user=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("The Mittagstisch on %(date)s is now in the plan.")
                % {"date": formats.date_format(day, "SHORT_DATE_FORMAT")},
            )
            return redirect(
                reverse("operations:lunch_list", args=[treff.slug]) + f"?month={day:%Y-%m}"
            )
    return render(
        request,
        "operations/lunch_plan_add.html",
        {"treff": treff, "day": day, "proposal": proposal, "errors": errors},
        status=400 if request.method == "POST" and errors else 200,
    )


# Clothing store -------------------------------------------------------------------------------


def clothing_stock(request, slug):
    treff = get_treff_or_404(request, slug, VIEW)
    return render(
        request,
        "operations/clothing_stock.html",
        {
            "treff": treff,
            "stock": selectors.clothing_stock(treff),
            "can_record": request.user.has_perm(RECORD, treff),
        },
    )


def clothing_history(request, slug):
    treff = get_treff_or_404(request, slug, VIEW)
    first = _month_param(request)
    return render(
        request,
        "operations/clothing_history.html",
        {
            "treff": treff,
            "history": selectors.clothing_history(treff, first),
            "can_record": request.user.has_perm(RECORD, treff),
            "can_remove": request.user.has_perm(REMOVE, treff),
            **_month_nav(first),
        },
    )


def _clothing_lines(request, slug, lines_class, service, message, title):
    """One date and several lines (kind, size, pieces …), saved together or not at all.

    "Add line" is a submit button: it sends what has been typed and shows it again with one
    more empty line, so it works without JavaScript.
    """
    treff = get_treff_or_404(request, slug, RECORD)
    data = request.POST if request.method == "POST" else None
    adding = data is not None and "add_line" in data
    if adding:
        data = _one_more_line(data, lines_class)
    form = ClothingDateForm(data, initial={"date": timezone.localdate()})
    lines = lines_class(data, prefix="lines")
    if data is not None and not adding and form.is_valid() and lines.is_valid():
        saved = call_service(
            form,
            service,
            date=form.cleaned_data["date"],
            lines=[line.save(commit=False) for line in lines if line.has_changed()],
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(request, message(len(saved)))
            return redirect("operations:clothing_stock", treff.slug)
    return render(
        request,
        "operations/clothing_lines.html",
        {
            "treff": treff,
            "form": form,
            "lines": lines,
            "title": title,
            "can_add_line": lines.total_form_count() < MAX_CLOTHING_LINES,
        },
    )


def _one_more_line(data, lines_class):
    data = data.copy()
    key = "lines-TOTAL_FORMS"
    try:
        total = int(data.get(key, ""))
    except ValueError:
        return data  # the management form reports it
    if total >= MAX_CLOTHING_LINES:
        return data
    data[key] = str(total + 1)
    # The new line starts with the fields' defaults (season "all year", condition "good"),
    # like the lines shown at first. Without them it would be bound to nothing: it would show
    # "required" at once, its selects would fall back to their first choice, and the untouched
    # line would then count as filled in and block saving.
    new_line = lines_class(prefix="lines").empty_form
    for name, field in new_line.fields.items():
        initial = new_line.get_initial_for_field(field, name)
        if initial not in (None, ""):
            data.setdefault(f"lines-{total}-{name}", str(initial))
    return data


@require_http_methods(["GET", "POST"])
def donation_create(request, slug):
    return _clothing_lines(
        request,
        slug,
        DonationLines,
        services.donations_add,
        lambda count: (
            ngettext(
                "%(count)d donation line has been recorded.",
                "%(count)d donation lines have been recorded.",
                count,
            )
            % {"count": count}
        ),
        _("Record donations"),
    )


@require_http_methods(["GET", "POST"])
def handout_create(request, slug):
    return _clothing_lines(
        request,
        slug,
        HandoutLines,
        services.handouts_add,
        lambda count: (
            ngettext(
                "%(count)d hand-out line has been recorded.",
                "%(count)d hand-out lines have been recorded.",
                count,
            )
            % {"count": count}
        ),
        _("Record hand-outs"),
    )


@require_http_methods(["GET", "POST"])
def swap_edit(request, slug, pk=None):
    treff = get_treff_or_404(request, slug, RECORD)
    swap = (
        get_in_treff_or_404(SwapEvent.objects.filter(treff=treff), pk=pk)
        if pk
        else SwapEvent(treff=treff, date=timezone.localdate())
    )
    form = SwapForm(request.POST or None, instance=swap)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.swap_save, swap=form.save(commit=False), treff=treff, user=request.user
        )
        if saved:
            messages.success(request, _("The clothes swap has been saved."))
            return redirect(
                reverse("operations:clothing_history", args=[treff.slug])
                + f"?month={saved.date:%Y-%m}"
            )
    return render(
        request,
        "operations/clothing_form.html",
        {
            "treff": treff,
            "form": form,
            "title": swap.title if swap.pk else _("New clothes swap"),
        },
    )


@require_POST
def clothing_entry_remove(request, slug, kind, pk):
    """Remove a wrongly recorded donation or hand-out (the coordinator's correction)."""
    treff = get_treff_or_404(request, slug, REMOVE)
    if kind not in ENTRY_MODELS:
        raise Http404
    entry = get_in_treff_or_404(ENTRY_MODELS[kind].objects.filter(treff=treff), pk=pk)
    try:
        services.clothing_entry_remove(entry=entry, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The entry has been removed; the stock is updated."))
    return redirect(
        reverse("operations:clothing_history", args=[treff.slug]) + f"?month={entry.date:%Y-%m}"
    )
