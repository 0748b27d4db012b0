"""The tally counts: each tally's visitors summed per dimension, kept by the database.

The reports (Fachkonzept §6) add up visitors per Treff over months and years; summing the
tally events themselves means reading every tap (ten million over a city's five years).
`TallyCount` holds, per tally, the sum of its events' deltas once in all and once per value
of each dimension, so a report reads at most about 25 rows per tally (16 on average in the
benchmark) instead of every tap:

- ``total``: every event (value "");
- ``hour``: every event, value the local hour "00"–"23" the tap reached the server if it
  is a tap of the open drop-in hours on the counted day, else "" (the hour is not known;
  selectors_reports.visitors_by_hour gives an offer's visitors the hour it starts);
- ``age_group``, ``gender``, ``visit``, ``language``: the events where it was recorded.

Triggers on the events' table keep the counts (inserts, updates and deletes, so bulk
inserts and the demo's bulk loads count too); this module makes their SQL for SQLite and
PostgreSQL and the statement that builds all counts from the events (migration, benchmark,
`manage.py rebuild_tally_counts`). The local hour uses settings.TIME_ZONE: PostgreSQL's
AT TIME ZONE, on SQLite the functions Django registers on each of its connections (so the
events are written through Django, as they all are). After a change of TIME_ZONE, rebuild.
"""

import zoneinfo

from django.conf import settings
from django.db import connection as default_connection

from .models import BUCKETS

EVENTS, COUNTS, TALLIES = "operations_tallyevent", "operations_tallycount", "operations_tally"
_TRIGGERS = ("tallycount_insert", "tallycount_update", "tallycount_delete")


def _local(vendor: str, created_at: str, time_zone: str) -> tuple[str, str]:
    """SQL for the local date and the local hour ("00"–"23") of a timestamp column.
    Raises ValueError for a time zone that is not an IANA name (it goes into the SQL)."""
    if time_zone not in zoneinfo.available_timezones():
        raise ValueError(f"Unknown time zone {time_zone!r}.")
    if vendor == "postgresql":
        local = f"({created_at} AT TIME ZONE '{time_zone}')"
        return f"CAST({local} AS date)", f"to_char({local}, 'HH24')"
    # Django's own functions on its SQLite connections (what ExtractHour compiles to there):
    # the process's TZ, which SQLite's 'localtime' would follow, is not always TIME_ZONE.
    return (
        f"django_datetime_cast_date({created_at}, '{time_zone}', 'UTC')",
        f"printf('%02d', django_datetime_extract('hour', {created_at}, '{time_zone}', 'UTC'))",
    )


def _hour(vendor: str, event: str, time_zone: str) -> str:
    """SQL for the "hour" value of an event `event` of the tally `t`: its local hour if it
    is a drop-in tap made on the counted day, else "" (not known)."""
    local_date, hour = _local(vendor, f"{event}.created_at", time_zone)
    known = f"t.kind = 'drop_in' AND {event}.kind = 'tap' AND {local_date} = t.date"
    return f"CASE WHEN {known} THEN {hour} ELSE '' END"


def _keys(vendor: str, event: str, time_zone: str) -> str:
    """A subquery of (date, dimension, value): the tally counts one event (the trigger's
    NEW or OLD row) goes into, with its tally's date. Each part reads the tally by its key;
    SQLite lets no subquery in FROM see a sibling table."""
    tally = f"FROM {TALLIES} t WHERE t.id = {event}.tally_id"
    parts = [
        f"SELECT t.date AS date, 'total' AS dimension, '' AS value {tally}",
        f"SELECT t.date, 'hour', {_hour(vendor, event, time_zone)} {tally}",
    ]
    parts += [
        f"SELECT t.date, '{name}', {event}.{name} {tally} AND {event}.{name} <> ''"
        for name in BUCKETS
    ]
    return "(" + " UNION ALL ".join(parts) + ")"


