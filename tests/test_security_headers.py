"""Headers on every answer (issue 16, item 2): no logged-in page and no download is kept by a
browser or proxy, every page denies the browser features Treff never uses, and every answer
carries the strict Content-Security-Policy (a nonce for styles only where a page has one).

Checked over every URL of the access matrix, for a Treff's coordinator and for a visitor.
"""

import re

import pytest

from .test_access_matrix import MATRIX, _url

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "usb=(), xr-spatial-tracking=()"
)

CSP = (
    "base-uri 'none'",
    "connect-src 'self'",
    "default-src 'self'",
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
)
NONCE = re.compile(r" 'nonce-[A-Za-z0-9+/=]+'")


def _policy(header: str) -> tuple[str, ...]:
    """The directives of a Content-Security-Policy, sorted, without the nonce."""
    return tuple(sorted(part.strip() for part in NONCE.sub("", header).split(";")))


def _headers(client, world, extra):
    """url name → (status, has no-store, Permissions-Policy, CSP without its nonce) for a GET
    of each URL."""
    seen = {}
    for name, (args, _statuses) in MATRIX.items():
        response = client.get(_url(world, name, args, extra))
        cache = response.get("Cache-Control", "")
        policy = _policy(response.get("Content-Security-Policy", ""))
        seen[name] = (
            response.status_code,
            "no-store" in cache,
            response.get("Permissions-Policy"),
            policy,
        )
    return seen


@pytest.mark.parametrize("user", ["coordinator", "city"])
def test_every_answer_to_a_logged_in_person_is_not_stored(
    plan_world, help_world, daily_objects, client_for, user
):
    seen = _headers(client_for(user), plan_world, daily_objects)
    assert {
        name: flags for name, flags in seen.items() if flags[1:] != (True, PERMISSIONS_POLICY, CSP)
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
    assert {flags[2:] for flags in seen.values()} == {(PERMISSIONS_POLICY, CSP)}
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


def test_only_a_page_with_a_style_element_has_a_nonce_and_it_is_new_each_time(
    plan_world, client_for
):
    from django.urls import reverse

    client = client_for("coordinator")
    week = [client.get(reverse("offers:week", args=["franztreff"])) for _ in range(2)]
    nonces = [
        re.findall(r"'nonce-([A-Za-z0-9+/=]+)'", response["Content-Security-Policy"])
        for response in week
    ]
    assert [len(found) for found in nonces] == [1, 1]
    assert nonces[0] != nonces[1]
    assert [
        response.content.decode().count(f'<style nonce="{found[0]}">')
        for response, found in zip(week, nonces, strict=True)
    ] == [1, 1]
    month = client.get(reverse("offers:month", args=["franztreff"]))
    assert "nonce" not in month["Content-Security-Policy"]
