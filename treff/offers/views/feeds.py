"""iCalendar feeds: public ones for public offers, private ones behind an unguessable token."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_scopes import scope

from treff.treffs import selectors as treff_selectors
from treff.treffs.models import Room, Treff
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from .. import services
from ..ical import calendar_of
from ..models import CalendarFeed, Occurrence, Offer, Series


def _series(**filters):
    return (
        Series.objects.filter(**filters)
        .select_related("offer", "room", "treff")
        .prefetch_related(
            Prefetch("occurrences", queryset=Occurrence.objects.select_related("room"))
        )
        .order_by("pk")
    )


def _response(request, series, name: str, room=None) -> HttpResponse:
    body = calendar_of(series, name=name, domain=request.get_host().split(":")[0], room=room)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="treff.ics"'
    return response


def _public_treff(slug: str) -> Treff:
    treff = treff_selectors.public_treff(slug)
    if treff is None:
        raise Http404
    return treff


@login_not_required
def public_treff(request, slug):
    """Everything public a Treff offers, for anyone's calendar app."""
    treff = _public_treff(slug)
    # A visitor has no scope; the feed concerns this one Treff, so it reads in its scope.
    with scope(treff=[treff.pk]):
        series = list(_series(treff=treff, offer__public=True, offer__active=True))
        return _response(request, series, treff.name)


@login_not_required
def public_offer(request, slug, pk):
    treff = _public_treff(slug)
    with scope(treff=[treff.pk]):
        offer = get_in_treff_or_404(
            Offer.objects.filter(treff=treff, public=True, active=True), pk=pk
        )
        series = list(_series(offer=offer))
        return _response(request, series, f"{offer.title} – {treff.name}")


@login_not_required
@never_cache
def private(request, token):
    """A private feed: whoever holds the token sees internal offers too, nothing else."""
    # The token names the Treff: the one row is found unscoped (the calendar app has no
    # login), everything else is read in that Treff's scope.
    feed = (
        CalendarFeed.objects.with_scopes_disabled()
        .select_related("treff", "room", "offer", "created_by")
        .filter(token=token)
        .first()
    )
    if feed is None:
        raise Http404
    with scope(treff=[feed.treff_id]):
        # A feed lives only as long as its owner may still see the Treff's plan.
        if not feed.created_by.has_perm("offers.view_plan", feed.treff):
            raise Http404
        filters = {"treff": feed.treff}
        name = feed.treff.name
        if feed.scope == CalendarFeed.Scope.ROOM:
            # The room's own series, and those with a date moved into the room.
            room = feed.room
            moved_in = Occurrence.objects.filter(room=room).values("series_id")
            series = _series(treff=feed.treff).filter(Q(room=room) | Q(pk__in=moved_in))
            return _response(request, list(series), f"{room.name} – {name}", room=room)
        if feed.scope == CalendarFeed.Scope.OFFER:
            filters["offer"] = feed.offer
            name = f"{feed.offer.title} – {name}"
        series = list(_series(**filters))
        return _response(request, series, name)


@require_http_methods(["GET", "POST"])
def manage(request, slug):
    """The user's private feeds for this Treff, and the public addresses."""
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    rooms = Room.objects.filter(treff=treff).order_by("name")
    offers = Offer.objects.filter(treff=treff).order_by("title")
    if request.method == "POST":
        # One select: empty means the whole Treff, "room-<id>" a room, "offer-<id>" an offer.
        chosen = {}
        kind, _sep, pk = request.POST.get("target", "").partition("-")
        if kind and not (pk.isdecimal() and len(pk) <= 18):
            raise Http404  # like an unknown room: no number a database id can hold
        if kind == "room":
            chosen["room"] = get_in_treff_or_404(rooms, pk=pk)
        elif kind == "offer":
            chosen["offer"] = get_in_treff_or_404(offers, pk=pk)
        elif kind:
            raise Http404
        _feed, created = services.feed_create(treff=treff, user=request.user, **chosen)
        if created:
            messages.success(request, _("Your private calendar address has been created."))
        return redirect("offers:feeds", treff.slug)
    return render(
        request,
        "offers/feeds.html",
        {
            "treff": treff,
            "rooms": rooms,
            "feeds": CalendarFeed.objects.filter(
                treff=treff, created_by=request.user
            ).select_related("room"),
        },
    )


@require_http_methods(["POST"])
def revoke(request, slug, pk):
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    feed = get_in_treff_or_404(
        CalendarFeed.objects.filter(treff=treff, created_by=request.user), pk=pk
    )
    services.feed_revoke(feed=feed, user=request.user)
    messages.success(request, _("The calendar address has been revoked; it no longer works."))
    return redirect("offers:feeds", treff.slug)
