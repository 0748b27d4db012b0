"""The application's addresses plus a stand-in for funding:plan_detail while views_plan.py
(a parallel branch) is not merged: the import redirects there. Once it is merged, this
urlconf is the application's own and the stand-in is left out."""

from django.http import HttpResponse
from django.urls import include, path

from treff import urls as root
from treff.funding import urls as funding_urls

_names = {pattern.name for pattern in funding_urls.urlpatterns}
_funding = list(funding_urls.urlpatterns)
if "plan_detail" not in _names:
    _funding.append(
        path(
            "treffs/<slug:slug>/funding/<year:year>/",
            lambda request, slug, year: HttpResponse("plan"),
            name="plan_detail",
        )
    )

urlpatterns = [
    path("", include((_funding, "funding"))) if getattr(p, "app_name", None) == "funding" else p
    for p in root.urlpatterns
]
handler400 = root.handler400