def _add(vendor: str, event: str, time_zone: str) -> str:
    """Add an event's delta to its counts, creating the missing rows. (The WHERE clause
    tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.)"""
    return (
        # Our names only.
        f"INSERT INTO {COUNTS} (treff_id, tally_id, date, dimension, value, visitors) "  # noqa: S608  # nosec B608
        f"SELECT {event}.treff_id, {event}.tally_id, k.date, k.dimension, k.value, "
        f"{event}.delta FROM {_keys(vendor, event, time_zone)} k WHERE true "
        f"ON CONFLICT (tally_id, dimension, value) "
        f"DO UPDATE SET visitors = {COUNTS}.visitors + excluded.visitors"
    )


def _subtract(vendor: str, time_zone: str) -> str:
    """Take a removed event's delta off its counts. Only an UPDATE: when a tally is
    deleted, its counts may be gone before its events, and nothing must come back."""
    return (
        f"UPDATE {COUNTS} SET visitors = visitors - OLD.delta "  # our names only  # noqa: S608  # nosec B608
        f"WHERE tally_id = OLD.tally_id AND EXISTS (SELECT 1 FROM "
        f"{_keys(vendor, 'OLD', time_zone)} k "
        f"WHERE k.dimension = {COUNTS}.dimension AND k.value = {COUNTS}.value)"
    )


def create_triggers(vendor: str, time_zone: str) -> list[str]:
    """The statements that create the triggers (SQLite or PostgreSQL)."""
    add, subtract = _add(vendor, "NEW", time_zone), _subtract(vendor, time_zone)
    if vendor == "postgresql":
        return [
            "CREATE OR REPLACE FUNCTION operations_tallycount_keep() RETURNS trigger AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP IN ('UPDATE', 'DELETE') THEN {subtract}; END IF;\n"
            f"  IF TG_OP IN ('INSERT', 'UPDATE') THEN {add}; END IF;\n"
            "  RETURN NULL;\n"
            "END $$ LANGUAGE plpgsql",
            f"CREATE TRIGGER tallycount_keep AFTER INSERT OR UPDATE OR DELETE ON {EVENTS} "
            "FOR EACH ROW EXECUTE FUNCTION operations_tallycount_keep()",
        ]
    return [
        f"CREATE TRIGGER tallycount_insert AFTER INSERT ON {EVENTS} BEGIN {add}; END",
        f"CREATE TRIGGER tallycount_update AFTER UPDATE ON {EVENTS} BEGIN {subtract}; {add}; END",
        f"CREATE TRIGGER tallycount_delete AFTER DELETE ON {EVENTS} BEGIN {subtract}; END",
    ]


def drop_triggers(vendor: str) -> list[str]:
    """The statements that remove the triggers again."""
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS tallycount_keep ON {EVENTS}",
            "DROP FUNCTION IF EXISTS operations_tallycount_keep()",
        ]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in _TRIGGERS]


def rebuild_sql(vendor: str, time_zone: str) -> list[str]:
    """Delete every count and build them again from the events: one grouped pass over
    the events per dimension (SQLite has no LATERAL join to do it in one)."""
    values = {"total": "''", "hour": _hour(vendor, "e", time_zone)}
    values |= {name: f"e.{name}" for name in BUCKETS}
    selects = [
        f"SELECT t.treff_id, t.id, t.date, '{dimension}', {value}, SUM(e.delta) "  # our names only  # noqa: S608  # nosec B608
        f"FROM {EVENTS} e JOIN {TALLIES} t ON t.id = e.tally_id "
        + ("" if dimension in ("total", "hour") else f"WHERE e.{dimension} <> '' ")
        + "GROUP BY t.treff_id, t.id, t.date"
        + ("" if dimension == "total" else f", {value}")
        for dimension, value in values.items()
    ]
    return [
        f"DELETE FROM {COUNTS}",  # our names only  # noqa: S608  # nosec B608
        f"INSERT INTO {COUNTS} (treff_id, tally_id, date, dimension, value, visitors) "
        + " UNION ALL ".join(selects),
    ]


def rebuild(connection=default_connection) -> None:
    """Build every tally count again from the events (after a change of TIME_ZONE). A
    plain execute: the SQL holds printf's % signs, which parameters would take for
    placeholders."""
    with connection.cursor() as cursor:
        for statement in rebuild_sql(connection.vendor, settings.TIME_ZONE):
            cursor.execute(statement)
