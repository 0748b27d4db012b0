"""The strict Content-Security-Policy in a real browser (issue 16, item 2): pages look as
designed without any inline style or script. Every browser test also fails on anything the
policy refused (conftest.new_page); these check what a refusal could not show."""

import pytest

from .conftest import login

pytestmark = pytest.mark.browser

PLACED = """() => [...document.querySelectorAll('.treff-week__entry')].map((entry) => {
  const style = getComputedStyle(entry);
  return [entry.dataset.rows, style.gridRowStart + '-' + style.gridRowEnd];
})"""


def test_the_week_plan_places_every_entry_at_its_time(demo, page):
    login(page, "franztreff")
    page.goto("/treffs/franztreff/plan/week/?date=2026-12-14")
    placed = page.evaluate(PLACED)
    assert len(placed) > 10
    assert [given for given, shown in placed if given != shown] == []
    # One <style> element, the grid's, with the nonce; htmx added none of its own.
    assert page.evaluate("() => document.querySelectorAll('style').length") == 1


def test_htmx_adds_no_style_of_its_own(demo, page):
    login(page, "franztreff")
    page.goto("/treffs/franztreff/rooms/")
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.evaluate("() => [htmx.config.includeIndicatorStyles, htmx.config.allowEval]") == [
        False,
        False,
    ]
    assert page.evaluate("() => document.querySelectorAll('style').length") == 0
