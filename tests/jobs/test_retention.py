"""The deletion concept's nightly job (docs/deletion.md; issue 16, item 4), on an injected clock.

People whose periods ran out carry "Quork" in every name, address, note and login they
have; people whose periods still run carry "Bleib". After the run, no row of any table holds
"Quork" (every model's rows are dumped with Django's serializer and searched), every "Bleib"
is still there, and the figures the reports compute are exactly what they were.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import serializers
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.counselling import selectors as counselling_selectors
from treff.counselling.models import Client, Contact, Note
from treff.jobs import retention, schedule
from treff.reports.engine.periods import Period
from treff.reports.measures import REGISTRY
from treff.reports.trends import TREND_MEASURES
from treff.treffs.models import Membership, Role, Treff
from treff.volunteers import selectors as volunteer_selectors
from treff.volunteers import services_retention
from treff.volunteers.models import (
    Availability,
    HelpRequest,
    HelpRequestChange,
    HelpSeeker,
    Shift,
    ShiftSignup,
    ShiftTemplate,
    Volunteer,
    VolunteerApplication,
    VolunteerQualification,
)

from ..factories import UserFactory

BERLIN = ZoneInfo("Europe/Berlin")
# The night the job runs: injected, not the test's pinned clock (30 Nov 2026).
RUN_AT = dt.datetime(2026, 12, 2, 3, 0, tzinfo=BERLIN)


def _at(year, month, day, hour=10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=BERLIN)


def _request(seeker, *, status, created, closed=None, volunteer=None, helped_on=None, **extra):
    """A help request taken at `created`; its times are set after saving (auto_now_add)."""
    accepted = created + dt.timedelta(days=3) if volunteer else None
    request = HelpRequest.objects.create(
        treff=seeker.treff,
        seeker=seeker,
        kind="shopping",
        date=created.date() + dt.timedelta(days=7),
        start=dt.time(10),
        end=dt.time(11),
        status=status,
        volunteer=volunteer,
        helped_on=helped_on,
        minutes_spent=90 if helped_on else None,
        **extra,
    )
    HelpRequest.objects.filter(pk=request.pk).update(
        created_at=created,
        proposed_at=accepted,
        accepted_at=accepted,
        closed_at=closed,
    )
    return request


def _seeker(treff, name, *, created, **extra):
    seeker = HelpSeeker.objects.create(
        treff=treff,
        name=name,
        phone="0340 555555",
        district="mitte",
        channel="phone",
        consent_on=created.date(),
        **extra,
    )
    HelpSeeker.objects.filter(pk=seeker.pk).update(created_at=created)
    return seeker


def _volunteer(treff, last_name, *, started, ended=None, user=None):
    volunteer = Volunteer.objects.create(
        treff=treff,
        user=user,
        first_name=f"{last_name[:5]}vorname",
        last_name=last_name,
        phone="0340 777777",
        email=f"{last_name.lower()}@example.org",
        gender="female",
        help_kinds=["shopping"],
        languages=["de"],
        district="nord",
        started_on=started,
        status=Volunteer.Status.LEFT if ended else Volunteer.Status.ACTIVE,
        ended_on=ended,
        confidentiality_signed_on=started,
        clearance_issued_on=started - dt.timedelta(days=30),
        clearance_seen_on=started,
    )
    Availability.objects.create(volunteer=volunteer, weekday=1, start=dt.time(9), end=dt.time(12))
    VolunteerQualification.objects.create(
        volunteer=volunteer, kind="first_aid", obtained_on=started, valid_until=dt.date(2030, 1, 1)
    )
    return volunteer


def _login_rows(username, when):
    common = {"username": username, "ip_address": "192.0.2.7", "user_agent": username}
    common |= {"http_accept": "*/*", "path_info": "/anmelden/"}
    rows = [
        AccessAttempt.objects.create(get_data="", post_data="", failures_since_start=1, **common),
        AccessLog.objects.create(**common),
        AccessFailureLog.objects.create(**common),
    ]
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(attempt_time=when)


@pytest.fixture
def people(world):
    """Franztreff's people: some past their periods on RUN_AT ("Quork"), some not ("Bleib")."""
    treff = world.franztreff
    with scopes_disabled():
        # A volunteer who left more than 3 years before RUN_AT, with a login of her own, free
        # times, a qualification, an attended shift and help given; one who left 2 years ago.
        login = UserFactory(
            username="quorkvera", first_name="Vera", last_name="Quorkmann", email="q@example.org"
        )
        Membership.objects.create(user=login, role=Role.VOLUNTEER, treff=treff)
        gone = _volunteer(
            treff, "Quorkmann", started=dt.date(2019, 3, 1), ended=dt.date(2023, 11, 15), user=login
        )
        left_lately = _volunteer(
            treff, "Bleibling", started=dt.date(2021, 5, 1), ended=dt.date(2024, 1, 10)
        )
        active = _volunteer(treff, "Bleibaktiv", started=dt.date(2022, 2, 1))
        Volunteer.objects.filter(pk=gone.pk).update(clearance_seen_by=world.users["coordinator"])
        template = ShiftTemplate.objects.create(
            treff=treff,
            title="Kleiderkammer",
            kind="clothing",
            weekdays=[2],
            start=dt.time(13),
            end=dt.time(16),
            starts_on=dt.date(2023, 5, 10),
            ends_on=dt.date(2023, 5, 10),
        )
        shift = Shift.objects.create(
            treff=treff, template=template, date=dt.date(2023, 5, 10), start=dt.time(13),
            end=dt.time(16),
        )  # fmt: skip
        for volunteer in (gone, left_lately):
            ShiftSignup.objects.create(shift=shift, volunteer=volunteer)

        # A seeker whose last request closed 13 months before RUN_AT (help given by the
        # volunteer who left), one whose last closed 10 months before, one with an old closed
        # request but another still open, and one without requests taken 2 years ago.
        quork = _seeker(
            treff,
            "Frau Quorkstein",
            created=_at(2023, 9, 1),
            address="Quorkweg 1",
            special_needs="Quork Rollator",
        )
        done = _request(
            quork,
            status="done",
            created=_at(2023, 9, 1),
            closed=_at(2023, 9, 20),
            volunteer=gone,
            helped_on=dt.date(2023, 9, 15),
            notes="Quork klingeln zweimal",
            submission_key="quork-key",
        )
        _request(quork, status="cancelled", created=_at(2025, 9, 1), closed=_at(2025, 10, 30))
        HelpRequestChange.objects.create(request=done, changed_by=world.users["coordinator"],
                                         fields=["seeker.phone"])  # fmt: skip
        bleib = _seeker(treff, "Herr Bleibtreu", created=_at(2025, 1, 5))
        _request(
            bleib,
            status="done",
            created=_at(2025, 1, 5),
            closed=_at(2026, 1, 20),
            volunteer=left_lately,
            helped_on=dt.date(2026, 1, 18),
            notes="Bleib bitte anrufen",
        )
        busy = _seeker(treff, "Frau Bleibnoch", created=_at(2024, 2, 1))
        _request(busy, status="cancelled", created=_at(2024, 2, 1), closed=_at(2024, 3, 1))
        _request(busy, status="open", created=_at(2024, 4, 1))
        _seeker(treff, "Herr Quorklos", created=_at(2024, 11, 1))
        # No volunteer found for this one: it counts from its intake, 15 months ago.
        lonely = _seeker(treff, "Frau Quorkallein", created=_at(2025, 8, 1))
        _request(lonely, status="no_match", created=_at(2025, 8, 1), notes="Quork")

        # Applications from the public form, never decided on: 7 and 5 months old.
        for name, came in (("Quorkbewerber", _at(2026, 5, 1)), ("Bleibbewerber", _at(2026, 7, 1))):
            application = VolunteerApplication.objects.create(
                treff=treff,
                first_name="Anna",
                last_name=name,
                email=f"{name.lower()}@example.org",
                help_kinds=["shopping"],
                district="mitte",
                consent_on=came.date(),
                submission_key=f"key-{name}",
            )
            VolunteerApplication.objects.filter(pk=application.pk).update(created_at=came)

        # A counselling record whose last contact lies 38 months back, with a note.
        client = Client.objects.create(
            treff=treff, name="Quork Klientin", consent_on=dt.date(2023, 1, 1),
            consent_scope="contact",
        )  # fmt: skip
        Client.objects.filter(pk=client.pk).update(created_at=_at(2023, 1, 1))
        contact = Contact.objects.create(
            treff=treff,
            date=dt.date(2023, 10, 1),
            minutes=45,
            client=client,
            counsellor=world.users["counsellor"],
        )
        Note.objects.create(treff=treff, contact=contact, author=world.users["counsellor"],
                            text="Quork Schulden")  # fmt: skip

    # Login records of 40 and 10 days ago; a session expired two days ago, one still valid.
    _login_rows("quorklogin", RUN_AT - dt.timedelta(days=40))
    _login_rows("bleiblogin", RUN_AT - dt.timedelta(days=10))
    Session.objects.create(
        session_key="quork" + "x" * 27, session_data="", expire_date=RUN_AT - dt.timedelta(days=2)
    )
    Session.objects.create(
        session_key="bleib" + "x" * 27, session_data="", expire_date=RUN_AT + dt.timedelta(hours=1)
    )
    return {"gone": gone, "left_lately": left_lately, "active": active, "quork": quork}


