"""The partner directory (Sozialwegweiser): services and institutions people are referred to.

One directory for the whole city, not per Treff: it lists institutions, not people, so
every Treff reads the same entries and nothing in it is personal data. Internal notes are
for staff; entries marked public are also listed on the public site.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from treff.core.choices import Language, language_problem
from treff.core.models import AddressContact
from treff.core.validators import long_text
from treff.treffs.models import Organisation


class Category(models.TextChoices):
    SOCIAL_BENEFITS = "benefits", _("Social benefits and Bürgergeld")
    DEBT = "debt", _("Debt counselling")
    ADDICTION = "addiction", _("Addiction counselling")
    HOUSING = "housing", _("Housing, rent and energy")
    HEALTH = "health", _("Health and care")
    FAMILY = "family", _("Family, children and parenting")
    WORK = "work", _("Work and training")
    MIGRATION = "migration", _("Migration and residence")
    AUTHORITY = "authority", _("Public authority")
    CRISIS = "crisis", _("Crisis and psychosocial help")
    VIOLENCE = "violence", _("Protection from violence")
    LEGAL = "legal", _("Legal advice")
    FOOD = "food", _("Food and basic needs")
    SENIORS = "seniors", _("Older people")
    DISABILITY = "disability", _("Disability and inclusion")
    OTHER = "other", _("Other")


class PartnerService(AddressContact):
    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        error_messages={"unique": _("A service with this name is already in the directory.")},
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("organisation"),
        help_text=_("When the service is run by an organisation Treff already knows."),
    )
    description = models.TextField(_("what they offer"), blank=True, validators=[long_text])
    office_hours = models.TextField(
        _("office hours"),
        blank=True,
        validators=[long_text],
        help_text=_("e.g. “Tue 9–12, Thu 14–18, by appointment”"),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    barrier_free = models.BooleanField(_("barrier-free access"), default=False)
    accessibility = models.CharField(
        _("accessibility"),
        max_length=300,
        blank=True,
        help_text=_("e.g. lift, hearing loop, home visits possible"),
    )
    notes = models.TextField(
        _("internal notes"),
        blank=True,
        validators=[long_text],
        help_text=_("For staff only, never shown publicly. No personal data of clients."),
    )
    public = models.BooleanField(
        _("show on the public site"),
        default=False,
        help_text=_("Public entries are listed in the public directory."),
    )
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("partner service")
        verbose_name_plural = _("partner services")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if problem := language_problem(self.languages):
            raise ValidationError({"languages": problem})

    @property
    def language_names(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages]
