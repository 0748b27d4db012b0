"""Real worker processes against the test database (SQLite file or PostgreSQL): planner runs
with live progress, a worker killed in the middle of a run, the schedule with two workers."""

import datetime as dt
import io
import signal
import time

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from tests.conftest import TODAY
from tests.test_planner_app import _request
from treff.jobs import schedule
from treff.jobs.models import GeneratedFile, ScheduledRun
from treff.planner import services
from treff.planner.models import LEASE_GRACE, PlannerRun
from treff.volunteers.models import Shift, ShiftSignup

pytestmark = pytest.mark.worker


def _wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.01)
    raise AssertionError("timed out")


def _run_status(pk):
    with scopes_disabled():
        return PlannerRun.objects.values_list("status", flat=True).get(pk=pk)


def _propose(client, world, requests, time_limit):
    return client.post(
        reverse("planner:propose", args=["franztreff"]),
        {
            "requests": [request.pk for request in requests],
            "plan_version": world.draft.pk,
            "time_limit": str(time_limit),
            "slot_minutes": "30",
        },
    )


def test_a_worker_solves_a_run_and_the_page_shows_its_progress(planner_world, workers, client_for):
    world = planner_world
    request = _request(world, "Schuldnerberatung")
    workers.start("--no-schedule", "--interval", "0.05")
    client = client_for("coordinator")
    response = _propose(client, world, [request], time_limit=5)
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        partial = client.get(response.url, headers={"HX-Request": "true"})
        seen.append(partial.context["run"].status)
        if partial.context["run"].finished:
            break
        assert b'hx-trigger="every 1s"' in partial.content
        time.sleep(0.05)
    assert (seen[-1], b"hx-trigger" in partial.content) == ("optimal", False)
    assert set(seen) <= {"queued", "running", "optimal"}


def test_a_run_whose_worker_is_killed_is_shown_failed_and_can_be_tried_again(
    planner_world, workers, client_for, clock
):
    world = planner_world
    requests = [
        _request(
            world,
            title,
            sessions=3,
            minutes=60,
            weekdays=[0, 1, 2, 3, 4],
            window_start=dt.time(8),
            window_end=dt.time(20),
        )
        for title in ("Schuldnerberatung", "Suchtberatung")
    ]
    worker = workers.start("--no-schedule", "--interval", "0.01")
    client = client_for("coordinator")
    response = _propose(client, world, requests, time_limit=60)
    with scopes_disabled():
        run = PlannerRun.objects.get()
    _wait_for(lambda: _run_status(run.pk) == "running")
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    with scopes_disabled():
        run.refresh_from_db()
    assert run.status == "running"  # nobody will ever finish it …
    clock.move_to(run.started_at + dt.timedelta(seconds=60) + LEASE_GRACE + dt.timedelta(seconds=1))
    page = client.get(response.url)
    assert (page.context["lost"], b"Erneut versuchen" in page.content) == (True, True)
    with scopes_disabled():
        reaped = services.runs_reap(treff=world.franztreff, now=dt.datetime.now(dt.UTC))
        run.refresh_from_db()
    assert (reaped, run.status, run.lost_worker) == (1, "failed", True)
    retried = client.post(reverse("planner:run_retry", args=["franztreff", run.pk]))
    with scopes_disabled():
        again = PlannerRun.objects.exclude(pk=run.pk).get()
    assert (retried.url, again.status, again.time_limit) == (
        f"/treffs/franztreff/planner/runs/{again.pk}/",
        "queued",
        60,
    )


def test_a_second_run_for_the_same_draft_is_refused_while_the_first_waits(
    planner_world, workers, client_for
):
    world = planner_world
    request = _request(world, "Schuldnerberatung")
    client = client_for("coordinator")
    first = _propose(client, world, [request], time_limit=5)
    second = _propose(client, world, [request], time_limit=5)
    with scopes_disabled():
        count = PlannerRun.objects.count()
    assert (first.status_code, second.status_code, count) == (302, 200, 1)
    assert second.context["form"].non_field_errors() == [
        "Der Planer arbeitet bereits an diesem Entwurf. Warten Sie auf seinen Vorschlag "
        "(höchstens das Zeitlimit und eine Minute) und starten Sie danach bei Bedarf neu."
    ]


def test_two_workers_send_a_shift_reminder_once(help_world, workers):
    """Both workers queue the schedule at their start; the reminder goes out once."""
    tomorrow = TODAY + dt.timedelta(days=1)  # the workers run on the tests' clock too
    with scopes_disabled():
        template = help_world.help.template
        shift = Shift.objects.create(
            treff=help_world.franztreff,
            template=template,
            date=tomorrow,
            start=dt.time(13),
            end=dt.time(16),
        )
        ShiftSignup.objects.create(shift=shift, volunteer=help_world.help.volunteer)
    first = workers.start("--interval", "0.05")
    second = workers.start("--interval", "0.05")
    _wait_for(lambda: len(workers.mails()) >= 1)
    with scopes_disabled():
        _wait_for(lambda: Shift.objects.filter(pk=shift.pk, reminded_at__isnull=False).exists())
    time.sleep(2)  # time for a second mail, if there were one
    mails = workers.mails()
    periods = list(
        ScheduledRun.objects.filter(job="shift_reminders")
        .order_by("period")
        .values_list("period", flat=True)
    )
    # Today's period ran (once) and queued tomorrow's (once), however many workers started.
    assert (len(mails), periods) == (1, [str(TODAY), str(TODAY + dt.timedelta(days=1))])
    assert "gerda@example.org" in mails[0]
    assert (first.poll(), second.poll()) == (None, None)  # both still run


def test_ensure_queues_each_period_once(db, settings):
    from tests.conftest import DATABASE_TASKS

    settings.TASKS = DATABASE_TASKS
    now = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    first = schedule.ensure(now)
    second = schedule.ensure(now)
    periods = sorted(ScheduledRun.objects.values_list("job", "period"))
    assert (first, second) == (list(schedule.JOBS), [])
    assert periods == [
        ("clearance_reminders", "2026-11-30"),
        ("housekeeping", "2026-11-30"),
        ("planner_runs_reap", "2026-11-30T10:00"),
        ("retention", "2026-11-30"),
        ("shift_reminders", "2026-11-30"),
    ]


def test_a_worker_makes_a_requested_file_in_the_persons_scope(world, workers, client_for):
    workers.start("--no-schedule", "--interval", "0.05")
    client = client_for("carrier")
    response = client.post(reverse("dashboard:figures_export"), {"year": "2026"})
    _wait_for(lambda: GeneratedFile.objects.filter(status="done").exists())
    download = client.get(response.url + "download/")
    sheet = load_workbook(io.BytesIO(download.content)).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (download.status_code, names) == (200, {"Franztreff"})
