"""System check: the small-cell threshold k must protect (k ≥ 2)."""

from django.conf import settings
from django.core import checks

from .engine import InvalidThreshold, check_k


@checks.register()
def small_cell_threshold(app_configs, **kwargs):
    try:
        check_k(settings.TREFF_SMALL_CELL_K)
    except InvalidThreshold as error:
        return [
            checks.Error(
                f"TREFF_SMALL_CELL_K: {error}",
                hint="Set TREFF_SMALL_CELL_K to a whole number of at least 2 (default 5).",
                id="treff.E010",
            )
        ]
    return []
