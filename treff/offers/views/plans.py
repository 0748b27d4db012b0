"""Plan versions: the coordinator submits, the city approves or returns with comments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from .. import plans
from ..forms import PlanDecisionForm, PlanVersionForm
from ..models import PlanVersion


@require_http_methods(["GET", "POST"])
def plan_list(request, slug):
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    can_submit = request.user.has_perm("offers.submit_plan", treff)
    form = PlanVersionForm(request.POST or None)
    if request.method == "POST":
        if not can_submit:
            raise PermissionDenied
        if form.is_valid():
            plan = call_service(
                form,
                plans.plan_create,
                plan=form.save(commit=False),
                treff=treff,
                user=request.user,
            )
            if plan:
                messages.success(request, _("The draft has been created."))
                return redirect("offers:plan_detail", treff.slug, plan.pk)
    versions = list(
        PlanVersion.objects.filter(treff=treff).select_related("submitted_by", "decided_by")
    )
    in_force = [plan for plan in versions if _in_force(plan, versions)]
    live = plans.snapshots_of(in_force)
    return render(
        request,
        "offers/plan_list.html",
        {
            "treff": treff,
            "plans": [(plan, _live_changes(plan, live)) for plan in versions],
            "form": form,
            "can_submit": can_submit,
        },
    )


def _in_force(plan, versions) -> bool:
    """A submitted or approved version is in force until a newer one of its period is
    submitted (older ones are superseded, so they are not flagged)."""
    if plan.status not in (PlanVersion.Status.SUBMITTED, PlanVersion.Status.APPROVED):
        return False
    return not any(
        other.valid_from == plan.valid_from
        and other.number > plan.number
        and other.status != PlanVersion.Status.DRAFT
        for other in versions
    )


def _live_changes(plan, live: dict):
    """The live plan's difference to a version in force; `live` holds the live snapshots
    of the versions in force (plans.snapshots_of), keyed by pk."""
    if plan.pk not in live:
        return None
    changes = plans.live_changes(plan, live=live[plan.pk])
    return plans.described_diff(changes) if changes else None


@require_http_methods(["GET", "POST"])
def plan_detail(request, slug, pk):
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    plan = get_in_treff_or_404(PlanVersion.objects.filter(treff=treff), pk=pk)
    can_decide = (
        request.user.has_perm("offers.decide_plan", treff)
        and plan.status == PlanVersion.Status.SUBMITTED
    )
    decision_form = (
        PlanDecisionForm(request.POST or None, initial={"seen": plans.fingerprint(plan)})
        if can_decide
        else None
    )
    if request.method == "POST" and decision_form is not None and decision_form.is_valid():
        approve = decision_form.cleaned_data["decision"] == "approve"
        decided = call_service(
            decision_form,
            plans.plan_decide,
            plan=plan,
            approve=approve,
            comments=decision_form.cleaned_data["comments"],
            user=request.user,
            seen=decision_form.cleaned_data["seen"],
        )
        if decided:
            messages.success(
                request,
                _("The plan has been approved.") if approve else _("The plan has been returned."),
            )
            return redirect("offers:plan_detail", treff.slug, plan.pk)
    current = plans.entries(plan)
    entries = plans.described(current)
    previous = _previous(plan)
    diff = (
        plans.described_diff(
            plans.diff(previous.snapshot, current, within=(plan.valid_from, plan.valid_to))
        )
        if previous
        else None
    )
    live = plans.live_changes(plan)
    return render(
        request,
        "offers/plan_detail.html",
        {
            "treff": treff,
            "plan": plan,
            "entries": entries,
            "previous": previous,
            "diff": diff,
            "live_changes": plans.described_diff(live) if live else None,
            "next_version": _next(plan),
            "can_submit": request.user.has_perm("offers.submit_plan", treff),
            "decision_form": decision_form,
        },
    )


def _next(plan):
    """A later version of the same period, if one has been started."""
    return (
        PlanVersion.objects.filter(
            treff_id=plan.treff_id, valid_from=plan.valid_from, number__gt=plan.number
        )
        .order_by("number")
        .first()
    )


def _previous(plan):
    """The last version before this one that reached the city, to compare against."""
    return (
        PlanVersion.objects.filter(
            treff_id=plan.treff_id, valid_from=plan.valid_from, number__lt=plan.number
        )
        .exclude(status=PlanVersion.Status.DRAFT)
        .order_by("-number")
        .first()
    )


@require_POST
def plan_action(request, slug, pk, action):
    treff = get_treff_or_404(request, slug, "offers.submit_plan")
    plan = get_in_treff_or_404(PlanVersion.objects.filter(treff=treff), pk=pk)
    service = {"submit": plans.plan_submit, "new-draft": plans.plan_new_draft}.get(action)
    if service is None:
        raise Http404
    try:
        result = service(plan=plan, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("offers:plan_detail", treff.slug, plan.pk)
    messages.success(
        request,
        _("The plan has been submitted to the city.")
        if action == "submit"
        else _("A new draft has been started."),
    )
    return redirect("offers:plan_detail", treff.slug, result.pk)
