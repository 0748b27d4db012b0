"""About 25 volunteers and 30 help requests across both Treffs, with realistic variety:
languages, districts, kinds of help, some without a police clearance, some requests overdue,
one request corrected by the coordinator. The lunch-table shifts require the instruction
under § 43 IfSG: every lunch helper has one (one of them expired, so she is not on the
shifts after its end), some volunteers hold first aid. Deterministic (a fixed random seed)
and idempotent (skipped once volunteers exist)."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from treff.treffs.models import Membership, Role, Treff
from treff.volunteers import services, services_shifts
from treff.volunteers.models import (
    Availability,
    HelpRequest,
    HelpSeeker,
    QualificationKind,
    ShiftSignup,
    ShiftTemplate,
    Volunteer,
    VolunteerQualification,
)

FIRST = [
    "Anke",
    "Bernd",
    "Carola",
    "Dieter",
    "Elke",
    "Frank",
    "Gisela",
    "Hans",
    "Ines",
    "Jürgen",
    "Karin",
    "Lutz",
    "Monika",
    "Norbert",
    "Olga",
    "Peter",
    "Renate",
    "Sergej",
    "Tanja",
    "Uwe",
    "Vera",
    "Wolfgang",
    "Yasmin",
    "Zeynep",
    "Oksana",
]
LAST = [
    "Arndt",
    "Bauer",
    "Conrad",
    "Dietrich",
    "Engel",
    "Fischer",
    "Graf",
    "Hahn",
    "Ilse",
    "Jahn",
    "Kühn",
    "Lange",
    "Möller",
    "Nagel",
    "Otto",
    "Pohl",
    "Roth",
    "Sommer",
    "Thiel",
    "Ullrich",
    "Vogt",
    "Winkler",
    "Yilmaz",
    "Zimmer",
    "Kovalenko",
]
SEEKERS = [
    "Frau Albrecht",
    "Herr Brandt",
    "Frau Czech",
    "Herr Dörre",
    "Frau Eckert",
    "Herr Franke",
    "Frau Gärtner",
    "Herr Haase",
    "Галина Иванова",  # names as the person wrote them (web form): Cyrillic and Arabic
    "Herr Jäger",
    "Frau Krüger",
    "Herr Ludwig",
    "Frau Marx",
    "Herr Neubert",
    "سلمى الحداد",
]
DISTRICTS = {
    "franztreff": ["sued_innenstadt", "mitte", "nord", "west", "zoberberg", "sued", "toerten"],
    "rosseltreff": ["rosslau", "meinsdorf", "rodleben", "muehlstedt", "streetz_natho"],
}
KINDS = ["shopping", "handyman", "accompaniment", "walk", "reading", "home_visit", "digital"]
SERVICE_KINDS = ["lunch", "clothing"]
LANGUAGES = [
    ["de"],
    ["de"],
    ["de"],
    ["de", "en"],
    ["de", "ru"],
    ["de", "uk"],
    ["de", "tr"],
    ["de", "ar"],
]
MOBILITY = ["foot", "foot", "bike", "bike", "public", "car"]


def demo_volunteers_load() -> int:
    if Volunteer.objects.exists():
        return 0
    rng = random.Random(2026)
    today = timezone.localdate()
    treffs = {t.slug: t for t in Treff.objects.filter(slug__in=DISTRICTS)}
    count = 0
    for index, (first, last) in enumerate(zip(FIRST, LAST, strict=True)):
        slug = "franztreff" if index < 15 else "rosseltreff"
        kinds = rng.sample(KINDS, rng.randint(1, 3)) + rng.sample(SERVICE_KINDS, rng.randint(0, 1))
        has_clearance = index % 5 != 3  # every fifth has not shown a certificate yet
        issued = today - dt.timedelta(days=rng.randint(60, 1700)) if has_clearance else None
        volunteer = Volunteer.objects.create(
            treff=treffs[slug],
            first_name=first,
            last_name=last,
            phone=f"0340 {rng.randint(100000, 999999)}",
            email=f"{first.lower()}.{last.lower()}@example.org".replace("ü", "ue").replace(
                "ö", "oe"
            ),
            gender="female"
            if first
            in {
                "Anke",
                "Carola",
                "Elke",
                "Gisela",
                "Ines",
                "Karin",
                "Monika",
                "Olga",
                "Renate",
                "Tanja",
                "Vera",
                "Yasmin",
                "Zeynep",
                "Oksana",
            }
            else "male",
            help_kinds=kinds,
            languages=rng.choice(LANGUAGES),
            district=rng.choice(DISTRICTS[slug]),
            mobility=rng.choice(MOBILITY),
            started_on=today - dt.timedelta(days=rng.randint(30, 1500)),
            status="paused" if index == 7 else "active",
            confidentiality_signed_on=today - dt.timedelta(days=rng.randint(20, 1000)),
            clearance_issued_on=issued,
            clearance_seen_on=issued + dt.timedelta(days=14) if issued else None,
            insured_on=today - dt.timedelta(days=rng.randint(20, 1000)),
        )
        for day in rng.sample(range(5), rng.randint(1, 3)):
            start = rng.choice([8, 9, 10, 13, 14])
            Availability.objects.create(
                volunteer=volunteer,
                weekday=day,
                start=dt.time(start),
                end=dt.time(start + rng.choice([2, 3, 4])),
            )
        count += 1
    _link_demo_login(treffs["franztreff"], today)
    _qualifications(rng, today)
    _requests(rng, treffs, today)
    _correct_one_request(treffs["franztreff"])
    _shifts(rng, treffs, today)
    return count


def _link_demo_login(treff, today) -> None:
    """The demo user 'ehrenamt' is a volunteer in Franztreff with a profile of her own."""
    user = get_user_model().objects.get(username="ehrenamt")
    volunteer = Volunteer.objects.create(
        treff=treff,
        user=user,
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        gender="female",
        help_kinds=["shopping", "reading", "lunch"],
        languages=["de"],
        district="sued_innenstadt",
        mobility="foot",
        started_on=today - dt.timedelta(days=420),
        confidentiality_signed_on=today - dt.timedelta(days=400),
        clearance_issued_on=today - dt.timedelta(days=420),
        clearance_seen_on=today - dt.timedelta(days=400),
        insured_on=today - dt.timedelta(days=400),
    )
    for day in (0, 2, 4):
        Availability.objects.create(
            volunteer=volunteer, weekday=day, start=dt.time(9), end=dt.time(13)
        )


def _qualifications(rng, today) -> None:
    """The IfSG instruction for every lunch helper (one expired), first aid for a few."""
    admin = get_user_model().objects.get(username="admin")
    lunch = [v for v in Volunteer.objects.order_by("pk") if "lunch" in v.help_kinds]
    for index, volunteer in enumerate(lunch):
        # The second lunch helper let the refresher lapse some weeks ago.
        days_ago = 760 if index == 1 else rng.randint(30, 600)
        services_shifts.qualification_record(
            volunteer=volunteer,
            kind=QualificationKind.IFSG_43,
            obtained_on=today - dt.timedelta(days=days_ago),
            user=admin,
        )
    for volunteer in Volunteer.objects.order_by("pk")[2::6]:
        services_shifts.qualification_record(
            volunteer=volunteer,
            kind=QualificationKind.FIRST_AID,
            obtained_on=today - dt.timedelta(days=rng.randint(60, 500)),
            user=admin,
        )


def _correct_one_request(treff) -> None:
    """Franztreff's coordinator corrected the first request's end and the seeker's phone."""
    coordinator = Membership.objects.get(treff=treff, role=Role.COORDINATOR).user
    help_request = (
        HelpRequest.objects.filter(treff=treff).select_related("seeker").order_by("pk")[0]
    )
    seeker = help_request.seeker
    help_request.end = dt.time(help_request.end.hour + 1)
    seeker.phone = "0340 2204410"
    services.help_request_correct(
        help_request=help_request, seeker=seeker, consent=seeker.consents, user=coordinator
    )


