from django.http import HttpResponseNotAllowed
from django.template.loader import render_to_string


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
