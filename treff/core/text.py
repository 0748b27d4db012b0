"""Translatable text shared by the pure engines (offers, planner, volunteers).

Engines compute a message once (a plan warning, a matching reason, a planner explanation) and
the pages show it in each reader's language; `LazyText` keeps template and parameters apart
until `str()` is called. No ORM, no settings: only `gettext_lazy`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

# Indexed like `date.weekday()`: 0 = Monday … 6 = Sunday.
WEEKDAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


class LazyText:
    """A translatable message with named placeholders, rendered when `str()` is called.

    `gettext_lazy(...) % params` would translate at once, in whatever language is active while
    the engine runs. Keeping template and parameters apart lets a warning computed once be shown
    in each reader's language; parameters that are lazy themselves (weekday names) are
    translated at the same moment.
    """

    __slots__ = ("params", "template")

    def __init__(self, template: object, /, **params: object) -> None:
        self.template = template
        self.params = params

    def __str__(self) -> str:
        if not self.params:
            # Like Django's ValidationError: no params, no %-formatting, so "%" needs no escape.
            return str(self.template)
        return str(self.template) % {key: str(value) for key, value in self.params.items()}

    def __repr__(self) -> str:
        return f"LazyText({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LazyText):
            return NotImplemented
        return str(self.template) == str(other.template) and self.params == other.params

    def __hash__(self) -> int:
        return hash(str(self.template))


def lazy_join(items: Iterable[object], separator: str = ", ") -> LazyText:
    """Join lazily translated parts without translating them now."""
    params = {f"p{index}": item for index, item in enumerate(items)}
    template = separator.join(f"%({key})s" for key in params)
    return LazyText(template, **params)
