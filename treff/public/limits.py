"""The rate limit of the public forms: a few posts per address and form, then a polite 429.

django-ratelimit counts in the shared "ratelimit" cache (settings.CACHES: a table in Treff's
own database, so every web process sees the same counts). Every POST counts, also one with
errors: a bot trying variations is slowed down as much as one sending the same text.
"""

import ipaddress

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or behind our proxy the last X-Forwarded-For."""
    if settings.TREFF_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            pass  # no header, or a broken one: the connection's address
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 (a key, not a bind)


def over_limit(request, kind: str) -> bool:
    """Count this POST of form `kind` ("help", "volunteer", "idea") for the address; True
    once the address has sent more than settings.TREFF_PUBLIC_FORM_RATE."""
    if request.method != "POST":
        return False
    return is_ratelimited(
        request,
        group=f"public-form:{kind}",
        key="ip",
        rate=settings.TREFF_PUBLIC_FORM_RATE,
        method="POST",
        increment=True,
    )


def limited_response(request, treff):
    """What a limited visitor reads, in their language; nothing was stored."""
    return render(request, "public/rate_limited.html", {"treff": treff}, status=429)
