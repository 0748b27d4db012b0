"""The demo's quality development: per Treff a meeting, action items (one overdue), two
standards and the two documents as real PDFs, the concept acknowledged; loaded once."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled
from pypdf import PdfReader

from treff.quality.models import ActionItem, DocumentVersion, Meeting, StandardVersion

pytestmark = pytest.mark.django_db


def _counts():
    today = timezone.localdate()
    with scopes_disabled():
        return {
            "meetings": Meeting.objects.count(),
            "items": ActionItem.objects.count(),
            "overdue": ActionItem.objects.filter(status="open", due_on__lt=today).count(),
            "standard_versions": StandardVersion.objects.count(),
            "documents": sorted(
                (v.document.treff.slug, v.document.kind, v.acknowledged_at is not None)
                for v in DocumentVersion.objects.select_related("document__treff")
            ),
        }


def test_the_demo_has_quality_development_once(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=io.StringIO())
    first = _counts()
    assert first == {
        "meetings": 2,
        "items": 6,
        "overdue": 2,
        "standard_versions": 6,
        "documents": [
            ("franztreff", "concept", True),
            ("franztreff", "hygiene", False),
            ("rosseltreff", "concept", True),
            ("rosseltreff", "hygiene", False),
        ],
    }
    with scopes_disabled():
        version = DocumentVersion.objects.get(
            document__kind="hygiene", document__treff__slug="franztreff"
        )
        with version.file.open("rb") as handle:
            text = PdfReader(handle).pages[0].extract_text()
    assert text.splitlines()[0] == "Hygienekonzept – Franztreff"
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
