"""Building blocks shared by the domain apps. No concrete models live here."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

postal_code_validator = RegexValidator(r"^\d{5}$", _("Enter a five-digit postal code."))
# One rule and one message for every phone field, public form included: the message names
# every character the rule accepts.
phone_validator = RegexValidator(
    r"^\+?[0-9 ()/-]{5,30}$",
    _("Enter a phone number of digits; spaces, + at the start, ( ), / and - are allowed too."),
)


class AddressContact(models.Model):
    """Postal address and public contact of an organisation or a place."""

    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        abstract = True

    @property
    def address_line(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, place) if part)
