"""The Treff navigation (issue 11, item 1): each role sees exactly the pages it may open."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.treffs.models import Treff
from treff.treffs.templatetags.treff_nav import SECTIONS

NAV = re.compile(r'<nav class="treff-treffnav" aria-label="([^"]*)">(.*?)</nav>', re.S)
LINK = re.compile(r'<a [^>]*href="([^"]+)"([^>]*)>')


def section_urls(slug):
    """The address of each section; figures jump to the Treff's table on the figures page."""
    with scopes_disabled():
        treff = Treff.objects.get(slug=slug)
    return {
        section.key: reverse(section.url_name, kwargs={"slug": slug})
        if section.treff_object
        else f"{reverse(section.url_name)}#figures-{treff.pk}"
        for section in SECTIONS
    }


def nav_of(response):
    """(aria-label, [(href, current)]) of the Treff navigation, or None without one."""
    found = NAV.search(response.content.decode())
    if found is None:
        return None
    section_list = found[2][found[2].index("<ul") :]
    links = [(href, 'aria-current="page"' in rest) for href, rest in LINK.findall(section_list)]
    return found[1], links


# What each role sees in Franztreff's navigation, by section key.
EXPECTED = {
    "city": ["plan", "offers", "quality", "funding", "figures"],
    "carrier": [
        "today", "plan", "offers", "help", "volunteers", "shifts", "lunch", "clothing", "quality",
        "funding", "figures",
    ],
    "coordinator": [
        "today", "plan", "offers", "help", "volunteers", "shifts", "counselling", "lunch",
        "clothing", "quality", "funding", "figures",
    ],
    "counsellor": ["today", "plan", "offers", "counselling", "lunch", "clothing"],
    "volunteer": ["today", "plan", "offers", "lunch", "clothing"],
}  # fmt: skip


@pytest.mark.parametrize("user", sorted(EXPECTED))
def test_every_shown_link_opens_and_every_hidden_one_is_refused(world, client_for, user):
    client = client_for(user)
    urls = section_urls("franztreff")
    response = client.get(reverse("offers:week", kwargs={"slug": "franztreff"}))
    assert response.status_code == 200
    label, links = nav_of(response)
    assert label == "Seiten von Franztreff"
    assert [href for href, _ in links] == [urls[key] for key in EXPECTED[user]]
    assert [href for href, current in links if current] == [urls["plan"]]
    for key, url in urls.items():
        target = client.get(url)
        status = target.status_code
        if key in EXPECTED[user]:
            assert (key, status) == (key, 200)
            anchor = url.partition("#")[2]
            assert (key, not anchor or f'id="{anchor}"' in target.content.decode()) == (key, True)
        else:
            assert (key, status in (403, 404)) == (key, True)


@pytest.mark.parametrize(
    ("user", "status"),
    [("outsider", 404), ("other_carrier", 404), ("committee", 403), ("no_role", 404)],
)
def test_no_navigation_for_a_treff_one_may_not_see(world, client_for, user, status):
    response = client_for(user).get(reverse("offers:week", kwargs={"slug": "franztreff"}))
    assert response.status_code == status
    assert nav_of(response) is None


def test_outsider_sees_the_navigation_of_their_own_treff(world, client_for):
    response = client_for("outsider").get(reverse("operations:day", kwargs={"slug": "rosseltreff"}))
    label, links = nav_of(response)
    assert label == "Seiten von Rosseltreff"
    assert "/treffs/franztreff/" not in response.content.decode()
    assert [href for href, current in links if current] == [
        reverse("operations:day", kwargs={"slug": "rosseltreff"})
    ]


@pytest.mark.parametrize(
    ("view", "kwargs", "section"),
    [
        ("operations:clothing_history", {}, "clothing"),
        ("operations:lunch_create", {}, "lunch"),
        ("volunteers:help_intake", {}, "help"),
        ("offers:month", {}, "plan"),
        ("offers:offer_create", {}, "offers"),
        ("counselling:clients", {}, "counselling"),
        ("planner:planning_request_list", {}, "plan"),
        ("volunteers:assign_all", {}, "help"),
    ],
)
def test_the_current_section_is_marked_on_its_sub_pages(world, client_for, view, kwargs, section):
    response = client_for("coordinator").get(reverse(view, kwargs={"slug": "franztreff", **kwargs}))
    assert response.status_code == 200
    _, links = nav_of(response)
    assert [href for href, current in links if current] == [section_urls("franztreff")[section]]


def test_pages_outside_a_treff_have_no_treff_navigation(world, client_for):
    response = client_for("coordinator").get(reverse("dashboard:home"))
    assert nav_of(response) is None


def test_the_navigation_reads_in_english(world, client_for):
    client = client_for("volunteer")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("operations:day", kwargs={"slug": "franztreff"}))
    label, _ = nav_of(response)
    assert label == "Pages of Franztreff"
    assert ">Today</a>" in response.content.decode()


def test_the_treffs_name_leads_to_its_page_and_is_marked_there(world, client_for):
    client = client_for("volunteer")
    response = client.get(reverse("treffs:detail", kwargs={"slug": "franztreff"}))
    nav = NAV.search(response.content.decode())[2]
    assert (
        '<a class="kern-link kern-link--no-visited-state" href="/treffs/franztreff/" '
        'aria-current="page">Franztreff</a>'
    ) in nav
    _, links = nav_of(response)
    assert [href for href, current in links if current] == []


def _routes(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = pattern.namespace or namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), f"{namespace}:{pattern.name}"


def test_every_page_of_a_treff_belongs_to_exactly_one_section():
    """A new Treff page must say which section it marks: none or two is a failure here."""
    from django.urls import get_resolver

    from treff.treffs.templatetags.treff_nav import _in_section

    homeless = {
        name: [section.key for section in SECTIONS if _in_section(section, name)]
        for route, name in _routes(get_resolver().url_patterns)
        if route.startswith("treffs/<slug:slug>/") and not name.startswith("treffs:")
    }
    assert {name: keys for name, keys in homeless.items() if len(keys) != 1} == {}
    assert len(homeless) == 124  # the walk sees every Treff page (a change here is a new page)
