"""Shift rules (issue 10, item 5): no two shifts at the same time, a lower limit warns and the
overview flags over-staffing, the coordinator puts volunteers on shifts and takes them off
(the volunteer is told), and a kind of shift may require a qualification valid on the day.

Messages are checked in English (the source language), so the German catalogue may word them
freely; the rules are the same in every language.
"""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.volunteers import services_shifts
from treff.volunteers.models import Shift, ShiftSignup, ShiftTemplate, VolunteerQualification

WEDNESDAY = dt.date(2026, 12, 2)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _template(world, **overrides) -> ShiftTemplate:
    values = {
        "title": "Mittagstisch-Ausgabe",
        "kind": "lunch",
        "weekdays": [0, 2, 4],
        "start": dt.time(10, 30),
        "end": dt.time(13, 30),
        "min_volunteers": 1,
        "max_volunteers": 3,
        "starts_on": dt.date(2026, 11, 30),
        "ends_on": dt.date(2026, 12, 31),
    }
    values.update(overrides)
    with scopes_disabled():
        return services_shifts.shift_template_save(
            template=ShiftTemplate(**values),
            treff=world.franztreff,
            user=world.users["coordinator"],
        )


def _shift(template, day=WEDNESDAY) -> Shift:
    with scopes_disabled():
        return template.shifts.get(date=day)


def _sign_up(world, shift, volunteer):
    with scopes_disabled(), translation.override("en"):
        return services_shifts.shift_sign_up(
            shift=shift, volunteer=volunteer, user=world.users["coordinator"]
        )


def _refusal(world, shift, volunteer) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        _sign_up(world, shift, volunteer)
    return refused.value.messages


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Overlaps ----------------------------------------------------------------------------------


def test_a_second_shift_at_the_same_time_is_refused_naming_the_first(help_world):
    lunch = _shift(_template(help_world))
    sorting = _shift(
        _template(help_world, title="Kleiderkammer sortieren", kind="clothing", start=dt.time(13))
    )
    gerda = help_world.help.volunteer
    _sign_up(help_world, lunch, gerda)
    assert _refusal(help_world, sorting, gerda) == [
        "You are already signed up for “Mittagstisch-Ausgabe” on 02/12/2026, 10:30–13:30, "
        "at the same time."
    ]


def test_shifts_that_only_touch_may_both_be_taken(help_world):
    lunch = _shift(_template(help_world))
    after = _shift(
        _template(help_world, title="Abwasch", kind="lunch", start=dt.time(13, 30), end=dt.time(15))
    )
    gerda = help_world.help.volunteer
    _sign_up(help_world, lunch, gerda)
    _sign_up(help_world, after, gerda)
    with scopes_disabled():
        assert ShiftSignup.objects.filter(volunteer=gerda).count() == 2


# Limits ------------------------------------------------------------------------------------


def test_lowering_the_maximum_below_the_sign_ups_warns_and_the_overview_flags_it(
    help_world, client_for
):
    template = _template(help_world)
    shift = _shift(template)
    with scopes_disabled():
        third = help_world.franztreff.volunteers.create(
            first_name="Dritte", last_name="Person", help_kinds=["lunch"], district="mitte"
        )
    for volunteer in (help_world.help.volunteer, help_world.help.other_volunteer, third):
        _sign_up(help_world, shift, volunteer)
    client = client_for("coordinator")
    response = client.post(
        reverse("volunteers:shift_template_edit", args=["franztreff", template.pk]),
        {
            "title": "Mittagstisch-Ausgabe",
            "kind": "lunch",
            "weekdays": ["0", "2", "4"],
            "start": "10:30",
            "end": "13:30",
            "min_volunteers": "1",
            "max_volunteers": "2",
            "required_qualification": "",
            "starts_on": "2026-11-30",
            "ends_on": "2026-12-31",
        },
        **EN,
    )
    assert response.status_code == 302
    assert _messages(response) == [
        "“Mittagstisch-Ausgabe” has been saved; its shifts follow the changes.",
        "1 shift has more volunteers than the new maximum of 2: 02/12/2026 (3). "
        "Nobody has been taken off; do so on the shift's page if needed.",
    ]
    page = client.get(reverse("volunteers:shifts", args=["franztreff"]), **EN)
    assert page.context["overstaffed"] == 1
    flagged = [s.date for s in page.context["shifts"] if s.filled > s.template.max_volunteers]
    assert flagged == [WEDNESDAY]


