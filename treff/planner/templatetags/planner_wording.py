"""Plain words for the planner's numbers: what the "cost" of a proposed plan adds up."""

from django import template
from django.utils.translation import gettext as _

from treff.planner.engine.model import Weights

register = template.Library()


@register.simple_tag
def cost_rules() -> list[tuple[str, int]]:
    """[(what is not met, penalty points each time)] of the weights the planner runs with.

    The points come from engine.model.Weights (bridge.problem_for uses its defaults), so the
    explanation cannot drift from the solver. Rules switched off (weight 0) are left out.
    """
    weights = Weights()
    rules = [
        (_("per additional room an offer is spread over"), weights.same_room),
        (_("per day fewer than the days an offer asked for"), weights.spread_days),
        (_("per session starting outside its preferred times"), weights.preferred_time),
        (
            _("per offer for the same audience at the same time as another"),
            weights.group_overlap or 0,
        ),
        (
            _("per session of a coordinator with none of theirs just before or after it"),
            weights.compact_person,
        ),
        (_("per empty seat in the room of a session"), weights.room_waste),
    ]
    return [(label, points) for label, points in rules if points]
