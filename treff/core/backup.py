"""Back up the whole database and the uploaded files to one file; restore it into an empty one.

A backup is a gzipped tar file holding

- `manifest.json`: {"format": 1, "made": ISO time (UTC), "migrations": ["app.name", …],
  "rows": {"app.model": count}, "files": count};
- `data.exactjson`: every row of every model, with its primary key, in Django's JSON
  serialisation (`dumpdata`; times to the microsecond), which reads and writes the same on
  SQLite and PostgreSQL, so a backup of one restores into the other;
- `derived.exactjson`: the rows database triggers keep from other rows (DERIVED), loaded after
  those in place of what the triggers made on the way, so their ids come back too;
- `media/…`: the uploaded files (MEDIA_ROOT).

A restore refuses a file that is no Treff backup or was made with other migrations (restore it
with the version of Treff that made it, then migrate), and a database that already holds data
unless told to replace it. It then empties every table, loads the rows with their primary keys
(loaddata; PostgreSQL's sequences move past them) and writes the files, all rows in one
transaction. Encryption and copies elsewhere are the operator's part (README, "Backup and
restore"): the file holds personal data in the clear.
"""

import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django_scopes import scopes_disabled

FORMAT = 1
# "exactjson": Django's JSON with times to the microsecond (treff.core.exact_json).
MANIFEST, DATA, DERIVED_DATA, MEDIA = (
    "manifest.json",
    "data.exactjson",
    "derived.exactjson",
    "media",
)
# Tables a database trigger fills from other tables (operations/0003_tally_counts).
DERIVED = ["operations.tallycount"]
# Rows `migrate` itself makes in an empty database: they do not count as data.
MADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why, for the operator."""


def _models():
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def row_counts() -> dict[str, int]:
    """{"app.model": rows} for every model; the base manager sees every row, scoped or not."""
    with scopes_disabled():
        return {
            model._meta.label_lower: model._base_manager.count()
            for model in sorted(_models(), key=lambda model: model._meta.label_lower)
        }


def _applied_migrations() -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def backup(path: Path) -> dict:
    """Write a backup of the database and MEDIA_ROOT to `path`; returns its manifest."""
    with tempfile.TemporaryDirectory() as work, scopes_disabled():
        data = Path(work) / DATA
        # One transaction: the rows and their counts come from one consistent snapshot.
        with transaction.atomic():
            call_command(
                "dumpdata",
                all=True,
                exclude=DERIVED,
                format="exactjson",
                output=str(data),
                verbosity=0,
            )
            call_command(
                "dumpdata",
                *DERIVED,
                all=True,
                format="exactjson",
                output=str(Path(work) / DERIVED_DATA),
                verbosity=0,
            )
            rows = row_counts()
        files = _media_files()
        manifest = {
            "format": FORMAT,
            "made": timezone.now().isoformat(),
            "migrations": _applied_migrations(),
            "rows": rows,
            "files": len(files),
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
            archive.add(data, arcname=DATA)
            archive.add(Path(work) / DERIVED_DATA, arcname=DERIVED_DATA)
            root = Path(settings.MEDIA_ROOT)
            for file in files:
                archive.add(file, arcname=f"{MEDIA}/{file.relative_to(root).as_posix()}")
        # Only a complete file gets the name: an interrupted backup leaves no half file there.
        partial.replace(path)
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError("This file is no Treff backup: it has no readable manifest.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"This backup has format {manifest.get('format')!r}; this Treff reads {FORMAT}."
        )
    return manifest


def _holds_data() -> list[str]:
    return [
        label for label, count in row_counts().items() if count and label not in MADE_BY_MIGRATE
    ]


def restore(path: Path, *, replace: bool = False) -> dict:
    """Make the database and MEDIA_ROOT hold exactly what the backup at `path` holds; returns
    its manifest. The database must be migrated (the command migrates first) and, unless
    `replace`, hold no data. Raises BackupError for a file that is no backup, other
    migrations or a database with data."""
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 -- closed by the with below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} cannot be read as a Treff backup: {error}") from error
    with archive, tempfile.TemporaryDirectory() as work:
        manifest = _read_manifest(archive)
        ours = _applied_migrations()
        if manifest["migrations"] != ours:
            missing = sorted(set(manifest["migrations"]) - set(ours))
            extra = sorted(set(ours) - set(manifest["migrations"]))
            raise BackupError(
                "This backup was made with other migrations: restore it with the version of "
                f"Treff that made it. Only in the backup: {missing[:5]}; only here: {extra[:5]}."
            )
        if not replace and (held := _holds_data()):
            raise BackupError(
                f"The database already holds data ({', '.join(held[:5])} …); restore into an "
                "empty database, or pass --replace to overwrite everything in it."
            )
        try:
            # "data" refuses absolute names, "..", links out of the folder and device files.
            archive.extractall(work, filter="data")
        except (OSError, tarfile.TarError) as error:
            raise BackupError(f"{path} cannot be unpacked safely: {error}") from error
        _load_rows(Path(work))
        _write_media(Path(work) / MEDIA)
    return manifest


def _load_rows(folder: Path) -> None:
    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    with transaction.atomic(), scopes_disabled():
        with connection.cursor() as cursor:
            for statement in connection.ops.sql_flush(
                no_style(), tables, reset_sequences=True, allow_cascade=True
            ):
                cursor.execute(statement)
        call_command("loaddata", str(folder / DATA), verbosity=0)
        for label in DERIVED:
            apps.get_model(label)._base_manager.all().delete()
        call_command("loaddata", str(folder / DERIVED_DATA), verbosity=0)
    # The rows came back under their old ids; the cache may hold the flushed ones.
    ContentType.objects.clear_cache()


def _write_media(source: Path) -> None:
    target = Path(settings.MEDIA_ROOT)
    for file in sorted(target.rglob("*")) if target.exists() else []:
        if file.is_file():
            file.unlink()
    if source.exists():
        for file in sorted(source.rglob("*")):
            if file.is_file():
                destination = target / file.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, destination)
