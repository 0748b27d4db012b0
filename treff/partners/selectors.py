from django.db.models import Q, QuerySet

from .models import PartnerService


def directory(*, q="", category="", language="", barrier_free=False, public_only=False) -> QuerySet:
    services = PartnerService.objects.filter(active=True)
    if public_only:
        services = services.filter(public=True)
    if q:
        services = services.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(office_hours__icontains=q)
        )
    if category:
        services = services.filter(category=category)
    if barrier_free:
        services = services.filter(barrier_free=True)
    services = services.select_related("organisation").order_by("category", "name")
    if language:
        # A JSON list: filtered in Python, the directory holds a few hundred entries at most
        # (JSON containment is not available on SQLite).
        return [service for service in services if language in service.languages]
    return services


def referral_choices() -> QuerySet:
    """What a counsellor or coordinator may refer someone to: the active entries."""
    return PartnerService.objects.filter(active=True).order_by("name")
