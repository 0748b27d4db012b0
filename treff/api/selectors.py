"""Reads of the open-data API: public facts only, each Treff's inside that Treff's scope.

A caller has no scope (the API is anonymous). A Treff is found with
treffs.selectors.public_treff / public_treff_list, the deliberate unscoped reads; the views
read everything else inside `scope(treff=[treff.pk])`. Querysets returned here carry that
scope's filter from the moment they are made (django-scopes filters in the manager), so the
paginator may slice them after the `with` block; they follow select_related joins only.
"""

from django.db.models import QuerySet

from treff.offers import selectors as offer_selectors
from treff.offers.models import Occurrence, Offer


def public_offers(treff) -> QuerySet[Offer]:
    """The Treff's public, active offers by title, with their provider: one query."""
    return (
        Offer.objects.filter(treff=treff, public=True, active=True)
        .select_related("provider")
        .order_by("title", "pk")
    )


def public_dates(treff, first, last) -> QuerySet[Occurrence]:
    """The Treff's public dates touching the local days first..last, cancelled and moved
    ones included (marked), by start: one query."""
    return offer_selectors.occurrences_between(
        treff=treff, first=first, last=last, public_only=True
    ).order_by("start", "room__name", "pk")
