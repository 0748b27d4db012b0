"""The Treff navigation: one row of links to a Treff's own pages, on every page of the Treff.

Each link is shown only to those who may open it: `perm` is exactly the permission its target
view checks (see the view and the app's rules.py); tests/test_treff_nav.py proves it for each
role. The rules read the user's roles cached for the request (treffs.access.roles_of), so the
whole row costs no query when the page already has its Treff in the context.
"""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from treff.treffs.models import Treff
from treff.treffs.selectors import treff_get

register = template.Library()


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    url_name: str
    perm: str
    # Views of the section besides the target: "namespace:" prefixes or exact view names.
    views: tuple[str, ...]
    treff_object: bool = True  # False: a global permission, checked without the Treff


SECTIONS = (
    Section(
        "today",
        _("Today"),
        "operations:day",
        "operations.view",
        ("operations:day", "operations:tally", "operations:tally_drop_in"),
    ),
    Section(
        "plan",
        _("Plan"),
        "offers:week",
        "offers.view_plan",
        (
            "offers:week",
            "offers:month",
            "offers:day",
            "offers:room_overview",
            "offers:week_pdf",
            "offers:feeds",
            "offers:feed_revoke",
            "offers:plan_settings",
            "offers:closure_delete",
            "offers:plan_list",
            "offers:plan_detail",
            "offers:booking_request_create",
            "offers:plan_action",
            "planner:",
        ),
    ),
    Section(
        "offers",
        _("Offers"),
        "offers:offer_list",
        "offers.view_plan",
        (
            "offers:offer_list",
            "offers:offer_export",
            "offers:offer_create",
            "offers:offer_edit",
            "offers:offer_translations",
            "offers:series_create",
            "offers:series_detail",
            "offers:series_edit",
            "offers:series_delete",
            "offers:series_change",
            "offers:series_restore",
            "offers:offer_archive",
            "offers:offer_restore",
            "offers:offer_delete",
            # The ideas residents send for the Treff's offers.
            "ideas:",
        ),
    ),
    Section(
        "help",
        _("Help requests"),
        "volunteers:help_list",
        "volunteers.manage",
        (
            "volunteers:help_list",
            "volunteers:help_intake",
            "volunteers:help_detail",
            "volunteers:help_edit",
            "volunteers:assign_all",
        ),
    ),
    Section(
        "volunteers",
        _("Volunteers"),
        "volunteers:list",
        "volunteers.manage",
        (
            "volunteers:list",
            "volunteers:export",
            "volunteers:create",
            "volunteers:edit",
            "volunteers:applications",
            "volunteers:application_detail",
            "volunteers:certificate",
            "volunteers:qualification_add",
            "volunteers:qualification_remove",
        ),
    ),
    Section(
        "shifts",
        _("Shifts"),
        "volunteers:shifts",
        "volunteers.manage",
        (
            "volunteers:shifts",
            "volunteers:shift_detail",
            "volunteers:shift_template_create",
            "volunteers:shift_template_edit",
        ),
    ),
    Section(
        "counselling",
        _("Counselling"),
        "counselling:contacts",
        "counselling.document",
        ("counselling:",),
    ),
    Section(
        "lunch",
        _("Lunch"),
        "operations:lunch_list",
        "operations.view",
        (
            "operations:lunch_list",
            "operations:lunch_create",
            "operations:lunch_edit",
            "operations:lunch_plan_add",
        ),
    ),
    Section(
        "clothing",
        _("Clothing"),
        "operations:clothing_stock",
        "operations.view",
        (
            "operations:clothing_stock",
            "operations:clothing_history",
            "operations:donation_create",
            "operations:handout_create",
            "operations:swap_create",
            "operations:swap_edit",
            "operations:clothing_entry_remove",
        ),
    ),
    Section("quality", _("Quality"), "quality:overview", "quality.view", ("quality:",)),
    Section("funding", _("Funding"), "funding:treff_overview", "funding.view_plan", ("funding:",)),
    # The figures page covers every Treff the user oversees, without a filter: the link jumps
    # to this Treff's table (anchor "figures-<pk>" in dashboard/figures.html).
    Section(
        "figures",
        _("Figures"),
        "dashboard:figures",
        "dashboard.view_figures",
        ("dashboard:figures",),
        treff_object=False,
    ),
)


def _in_section(section: Section, view_name: str) -> bool:
    return any(
        view_name.startswith(view) if view.endswith(":") else view_name == view
        for view in section.views
    )


def _treff_of(context, slug: str) -> Treff | None:
    """The page's Treff: from the view's context (no query), else looked up in scope."""
    treff = context.get("treff")
    if isinstance(treff, Treff) and treff.slug == slug:
        return treff
    try:
        return treff_get(slug)
    except Treff.DoesNotExist:
        return None


def treff_nav_items(user, treff: Treff, view_name: str) -> list[dict]:
    """[{"key", "label", "url", "current"}] for the sections `user` may open, in order."""
    items = []
    for section in SECTIONS:
        allowed = user.has_perm(section.perm, treff if section.treff_object else None)
        if not allowed:
            continue
        if section.treff_object:
            url = reverse(section.url_name, kwargs={"slug": treff.slug})
        else:
            url = f"{reverse(section.url_name)}#figures-{treff.pk}"
        items.append(
            {
                "key": section.key,
                "label": section.label,
                "url": url,
                "current": _in_section(section, view_name),
            }
        )
    return items


@register.inclusion_tag("treffs/_treff_nav.html", takes_context=True)
def treff_nav(context):
    """{% treff_nav %} in base.html: the row for a page under treffs/<slug>/, else nothing.

    Only pages whose address carries a Treff slug get the row; a Treff the user may not see
    (out of scope, or no view permission) gets none, so the row reveals nothing.
    """
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if match is None or user is None or "slug" not in match.kwargs:
        return {"items": []}
    if not match.route.startswith("treffs/"):
        return {"items": []}
    treff = _treff_of(context, match.kwargs["slug"])
    if treff is None or not user.has_perm("treffs.view_treff", treff):
        return {"items": []}
    return {
        "treff": treff,
        # The Treff's own page (address, rooms, opening hours): its name leads there.
        "home_url": reverse("treffs:detail", kwargs={"slug": treff.slug}),
        "home_current": match.view_name.startswith("treffs:"),
        "items": treff_nav_items(user, treff, match.view_name),
    }
