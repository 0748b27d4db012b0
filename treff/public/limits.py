"""The rate limit of the public forms: a few posts per address and form, then a polite 429.

django-ratelimit counts in the shared "ratelimit" cache (settings.CACHES: a table in Treff's
own database, so every web process sees the same counts). Every POST counts, also one with
errors: a bot trying variations is slowed down as much as one sending the same text.
"""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


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
