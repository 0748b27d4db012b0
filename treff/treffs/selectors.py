"""Reads over Treff data. All run inside the request's Treff scope unless they say otherwise."""

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django_scopes import scopes_disabled

from .models import OpeningHours, Room, Treff


def overseen_treffs(user) -> QuerySet[Treff]:
    """The Treffs whose figures and reports `user` reads, by name: all (in scope) for city
    staff and the committee, else their carrier's and the ones they coordinate."""
    from .access import roles_of

    roles = roles_of(user)
    treffs = Treff.objects.order_by("name")
    if not (roles.city_staff or roles.committee):
        treffs = treffs.filter(pk__in=roles.carrier_treff_ids | roles.coordinator_of)
    return treffs


def treff_list() -> QuerySet[Treff]:
    """The Treffs in the current scope, with room counts and the carrier in one query."""
    return Treff.objects.select_related("carrier").annotate(
        room_count=Count("rooms"),
        barrier_free_room_count=Count("rooms", filter=Q(rooms__barrier_free=True)),
        capacity_total=Sum("rooms__capacity"),
    )


def treff_get(slug: str) -> Treff:
    """One Treff in scope; raises Treff.DoesNotExist for unknown and out-of-scope alike."""
    return Treff.objects.select_related("carrier").get(slug=slug)


def room_list(*, treff=None, kind: str = "", barrier_free: bool = False) -> QuerySet[Room]:
    rooms = Room.objects.select_related("treff")
    if treff is not None:
        rooms = rooms.filter(treff=treff)
    if kind:
        rooms = rooms.filter(kind=kind)
    if barrier_free:
        rooms = rooms.filter(barrier_free=True)
    return rooms.order_by("treff__name", "name")


def total_capacity() -> int:
    """Seats in all rooms of the current scope together (the committee's figure)."""
    return Room.objects.aggregate(total=Sum("capacity"))["total"] or 0


def public_treff(slug: str) -> Treff | None:
    """The active Treff with this short name, for a public page about that one Treff.

    Deliberately unscoped, like public_treff_list(): a visitor has no Treff scope yet. Only
    this one row is read so; the page then reads everything else inside
    `scope(treff=[treff.pk])`, so it can never show another Treff's data.
    """
    treffs = Treff.objects.with_scopes_disabled().select_related("carrier")
    return treffs.filter(slug=slug, active=True).first()


def public_treff_list() -> list[Treff]:
    """Active Treffs with their public facts, for anyone: this read is deliberately unscoped.

    Only public fields are used by the public pages (address, hours, accessibility, contact).
    """
    with scopes_disabled():
        return list(
            Treff.objects.filter(active=True)
            .select_related("carrier")
            .prefetch_related(
                Prefetch(
                    "opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")
                )
            )
            .order_by("name")
        )
