"""Ideas and wishes residents send anonymously through "Ihre Idee für den Treff".

Visitors' needs shape the plan (Fachkonzept §4.5): the coordinator reads them on the Treff's
page of ideas and marks each as considered or done; the reports count them per period. No
personal data: a text, optionally the kind of offer it is about, and when it came.
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from treff.offers.models import Category
from treff.treffs.models import Treff

SUGGESTION_MAX = 1000


class Suggestion(models.Model):
    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("idea status", "new")
        CONSIDERED = "considered", pgettext_lazy("idea status", "considered")
        DONE = "done", pgettext_lazy("idea status", "done")

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("Treff")
    )
    text = models.TextField(_("idea"), validators=[MaxLengthValidator(SUGGESTION_MAX)])
    category = models.CharField(
        _("kind of offer"), max_length=30, choices=Category.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    # The form's hidden key: the same form sent twice is stored once.
    submission_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["treff", "created_at"])]

    def __str__(self):
        return self.text[:60]
