"""Words of other apps that public pages show, so the public catalogues carry them.

makemessages reads only treff/public for the public languages (Makefile: messages), so the
labels a visitor reads that are defined elsewhere — a building's accessibility, allergens,
kinds of help, the messages a public form's fields can give — are named here once more with
the same msgid. German takes them from the main catalogue; Ukrainian, Arabic, Russian, Turkish
and Leichte Sprache from treff/public/locale. tests/public/test_catalogues.py checks that every
label of these choices is here, so a new one cannot stay untranslated.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

# The choices whose every label a public page may show: dotted path → msgids.
CHOICE_LABELS = {
    "treff.treffs.models.AccessibilityFeature": [
        gettext_noop("Step-free entrance"),
        gettext_noop("Accessible toilet"),
        gettext_noop("Lift"),
        gettext_noop("Doors at least 90 cm wide"),
        gettext_noop("Hearing loop"),
        gettext_noop("Disabled parking nearby"),
        gettext_noop("Tactile guidance"),
        gettext_noop("Seating in the waiting area"),
    ],
    "treff.operations.models.Allergen": [
        gettext_noop("(A) Cereals containing gluten"),
        gettext_noop("(B) Crustaceans"),
        gettext_noop("(C) Eggs"),
        gettext_noop("(D) Fish"),
        gettext_noop("(E) Peanuts"),
        gettext_noop("(F) Soybeans"),
        gettext_noop("(G) Milk (including lactose)"),
        gettext_noop("(H) Nuts"),
        gettext_noop("(L) Celery"),
        gettext_noop("(M) Mustard"),
        gettext_noop("(N) Sesame seeds"),
        gettext_noop("(O) Sulphur dioxide and sulphites"),
        gettext_noop("(P) Lupin"),
        gettext_noop("(R) Molluscs"),
    ],
    "treff.volunteers.choices.HelpKind": [
        gettext_noop("Shopping when someone is ill"),
        gettext_noop("Small handyman jobs"),
        gettext_noop("Accompaniment to the doctor or to authorities"),
        gettext_noop("Going for walks"),
        gettext_noop("Reading aloud"),
        gettext_noop("Company and home visits"),
        gettext_noop("Serving at the lunch table"),
        gettext_noop("Clothing store"),
        gettext_noop("Help with phones and computers"),
    ],
    "treff.volunteers.choices.Mobility": [
        gettext_noop("on foot"),
        gettext_noop("by bike"),
        gettext_noop("by bus and tram"),
        gettext_noop("by car"),
    ],
    "treff.partners.models.Category": [
        gettext_noop("Social benefits and Bürgergeld"),
        gettext_noop("Debt counselling"),
        gettext_noop("Addiction counselling"),
        gettext_noop("Housing, rent and energy"),
        gettext_noop("Health and care"),
        gettext_noop("Family, children and parenting"),
        gettext_noop("Work and training"),
        gettext_noop("Migration and residence"),
        gettext_noop("Public authority"),
        gettext_noop("Crisis and psychosocial help"),
        gettext_noop("Protection from violence"),
        gettext_noop("Legal advice"),
        gettext_noop("Food and basic needs"),
        gettext_noop("Older people"),
        gettext_noop("Disability and inclusion"),
        gettext_noop("Other"),
    ],
    "treff.offers.models.Category": [
        gettext_noop("General social counselling and advice on social benefits"),
        gettext_noop("Help with personal and family problems and crises"),
        gettext_noop(
            "Mobile specialist counselling (parenting, family, debt, addiction, pregnancy, ZIB)"
        ),
        gettext_noop("Information, prevention and events"),
        gettext_noop("Leisure activities"),
        gettext_noop("Lunch table"),
        gettext_noop("Clothing store, donation point, clothes swap"),
        gettext_noop("Access to information media"),
    ],
}

# Messages the public forms' fields and the services behind them can give.
MESSAGES = [
    gettext_noop("optional"),
    gettext_noop(
        "A date ends at midnight at the latest: it cannot run into the next day. For an end at "
        "midnight enter 00:00."
    ),
    gettext_noop(
        "Enter a phone number of digits; spaces, + at the start, ( ), / and - are allowed too."
    ),
    gettext_noop("The end must be after the start."),
    gettext_noop("This day has passed."),
    gettext_noop("Help can be arranged for at most a year ahead."),
    gettext_noop("Give a date, or a weekday for help every week."),
    gettext_noop("Choose a district from the list."),
    gettext_noop(
        "“%(kind)s” is a shift at the Treff, not help a person can ask for. Choose one "
        "of the kinds of neighbourhood help."
    ),
    gettext_noop("Without your consent we cannot pass your request to a volunteer."),
    # treff.volunteers.services_applications: the volunteering form and a forged key.
    gettext_noop("Without your consent we cannot store your details."),
    gettext_noop("Give a phone number or an e-mail address, so we can reach you."),
    gettext_noop("Choose at least one kind of help."),
    gettext_noop("This form cannot be sent any more. Please open it again and send it anew."),
    # templates/treffs/_opening_hours.html: the staff's and the public Treff pages' table.
    gettext_noop("Opening hours of %(name)s"),
    gettext_noop("Day"),
    pgettext_lazy("times of day", "Hours"),
    gettext_noop("No opening hours entered yet."),
]