# The coordinator puts volunteers on shifts and takes them off ---------------------------------


def test_the_coordinator_puts_a_volunteer_on_a_shift_and_she_is_told(
    help_world, client_for, django_capture_on_commit_callbacks
):
    shift = _shift(_template(help_world))
    gerda = help_world.help.volunteer
    url = reverse("volunteers:shift_detail", args=["franztreff", shift.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            url, {"action": "assign", "volunteer": gerda.pk}, **EN
        )
    assert response.status_code == 302
    assert _messages(response) == ["Gerda Neumann has been put on the shift and told."]
    with scopes_disabled():
        signup = ShiftSignup.objects.get(shift=shift)
    assert (signup.volunteer, signup.assigned_by) == (gerda, help_world.users["coordinator"])
    assert [m.to for m in mail.outbox] == [["gerda@example.org"]]
    own = client_for("volunteer").get(reverse("volunteers:my_shifts"))
    assert [s.pk for s in own.context["changes"]] == [signup.pk]


def test_the_coordinator_takes_a_volunteer_off_and_she_is_told(
    help_world, client_for, django_capture_on_commit_callbacks
):
    shift = _shift(_template(help_world))
    gerda = help_world.help.volunteer
    signup = _sign_up(help_world, shift, gerda)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            reverse("volunteers:shift_detail", args=["franztreff", shift.pk]),
            {"action": "remove", "signup": signup.pk},
            **EN,
        )
    assert _messages(response) == ["Gerda Neumann has been taken off the shift and told."]
    with scopes_disabled():
        signup.refresh_from_db()
    assert (signup.cancelled_at is not None, signup.removed_by) == (
        True,
        help_world.users["coordinator"],
    )
    assert [m.to for m in mail.outbox] == [["gerda@example.org"]]
    own = client_for("volunteer").get(reverse("volunteers:my_shifts"), **EN)
    assert [s.pk for s in own.context["changes"]] == [signup.pk]
    mine = [signup for _shift, signup in own.context["rows"]]
    assert mine == [None] * len(mine)


def test_putting_on_a_shift_checks_overlap_and_qualification_and_names_the_volunteer(
    help_world, client_for
):
    lunch = _template(help_world, required_qualification="ifsg_43")
    sorting = _shift(
        _template(help_world, title="Kleiderkammer sortieren", kind="clothing", start=dt.time(13))
    )
    gerda = help_world.help.volunteer
    client = client_for("coordinator")
    refused = client.post(
        reverse("volunteers:shift_detail", args=["franztreff", _shift(lunch).pk]),
        {"action": "assign", "volunteer": gerda.pk},
        **EN,
    )
    assert refused.context["form"].errors == {
        "volunteer": [
            "“Mittagstisch-Ausgabe” requires: Instruction under § 43 Infection Protection Act "
            "(IfSG). None is recorded for Gerda Neumann."
        ]
    }
    _sign_up(help_world, sorting, gerda)
    with scopes_disabled():
        VolunteerQualification.objects.create(
            volunteer=gerda,
            kind="ifsg_43",
            obtained_on=dt.date(2026, 1, 15),
            valid_until=dt.date(2028, 1, 14),
        )
    overlapping = client.post(
        reverse("volunteers:shift_detail", args=["franztreff", _shift(lunch).pk]),
        {"action": "assign", "volunteer": gerda.pk},
        **EN,
    )
    assert overlapping.context["form"].errors == {
        "volunteer": [
            "Gerda Neumann is already on “Kleiderkammer sortieren” on 02/12/2026, 13:00–13:30, "
            "at the same time."
        ]
    }
    with scopes_disabled():
        assert ShiftSignup.objects.filter(shift__template=lunch).count() == 0


def test_a_volunteer_of_another_treff_cannot_be_put_on_a_shift(help_world, client_for):
    from treff.volunteers.models import Volunteer

    shift = _shift(_template(help_world))
    with scopes_disabled():
        stranger = Volunteer.objects.create(
            treff=help_world.rosseltreff,
            first_name="Rita",
            last_name="Fremd",
            help_kinds=["lunch"],
            district="rosslau",
        )
    response = client_for("coordinator").post(
        reverse("volunteers:shift_detail", args=["franztreff", shift.pk]),
        {"action": "assign", "volunteer": stranger.pk},
    )
    assert (response.status_code, list(response.context["form"].errors)) == (200, ["volunteer"])


