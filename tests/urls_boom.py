"""The site's URLs plus one view that fails, for the 500 page (tests/test_error_pages.py)."""

from django.urls import path

from treff.urls import handler400
from treff.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a deliberate failure")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
__all__ = ["handler400", "urlpatterns"]
