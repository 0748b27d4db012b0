"""Counselling documentation with privacy by design (Fachkonzept §3: Beratung im Treff).

A **Contact** is anonymous by default: date, duration, topics, language, an optional
referral and follow-up, and nobody's name. A **Client** record with a name exists only with
documented consent and holds the least data (name, optional phone, e-mail, year of birth).
**Notes** live in their own table with their author, so the one rule "a note is read by its
author and the Treff's coordinator" is enforced by one selector. Every read or change of a
named record leaves an event in the audit trail (treff.audit's AuditEvent, written by
services.audit) that keeps the record's id as a plain number (it survives erasure, and the
event survives the deletion of the user and of the Treff) and never a name or a note's text.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from treff.core.choices import Language
from treff.core.models import phone_validator
from treff.core.validators import LONG_TEXT_MAX, long_text, past_date, planned_date
from treff.partners.models import PartnerService
from treff.treffs.models import Treff

MAX_MINUTES = 600  # a counselling contact longer than ten hours is a typing error


class Topic(models.TextChoices):
    BENEFITS = "benefits", _("Social benefits / Bürgergeld")
    HOUSING = "housing", _("Housing, rent and energy")
    DEBT = "debt", _("Debts")
    HEALTH = "health", _("Health and care")
    FAMILY = "family", _("Family and parenting")
    WORK = "work", _("Work and training")
    MIGRATION = "migration", _("Migration and residence")
    AUTHORITIES = "authorities", _("Authorities and applications")
    CRISIS = "crisis", _("Crisis / psychosocial situation")
    OTHER = "other", _("Other")


class ConsentScope(models.TextChoices):
    CONTACT = "contact", _("Name and contact details, to continue the counselling")
    REFERRAL = (
        "referral",
        _("Name and contact details, to continue the counselling and to arrange a referral"),
    )
    OTHER = "other", _("Other (described below)")


class Client(models.Model):
    """A named person, only with their documented consent; the least data that does the job."""

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="counselling_clients", verbose_name=_("Treff")
    )
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900)],
        help_text=_("Only if it matters for the counselling (e.g. pension, youth services)."),
    )
    consent_on = models.DateField(_("consent given on"), validators=[past_date])
    consent_scope = models.CharField(
        _("the person agreed to"), max_length=20, choices=ConsentScope.choices
    )
    consent_details = models.TextField(
        _("details of the consent"),
        blank=True,
        validators=[long_text],
        help_text=_("What exactly the person agreed to, e.g. which partner service we may call."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("client record")
        verbose_name_plural = _("client records")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        # A consent dated ahead gets clean()'s own message only, not the date window's too.
        if self.consent_on and self.consent_on > timezone.localdate():
            exclude = {*(exclude or ()), "consent_on"}
        super().clean_fields(exclude=exclude)

    def clean(self):
        today = timezone.localdate()
        if self.consent_on and self.consent_on > today:
            raise ValidationError({"consent_on": _("The consent cannot be dated in the future.")})
        if self.birth_year and self.birth_year > today.year:
            raise ValidationError({"birth_year": _("This year lies in the future.")})
        if self.consent_scope == ConsentScope.OTHER and not self.consent_details.strip():
            raise ValidationError({"consent_details": _("Describe what the person agreed to.")})


class Contact(models.Model):
    """One counselling contact. Anonymous unless a client record (with consent) is linked."""

    treff = models.ForeignKey(
        Treff,
        on_delete=models.CASCADE,
        related_name="counselling_contacts",
        verbose_name=_("Treff"),
    )
    date = models.DateField(_("date"), default=dt.date.today, validators=[past_date])
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # the figures outlive the account
        null=True,
        related_name="counselling_contacts",
        verbose_name=_("counsellor"),
    )
    minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)],
    )
    language = models.CharField(
        _("language of the conversation"),
        max_length=10,
        choices=Language.choices,
        default=Language.GERMAN,
    )
    client = models.ForeignKey(
        Client,
        on_delete=models.SET_NULL,  # erasing a client leaves its contacts as anonymous counts
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("client record"),
        help_text=_("Empty: the contact stays anonymous (the usual case)."),
    )
    referral = models.ForeignKey(
        PartnerService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselling_referrals",
        verbose_name=_("referred to"),
    )
    follow_up_on = models.DateField(
        _("follow up on"), null=True, blank=True, validators=[planned_date]
    )
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    # Set when the linked client record was anonymised (retention, erasure, withdrawn
    # consent): the contact still counts as one "with a client record" in the statistics,
    # which stay as they were (deletion concept). Names nobody.
    had_record = models.BooleanField(_("had a client record"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("counselling contact")
        verbose_name_plural = _("counselling contacts")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["treff", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gt=0),
                name="counselling_contact_minutes_positive",
                violation_error_message=_("The duration must be at least one minute."),
            ),
            models.CheckConstraint(
                condition=models.Q(follow_up_on__isnull=True)
                | models.Q(follow_up_on__gte=models.F("date")),
                name="counselling_contact_follow_up_after_date",
                violation_error_message=_("The follow-up cannot be before the contact."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} #{self.pk}"

    def clean_fields(self, exclude=None):
        # A contact dated ahead, or a follow-up before the contact, gets clean()'s own message
        # only, not the date window's too: one message for one mistake, in form and service.
        if self.date and self.date > timezone.localdate():
            exclude = {*(exclude or ()), "date"}
        if self.follow_up_on and self.date and self.follow_up_on < self.date:
            exclude = {*(exclude or ()), "follow_up_on"}
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("A contact cannot be documented in advance.")
        if self.follow_up_on and self.date and self.follow_up_on < self.date:
            errors["follow_up_on"] = _("The follow-up cannot be before the contact.")
        if self.client_id and self.treff_id and self.client.treff_id != self.treff_id:
            errors["client"] = _("This client record belongs to another Treff.")
        if errors:
            raise ValidationError(errors)

    def topic_labels(self) -> list[str]:
        # Reads the prefetched rows when there are any (lists prefetch "topic_rows").
        return [Topic(row.topic).label for row in self.topic_rows.all()]


class ContactTopic(models.Model):
    """One topic of a contact: a row each, so statistics count topics in the database."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="topic_rows")
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)

    objects = ScopedManager(treff="contact__treff")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "topic"], name="counselling_topic_once")
        ]

    def __str__(self):
        return self.get_topic_display()


class Note(models.Model):
    """A counselling note: read only by its author and the Treff's coordinator."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,  # a note nobody may read any more is deleted with its author
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(
        _("note"),
        max_length=LONG_TEXT_MAX,
        validators=[long_text],
        help_text=_("What you need for the next conversation; no diagnoses, no third parties."),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("counselling note")
        verbose_name_plural = _("counselling notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"#{self.pk}"  # never the text: __str__ ends up in logs