# Qualifications ------------------------------------------------------------------------------


def test_the_coordinator_records_a_qualification_with_the_usual_expiry_and_renews_it(
    help_world, client_for
):
    gerda = help_world.help.volunteer
    url = reverse("volunteers:qualification_add", args=["franztreff", gerda.pk])
    client = client_for("coordinator")
    first = client.post(
        url,
        {
            "qualification-kind": "ifsg_43",
            "qualification-obtained_on": "2026-01-15",
            "qualification-valid_until": "",
        },
    )
    assert first.status_code == 302
    with scopes_disabled():
        assert list(gerda.qualifications.values_list("obtained_on", "valid_until")) == [
            (dt.date(2026, 1, 15), dt.date(2028, 1, 14))
        ]
    client.post(
        url,
        {
            "qualification-kind": "ifsg_43",
            "qualification-obtained_on": "2026-11-02",
            "qualification-valid_until": "2027-11-01",
        },
    )
    with scopes_disabled():
        held = gerda.qualifications.get()
    assert (held.obtained_on, held.valid_until) == (dt.date(2026, 11, 2), dt.date(2027, 11, 1))
    page = client.get(reverse("volunteers:edit", args=["franztreff", gerda.pk]))
    assert [q.pk for q in page.context["qualifications"]] == [held.pk]
    client.post(reverse("volunteers:qualification_remove", args=["franztreff", gerda.pk, held.pk]))
    with scopes_disabled():
        assert gerda.qualifications.count() == 0


def test_the_other_treffs_coordinator_cannot_record_a_qualification(help_world, client_for):
    gerda = help_world.help.volunteer
    response = client_for("outsider").post(
        reverse("volunteers:qualification_add", args=["franztreff", gerda.pk]),
        {"qualification-kind": "ifsg_43", "qualification-obtained_on": "2026-01-15"},
    )
    assert response.status_code == 404
    with scopes_disabled():
        assert VolunteerQualification.objects.count() == 0


def test_sign_up_without_the_required_qualification_is_refused_with_the_reason(help_world):
    shift = _shift(_template(help_world, required_qualification="ifsg_43"))
    gerda = help_world.help.volunteer
    assert _refusal(help_world, shift, gerda) == [
        "“Mittagstisch-Ausgabe” requires: Instruction under § 43 Infection Protection Act "
        "(IfSG). None is recorded for you; please show your proof to the coordination."
    ]
    with scopes_disabled():
        held = VolunteerQualification.objects.create(
            volunteer=gerda,
            kind="ifsg_43",
            obtained_on=dt.date(2024, 6, 1),
            valid_until=dt.date(2026, 5, 31),
        )
    assert _refusal(help_world, shift, gerda) == [
        "“Mittagstisch-Ausgabe” requires: Instruction under § 43 Infection Protection Act "
        "(IfSG), valid on 02/12/2026. Yours is valid from 01/06/2024 until 31/05/2026; please "
        "show a renewed proof to the coordination."
    ]
    with scopes_disabled():
        held.obtained_on, held.valid_until = dt.date(2026, 6, 1), dt.date(2028, 5, 31)
        held.save()
    signup = _sign_up(help_world, shift, gerda)
    assert signup.shift_id == shift.pk


def test_a_qualification_that_expires_before_the_shift_does_not_count(help_world):
    late = _shift(_template(help_world, required_qualification="first_aid"), dt.date(2026, 12, 30))
    gerda = help_world.help.volunteer
    with scopes_disabled():
        VolunteerQualification.objects.create(
            volunteer=gerda,
            kind="first_aid",
            obtained_on=dt.date(2024, 12, 29),
            valid_until=dt.date(2026, 12, 28),
        )
    assert _refusal(help_world, late, gerda) == [
        "“Mittagstisch-Ausgabe” requires: First aid, valid on 30/12/2026. Yours is valid from "
        "29/12/2024 until 28/12/2026; please show a renewed proof to the coordination."
    ]


def test_the_other_treffs_coordinator_cannot_put_anyone_on_a_shift(help_world, client_for):
    shift = _shift(_template(help_world))
    response = client_for("outsider").post(
        reverse("volunteers:shift_detail", args=["franztreff", shift.pk]),
        {"action": "assign", "volunteer": help_world.help.volunteer.pk},
    )
    assert response.status_code == 404
    with scopes_disabled():
        assert ShiftSignup.objects.filter(shift=shift).count() == 0
