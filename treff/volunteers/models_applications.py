"""Applications to volunteer, sent through the public form "Ich möchte mich engagieren".

An application is not a volunteer: it lives in its own table until the coordinator accepts
it (services_applications.application_accept makes an active Volunteer of it, whose
onboarding goes on as for anyone the coordinator enters, and deletes the application) or
declines it (deleted). So no report, no matching and no shift list ever counts an applicant,
and a declined applicant leaves nothing behind. It holds exactly what the form asks.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from treff.core.choices import Language, language_problem
from treff.core.models import phone_validator
from treff.treffs.models import Treff

from .choices import HelpKind
from .districts import validate_district

# "When could you help?" is a short line ("Tuesday mornings", "weekends"), not a letter.
WHEN_MAX = 200


class VolunteerApplication(models.Model):
    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="volunteer_applications"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    help_kinds = models.JSONField(_("help offered"), default=list)
    when = models.CharField(
        _("when they could help"),
        max_length=WHEN_MAX,
        blank=True,
        validators=[MaxLengthValidator(WHEN_MAX)],
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    district = models.CharField(_("home district"), max_length=60, validators=[validate_district])
    consent_on = models.DateField(_("consent to store the details given on"))
    # The form's hidden key: the same form sent twice is stored once (as HelpRequest's).
    submission_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("volunteer application")
        verbose_name_plural = _("volunteer applications")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def clean(self):
        errors = {}
        kinds = self.help_kinds
        if not isinstance(kinds, list) or not kinds:
            errors["help_kinds"] = _("Choose at least one kind of help.")
        elif unknown := sorted(set(map(str, kinds)) - set(HelpKind.values)):
            errors["help_kinds"] = _("Unknown kind of help: %(kinds)s.") % {
                "kinds": ", ".join(unknown)
            }
        if problem := language_problem(self.languages or []):
            errors["languages"] = problem
        if not (self.phone or self.email):
            errors["phone"] = _("Give a phone number or an e-mail address, so we can reach you.")
        if errors:
            raise ValidationError(errors)

    def help_kind_labels(self) -> list[str]:
        return [HelpKind(kind).label for kind in self.help_kinds if kind in HelpKind.values]

    def language_labels(self) -> list[str]:
        return [Language(code).label for code in self.languages if code in Language.values]

    @property
    def district_name(self) -> str:
        from .districts import name_of

        return name_of(self.district)
