"""Planning requests, "Plan vorschlagen", the run's progress and the proposal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from treff.core.views import call_service
from treff.offers import planning
from treff.offers.models import Series
from treff.treffs.models import Room
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from . import bridge, services
from .forms import PlanningRequestForm, ProposeForm
from .models import PlannerRun, PlanningRequest

PERM = "offers.manage_plan"


def planning_request_list(request, slug):
    treff = get_treff_or_404(request, slug, PERM)
    return render(
        request,
        "planner/planning_request_list.html",
        {
            "treff": treff,
            "requests": PlanningRequest.objects.filter(treff=treff).select_related(
                "offer", "responsible"
            ),
            "runs": PlannerRun.objects.filter(treff=treff).select_related("plan_version")[:10],
        },
    )


@require_http_methods(["GET", "POST"])
def planning_request_edit(request, slug, pk=None):
    treff = get_treff_or_404(request, slug, PERM)
    planning_request = (
        get_in_treff_or_404(PlanningRequest.objects.filter(treff=treff), pk=pk)
        if pk
        else PlanningRequest(treff=treff)
    )
    form = PlanningRequestForm(request.POST or None, instance=planning_request, treff=treff)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.planning_request_save,
            planning_request=form.save(commit=False),
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(request, _("The request has been saved."))
            return redirect("planner:planning_request_list", treff.slug)
    return render(
        request,
        "planner/planning_request_form.html",
        {"treff": treff, "form": form, "planning_request": planning_request},
    )


@require_POST
def planning_request_delete(request, slug, pk):
    treff = get_treff_or_404(request, slug, PERM)
    planning_request = get_in_treff_or_404(PlanningRequest.objects.filter(treff=treff), pk=pk)
    services.planning_request_delete(planning_request=planning_request, user=request.user)
    messages.success(request, _("The request has been deleted."))
    return redirect("planner:planning_request_list", treff.slug)


@require_http_methods(["GET", "POST"])
def propose(request, slug):
    treff = get_treff_or_404(request, slug, PERM)
    form = ProposeForm(request.POST or None, treff=treff)
    if request.method == "POST" and form.is_valid():
        run = call_service(
            form,
            services.run_create,
            treff=treff,
            plan_version=form.cleaned_data["plan_version"],
            planning_requests=list(form.cleaned_data["requests"]),
            time_limit=form.cleaned_data["time_limit"],
            slot_minutes=form.cleaned_data["slot_minutes"],
            user=request.user,
        )
        if run:
            return redirect("planner:run", treff.slug, run.pk)
    return render(request, "planner/propose.html", {"treff": treff, "form": form})


def run_detail(request, slug, pk):
    treff = get_treff_or_404(request, slug, PERM)
    run = get_in_treff_or_404(
        PlannerRun.objects.filter(treff=treff).select_related("plan_version"), pk=pk
    )
    template = "planner/_run_status.html" if request.htmx else "planner/run.html"
    return render(request, template, _run_context(treff, run))


def _run_context(treff, run):
    now = timezone.now()
    lost = run.lost(now)
    context = {"treff": treff, "run": run, "lost": lost, "waiting_long": run.waiting_long(now)}
    if not run.finished or lost:
        return context
    rooms = {bridge.room_key(r.pk): r.name for r in Room.objects.filter(treff=treff)}
    planning_requests = {bridge.request_key(r.pk): r for r in run.requests.select_related("offer")}
    rows = []
    for placement in bridge.grouped(run.proposal):
        planning_request = planning_requests.get(placement["request"])
        if planning_request is None:
            continue  # the planning request was deleted after the run
        # The sessions as the series they become, in the same words as everywhere else.
        series = bridge.series_for(
            placement, planning_request=planning_request, plan_version=run.plan_version
        )
        rows.append(
            {
                "offer": planning_request.offer.title,
                "when": planning.describe(series, span=True),
                "room": rooms.get(placement["room"], "?"),
                "order": (min(placement["days"]), placement["start"], placement["room"]),
            }
        )
    context["proposal"] = sorted(rows, key=lambda row: row["order"])
    current = (
        Series.objects.filter(
            treff=treff,
            starts_on__lte=run.plan_version.valid_to,
            ends_on__gte=run.plan_version.valid_from,
        )
        .select_related("offer", "room")
        .order_by("offer__title", "start_time", "pk")
    )
    context["current"] = [
        {"offer": s.offer.title, "when": planning.describe(s, span=True), "room": s.room.name}
        for s in current
    ]
    return context


@require_POST
def run_retry(request, slug, pk):
    """Start a failed run (or one that lost its worker) again, as a new run."""
    treff = get_treff_or_404(request, slug, PERM)
    run = get_in_treff_or_404(
        PlannerRun.objects.filter(treff=treff).select_related("plan_version"), pk=pk
    )
    try:
        retried = services.run_retry(run=run, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("planner:run", treff.slug, run.pk)
    return redirect("planner:run", treff.slug, retried.pk)


@require_POST
def run_apply(request, slug, pk):
    treff = get_treff_or_404(request, slug, PERM)
    run = get_in_treff_or_404(
        PlannerRun.objects.filter(treff=treff).select_related("plan_version"), pk=pk
    )
    try:
        count = services.run_apply(run=run, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("planner:run", treff.slug, run.pk)
    messages.success(
        request,
        ngettext(
            "%(count)d series has been added to the draft “%(plan)s”.",
            "%(count)d series have been added to the draft “%(plan)s”.",
            count,
        )
        % {"count": count, "plan": run.plan_version.title},
    )
    return redirect("offers:plan_detail", treff.slug, run.plan_version_id)
