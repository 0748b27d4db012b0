from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from treff.core.views import call_service
from treff.core.weekly import formset_rows

from . import selectors, services
from .access import roles_of
from .forms import OpeningHoursFormSet, RoomFilterForm, RoomForm, TreffCreateForm, TreffForm
from .models import Organisation, Room, Treff
from .shortcuts import get_in_treff_or_404, get_treff_or_404


def treff_detail(request, slug):
    treff = get_treff_or_404(request, slug, "treffs.view_treff")
    return render(
        request,
        "treffs/treff_detail.html",
        {
            "treff": treff,
            "rooms": selectors.room_list(treff=treff),
            "opening_hours": treff.opening_hours.all(),
            "can_manage": request.user.has_perm("treffs.change_treff", treff),
        },
    )


@require_http_methods(["GET", "POST"])
def treff_create(request):
    if not request.user.has_perm("treffs.add_treff"):
        raise PermissionDenied
    carriers = Organisation.objects.filter(kind=Organisation.Kind.CARRIER)
    if not request.user.is_superuser:
        carriers = carriers.filter(pk__in=roles_of(request.user).carrier_ids)
    form = TreffCreateForm(request.POST or None, carriers=carriers)
    formset = OpeningHoursFormSet(request.POST or None, prefix="hours")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        treff = call_service(
            form,
            services.treff_create,
            treff=form.save(commit=False),
            opening_hours=formset_rows(formset),
            user=request.user,
        )
        if treff:
            messages.success(request, _("The Treff “%(name)s” has been created.") % {"name": treff})
            if request.user.is_superuser:
                # The platform administrator sees no Treff's inside: back to the set-up.
                return redirect("treffs:organisations")
            return redirect(treff)
    return render(
        request, "treffs/treff_form.html", {"form": form, "formset": formset, "treff": None}
    )


@require_http_methods(["GET", "POST"])
def treff_edit(request, slug):
    treff = get_treff_or_404(request, slug, "treffs.change_treff")
    form = TreffForm(request.POST or None, instance=treff)
    formset = OpeningHoursFormSet(request.POST or None, instance=treff, prefix="hours")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = call_service(
            form,
            services.treff_update,
            treff=form.save(commit=False),
            opening_hours=formset_rows(formset),
            user=request.user,
        )
        if saved:
            messages.success(request, _("The changes have been saved."))
            return redirect(saved)
        treff.refresh_from_db()  # the page heading shows the stored name, not the refused one
    return render(
        request, "treffs/treff_form.html", {"form": form, "formset": formset, "treff": treff}
    )


def room_list(request):
    if not request.user.has_perm("treffs.list_rooms"):
        raise PermissionDenied
    form = RoomFilterForm(request.GET or None, treffs=Treff.objects.order_by("name"))
    filters = form.cleaned_data if form.is_valid() else {}
    rooms = selectors.room_list(
        treff=filters.get("treff"),
        kind=filters.get("kind", ""),
        barrier_free=filters.get("barrier_free", False),
    )
    template = "treffs/_room_table.html" if request.htmx else "treffs/room_list.html"
    context = {"form": form, "rooms": rooms, "show_treff": True, "downloads": True}
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def room_create(request, slug):
    treff = get_treff_or_404(request, slug, "treffs.add_room")
    return _room_form(request, treff, Room(treff=treff))


@require_http_methods(["GET", "POST"])
def room_edit(request, slug, pk):
    treff = get_treff_or_404(request, slug, "treffs.change_room")
    return _room_form(request, treff, get_in_treff_or_404(treff.rooms.all(), pk=pk))


def _room_form(request, treff, room):
    form = RoomForm(request.POST or None, instance=room)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.room_save, room=form.save(commit=False), treff=treff, user=request.user
        )
        if saved:
            messages.success(
                request, _("The room “%(name)s” has been saved.") % {"name": saved.name}
            )
            return redirect(treff)
    return render(request, "treffs/room_form.html", {"form": form, "treff": treff, "room": room})


@require_http_methods(["GET", "POST"])
def room_delete(request, slug, pk):
    treff = get_treff_or_404(request, slug, "treffs.delete_room")
    room = get_in_treff_or_404(treff.rooms.all(), pk=pk)
    errors = []
    if request.method == "POST":
        try:
            services.room_delete(room=room, user=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request, _("The room “%(name)s” has been deleted.") % {"name": room.name}
            )
            return redirect(treff)
    return render(
        request,
        "treffs/room_confirm_delete.html",
        {"treff": treff, "room": room, "errors": errors},
    )
