from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from treff.api import urls as api_urls
from treff.core.admin import site as admin_site

urlpatterns = [
    path("", include("treff.dashboard.urls")),
    path("", include("treff.treffs.urls")),
    path("", include("treff.offers.urls")),
    path("", include("treff.planner.urls")),
    path("", include("treff.volunteers.urls")),
    path("", include("treff.partners.urls")),
    path("", include("treff.counselling.urls")),
    path("", include("treff.operations.urls")),
    path("", include("treff.jobs.urls")),
    path("", include("treff.reports.urls")),
    path("", include("treff.quality.urls")),
    path("", include("treff.funding.urls")),
    path("", include("treff.public.urls_staff")),
    path("", include("treff.audit.urls")),
    path("", include("treff.people.urls")),
    path("accounts/", include("treff.accounts.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin_site.urls),
    # The open-data API: versioned, the same in every language, so not under i18n_patterns.
    path("api/v1/", api_urls.urls),
]
# The public site: every page under its language, /de/franztreff/, /ar/franztreff/; an
# address without one (/, /franztreff/) is sent to the reader's language by LocaleMiddleware.
urlpatterns += i18n_patterns(path("", include("treff.public.urls")))

handler400 = "treff.core.views.bad_request"
handler404 = "treff.public.views.page_not_found"
