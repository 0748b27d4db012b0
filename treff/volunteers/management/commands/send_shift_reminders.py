import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scope

from treff.treffs.models import Treff
from treff.volunteers import services_reminders


class Command(BaseCommand):
    help = (
        "Remind volunteers of tomorrow's shifts by e-mail now. The worker does this daily by "
        "itself (treff.jobs.schedule); each shift is reminded once either way."
    )

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        sent = 0
        # A command has no user: it lists the Treffs, then works in each one's scope.
        for treff_id in Treff.objects.with_scopes_disabled().values_list("pk", flat=True):
            with scope(treff=[treff_id]):
                sent += services_reminders.shift_reminders_send(day=tomorrow)
        self.stdout.write(f"{sent} reminders queued.")
