"""Which language a page speaks: the public pages every language, staff pages only two."""

from django.conf import settings
from django.utils import translation


class StaffLanguageMiddleware:
    """A page outside the language-prefixed public site speaks German or English.

    LocaleMiddleware takes the language from the address, the cookie or the browser. The
    public pages (under `/<language>/`, treff.public) are translated into every language of
    settings.LANGUAGES; the staff pages only into settings.STAFF_LANGUAGES, so a browser
    asking for Arabic gets them in the default language rather than half-translated. This
    runs in process_view: an address that resolves nowhere keeps the browser's language, so
    LocaleMiddleware's redirect of `/franztreff/` goes to `/ar/franztreff/`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not translation.get_language_from_path(request.path_info):
            use_staff_language(request)
        return None


def use_staff_language(request) -> None:
    """Fall back to the default language if the active one is not a staff language."""
    if translation.get_language() not in settings.STAFF_LANGUAGES:
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
