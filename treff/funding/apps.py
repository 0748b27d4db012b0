from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "treff.funding"
    verbose_name = _("Funding and proof of use")