def _requests(rng, treffs, today) -> None:
    for index in range(30):
        slug = "franztreff" if index < 20 else "rosseltreff"
        seeker = HelpSeeker.objects.create(
            treff=treffs[slug],
            name=SEEKERS[index % len(SEEKERS)],
            phone=f"0340 {rng.randint(100000, 999999)}",
            district=rng.choice(DISTRICTS[slug]),
            language=rng.choice(["de", "de", "de", "ru", "uk"]),
            channel=rng.choice(["phone", "phone", "walk_in", "web"]),
            # Two of them have not (yet) agreed that we pass on their contact.
            consent_on=None if index in (4, 17) else today - dt.timedelta(days=rng.randint(0, 30)),
        )
        start = rng.choice([9, 10, 11, 14])
        weekly = index % 6 == 0
        help_request = HelpRequest.objects.create(
            treff=treffs[slug],
            seeker=seeker,
            kind=rng.choice(KINDS),
            date=None if weekly else today + dt.timedelta(days=rng.randint(-5, 21)),
            weekday=rng.randint(0, 4) if weekly else None,
            start=dt.time(start),
            end=dt.time(start + rng.choice([1, 2])),
            urgency=rng.choice([1, 2, 2, 3]),
            prefers_gender="female" if index % 9 == 0 else "",
        )
        # Backdate some so that the overview shows overdue ones; never after the agreed day
        # (a request is taken before its day, and help cannot be given before it was taken).
        created = timezone.now() - dt.timedelta(days=rng.randint(0, 10))
        if help_request.date is not None and timezone.localdate(created) > help_request.date:
            created = timezone.make_aware(dt.datetime.combine(help_request.date, dt.time(8)))
        HelpRequest.objects.filter(pk=help_request.pk).update(created_at=created)


