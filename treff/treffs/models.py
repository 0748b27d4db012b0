"""Organisations, Treffs, rooms and the role memberships that decide who sees what.

Treff data is scoped: `Treff.objects` and `Room.objects` only answer inside a
`django_scopes.scope(treff=...)`, which TreffScopeMiddleware opens for every request with
the Treffs of the logged-in user. A query outside any scope raises ScopeError.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager, scopes_disabled

from treff.core.models import AddressContact
from treff.core.times import MIDNIGHT_HINT, end_after_start_q, format_end
from treff.core.validators import PlausibleDate, long_text

from . import states

# The public site's fixed pages (treff.public.urls) share the address level of the Treff
# pages (/de/franztreff/, /de/impressum/): no Treff may take one of these words as its slug.
RESERVED_SLUGS = frozenset(
    {"barrierefreiheit", "impressum", "datenschutz", "hilfe-bekommen", "mittagstisch", "wegweiser"}
)


def not_reserved_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of a page of the public site; choose another."),
            params={"slug": value},
            code="reserved",
        )


# A Treff may have opened decades ago, or open within the next years.
opening_date = PlausibleDate(past_years=60, future_years=5)


class Organisation(AddressContact):
    class Kind(models.TextChoices):
        CITY = "city", _("City administration")
        CARRIER = "carrier", _("Welfare carrier")
        PARTNER = "partner", _("Partner service")

    name = models.CharField(_("name"), max_length=200)
    department = models.CharField(
        _("department"), max_length=200, blank=True, help_text=_("e.g. the office within the city")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "department"],
                name="treffs_organisation_unique_name",
                violation_error_message=_("An organisation with this name already exists."),
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.department}" if self.department else self.name


class AccessibilityFeature(models.TextChoices):
    STEP_FREE_ENTRANCE = "step_free", _("Step-free entrance")
    ACCESSIBLE_TOILET = "toilet", _("Accessible toilet")
    LIFT = "lift", _("Lift")
    WIDE_DOORS = "wide_doors", _("Doors at least 90 cm wide")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    DISABLED_PARKING = "parking", _("Disabled parking nearby")
    TACTILE_GUIDANCE = "tactile", _("Tactile guidance")
    SEATING = "seating", _("Seating in the waiting area")


class Treff(AddressContact):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=60,
        unique=True,
        error_messages={"unique": _("Another Treff already uses this short name.")},
        validators=[not_reserved_slug],
    )
    carrier = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="treffs",
        verbose_name=_("carrier"),
    )
    district = models.CharField(_("district / Sozialraum"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, validators=[long_text])
    # How to get there, for the public page (Fachkonzept §4.1 no. 1: public relations).
    transport_stop = models.CharField(
        _("nearest public transport stop"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Bus 10, 13: Franzstraße (2 minutes)”"),
    )
    entrance = models.CharField(
        _("how to find the entrance"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Side entrance in the courtyard, ramp on the left”"),
    )
    accessibility = models.JSONField(_("accessibility features"), default=list, blank=True)
    accessibility_notes = models.TextField(
        _("accessibility notes"), blank=True, validators=[long_text]
    )
    start_date = models.DateField(_("open since"), null=True, blank=True, validators=[opening_date])
    active = models.BooleanField(_("active"), default=True)
    # Whose public holidays the plans skip or flag: a programme can span Länder (issue 17).
    holiday_state = models.CharField(
        _("federal state for public holidays"),
        max_length=2,
        blank=True,
        choices=states.CHOICES,
        default=states.default_state,
        help_text=_(
            "The plans mark this Land's public holidays; whether a series skips them is set "
            "for each series."
        ),
        error_messages={"invalid_choice": _("Please choose a Land from the list.")},
    )

    objects = ScopedManager(treff="pk")

    class Meta:
        verbose_name = _("Treff")
        verbose_name_plural = _("Treffs")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def validate_unique(self, exclude=None):
        # The short name is unique across all Treffs, not only the ones this user sees.
        with scopes_disabled():
            super().validate_unique(exclude)

    def clean(self):
        if self.carrier_id and self.carrier.kind != Organisation.Kind.CARRIER:
            raise ValidationError({"carrier": _("The carrier must be a welfare carrier.")})
        # A list of the offered values; anything else (a string, a number) given to a service
        # directly is refused on the field instead of breaking the page that lists them.
        features = self.accessibility
        if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
            raise ValidationError({"accessibility": _("Unknown accessibility feature.")})
        if set(features) - set(AccessibilityFeature.values):
            raise ValidationError({"accessibility": _("Unknown accessibility feature.")})

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("treffs:detail", kwargs={"slug": self.slug})

    def accessibility_labels(self) -> list[str]:
        return [AccessibilityFeature(value).label for value in self.accessibility]


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"), help_text=MIDNIGHT_HINT)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=end_after_start_q("opens", "closes"),
                name="treffs_openinghours_closes_after_opens",
                violation_error_message=_("The closing time must be after the opening time."),
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{format_end(self.closes)}"


class Equipment(models.TextChoices):
    COMPUTER = "computer", _("Computer with internet")
    PROJECTOR = "projector", _("Projector or screen")
    WHITEBOARD = "whiteboard", _("Whiteboard or flip chart")
    PHONE = "phone", _("Telephone")
    LOCKABLE_CABINET = "cabinet", _("Lockable filing cabinet")
    STOVE = "stove", _("Stove and oven")
    DISHWASHER = "dishwasher", _("Dishwasher")
    SHELVES = "shelves", _("Shelving")
    TABLES_CHAIRS = "tables", _("Tables and chairs")
    WIFI = "wifi", _("Wi-Fi")


class Room(models.Model):
    class Kind(models.TextChoices):
        # The room kinds of Fachkonzept §4.3.
        OFFICE = "office", _("Coordinator's office")
        COORDINATOR_COUNSELLING = "coord_counselling", _("Coordinator's counselling room")
        VISITING_COUNSELLING = "visit_counselling", _("Counselling room for visiting services")
        KITCHEN = "kitchen", _("Kitchen")
        STORAGE = "storage", _("Storage")
        SANITARY = "sanitary", _("Sanitary facilities")
        GROUP = "group", _("Group room")
        OPEN_AREA = "open_area", _("Open area")
        OUTDOOR = "outdoor", _("Outdoor area")

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("Treff")
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    capacity = models.PositiveSmallIntegerField(
        _("capacity (persons)"), validators=[MinValueValidator(0), MaxValueValidator(1000)]
    )
    barrier_free = models.BooleanField(_("barrier-free"), default=True)
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True, validators=[long_text])

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["treff__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["treff", "name"],
                name="treffs_room_unique_name",
                violation_error_message=_("This Treff already has a room with this name."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.treff})"

    def clean(self):
        equipment = self.equipment
        if not isinstance(equipment, list) or not all(isinstance(e, str) for e in equipment):
            raise ValidationError({"equipment": _("Unknown equipment.")})
        if set(equipment) - set(Equipment.values):
            raise ValidationError({"equipment": _("Unknown equipment.")})

    def equipment_labels(self) -> list[str]:
        return [Equipment(value).label for value in self.equipment]


class Role(models.TextChoices):
    CITY_STAFF = "city_staff", _("City staff")
    CARRIER_ADMIN = "carrier_admin", _("Carrier administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    COUNSELLOR = "counsellor", _("Visiting counsellor")
    VOLUNTEER = "volunteer", _("Volunteer")
    COMMITTEE = "committee", _("Committee member")


# Which roles hold for one Treff, and which for an organisation (and so for its Treffs).
TREFF_ROLES = (Role.COORDINATOR, Role.COUNSELLOR, Role.VOLUNTEER)
ORGANISATION_ROLES = {
    Role.CITY_STAFF: Organisation.Kind.CITY,
    Role.CARRIER_ADMIN: Organisation.Kind.CARRIER,
}


class Membership(models.Model):
    """One role of one user, for one Treff or one organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    treff = models.ForeignKey(
        Treff,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("Treff"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=TREFF_ROLES) | Q(treff__isnull=False),
                name="treffs_membership_treff_role_has_treff",
                violation_error_message=_("This role needs a Treff."),
            ),
            models.CheckConstraint(
                condition=~Q(role__in=list(ORGANISATION_ROLES))
                | Q(organisation__isnull=False, treff__isnull=True),
                name="treffs_membership_org_role_has_organisation",
                violation_error_message=_("This role needs an organisation and no Treff."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "treff"],
                condition=Q(treff__isnull=False),
                name="treffs_membership_unique_treff_role",
                violation_error_message=_("This user already has this role in this Treff."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(treff__isnull=True),
                name="treffs_membership_unique_org_role",
                violation_error_message=_("This user already has this role."),
            ),
        ]

    def __str__(self):
        where = self.treff or self.organisation
        return f"{self.user}: {self.get_role_display()}" + (f" ({where})" if where else "")

    def clean(self):
        if self.role in TREFF_ROLES and not self.treff_id:
            raise ValidationError(
                {"treff": _("The role %(role)s needs a Treff.") % {"role": self.get_role_display()}}
            )
        if self.role in ORGANISATION_ROLES:
            if not self.organisation_id:
                raise ValidationError(
                    {
                        "organisation": _("The role %(role)s needs an organisation.")
                        % {"role": self.get_role_display()}
                    }
                )
            if self.treff_id:
                raise ValidationError(
                    {"treff": _("This role covers an organisation, not a Treff.")}
                )
            if self.organisation.kind != ORGANISATION_ROLES[self.role]:
                raise ValidationError(
                    {
                        "organisation": _(
                            "The role %(role)s needs an organisation of the kind “%(kind)s”."
                        )
                        % {
                            "role": self.get_role_display(),
                            "kind": Organisation.Kind(ORGANISATION_ROLES[self.role]).label,
                        }
                    }
                )


class District(models.Model):
    """A district (Stadtteil / Ortsteil) of the city, as the city's own file names it.

    Installation data, imported by the platform administrator (services_districts) from a
    CSV or GeoJSON file, e.g. from the city's open-data portal (issue 17). Volunteers, help
    seekers and applications store the `key`, so a key never changes once in use. Public
    names, no personal data: not scoped to a Treff.
    """

    key = models.SlugField(
        _("key"),
        max_length=60,
        unique=True,
        help_text=_("Stable short name stored with people's records; letters, digits, - and _."),
        error_messages={"unique": _("Another district already has this key.")},
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        unique=True,
        error_messages={"unique": _("Another district already has this name.")},
    )
    latitude = models.DecimalField(
        _("latitude of the centre"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude of the centre"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    # Other names people use for the district ("Innenstadt" for "Bereich Mitte").
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    # The GeoJSON geometry (Polygon / MultiPolygon) from the city's file, if it had one.
    boundary = models.JSONField(_("boundary"), null=True, blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self):
        return self.name
