"""/treffs/<slug>/funding/<year>/proof/: the proof of use of a plan's year (Fachkonzept §5).

Who: whoever reads the Treff's funding (funding.view_plan: city staff, the carrier's admins,
the Treff's coordinator) reads the proof, its versions, the comparison and the files; the
carrier's admins (funding.edit_proof) start, edit and submit it; city staff
(funding.decide) accept or return the newest version. Another Treff, an unknown year or
version answer 404, a Treff one may see without these rights 403 (treffs.shortcuts).
Version number 0 of the PDF and XLSX is the current draft with the live statement. Files
are named by the document's German name, verwendungsnachweis-<treff>-<year>-v<n>.pdf (the
draft …-entwurf.pdf), in every language: the name the city files them under.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from treff.core.limits import per_account
from treff.core.params import BadParameter, int_param
from treff.core.views import call_service
from treff.treffs.shortcuts import get_treff_or_404

from . import selectors, services_proof
from . import statement as statements
from .forms_proof import DecisionForm, NarrativeForm
from .models import BudgetPlan
from .models_proof import ProofDecision, ProofOfUse, ProofVersion
from .proof_pdf import render as render_pdf
from .proof_xlsx import render as render_xlsx

VIEW, EDIT, DECIDE = "funding.view_plan", "funding.edit_proof", "funding.decide"
FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plan(request, slug, year, perm) -> BudgetPlan:
    treff = get_treff_or_404(request, slug, perm)
    try:
        return selectors.plan_for_year(treff, year)
    except BudgetPlan.DoesNotExist:
        raise Http404 from None


def _proof(plan) -> ProofOfUse | None:
    return ProofOfUse.objects.filter(plan=plan).first()


def _version(plan, number) -> ProofVersion:
    version = (
        ProofVersion.objects.filter(proof__plan=plan, number=number)
        .select_related("proof", "submitted_by", "decision", "decision__decided_by")
        .first()
    )
    if version is None:
        raise Http404
    return version


def _back(plan):
    return redirect("funding:proof", plan.treff.slug, plan.year)


def document(plan, version: ProofVersion | None, proof: ProofOfUse | None) -> dict:
    """What a page or file shows of a version (or, with None, of the current draft): treff,
    plan, version, title, statement (Decimal amounts, or None before approval), narrative."""
    data = version.statement if version is not None else statements.statement(plan)
    title = _("Proof of use %(year)d – %(treff)s") % {"year": plan.year, "treff": plan.treff.name}
    return {
        "treff": plan.treff,
        "plan": plan,
        "proof": proof,
        "version": version,
        "title": title,
        "statement": statements.amounts(data) if data is not None else None,
        "income_rows": _income_rows(data),
        "narrative": version.narrative
        if version is not None
        else (proof.narrative if proof else ""),
    }


def _income_rows(data) -> list:
    if data is None:
        return []
    keys = [f"income.{k}" for k in ("grant_paid", "own", "third_party", "total")]
    keys += list(statements.MONEY_KEYS)
    rows = []
    for key in keys:
        group, _dot, name = key.rpartition(".")
        value = data[group][name] if group else data[name]
        rows.append({"key": key, "label": statements.label(key), "amount": value})
    return rows


@require_safe
def proof(request, slug, year):
    plan = _plan(request, slug, year, VIEW)
    found = _proof(plan)
    versions = []
    if found is not None:
        versions = list(
            found.versions.select_related("submitted_by", "decision", "decision__decided_by")
        )
    newest = versions[0] if versions else None
    context = {
        **document(plan, None, found),
        "versions": versions,
        "newest": newest,
        "can_edit": request.user.has_perm(EDIT, plan.treff),
        "can_decide": request.user.has_perm(DECIDE, plan.treff),
        "undecided": newest is not None and not hasattr(newest, "decision"),
        "submit_from": services_proof.submit_from(plan.year),
    }
    return render(request, "funding/proof_detail.html", context)


@require_POST
def proof_start(request, slug, year):
    plan = _plan(request, slug, year, EDIT)
    try:
        services_proof.proof_start(plan=plan, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(plan)
    messages.success(request, _("The proof of use has been started."))
    return redirect("funding:proof_edit", plan.treff.slug, plan.year)


@require_http_methods(["GET", "HEAD", "POST"])
def proof_edit(request, slug, year):
    plan = _plan(request, slug, year, EDIT)
    found = _proof(plan)
    if found is None or not found.editable:
        if found is None:
            messages.error(request, _("Start the proof of use first."))
        else:
            messages.error(
                request,
                _("The proof of use is %(status)s and cannot be changed.")
                % {"status": found.get_status_display()},
            )
        return _back(plan)
    data = request.POST if request.method == "POST" else None
    form = NarrativeForm(data, initial={"narrative": found.narrative})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services_proof.proof_save,
            proof=found,
            narrative=form.cleaned_data["narrative"],
            user=request.user,
        )
        if saved is not None:
            messages.success(request, _("The narrative report has been saved."))
            return _back(plan)
    return render(
        request, "funding/proof_form.html", {"treff": plan.treff, "plan": plan, "form": form}
    )


@require_POST
def proof_submit(request, slug, year):
    plan = _plan(request, slug, year, EDIT)
    found = _proof(plan)
    if found is None:
        messages.error(request, _("Start the proof of use first."))
        return _back(plan)
    try:
        version = services_proof.proof_submit(proof=found, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(plan)
    messages.success(
        request,
        _("Version %(number)d of the proof of use has been submitted.")
        % {"number": version.number},
    )
    return _back(plan)


@require_safe
def proof_version(request, slug, year, number):
    plan = _plan(request, slug, year, VIEW)
    version = _version(plan, number)
    newest = version.proof.versions.order_by("-number").first()
    context = {
        **document(plan, version, version.proof),
        "decision": getattr(version, "decision", None),
        "can_decide": request.user.has_perm(DECIDE, plan.treff)
        and newest.pk == version.pk
        and not hasattr(version, "decision"),
        "others": version.proof.versions.exclude(pk=version.pk).order_by("number"),
    }
    return render(request, "funding/proof_version.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def proof_decide(request, slug, year, number):
    plan = _plan(request, slug, year, DECIDE)
    version = _version(plan, number)
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(data)
    if request.method == "POST" and form.is_valid():
        decision = call_service(
            form,
            services_proof.proof_decide,
            version=version,
            outcome=form.cleaned_data["outcome"],
            comment=form.cleaned_data["comment"],
            user=request.user,
        )
        if decision is not None:
            if decision.outcome == ProofDecision.Outcome.ACCEPTED:
                messages.success(request, _("The proof of use has been accepted."))
            else:
                messages.success(request, _("The proof of use has been returned."))
            return _back(plan)
    context = {"treff": plan.treff, "plan": plan, "version": version, "form": form}
    return render(request, "funding/proof_decide.html", context)


def _number_param(request, name: str) -> int:
    number = int_param(request, name)
    if number is None:
        raise BadParameter(
            _("Choose two versions to compare (?a=1&b=2); “%(name)s” is missing.") % {"name": name}
        )
    return number


@require_safe
def proof_compare(request, slug, year):
    plan = _plan(request, slug, year, VIEW)
    a, b = _number_param(request, "a"), _number_param(request, "b")
    versions = {
        v.number: v for v in ProofVersion.objects.filter(proof__plan=plan, number__in=(a, b))
    }
    missing = [n for n in (a, b) if n not in versions]
    if missing:
        raise BadParameter(
            _("This proof of use has no version %(number)d.") % {"number": missing[0]}
        )
    compared = services_proof.compare(versions[a], versions[b])
    context = {"treff": plan.treff, "plan": plan, **compared}
    return render(request, "funding/proof_compare.html", context)


def _download(request, slug, year, number, fmt):
    plan = _plan(request, slug, year, VIEW)
    if number == 0:
        found = _proof(plan)
        if plan.status != BudgetPlan.Status.APPROVED:
            raise Http404
        content = document(plan, None, found)
        suffix = "entwurf"
    else:
        version = _version(plan, number)
        content = document(plan, version, version.proof)
        suffix = f"v{number}"
    body = (render_pdf if fmt == "pdf" else render_xlsx)(content)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="verwendungsnachweis-{plan.treff.slug}-{plan.year}-{suffix}.{fmt}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@per_account("pdf")
def proof_pdf(request, slug, year, number):
    return _download(request, slug, year, number, "pdf")


@require_safe
@per_account("pdf")
def proof_xlsx(request, slug, year, number):
    return _download(request, slug, year, number, "xlsx")
