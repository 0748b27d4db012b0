"""The proof of use as PDF (WeasyPrint), A4 portrait, Fachkonzept §5.

The numerical statement (approved, actual and difference per cost type; income; eligible
spending; refund or amount still due) and the narrative report, of a submitted version or
of the live draft. Template: funding/proof_pdf.html; fonts from the KERN package on disk.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML

from treff.reports.committee_pdf import _font_config


def render(document: dict) -> bytes:
    """The PDF's bytes for `document` (views_proof.document: treff, plan, version or None,
    statement with Decimal amounts, narrative), in the active language."""
    html = render_to_string("funding/proof_pdf.html", document)
    base_url = finders.find("vendor/kern/fonts/fira-sans.css").rsplit("/fonts/", 1)[0] + "/"
    return HTML(string=html, base_url=base_url).write_pdf(font_config=_font_config())
