from django import forms
from django.forms.renderers import TemplatesSetting


def _kern_class(widget) -> str:
    # CheckboxSelectMultiple subclasses RadioSelect, so it is tested first.
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        return "kern-form-check__checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "kern-form-check__radio"
    if isinstance(widget, forms.Select):
        return "kern-form-input__select"
    return "kern-form-input__input"


class KernBoundField(forms.BoundField):
    """Gives every widget its KERN class and links it to its error messages."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = _kern_class(widget)
        if self.errors:
            css += f" {css}--error"
            error_ids = " ".join(
                f"{self.auto_id}_error{number}" for number in range(1, len(self.errors) + 1)
            )
            described = attrs.get("aria-describedby", "")
            attrs["aria-describedby"] = f"{described} {error_ids}".strip()
        attrs["class"] = f"{attrs['class']} {css}" if attrs.get("class") else css
        return attrs


class KernFormRenderer(TemplatesSetting):
    """Renders every form field with the KERN markup (label, hint, error, input).

    A whole form leaves out its form-wide messages: the page's error summary
    (core/form_errors.html or its own alert) shows them, once.
    """

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = KernBoundField


def scoped_formfield(db_field, **kwargs):
    """Form field for a model form whose foreign keys point at Treff-scoped models.

    A scoped queryset cannot be evaluated when the form class is defined (there is no
    scope at import time), so it starts empty and the form's __init__ sets the real one.
    """
    related = getattr(db_field, "related_model", None)
    if related is not None and hasattr(related.objects, "with_scopes_disabled"):
        kwargs.setdefault("queryset", related.objects.none())
    return db_field.formfield(**kwargs)
