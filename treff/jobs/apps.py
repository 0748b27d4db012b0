from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background work: e-mail, the daily jobs, the worker (see treff.core.tasks)."""

    name = "treff.jobs"
    verbose_name = _("Background work")
