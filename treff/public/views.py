"""The public site: pages for residents, readable without login and without JavaScript.

Every page lives under its language (/de/…, /ar/…; urls.py). A page about one Treff finds it
with treffs.selectors.public_treff (the one deliberate unscoped read) and reads everything
else inside that Treff's scope, so it can never show another Treff's data.
"""

import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.defaults import page_not_found as django_page_not_found
from django_scopes import scope

from treff.core.views import call_service
from treff.partners import selectors as partner_selectors
from treff.treffs import selectors as treff_selectors
from treff.volunteers import services as volunteer_services
from treff.volunteers import services_applications as application_services

from . import limits, selectors, services
from .caching import for_visitors
from .forms import DirectoryFilter, PublicHelpForm, PublicIdeaForm, PublicVolunteerForm
from .middleware import use_staff_language


def _treff_or_404(slug: str):
    treff = treff_selectors.public_treff(slug)
    if treff is None:
        raise Http404
    return treff


@login_not_required
@for_visitors
def home(request):
    return render(request, "public/home.html", {"treffs": treff_selectors.public_treff_list()})


@login_not_required
@for_visitors
def treff_page(request, slug):
    """This week and next at one Treff, lunch, counselling, how to get there, contact."""
    return _weeks_page(request, slug, "public/treff.html")


@login_not_required
@for_visitors
def treff_print(request, slug):
    """The same weeks on one sheet for the notice board: no navigation, no forms."""
    return _weeks_page(request, slug, "public/treff_print.html")


def _weeks_page(request, slug, template):
    treff = _treff_or_404(slug)
    with scope(treff=[treff.pk]):
        weeks = selectors.treff_weeks(treff, today=timezone.localdate())
        return render(
            request,
            template,
            {
                "treff": treff,
                "hours": list(treff.opening_hours.order_by("weekday", "opens")),
                "plan": weeks,
            },
        )


@login_not_required
@for_visitors
def offer_page(request, slug, pk):
    treff = _treff_or_404(slug)
    with scope(treff=[treff.pk]):
        offer = selectors.public_offer(treff, pk)
        if offer is None:
            raise Http404
        dates = selectors.next_dates(offer, today=timezone.localdate())
        return render(
            request, "public/offer.html", {"treff": treff, "offer": offer, "dates": dates}
        )


# The public forms carry no CSRF token, so a visitor gets no cookie (issue 15: "no cookie
# before login"). CSRF guards a request that borrows the visitor's own standing (a session,
# a login); these forms borrow none: they read no user and no session, and a forged post
# could say nothing its sender could not post directly. What guards them instead: the limit
# per address (limits.py), the honeypot, the form's key (a second send changes nothing) and
# the services' own checks.
def _public_form(request, slug, *, kind, form_class, service, template, thanks):
    """A public form of one Treff: limited per address, a bot answered like a person, a key
    that makes a second send harmless, and a thank-you page in the visitor's language."""
    treff = _treff_or_404(slug)
    if limits.over_limit(request, kind):
        return limits.limited_response(request, treff)
    with scope(treff=[treff.pk]):
        form = form_class(request.POST or None, initial={"key": uuid.uuid4().hex})
        if request.method == "POST" and form.is_bot():
            return render(request, thanks, {"treff": treff, "created": True})
        if request.method == "POST" and form.is_valid():
            result = call_service(form, service, treff=treff, data=form.cleaned_data)
            if result is not None:
                _stored, created = result
                return render(request, thanks, {"treff": treff, "created": created})
        return render(request, template, {"treff": treff, "form": form})


@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def help_form(request, slug):
    """Ask for help without an account."""
    return _public_form(
        request,
        slug,
        kind="help",
        form_class=PublicHelpForm,
        service=volunteer_services.public_request_submit,
        template="public/help_form.html",
        thanks="public/help_thanks.html",
    )


@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def volunteer_form(request, slug):
    """Offer to volunteer: lands with the coordinator as an application."""
    return _public_form(
        request,
        slug,
        kind="volunteer",
        form_class=PublicVolunteerForm,
        service=application_services.public_application_submit,
        template="public/volunteer_form.html",
        thanks="public/volunteer_thanks.html",
    )


@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def idea_form(request, slug):
    """An anonymous idea or wish for the Treff's offers."""
    return _public_form(
        request,
        slug,
        kind="idea",
        form_class=PublicIdeaForm,
        service=services.suggestion_submit,
        template="public/idea_form.html",
        thanks="public/idea_thanks.html",
    )


@login_not_required
@for_visitors
def directory(request):
    """The public entries of the partner directory (Wegweiser), searchable."""
    form = DirectoryFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = partner_selectors.directory(public_only=True, **filters)
    return render(request, "public/directory.html", {"form": form, "entries": entries})


def _page(template):
    @login_not_required
    @for_visitors
    def view(request):
        context = {
            "treffs": treff_selectors.public_treff_list(),
            "operator": settings.TREFF_OPERATOR,
        }
        return render(request, template, context)

    return view


accessibility = _page("public/accessibility.html")
imprint = _page("public/imprint.html")
privacy = _page("public/privacy.html")
getting_help = _page("public/getting_help.html")
lunch = _page("public/lunch.html")


def page_not_found(request, exception):
    """handler404: a visitor gets the public layout, staff the staff one.

    A visitor is an address under a public language (/ar/…, in that language) or anyone not
    logged in (in the browser's language, which LocaleMiddleware activated): `/xx/franztreff/`
    with an Arabic browser is a page in Arabic, right to left, with a way to the start page.
    """
    user = getattr(request, "user", None)
    visitor = user is None or not user.is_authenticated
    if visitor or translation.get_language_from_path(request.path_info):
        return render(request, "public/404.html", status=404)
    # No view ran, so StaffLanguageMiddleware did not either.
    use_staff_language(request)
    return django_page_not_found(request, exception)
