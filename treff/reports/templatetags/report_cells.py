from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def cell(value, k):
    """A published figure, a dash where none applies, or the sign of a hidden one with its
    meaning for screen readers."""
    if not value.hidden:
        if value.value is None:
            return format_html(
                '<span aria-hidden="true">–</span><span class="kern-sr-only">{}</span>',
                _("none"),
            )
        return number_format(value.value, force_grouping=True)
    if value.reason == "primary":
        return format_html(
            '<span aria-hidden="true">&lt; {}</span><span class="kern-sr-only">{}</span>',
            k,
            _("fewer than %(k)d") % {"k": k},
        )
    return format_html(
        '<span aria-hidden="true">.</span><span class="kern-sr-only">{}</span>', _("hidden")
    )
