from django.http import HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers


class MethodNotAllowedPageMiddleware:
    """Give Django's bodiless 405 answers a page in the site's layout and the reader's language.

    `require_POST` and friends return an HttpResponseNotAllowed with an empty body, which a
    browser shows as a blank page. The status and the Allow header stay as they are. Placed
    inside TreffScopeMiddleware, so the page renders in the user's Treff scope.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a logged-in person and on every download.

    Pages behind the login show client records, home addresses and clearance dates; no
    browser cache, proxy or shared computer may keep them after the session (OWASP ASVS 5.0
    V14.3.2, BSI APP.3.1). Downloads (Content-Disposition: attachment) are exports of the
    same data. Public pages and static files stay cacheable. Views whose answer is private
    without a session (a private calendar feed behind its token) use `never_cache` themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Asked before the view: the session is read once, and if the database is down the
        # error page is the only answer (no second try on the way out).
        user = getattr(request, "user", None)
        logged_in = user is not None and user.is_authenticated
        response = self.get_response(request)
        download = response.get("Content-Disposition", "").startswith("attachment")
        private = download or logged_in
        # A view that said no-store itself (a document download) keeps its own header.
        if private and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response
