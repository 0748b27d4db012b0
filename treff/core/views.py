from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from .params import BadParameter


class RefusedAsNotFound(Http404):
    """A refusal answered "not found", so that the person learns nothing of what exists
    (counselling records); the audit trail records it as a refusal (audit.middleware)."""


def call_service(form, service, **kwargs):
    """Run a write service for a bound form; return its result, or None if it refused.

    Services validate the whole object, including rules a form cannot see (a room name that
    must be unique within its Treff). Their ValidationError lands on the form as a message
    in the user's language, and the atomic service has written nothing.
    """
    try:
        return service(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


def bad_request(request, exception):
    """handler400: the reason of a BadParameter on the page, else a general sentence.

    Other BadRequest and SuspiciousOperation messages may carry internals, so only our own
    parameter errors, whose messages are written for users, are shown.
    """
    message = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "400.html", {"message": message}, status=400)
