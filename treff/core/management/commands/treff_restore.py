"""`manage.py treff_restore FILE`: a backup of treff_backup back into an empty database."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from treff.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by treff_backup: migrates the database, then loads every row "
        "and file. Refuses a database that holds data unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the backup (.tar.gz)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that already holds data (everything in it is lost)",
        )

    def handle(self, *args, file: Path, replace: bool, **options):
        if not file.is_file():
            raise CommandError(f"There is no file {file}.")
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = restore(file, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {sum(manifest['rows'].values())} rows and {manifest['files']} files "
            f"from the backup of {manifest['made']}."
        )
