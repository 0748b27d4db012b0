"""`manage.py plan_runs`: the planner runs that wait or run, and one run's progress as a
worker solves it (--follow N)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from treff.planner.models import PlannerRun
from treff.treffs.models import Treff

BAR = 30


class Command(BaseCommand):
    help = (
        "Show the planner runs that wait for a worker or run, with their progress; "
        "--follow N follows run N until it ends."
    )

    def add_arguments(self, parser):
        parser.add_argument("--follow", type=int, metavar="RUN", help="a planner run's id")
        parser.add_argument("--every", type=float, default=0.5, help="seconds between looks")

    def handle(self, *args, follow=None, every=0.5, **options):
        if follow is not None:
            return self._follow(follow, every)
        self.stdout.write("Planner runs waiting or running:")
        # A command has no user: it lists the Treffs, then reads each one's runs in its scope.
        for treff_id in Treff.objects.with_scopes_disabled().values_list("pk", flat=True):
            with scope(treff=[treff_id]):
                for run in PlannerRun.objects.active().select_related("treff"):
                    self.stdout.write(f"  {run.pk:>6} {run.treff.slug:<20} {progress_line(run)}")

    def _follow(self, run_id: int, every: float):
        treff_id = (
            PlannerRun.objects.with_scopes_disabled()
            .filter(pk=run_id)
            .values_list("treff_id", flat=True)
            .first()
        )
        if treff_id is None:
            raise CommandError(f"No planner run {run_id}.")
        with scope(treff=[treff_id]):
            while True:
                run = PlannerRun.objects.get(pk=run_id)
                self.stderr.write(f"\r{progress_line(run)}   ", ending="")
                self.stderr.flush()
                if run.finished:
                    break
                time.sleep(every)
        self.stderr.write("")
        self.stdout.write(f"{run.get_status_display()}: cost {run.objective}")


def progress_line(run: PlannerRun) -> str:
    """One line: a bar of the time used, seconds, state, best cost and bound so far."""
    done = min(BAR, int(BAR * run.elapsed / run.time_limit)) if run.time_limit else 0
    cost = "–" if run.objective is None else run.objective
    bound = "–" if run.bound is None else f"{run.bound:.0f}"
    return (
        f"[{'#' * done}{'.' * (BAR - done)}] {run.elapsed:5.1f}/{run.time_limit} s  "
        f"{run.status}  cost {cost}  bound {bound}"
    )
