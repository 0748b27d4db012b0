from django_scopes import scope

from .access import roles_of


class TreffScopeMiddleware:
    """Run every request inside the Treff scope of its user.

    A query over Treff data then only ever sees the user's Treffs, and code that runs
    outside a request (commands, jobs) must open a scope itself or fail with ScopeError.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with scope(treff=roles_of(request.user).treff_scope):
            response = self.get_response(request)
            # Template responses evaluate their querysets while rendering: do it in scope.
            if hasattr(response, "render") and callable(response.render):
                response.render()
            return response
