"""Backup and restore (issue 16, item 6): a backup of the demo restores into an empty database
with every table's rows and every uploaded file exactly as they were."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from treff.core.backup import BackupError, backup, restore

# Committed rows, as in real use: PostgreSQL refuses to empty a table (TRUNCATE) while the
# test's own transaction still holds deferred foreign-key checks of rows it inserted.
pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=io.StringIO())


def _tables() -> dict[str, tuple[int, str]]:
    """{table: (rows, sha256 of its rows)} for every table of Django's, whatever its order."""
    quote = connection.ops.quote_name
    seen = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 -- Django's own names
            rows = sorted(repr(row) for row in cursor.fetchall())
            seen[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return seen


def _files() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def _empty_the_database_and_files():
    call_command("flush", interactive=False, verbosity=0)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()


def test_a_backup_of_the_demo_restores_every_table_and_file_exactly(demo, tmp_path):
    before, files = _tables(), _files()
    manifest = backup(tmp_path / "treff.tar.gz")
    # Into a database that holds data only when told to replace it.
    with pytest.raises(BackupError, match="already holds data"):
        restore(tmp_path / "treff.tar.gz")
    assert _tables() == before
    _empty_the_database_and_files()
    assert (_files(), _tables() == before) == ({}, False)

    restore(tmp_path / "treff.tar.gz")

    assert _tables() == before
    assert _files() == files
    # The demo is a real test: many tables with rows, and its uploaded documents.
    assert sum(1 for rows, _ in before.values() if rows) > 40
    assert (manifest["files"], len(files) > 0) == (len(files), True)
    restore(tmp_path / "treff.tar.gz", replace=True)
    assert (_tables(), _files()) == (before, files)


def _rewrite(source: Path, target: Path, change) -> None:
    """A copy of the backup `source` with its manifest changed by `change(manifest)`."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            content = old.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(content)
                change(manifest)
                content = json.dumps(manifest).encode()
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))


def test_a_backup_from_other_migrations_or_no_backup_at_all_is_refused(world, tmp_path):
    backup(tmp_path / "treff.tar.gz")
    _rewrite(
        tmp_path / "treff.tar.gz",
        tmp_path / "newer.tar.gz",
        lambda manifest: manifest["migrations"].append("offers.9999_future"),
    )
    (tmp_path / "notes.tar.gz").write_bytes(b"not a backup")
    _empty_the_database_and_files()
    before = _tables()
    with pytest.raises(BackupError, match=r"other migrations.*\['offers.9999_future'\]"):
        restore(tmp_path / "newer.tar.gz")
    with pytest.raises(CommandError, match="cannot be read as a Treff backup"):
        call_command("treff_restore", str(tmp_path / "notes.tar.gz"))
    with pytest.raises(CommandError, match="There is no file"):
        call_command("treff_restore", str(tmp_path / "missing.tar.gz"))
    assert _tables() == before


def test_a_file_leading_out_of_its_folder_is_refused(tmp_path):
    with tarfile.open(tmp_path / "evil.tar.gz", "w:gz") as archive:
        manifest = json.dumps({"format": 1, "migrations": [], "rows": {}, "files": 0}).encode()
        for name, content in (("manifest.json", manifest), ("../../escaped", b"x")):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    with pytest.raises(BackupError):
        restore(tmp_path / "evil.tar.gz", replace=True)
    assert not (tmp_path.parent.parent / "escaped").exists()


def _manage(*arguments: str, database: Path) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    done = subprocess.run(  # noqa: S603 -- our own interpreter and manage.py
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_the_commands_restore_into_a_new_empty_database(world, tmp_path):
    """From the test database (SQLite or PostgreSQL) into a new SQLite file that no migration
    has touched yet: the backup made there again holds the same rows."""
    call_command("treff_backup", str(tmp_path / "treff.tar.gz"), stdout=io.StringIO())
    fresh = tmp_path / "fresh.sqlite3"
    said = _manage("treff_restore", str(tmp_path / "treff.tar.gz"), database=fresh)
    _manage("treff_backup", str(tmp_path / "again.tar.gz"), database=fresh)

    def rows(path):
        with tarfile.open(path, "r:gz") as archive:
            manifest = json.load(archive.extractfile("manifest.json"))
            data = json.load(archive.extractfile("data.exactjson"))
        return manifest["rows"], sorted(json.dumps(row, sort_keys=True) for row in data)

    original, again = rows(tmp_path / "treff.tar.gz"), rows(tmp_path / "again.tar.gz")
    assert again == original
    assert said.startswith(f"Restored {sum(original[0].values())} rows and ")
