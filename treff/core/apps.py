from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "treff.core"
    verbose_name = _("Core")

    def ready(self):
        from . import (
            checks,  # noqa: F401 -- registers the system checks
            converters,  # noqa: F401 -- registers <id:…> before any urls.py loads
        )
