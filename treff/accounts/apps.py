from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "treff.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import checks, middleware  # noqa: F401 (the deploy check; the login's time stamp)
