from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Evaluation and reporting (Fachkonzept §6): reports with small-cell suppression."""

    name = "treff.reports"
    verbose_name = _("Reports")

    def ready(self):
        from . import checks  # noqa: F401 -- registers the check of TREFF_SMALL_CELL_K
