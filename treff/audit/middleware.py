"""Every refused request goes into the audit trail (ASVS 5.0 V16.3.2); the request being
answered is known to the records of changes meanwhile (tracking.current_request)."""

from django.core.exceptions import PermissionDenied
from django_scopes import scopes_disabled

from treff.core.views import RefusedAsNotFound
from treff.treffs.access import roles_of

from .models import AuditEvent
from .services import record
from .tracking import current_request


class DeniedMiddleware:
    """After AuthenticationMiddleware: records each refusal with who, where from, the page
    and the Treff when the page names one (its `slug`). A refusal is a 403, or a 404 on a
    page of a Treff the person has no role in: Treff answers those "not found" so as not
    to tell outsiders what exists, but for the trail it is a refusal all the same."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Who changes what during this request, for the records of changes (tracking.py).
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        if response.status_code in (403, 404):
            treff_id = _treff_id(request)
            scope = roles_of(request.user).treff_scope
            # A visitor without a login has an empty scope: their 404 on a public Treff page
            # is an ordinary "not found", not a refusal (and must not let anyone fill the trail).
            outside = (
                request.user.is_authenticated
                and treff_id is not None
                and scope is not None
                and treff_id not in scope
            )
            refused = getattr(request, "_treff_refused", False)
            if response.status_code == 403 or outside or refused:
                record(AuditEvent.Kind.DENIED, request=request, treff_id=treff_id)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied | RefusedAsNotFound):
            request._treff_refused = True


def _treff_id(request) -> int | None:
    from treff.treffs.models import Treff

    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    if not isinstance(slug, str):
        return None
    # The slug is the page's address, not data the user may read: unscoped on purpose.
    with scopes_disabled():
        return Treff.objects.filter(slug=slug).values_list("pk", flat=True).first()
