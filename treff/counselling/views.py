"""Counselling documentation: contacts, notes, client records, GDPR export and erasure,
the audit trail and anonymous statistics.

Every refusal is a 404, exactly like a missing object, whoever asks: counselling data must
not even reveal that it exists. Refusals are logged (ids only) and, when they concern a
named client record, written to its audit trail.
"""

import datetime as dt
import json
import logging

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_scopes import scopes_disabled

from treff.core.params import BadParameter, int_param, year_param
from treff.core.views import RefusedAsNotFound, call_service
from treff.treffs import selectors as treff_selectors
from treff.treffs.models import Treff

from . import selectors, services
from .forms import ClientForm, ConfirmForm, ContactFilterForm, ContactForm, NoteForm
from .models import Client, Contact, Note

security = logging.getLogger("treff.security")
Action = services.Action
PAGE_SIZE = 50


# Access -------------------------------------------------------------------------------------


def _denied(request, *, object_id=None, client_id=None) -> RefusedAsNotFound:
    """Log a refused (or pointless) request and return the 404 to raise.

    The audit lookup is deliberately unscoped: an attempt on a record of another Treff
    belongs in that Treff's trail. It never changes the answer, which is always 404.
    """
    security.warning(
        "counselling access refused: user=%s url=%s object=%s",
        request.user.pk,
        request.resolver_match.url_name,
        object_id,
    )
    if client_id is not None:
        with scopes_disabled():
            treff_id = Client.objects.filter(pk=client_id).values_list("treff_id", flat=True)
            treff_id = treff_id.first()
        if treff_id is not None:
            services.audit(
                client_id=client_id, treff_id=treff_id, action=Action.DENIED, user=request.user
            )
    return RefusedAsNotFound()


def _treff_or_none(slug: str) -> Treff | None:
    try:
        return treff_selectors.treff_get(slug)
    except Treff.DoesNotExist:
        return None


def _treff(request, slug: str, perm: str) -> Treff:
    treff = _treff_or_none(slug)
    if treff is None or not request.user.has_perm(perm, treff):
        raise _denied(request)
    return treff


def _contact(request, slug: str, pk: int, perm: str = "counselling.view_contact"):
    treff = _treff_or_none(slug)
    contact = (
        Contact.objects.filter(treff=treff, pk=pk).select_related("client", "referral").first()
        if treff
        else None
    )
    if contact is None or not request.user.has_perm(perm, contact):
        with scopes_disabled():
            client_id = Contact.objects.filter(pk=pk).values_list("client_id", flat=True).first()
        raise _denied(request, object_id=pk, client_id=client_id)
    return treff, contact


def _client(request, slug: str, pk: int, perm: str = "counselling.view_client"):
    treff = _treff_or_none(slug)
    client = Client.objects.filter(treff=treff, pk=pk).first() if treff else None
    if client is None or not request.user.has_perm(perm, client):
        raise _denied(request, object_id=pk, client_id=pk)
    return treff, client


def _note(request, slug: str, pk: int):
    treff = _treff_or_none(slug)
    note = (
        Note.objects.filter(treff=treff, pk=pk).select_related("contact").first() if treff else None
    )
    if note is None or not request.user.has_perm("counselling.change_note", note):
        with scopes_disabled():
            client_id = (
                Note.objects.filter(pk=pk).values_list("contact__client_id", flat=True).first()
            )
        raise _denied(request, object_id=pk, client_id=client_id)
    return treff, note


# Contacts -----------------------------------------------------------------------------------


