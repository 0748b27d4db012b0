"""/api/v1/: the open-data API (api.py), open to everyone, read-only.

LoginRequiredMiddleware sends every view without `login_required = False` to the login page;
ninja's views do not carry it, so each of the API's routes is marked here, the schema's
included. Names are in the namespace "api" (api:treffs, api:dates, api:openapi-json, …).
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import reverse

from .api import api

SAFE = ("GET", "HEAD")


def _read_only(view):
    """Any other method is a 405 in JSON, as ninja answers it for its operations (the schema
    view of ninja would answer a POST with the schema)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE:
            response = JsonResponse({"detail": "Method not allowed"}, status=405)
            response["Allow"] = ", ".join(SAFE)
            return response
        return view(request, *args, **kwargs)

    return wrapped


@_read_only
def index(request):
    """What ninja leaves as a bare 404 at the API's root: where the schema is."""
    return JsonResponse({"openapi": reverse("api:openapi-json")})


def _urls():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if pattern.name == "api-root":
            # reverse("api:api-root") is how ninja finds the path prefix for the schema.
            pattern.callback = index
        elif pattern.name == "openapi-json":
            pattern.callback = _read_only(pattern.callback)
        login_not_required(pattern.callback)
    return patterns, app_name, namespace


urls = _urls()
