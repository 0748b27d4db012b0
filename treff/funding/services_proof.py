"""Writes of the proof of use (Verwendungsnachweis) of a plan's year, Fachkonzept §5.

The carrier starts it (a narrative report pre-filled with the year's figures), edits the
narrative, and submits it: a `ProofVersion` freezes the numerical statement (statement.py)
and the narrative as they stand. The city accepts the newest version or returns it with a
comment; a returned proof is edited and submitted again as the next version.

When: ANBest-P Nr. 6.1 asks for the proof after the funding year. So that the carrier can
send it in time around the turn of the year, a proof may be submitted from 1 December of
the funding year on (SUBMIT_FROM); expenses recorded later still reach the live statement
until the proof is submitted, and a returned proof is submitted again with them.

Keyword-only, atomic, validated in full, logged by id. Each step locks the plan's row
(select_for_update), which orders a submission against a decision or an expense. Errors are
ValidationError with a message for the person and nothing written.
"""

import difflib
import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import narrative as narrative_text
from . import statement as statements
from .models import BudgetPlan, PlanEvent
from .models_proof import ProofDecision, ProofOfUse, ProofVersion
from .services import locked_plan

logger = logging.getLogger(__name__)

SUBMIT_FROM = (12, 1)  # month, day of the funding year from which a proof may be submitted


def submit_from(year: int) -> date:
    return date(year, *SUBMIT_FROM)


@transaction.atomic
def proof_start(*, plan, user) -> ProofOfUse:
    """The proof of use of an approved `plan`, with the pre-filled narrative report.
    Raises ValidationError before approval or when the plan has one already."""
    plan = locked_plan(plan)
    if plan.status != BudgetPlan.Status.APPROVED:
        raise ValidationError(_("A proof of use is started once the grant is approved."))
    if ProofOfUse.objects.filter(plan=plan).exists():
        raise ValidationError(_("This plan has a proof of use already."))
    proof = ProofOfUse(plan=plan, narrative=narrative_text.prefilled(plan), updated_by=user)
    proof.full_clean()
    proof.save()
    logger.info("proof of use started: proof=%s plan=%s by user=%s", proof.pk, plan.pk, user.pk)
    return proof


def _refuse_unless_editable(proof):
    if not proof.editable:
        raise ValidationError(
            _("The proof of use is %(status)s and cannot be changed.")
            % {"status": proof.get_status_display()}
        )


def _fresh(proof) -> ProofOfUse:
    locked_plan(proof.plan)
    return ProofOfUse.objects.select_related("plan", "plan__treff").get(pk=proof.pk)


@transaction.atomic
def proof_save(*, proof, narrative, user) -> ProofOfUse:
    """Store the carrier's narrative report (plain text) while the proof is a draft or
    returned."""
    proof = _fresh(proof)
    _refuse_unless_editable(proof)
    proof.narrative = (narrative or "").strip()
    proof.updated_by = user
    proof.full_clean()
    proof.save()
    logger.info("proof of use saved: proof=%s by user=%s", proof.pk, user.pk)
    return proof


@transaction.atomic
def proof_submit(*, proof, user) -> ProofVersion:
    """Freeze the statement and the narrative as version n+1 and submit it to the city.

    Only a draft or returned proof, from SUBMIT_FROM of the funding year on, with a
    narrative report."""
    proof = _fresh(proof)
    _refuse_unless_editable(proof)
    plan = proof.plan
    first = submit_from(plan.year)
    if timezone.localdate() < first:
        raise ValidationError(
            _("A proof of use for %(year)d can be submitted from %(first)s on.")
            % {"year": plan.year, "first": formats.date_format(first)}
        )
    if not proof.narrative.strip():
        raise ValidationError({"narrative": _("Write the narrative report first.")})
    if narrative_text.unwritten_prompts(proof.narrative):
        raise ValidationError(
            {
                "narrative": _(
                    "Replace the hints in square brackets in the narrative report with your "
                    "own text first."
                )
            }
        )
    last = proof.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = ProofVersion(
        proof=proof,
        number=last + 1,
        statement=statements.statement(plan),
        narrative=proof.narrative,
        submitted_by=user,
        submitted_at=timezone.now(),
    )
    version.full_clean()
    version.save()
    proof.status = ProofOfUse.Status.SUBMITTED
    proof.updated_by = user
    proof.save(update_fields=["status", "updated_by", "updated_at"])
    PlanEvent.objects.create(
        plan=plan, kind=PlanEvent.Kind.PROOF_SUBMITTED, by=user, comment=str(version.number)
    )
    logger.info(
        "proof of use submitted: proof=%s version=%s by user=%s", proof.pk, version.pk, user.pk
    )
    return version


@transaction.atomic
def proof_decide(*, version, outcome, comment="", user) -> ProofDecision:
    """The city accepts the newest undecided version or returns it; a return needs a
    comment (what is to change)."""
    proof = _fresh(version.proof)
    newest = proof.versions.order_by("-number").first()
    if newest is None or newest.pk != version.pk:
        raise ValidationError(_("Only the newest version can be decided on."))
    if ProofDecision.objects.filter(version=version).exists():
        raise ValidationError(_("This version has been decided on already."))
    if outcome not in ProofDecision.Outcome.values:
        raise ValidationError({"outcome": _("Choose accept or return.")})
    comment = (comment or "").strip()
    if outcome == ProofDecision.Outcome.RETURNED and not comment:
        raise ValidationError({"comment": _("Say what should change.")})
    decision = ProofDecision(version=version, outcome=outcome, comment=comment, decided_by=user)
    decision.full_clean()
    decision.save()
    accepted = outcome == ProofDecision.Outcome.ACCEPTED
    proof.status = ProofOfUse.Status.ACCEPTED if accepted else ProofOfUse.Status.RETURNED
    proof.save(update_fields=["status", "updated_at"])
    kind = PlanEvent.Kind.PROOF_ACCEPTED if accepted else PlanEvent.Kind.PROOF_RETURNED
    PlanEvent.objects.create(plan=proof.plan, kind=kind, by=user, comment=comment)
    logger.info(
        "proof of use decided: version=%s outcome=%s by user=%s", version.pk, outcome, user.pk
    )
    return decision


def compare(version_a: ProofVersion, version_b: ProofVersion) -> dict:
    """Two versions of the same proof side by side.

    {"a", "b": the versions, "rows": statement.compare (per figure a, b, difference b − a),
    "changed": the rows whose difference is not 0, "diff": the narrative's unified diff as
    a list of lines (difflib, "-" for a, "+" for b)}. Raises ValidationError for versions of
    two proofs."""
    if version_a.proof_id != version_b.proof_id:
        raise ValidationError(_("Only versions of the same proof of use can be compared."))
    rows = statements.compare(version_a.statement, version_b.statement)
    diff = list(
        difflib.unified_diff(
            version_a.narrative.splitlines(),
            version_b.narrative.splitlines(),
            fromfile=_("Version %(n)d") % {"n": version_a.number},
            tofile=_("Version %(n)d") % {"n": version_b.number},
            lineterm="",
        )
    )
    return {
        "a": version_a,
        "b": version_b,
        "rows": rows,
        "changed": [row for row in rows if row["difference"]],
        "diff": diff,
    }
