"""Colour contrast on real pages in every state (issue 10).

axe's color-contrast and link-in-text-block rules run on pages that show every state our
stylesheets colour — today in the week and month calendars (inside and outside the month
shown), a cancelled and a moved date, holidays and closure days, warnings, the current
navigation item, form errors and a success message, badges, striped tables, the tally
buttons — and on each page once at rest and once with every interactive element (and its
ancestors) forced into :hover, into :focus (with :focus-visible and :focus-within), pressed by
a key (:active, focused), pressed by a pointer (also hovered), and into :visited.

Chrome forces the pseudo-classes through the DevTools protocol (CSS.forcePseudoState), as its
inspector does; test_the_check_sees_each_state proves that each state is really seen. Chrome
never shows a script the colours of :visited — a privacy rule that also blinds axe — so for
:visited each stylesheet rule naming :visited is copied right after itself with a class in
place of the pseudo-class (same specificity, same order), and every link gets that class.
The colour tokens themselves are checked pair by pair in tests/test_contrast.py.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import login

pytestmark = pytest.mark.browser

RULES = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    "resultTypes": ["violations"],
}
FOCUS = ["focus", "focus-visible", "focus-within"]
FORCED = {
    "rest": [],
    "hover": ["hover"],
    "focus": FOCUS,
    # Pressed with a key the element is focused; with a pointer also hovered, and KERN's
    # :hover rules outrank its :active ones there, so both presses look different.
    "key press": ["active", *FOCUS],
    "pointer press": ["active", "hover", *FOCUS],
}
VISITED_CLASS = "treff-test-visited"
COPY_VISITED_RULES = """(marker) => {
  let copied = 0;
  const copy = (rules, parent) => {
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i];
      if (rule instanceof CSSStyleRule) {
        if (rule.selectorText.includes(':visited')) {
          const selector = rule.selectorText.replaceAll(':visited', '.' + marker);
          parent.insertRule(selector + rule.cssText.slice(rule.selectorText.length), i + 1);
          copied++;
        }
      } else if (rule.cssRules) {
        copy(rule.cssRules, rule);
      }
    }
  };
  for (const sheet of document.styleSheets) copy(sheet.cssRules, sheet);
  document.querySelectorAll('a[href]').forEach((a) => a.classList.add(marker));
  return copied;
}"""
LINK_COLOUR = """() => getComputedStyle(
  document.querySelector('a.kern-link:not(.kern-link--no-visited-state)')).color"""


def _submit(label):
    def after(page):
        # The answer must have loaded before DevTools reads its nodes: a node of the page
        # still being replaced is gone by the time its state is forced.
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name=label).click()

    return after


# (user, path, what to do on the page, elements that must be there: the states it shows)
PAGES = {
    "month, today in the month": (
        "franztreff",
        "/treffs/franztreff/plan/month/?date=2026-11-01",
        None,
        ["td.treff-calendar__today[aria-current='date']", "td.treff-calendar__other-month"],
    ),
    "month, today in the month before, holidays and closures": (
        "franztreff",
        "/treffs/franztreff/plan/month/?date=2026-12-01",
        None,
        ["td.treff-calendar__other-month.treff-calendar__today", ".kern-badge--warning"],
    ),
    "week, today, a cancelled and a moved date, a warning": (
        "franztreff",
        "/treffs/franztreff/plan/week/?date=2026-11-30",
        None,
        [
            "h2.treff-calendar__today[aria-current='date']",
            ".kern-alert--warning #plan-warnings",
            ".treff-occ--cancelled .kern-badge--danger",
            ".kern-badge--info",
            ".treff-subnav a[aria-current='page']",
        ],
    ),
    "week with a closure and holidays": (
        "franztreff",
        "/treffs/franztreff/plan/week/?date=2026-12-21",
        None,
        [".kern-badge--warning"],
    ),
    "day overview with a cancelled row": (
        "franztreff",
        "/treffs/franztreff/day/?date=2026-12-01",
        None,
        ["tr.treff-occ--cancelled", ".kern-table--striped"],
    ),
    "dashboard": ("franztreff", "/dashboard/", None, [".kern-badge--danger", ".kern-table"]),
    "shifts with a warning": (
        "franztreff",
        "/treffs/franztreff/shifts/",
        None,
        [".kern-alert--warning", ".kern-badge--danger", ".kern-table--striped"],
    ),
    "lunch table over the rule": (
        "franztreff",
        "/treffs/franztreff/lunch/",
        None,
        [".kern-alert--info", ".kern-alert--warning", ".kern-badge--warning"],
    ),
    "tally": (
        "ehrenamt",
        "/treffs/franztreff/tally/open/2026-11-30/",
        None,
        [".kern-btn--primary"],
    ),
    "form errors": (
        "franztreff",
        "/treffs/franztreff/series/new/",
        _submit("Speichern"),
        [".kern-alert--danger", ".kern-form-input--error", ".kern-error"],
    ),
    "success message": (
        "franztreff",
        "/treffs/franztreff/plan/settings/",
        _submit("Prüfungen speichern"),
        [".kern-alert--success"],
    ),
    "start page, signed out": (None, "/", None, [".treff-header"]),
}


# What a pointer or the keyboard can put into a state, and the elements around it (a state
# of a link also restyles its ancestors: `.kern-card:has(.kern-link--stretched:hover)`).
INTERACTIVE = "a[href], button, input, select, textarea, summary, label, [tabindex]"


def _force(page, pseudo_classes):
    """Force the pseudo-classes on every interactive element and its ancestors; the states
    last as long as the returned DevTools session."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    selector = f"{INTERACTIVE}, :has({INTERACTIVE})"
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
    assert nodes
    for node in nodes:
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": pseudo_classes})
    return cdp


