"""Counselling (Fachkonzept §3 no. 1, §6): contacts, never their content.

Every table counts contacts (counselling.selectors.contacts_by). Duration, language and
named vs anonymous split each contact exactly once, so their Treff totals are the number of
contacts: population "contacts", linked in the report. Topics count a contact under each
of its topics, referrals only the contacts with one: each of those stands alone.
"""

from django.utils.translation import gettext_lazy as _

from treff.core.choices import Language
from treff.counselling import selectors as counselling
from treff.counselling.models import Topic
from treff.counselling.selectors import REFERRAL_CATEGORIES, Duration

from . import PERSONS, Figures, Measure


def _grouped(by, groups, labels):
    """A compute function: contacts per group of `by`, one row per group in their order."""

    def compute(treffs, span) -> Figures:
        ids = [treff.pk for treff in treffs]
        counts = counselling.contacts_by(ids, by, first=span.first, last=span.last)
        return Figures(
            list(labels), [[counts.get((pk, group), 0) for pk in ids] for group in groups]
        )

    compute.__name__ = f"by_{by}"
    return compute


by_topic = _grouped("topic", Topic.values, Topic.labels)
by_duration = _grouped("duration", Duration.values, Duration.labels)
by_language = _grouped("language", Language.values, Language.labels)
named_or_anonymous = _grouped(
    "named", ["named", "anonymous"], [_("with a client record (named)"), _("anonymous")]
)
referrals = _grouped("referral", REFERRAL_CATEGORIES.values, REFERRAL_CATEGORIES.labels)

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
    Measure(
        "counselling_duration",
        "counselling",
        _("Counselling contacts by duration"),
        _("Duration"),
        PERSONS,
        by_duration,
        population="contacts",
    ),
    Measure(
        "counselling_language",
        "counselling",
        _("Counselling contacts by language of the conversation"),
        _("Language"),
        PERSONS,
        by_language,
        population="contacts",
    ),
    Measure(
        "counselling_named",
        "counselling",
        _("Counselling contacts: named and anonymous"),
        _("Contact"),
        PERSONS,
        named_or_anonymous,
        population="contacts",
        note=_("Named: the person agreed to a client record. The usual contact is anonymous."),
    ),
    Measure(
        "counselling_referrals",
        "counselling",
        _("Referrals to partner services by their field"),
        _("Field of the partner service"),
        PERSONS,
        referrals,
        note=_("Only contacts with a referral are counted."),
    ),
]
