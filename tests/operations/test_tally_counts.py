"""The tally counts the database keeps (treff/operations/tally_counts.py) always equal the
sums over the tally events, whatever is inserted, changed or deleted, and a rebuild from the
events gives the same rows."""

import datetime as dt
import io
import uuid
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treff.operations import tally_counts
from treff.operations.models import BUCKETS, Tally, TallyCount, TallyEvent

BERLIN = ZoneInfo("Europe/Berlin")
DAY = dt.date(2026, 3, 29)  # the night the clocks go forward: 02:00 becomes 03:00

event = st.fixed_dictionaries(
    {
        "tally": st.integers(0, 2),
        "correction": st.booleans(),
        "delta": st.integers(-3, 3),
        # Minutes from 22:00 UTC the evening before the tally's day to two days later.
        "minute": st.integers(0, 3 * 24 * 60),
        **{name: st.sampled_from(["", *choices.values]) for name, choices in BUCKETS.items()},
    }
)
change = st.tuples(st.sampled_from(["move", "forget", "delete"]), st.integers(0, 100))


def _expected(tallies) -> dict[tuple, tuple]:
    """(tally id, dimension, value) → (Treff id, date, visitors), summed from the events as
    tally_counts.py says; groups that sum to zero are left out."""
    sums: Counter = Counter()
    for row in TallyEvent.objects.filter(tally__in=tallies).select_related("tally"):
        tally, local = row.tally, row.created_at.astimezone(BERLIN)
        known = tally.kind == "drop_in" and row.kind == "tap" and local.date() == tally.date
        keys = [("total", ""), ("hour", f"{local.hour:02d}" if known else "")]
        keys += [(name, getattr(row, name)) for name in BUCKETS if getattr(row, name)]
        for dimension, value in keys:
            sums[(tally.pk, dimension, value, tally.treff_id, tally.date)] += row.delta
    return {key[:3]: (key[3], key[4], total) for key, total in sums.items() if total}


def _kept() -> dict[tuple, tuple]:
    return {
        (row.tally_id, row.dimension, row.value): (row.treff_id, row.date, row.visitors)
        for row in TallyCount.objects.all()
        if row.visitors
    }


@pytest.mark.django_db
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=st.lists(event, max_size=25), changes=st.lists(change, max_size=6))
def test_the_counts_are_the_sums_of_the_events(world, events, changes):
    with scopes_disabled(), transaction.atomic():
        tallies = [
            Tally.objects.create(treff=world.franztreff, kind="drop_in", date=DAY),
            Tally.objects.create(treff=world.franztreff, kind="occurrence", date=DAY, title="C"),
            Tally.objects.create(treff=world.rosseltreff, kind="drop_in", date=DAY),
        ]
        start = dt.datetime.combine(DAY, dt.time(0), tzinfo=dt.UTC) - dt.timedelta(hours=2)
        for spec in events:
            tally = tallies[spec["tally"]]
            correction = spec["correction"] and spec["delta"] != 0
            row = TallyEvent.objects.create(
                treff_id=tally.treff_id,
                tally=tally,
                key=uuid.uuid4(),
                kind="correction" if correction else "tap",
                delta=spec["delta"] if correction else 1,
                reason="Liste nachgetragen" if correction else "",
                **{name: spec[name] for name in BUCKETS},
            )
            # created_at is set on insert: moving it is the update the demo makes.
            moved = start + dt.timedelta(minutes=spec["minute"])
            TallyEvent.objects.filter(pk=row.pk).update(created_at=moved)
        for what, number in changes:
            rows = list(TallyEvent.objects.filter(tally__in=tallies).order_by("pk"))
            if not rows:
                break
            chosen = rows[number % len(rows)]
            if what == "move":
                later = chosen.created_at + dt.timedelta(hours=number)
                TallyEvent.objects.filter(pk=chosen.pk).update(created_at=later)
            elif what == "forget":
                TallyEvent.objects.filter(pk=chosen.pk).update(**dict.fromkeys(BUCKETS, ""))
            else:
                chosen.delete()
        if changes and changes[0][0] == "delete":
            tallies.pop(changes[0][1] % 3).delete()  # its events and counts go with it
        kept = _kept()
        tally_counts.rebuild()
        assert (kept, _kept()) == (_expected(tallies), _expected(tallies))
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_a_tap_made_on_the_day_counts_at_its_local_hour(world, clock):
    clock.move_to(dt.datetime(2026, 11, 30, 21, 15, tzinfo=dt.UTC))  # 22:15 in Berlin
    with scopes_disabled():
        tally = Tally.objects.create(
            treff=world.franztreff, kind="drop_in", date=dt.date(2026, 11, 30)
        )
        TallyEvent.objects.create(
            treff=world.franztreff, tally=tally, key=uuid.uuid4(), delta=1, gender="female"
        )
        rows = sorted(
            TallyCount.objects.filter(tally=tally).values_list("dimension", "value", "visitors")
        )
    assert rows == [("gender", "female", 1), ("hour", "22", 1), ("total", "", 1)]


def test_a_time_zone_that_is_not_one_is_refused():
    with pytest.raises(ValueError, match="Unknown time zone"):
        tally_counts.create_triggers("postgresql", "Europe/Berlin'; DROP TABLE x; --")


@pytest.mark.django_db
def test_the_command_builds_lost_counts_again(world):
    from django.core.management import call_command

    with scopes_disabled():
        tally = Tally.objects.create(treff=world.franztreff, kind="drop_in", date=DAY)
        TallyEvent.objects.create(treff=world.franztreff, tally=tally, key=uuid.uuid4(), delta=1)
        TallyCount.objects.all().delete()
        out = io.StringIO()
        call_command("rebuild_tally_counts", stdout=out)
        assert (_kept(), out.getvalue()) == (
            _expected([tally]),
            "The tally counts are built again from the events.\n",
        )
