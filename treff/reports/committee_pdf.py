"""The committee report as PDF (WeasyPrint), A4 portrait (Fachkonzept §6).

A cover (title, meeting, period, Treffs), the city's summary, the key figures with their
comparisons, every area's tables (reports/_section.html, the page's own partial, styled for
print), the monthly trend charts (reports/_trends.html, the page's own partial: SVG, which
WeasyPrint draws as vectors) and the rule of the suppression.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from .contents import Contents

_fonts: FontConfiguration | None = None


def _font_config() -> FontConfiguration:
    """One font configuration per process: it keeps the fonts it has unpacked, so only the
    first report of a process pays for them."""
    global _fonts
    if _fonts is None:
        _fonts = FontConfiguration()
    return _fonts


def render(contents: Contents) -> bytes:
    """The PDF's bytes for `contents`, in the active language."""
    context = {
        "contents": contents,
        "snapshot": contents.snapshot,
        "areas": contents.areas,
        "k": contents.k,
        "below": contents.k - 1,
        "trends": contents.trends,
    }
    html = render_to_string("reports/committee_pdf.html", context)
    # Fonts come from the KERN package on disk, never from the network.
    base_url = finders.find("vendor/kern/fonts/fira-sans.css").rsplit("/fonts/", 1)[0] + "/"
    return HTML(string=html, base_url=base_url).write_pdf(font_config=_font_config())
