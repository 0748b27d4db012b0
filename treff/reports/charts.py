"""Line charts as inline SVG, drawn on the server (issue 13: no JavaScript, readable in print
and inside the PDF). The only module that imports the charting library (matplotlib, see
docs/architecture.md for the choice).

`line_chart(...)` returns the markup of one `<svg>` for the page: the library's output,
rebuilt element by element from a short list of SVG elements and attributes, so nothing else
reaches the page. Every `style` attribute becomes SVG presentation attributes and the
library's `<style>` element is dropped, so the chart needs no `unsafe-inline` under a strict
Content-Security-Policy. Text stays text (`svg.fonttype: none`): it prints sharp, can be
read by WeasyPrint and is escaped when the tree is written back (a Treff called "A<B" is
"A&lt;B"). The SVG has a viewBox and no width or height, so CSS scales it to the column
(`.treff-chart`, 100 % wide): no sideways scrolling on a phone.

A value of None is a gap in the line, never a zero: a month hidden by the small-cell rule
is not drawn at all (the data table beside the chart says "< k").
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from django.utils.safestring import SafeString, mark_safe

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"

# Line colours: the category colours of treff.css, each at least 3:1 on white (WCAG 1.4.11,
# checked in tests/reports/test_charts.py). Each series also has its own marker and dash, so
# the lines stay apart in black-and-white print and without colour vision.
COLOURS = ("#1d4f91", "#8a4b08", "#2b6a2f", "#a3246b", "#00677f", "#6a3d9a")
MARKERS = ("o", "s", "^", "D", "v", "P")
DASHES = ("solid", "dashed", "dashdot", "dotted", (0, (5, 1, 1, 1)), (0, (1, 2)))
TEXT = "#1b1b1b"
GRID = "#8c8c8c"
MAX_SERIES = len(COLOURS)

# The figure in inches at 72 units each: the viewBox is 396 × 207 and the text 11 units,
# about 9.5 px on a 360 px phone and 15 px at the widest (45rem).
WIDTH, HEIGHT, FONT_SIZE = 5.5, 2.875, 11

_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "treff",  # the same chart gives the same markup (ids from a fixed salt)
    "text.parse_math": False,  # "$" in a Treff's name is a dollar sign, not TeX
    "font.family": "sans-serif",
    "font.sans-serif": ["Fira Sans", "DejaVu Sans", "Arial", "sans-serif"],
    "font.size": FONT_SIZE,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "svg.image_inline": True,
}

_ELEMENTS = {"svg", "g", "path", "text", "tspan", "defs", "use", "clipPath", "rect", "title"}
_ATTRIBUTES = {
    "d", "x", "y", "width", "height", "transform", "id", "clip-path", "viewBox", "version",
    f"{{{XLINK}}}href", "href",
}  # fmt: skip
# CSS properties matplotlib writes into style="…" that SVG also has as attributes.
_PRESENTATION = {
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-linejoin",
    "stroke-linecap", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
    "font-size", "font-family", "font-weight", "font-style", "text-anchor", "clip-path",
}  # fmt: skip
_SAFE_VALUE = re.compile(r"^[\w\s#.,%()'\"-]*$")


def line_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    ticks: Sequence[int],
    series: Sequence[tuple[str, Sequence[int | None]]],
) -> SafeString:
    """One line chart as `<svg>` markup, safe to put into a page.

    chart_id  a prefix for the ids inside the SVG, unique on the page ("trend-visitors")
    title     the accessible name (the SVG's `<title>`, referenced by aria-labelledby)
    labels    the x-axis label of each point (months, already in the reader's language)
    ticks     indexes into `labels` that get a tick and a label
    series    (name, values) per line, at most MAX_SERIES; a value of None is a gap
    Raises ValueError for more series than colours or a series of another length.
    """
    if len(series) > MAX_SERIES:
        raise ValueError(f"At most {MAX_SERIES} lines in one chart, got {len(series)}.")
    for name, values in series:
        if len(values) != len(labels):
            raise ValueError(f"Series {name!r}: {len(values)} values for {len(labels)} labels.")
    return mark_safe(_clean(_draw(labels, ticks, series), chart_id, title))  # cleaned SVG  # noqa: S308  # nosec B308 B703


def _draw(labels, ticks, series) -> str:
    # Imported on the first chart, not with the app: the import takes about a second.
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(WIDTH, HEIGHT))
        axes = figure.subplots()
        xs = range(len(labels))
        handles = []
        top = 0
        for n, (_name, values) in enumerate(series):
            ys = [math.nan if v is None else v for v in values]
            top = max([top, *(v for v in values if v is not None)])
            (line,) = axes.plot(
                xs,
                ys,
                color=COLOURS[n],
                linestyle=DASHES[n],
                linewidth=2,
                marker=MARKERS[n],
                markersize=4 if len(labels) > 24 else 5,
            )
            handles.append(line)
        axes.set_xticks(list(ticks), [labels[i] for i in ticks])
        axes.set_xlim(-0.5, len(labels) - 0.5)
        axes.set_ylim(0, max(top * 1.1, 5))
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        axes.grid(axis="y", color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        # Fixed margins: the constrained layout would double the time of a chart.
        rows = math.ceil(len(series) / 3) if len(series) > 1 else 0
        figure.subplots_adjust(left=0.12, right=0.94, bottom=0.13, top=0.95 - 0.08 * rows)
        if rows:
            # Labels passed here are taken as given: a name starting with "_" is still shown.
            axes.legend(
                handles,
                [name for name, _values in series],
                loc="lower center",
                bbox_to_anchor=(0.5, 1.0),
                ncols=min(len(series), 3),
                frameon=False,
            )
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def _clean(markup: str, chart_id: str, title: str) -> str:
    """The library's SVG rebuilt from the allowed elements and attributes (see above)."""
    markup = re.sub(r"<!DOCTYPE[^>]*>", "", markup)  # no DTD is needed or fetched
    source = ET.fromstring(markup.encode())  # our library's output  # noqa: S314  # nosec B314
    ids = {element.get("id") for element in source.iter() if element.get("id")}
    referenced = set(re.findall(r'(?:href="#|url\(#)([^")]+)', markup))

    def copy(element, into):
        tag = element.tag.split("}")[-1]
        if tag not in _ELEMENTS:
            return
        clone = ET.SubElement(into, tag)
        _attributes(element, clone)
        clone.text = element.text if tag in ("text", "tspan", "title") else None
        for child in element:
            copy(child, clone)
            if tag in ("text", "tspan") and child.tail:
                clone[-1].tail = child.tail

    def _attributes(element, clone):
        for name, value in element.attrib.items():
            if name == "style":
                for prop, _sep, val in (p.partition(":") for p in value.split(";")):
                    prop, val = prop.strip(), val.strip()
                    if prop in _PRESENTATION and _SAFE_VALUE.match(val):
                        clone.set(prop, _local(val, chart_id, ids))
            elif name == "id":
                if value in referenced:  # an id nothing points to is dropped
                    clone.set("id", f"{chart_id}-{value}")
            elif name in _ATTRIBUTES or name in _PRESENTATION:
                # SVG 2's plain href: no second namespace to declare (browsers and WeasyPrint
                # read it).
                clone.set("href" if name.endswith("href") else name, _local(value, chart_id, ids))

    # Plain tag names and a literal xmlns: the output never depends on ElementTree's global
    # prefix registry, which other libraries change (it once gave "<ns0:svg>").
    root = ET.Element("svg")
    root.set("xmlns", SVG)
    root.set("viewBox", source.get("viewBox"))
    root.set("class", "treff-chart")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title")
    # What the dropped <style> element said for every element.
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    heading = ET.SubElement(root, "title", id=f"{chart_id}-title")
    heading.text = title
    for child in source:
        copy(child, root)
    return ET.tostring(root, encoding="unicode")


def _local(value: str, chart_id: str, ids: set) -> str:
    """References to ids inside the chart, renamed with the chart's prefix."""

    def rename(match):
        name = match.group(2)
        return f"{match.group(1)}{chart_id}-{name}" if name in ids else match.group(0)

    return re.sub(r"(#|url\(#)([\w.-]+)", rename, value)
