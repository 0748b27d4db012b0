"""`manage.py treff_worker`: django-tasks-db's worker that also keeps the schedule going."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from treff.jobs import schedule


class Command(DatabaseWorker):
    help = (
        "Run a background worker: planner runs, e-mail, the daily jobs. Start one or more "
        "(on one or several machines against the same database); each queues the current "
        "period of the scheduled jobs unless another worker already has."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Do not queue the scheduled jobs at the start (other workers may).",
        )

    def handle(self, *args, no_schedule=False, **options):
        queued = [] if no_schedule else schedule.ensure()
        if queued:
            self.stdout.write(f"Scheduled: {', '.join(queued)}")
        super().handle(*args, **options)
