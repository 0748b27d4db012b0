"""The offer catalogue and the series that put offers into rooms and times."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from treff.core.params import date_from_path, int_param
from treff.core.times import format_end
from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from .. import planning, selectors, services
from ..forms import OfferForm, SeriesChangeForm, SeriesForm
from ..models import Offer, Series, SeriesChange


def offer_list(request, slug):
    """Active offers and their series; ?show=archived lists the archived ones instead."""
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    archived = request.GET.get("show") == "archived"
    return render(
        request,
        "offers/offer_list.html",
        {
            "treff": treff,
            "archived": archived,
            "offers": selectors.offer_list(treff, archived=archived),
            "series": selectors.series_list(treff, archived=archived),
            "can_manage": request.user.has_perm("offers.manage_plan", treff),
        },
    )


@require_http_methods(["GET", "POST"])
def offer_edit(request, slug, pk=None):
    treff = get_treff_or_404(request, slug, "offers.manage_plan")
    offer = get_in_treff_or_404(Offer.objects.filter(treff=treff), pk=pk) if pk else Offer()
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.offer_save, offer=form.save(commit=False), treff=treff, user=request.user
        )
        if saved:
            messages.success(request, _("The offer “%(title)s” has been saved.") % {"title": saved})
            return redirect("offers:offer_list", treff.slug)
    return render(request, "offers/offer_form.html", {"treff": treff, "form": form, "offer": offer})


@require_http_methods(["GET", "POST"])
def series_edit(request, slug, pk=None):
    treff = get_treff_or_404(request, slug, "offers.manage_plan")
    series = (
        get_in_treff_or_404(Series.objects.filter(treff=treff), pk=pk)
        if pk
        else Series(treff=treff, offer=_initial_offer(request, treff))
    )
    form = SeriesForm(request.POST or None, instance=series, treff=treff)
    if request.method == "POST" and form.is_valid():
        if pk:
            # An edit applies from a day on; earlier dates stay (a new series may continue).
            saved = call_service(
                form,
                services.series_change_from,
                series=form.save(commit=False),
                apply_from=form.cleaned_data.get("apply_from"),
                user=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        else:
            saved = call_service(
                form, services.series_save, series=form.save(commit=False), user=request.user
            )
        if saved and saved.pk != pk and saved.continues_id:
            messages.success(
                request,
                _(
                    "The series has been saved. The change applies from %(date)s; the dates "
                    "before it stay as they were."
                )
                % {"date": formats.date_format(saved.starts_on, "SHORT_DATE_FORMAT")},
            )
        elif saved:
            messages.success(request, _("The series has been saved."))
        if saved:
            return redirect("offers:series_detail", treff.slug, saved.pk)
    return render(
        request, "offers/series_form.html", {"treff": treff, "form": form, "series": series}
    )


def _initial_offer(request, treff):
    """The offer named by ?offer= (a 400 for a non-number; none if not this Treff's)."""
    offer_id = int_param(request, "offer")
    if offer_id is None:
        return None
    return Offer.objects.filter(treff=treff, pk=offer_id).first()


def series_detail(request, slug, pk):
    treff = get_treff_or_404(request, slug, "offers.manage_plan")
    try:
        series = selectors.series_get(treff, pk)
    except (Series.DoesNotExist, ValueError):
        raise Http404 from None
    occurrences = list(series.occurrences.select_related("room").order_by("start"))
    changes = {change.original_date: change for change in series.changes.all()}
    dated = {occ.original_date for occ in occurrences}
    return render(
        request,
        "offers/series_detail.html",
        {
            "treff": treff,
            "series": series,
            "description": planning.describe(series),
            "rule": planning.describe(series, times=False),
            # A change "from a date on" splits a series; the parts name each other.
            "continues": series.continues,
            "continued_by": list(series.continued_by.select_related("offer")),
            # Each date with the change that moved or cancelled it (restorable), in date order
            # of where it takes place: a moved date stands where it lands.
            "rows": [(occ, changes.get(occ.original_date)) for occ in occurrences],
            # Changes of dates the rule no longer has (the series was edited since): they do
            # nothing now, but stay visible and can be removed.
            "stale_changes": [
                change for day, change in sorted(changes.items()) if day not in dated
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def series_delete(request, slug, pk):
    treff = get_treff_or_404(request, slug, "offers.manage_plan")
    series = get_in_treff_or_404(Series.objects.filter(treff=treff).select_related("offer"), pk=pk)
    if request.method == "POST":
        services.series_delete(series=series, user=request.user)
        messages.success(request, _("The series has been deleted."))
        return redirect("offers:offer_list", treff.slug)
    return render(request, "offers/series_confirm_delete.html", {"treff": treff, "series": series})


@require_http_methods(["GET", "POST"])
def series_change(request, slug, pk, date):
    """Cancel or move the date `date` (YYYY-MM-DD) of a series."""
    treff = get_treff_or_404(request, slug, "offers.manage_plan")
    series = get_in_treff_or_404(
        Series.objects.filter(treff=treff).select_related("offer", "room"), pk=pk
    )
    original = date_from_path(date)
    occurrence = get_in_treff_or_404(series.occurrences.all(), original_date=original)
    existing = series.changes.filter(original_date=original).first()
    change = existing or SeriesChange(series=series, original_date=original)
    form = SeriesChangeForm(
        request.POST or None,
        instance=change,
        series=series,
        initial={"action": "move" if existing and not existing.cancelled else "cancel"},
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.series_change_save,
            change=form.save(commit=False),
            cancel=form.cleaned_data["action"] == "cancel",
            user=request.user,
        )
        if saved:
            messages.success(request, _change_message(saved))
            return redirect("offers:series_detail", treff.slug, series.pk)
    return render(
        request,
        "offers/series_change_form.html",
        {"treff": treff, "series": series, "occurrence": occurrence, "form": form},
    )


def _change_message(change: SeriesChange) -> str:
    """What became of the date; a move onto a closure day, a holiday or into the past is
    saved (someone chose it), but said out loud, so that it is not a surprise later."""
    moved = (
        None
        if change.cancelled
        else change.series.occurrences.filter(original_date=change.original_date).first()
    )
    if moved is None:
        return _("The date has been changed.")
    start = timezone.localtime(moved.start)
    parts = [
        _("The date has been moved to %(when)s.")
        % {
            "when": "{}, {}, {}–{}".format(
                formats.date_format(start, "D"),
                formats.date_format(start, "SHORT_DATE_FORMAT"),
                f"{start:%H:%M}",
                format_end(timezone.localtime(moved.end).time()),
            )
        }
    ]
    if moved.closed:
        parts.append(_("It now lies on a closure day (%(reason)s).") % {"reason": moved.closed})
    if moved.holiday:
        parts.append(_("It now lies on a public holiday (%(name)s).") % {"name": moved.holiday})
    if moved.start < timezone.now():
        parts.append(_("It now lies in the past."))
    return " ".join(parts)


@require_POST
def series_restore(request, slug, pk, change_pk):
    treff = get_treff_or_404(request, slug, "offers.manage_plan")
    change = get_in_treff_or_404(
        SeriesChange.objects.filter(treff=treff, series_id=pk).select_related("series"),
        pk=change_pk,
    )
    try:
        services.series_change_restore(change=change, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The date is back at its regular time and room."))
    return redirect("offers:series_detail", treff.slug, pk)
