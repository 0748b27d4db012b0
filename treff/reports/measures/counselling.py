"""Counselling (Fachkonzept §3 no. 1, §6): contacts, never their content."""

from django.utils.translation import gettext_lazy as _

from treff.counselling import selectors as counselling
from treff.counselling.models import Topic

from . import PERSONS, Figures, Measure


def by_topic(treffs, span) -> Figures:
    topics = {
        stats.treff.pk: dict(stats.by_topic)
        for stats in counselling.contact_statistics(treffs, first=span.first, last=span.last)
    }
    return Figures(
        list(Topic.labels),
        [[topics[treff.pk].get(topic, 0) for treff in treffs] for topic in Topic],
    )


MEASURES = [
    Measure(
        "topics",
        "counselling",
        _("Counselling contacts by topic"),
        _("Topic"),
        PERSONS,
        by_topic,
        note=_("A contact with several topics counts under each."),
    ),
]
