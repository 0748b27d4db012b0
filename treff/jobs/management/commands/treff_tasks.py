"""`manage.py treff_tasks`: the task queue at a glance (tasks by state and kind)."""

from django.core.management.base import BaseCommand
from django.db.models import Count
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = (
        "Show the task queue: how many tasks of each kind wait (READY), run, have succeeded "
        "or failed. A planner run's progress: manage.py plan_runs --follow N."
    )

    def handle(self, *args, **options):
        rows = (
            DBTaskResult.objects.values("status", "task_path")
            .annotate(count=Count("pk"))
            .order_by("status", "task_path")
        )
        self.stdout.write("Tasks (state, task, count):")
        for row in rows:
            self.stdout.write(f"  {row['status']:<11} {row['task_path']:<50} {row['count']}")
