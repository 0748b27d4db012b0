from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def has_perm(context, perm: str, obj=None) -> bool:
    """{% has_perm "offers.manage_plan" treff as allowed %}: the rules layer, in a template."""
    return context["request"].user.has_perm(perm, obj)
