"""A Treff's rooms from a spreadsheet (issue 17, item 3), for those who may add rooms."""

from django.views.decorators.http import require_http_methods

from treff.core.import_views import import_page

from . import services
from .imports import ROOMS, ROOMS_TITLE
from .shortcuts import get_treff_or_404


@require_http_methods(["GET", "POST"])
def room_import(request, slug):
    treff = get_treff_or_404(request, slug, "treffs.add_room")
    return import_page(
        request,
        ROOMS,
        {"treff": treff},
        title=f"{ROOMS_TITLE} – {treff.name}",
        back_url=treff.get_absolute_url(),
        save=lambda room: services.room_save(room=room, treff=treff, user=request.user),
    )
