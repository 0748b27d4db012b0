"""Shared fixtures: two Treffs of two carriers, and one user for every role.

Like healthchecks' alice/bob/charlie, every permission test has an outsider: the
coordinator of the *other* Treff, who must see nothing of Franztreff.
"""

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from treff.demo.districts import demo_districts_load
from treff.treffs.districts import forget as forget_districts
from treff.treffs.models import Organisation, Role

from .factories import (
    MembershipFactory,
    OrganisationFactory,
    RoomFactory,
    TreffFactory,
    UserFactory,
)

# Every test runs on this day unless it moves the clock itself (the `clock` fixture), so the
# suite passes on any day of the year: "today" in a page, a default or a check is this Monday.
# The clock ticks from there, so durations and timeouts behave as usual.
ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture(autouse=True)
def clock():
    """The pinned clock; `clock.move_to(moment)` moves it (time-machine's Traveller)."""
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fresh_districts():
    """The districts are read once and kept per thread (treffs.districts); a test's rolled
    back rows must not live on in the next test's cache."""
    forget_districts()
    yield
    forget_districts()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts and ends in the default language, German. A request activates the
    language of its address or its Accept-Language in this thread, and it would stay active
    for the next test: its reverse() of a public page would carry /ar/, its lazy texts would
    be Arabic or English, and the test's outcome would hang on the order tests run in."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class World:
    city: Organisation
    drk: Organisation
    awo: Organisation
    franztreff: object
    rosseltreff: object
    room: object
    other_room: object
    users: dict
    partner: Organisation = None
    plan: object = None  # PlanObjects, from the plan_world fixture
    help: object = None  # HelpObjects, from the help_world fixture
    public: object = None  # PublicObjects, from the public_world fixture (tests/public)


@dataclass
class PlanObjects:
    offer: object
    series: object
    date: object
    change: object
    plan_version: object
    booking_request: object
    feed: object
    planning_request: object = None
    planner_run: object = None


ROLE_USERS = [
    "anonymous",
    "city",
    "carrier",
    "coordinator",
    "counsellor",
    "volunteer",
    "committee",
    "outsider",
    "other_carrier",
    "no_role",
]


@pytest.fixture
def world(db) -> World:
    with scopes_disabled():
        city = OrganisationFactory(name="Stadt", kind=Organisation.Kind.CITY)
        drk = OrganisationFactory(name="DRK")
        awo = OrganisationFactory(name="AWO")
        franztreff = TreffFactory(name="Franztreff", slug="franztreff", carrier=drk)
        rosseltreff = TreffFactory(name="Rosseltreff", slug="rosseltreff", carrier=awo)
        room = RoomFactory(treff=franztreff, name="Gruppenraum")
        other_room = RoomFactory(treff=rosseltreff, name="Garten")
        partner = OrganisationFactory(name="Schuldnerberatung", kind=Organisation.Kind.PARTNER)
        memberships = {
            "city": {"role": Role.CITY_STAFF, "organisation": city, "treff": None},
            "carrier": {"role": Role.CARRIER_ADMIN, "organisation": drk, "treff": None},
            "other_carrier": {"role": Role.CARRIER_ADMIN, "organisation": awo, "treff": None},
            "coordinator": {"role": Role.COORDINATOR, "treff": franztreff},
            "counsellor": {"role": Role.COUNSELLOR, "treff": franztreff, "organisation": partner},
            "volunteer": {"role": Role.VOLUNTEER, "treff": franztreff},
            "committee": {"role": Role.COMMITTEE, "treff": None},
            "outsider": {"role": Role.COORDINATOR, "treff": rosseltreff},
        }
        # The test city's districts are the demo's (Dessau-Roßlau), imported as a city would.
        demo_districts_load()
        users = {"anonymous": None, "no_role": UserFactory(username="no_role")}
        for name, membership in memberships.items():
            users[name] = MembershipFactory(user__username=name, **membership).user
    return World(city, drk, awo, franztreff, rosseltreff, room, other_room, users, partner)


