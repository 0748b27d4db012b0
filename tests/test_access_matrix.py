"""Every URL × every role, with the expected status of a GET written out as a table.

A URL of the application missing from the table fails the test, so a new page cannot
ship without someone deciding who may open it. Columns:

    anon   not logged in                    coord  coordinator of Franztreff
    city   city staff                       couns  visiting counsellor in Franztreff
    carr   carrier admin of Franztreff (DRK) vol   volunteer in Franztreff
    comm   committee member                 out    coordinator of Rosseltreff (outsider)
    ocarr  carrier admin of Rosseltreff     none   logged in, but without any role

Objects outside a user's Treffs answer 404, exactly like objects that do not exist; a
Treff the user may see but not change answers 403.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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

# url name: (arguments, statuses in the order of COLUMNS)
MATRIX = {
    #                                   anon city carr coord couns vol comm out ocarr none
    "public:home": ([], [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "dashboard:home": ([], [302, 200, 200, 200, 200, 200, 200, 200, 200, 403]),
    "accounts:login": ([], [200, 302, 302, 302, 302, 302, 302, 302, 302, 302]),
    "accounts:logout": ([], [302, 405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "accounts:password_change": ([], [302, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "set_language": ([], [302, 302, 302, 302, 302, 302, 302, 302, 302, 302]),
    "treffs:create": ([], [302, 403, 200, 403, 403, 403, 403, 403, 200, 403]),
    "treffs:detail": (["F"], [302, 200, 200, 200, 200, 200, 403, 404, 404, 404]),
    "treffs:edit": (["F"], [302, 403, 200, 200, 403, 403, 403, 404, 404, 404]),
    "treffs:room_create": (["F"], [302, 403, 200, 200, 403, 403, 403, 404, 404, 404]),
    "treffs:room_edit": (["F", "R"], [302, 403, 200, 200, 403, 403, 403, 404, 404, 404]),
    "treffs:room_delete": (["F", "R"], [302, 403, 200, 200, 403, 403, 403, 404, 404, 404]),
    "treffs:room_list": ([], [302, 200, 200, 200, 403, 403, 403, 200, 200, 403]),
    "admin:index": ([], [302, 302, 302, 302, 302, 302, 302, 302, 302, 302]),
}

# The Django admin has hundreds of routes; it is covered by admin:index and the admin tests.
OWN_NAMESPACES = {"public", "dashboard", "accounts", "treffs", ""}


def _route_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner == "admin":
                continue
            yield from _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    names = set(_route_names(get_resolver().url_patterns))
    assert names - set(MATRIX) == set()


def _url(world, name, args):
    values = {"F": world.franztreff.slug, "R": world.room.pk}
    return reverse(name, args=[values[arg] for arg in args])


@pytest.mark.parametrize("column", COLUMNS)
def test_access_matrix(world, client_for, column):
    client = client_for(USERS[column])
    actual = {}
    expected = {}
    for name, (args, statuses) in MATRIX.items():
        actual[name] = client.get(_url(world, name, args)).status_code
        expected[name] = statuses[COLUMNS.index(column)]
    assert actual == expected
