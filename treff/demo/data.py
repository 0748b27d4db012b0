"""Demo data from the Fachkonzept of the city of Dessau-Roßlau (shared/seeds, 08/2020).

Organisation names, the Treffs' names, the Franztreff's address, the districts and the room
kinds (§4.3) are taken from the Fachkonzept; people, contact details and capacities are
invented. Rosseltreff's site was still being chosen (§4.2), so it has no street address.
"""

import datetime as dt

CITY = {
    "name": "Stadt Dessau-Roßlau",
    "department": "Amt für Soziales und Integration",
    "kind": "city",
    "street": "Zerbster Straße 4",
    "postal_code": "06844",
    "city": "Dessau-Roßlau",
    "phone": "0340 204-2050",
    "email": "sozialamt@dessau-rosslau.de",
    "website": "https://www.dessau-rosslau.de",
}

CARRIERS = {
    "drk": {"name": "DRK Kreisverband Dessau e.V.", "kind": "carrier", "city": "Dessau-Roßlau"},
    "awo": {"name": "AWO Kreisverband Dessau e.V.", "kind": "carrier", "city": "Dessau-Roßlau"},
}

# Partner services named in Fachkonzept §3; they provide offers and visiting counselling.
PARTNERS = {
    "schuldnerberatung": {"name": "Schuldner- und Insolvenzberatung Dessau-Roßlau"},
    "suchtberatung": {"name": "Suchtberatungsstelle Dessau-Roßlau"},
    "tafel": {"name": "Dessauer Tafel e.V."},
    "jobcenter": {"name": "Jobcenter Dessau-Roßlau"},
    "dwg": {"name": "Dessauer Wohnungsbaugesellschaft mbH (DWG)"},
    "dvv": {"name": "Dessauer Versorgungs- und Verkehrsgesellschaft mbH (DVV)"},
}

WEEKDAYS_9_TO_17 = [(weekday, dt.time(9), dt.time(17)) for weekday in range(5)]
BARRIER_FREE_SITE = ["step_free", "toilet", "wide_doors", "seating"]

TREFFS = {
    "franztreff": {
        "name": "Franztreff",
        "carrier": "drk",
        "street": "Franzstraße 147",
        "postal_code": "06842",
        "city": "Dessau-Roßlau",
        "holiday_state": "ST",
        "district": "Sozialraum IV – Innenstadt (Quartier Am Leipziger Tor)",
        "phone": "0340 000-1147",
        "email": "franztreff@example.org",
        "description": (
            "Angebotstreff im Quartier Am Leipziger Tor: Beratung, Mittagstisch, Kleiderkammer "
            "und Nachbarschaftshilfe in einer barrierefreien Erdgeschosswohnung."
        ),
        "start_date": dt.date(2020, 10, 1),
        "accessibility": BARRIER_FREE_SITE,
        "accessibility_notes": "Eingang ebenerdig von der Franzstraße.",
        # Invented directions, as everything in the demo.
        "transport_stop": "Bus 10 und 11: Haltestelle Leipziger Tor (3 Minuten zu Fuß)",
        "entrance": "Eingang an der Franzstraße, Klingel „Treff“; Rampe rechts neben der Tür",
        "opening_hours": WEEKDAYS_9_TO_17,
        "rooms": [
            ("Büro Koordination", "office", 3, ["computer", "phone", "cabinet", "wifi"]),
            ("Beratungsraum Koordination", "coord_counselling", 4, ["cabinet", "tables"]),
            ("Beratungsraum Gastberatung", "visit_counselling", 4, ["cabinet", "phone", "tables"]),
            ("Küche", "kitchen", 6, ["stove", "dishwasher"]),
            ("Lager", "storage", 2, ["shelves"]),
            ("Sanitärbereich", "sanitary", 1, []),
            ("Gruppenraum", "group", 12, ["tables", "whiteboard", "projector"]),
            ("Begegnungsraum", "open_area", 24, ["tables", "computer", "wifi"]),
        ],
    },
    "rosseltreff": {
        "name": "Rosseltreff",
        "carrier": "awo",
        "postal_code": "06862",
        "city": "Dessau-Roßlau",
        "holiday_state": "ST",
        "district": "Stadtteil Roßlau",
        "email": "rosseltreff@example.org",
        "description": (
            "Angebotstreff im Stadtteil Roßlau, Nachfolge des Seniorentreffs: Begegnung, "
            "Beratung und Nachbarschaftshilfe für alle Generationen."
        ),
        "accessibility": [*BARRIER_FREE_SITE, "parking"],
        "transport_stop": "Bus 17: Haltestelle Roßlau Markt (5 Minuten zu Fuß)",
        "entrance": "Haupteingang im Hof, Parkplätze für Menschen mit Behinderung am Eingang",
        "opening_hours": WEEKDAYS_9_TO_17,
        "rooms": [
            ("Büro Koordination", "office", 2, ["computer", "phone", "cabinet", "wifi"]),
            ("Beratungsraum Koordination", "coord_counselling", 4, ["cabinet", "tables"]),
            ("Beratungsraum Gastberatung", "visit_counselling", 4, ["cabinet", "phone", "tables"]),
            ("Küche", "kitchen", 8, ["stove", "dishwasher"]),
            ("Lager", "storage", 2, ["shelves"]),
            ("Sanitärbereich", "sanitary", 1, []),
            ("Kleiner Gruppenraum", "group", 8, ["tables", "whiteboard"]),
            ("Großer Gruppenraum", "group", 20, ["tables", "projector", "wifi"]),
            ("Begegnungsraum", "open_area", 30, ["tables", "computer", "wifi"]),
            ("Garten mit Café-Terrasse", "outdoor", 16, ["tables"]),
        ],
    },
}

# username: (first name, last name, role, where) — where names a Treff, a carrier or the city.
USERS = {
    "stadt": ("Katrin", "Lehmann", "city_staff", "city"),
    "drk": ("Thomas", "Schulze", "carrier_admin", "drk"),
    "awo": ("Petra", "Wagner", "carrier_admin", "awo"),
    "franztreff": ("Anna", "Becker", "coordinator", "franztreff"),
    "rosseltreff": ("Michael", "Hoffmann", "coordinator", "rosseltreff"),
    "beratung": ("Sandra", "Richter", "counsellor", "franztreff"),
    "ehrenamt": ("Gerda", "Neumann", "volunteer", "franztreff"),
    "ausschuss": ("Frank", "Schröder", "committee", None),
}
COUNSELLOR_ORGANISATION = {"beratung": "schuldnerberatung"}
DEMO_PASSWORD = "demo"  # noqa: S105 -- the documented demo password, refused outside demo mode
