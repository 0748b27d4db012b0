"""The proof of use (Verwendungsnachweis, Fachkonzept §5) of a budget plan's year.

`ProofOfUse` is the carrier's working copy: the narrative report (pre-filled with the
year's figures from the reports, suppressed as for the city) and its state. Submitting it
freezes a `ProofVersion`: the numerical statement as it stood (approved, actual and
difference per cost type, income, surplus or refund — amounts as text of whole cents in
`statement`) and the narrative. A version never changes (save() and delete() refuse, a
database trigger refuses UPDATE); the city's answer is a separate `ProofDecision`. Any two
versions can be compared.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from treff.core.validators import long_text

from .models import BudgetPlan


class ProofOfUse(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        ACCEPTED = "accepted", _("accepted")

    plan = models.OneToOneField(
        BudgetPlan, on_delete=models.CASCADE, related_name="proof", verbose_name=_("plan")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    narrative = models.TextField(_("narrative report"), blank=True, validators=[long_text])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(treff="plan__treff")

    class Meta:
        verbose_name = _("proof of use")
        verbose_name_plural = _("proofs of use")

    def __str__(self):
        return str(self.plan)

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class VersionImmutable(ValidationError):
    """A submitted version cannot be changed or deleted."""


class ProofVersion(models.Model):
    """A submitted proof of use, frozen."""

    proof = models.ForeignKey(
        ProofOfUse, on_delete=models.PROTECT, related_name="versions", verbose_name=_("proof")
    )
    number = models.PositiveIntegerField(pgettext_lazy("document", "version"))
    statement = models.JSONField(_("numerical statement"))
    narrative = models.TextField(_("narrative report"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))

    objects = ScopedManager(treff="proof__plan__treff")

    class Meta:
        verbose_name = _("submitted proof of use")
        verbose_name_plural = _("submitted proofs of use")
        ordering = ["proof", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["proof", "number"], name="funding_proof_version_once")
        ]

    def __str__(self):
        return f"{self.proof} ({self.number})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise VersionImmutable(_("A submitted proof of use cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise VersionImmutable(_("A submitted proof of use cannot be deleted."))


class ProofDecision(models.Model):
    """The city's answer to a submitted version: accepted, or returned with comments."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned for changes")

    version = models.OneToOneField(
        ProofVersion, on_delete=models.PROTECT, related_name="decision", verbose_name=_("version")
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    comment = models.TextField(_("comment"), blank=True, validators=[long_text])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    objects = ScopedManager(treff="version__proof__plan__treff")

    class Meta:
        verbose_name = _("decision on a proof of use")
        verbose_name_plural = _("decisions on proofs of use")

    def __str__(self):
        return self.get_outcome_display()
