"""The task layer without a worker: scopes, the scheduled jobs' work, a queue that is down."""

import datetime as dt
import importlib
import io
import logging
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse
from django_scopes import scopes_disabled
from django_tasks_db.backend import DatabaseBackend

from tests.conftest import DATABASE_TASKS, NOW, TODAY
from tests.test_planner_app import _request
from treff.jobs import schedule
from treff.jobs.models import ScheduledRun
from treff.jobs.tasks import housekeeping
from treff.planner import services
from treff.planner import tasks as planner_tasks
from treff.planner.models import PlannerRun
from treff.volunteers import tasks as volunteer_tasks
from treff.volunteers.models import Volunteer

ROOT = Path(__file__).resolve().parent.parent.parent


def _task_modules():
    for path in sorted((ROOT / "treff").glob("*/tasks.py")):
        yield importlib.import_module(f"treff.{path.parent.name}.tasks")


def test_every_task_of_an_app_runs_in_its_treffs_scope():
    """A task that takes a Treff's id is wrapped by treff_task, so it runs in that scope; no
    task module switches the scope off but jobs.tasks' each_treff, which reads the ids."""
    task_type = type(planner_tasks.planner_run)
    tasks = {
        f"{module.__name__}.{name}": value.func
        for module in _task_modules()
        for name, value in vars(module).items()
        if isinstance(value, task_type) and value.func.__module__ == module.__name__
    }
    unscoped = sorted(name for name, func in tasks.items() if not hasattr(func, "__wrapped__"))
    assert sorted(tasks) == [
        "treff.planner.tasks.planner_run",
        "treff.planner.tasks.planner_runs_reap",
        "treff.volunteers.tasks.clearance_reminders",
        "treff.volunteers.tasks.shift_reminders",
    ]
    assert unscoped == []
    sources = {m.__name__: Path(m.__file__).read_text() for m in _task_modules()}
    assert [name for name, text in sources.items() if "scopes_disabled" in text] == [
        "treff.jobs.tasks"
    ]


def test_a_queue_that_cannot_be_reached_gets_a_message_and_saves_nothing(
    planner_world, client_for, settings, monkeypatch
):
    settings.TASKS = DATABASE_TASKS

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(DatabaseBackend, "enqueue", down)
    request = _request(planner_world, "Schuldnerberatung")
    response = client_for("coordinator").post(
        reverse("planner:propose", args=["franztreff"]),
        {
            "requests": [request.pk],
            "plan_version": planner_world.draft.pk,
            "time_limit": "5",
            "slot_minutes": "30",
        },
    )
    with scopes_disabled():
        runs = PlannerRun.objects.count()
    assert (response.status_code, runs) == (200, 0)
    assert response.context["form"].non_field_errors() == [
        "Die Arbeit im Hintergrund konnte dafür nicht eingeplant werden, daher wurde nichts "
        "gespeichert. Bitte versuchen Sie es in ein paar Minuten erneut."
    ]


def test_a_run_that_is_gone_ends_its_task_with_its_id(world, caplog):
    with caplog.at_level(logging.WARNING, logger="treff.planner.tasks"):
        result = planner_tasks.planner_run.enqueue(world.franztreff.pk, 987654)
    assert result.return_value is None
    assert [r.getMessage() for r in caplog.records] == ["planner run skipped: run=987654 is gone"]


def test_a_volunteer_hears_once_that_the_clearance_runs_out(
    help_world, django_capture_on_commit_callbacks
):
    issued = dt.date(2021, 12, 20)  # valid until 20.12.2026: within 60 days of TODAY
    with scopes_disabled():
        Volunteer.objects.filter(pk=help_world.help.volunteer.pk).update(
            clearance_issued_on=issued, clearance_seen_on=dt.date(2022, 1, 5)
        )
    with django_capture_on_commit_callbacks(execute=True):
        volunteer_tasks.clearance_reminders_all()
    with django_capture_on_commit_callbacks(execute=True):
        volunteer_tasks.clearance_reminders_all()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["gerda@example.org"], "Ihr Führungszeugnis: Bitte bringen Sie ein neues mit")
    ]
    assert "gilt bis zum 20.12.2026" in mail.outbox[0].body
    # A new certificate, later running out too, is a new reminder.
    with scopes_disabled():
        Volunteer.objects.filter(pk=help_world.help.volunteer.pk).update(
            clearance_issued_on=dt.date(2021, 12, 21)
        )
    with django_capture_on_commit_callbacks(execute=True):
        volunteer_tasks.clearance_reminders_all()
    assert len(mail.outbox) == 2


def test_housekeeping_deletes_schedule_rows_older_than_a_month(db, clock):
    clock.move_to(NOW - dt.timedelta(days=31))
    ScheduledRun.objects.create(job="housekeeping", period=str(TODAY - dt.timedelta(days=31)))
    clock.move_to(NOW)
    ScheduledRun.objects.create(job="housekeeping", period=str(TODAY))
    assert housekeeping() == {"schedule_rows": 1, "files": 0, "audit_events": 0}
    assert list(ScheduledRun.objects.values_list("period", flat=True)) == [str(TODAY)]


def test_a_period_whose_chain_broke_is_queued_again_by_another_jobs_run(db, settings):
    """A worker died holding "clearance_reminders" for today: tomorrow's period of it is
    queued by any other job that runs tomorrow."""
    settings.TASKS = DATABASE_TASKS
    ScheduledRun.objects.create(job="clearance_reminders", period=str(TODAY))
    tomorrow = NOW + dt.timedelta(days=1)
    schedule.ensure(tomorrow.replace(hour=9))
    assert ScheduledRun.objects.filter(
        job="clearance_reminders", period=str(TODAY + dt.timedelta(days=1))
    ).exists()


def test_the_command_line_shows_waiting_runs_and_follows_one_to_its_end(planner_world, settings):
    settings.TASKS = DATABASE_TASKS
    world = planner_world
    request = _request(world, "Schuldnerberatung")
    with scopes_disabled():
        run = services.run_create(
            treff=world.franztreff,
            plan_version=world.draft,
            planning_requests=[request],
            time_limit=5,
            slot_minutes=30,
            user=world.users["coordinator"],
        )
    overview = io.StringIO()
    call_command("treff_tasks", stdout=overview)
    call_command("plan_runs", stdout=overview)
    with scopes_disabled():
        services.run_execute(run, record_progress=False)
    out, err = io.StringIO(), io.StringIO()
    call_command("plan_runs", follow=run.pk, stdout=out, stderr=err)
    assert overview.getvalue().splitlines() == [
        "Tasks (state, task, count):",
        "  READY       treff.planner.tasks.planner_run                    1",
        "Planner runs waiting or running:",
        f"  {run.pk:>6} franztreff           [..............................]   0.0/5 s  "
        "queued  cost –  bound –",
    ]
    assert out.getvalue() == f"bester Plan gefunden: cost {run.objective}\n"
    assert "optimal" in err.getvalue()
