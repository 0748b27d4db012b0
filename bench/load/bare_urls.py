"""Two reference views for the load benchmark, beside all of Treff's own addresses: a bare
Django view (no query) and one making a single query — what a page of Treff is compared
against (issue 16, item 7)."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.urls import path

from treff.urls import urlpatterns as treff_urlpatterns


@login_not_required
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def one_query(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/one-query/", one_query),
    *treff_urlpatterns,
]
