"""Public pages kept for visitors without a cookie (issue 16, item 7; treff.public.caching).

A cookie-less visitor is anonymous by construction, so such visitors share one copy per
address and language for TREFF_PUBLIC_CACHE_SECONDS; staff and anyone with a cookie get
their own page, and forms are never kept.
"""

import datetime as dt

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.offers import services


def _url(name, *args, language="de"):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def kept(settings):
    settings.TREFF_PUBLIC_CACHE_SECONDS = 60
    caches["public"].clear()
    yield
    caches["public"].clear()


def _rename_cafe(world, title):
    with scopes_disabled():
        cafe = world.public.cafe
        cafe.title = title
        services.offer_save(offer=cafe, treff=world.franztreff, user=world.users["coordinator"])


def test_a_visitor_without_cookie_gets_the_kept_page_until_the_time_is_up(
    public_world, kept, clock, django_assert_num_queries
):
    visitor, url = Client(), _url("public:treff", "franztreff")
    first = visitor.get(url)
    with django_assert_num_queries(0):
        again = visitor.get(url)
    _rename_cafe(public_world, "Erzählcafé")
    still = visitor.get(url)
    clock.shift(dt.timedelta(seconds=61))
    later = visitor.get(url)
    assert (
        again.content == first.content,
        "Seniorencafé" in still.content.decode(),
        "Erzählcafé" in later.content.decode(),
        first["Cache-Control"],
        first.cookies,
        again.cookies,
    ) == (True, True, True, "max-age=60", {}, {})


def test_staff_and_visitors_with_a_cookie_see_a_change_at_once(public_world, kept, client):
    url = _url("public:treff", "franztreff")
    Client().get(url)  # kept for cookie-less visitors
    _rename_cafe(public_world, "Erzählcafé")
    client.force_login(public_world.users["coordinator"])
    with_cookie = Client()
    with_cookie.cookies["django_language"] = "de"
    assert (
        "Erzählcafé" in client.get(url).content.decode(),
        "Erzählcafé" in with_cookie.get(url).content.decode(),
        "Erzählcafé" in Client().get(url).content.decode(),
    ) == (True, True, False)


def test_a_logged_in_page_is_never_given_to_a_visitor(public_world, kept, client):
    """The staff version of a public page links to the dashboard; a visitor's never does."""
    url = _url("public:home")
    client.force_login(public_world.users["coordinator"])
    staff = client.get(url).content.decode()
    visitor = Client().get(url).content.decode()
    dashboard = reverse("dashboard:home")
    assert (f'href="{dashboard}"' in staff, f'href="{dashboard}"' in visitor) == (True, False)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("public:home", ()),
        ("public:treff", ("franztreff",)),
        ("public:treff_print", ("franztreff",)),
        ("public:directory", ()),
        ("public:lunch", ()),
        ("public:imprint", ()),
    ],
)
@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_kept_page_keeps_its_language_and_gets_fresh_security_headers(
    public_world, kept, name, args, language, django_assert_num_queries
):
    url = _url(name, *args, language=language)
    first = Client().get(url)
    with django_assert_num_queries(0):
        again = Client().get(url)
    other = Client().get(_url(name, *args, language="en"))
    headers = ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options")
    assert (
        again.status_code,
        again.content == first.content,
        f'lang="{language}"' in again.content.decode(),
        other.content == first.content,
        [again.has_header(h) for h in headers],
        again.has_header("Set-Cookie"),
    ) == (200, True, True, False, [True, True, True], False)


def test_an_offer_page_is_kept_per_offer(public_world, kept):
    cafe, lunch = public_world.public.cafe, public_world.public.lunch
    first = Client().get(_url("public:offer", "franztreff", cafe.pk))
    second = Client().get(_url("public:offer", "franztreff", lunch.pk))
    assert (
        "Seniorencafé" in first.content.decode(),
        "Mittagstisch" in second.content.decode(),
        "Seniorencafé" in second.content.decode(),
    ) == (True, True, False)


@pytest.mark.parametrize("name", ["public:help", "public:volunteer", "public:idea"])
def test_a_form_is_made_anew_for_every_visitor(public_world, kept, name):
    """A public form's hidden key makes a second send harmless; a kept page would hand one
    key to everybody."""
    url = _url(name, "franztreff")
    pages = [Client().get(url).content.decode() for _ in range(2)]
    keys = [page.split('name="key" value="')[1].split('"')[0] for page in pages]
    assert (len(keys[0]), keys[0] == keys[1]) == (32, False)


def test_a_missing_page_is_not_kept(public_world, kept):
    url = _url("public:treff", "neuertreff")
    first = Client().get(url)
    with scopes_disabled():
        treff = public_world.franztreff
        treff.slug = "neuertreff"
        treff.save()
    assert (first.status_code, Client().get(url).status_code) == (404, 200)


def test_turned_off_nothing_is_kept(public_world, settings, django_assert_num_queries):
    settings.TREFF_PUBLIC_CACHE_SECONDS = 0
    url = _url("public:home")
    Client().get(url)
    response = Client().get(url)
    assert (response.has_header("Cache-Control"), response.status_code) == (False, 200)
