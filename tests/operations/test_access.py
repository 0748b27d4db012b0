"""The operations rows of the access matrix, checked here with the same users and objects.

These are the rows to copy into tests/test_access_matrix.py (with "LD" and "SW" taken from
`operations_objects(world)`).
"""

import pytest
from django.urls import reverse

from .conftest import operations_objects

COLUMNS = ["anon", "city", "carr", "coord", "couns", "vol", "comm", "out", "ocarr", "none"]
USERS = {
    "anon": "anonymous",
    "city": "city",
    "carr": "carrier",
    "coord": "coordinator",
    "couns": "counsellor",
    "vol": "volunteer",
    "comm": "committee",
    "out": "outsider",
    "ocarr": "other_carrier",
    "none": "no_role",
}
# fmt: off
#                        anon city carr coord couns vol  comm out  ocarr none
VIEW_OPERATIONS   =     [302, 403, 200, 200,  200,  200, 403, 404, 404,  404]
RECORD_OPERATIONS =     [302, 403, 403, 200,  403,  200, 403, 404, 404,  404]
MATRIX = {
    "operations:day":              (["F"],             VIEW_OPERATIONS),
    "operations:tally_drop_in":    (["F", "D"],        VIEW_OPERATIONS),
    "operations:tally":            (["F", "S", "D"],   VIEW_OPERATIONS),
    "operations:lunch_list":       (["F"],             VIEW_OPERATIONS),
    "operations:lunch_create":     (["F"],             RECORD_OPERATIONS),
    "operations:lunch_edit":       (["F", "LD"],       RECORD_OPERATIONS),
    "operations:clothing_stock":   (["F"],             VIEW_OPERATIONS),
    "operations:clothing_history": (["F"],             VIEW_OPERATIONS),
    "operations:donation_create":  (["F"],             RECORD_OPERATIONS),
    "operations:handout_create":   (["F"],             RECORD_OPERATIONS),
    "operations:swap_create":      (["F"],             RECORD_OPERATIONS),
    "operations:swap_edit":        (["F", "SW"],       RECORD_OPERATIONS),
}
# fmt: on


def test_every_operations_url_is_in_the_rows():
    from django.urls import get_resolver

    resolver = get_resolver()
    names = {
        f"operations:{name}"
        for name in resolver.namespace_dict["operations"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(MATRIX)


@pytest.mark.parametrize("column", COLUMNS)
def test_operations_access(plan_world, client_for, column):
    world = plan_world
    ops = operations_objects(world)
    values = {
        "F": world.franztreff.slug,
        "S": world.plan.series.pk,
        "D": world.plan.date.isoformat(),
        "LD": ops.lunch.pk,
        "SW": ops.swap.pk,
    }
    client = client_for(USERS[column])
    actual, expected = {}, {}
    for name, (args, statuses) in MATRIX.items():
        actual[name] = client.get(reverse(name, args=[values[a] for a in args])).status_code
        expected[name] = statuses[COLUMNS.index(column)]
    assert actual == expected
