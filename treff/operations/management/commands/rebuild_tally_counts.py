from django.core.management.base import BaseCommand
from django.db import transaction

from treff.operations import tally_counts


class Command(BaseCommand):
    help = (
        "Build the tally counts the reports read again from the tally events (after a "
        "change of TIME_ZONE; the database keeps them by itself otherwise)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            tally_counts.rebuild()
        self.stdout.write("The tally counts are built again from the events.")
