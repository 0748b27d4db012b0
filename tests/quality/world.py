"""Quality objects on top of the shared `world` (tests/conftest.py).

`build_quality(world)` can be called from any fixture (also the access matrix's): Franztreff
gets a meeting with participants, decisions and an action item of the coordinator, a
standard in two versions and the concept with one version waiting for the city;
Rosseltreff gets a meeting and a hygiene concept of its own (for the outsider tests).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.quality import services
from treff.quality.models import ActionItem, Meeting, QualityStandard, TreffDocument

# The smallest file the upload check takes for a PDF: it reads the first bytes.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="konzept.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class QualityObjects:
    meeting: Meeting
    item: ActionItem
    standard: QualityStandard
    document: TreffDocument
    version: object
    other_meeting: Meeting
    other_document: TreffDocument


def build_quality(world) -> QualityObjects:
    today = timezone.localdate()
    coordinator, city = world.users["coordinator"], world.users["city"]
    outsider = world.users["outsider"]
    with scopes_disabled():
        meeting = services.meeting_save(
            meeting=Meeting(date=today - dt.timedelta(days=7), title="Quartalstreffen IV/2026"),
            treff=world.franztreff,
            participants=[("city_staff", "Frau Krause"), ("coordinator", ""), ("carrier", "")],
            decisions=["Öffnungszeiten bleiben", "Ehrenamtsfest im März"],
            user=coordinator,
        )
        item = services.action_item_save(
            item=ActionItem(
                meeting=meeting,
                title="Einladung Ehrenamtsfest",
                owner=coordinator,
                due_on=today + dt.timedelta(days=14),
            ),
            treff=world.franztreff,
            user=coordinator,
        )
        standard = services.standard_create(
            standard=QualityStandard(title="Begleitung der Ehrenamtlichen"),
            treff=world.franztreff,
            text="Jede neue ehrenamtliche Person hat ein Erstgespräch.",
            agreed_on=today - dt.timedelta(days=300),
            user=city,
        )
        services.standard_revise(
            standard=standard,
            text="Jede neue ehrenamtliche Person hat ein Erstgespräch und eine Patin.",
            agreed_on=today - dt.timedelta(days=7),
            user=city,
        )
        document = services.document_create(
            document=TreffDocument(kind="concept", title="Konzept Franztreff"),
            treff=world.franztreff,
            upload=pdf(),
            user=coordinator,
        )
        version = document.versions.get()
        other_meeting = services.meeting_save(
            meeting=Meeting(date=today, title="Treffen Rosseltreff"),
            treff=world.rosseltreff,
            participants=[("coordinator", "")],
            decisions=[],
            user=outsider,
        )
        other_document = services.document_create(
            document=TreffDocument(kind="hygiene", title="Hygienekonzept Rosseltreff"),
            treff=world.rosseltreff,
            upload=pdf("hygiene.pdf"),
            user=outsider,
        )
    return QualityObjects(meeting, item, standard, document, version, other_meeting, other_document)
