"""The room list as a CSV or XLSX file (issue 17, item 4), with the list page's filters, for
those who may see the room list."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from treff.core import lists

from . import selectors
from .forms import RoomFilterForm
from .models import Treff


@require_safe
def room_export(request, fmt):
    """The rooms the list shows for the same filters: Treff, name, kind, seats, barrier-free
    and equipment."""
    if not request.user.has_perm("treffs.list_rooms"):
        raise PermissionDenied
    if fmt not in lists.FORMATS:
        raise Http404
    form = RoomFilterForm(request.GET or None, treffs=Treff.objects.order_by("name"))
    filters = form.cleaned_data if form.is_valid() else {}
    rooms = selectors.room_list(
        treff=filters.get("treff"),
        kind=filters.get("kind", ""),
        barrier_free=filters.get("barrier_free", False),
    )
    yes, no = _("yes"), _("no")
    table = lists.Table(
        name=lists.file_name(_("rooms")),
        headers=[
            _("Treff"),
            _("Room"),
            _("Kind"),
            _("Capacity"),
            _("Barrier-free"),
            _("Equipment"),
        ],
        rows=[
            [
                room.treff.name,
                room.name,
                room.get_kind_display(),
                room.capacity,
                yes if room.barrier_free else no,
                ", ".join(str(label) for label in room.equipment_labels()),
            ]
            for room in rooms
        ],
    )
    return lists.download(table, fmt)
