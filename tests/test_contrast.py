"""Colour contrast of every text colour on every background, in every state (issue 10).

WCAG 2.2 AA asks 4.5:1 for text (1.4.3; 3:1 would do for large text, but every pair here
passes 4.5:1, so one bar for all) and 3:1 for what marks a state or a control (1.4.11:
focus rings, the "today" bar, input borders, icons). The colours come from KERN's tokens as the
browser resolves them for `<html data-kern-theme="light">` (tests/colours.py).

The pairs are a cross product, not a list of known good cases: every text colour KERN or we
paint text in, on every background either of us paints behind text — the page, the surface
(header, today, striped rows, inputs), the feedback backgrounds (badges, alerts, fields with
an error) and the hover and pressed tints of buttons over the page and the surface. A new
colour in our stylesheets must be placed in that product: test_our_colour_declarations_are_…
fails for any colour, background, border, outline, shadow or opacity declaration it does not
know, and test_each_of_our_colours_… checks where it was placed.

The browser side (tests/browser/test_contrast.py) runs axe's color-contrast rule on real pages
with the interactive elements forced into :hover, :focus, :active and :visited.
"""

import itertools
import re
from pathlib import Path

import pytest
import tinycss2

from .colours import ROOT, Tokens, composite, contrast

TEXT_MINIMUM = 4.5  # WCAG 1.4.3 for text of any size
MARK_MINIMUM = 3.0  # WCAG 1.4.11 for state marks, focus indicators and control borders

# Every colour text is painted in (KERN's links, labels, table cells, badges, hints, ours).
TEXTS = {
    "text": "var(--kern-color-layout-text-default-contextual)",
    "muted text": "var(--kern-color-layout-text-muted-contextual)",
    "link": "var(--kern-color-action-default-contextual)",
    "visited link": "var(--kern-color-action-visited-contextual)",
}
PAGE = "var(--kern-color-layout-background-default-contextual)"
SURFACE = "var(--kern-color-layout-layer-surface-contextual)"
HOVER = "var(--kern-color-action-state-indicator-tint-hover-opacity)"
PRESSED = "var(--kern-color-action-state-indicator-tint-active-opacity)"
# Every background text sits on, as layers from the bottom (over the white page).
BACKGROUNDS = {
    "page": (PAGE,),
    "surface (header, today, striped row, select)": (SURFACE,),
    "input": ("var(--kern-color-form-input-background)",),
    "info": ("var(--kern-color-feedback-info-background-contextual)",),
    "success": ("var(--kern-color-feedback-success-background-contextual)",),
    "warning (holiday, closure, alert)": (
        "var(--kern-color-feedback-warning-background-contextual)",
    ),
    "danger (cancelled, error)": ("var(--kern-color-feedback-danger-background-contextual)",),
    "neutral feedback": ("var(--kern-color-feedback-default-background-contextual)",),
    "hovered button on page": (PAGE, HOVER),
    "pressed button on page": (PAGE, PRESSED),
    "hovered button on surface": (SURFACE, HOVER),
    "pressed button on surface": (SURFACE, PRESSED),
}
# Primary buttons: their label on the button in each state.
BUTTON_LABEL = "var(--kern-color-action-on-default-contextual)"
BUTTON_STATES = {
    "rest": "var(--kern-color-action-default-contextual)",
    "hover": "var(--kern-color-action-state-indicator-shade-hover)",
    "pressed": "var(--kern-color-action-state-indicator-shade-active)",
}
# KERN's own marks of state and of controls, each on every background it may meet.
KERN_MARKS = {
    "focus ring": "var(--kern-color-action-focus-default-contextual)",
    "input border": "var(--kern-color-form-input-border-contextual)",
}
# Icons that carry meaning, on the background of their alert or badge.
ICONS = {
    "info icon": ("var(--kern-color-feedback-info-contextual)", "info"),
    "success icon": ("var(--kern-color-feedback-success-contextual)", "success"),
    "warning icon": (
        "var(--kern-color-feedback-warning-contextual)",
        "warning (holiday, closure, alert)",
    ),
    "danger icon": ("var(--kern-color-feedback-danger-contextual)", "danger (cancelled, error)"),
}

