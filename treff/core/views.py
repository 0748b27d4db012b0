from django.core.exceptions import ValidationError


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
