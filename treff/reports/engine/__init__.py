"""The small-cell suppression engine: tables of counts in, publishable tables out.

Plain Python with dataclasses in and out and no ORM (Fachkonzept §6: counts of persons seen
outside the Treff show 1..k−1 as "< k"). `tables` holds the input (tables, links, sums),
`system` turns a report into variables and equations, `suppress` hides figures (primary and
secondary), `audit` proves the result with the protection-interval test (τ-ARGUS), and
`publish` is the entry point that returns cells and the note for the templates.
"""

from .audit import Audit, Finding
from .publish import (
    SECONDARY_MARKER,
    Audience,
    Cell,
    Note,
    PublishedReport,
    PublishedTable,
    audit_published,
    publish,
)
from .suppress import InvalidThreshold, check_k
from .tables import Link, Report, Sum, Table

__all__ = [
    "SECONDARY_MARKER",
    "Audience",
    "Audit",
    "Cell",
    "Finding",
    "InvalidThreshold",
    "Link",
    "Note",
    "PublishedReport",
    "PublishedTable",
    "Report",
    "Sum",
    "Table",
    "audit_published",
    "check_k",
    "publish",
]