# What each colour declaration of ours is, keyed by (media, selector, property):
# TEXT must be one of TEXTS, BACKGROUND one of BACKGROUNDS (so every text is checked on it),
# MARK must reach 3:1 on every background; DECORATION is a separating line that carries no
# information (1.4.11 does not apply), named here so that it is a decision, not an oversight.
TEXT, BACKGROUND, MARK, DECORATION = "text", "background", "mark", "decoration"
OURS = {
    ("", ".treff-skip-link", "background"): BACKGROUND,
    ("", ".treff-header", "border-bottom"): DECORATION,
    ("", ".treff-header", "background"): BACKGROUND,
    ("", ".treff-formset-row", "border-bottom"): DECORATION,
    ("", ".treff-entry", "border-bottom"): DECORATION,
    ("", ".treff-footer", "border-top"): DECORATION,
    ("", ".treff-treffnav", "border-bottom"): DECORATION,
    ("", ".treff-treffnav", "background"): BACKGROUND,
    ("", ":focus-visible", "outline"): MARK,
    ("", ':root [tabindex]:not([tabindex="-1"]):focus-visible', "outline"): MARK,
    ("", ".kern-form-input__input:focus-within:not(:focus)", "outline"): MARK,
    ("", ".treff-calendar__today", "background"): BACKGROUND,
    # The QR code's quiet zone: the page's own white, whatever the surroundings.
    ("", ".treff-qr", "background"): BACKGROUND,
    ("", ".treff-calendar__today", "box-shadow"): MARK,
    ("", ".treff-calendar__other-month .treff-calendar__day", "color"): TEXT,
    # The week plan's grid (issue 11): hour lines and day borders separate, the category stripes
    # and the "now" line carry meaning (each entry also names its category in words).
    ("", ".treff-week__line", "border-top"): DECORATION,
    ("", ".treff-week__column", "border-left"): DECORATION,
    ("", ".treff-week__column--today", "background"): BACKGROUND,
    ("", ".treff-week__entry", "background"): BACKGROUND,
    ("", ".treff-week__entry", "border"): DECORATION,
    ("", ".treff-week__now", "border-top"): MARK,
    ("", ".treff-week__now-label", "background"): BACKGROUND,
    ("", ".treff-week__now-label", "border"): DECORATION,
    ("", ".treff-cat--social_counselling", "border-left-color"): MARK,
    ("", ".treff-cat--crisis", "border-left-color"): MARK,
    ("", ".treff-cat--visiting_counselling", "border-left-color"): MARK,
    ("", ".treff-cat--information", "border-left-color"): MARK,
    ("", ".treff-cat--leisure", "border-left-color"): MARK,
    ("", ".treff-cat--lunch", "border-left-color"): MARK,
    ("", ".treff-cat--clothing", "border-left-color"): MARK,
    ("", ".treff-cat--media", "border-left-color"): MARK,
    # A scrolling grid's key column stays in view on the page's own background.
    (
        "",
        ".kern-table-responsive .kern-table:not(.treff-table--stack) :is(tbody, tfoot) "
        'th[scope="row"], .kern-table-responsive .kern-table:not(.treff-table--stack) thead '
        "th:first-child",
        "background-color",
    ): BACKGROUND,
    # A stacked list on a phone: the line between two rows only separates them.
    ("@media screen and (max-width: 47.99rem)", ".treff-table--stack tr", "border-bottom"): (
        DECORATION
    ),
}
# Properties that are a colour or change one; shorthands count when their value holds one.
COLOUR_PROPERTY = re.compile(
    r"^(color|background(-color|-image)?|border(-(top|right|bottom|left))?-color|outline-color|"
    r"text-decoration-color|fill|stroke|caret-color|accent-color|column-rule-color|opacity|"
    r"filter|backdrop-filter|mix-blend-mode)$"
)
SHORTHAND = re.compile(
    r"^(border(-(top|right|bottom|left))?|outline|box-shadow|text-shadow|text-decoration|"
    r"column-rule)$"
)
# Keywords of those shorthands that are not colours; any other word is taken for a colour name.
NOT_A_COLOUR = {
    "none", "auto", "inset", "solid", "dashed", "dotted", "double", "groove", "ridge", "outset",
    "hidden", "thin", "medium", "thick", "underline", "overline", "line-through", "blink",
    "wavy", "from-font", "inherit", "initial", "unset", "revert",
}  # fmt: skip
COLOUR_VALUE = re.compile(
    r"var\(--kern-color[^()]*(?:\([^()]*\)[^()]*)*\)|#[0-9a-fA-F]{3,8}\b|"
    r"(?:rgba?|hsla?|oklch|oklab|lab|lch|color-mix)\([^()]*(?:\([^()]*\)[^()]*)*\)"
)


def _tokens() -> Tokens:
    return Tokens.light()


def _background(name):
    tokens = _tokens()
    return composite(*(tokens.color(layer) for layer in BACKGROUNDS[name]))


@pytest.mark.parametrize(("text", "background"), list(itertools.product(TEXTS, BACKGROUNDS)))
def test_every_text_colour_on_every_background_reaches_4_5(text, background):
    ratio = contrast(_tokens().color(TEXTS[text]), _background(background))
    assert ratio >= TEXT_MINIMUM, f"{text} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize("state", BUTTON_STATES)
def test_primary_button_label_reaches_4_5_in_every_state(state):
    tokens = _tokens()
    ratio = contrast(tokens.color(BUTTON_LABEL), tokens.color(BUTTON_STATES[state]))
    assert ratio >= TEXT_MINIMUM, f"primary button, {state}: {ratio:.2f}:1"


@pytest.mark.parametrize(("mark", "background"), list(itertools.product(KERN_MARKS, BACKGROUNDS)))
def test_kern_focus_ring_and_input_border_reach_3_on_every_background(mark, background):
    ratio = contrast(_tokens().color(KERN_MARKS[mark]), _background(background))
    assert ratio >= MARK_MINIMUM, f"{mark} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize("icon", ICONS)
