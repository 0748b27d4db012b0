"""Per-account limits on expensive actions (issue 16, item 5; OWASP ASVS 5.0 V2.4.1).

A PDF made in the request, a committee report preview, an upload to import: each costs a
core for up to seconds. One account may ask for at most settings.TREFF_ACCOUNT_RATE of them
(django-ratelimit's rate syntax, default "30/10m") per kind, then gets a 429 page saying how
long to wait — in the staff language, nothing done. The counts live in the shared
"ratelimit" cache (a table of Treff's database, settings.CACHES), so every web process
counts together. Planner runs have their own limits (planner.services), files made by a
worker theirs (jobs.files).
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage


def per_account(group: str, methods: tuple[str, ...] = ("GET", "POST")):
    """Decorator for a view doing expensive work on `methods`: counts each such request of
    the logged-in account in `group` and answers 429 once over TREFF_ACCOUNT_RATE."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method in methods and request.user.is_authenticated:
                usage = get_usage(
                    request,
                    group=f"account:{group}",
                    key="user",
                    rate=settings.TREFF_ACCOUNT_RATE,
                    method=list(methods),
                    increment=True,
                )
                if usage is not None and usage["should_limit"]:
                    seconds = max(1, usage["time_left"])
                    response = render(
                        request,
                        "core/rate_limited.html",
                        {"minutes": -(-seconds // 60)},
                        status=429,
                    )
                    response["Retry-After"] = str(seconds)  # RFC 9110 §10.2.3
                    return response
            return view(request, *args, **kwargs)

        return limited

    return decorator
