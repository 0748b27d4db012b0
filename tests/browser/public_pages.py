"""Which public pages exist and how to reach Franztreff's, for the browser tests and for
bench/public_pages.py (one list, so the benchmark weighs what the tests check).

Plain Python: importable without pytest. Chromium's flags live here too for the same reason.
"""

from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LANGUAGES = ["de", "de-x-ls", "en", "uk", "ar", "ru", "tr"]
# Every name in treff/public/urls.py: tests/public/test_pages.py checks the list is whole.
PAGES = [
    "home",
    "treff",
    "treff_print",
    "offer",
    "help",
    "volunteer",
    "idea",
    "directory",
    "accessibility",
    "imprint",
    "privacy",
    "getting_help",
    "lunch",
]
TREFF_PAGES = {"treff", "treff_print", "offer", "help", "volunteer", "idea"}


def public_path(name: str, language: str, slug: str = "franztreff") -> str:
    """The address of public page `name` in `language` (an offer page: the Treff's first
    public offer)."""
    from treff.offers.models import Offer

    kwargs = {}
    if name in TREFF_PAGES:
        kwargs = {"slug": slug}
    if name == "offer":
        with scopes_disabled():
            offers = Offer.objects.filter(treff__slug=slug, public=True, active=True)
            kwargs["pk"] = offers.order_by("pk").values_list("pk", flat=True).first()
    with translation.override(language):
        return reverse(f"public:{name}", kwargs=kwargs)
