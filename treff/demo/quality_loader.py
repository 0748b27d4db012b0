"""The demo's quality development (Fachkonzept §6): per Treff one meeting of carrier and city
with three action items (one overdue), two agreed standards (one in its second version), and
the carrier's concept (§1) and hygiene concept (§4.3) as small generated PDFs, the concept
acknowledged by the city. Idempotent: a Treff that has its demo meeting is left as it is.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string

from treff.quality import services
from treff.quality.models import ActionItem, Meeting, QualityStandard, TreffDocument
from treff.treffs.models import Treff

DAY = dt.timedelta(days=1)
MEETING_TITLE = "Quartalstreffen Träger und Stadt"
# Treff slug → (coordinator, carrier admin) usernames of demo/data.py.
PEOPLE = {"franztreff": ("franztreff", "drk"), "rosseltreff": ("rosseltreff", "awo")}
STANDARDS = [
    (
        "Begleitung der Ehrenamtlichen",
        [
            "Jede neue ehrenamtliche Person führt ein Erstgespräch mit der Koordination.",
            "Jede neue ehrenamtliche Person führt ein Erstgespräch mit der Koordination und "
            "hat in den ersten drei Monaten eine feste Ansprechperson.",
        ],
    ),
    (
        "Erreichbarkeit der Koordination",
        ["Die Koordination ist Montag bis Freitag von 9 bis 17 Uhr im Treff erreichbar (§4.5)."],
    ),
]
DOCUMENTS = [
    ("concept", "Trägerkonzept für den Treff", "Konzept"),
    ("hygiene", "Hygienekonzept nach RKI-Empfehlungen", "Hygienekonzept"),
]


def _pdf(title: str, treff: Treff) -> SimpleUploadedFile:
    # Imported here: WeasyPrint is needed only when the demo creates its documents.
    from weasyprint import HTML

    html = render_to_string("quality/demo_document.html", {"title": title, "treff": treff})
    name = f"{title.lower().replace(' ', '-')}-{treff.slug}.pdf"
    return SimpleUploadedFile(name, HTML(string=html).write_pdf(), "application/pdf")


def demo_quality_load(today: dt.date) -> int:
    """Load the quality demo for each demo Treff; returns how many Treffs got it now."""
    users = get_user_model().objects
    city = users.get(username="stadt")
    loaded = 0
    for slug, (coordinator_name, carrier_name) in PEOPLE.items():
        treff = Treff.objects.filter(slug=slug).first()
        if treff is None or Meeting.objects.filter(treff=treff, title=MEETING_TITLE).exists():
            continue
        coordinator = users.get(username=coordinator_name)
        carrier = users.get(username=carrier_name)
        meeting = services.meeting_save(
            meeting=Meeting(
                date=today - 21 * DAY,
                title=MEETING_TITLE,
                agenda="1. Besucherzahlen des Quartals\n2. Ehrenamt\n3. Hygienekonzept",
                minutes="Die Besucherzahlen sind gestiegen, vor allem beim Mittagstisch. "
                "Für das Frühjahr wird ein Ehrenamtsfest geplant.",
            ),
            treff=treff,
            participants=[
                ("city_staff", "Katrin Lehmann"),
                ("carrier", carrier.get_full_name()),
                ("coordinator", coordinator.get_full_name()),
            ],
            decisions=[
                "Der Mittagstisch bleibt bei drei Tagen pro Woche.",
                "Das Hygienekonzept wird bis zum nächsten Treffen überarbeitet.",
            ],
            user=city,
        )
        for title, owner, due, status in [
            ("Hygienekonzept überarbeiten", coordinator, today - 7 * DAY, "open"),
            ("Termin für das Ehrenamtsfest finden", carrier, today + 30 * DAY, "open"),
            ("Besucherzahlen an den Ausschuss melden", city, today - 14 * DAY, "done"),
        ]:
            services.action_item_save(
                item=ActionItem(
                    meeting=meeting, title=title, owner=owner, due_on=due, status=status
                ),
                treff=treff,
                user=city,
            )
        for title, versions in STANDARDS:
            standard = services.standard_create(
                standard=QualityStandard(title=title),
                treff=treff,
                text=versions[0],
                agreed_on=today - 200 * DAY,
                user=city,
            )
            for text in versions[1:]:
                services.standard_revise(
                    standard=standard, text=text, agreed_on=today - 21 * DAY, user=city
                )
        for kind, title, short in DOCUMENTS:
            document = services.document_create(
                document=TreffDocument(kind=kind, title=title),
                treff=treff,
                upload=_pdf(short, treff),
                user=carrier,
            )
            if kind == "concept":
                services.document_version_acknowledge(version=document.versions.get(), user=city)
        loaded += 1
    return loaded
