from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "treff.audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from . import signals  # noqa: F401 (connects the login, logout and lockout receivers)
        from .tracking import connect

        connect()
