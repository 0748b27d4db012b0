from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django_scopes import scope

from treff.offers.models import PlanVersion
from treff.planner import bridge, services
from treff.planner.models import PlannerRun, PlanningRequest
from treff.treffs.models import OpeningHours, Role, Room, Treff

BAR = 30


class Command(BaseCommand):
    help = "Propose a plan for a Treff's planning requests (OR-Tools CP-SAT), with progress."

    def add_arguments(self, parser):
        parser.add_argument("treff", help="the Treff's short name, e.g. franztreff")
        parser.add_argument("--plan", type=int, help="id of the draft (default: the latest)")
        parser.add_argument("--time-limit", type=int, default=10, help="seconds (default 10)")
        parser.add_argument("--slot", type=int, default=30, choices=[15, 30, 60])
        parser.add_argument("--apply", action="store_true", help="put the proposal into the draft")
        parser.add_argument(
            "--user", help="who acts (username; default: the Treff's first coordinator)"
        )

    def handle(self, *args, **options):
        # A command has no user and so no scope: find the one Treff it is about, then work
        # inside that Treff's scope only.
        treff = Treff.objects.with_scopes_disabled().filter(slug=options["treff"]).first()
        if treff is None:
            raise CommandError(f"No Treff with the short name {options['treff']!r}.")
        with scope(treff=[treff.pk]):
            drafts = PlanVersion.objects.filter(treff=treff, status=PlanVersion.Status.DRAFT)
            plan = (
                drafts.filter(pk=options["plan"]).first()
                if options["plan"]
                else drafts.order_by("-valid_from").first()
            )
            if plan is None:
                raise CommandError("There is no such draft plan for this Treff.")
            requests = list(PlanningRequest.objects.filter(treff=treff).select_related("offer"))
            user = self._user(treff, options["user"])
            try:
                run = services.run_create(
                    treff=treff,
                    plan_version=plan,
                    planning_requests=requests,
                    time_limit=options["time_limit"],
                    slot_minutes=options["slot"],
                    user=user,
                    queue=False,  # solved here, with the progress bar
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            limit = options["time_limit"]

            def progress(elapsed, objective, bound):
                done = min(BAR, int(BAR * elapsed / limit))
                cost = "–" if objective is None else objective
                bound_text = "–" if bound is None else f"{bound:.0f}"
                self.stderr.write(
                    f"\r[{'#' * done}{'.' * (BAR - done)}] {elapsed:5.1f}/{limit} s  "
                    f"cost {cost}  bound {bound_text}   ",
                    ending="",
                )
                self.stderr.flush()

            # The web page shows the progress too, unless a caller's transaction is open.
            in_transaction = connection.in_atomic_block
            run = services.run_execute(run, progress=progress, record_progress=not in_transaction)
            self.stderr.write("")
            self.stdout.write(
                f"{run.get_status_display()}: cost {run.objective}, {run.elapsed:.1f} s"
            )
            for message in run.explanation:
                self.stdout.write(f"  {message}")
            offers = {bridge.request_key(r.pk): r.offer.title for r in requests}
            rooms = {bridge.room_key(r.pk): r.name for r in Room.objects.filter(treff=treff)}
            days = dict(OpeningHours.Weekday.choices)
            for placement in run.proposal:
                self.stdout.write(
                    f"  {offers[placement['request']]}: {days[placement['day']]} "
                    f"{placement['start']}–{placement['end']}, {rooms[placement['room']]}"
                    f" (week {placement['week'] + 1})"
                )
            if options["apply"] and run.status in (
                PlannerRun.Status.OPTIMAL,
                PlannerRun.Status.FEASIBLE,
            ):
                try:
                    count = services.run_apply(run=run, user=user)
                except ValidationError as error:
                    raise CommandError(" ".join(error.messages)) from None
                self.stdout.write(self.style.SUCCESS(f"{count} series added to {plan}."))

    def _user(self, treff, username):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            user = users.filter(username=username).first()
        else:
            user = (
                users.filter(memberships__treff=treff, memberships__role=Role.COORDINATOR)
                .order_by("pk")
                .first()
            )
        if user is None:
            raise CommandError("Name an active user with --user (the Treff has no coordinator).")
        return user
