from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_scopes import scope

from treff.counselling import services
from treff.treffs.models import Treff


class Command(BaseCommand):
    help = (
        "Anonymise client records without a contact for the retention period "
        "now; the worker does this daily by itself. Contacts stay as anonymous counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Retention period in months (default: TREFF_COUNSELLING_RETENTION_MONTHS, 36).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the records; change nothing."
        )

    def handle(self, *args, months=None, dry_run=False, **options):
        months = services.retention_months() if months is None else months
        if months < 1:
            raise CommandError("--months must be at least 1.")
        # A command has no user: it lists the Treffs, then works in each one's scope (as the
        # nightly job does, treff.jobs.retention).
        count = 0
        for treff_id in Treff.objects.with_scopes_disabled().values_list("pk", flat=True):
            with scope(treff=[treff_id]):
                count += services.clients_anonymise_expired(
                    today=timezone.localdate(), months=months, dry_run=dry_run
                )
        if dry_run:
            self.stdout.write(f"{count} client records would be anonymised (dry run).")
        else:
            self.stdout.write(f"{count} client records anonymised.")
