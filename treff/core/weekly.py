"""Weekly time rows (a Treff's opening hours, a volunteer's availability): one write rule.

The forms show these as formsets; the services receive plain rows, so a command, a task or
another service that sets them is held to the same limit and the same per-row rules.
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

# Three windows a day, seven days a week; the formsets show no more (absolute_max).
MAX_WEEKLY_ROWS = 21


def weekly_rows_replace(*, owner: models.Model, related_name: str, rows: Sequence) -> list:
    """Replace all of `owner`'s rows under `related_name` with `rows`.

    rows: unsaved instances of the related model with their own fields set (weekday, times);
    the owner is set here. At most MAX_WEEKLY_ROWS. Each row is validated in full
    (`full_clean`: times, the end after the start). Call inside the service's transaction.

    Raises ValidationError (not tied to a field) naming the limit, or the row's number and
    its problem; nothing is written then.
    """
    rows = list(rows)
    if len(rows) > MAX_WEEKLY_ROWS:
        raise ValidationError(
            _("Please enter at most %(max)d times a week (you entered %(count)d).")
            % {"max": MAX_WEEKLY_ROWS, "count": len(rows)}
        )
    manager = getattr(owner, related_name)
    fk_name = manager.field.name
    for number, row in enumerate(rows, 1):
        if not isinstance(row, manager.model):
            raise TypeError(f"expected {manager.model.__name__}, got {type(row).__name__}")
        row.pk = None
        setattr(row, fk_name, owner)
        try:
            row.full_clean()
        except ValidationError as error:
            problems = " ".join(message for message in error.messages)
            raise ValidationError(
                _("Line %(number)d: %(message)s") % {"number": number, "message": problems}
            ) from error
    manager.all().delete()
    return manager.model.objects.bulk_create(rows)


def formset_rows(formset) -> list:
    """The rows a valid formset keeps: filled in and not marked for deletion, as instances."""
    deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
    return [
        form.instance for form in formset.forms if form.cleaned_data and id(form) not in deleted
    ]
