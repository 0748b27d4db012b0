"""What the dashboard shows of funding: the steps waiting for the reader.

City staff: plans and proofs of use submitted and not yet decided. Carrier admins: plans
and proofs the city returned, and their organisations' non-profit notices when missing,
expired or expiring within 90 days (§4). Two or three queries whatever the number of Treffs.
"""

from datetime import date

from .models import BudgetPlan
from .models_proof import ProofOfUse
from .selectors import carriers_for, non_profit_state


def waiting_for_city() -> dict:
    """{"plans": [BudgetPlan], "proofs": [ProofOfUse]} submitted, oldest year first."""
    return {
        "plans": list(
            BudgetPlan.objects.filter(status=BudgetPlan.Status.SUBMITTED)
            .select_related("treff")
            .order_by("year", "treff__name")
        ),
        "proofs": list(
            ProofOfUse.objects.filter(status=ProofOfUse.Status.SUBMITTED)
            .select_related("plan__treff")
            .order_by("plan__year", "plan__treff__name")
        ),
    }


def waiting_for_carrier(user, treff_ids, *, today: date) -> dict:
    """{"plans", "proofs"} returned by the city in the carrier's Treffs, and "non_profit":
    [(organisation, state)] of the user's carriers whose notice needs attention."""
    return {
        "plans": list(
            BudgetPlan.objects.filter(treff_id__in=treff_ids, status=BudgetPlan.Status.RETURNED)
            .select_related("treff")
            .order_by("year", "treff__name")
        ),
        "proofs": list(
            ProofOfUse.objects.filter(
                plan__treff_id__in=treff_ids, status=ProofOfUse.Status.RETURNED
            )
            .select_related("plan__treff")
            .order_by("plan__year", "plan__treff__name")
        ),
        "non_profit": [
            (carrier, state)
            for carrier in carriers_for(user)
            if (state := non_profit_state(carrier, today=today))["attention"]
        ],
    }
