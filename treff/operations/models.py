"""Daily operations (Fachkonzept §3): visitor tallies, the lunch table, the clothing store.

Nothing here names a visitor. A tally is a sum of anonymous events, each with a
client-generated key, so a double tap, a retry or a queued offline tap is counted exactly once.
Stock in the clothing store is never stored: it is intake minus hand-outs, computed on read.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from treff.core.choices import Language
from treff.core.validators import long_text, past_date, planned_date
from treff.offers.models import Series
from treff.treffs.models import Treff

# Visitor tallies ------------------------------------------------------------------------------


class AgeGroup(models.TextChoices):
    UNDER_18 = "u18", _("under 18")
    YOUNG = "18_27", _("18–27")
    ADULT = "28_64", _("28–64")
    SENIOR = "65", _("65 and older")


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    DIVERSE = "diverse", _("diverse")
    NOT_SAID = "not_said", _("not said")


class Visit(models.TextChoices):
    FIRST = "first", _("first visit")
    RETURNING = "returning", _("has been here before")


# The anonymous buckets a tap may carry, in the order the page shows them.
BUCKETS = {
    "age_group": AgeGroup,
    "gender": Gender,
    "visit": Visit,
    "language": Language,
}


class Tally(models.Model):
    """The counter of one occurrence (series + date) or of a Treff's open hours on one day.

    It points at the series and the occurrence's original date, not at the Occurrence row:
    occurrences are rebuilt whenever a series is saved, and counts must survive that.
    """

    class Kind(models.TextChoices):
        OCCURRENCE = "occurrence", _("offer")
        DROP_IN = "drop_in", _("open drop-in hours")

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="tallies")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"))
    # SET_NULL: deleting a series later must not delete how many people came.
    series = models.ForeignKey(
        Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="tallies"
    )
    original_date = models.DateField(null=True, blank=True)
    # Kept so that the city's figures per category stay right after a series is gone.
    category = models.CharField(max_length=30, blank=True)
    title = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("visitor tally")
        verbose_name_plural = _("visitor tallies")
        ordering = ["date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_date"],
                condition=models.Q(series__isnull=False),
                name="operations_tally_one_per_occurrence",
            ),
            models.UniqueConstraint(
                fields=["treff", "date"],
                condition=models.Q(kind="drop_in"),
                name="operations_tally_one_drop_in_per_day",
            ),
        ]
        indexes = [models.Index(fields=["treff", "date"])]

    def __str__(self):
        return f"{self.title or self.get_kind_display()} {self.date:%d.%m.%Y}"


class TallyEvent(models.Model):
    """One tap (+1) or one correction. The tally's count is the sum of its events' deltas."""

    class Kind(models.TextChoices):
        TAP = "tap", _("tap")
        CORRECTION = "correction", _("correction")

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="+")
    tally = models.ForeignKey(Tally, on_delete=models.CASCADE, related_name="events")
    # Made by the browser (or the rendered form): the same key twice is the same tap.
    key = models.UUIDField(unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.TAP)
    delta = models.IntegerField()
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    visit = models.CharField(_("visit"), max_length=10, choices=Visit.choices, blank=True)
    language = models.CharField(
        _("language of conversation"), max_length=10, choices=Language.choices, blank=True
    )
    # Corrections only: the log of who changed what and why.
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    old_total = models.IntegerField(null=True, blank=True)
    new_total = models.IntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="correction") | models.Q(delta=1),
                name="operations_tally_tap_is_one",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="correction") | ~models.Q(reason=""),
                name="operations_tally_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.tally_id}: {self.delta:+d}"


class TallyCount(models.Model):
    """A tally's visitors in one dimension value: the sum of its events' deltas, kept by
    database triggers on TallyEvent (tally_counts.py says which events count where).

    Written only by the database; the reports read it instead of every tap.
    """

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="+")
    tally = models.ForeignKey(Tally, on_delete=models.CASCADE, related_name="counts")
    date = models.DateField()  # the tally's, so a period's counts are one index range
    dimension = models.CharField(max_length=12)
    value = models.CharField(max_length=10, blank=True)
    visitors = models.IntegerField()

    objects = ScopedManager(treff="treff")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tally", "dimension", "value"], name="operations_tallycount_unique"
            )
        ]
        indexes = [
            models.Index(fields=["dimension", "treff", "date"], name="operations_tallycount_period")
        ]

    def __str__(self):
        return f"{self.tally_id} {self.dimension}={self.value}: {self.visitors}"


# Lunch table ----------------------------------------------------------------------------------


class Allergen(models.TextChoices):
    """The 14 allergens of the EU food information regulation (LMIV, Annex II).

    The letters are the usual German labelling codes on menus.
    """

    GLUTEN = "gluten", _("(A) Cereals containing gluten")
    CRUSTACEANS = "crustaceans", _("(B) Crustaceans")
    EGGS = "eggs", _("(C) Eggs")
    FISH = "fish", _("(D) Fish")
    PEANUTS = "peanuts", _("(E) Peanuts")
    SOY = "soy", _("(F) Soybeans")
    MILK = "milk", _("(G) Milk (including lactose)")
    NUTS = "nuts", _("(H) Nuts")
    CELERY = "celery", _("(L) Celery")
    MUSTARD = "mustard", _("(M) Mustard")
    SESAME = "sesame", _("(N) Sesame seeds")
    SULPHITES = "sulphites", _("(O) Sulphur dioxide and sulphites")
    LUPIN = "lupin", _("(P) Lupin")
    MOLLUSCS = "molluscs", _("(R) Molluscs")


COUNT = [MaxValueValidator(10_000)]


class LunchDay(models.Model):
    """One service day of the Mittagstisch: the plan, the menu, and what happened."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="lunch_days")
    date = models.DateField(_("date"), validators=[planned_date])
    menu = models.TextField(_("menu"), blank=True, validators=[long_text])
    allergens = models.JSONField(_("allergens"), default=list, blank=True)
    portions_planned = models.PositiveSmallIntegerField(
        _("portions planned"), default=0, validators=COUNT
    )
    portions_served = models.PositiveSmallIntegerField(
        _("portions served"), null=True, blank=True, validators=COUNT
    )
    guests = models.PositiveSmallIntegerField(_("guests"), null=True, blank=True, validators=COUNT)
    helpers = models.PositiveSmallIntegerField(
        _("helpers"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    tafel_portions = models.PositiveSmallIntegerField(
        _("portions from the Tafel"), null=True, blank=True, validators=COUNT
    )
    tafel_kg = models.DecimalField(
        _("food from the Tafel (kg)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10_000)],
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("lunch day")
        verbose_name_plural = _("lunch days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["treff", "date"],
                name="operations_lunch_one_per_day",
                violation_error_message=_("There is already a lunch day on this date."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"

    def clean(self):
        # The form offers only the 14 allergens; a service or command storing the list
        # directly is refused on the same field (the lunch table prints their labels).
        codes = self.allergens
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            raise ValidationError({"allergens": _("Choose allergens from the list.")})
        if unknown := sorted(set(codes) - set(Allergen.values)):
            raise ValidationError(
                {
                    "allergens": _("Unknown allergen: %(allergens)s.")
                    % {"allergens": ", ".join(unknown)}
                }
            )

    def allergen_labels(self) -> list[str]:
        return [Allergen(code).label for code in Allergen.values if code in self.allergens]


# Clothing store -------------------------------------------------------------------------------


class ClothingCategory(models.TextChoices):
    TOPS = "tops", _("tops")
    TROUSERS = "trousers", _("trousers and skirts")
    DRESSES = "dresses", _("dresses")
    JACKETS = "jackets", _("jackets and coats")
    SHOES = "shoes", _("shoes")
    UNDERWEAR = "underwear", _("underwear and socks")
    CHILDREN = "children", _("children's clothing")
    BABY = "baby", _("baby clothing")
    BEDDING = "bedding", _("bedding and towels")
    ACCESSORIES = "accessories", _("accessories")
    HOUSEHOLD = "household", _("household goods")


class SizeGroup(models.TextChoices):
    CHILDREN = "children", _("children")
    ADULT_SM = "adult_sm", _("adult S–M")
    ADULT_LXL = "adult_lxl", _("adult L–XL")
    XXL = "xxl", _("XXL and larger")
    ONE_SIZE = "one_size", _("one size")


class Season(models.TextChoices):
    SUMMER = "summer", _("summer")
    WINTER = "winter", _("winter")
    ALL_YEAR = "all_year", _("all year")


class Condition(models.TextChoices):
    NEW = "new", _("new")
    GOOD = "good", _("good")
    WORN = "worn", _("worn")


class Donation(models.Model):
    """Clothes received at the donation point (Spendenstelle). Donors are not recorded."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="donations")
    date = models.DateField(_("date"), validators=[past_date])
    category = models.CharField(_("category"), max_length=20, choices=ClothingCategory.choices)
    size_group = models.CharField(_("size"), max_length=12, choices=SizeGroup.choices)
    season = models.CharField(
        _("season"), max_length=10, choices=Season.choices, default=Season.ALL_YEAR
    )
    quantity = models.PositiveIntegerField(
        _("pieces"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    condition = models.CharField(
        _("condition"), max_length=6, choices=Condition.choices, default=Condition.GOOD
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["treff", "category", "size_group"])]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} +{self.quantity} {self.get_category_display()}"


class Handout(models.Model):
    """Clothes given out. Never who received them."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="handouts")
    date = models.DateField(_("date"), validators=[past_date])
    category = models.CharField(_("category"), max_length=20, choices=ClothingCategory.choices)
    size_group = models.CharField(_("size"), max_length=12, choices=SizeGroup.choices)
    quantity = models.PositiveIntegerField(
        _("pieces"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("hand-out")
        verbose_name_plural = _("hand-outs")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["treff", "category", "size_group"])]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} −{self.quantity} {self.get_category_display()}"


class SwapEvent(models.Model):
    """A clothes swap (Kleidertauschbörse): what was brought and taken, in pieces."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="swap_events")
    date = models.DateField(_("date"), validators=[planned_date])
    title = models.CharField(_("title"), max_length=150)
    visitors = models.PositiveIntegerField(
        _("visitors"), default=0, validators=[MaxValueValidator(10_000)]
    )
    items_brought = models.PositiveIntegerField(
        _("pieces brought"), default=0, validators=[MaxValueValidator(100_000)]
    )
    items_taken = models.PositiveIntegerField(
        _("pieces taken"), default=0, validators=[MaxValueValidator(100_000)]
    )
    notes = models.TextField(_("notes"), blank=True, validators=[long_text])

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("clothes swap")
        verbose_name_plural = _("clothes swaps")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.title} {self.date:%d.%m.%Y}"
