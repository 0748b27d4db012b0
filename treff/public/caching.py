"""Public pages without a form, kept for a minute for visitors who bring no cookie.

Issue 16, item 7: at the lunch peak most requests are residents reading the same few pages.
A request without any cookie has no session, so it is anonymous by construction, and every
such request for one address (path, query, host) in one language gets the same bytes.
Django's `cache_page` keeps them in the "public" cache for `TREFF_PUBLIC_CACHE_SECONDS`
(0 turns this off). Anyone who brings a cookie — staff logged in, a visitor who chose a
language — gets a page made for them, so a coordinator who changes an offer sees the change
at once; visitors see it within that many seconds. Pages with a form are never kept: their
key is new on every request (views._public_form).
"""

from functools import wraps

from django.conf import settings
from django.views.decorators.cache import cache_page


def for_visitors(view):
    """Serve `view` from the "public" cache to cookie-less GET and HEAD requests.

    The stored answer carries Cache-Control max-age and Expires for the same seconds; the
    headers added by middleware on the way out (CSP, Permissions-Policy …) are made fresh on
    every request. Only 200 answers are kept (Django's UpdateCacheMiddleware).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.TREFF_PUBLIC_CACHE_SECONDS
        if not seconds or request.COOKIES or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        return cache_page(seconds, cache="public")(view)(request, *args, **kwargs)

    return wrapper