def _dump() -> str:
    """Every row of every table the project's models (and django's, axes') know, as JSON."""
    with scopes_disabled():
        return "\n".join(
            serializers.serialize("json", model._base_manager.order_by("pk"))
            for model in apps.get_models()
        )


def _figures():
    """What the reports compute: every measure of /reports/ for each year 2019–2026, the
    five years up to RUN_AT and two single months, the monthly trends, the counselling
    statistics and the hours of each volunteer id per year (the certificates' figures)."""
    periods = [Period(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(2019, 2027)]
    periods += [
        Period(dt.date(2021, 12, 3), dt.date(2026, 12, 2)),
        Period(dt.date(2023, 9, 1), dt.date(2023, 9, 30)),
        Period(dt.date(2025, 10, 1), dt.date(2025, 10, 31)),
    ]
    figures = []
    with scopes_disabled():
        treffs = list(Treff.objects.order_by("pk"))
        ids = [treff.pk for treff in treffs]
        for period in periods:
            for key, measure in REGISTRY.items():
                result = measure.compute(treffs, period)
                figures.append(
                    (key, period, [str(label) for label in result.row_labels], result.values,
                     result.bases, result.overall, result.overall_bases)
                )  # fmt: skip
            for trend in TREND_MEASURES:
                figures.append((trend.key, period, trend.monthly(ids, period.first, period.last)))
            statistics = counselling_selectors.contact_statistics(
                treffs, first=period.first, last=period.last
            )
            figures.append([(s.contacts, s.minutes, s.by_month, s.by_topic) for s in statistics])
        for year in range(2019, 2027):
            figures.append([volunteer_selectors.hours_per_volunteer(t, year) for t in treffs])
    return figures


def test_the_job_leaves_nothing_of_expired_people_and_the_figures_unchanged(people):
    before_figures = _figures()
    before = _dump()
    assert before.lower().count("quork") >= 20
    bleib_before = before.count("Bleib")

    counts = retention.run(now=RUN_AT)

    assert counts == {
        "counselling_clients": 1,
        "help_seekers": 3,
        "volunteers": 1,
        "volunteer_applications": 1,
        "invitations": 0,
        "login_records": 3,
        "sessions": 1,
    }
    after = _dump()
    assert after.lower().count("quork") == 0
    assert after.count("Bleib") == bleib_before
    assert _figures() == before_figures
    with scopes_disabled():
        gone = Volunteer.objects.get(pk=people["gone"].pk)
        quork = HelpSeeker.objects.get(pk=people["quork"].pk)
        kept = Volunteer.objects.get(pk=people["left_lately"].pk)
        assert (gone.anonymised_on, gone.user_id, gone.clearance_seen_by_id) == (
            dt.date(2026, 12, 2),
            None,
            None,
        )
        assert (gone.availability.count(), gone.qualifications.count()) == (0, 0)
        assert (quork.anonymised_on, quork.name, quork.phone, quork.consent_on) == (
            dt.date(2026, 12, 2),
            "",
            "",
            None,
        )
        assert HelpRequestChange.objects.count() == 0
        assert (kept.anonymised_on, kept.availability.count()) == (None, 1)
    assert not type(people["gone"].user).objects.filter(username="quorkvera").exists()


def test_a_second_run_finds_nothing_more(people):
    retention.run(now=RUN_AT)
    again = retention.run(now=RUN_AT + dt.timedelta(minutes=30))
    assert again == dict.fromkeys(again, 0)


def test_a_volunteer_goes_the_night_after_three_full_years(people):
    """Left on 2 Dec 2023: still kept on 2 Dec 2026 (three years since the day they left
    are complete only at its end), anonymised the night after."""
    with scopes_disabled():
        Volunteer.objects.filter(pk=people["left_lately"].pk).update(ended_on=dt.date(2023, 12, 2))
    counts = retention.run(now=RUN_AT)
    assert counts["volunteers"] == 1  # left 2 Dec 2023: three years are up on 2 Dec 2026
    counts = retention.run(now=RUN_AT + dt.timedelta(days=1))
    assert counts["volunteers"] == 1


def test_an_account_with_another_role_is_kept_for_the_administrator(people, world):
    with scopes_disabled():
        login = people["gone"].user
        Membership.objects.create(user=login, role=Role.COORDINATOR, treff=world.rosseltreff)
    retention.run(now=RUN_AT)
    login.refresh_from_db()
    with scopes_disabled():
        assert Volunteer.objects.get(pk=people["gone"].pk).user_id is None
    assert login.is_active


def test_the_rules_run_in_each_treffs_scope_only(people, world):
    """Run on Rosseltreff's scope alone, Franztreff's expired people are untouched."""
    from django_scopes import scope

    with scope(treff=[world.rosseltreff.pk]):
        seekers = services_retention.help_seekers_anonymise_expired(now=RUN_AT)
        volunteers = services_retention.volunteers_anonymise_expired(now=RUN_AT)
    assert (seekers, volunteers) == (0, 0)


def test_the_periods_come_from_the_settings(people, settings):
    settings.TREFF_VOLUNTEERS_KEPT_YEARS = 5
    settings.TREFF_HELP_SEEKERS_KEPT_MONTHS = 36
    settings.TREFF_APPLICATIONS_KEPT_MONTHS = 12
    settings.TREFF_LOGIN_RECORDS_KEPT_DAYS = 60
    counts = retention.run(now=RUN_AT)
    assert (
        counts["volunteers"],
        counts["help_seekers"],
        counts["volunteer_applications"],
        counts["login_records"],
    ) == (0, 0, 0, 0)


def test_the_cutoffs_are_pure_functions_of_now():
    assert services_retention.volunteers_cutoff(RUN_AT, 3) == dt.date(2023, 12, 2)
    assert services_retention.help_seekers_cutoff(RUN_AT, 12) == _at(2025, 12, 2, 3)
    assert services_retention.applications_cutoff(RUN_AT, 6) == _at(2026, 6, 2, 3)
    assert retention.login_records_cutoff(RUN_AT, 30) == _at(2026, 11, 2, 3)


def test_the_job_is_scheduled_nightly():
    job = schedule.JOBS["retention"]
    assert (job.function, job.every, job.at) == (
        "treff.jobs.retention.run",
        dt.timedelta(days=1),
        dt.time(3),
    )
    assert "counselling_retention" not in schedule.JOBS  # the new job runs its rule too


def test_the_job_runs_on_the_real_clock_without_arguments(people, clock):
    clock.move_to(RUN_AT)
    assert retention.run()["volunteers"] == 1
    assert timezone.localdate() == dt.date(2026, 12, 2)


def test_a_rule_failing_at_one_treff_leaves_everything_else_applied(people, world, caplog):
    """A broken record must not keep every other expired person another night: the run goes
    on, then says what failed (the task fails and runs again the next night). The log names
    the rule and the Treff, never the database's message, which can quote a person."""
    from django.db import IntegrityError
    from django_scopes import get_scope

    real = retention.import_string

    def rules(path):
        rule = real(path)
        if not path.endswith("help_seekers_anonymise_expired"):
            return rule

        def broken(*, now):
            if get_scope()["treff"] == [world.franztreff.pk]:
                raise IntegrityError("Key (name)=(Quorkmann) already exists")
            return rule(now=now)

        return broken

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(retention, "import_string", rules)
        with pytest.raises(retention.RetentionIncomplete) as failed:
            retention.run(now=RUN_AT)
    with scopes_disabled():
        seeker = HelpSeeker.objects.get(pk=people["quork"].pk)
        volunteer = Volunteer.objects.get(pk=people["gone"].pk)
    assert (
        failed.value.failed,
        str(failed.value),
        seeker.anonymised_on,
        volunteer.anonymised_on,
        AccessAttempt.objects.count() + AccessLog.objects.count(),
        "Quork" in caplog.text,
        f"retention: rule help_seekers failed for treff={world.franztreff.pk} (IntegrityError)"
        in caplog.text,
    ) == (
        [("help_seekers", world.franztreff.pk)],
        f"help_seekers (Treff {world.franztreff.pk})",
        None,
        dt.date(2026, 12, 2),
        AccessAttempt.objects.filter(attempt_time__gte=RUN_AT - dt.timedelta(days=30)).count()
        + AccessLog.objects.filter(attempt_time__gte=RUN_AT - dt.timedelta(days=30)).count(),
        False,
        True,
    )
