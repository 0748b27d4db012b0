from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreffsConfig(AppConfig):
    name = "treff.treffs"
    verbose_name = _("Treffs, rooms and roles")
