"""A proof of use of Franztreff's 2026 plan with one submitted, undecided version, for the
access matrices (tests/conftest.py daily_objects). Written as rows directly: the services
allow submitting only from 1 December (services_proof.SUBMIT_FROM) and the clock stands on
30 November."""

from django.utils import timezone
from django_scopes import scopes_disabled

from treff.funding import statement
from treff.funding.models_proof import ProofOfUse, ProofVersion


def build_proof(funding, world) -> ProofVersion:
    carrier = world.users["carrier"]
    with scopes_disabled():
        proof = ProofOfUse.objects.create(
            plan=funding.plan,
            status=ProofOfUse.Status.SUBMITTED,
            narrative="Sachbericht 2026",
            updated_by=carrier,
        )
        return ProofVersion.objects.create(
            proof=proof,
            number=1,
            statement=statement.statement(funding.plan),
            narrative=proof.narrative,
            submitted_by=carrier,
            submitted_at=timezone.now(),
        )