def _shifts(rng, treffs, today) -> None:
    """Mittagstisch-Ausgabe and Kleiderkammer shifts for eight weeks, partly staffed."""
    admin = get_user_model().objects.get(username="admin")
    templates = [
        ("franztreff", "Mittagstisch-Ausgabe", "lunch", [0, 2, 4], "10:30", "13:30", 2, 4),
        ("franztreff", "Kleiderkammer", "clothing", [0, 3], "13:15", "16:15", 1, 2),
        ("rosseltreff", "Mittagstisch-Ausgabe", "lunch", [1, 3], "10:30", "13:30", 2, 3),
    ]
    for slug, title, kind, days, start, end, low, high in templates:
        template = services_shifts.shift_template_save(
            template=ShiftTemplate(
                title=title,
                kind=kind,
                weekdays=days,
                start=dt.time.fromisoformat(start),
                end=dt.time.fromisoformat(end),
                min_volunteers=low,
                max_volunteers=high,
                required_qualification=QualificationKind.IFSG_43 if kind == "lunch" else "",
                starts_on=today - dt.timedelta(days=28),
                ends_on=today + dt.timedelta(days=56),
            ),
            treff=treffs[slug],
            user=admin,
        )
        # JSON containment is not portable to SQLite: filter the few volunteers in Python.
        helpers = [
            v
            for v in Volunteer.objects.filter(treff=treffs[slug], status="active")
            if kind in v.help_kinds
        ]
        held = {
            q.volunteer_id: q
            for q in VolunteerQualification.objects.filter(
                volunteer__in=helpers, kind=template.required_qualification or None
            )
        }
        for shift in template.shifts.all():
            # Past shifts included, so the sign-ups are written directly, with the rule the
            # service applies: the required qualification valid on the day.
            able = [
                v
                for v in helpers
                if not template.required_qualification
                or (v.pk in held and held[v.pk].valid_on(shift.date))
            ]
            for volunteer in rng.sample(able, min(len(able), rng.randint(0, high))):
                ShiftSignup.objects.create(shift=shift, volunteer=volunteer)
