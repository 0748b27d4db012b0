"""The browser tests' template database (tests/browser/template_db.py) on this database.

The browser tests load the demo once and restore a copy before each test; this checks the
copy on whatever database the suite runs on (SQLite and PostgreSQL in CI) without a browser.
"""

from django_scopes import scopes_disabled

from tests.browser import template_db
from treff.treffs.models import Organisation, Room, Treff

from .factories import RoomFactory, TreffFactory


def _rows():
    with scopes_disabled():
        return (
            list(Organisation.objects.order_by("pk").values()),
            list(Treff.objects.order_by("pk").values()),
            list(Room.objects.order_by("pk").values()),
        )


def test_a_restore_brings_back_exactly_the_saved_rows_and_new_rows_get_new_ids(
    transactional_db,
):
    with scopes_disabled():
        rooms = RoomFactory.create_batch(3)
    saved = _rows()
    # Its own prefix: the browser tests' session template may already be in this database.
    copies = template_db.save(prefix="tpltest")
    try:
        with scopes_disabled():
            Treff.objects.filter(pk=rooms[0].treff_id).delete()  # with its room
            Organisation.objects.filter(pk=rooms[1].treff.carrier_id).update(name="Geändert")
            TreffFactory()
        template_db.restore(copies)
        assert _rows() == saved
        with scopes_disabled():
            new_room = RoomFactory(treff=rooms[2].treff)
        assert new_room.pk > max(room.pk for room in rooms)
        template_db.restore(copies)  # twice in a row, as between two tests
        assert _rows() == saved
    finally:
        template_db.drop(copies)
