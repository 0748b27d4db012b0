"""Who is asking, as far as limits need to know: the client's IP address.

Used by the public forms' rate limit (django-ratelimit, RATELIMIT_IP_META_KEY) and the login
throttling (django-axes, AXES_CLIENT_IP_CALLABLE), so both count the same address.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind our proxy (BEHIND_PROXY=1) the last
    entry of X-Forwarded-For, which our proxy appends; a missing or broken header falls back
    to the connection's address."""
    if settings.TREFF_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            pass  # no header, or a broken one: the connection's address
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # a key, not a bind  # noqa: S104  # nosec B104
