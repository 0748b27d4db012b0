from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def cell(row: dict, column) -> str:
    """One value of a previewed import row as the person reads it: labels for codes."""
    value = row.get(column.name)
    labels = getattr(column.parse, "labels", {})
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(labels.get(v, v)) for v in value) or "–"
    return "–" if value in (None, "") else str(labels.get(value, value))
