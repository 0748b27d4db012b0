from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from treff.demo import data
from treff.demo.loader import demo_load

LOGINS = [
    ("stadt", "Stadt Dessau-Roßlau, Amt für Soziales und Integration (city staff)"),
    ("drk", "DRK Kreisverband Dessau e.V. (carrier admin, Franztreff)"),
    ("awo", "AWO Kreisverband Dessau e.V. (carrier admin, Rosseltreff)"),
    ("franztreff", "coordinator of Franztreff"),
    ("rosseltreff", "coordinator of Rosseltreff"),
    ("beratung", "visiting debt counsellor in Franztreff"),
    ("ehrenamt", "volunteer in Franztreff"),
    ("ausschuss", "committee member (reports only)"),
    ("admin", "platform administrator (organisations, Treffs, people; Django admin)"),
]


class Command(BaseCommand):
    help = "Load the demo data of the Fachkonzept (Franztreff, Rosseltreff). Safe to run again."

    def handle(self, *args, **options):
        if not (settings.DEMO_MODE or settings.DEBUG):
            raise CommandError(
                "The demo sets the well-known password 'demo'. It only runs with "
                "TREFF_DEMO_MODE=1 (or DEBUG=1); never on a real installation."
            )
        counts = demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data in place: {organisations} organisations, {treffs} Treffs, "
                "{users} users; {series} new series.".format(**counts)
            )
        )
        self.stdout.write(f"\nDemo logins (password: {data.DEMO_PASSWORD}):")
        for username, who in LOGINS:
            self.stdout.write(f"  {username:<12} {who}")
        self.stdout.write(
            "\nPublic website (no login): /de/, /de/franztreff/, /ar/franztreff/, /de-x-ls/"
        )
