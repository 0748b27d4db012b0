import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from treff.volunteers.models import Shift


class Command(BaseCommand):
    help = "Remind volunteers of tomorrow's shifts by e-mail (run once a day, e.g. by cron)."

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        sent = 0
        with scopes_disabled(), translation.override(settings.LANGUAGE_CODE):
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
                    send_mail(
                        render_to_string("volunteers/mail/reminder_subject.txt", context).strip(),
                        render_to_string("volunteers/mail/reminder.txt", context),
                        None,
                        [address],
                    )
                    sent += 1
                # Once per shift, however often the command runs.
                Shift.objects.filter(pk=shift.pk).update(reminded_at=timezone.now())
        self.stdout.write(f"{sent} reminders sent.")
