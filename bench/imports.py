"""Import benchmark (issue 17, item 3): the partner directory from an XLSX of 10,000 rows.

Times reading and checking the whole file (the preview: every cell parsed, every row
`full_clean`ed) and adding all rows through the directory's service, then the same file
again (nothing is added). Throw-away SQLite database, or DATABASE_URL. Prints a table.
"""

import io
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="treff-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'imports.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("TREFF_DEMO_MODE", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treff.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from treff.partners.imports import DIRECTORY  # noqa: E402
from treff.partners.models import PartnerService  # noqa: E402
from treff.partners.services import partner_service_save  # noqa: E402

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


def workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Kategorie", "Sprachen", "Öffentlich", "Telefon", "Ort"])
    for n in range(ROWS):
        sheet.append([f"Dienst {n}", "Schuldnerberatung", "Deutsch, Arabisch", "ja", "0340 1", "X"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def main() -> None:
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", "bench@example.org", "x" * 20)
    content = workbook()
    preview, read_s = timed(lambda: DIRECTORY.read("wegweiser.xlsx", content, {}))
    save = lambda entry: partner_service_save(entry=entry, user=user)  # noqa: E731
    added, apply_s = timed(lambda: DIRECTORY.apply(preview.new, {}, save))
    again, again_s = timed(lambda: DIRECTORY.read("wegweiser.xlsx", content, {}))
    if not (added == ROWS == PartnerService.objects.count() and len(again.skipped) == ROWS):
        raise SystemExit("The import did not add every row exactly once.")
    print(
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{connection.vendor}; {ROWS:,} rows, {len(content) / 1e6:.1f} MB XLSX"
    )
    print("| step | s |\n|---|---:|")
    print(f"| read and check (preview) | {read_s:.1f} |")
    print(f"| add all through the service | {apply_s:.1f} |")
    print(f"| the same file again (all left out) | {again_s:.1f} |")


if __name__ == "__main__":
    main()
