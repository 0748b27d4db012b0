"""Deployment check: two-factor login may be off only in the demo and in development."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    """ASVS 5.0 V6.3.3 (issue 16, item 1): staff roles log in with a second factor in
    production. `manage.py check --deploy` fails while TREFF_TWO_FACTOR_REQUIRED is off."""
    if settings.TREFF_TWO_FACTOR_REQUIRED:
        return []
    return [
        checks.Error(
            "TREFF_TWO_FACTOR_REQUIRED is off: staff could log in with a password alone.",
            hint="Unset TREFF_TWO_FACTOR_REQUIRED (or set it to 1); only the demo may turn it off.",
            id="treff.E020",
        )
    ]
