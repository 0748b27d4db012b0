"""Writes for ideas residents send (models.Suggestion): the public form and the coordinator's
marks. Every write validates the whole row; logs carry ids only."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from treff.volunteers.services_applications import send_again_message

from .models import Suggestion

logger = logging.getLogger(__name__)


def suggestion_submit(*, treff, data: dict) -> tuple[Suggestion, bool]:
    """The public form. Returns (idea, created); the same key twice finds the first.

    `data` is the form's cleaned data (text, category, key); raises ValidationError by field.
    """
    existing = Suggestion.objects.filter(submission_key=data["key"]).first()
    if existing is not None:
        return existing, False
    suggestion = Suggestion(
        treff=treff,
        text=(data.get("text") or "").strip(),
        category=data.get("category") or "",
        submission_key=data["key"],
    )
    suggestion.full_clean()
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError:
        # Sent twice at once: the first one stands. A key taken in another Treff (only a
        # forged form has one) is not found in this scope.
        first = Suggestion.objects.filter(submission_key=data["key"]).first()
        if first is None:
            raise ValidationError({"key": send_again_message()}) from None
        return first, False
    logger.info("idea from the web: suggestion=%s treff=%s", suggestion.pk, treff.pk)
    return suggestion, True


@transaction.atomic
def suggestion_mark(*, suggestion: Suggestion, status: str, user) -> Suggestion:
    """Mark an idea new, considered or done."""
    if status not in Suggestion.Status.values:
        raise ValidationError({"status": ValidationError("Unknown status.", code="invalid")})
    suggestion = Suggestion.objects.select_for_update(of=("self",)).get(pk=suggestion.pk)
    suggestion.status = status
    suggestion.full_clean()
    suggestion.save(update_fields=["status"])
    logger.info("idea marked: suggestion=%s status=%s user=%s", suggestion.pk, status, user.pk)
    return suggestion
