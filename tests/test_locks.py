"""Row locks: every `select_for_update` locks only its own table's rows.

PostgreSQL refuses FOR UPDATE on the nullable side of an outer join ("FOR UPDATE cannot be
applied to the nullable side of an outer join"), and a `select_related` over a nullable
foreign key, or a Treff scope that joins through one, makes such a join. SQLite ignores row
locks, so only PostgreSQL would show the fault, and only on the path that joins. Locking with
`of=("self",)` everywhere rules the whole kind out.
"""

import re
from pathlib import Path

import treff

SOURCE = Path(treff.__file__).parent
LOCK = re.compile(r"select_for_update\(((?:[^()]|\([^()]*\))*)\)")


def test_every_row_lock_names_its_own_table_only():
    unqualified = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in sorted(SOURCE.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        for arguments in LOCK.findall(line)
        if arguments.replace(" ", "") not in ('of=("self",)', "of=('self',)")
    ]
    assert unqualified == []


def test_the_check_sees_the_locks():
    found = [
        path
        for path in SOURCE.rglob("*.py")
        if LOCK.search(path.read_text()) and "migrations" not in path.parts
    ]
    assert len(found) >= 5