@pytest.fixture
def plan_world(world) -> World:
    """The world plus Franztreff's plan: an offer with a weekly series, one cancelled date,
    a plan version, a booking request by the counsellor and a private feed of the coordinator.
    """
    import datetime as dt

    from treff.offers import plans, services
    from treff.offers.models import (
        BookingRequest,
        CalendarFeed,
        Offer,
        PlanVersion,
        Series,
        SeriesChange,
    )
    from treff.planner.models import PlannerRun, PlanningRequest

    coordinator = world.users["coordinator"]
    with scopes_disabled():
        offer = services.offer_save(
            offer=Offer(title="Seniorencafé", category="leisure", provider=world.drk),
            treff=world.franztreff,
            user=coordinator,
        )
        series = services.series_save(
            series=Series(
                offer=offer,
                kind="weekly",
                weekdays=[3],
                starts_on=dt.date(2027, 1, 7),
                ends_on=dt.date(2027, 3, 25),
                start_time=dt.time(14, 30),
                end_time=dt.time(16, 30),
                room=world.room,
            ),
            user=coordinator,
        )
        change = services.series_change_save(
            change=SeriesChange(series=series, original_date=dt.date(2027, 1, 14), reason="Krank"),
            cancel=True,
            user=coordinator,
        )
        plan_version = plans.plan_create(
            plan=PlanVersion(
                title="1. Halbjahr 2027",
                valid_from=dt.date(2027, 1, 1),
                valid_to=dt.date(2027, 6, 30),
            ),
            treff=world.franztreff,
            user=coordinator,
        )
        booking_request = services.booking_request_create(
            booking_request=BookingRequest(
                provider=world.partner,
                title="Schuldnerberatung",
                kind="weekly",
                interval=2,
                weekdays=[1],
                starts_on=dt.date(2027, 1, 5),
                ends_on=dt.date(2027, 6, 29),
                start_time=dt.time(10),
                end_time=dt.time(12),
            ),
            treff=world.franztreff,
            user=world.users["counsellor"],
        )
        feed = CalendarFeed.objects.create(
            treff=world.franztreff, scope="treff", created_by=coordinator, token="t" * 43
        )
        planning_request = PlanningRequest.objects.create(
            treff=world.franztreff, offer=offer, weekdays=[0, 1, 2]
        )
        planner_run = PlannerRun.objects.create(
            treff=world.franztreff, plan_version=plan_version, created_by=coordinator
        )
    world.plan = PlanObjects(
        offer,
        series,
        dt.date(2027, 1, 21),
        change,
        plan_version,
        booking_request,
        feed,
        planning_request,
        planner_run,
    )
    return world


@pytest.fixture
def person(world):
    """The Franztreff coordinator with a known password, for tests that log in by form."""
    user = world.users["coordinator"]
    user.set_password("richtig-und-lang-genug")
    user.save()
    return user


@pytest.fixture
def client_for(client, world):
    """A test client logged in as one of the world's users (or anonymous)."""

    def login(name):
        client.logout()
        if world.users[name] is not None:
            client.force_login(world.users[name])
        return client

    return login


@dataclass
class HelpObjects:
    volunteer: object  # the volunteer user's own profile
    other_volunteer: object  # no login
    seeker: object
    request: object
    template: object = None
    shift: object = None


@pytest.fixture
def help_world(world) -> World:
    """Franztreff's neighbourhood help: two volunteers (one is the 'volunteer' user) and one
    open request for shopping on a Monday morning in the Innenstadt, with consent."""
    import datetime as dt

    from treff.volunteers.models import (
        Availability,
        HelpRequest,
        HelpSeeker,
        Shift,
        ShiftTemplate,
        Volunteer,
    )

    today = timezone.localdate()  # Berlin's day, not the machine's (dt.date.today())
    with scopes_disabled():
        own = Volunteer.objects.create(
            treff=world.franztreff,
            user=world.users["volunteer"],
            first_name="Gerda",
            last_name="Neumann",
            email="gerda@example.org",
            help_kinds=["shopping", "reading"],
            languages=["de"],
            district="mitte",
            mobility="foot",
            gender="female",
            clearance_issued_on=today - dt.timedelta(days=100),
            clearance_seen_on=today - dt.timedelta(days=90),
        )
        other = Volunteer.objects.create(
            treff=world.franztreff,
            first_name="Bernd",
            last_name="Bauer",
            help_kinds=["shopping", "accompaniment"],
            languages=["de", "ru"],
            district="nord",
            mobility="bike",
        )
        for volunteer in (own, other):
            Availability.objects.create(
                volunteer=volunteer, weekday=0, start=dt.time(9), end=dt.time(13)
            )
        seeker = HelpSeeker.objects.create(
            treff=world.franztreff,
            name="Frau Albrecht",
            phone="0340 123456",
            district="sued_innenstadt",
            channel="phone",
            consent_on=today,
        )
        monday = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
        request = HelpRequest.objects.create(
            treff=world.franztreff,
            seeker=seeker,
            kind="shopping",
            date=monday,
            start=dt.time(10),
            end=dt.time(11),
        )
        template = ShiftTemplate.objects.create(
            treff=world.franztreff,
            title="Kleiderkammer",
            kind="clothing",
            weekdays=[0],
            start=dt.time(13),
            end=dt.time(16),
            starts_on=today,
            ends_on=today,
        )
        shift = Shift.objects.create(
            treff=world.franztreff,
            template=template,
            date=today,
            start=dt.time(13),
            end=dt.time(16),
        )
    world.help = HelpObjects(own, other, seeker, request, template, shift)
    return world