def contact_list(request, slug):
    treff = _treff(request, slug, "counselling.document")
    filters = ContactFilterForm(request.GET or None)
    contacts = selectors.contacts_visible_to(request.user, treff)
    if filters.is_valid():
        contacts = selectors.contact_filter(
            contacts, month=filters.cleaned_data["month"], topic=filters.cleaned_data["topic"]
        )
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "counselling/contact_list.html",
        {
            "treff": treff,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "is_coordinator": request.user.has_perm("counselling.manage", treff),
            "follow_ups": selectors.follow_ups_due(request.user, timezone.localdate()).filter(
                treff=treff
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def contact_create(request, slug):
    treff = _treff(request, slug, "counselling.document")
    clients = selectors.clients_visible_to(request.user, treff)
    initial = {"date": timezone.localdate()}
    if (wanted := int_param(request, "client")) is not None:
        initial["client"] = clients.filter(pk=wanted).first()
    form = ContactForm(request.POST or None, initial=initial, clients=clients)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.contact_save,
            contact=form.save(commit=False),
            topics=form.cleaned_data["topics"],
            note=form.cleaned_data["note"],
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(request, _("The contact has been documented."))
            if request.POST.get("next") == "new":
                return redirect("counselling:contact_create", treff.slug)
            return redirect("counselling:contact_detail", treff.slug, saved.pk)
    return render(
        request, "counselling/contact_form.html", {"treff": treff, "form": form, "contact": None}
    )


@require_http_methods(["GET", "POST"])
def contact_detail(request, slug, pk):
    """The contact, the notes this user may read, and a form for another note."""
    treff, contact = _contact(request, slug, pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.save(commit=False)
        note.contact = contact
        if call_service(form, services.note_save, note=note, user=request.user):
            messages.success(request, _("The note has been saved."))
            return redirect("counselling:contact_detail", treff.slug, contact.pk)
    if request.method == "GET" and contact.client_id:
        services.client_viewed(client=contact.client, user=request.user)
    return render(
        request,
        "counselling/contact_detail.html",
        {
            "treff": treff,
            "contact": contact,
            "notes": selectors.notes_visible_to(request.user).filter(contact=contact),
            "form": form,
            "can_see_client": contact.client_id
            and request.user.has_perm("counselling.view_client", contact.client),
        },
    )


@require_http_methods(["GET", "POST"])
def contact_edit(request, slug, pk):
    treff, contact = _contact(request, slug, pk, "counselling.change_contact")
    # The contact's own record is among these: its author and the coordinator see it.
    clients = selectors.clients_visible_to(request.user, treff)
    form = ContactForm(request.POST or None, instance=contact, clients=clients)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.contact_save,
            contact=form.save(commit=False),
            topics=form.cleaned_data["topics"],
            user=request.user,
        )
        if saved:
            messages.success(request, _("The contact has been saved."))
            return redirect("counselling:contact_detail", treff.slug, saved.pk)
    elif contact.client_id:
        services.client_viewed(client=contact.client, user=request.user)
    return render(
        request,
        "counselling/contact_form.html",
        {"treff": treff, "form": form, "contact": contact},
    )


@require_POST
def follow_up_done(request, slug, pk):
    treff, contact = _contact(request, slug, pk, "counselling.change_contact")
    services.follow_up_done(contact=contact, user=request.user)
    messages.success(request, _("The follow-up is marked as done."))
    target = request.POST.get("next", "")
    if target == "dashboard":
        return redirect("dashboard:home")
    return redirect("counselling:contact_detail", treff.slug, contact.pk)


@require_http_methods(["GET", "POST"])
def note_edit(request, slug, pk):
    """Only the author changes or deletes a note."""
    treff, note = _note(request, slug, pk)
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.note_delete(note=note, user=request.user)
        messages.success(request, _("The note has been deleted."))
        return redirect("counselling:contact_detail", treff.slug, note.contact_id)
    form = NoteForm(request.POST or None, instance=note)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(form, services.note_save, note=form.save(commit=False), user=request.user)
    ):
        messages.success(request, _("The note has been saved."))
        return redirect("counselling:contact_detail", treff.slug, note.contact_id)
    return render(
        request, "counselling/note_form.html", {"treff": treff, "note": note, "form": form}
    )


# Client records -----------------------------------------------------------------------------


def _retention() -> dict:
    return {"retention_months": services.retention_months()}


def client_list(request, slug):
    treff = _treff(request, slug, "counselling.document")
    clients = selectors.clients_visible_to(request.user, treff).annotate(
        contact_count=Count("contacts"), last_contact=Max("contacts__date")
    )
    return render(request, "counselling/client_list.html", {"treff": treff, "clients": clients})


@require_http_methods(["GET", "POST"])
def client_create(request, slug):
    treff = _treff(request, slug, "counselling.document")
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.client_save,
            client=form.save(commit=False),
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(request, _("The client record has been created."))
            return redirect("counselling:client_detail", treff.slug, saved.pk)
    return render(
        request,
        "counselling/client_form.html",
        {"treff": treff, "form": form, "client": None, **_retention()},
    )


def client_detail(request, slug, pk):
    treff, client = _client(request, slug, pk)
    services.client_viewed(client=client, user=request.user)
    contacts = selectors.contacts_visible_to(request.user, treff).filter(client=client)
    notes = selectors.notes_visible_to(request.user).filter(contact__client=client)
    return render(
        request,
        "counselling/client_detail.html",
        {
            "treff": treff,
            "client": client,
            "contacts": contacts,
            "notes": notes.select_related("contact"),
            "can_manage": request.user.has_perm("counselling.manage", client),
        },
    )


@require_http_methods(["GET", "POST"])
def client_edit(request, slug, pk):
    treff, client = _client(request, slug, pk, "counselling.change_client")
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        if call_service(
            form, services.client_save, client=form.save(commit=False), user=request.user
        ):
            messages.success(request, _("The client record has been saved."))
            return redirect("counselling:client_detail", treff.slug, client.pk)
    elif request.method == "GET":
        services.client_viewed(client=client, user=request.user)
    return render(
        request,
        "counselling/client_form.html",
        {"treff": treff, "form": form, "client": client, **_retention()},
    )


@require_http_methods(["GET", "POST"])
def client_withdraw(request, slug, pk):
    """Consent withdrawn: the record is anonymised at once (the same as erasure)."""
    treff, client = _client(request, slug, pk, "counselling.withdraw_consent")
    return _confirm_erasure(
        request,
        treff,
        client,
        service=services.client_withdraw_consent,
        template="counselling/client_withdraw.html",
        done=_("The consent has been withdrawn and record no. %(number)s has been anonymised."),
    )


@require_http_methods(["GET", "POST"])
def client_erase(request, slug, pk):
    """Erasure on request (Art. 17 GDPR): the coordinator only, after confirming."""
    treff, client = _client(request, slug, pk, "counselling.manage")
    return _confirm_erasure(
        request,
        treff,
        client,
        service=services.client_erase,
        template="counselling/client_erase.html",
        done=_("Record no. %(number)s has been erased; its contacts remain as anonymous counts."),
    )


def _confirm_erasure(request, treff, client, *, service, template, done):
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        number = service(client=client, user=request.user)
        messages.success(request, done % {"number": number})
        return redirect("counselling:clients", treff.slug)
    if request.method == "GET":
        services.client_viewed(client=client, user=request.user)
    contact_count = client.contacts.count()
    note_count = Note.objects.filter(contact__client=client).count()
    return render(
        request,
        template,
        {
            "treff": treff,
            "client": client,
            "form": form,
            "contact_count": contact_count,
            "note_count": note_count,
        },
    )


def client_export(request, slug, pk):
    """Everything about one person, readable (Art. 15 GDPR), with the JSON download."""
    treff, client = _client(request, slug, pk, "counselling.manage")
    services.client_viewed(client=client, user=request.user, action=Action.EXPORTED)
    return render(
        request,
        "counselling/client_export.html",
        {"treff": treff, "client": client, "data": selectors.client_export_data(client)},
    )


def client_export_json(request, slug, pk):
    _treff, client = _client(request, slug, pk, "counselling.manage")
    services.client_viewed(client=client, user=request.user, action=Action.EXPORTED)
    data = selectors.client_export_data(client)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="record-{client.pk}.json"'
    return response


# Audit and statistics -----------------------------------------------------------------------


def audit(request, slug):
    """The Treff's audit trail, or one record's (?record=<number>), also after erasure."""
    treff = _treff(request, slug, "counselling.manage")
    record = int_param(request, "record")
    entries = selectors.audit_trail(treff, client_id=record)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    # (event, who, record number): who by name while the account lives, else its number.
    names = selectors.people_named(entry.user_id for entry in page.object_list)
    rows = [
        (entry, names.get(entry.user_id, ""), int(entry.object_id)) for entry in page.object_list
    ]
    existing = set(
        Client.objects.filter(treff=treff, pk__in={number for *_, number in rows}).values_list(
            "pk", flat=True
        )
    )
    return render(
        request,
        "counselling/audit.html",
        {"treff": treff, "page": page, "rows": rows, "record": record, "existing": existing},
    )


def statistics(request, slug):
    """Aggregates only, for the coordinator, the carrier and the city."""
    treff = _treff(request, slug, "counselling.view_statistics")
    today = timezone.localdate()
    first = today.replace(day=1) - relativedelta(months=11)
    if year := year_param(request, default=0):
        if year > today.year:
            raise BadParameter(_("There are no figures for %(year)s yet.") % {"year": year})
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        year, last = "", today
    (stats,) = selectors.contact_statistics([treff], first=first, last=last)
    return render(
        request,
        "counselling/statistics.html",
        {
            "treff": treff,
            "stats": stats,
            "first": first,
            "last": last,
            "year": year,
            "years": range(today.year, today.year - 5, -1),
        },
    )