def _violations(results) -> list[str]:
    return [
        f"{rule['id']}: {node['target']} – {node['failureSummary']}"
        for rule in results.response["violations"]
        for node in rule["nodes"]
    ]


def _violations_in(page, state) -> list[str]:
    """axe's colour findings on the loaded page with every element in `state`."""
    session = None
    if state == "visited":
        links = page.locator("a.kern-link:not(.kern-link--no-visited-state)").count()
        before = page.evaluate(LINK_COLOUR) if links else None
        assert page.evaluate(COPY_VISITED_RULES, VISITED_CLASS) > 0
        if links:
            assert page.evaluate(LINK_COLOUR) != before, "the :visited copies did not take"
    elif FORCED[state]:
        session = _force(page, FORCED[state])
    results = Axe().run(page, options=RULES)
    if session:
        session.detach()
    return [
        f"{rule['id']}: {node['target']} – {node['failureSummary']}"
        for rule in results.response["violations"]
        for node in rule["nodes"]
    ]


STATES = [*FORCED, "visited"]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_in_every_state_has_enough_contrast(changed_dates, plan_warning, page, name):
    """Every state of the page, every failure reported (one test per page, so the pages can
    run side by side)."""
    user, path, action, shows = PAGES[name]
    if user:
        login(page, user)
    missing, found = [], {}
    for state in STATES:
        page.goto(path)
        if action:
            action(page)
        # The page must show what it is here for: a state that is missing passes unseen.
        if missing := [s for s in shows if page.locator(s).count() == 0]:
            break
        if violations := _violations_in(page, state):
            found[state] = violations
    assert (missing, found) == ([], {})


# A pale colour in exactly one state each, on the sign-in page (links and a primary button).
PALE_IN = {
    "hover": ("#999999", ".kern-link:hover { color: #999999 }"),
    "focus": ("#989898", ".kern-link:focus { color: #989898 }"),
    "key press": ("#99a8d6", ".kern-btn--primary:active { background: #99a8d6 }"),
    "visited": ("#979797", ".kern-link:visited { color: #979797 }"),
}


def test_the_check_sees_each_state(new_page, live_server):
    """Forcing works: a colour that fails in one state is found in that state, never at rest.
    A press also focuses (and a pointer hovers); a pointer press shows the hover background,
    because `.kern-btn--primary:not(:disabled):hover` outranks `…:active`."""
    # The test's own pale rules come as a <style> element, which the policy would refuse.
    page = new_page(locale="de-DE", bypass_csp=True)
    pale = {colour for colour, _ in PALE_IN.values()}
    seen = {}
    for state in STATES:
        page.goto("/accounts/login/")
        page.add_style_tag(content="\n".join(rule for _, rule in PALE_IN.values()))
        found = " ".join(_violations_in(page, state))
        seen[state] = sorted(colour for colour in pale if colour in found)
    assert seen == {
        "rest": [],
        "hover": ["#999999"],
        "focus": ["#989898"],
        "key press": ["#989898", "#99a8d6"],
        "pointer press": ["#989898"],  # the later :focus rule beats :hover; hover beats :active
        "visited": ["#979797"],
    }
