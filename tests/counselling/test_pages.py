"""Every counselling page × every role: the rows proposed for tests/test_access_matrix.py,
plus the second counsellor of Franztreff (c2)."""

import pytest
from django.urls import reverse

COLUMNS = ["anon", "city", "carr", "coord", "couns", "vol", "comm", "out", "ocarr", "none", "c2"]
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
    "c2": "counsellor2",
}
# fmt: off
DOCUMENT  = [302, 404, 404, 200, 200, 404, 404, 404, 404, 404, 200]
OWN       = [302, 404, 404, 200, 200, 404, 404, 404, 404, 404, 404]  # the counsellor's objects
AUTHOR    = [302, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404]  # the counsellor's note
MANAGE    = [302, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404]
STATS     = [302, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404]
POST_ONLY = [302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405]
MATRIX = {
    "counselling:contacts":           ([],             DOCUMENT),
    "counselling:contact_create":     ([],             DOCUMENT),
    "counselling:contact_detail":     (["CCO"],        OWN),
    "counselling:contact_edit":       (["CCO"],        OWN),
    "counselling:follow_up_done":     (["CCO"],        POST_ONLY),
    "counselling:note_edit":          (["CNO"],        AUTHOR),
    "counselling:clients":            ([],             DOCUMENT),
    "counselling:client_create":      ([],             DOCUMENT),
    "counselling:client_detail":      (["CCL"],        OWN),
    "counselling:client_edit":        (["CCL"],        OWN),
    "counselling:client_withdraw":    (["CCL"],        OWN),
    "counselling:client_export":      (["CCL"],        MANAGE),
    "counselling:client_export_json": (["CCL"],        MANAGE),
    "counselling:client_erase":       (["CCL"],        MANAGE),
    "counselling:audit":              ([],             MANAGE),
    "counselling:statistics":         ([],             STATS),
}
# fmt: on


def test_every_counselling_url_is_in_the_table():
    from django.urls import get_resolver

    names = {
        f"counselling:{name}"
        for name in get_resolver().namespace_dict["counselling"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(MATRIX)


@pytest.mark.parametrize("column", COLUMNS)
def test_every_page_for_every_role(counselling, login, column):
    objects = counselling.counselling
    values = {"CCO": objects.contact.pk, "CNO": objects.note.pk, "CCL": objects.client.pk}
    client = login(USERS[column])
    actual, expected = {}, {}
    for name, (args, statuses) in MATRIX.items():
        url = reverse(name, args=["franztreff", *[values[arg] for arg in args]])
        actual[name] = client.get(url).status_code
        expected[name] = statuses[COLUMNS.index(column)]
    assert actual == expected
