from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "treff.offers"
    verbose_name = _("Offers and occupancy planning")

    def ready(self):
        from treff.treffs.signals import holiday_state_changed

        from .writes import rematerialise_for_holidays

        # A Treff's new Land: its series are planned again for that Land's holidays.
        holiday_state_changed.connect(rematerialise_for_holidays, dispatch_uid="offers.holidays")
