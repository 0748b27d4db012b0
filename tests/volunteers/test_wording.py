"""Wording a new user stumbled over (follow-up of issue 10, item 16, volunteers' part): the
qualification refusal names the proof, the correction log lists entries that read well on
their own, saving a kind of shift says it was saved, and the volunteers' e-mails name the
Treff only where it stands on its own (the signature), never in a case ending: "die
Koordination des Franztreff" was wrong German, and so would "im Begegnungsstätte" be.

Messages are checked in English (the source language), so the German catalogue may word them
freely.
"""

import datetime as dt

from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.volunteers import services_shifts
from treff.volunteers.models import (
    CHANGE_LABELS,
    HelpRequest,
    HelpRequestChange,
    HelpSeeker,
    ShiftTemplate,
    VolunteerQualification,
)
from treff.volunteers.services import REQUEST_FIELDS, SEEKER_FIELDS

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
WEDNESDAY = dt.date(2026, 12, 2)


def _lunch(world) -> ShiftTemplate:
    with scopes_disabled():
        return services_shifts.shift_template_save(
            template=ShiftTemplate(
                title="Mittagstisch-Ausgabe",
                kind="lunch",
                weekdays=[2],
                start=dt.time(10, 30),
                end=dt.time(13, 30),
                min_volunteers=1,
                max_volunteers=3,
                required_qualification="ifsg_43",
                starts_on=WEDNESDAY,
                ends_on=WEDNESDAY,
            ),
            treff=world.franztreff,
            user=world.users["coordinator"],
        )


def test_the_qualification_refusal_names_the_proof_and_its_dates(help_world, client_for):
    template = _lunch(help_world)
    with scopes_disabled():
        shift = template.shifts.get()
    bernd = help_world.help.other_volunteer
    with scopes_disabled():
        VolunteerQualification.objects.create(
            volunteer=bernd,
            kind="ifsg_43",
            obtained_on=dt.date(2024, 12, 1),
            valid_until=dt.date(2026, 12, 1),
        )
    response = client_for("coordinator").post(
        reverse("volunteers:shift_detail", args=["franztreff", shift.pk]),
        {"action": "assign", "volunteer": bernd.pk},
        **EN,
    )
    assert response.context["form"].errors == {
        "volunteer": [
            "“Mittagstisch-Ausgabe” requires: Instruction under § 43 Infection Protection Act "
            "(IfSG), valid on 02/12/2026. The proof recorded for Bernd Bauer is valid from "
            "01/12/2024 until 01/12/2026."
        ]
    }


def test_every_corrected_entry_has_a_label_that_reads_well_in_a_list():
    assert set(CHANGE_LABELS) == {
        *REQUEST_FIELDS,
        *(f"seeker.{name}" for name in SEEKER_FIELDS),
        "seeker.consent_on",
        "seeker.consent_withdrawn_on",
    }


def test_the_correction_log_lists_end_notes_and_consent_in_words(help_world, client_for):
    """The tester's entry read "Bis, Anmerkungen, Einwilligung zur Weitergabe der Kontaktdaten
    erteilt am": form labels, written to stand beside a value."""
    request = help_world.help.request
    with scopes_disabled():
        HelpSeeker.objects.filter(pk=help_world.help.seeker.pk).update(consent_on=None)
    data = {
        "seeker-name": "Frau Albrecht",
        "seeker-phone": "0340 123456",
        "seeker-address": "",
        "seeker-district": "sued_innenstadt",
        "seeker-language": "de",
        "seeker-special_needs": "",
        "seeker-channel": "phone",
        "seeker-consent": "on",
        "request-kind": "shopping",
        "request-date": request.date.isoformat(),
        "request-weekday": "",
        "request-start": "10:00",
        "request-end": "11:30",
        "request-urgency": "2",
        "request-prefers_gender": "",
        "request-notes": "Bitte zweimal klingeln",
    }
    client = client_for("coordinator")
    client.post(reverse("volunteers:help_edit", args=["franztreff", request.pk]), data)
    with scopes_disabled():
        change = HelpRequestChange.objects.get()
    assert change.fields == ["end", "notes", "seeker.consent_on"]
    page = client.get(reverse("volunteers:help_detail", args=["franztreff", request.pk]), **EN)
    assert page.content.decode().count(": End time, Notes, Consent (date)</li>") == 1


def test_saving_a_kind_of_shift_says_saved_and_a_new_one_laid_out(help_world, client_for):
    template = help_world.help.template
    data = {
        "title": "Kleiderkammer",
        "kind": "clothing",
        "weekdays": ["0"],
        "start": "13:00",
        "end": "16:00",
        "min_volunteers": "1",
        "max_volunteers": "2",
        "required_qualification": "",
        "starts_on": "2026-11-30",
        "ends_on": "2026-12-31",
    }
    edited = client_for("coordinator").post(
        reverse("volunteers:shift_template_edit", args=["franztreff", template.pk]), data, **EN
    )
    created = client_for("coordinator").post(
        reverse("volunteers:shift_template_create", args=["franztreff"]),
        {**data, "title": "Kleiderkammer sortieren"},
        **EN,
    )
    assert [
        [str(m) for m in get_messages(response.wsgi_request)] for response in (edited, created)
    ] == [
        ["“Kleiderkammer” has been saved; its shifts follow the changes."],
        ["The shifts have been laid out."],
    ]


def test_the_shift_mail_names_the_treff_in_its_signature_only(
    help_world, client_for, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"  # mails go out in the site's language
    shift = help_world.help.shift
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            reverse("volunteers:shift_detail", args=["franztreff", shift.pk]),
            {"action": "assign", "volunteer": help_world.help.volunteer.pk},
        )
    assert [(m.subject, m.body) for m in mail.outbox] == [
        (
            "You are on the shift: Kleiderkammer, 30/11/2026",
            "Hello Gerda,\n\n"
            "the coordination has put you on the shift “Kleiderkammer” on Monday, "
            "30 November 2026, 13:00–16:00.\n\n"
            "If you cannot come, please cancel under “My shifts” so that someone else can step "
            "in.\n\n"
            "Kind regards\n"
            "Franztreff\n",
        )
    ]


def test_the_request_mail_names_the_treff_in_its_signature_only(
    help_world, client_for, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"
    request = help_world.help.request
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            reverse("volunteers:help_detail", args=["franztreff", request.pk]),
            {"action": "propose", "volunteer": help_world.help.volunteer.pk},
        )
    with scopes_disabled():
        assert HelpRequest.objects.get(pk=request.pk).status == "proposed"
    body = mail.outbox[0].body
    assert body.splitlines()[2] == (
        "the coordination asks whether you can help: Shopping when someone is ill."
    )
    assert body.splitlines()[-2:] == ["Kind regards", "Franztreff"]
    assert body.count("Franztreff") == 1
