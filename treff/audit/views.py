from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from treff.core.params import choice_param
from treff.treffs.access import roles_of

from . import selectors
from .models import AuditEvent

PAGE_SIZE = 100


@require_GET
def events(request):
    """The audit trail the reader may see (selectors.events_for), filtered by kind."""
    if not request.user.has_perm("audit.view_events"):
        raise PermissionDenied
    kind = choice_param(request, "kind", AuditEvent.Kind.values)
    page = Paginator(selectors.events_for(request.user, kind=kind), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    names = selectors.treff_names(event.treff_id for event in page.object_list)
    return render(
        request,
        "audit/events.html",
        {
            "page": page,
            "rows": [
                (event, names.get(event.treff_id, ""), selectors.record_of(event))
                for event in page.object_list
            ],
            "kind": kind,
            "kinds": AuditEvent.Kind.choices,
            # Addresses are the city's to see (it answers for the installation), not a Treff's.
            "show_address": roles_of(request.user).city_staff,
        },
    )
