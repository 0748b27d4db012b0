"""The operations demo: three months of history, deterministic and idempotent."""

import pytest
from django.db.models import Sum
from django_scopes import scopes_disabled

from treff.demo.loader import demo_load
from treff.demo.operations_loader import demo_operations_load
from treff.operations import selectors
from treff.operations.models import LunchDay, Tally, TallyEvent
from treff.treffs.models import Treff

# load_demo loads the history up to the pinned today; a module-level timezone.localdate()
# ran at collection, before the clock was pinned, and so was the real date.
from ..conftest import TODAY


@pytest.fixture
def demo(db):
    with scopes_disabled():
        demo_load()
        yield


def test_the_demo_has_history_and_a_second_run_changes_nothing(demo):
    first = TallyEvent.objects.count()
    again = demo_operations_load(TODAY)
    franztreff = Treff.objects.get(slug="franztreff")
    totals = list(
        Tally.objects.filter(treff=franztreff)
        .annotate(total=Sum("events__delta"))
        .values_list("total", flat=True)
    )
    lunch_weekdays = {
        d.weekday()
        for d in LunchDay.objects.filter(treff=franztreff).values_list("date", flat=True)
    }
    assert first > 1000
    assert again == 0
    assert (min(totals) >= 2, max(totals) <= 28) == (True, True)
    # The demo plan's Mittagstisch: Mon, Wed, Fri; and one Saturday meal outside the plan.
    assert lunch_weekdays == {0, 2, 4, 5}
    assert TallyEvent.objects.filter(kind="correction").exists() is True
    assert Tally.objects.filter(date__gte=TODAY).exists() is False


def test_the_demo_stock_never_goes_negative(demo):
    for treff in Treff.objects.all():
        stock = selectors.clothing_stock(treff)
        assert (len(stock.rows) > 5, min(row.stock for row in stock.rows) >= 0) == (True, True)
