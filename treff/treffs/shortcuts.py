from django.core.exceptions import PermissionDenied
from django.http import Http404

from . import selectors
from .models import Treff


def get_treff_or_404(request, slug: str, perm: str) -> Treff:
    """The Treff if it is in the user's scope (else 404) and the user holds perm (else 403).

    Out-of-scope and missing Treffs answer alike, so an address reveals nothing.
    """
    try:
        treff = selectors.treff_get(slug)
    except Treff.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm(perm, treff):
        raise PermissionDenied
    return treff


def get_in_treff_or_404(queryset, **lookup):
    """One object through its Treff's queryset, or 404 (never a 500 for a bad id)."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None