def test_feedback_icons_reach_3_on_their_background(icon):
    colour, background = ICONS[icon]
    ratio = contrast(_tokens().color(colour), _background(background))
    assert ratio >= MARK_MINIMUM, f"{icon}: {ratio:.2f}:1"


def _holds_colour(tokens) -> bool:
    for token in tokens:
        if token.type in {"function", "hash"}:
            return True  # var(), rgb(), color-mix(), #hex
        if token.type == "ident" and token.lower_value not in NOT_A_COLOUR:
            return True  # a named colour, currentcolor, transparent
    return False


def our_declarations() -> list[tuple[str, str, str, str, Path]]:
    """(media, selector, property, value, file) of every colour-bearing declaration of ours."""
    found = []
    files = sorted(
        path for path in (ROOT / "treff").glob("**/static/**/*.css") if "vendor" not in path.parts
    )
    assert files, "no stylesheets found under treff/**/static/"

    def walk(rules, media, path):
        for rule in rules:
            if rule.type == "at-rule" and rule.content is not None:
                inner = tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                prelude = " ".join(tinycss2.serialize(rule.prelude).split())
                walk(inner, f"@{rule.lower_at_keyword} {prelude}".strip(), path)
            elif rule.type == "qualified-rule":
                selector = " ".join(tinycss2.serialize(rule.prelude).split())
                for decl in tinycss2.parse_declaration_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                ):
                    if decl.type != "declaration":
                        continue
                    value = " ".join(tinycss2.serialize(decl.value).split())
                    if COLOUR_PROPERTY.match(decl.lower_name) or (
                        SHORTHAND.match(decl.lower_name) and _holds_colour(decl.value)
                    ):
                        found.append((media, selector, decl.lower_name, value, path))

    for path in files:
        rules = tinycss2.parse_stylesheet(
            path.read_text(), skip_comments=True, skip_whitespace=True
        )
        walk(rules, "", path)
    return found


def test_our_colour_declarations_are_all_checked():
    found = {
        (media, selector, prop): value for media, selector, prop, value, _ in our_declarations()
    }
    unknown = sorted(set(found) - set(OURS))
    assert unknown == [], (
        "Colour declarations without a contrast check: add each to OURS in tests/test_contrast.py "
        "as TEXT, BACKGROUND, MARK or DECORATION (opacity and filters are not allowed on text: "
        "they pale it on every background)."
    )
    assert sorted(set(OURS) - set(found)) == [], "OURS names declarations that are gone"


@pytest.mark.parametrize(("media", "selector", "prop"), list(OURS))
def test_each_of_our_colours_is_in_the_checked_pairs(media, selector, prop):
    """A TEXT is one of TEXTS, a BACKGROUND one of BACKGROUNDS, a MARK reaches 3:1 everywhere."""
    values = [
        value for m, s, p, value, _ in our_declarations() if (m, s, p) == (media, selector, prop)
    ]
    assert len(values) == 1
    tokens = _tokens()
    colours = [tokens.color(expr) for expr in COLOUR_VALUE.findall(values[0])]
    kind = OURS[(media, selector, prop)]
    if kind in (TEXT, BACKGROUND):
        assert len(colours) == 1, f"expected one colour in {values[0]!r}"
    if kind == TEXT:
        assert colours[0].hex in {tokens.color(text).hex for text in TEXTS.values()}
    elif kind == BACKGROUND:
        assert composite(colours[0]).hex in {_background(name).hex for name in BACKGROUNDS}
    elif kind == MARK:  # every colour of it (a shadow may hold several) on every background
        too_low = {
            (colour.hex, name): round(contrast(colour, _background(name)), 2)
            for colour in colours
            for name in BACKGROUNDS
            if contrast(colour, _background(name)) < MARK_MINIMUM
        }
        assert (len(colours) > 0, too_low) == (True, {})
    else:
        assert kind == DECORATION


def test_no_opacity_or_filter_on_our_elements():
    """Opacity pales text and its background together: the calendar's days of the neighbouring
    month had opacity .75, and a link in today's cell fell to 4.24:1 (issue 10)."""
    pale = [
        (selector, prop, value)
        for _, selector, prop, value, _ in our_declarations()
        if prop in {"opacity", "filter", "backdrop-filter", "mix-blend-mode"}
    ]
    assert pale == []


def test_the_other_month_cell_of_issue_10_now_passes():
    """The fault of issue 10: a link in today's cell of a neighbouring month, #5873bf on #f6f7f9."""
    tokens = _tokens()
    link, cell = (
        tokens.color(TEXTS["link"]),
        _background("surface (header, today, striped row, select)"),
    )
    faded_link = type(link)(*link.rgb, 0.75).over(composite())
    faded_cell = type(cell)(*cell.rgb, 0.75).over(composite())
    assert (faded_link.hex, faded_cell.hex) == ("#5873bf", "#f6f7f9")
    assert round(contrast(faded_link, faded_cell), 2) == 4.24  # what axe reported
    assert round(contrast(link, cell), 2) == 7.73  # now: no opacity
