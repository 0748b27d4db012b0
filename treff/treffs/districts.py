"""The installation's districts for forms, display, validation and the matcher.

`gazetteer()` builds the engine's Gazetteer (core.geo) from the District rows:
one query, kept for the rest of the request (cleared when a request starts, when a district
is saved or deleted, and after DISTRICTS_CACHE_SECONDS in workers and commands).
"""

import threading
import time

from django.core.exceptions import ValidationError
from django.core.signals import request_started
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from treff.core.geo import District as Place
from treff.core.geo import Gazetteer

from .models import District

DISTRICTS_CACHE_SECONDS = 60.0

_cache = threading.local()


def gazetteer() -> Gazetteer:
    """The city's districts as the engine's Gazetteer (empty before any import)."""
    built = getattr(_cache, "value", None)
    if built is not None and time.monotonic() - _cache.at < DISTRICTS_CACHE_SECONDS:
        return built
    rows = list(District.objects.values_list("key", "name", "latitude", "longitude", "aliases"))
    aliases = {alias: key for key, _n, _la, _lo, names in rows for alias in names or ()}
    built = Gazetteer(
        (Place(key, name, float(lat), float(lon)) for key, name, lat, lon, _a in rows), aliases
    )
    _cache.value, _cache.at = built, time.monotonic()
    return built


def forget(**kwargs) -> None:
    """Drop the cached Gazetteer of this thread (a signal receiver)."""
    _cache.value = None


request_started.connect(forget, dispatch_uid="treff.treffs.districts.request")
post_save.connect(forget, sender=District, dispatch_uid="treff.treffs.districts.saved")
post_delete.connect(forget, sender=District, dispatch_uid="treff.treffs.districts.deleted")


def choices() -> list[tuple[str, str]]:
    """("", "---------") and (key, name) sorted by name: a select's choices (callable)."""
    return [("", "---------"), *gazetteer().choices()]


def name_of(key: str) -> str:
    found = gazetteer().get(key)
    return found.name if found else key


def validate_district(key: str) -> None:
    """Model validator: only keys of the installation's districts are stored."""
    if gazetteer().get(key) is None:
        raise ValidationError(_("Choose a district from the list."), code="unknown_district")
