"""Headers on every answer (issue 16, item 2, first part): no logged-in page and no download
is kept by a browser or proxy, and every page denies the browser features Treff never uses.

Checked over every URL of the access matrix, for a Treff's coordinator and for a visitor.
"""

import pytest

from .test_access_matrix import MATRIX, _url

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "usb=(), xr-spatial-tracking=()"
)


def _headers(client, world, extra):
    """url name → (status, has no-store, Permissions-Policy) for a GET of each URL."""
    seen = {}
    for name, (args, _statuses) in MATRIX.items():
        response = client.get(_url(world, name, args, extra))
        cache = response.get("Cache-Control", "")
        seen[name] = (response.status_code, "no-store" in cache, response.get("Permissions-Policy"))
    return seen


@pytest.mark.parametrize("user", ["coordinator", "city"])
def test_every_answer_to_a_logged_in_person_is_not_stored(
    plan_world, help_world, daily_objects, client_for, user
):
    seen = _headers(client_for(user), plan_world, daily_objects)
    assert {
        name: flags for name, flags in seen.items() if flags[1:] != (True, PERMISSIONS_POLICY)
    } == {}


def test_public_answers_may_be_cached_but_deny_the_features_too(
    plan_world, help_world, daily_objects, client_for
):
    seen = _headers(client_for("anonymous"), plan_world, daily_objects)
    public = {name: flags for name, flags in seen.items() if flags[0] == 200}
    stored = sorted(name for name, flags in public.items() if flags[1])
    # A private calendar feed needs no session: its token is the key, so it is never stored;
    # Django's login page is never cached either.
    assert stored == ["accounts:login", "offers:ical_private"]
    assert {flags[2] for flags in seen.values()} == {PERMISSIONS_POLICY}
    assert "public:treff" in public


@pytest.mark.parametrize(
    ("disposition", "stored"),
    [('attachment; filename="list.csv"', False), ('inline; filename="treff.ics"', True)],
)
def test_a_download_is_not_stored_even_without_a_login(rf, disposition, stored):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from treff.core.middleware import NoStoreMiddleware

    def view(request):
        response = HttpResponse("a;b\n")
        response["Content-Disposition"] = disposition
        return response

    request = rf.get("/")
    request.user = AnonymousUser()
    response = NoStoreMiddleware(view)(request)
    assert ("no-store" not in response.get("Cache-Control", "")) is stored
