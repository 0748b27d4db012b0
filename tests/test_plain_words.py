"""Unexplained terms get a short explanation on the page (issue 11, item 4)."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled


@pytest.mark.parametrize(
    ("language", "summary", "first_rule"),
    [
        (
            "de",
            '<summary class="kern-body">Was bedeuten die Kosten?</summary>',
            "<li>20 Punkte pro zusätzlichem Raum, auf den sich ein Angebot verteilt</li>",
        ),
        (
            "en",
            '<summary class="kern-body">What does the cost mean?</summary>',
            "<li>20 points per additional room an offer is spread over</li>",
        ),
    ],
)
def test_a_planner_result_says_what_its_cost_means(
    plan_world, client_for, language, summary, first_rule
):
    with scopes_disabled():
        run = plan_world.plan.planner_run
        run.status = "optimal"
        run.objective = 85
        run.save()
    client = client_for("coordinator")
    client.cookies["django_language"] = language
    content = client.get(reverse("planner:run", args=["franztreff", run.pk])).content.decode()
    assert summary in content
    assert first_rule in content
    assert content.count("<li>1 ") == 1  # one point per empty seat: the singular


def test_the_cost_rules_follow_the_planners_weights():
    from treff.planner.engine.model import Weights
    from treff.planner.templatetags.planner_wording import cost_rules

    weights = Weights()
    assert [points for _label, points in cost_rules()] == [
        weights.same_room,
        weights.spread_days,
        weights.preferred_time,
        weights.group_overlap,
        weights.compact_person,
        weights.room_waste,
    ]
