import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.core.mail import send_now
from treff.volunteers.models import Shift


class Command(BaseCommand):
    help = "Remind volunteers of tomorrow's shifts by e-mail (run once a day, e.g. by cron)."

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        sent = 0
        with scopes_disabled():
            shifts = Shift.objects.filter(date=tomorrow, reminded_at__isnull=True).select_related(
                "template", "treff"
            )
            for shift in shifts:
                for signup in shift.signups.filter(cancelled_at__isnull=True).select_related(
                    "volunteer__user"
                ):
                    volunteer = signup.volunteer
                    address = volunteer.email or (volunteer.user.email if volunteer.user else "")
                    if not address:
                        continue
                    context = {"shift": shift, "volunteer": volunteer}
                    sent += send_now("volunteers/mail/reminder", context, [address])
                # Once per shift, however often the command runs.
                Shift.objects.filter(pk=shift.pk).update(reminded_at=timezone.now())
        self.stdout.write(f"{sent} reminders sent.")
