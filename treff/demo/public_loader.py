"""What residents sent through the public website's forms: two offers to volunteer and three
ideas for Franztreff, one in each state. Idempotent: each carries a fixed form key, and the
services return the stored one for a key they already have."""

from django.contrib.auth import get_user_model

from treff.public import services as public_services
from treff.public.models import Suggestion
from treff.treffs.models import Treff
from treff.volunteers.services_applications import public_application_submit

APPLICATIONS = [
    {
        "first_name": "Olena",
        "last_name": "Kowalenko",
        "phone": "0340 000-3101",
        "email": "",
        "help_kinds": ["lunch", "reading"],
        "when": "Dienstag und Donnerstag vormittags",
        "languages": ["uk", "ru", "de"],
        "district": "mitte",
        "key": "demo-application-1",
    },
    {
        "first_name": "Jonas",
        "last_name": "Richter",
        "phone": "",
        "email": "jonas.richter@example.org",
        "help_kinds": ["digital", "handyman"],
        "when": "Samstags",
        "languages": ["de", "en"],
        "district": "nord",
        "key": "demo-application-2",
    },
]
IDEAS = [
    ("Ein Näh-Café, in dem man Kleidung flicken lernt.", "leisure", Suggestion.Status.NEW),
    (
        "Sprechstunde zur Rente, gern einmal im Monat.",
        "social_counselling",
        Suggestion.Status.CONSIDERED,
    ),
    ("Mittagstisch auch am Donnerstag.", "lunch", Suggestion.Status.DONE),
]


def demo_public_load() -> None:
    treff = Treff.objects.get(slug="franztreff")
    coordinator = get_user_model().objects.get(username="franztreff")
    for values in APPLICATIONS:
        public_application_submit(treff=treff, data={**values, "consent": True})
    for number, (text, category, status) in enumerate(IDEAS, start=1):
        idea, _created = public_services.suggestion_submit(
            treff=treff, data={"text": text, "category": category, "key": f"demo-idea-{number}"}
        )
        if idea.status != status:
            public_services.suggestion_mark(suggestion=idea, status=status, user=coordinator)
