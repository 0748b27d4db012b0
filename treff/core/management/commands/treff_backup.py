"""`manage.py treff_backup FILE`: the database and the uploaded files in one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from treff.core.backup import backup


class Command(BaseCommand):
    help = "Back up the whole database and the uploaded files to one file (a .tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="where to write the backup, e.g. treff.tar.gz")

    def handle(self, *args, file: Path, **options):
        if not file.parent.is_dir():
            raise CommandError(f"The folder {file.parent} does not exist.")
        manifest = backup(file)
        self.stdout.write(
            f"{file}: {sum(manifest['rows'].values())} rows of {len(manifest['rows'])} "
            f"models, {manifest['files']} files."
        )