def _public_form_objects(world):
    from treff.public.models import Suggestion
    from treff.volunteers.models import VolunteerApplication

    with scopes_disabled():
        application = VolunteerApplication.objects.create(
            treff=world.franztreff,
            first_name="Karin",
            last_name="Vogel",
            phone="0340 222333",
            help_kinds=["walk"],
            district="mitte",
            consent_on=TODAY,
            submission_key="a" * 32,
        )
        idea = Suggestion.objects.create(
            treff=world.franztreff, text="Ein Nähkurs am Abend", submission_key="i" * 32
        )
    return application, idea


@pytest.fixture
def daily_objects(plan_world):
    """Objects of the daily-operations pages, keyed like the arguments in MATRIX."""
    from treff.partners.models import PartnerService

    from .counselling.world import build_counselling
    from .funding.proof_world import build_proof
    from .funding.world import build_funding
    from .operations.conftest import operations_objects
    from .quality.world import build_quality

    counselling = build_counselling(plan_world)
    funding = build_funding(plan_world)
    proof_version = build_proof(funding, plan_world)
    operations = operations_objects(plan_world)
    quality = build_quality(plan_world)
    from treff.jobs.models import GeneratedFile

    with scopes_disabled():
        service = PartnerService.objects.create(name="Pflegestützpunkt", category="health")
    made = GeneratedFile.objects.create(
        user=plan_world.users["city"],
        kind="figures_xlsx",
        params={"year": 2026, "language": "de"},
        filename="treff-figures-2026.xlsx",
        status=GeneratedFile.Status.DONE,
        content=b"PK",
    )
    committee_report, version = _committee_objects(plan_world)
    application, idea = _public_form_objects(plan_world)
    return {
        # What residents sent through the public forms: an application and an idea.
        "APP": application.pk,
        "IDEA": idea.pk,
        "CR": committee_report.pk,
        "CRV": version.pk,
        "FMT": "pdf",
        "FILE": made.pk,
        "PS": service.pk,
        "CCO": counselling.contact.pk,
        "CNO": counselling.note.pk,
        "CCL": counselling.client.pk,
        "LD": operations.lunch.pk,
        "SW": operations.swap.pk,
        "DK": "donation",
        "DON": operations.donation.pk,
        "QM": quality.meeting.pk,
        "QA": quality.item.pk,
        "QS": quality.standard.pk,
        "QD": quality.document.pk,
        "QV": quality.version.pk,
        # Funding: Franztreff's approved plan of 2026 and its draft of 2027, an expense of
        # the 2026 plan, and DRK (the carrier organisation of Franztreff).
        "FY": funding.plan.year,
        "FY2": funding.draft.year,
        "FE": funding.expense.pk,
        "ORG": plan_world.drk.pk,
        # The proof of use of the 2026 plan: version 1 submitted, not yet decided.
        "PVN": proof_version.number,
    }


def _committee_objects(world):
    """A committee report's draft and one version sent of it (files as stand-in bytes)."""
    from treff.reports.models import CommitteeReport, CommitteeReportVersion

    city = world.users["city"]
    report = CommitteeReport.objects.create(
        title="Bericht 2026",
        first=dt.date(2026, 7, 1),
        last=dt.date(2026, 9, 30),
        created_by=city,
    )
    version = CommitteeReportVersion(
        report=report,
        number=1,
        title=report.title,
        first=report.first,
        last=report.last,
        treff_names=["Franztreff", "Rosseltreff"],
        meeting_name=report.meeting_name,
        k=5,
        sent_at=timezone.now(),
        sent_by=city,
        pdf=b"%PDF-1.7",
        xlsx=b"PK",
    )
    version.save()
    return report, version


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _database_url() -> str:
    """The test database as a DATABASE_URL, for a process a test starts."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


class Workers:
    """Real worker processes (`manage.py treff_worker`) against the test database; tasks the
    test queues go into that database (settings.TASKS is the database backend meanwhile)."""

    def __init__(self, mail_dir: Path):
        self.mail_dir = mail_dir
        self.processes: list[subprocess.Popen] = []

    def start(self, *arguments: str) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": _database_url(),
            "TREFF_TEST_WORKER_MAIL": str(self.mail_dir),
            "TREFF_TEST_WORKER_NOW": timezone.now().isoformat(),
        }
        process = subprocess.Popen(  # noqa: S603 -- our own interpreter and manage.py
            [sys.executable, "manage.py", "treff_worker", "--no-startup-delay", *arguments],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.processes.append(process)
        return process

    def mails(self) -> list[str]:
        return sorted(path.read_text() for path in self.mail_dir.glob("*.log"))

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(transactional_db, settings, tmp_path):
    settings.TASKS = DATABASE_TASKS
    (tmp_path / "mail").mkdir()
    started = Workers(tmp_path / "mail")
    yield started
    started.stop()
