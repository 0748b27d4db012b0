"""Every URL × every role, with the expected status of a GET written out as a table.

A URL of the application missing from the table fails the test, so a new page cannot
ship without someone deciding who may open it. Columns:

    anon   not logged in                    coord  coordinator of Franztreff
    city   city staff                       couns  visiting counsellor in Franztreff
    carr   carrier admin of Franztreff (DRK) vol   volunteer in Franztreff
    comm   committee member                 out    coordinator of Rosseltreff (outsider)
    ocarr  carrier admin of Rosseltreff     none   logged in, but without any role

Objects outside a user's Treffs answer 404, exactly like objects that do not exist; a
Treff the user may see but not change answers 403.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

COLUMNS = ["anon", "city", "carr", "coord", "couns", "vol", "comm", "out", "ocarr", "none"]
USERS = {
    "anon": "anonymous",
    "city": "city",
    "carr": "carrier",
    "coord": "coordinator",
    "couns": "counsellor",
    "vol": "volunteer",
    "comm": "committee",
    "out": "outsider",
    "ocarr": "other_carrier",
    "none": "no_role",
}

# fmt: off
# Rows that many URLs share. anon city carr coord couns vol  comm out  ocarr none
VIEW_PLAN   =               [302, 200, 200, 200,  200,  200, 403, 404, 404,  404]
MANAGE_PLAN =               [302, 403, 200, 200,  403,  403, 403, 404, 404,  404]
PUBLIC      =               [200, 200, 200, 200,  200,  200, 200, 200, 200,  200]
POST_ONLY   =               [302, 405, 405, 405,  405,  405, 405, 405, 405,  405]
# Counselling answers 404 to everyone who may not see it: "not allowed" looks like "missing".
COUNSEL     =               [302, 404, 404, 200,  200,  404, 404, 404, 404,  404]
NOTE_AUTHOR =               [302, 404, 404, 404,  200,  404, 404, 404, 404,  404]
COUNSEL_MGR =               [302, 404, 404, 200,  404,  404, 404, 404, 404,  404]
COUNSEL_STATS =             [302, 200, 200, 200,  404,  404, 404, 404, 404,  404]
# Daily operations: run by the Treff's people; the city reads figures only.
VIEW_OPS    =               [302, 403, 200, 200,  200,  200, 403, 404, 404,  404]
RECORD_OPS  =               [302, 403, 403, 200,  403,  200, 403, 404, 404,  404]
# The committee report (Fachkonzept §6): prepared and sent by the city, read by the committee.
CITY_ONLY   =               [302, 200, 403, 403,  403,  403, 403, 403, 403,  403]
COMMITTEE   =               [302, 200, 403, 403,  403,  403, 200, 403, 403,  403]
# Quality development (§6): the Treff's coordinator, its carrier and the city; nobody else.
QUALITY     =               [302, 200, 200, 200,  403,  403, 403, 404, 404,  404]
# Funding (§5): the city, the Treff's carrier and coordinator read it; the carrier keeps the
# plan and its expenses, the city decides and pays.
FUNDING     =               [302, 200, 200, 200,  403,  403, 403, 404, 404,  404]
FUND_CARR   =               [302, 403, 200, 403,  403,  403, 403, 404, 404,  404]
FUND_CITY   =               [302, 200, 403, 403,  403,  403, 403, 404, 404,  404]

# url name: (arguments, statuses in the order of COLUMNS)
MATRIX = {
    #                                         anon city carr coord couns vol  comm out  ocarr none
    "public:home":              ([],          [200, 200, 200, 200,  200,  200, 200, 200, 200,  200]),
    "dashboard:home":           ([],          [302, 200, 200, 200,  200,  200, 200, 200, 200,  403]),
    "dashboard:figures":        ([],          [302, 200, 200, 200,  403,  403, 200, 200, 200,  403]),
    "dashboard:figures_export": ([],          POST_ONLY),
    "reports:report":           ([],          [302, 200, 200, 200,  403,  403, 200, 200, 200,  403]),
    # The committee report: the city writes and sends it, the committee reads what was sent.
    "reports:committee_list":   ([],          COMMITTEE),
    "reports:committee_create": ([],          CITY_ONLY),
    "reports:committee_detail": (["CR"],      CITY_ONLY),
    "reports:committee_edit":   (["CR"],      CITY_ONLY),
    "reports:committee_preview": (["CR", "FMT"], POST_ONLY),
    "reports:committee_send":   (["CR"],      CITY_ONLY),
    "reports:version_download": (["CRV", "FMT"], COMMITTEE),
    "reports:open_data":        ([],          [302, 200, 200, 200,  403,  403, 200, 200, 200,  403]),
    # A public-grade file of one Treff: whoever reads its reports; another Treff's is a 404.
    "reports:open_data_csv":    (["F", "YEAR"], [302, 200, 200, 200, 403,  403, 200, 404, 404,  403]),
    "reports:open_data_json":   (["F", "YEAR"], [302, 200, 200, 200, 403,  403, 200, 404, 404,  403]),
    # A made file: only the person who asked for it (the city user here); others 404.
    "jobs:file":                (["FILE"],    [302, 200, 404, 404,  404,  404, 404, 404, 404,  404]),
    "jobs:file_download":       (["FILE"],    [302, 200, 404, 404,  404,  404, 404, 404, 404,  404]),
    "accounts:login":           ([],          [200, 302, 302, 302,  302,  302, 302, 302, 302,  302]),
    "accounts:logout":          ([],          [302, 405, 405, 405,  405,  405, 405, 405, 405,  405]),
    "accounts:password_change": ([],          [302, 200, 200, 200,  200,  200, 200, 200, 200,  200]),
    # Two-factor login, for anyone logged in (without an app: the step sends to the set-up;
    # codes are shown once, right after they are made, else back to the overview).
    "accounts:two_factor":      ([],          [302, 200, 200, 200,  200,  200, 200, 200, 200,  200]),
    "accounts:two_factor_verify": ([],        [302, 302, 302, 302,  302,  302, 302, 302, 302,  302]),
    "accounts:two_factor_setup": ([],         [302, 200, 200, 200,  200,  200, 200, 200, 200,  200]),
    "accounts:two_factor_codes": ([],         [302, 302, 302, 302,  302,  302, 302, 302, 302,  302]),
    # Changing the app or the codes asks for the password again; without an app, to the
    # overview (or the set-up for a new phone).
    "accounts:two_factor_new_codes": ([],     [302, 302, 302, 302,  302,  302, 302, 302, 302,  302]),
    "accounts:two_factor_new_phone": ([],     [302, 302, 302, 302,  302,  302, 302, 302, 302,  302]),
    "accounts:two_factor_remove": ([],        [302, 302, 302, 302,  302,  302, 302, 302, 302,  302]),
    "set_language":             ([],          [302, 302, 302, 302,  302,  302, 302, 302, 302,  302]),
    "treffs:create":            ([],          [302, 403, 200, 403,  403,  403, 403, 403, 200,  403]),
    "treffs:detail":            (["F"],       [302, 200, 200, 200,  200,  200, 403, 404, 404,  404]),
    "treffs:edit":              (["F"],       [302, 403, 200, 200,  403,  403, 403, 404, 404,  404]),
    "treffs:room_create":       (["F"],       [302, 403, 200, 200,  403,  403, 403, 404, 404,  404]),
    "treffs:room_import":       (["F"],       [302, 403, 200, 200,  403,  403, 403, 404, 404,  404]),
    "treffs:room_edit":         (["F", "R"],  [302, 403, 200, 200,  403,  403, 403, 404, 404,  404]),
    "treffs:room_delete":       (["F", "R"],  [302, 403, 200, 200,  403,  403, 403, 404, 404,  404]),
    "treffs:room_list":         ([],          [302, 200, 200, 200,  403,  403, 403, 200, 200,  403]),
    "treffs:room_export":       (["CSV"],     [302, 200, 200, 200,  403,  403, 403, 200, 200,  403]),
    "admin:index":              ([],          [302, 302, 302, 302,  302,  302, 302, 302, 302,  302]),
    # Set-up in the app (issue 17): organisations by the platform administrator (a superuser,
    # none of these columns); people and roles by those who may grant one (people.grants).
    "treffs:organisations":     ([],          [302, 403, 403, 403,  403,  403, 403, 403, 403,  403]),
    "treffs:organisation_create": ([],        [302, 403, 403, 403,  403,  403, 403, 403, 403,  403]),
    "treffs:organisation_edit": (["ORG"],     [302, 403, 403, 403,  403,  403, 403, 403, 403,  403]),
    "treffs:districts":         ([],          [302, 403, 403, 403,  403,  403, 403, 403, 403,  403]),
    "treffs:district_import":   ([],          POST_ONLY),
    "treffs:district_export":   (["CSV"],     [302, 403, 403, 403,  403,  403, 403, 403, 403,  403]),
    "people:people":            ([],          [302, 200, 200, 200,  403,  403, 403, 200, 200,  403]),
    "people:invite":            ([],          [302, 200, 200, 200,  403,  403, 403, 200, 200,  403]),
    "people:withdraw":          (["Q"],       POST_ONLY),
    # The Franztreff volunteer's role: granted (and so revoked) by the carrier and coordinator.
    "people:revoke":            (["MEM"],     [302, 404, 200, 200,  403,  403, 403, 404, 404,  403]),
    # An invitation link needs no login; one that is not (or no longer) valid answers 404.
    "people:accept":            (["INVTOKEN"], [404, 404, 404, 404, 404,  404, 404, 404, 404,  404]),
    # Offers and occupancy planning
    "offers:week":              (["F"],             VIEW_PLAN),
    "offers:month":             (["F"],             VIEW_PLAN),
    "offers:day":               (["F"],             VIEW_PLAN),
    "offers:room_overview":     (["F"],             VIEW_PLAN),
    "offers:week_pdf":          (["F"],             VIEW_PLAN),
    "offers:feeds":             (["F"],             VIEW_PLAN),
    "offers:feed_revoke":       (["F", "FEED"],     POST_ONLY),
    "offers:plan_settings":     (["F"],             MANAGE_PLAN),
    "offers:closure_delete":    (["F", "CL"],       POST_ONLY),
    "offers:ical_public":       (["F"],             PUBLIC),
    "offers:ical_offer":        (["F", "O"],        PUBLIC),
    "offers:ical_private":      (["TOKEN"],         PUBLIC),
    "offers:offer_list":        (["F"],             VIEW_PLAN),
    "offers:offer_export":     (["F", "CSV"],      VIEW_PLAN),
    "offers:offer_create":      (["F"],             MANAGE_PLAN),
    "offers:offer_edit":        (["F", "O"],        MANAGE_PLAN),
    "offers:offer_translations": (["F", "O"],       MANAGE_PLAN),
    "offers:offer_archive":     (["F", "O"],        MANAGE_PLAN),
    "offers:offer_restore":     (["F", "O"],        POST_ONLY),
    "offers:offer_delete":      (["F", "O"],        MANAGE_PLAN),
    "offers:series_create":     (["F"],             MANAGE_PLAN),
    "offers:series_detail":     (["F", "S"],        MANAGE_PLAN),
    "offers:series_edit":       (["F", "S"],        MANAGE_PLAN),
    "offers:series_delete":     (["F", "S"],        MANAGE_PLAN),
    "offers:series_change":     (["F", "S", "D"],   MANAGE_PLAN),
    "offers:series_restore":    (["F", "S", "C"],   POST_ONLY),
    "offers:plan_list":         (["F"],             VIEW_PLAN),
    "offers:plan_detail":       (["F", "PV"],       VIEW_PLAN),
    "offers:plan_action":       (["F", "PV", "ACT"], POST_ONLY),
    # Automatic planner
    "planner:planning_request_list":     (["F"],             MANAGE_PLAN),
    "planner:planning_request_create":   (["F"],             MANAGE_PLAN),
    "planner:planning_request_edit":     (["F", "PR"],       MANAGE_PLAN),
    "planner:planning_request_delete":   (["F", "PR"],       POST_ONLY),
    "planner:propose":          (["F"],             MANAGE_PLAN),
    "planner:run":              (["F", "RUN"],      MANAGE_PLAN),
    "planner:run_apply":        (["F", "RUN"],      POST_ONLY),
    "planner:run_retry":        (["F", "RUN"],      POST_ONLY),
    # Volunteers and neighbourhood help
    "volunteers:list":          (["F"],             MANAGE_PLAN),
    "volunteers:export":        (["F", "CSV"],      MANAGE_PLAN),
    "volunteers:create":        (["F"],             MANAGE_PLAN),
    "volunteers:edit":          (["F", "VOL"],      MANAGE_PLAN),
    "volunteers:help_list":     (["F"],             MANAGE_PLAN),
    "volunteers:help_intake":   (["F"],             MANAGE_PLAN),
    "volunteers:assign_all":    (["F"],             MANAGE_PLAN),
    "volunteers:help_detail":   (["F", "HR"],       MANAGE_PLAN),
    # Applications from the public form "Ich möchte mich engagieren": as the volunteers.
    "volunteers:applications":  (["F"],             MANAGE_PLAN),
    "volunteers:application_detail": (["F", "APP"], MANAGE_PLAN),
    # Ideas from the public form "Ihre Idee für den Treff": those who run the Treff.
    "ideas:list":               (["F"],             MANAGE_PLAN),
    "ideas:mark":               (["F", "IDEA"],     POST_ONLY),
    # Corrections show the seeker's address: the Treff's coordinator only, not the carrier.
    "volunteers:help_edit":     (["F", "HR"], [302, 403, 403, 200,  403,  403, 403, 404, 404,  404]),
    "volunteers:answer":        (["HR"],            POST_ONLY),
    "public:help":              (["F"],             PUBLIC),
    "public:volunteer":         (["F"],             PUBLIC),
    "public:idea":              (["F"],             PUBLIC),
    "public:treff":             (["F"],             PUBLIC),
    "public:treff_print":       (["F"],             PUBLIC),
    "public:offer":             (["F", "O"],        PUBLIC),
    "public:accessibility":     ([],                PUBLIC),
    "public:imprint":           ([],                PUBLIC),
    "public:privacy":           ([],                PUBLIC),
    "public:getting_help":      ([],                PUBLIC),
    "public:directory":         ([],                PUBLIC),
    "public:lunch":             ([],                PUBLIC),
    # The open-data API (treff/api): anonymous, read-only, public data only, for everyone.
    "api:api-root":             ([],                PUBLIC),
    "api:openapi-json":         ([],                PUBLIC),
    "api:treffs":               ([],                PUBLIC),
    "api:treff":                (["F"],             PUBLIC),
    "api:offers":               (["F"],             PUBLIC),
    "api:dates":                (["F"],             PUBLIC),
    "api:partners":             ([],                PUBLIC),
    "api:figures":              (["YEAR"],          PUBLIC),
    "volunteers:shifts":        (["F"],             MANAGE_PLAN),
    "volunteers:shift_template_create": (["F"],     MANAGE_PLAN),
    "volunteers:shift_template_edit": (["F", "ST"], MANAGE_PLAN),
    "volunteers:certificate":   (["F", "VOL", "YEAR"], MANAGE_PLAN),
    "volunteers:shift_toggle":  (["SH"],            POST_ONLY),
    "volunteers:shift_detail":  (["F", "SH"],       MANAGE_PLAN),
    "volunteers:qualification_add": (["F", "VOL"],  POST_ONLY),
    "volunteers:qualification_remove": (["F", "VOL", "Q"], POST_ONLY),
    #                                         anon city carr coord couns vol  comm out  ocarr none
    "volunteers:me":            ([],          [302, 404, 404, 404,  404,  200, 404, 404, 404,  404]),
    "volunteers:my_shifts":     ([],          [302, 404, 404, 404,  404,  200, 404, 404, 404,  404]),
    "volunteers:my_certificate": (["YEAR"],   [302, 404, 404, 404,  404,  200, 404, 404, 404,  404]),
    "offers:booking_request_list":      ([],          [302, 200, 200, 200,  200,  403, 403, 200, 200,  403]),
    "offers:booking_request_detail":    (["BR"],      [302, 200, 200, 200,  200,  403, 403, 404, 404,  404]),
    "offers:booking_request_create":    (["F"],       [302, 403, 403, 403,  200,  403, 403, 404, 404,  404]),
    # Partner directory: read by everyone with a role, kept by those who run Treffs
    # The audit trail: the city reads all of it, a coordinator their Treff's part.
    "audit:events":             ([],          [302, 200, 403, 200,  403,  403, 403, 200, 403,  403]),
    "partners:directory":       ([],          [302, 200, 200, 200,  200,  200, 200, 200, 200,  403]),
    "partners:export":          (["CSV"],     [302, 200, 200, 200,  200,  200, 200, 200, 200,  403]),
    "partners:detail":          (["PS"],      [302, 200, 200, 200,  200,  200, 200, 200, 200,  403]),
    "partners:create":          ([],          [302, 200, 200, 200,  403,  403, 403, 200, 200,  403]),
    "partners:import":          ([],          [302, 200, 200, 200,  403,  403, 403, 200, 200,  403]),
    "partners:edit":            (["PS"],      [302, 200, 200, 200,  403,  403, 403, 200, 200,  403]),
    # Counselling documentation
    "counselling:contacts":         (["F"],         COUNSEL),
    "counselling:contact_create":   (["F"],         COUNSEL),
    "counselling:contact_detail":   (["F", "CCO"],  COUNSEL),
    "counselling:contact_edit":     (["F", "CCO"],  COUNSEL),
    "counselling:follow_up_done":   (["F", "CCO"],  POST_ONLY),
    "counselling:note_edit":        (["F", "CNO"],  NOTE_AUTHOR),
    "counselling:clients":          (["F"],         COUNSEL),
    "counselling:client_create":    (["F"],         COUNSEL),
    "counselling:client_detail":    (["F", "CCL"],  COUNSEL),
    "counselling:client_edit":      (["F", "CCL"],  COUNSEL),
    "counselling:client_withdraw":  (["F", "CCL"],  COUNSEL),
    "counselling:client_export":    (["F", "CCL"],  COUNSEL_MGR),
    "counselling:client_export_json": (["F", "CCL"], COUNSEL_MGR),
    "counselling:client_erase":     (["F", "CCL"],  COUNSEL_MGR),
    "counselling:audit":            (["F"],         COUNSEL_MGR),
    "counselling:statistics":       (["F"],         COUNSEL_STATS),
    # Daily operations: tallies, lunch table, clothing store
    "operations:day":               (["F"],         VIEW_OPS),
    "operations:tally_drop_in":     (["F", "D"],    VIEW_OPS),
    "operations:tally":             (["F", "S", "D"], VIEW_OPS),
    "operations:lunch_list":        (["F"],         VIEW_OPS),
    "operations:lunch_create":      (["F"],         RECORD_OPS),
    "operations:lunch_edit":        (["F", "LD"],   RECORD_OPS),
    "operations:lunch_plan_add":    (["F", "D"],    MANAGE_PLAN),
    "operations:clothing_stock":    (["F"],         VIEW_OPS),
    "operations:clothing_history":  (["F"],         VIEW_OPS),
    "operations:donation_create":   (["F"],         RECORD_OPS),
    "operations:handout_create":    (["F"],         RECORD_OPS),
    "operations:swap_create":       (["F"],         RECORD_OPS),
    "operations:swap_edit":         (["F", "SW"],   RECORD_OPS),
    "operations:clothing_entry_remove": (["F", "DK", "DON"], POST_ONLY),
    # Quality development: meetings, action items, standards, the Treff's documents
    "quality:overview":             (["F"],         QUALITY),
    "quality:meeting_create":       (["F"],         QUALITY),
    "quality:meeting_detail":       (["F", "QM"],   QUALITY),
    "quality:meeting_edit":         (["F", "QM"],   QUALITY),
    "quality:meeting_pdf":          (["F", "QM"],   QUALITY),
    "quality:action_item_create":   (["F"],         QUALITY),
    "quality:action_item_edit":     (["F", "QA"],   QUALITY),
    "quality:action_item_done":     (["F", "QA"],   POST_ONLY),
    "quality:standard_create":      (["F"],         QUALITY),
    "quality:standard_detail":      (["F", "QS"],   QUALITY),
    "quality:standard_revise":      (["F", "QS"],   QUALITY),
    # The carrier submits its documents; the city reads and acknowledges them.
    "quality:document_create":      (["F"],         MANAGE_PLAN),
    "quality:document_detail":      (["F", "QD"],   QUALITY),
    "quality:document_upload":      (["F", "QD"],   MANAGE_PLAN),
    "quality:document_download":    (["F", "QD", "QV"], QUALITY),
    "quality:document_acknowledge": (["F", "QD", "QV"], POST_ONLY),

    # Funding (§5), part 1: a Treff's plans, notice, payments, expenses (views_plan.py).
    "funding:treff_overview":       (["F"],         FUNDING),
    "funding:plan_create":          (["F"],         FUND_CARR),
    "funding:plan_detail":          (["F", "FY"],   FUNDING),
    # The approved plan of 2026 is not edited: back to it with a message (302).
    "funding:plan_edit":            (["F", "FY"],   [302, 403, 302, 403,  403,  403, 403, 404, 404,  404]),
    "funding:plan_submit":          (["F", "FY2"],  POST_ONLY),
    # Only a submitted plan is returned or approved: the approved one goes back (302).
    "funding:plan_return":          (["F", "FY"],   [302, 302, 403, 403,  403,  403, 403, 404, 404,  404]),
    "funding:plan_approve":         (["F", "FY"],   [302, 302, 403, 403,  403,  403, 403, 404, 404,  404]),
    "funding:payment_create":       (["F", "FY"],   FUND_CITY),
    # The coordinator records expenses only where the plan has a limit (the 2026 plan has none).
    "funding:expense_create":       (["F", "FY"],   FUND_CARR),
    "funding:expense_edit":         (["F", "FY", "FE"], FUND_CARR),
    "funding:expense_delete":       (["F", "FY", "FE"], POST_ONLY),

    # Funding, part 2: the expense import, the overview, non-profit notices (views_overview.py).
    # The city-wide overview: who oversees or runs Treffs, and the committee (totals only).
    #                                         anon city carr coord couns vol  comm out  ocarr none
    "funding:overview":         ([],          [302, 200, 200, 200,  403,  403, 200, 200, 200,  403]),
    # Non-profit notices: the city reads all, a carrier's admins read and keep their own.
    "funding:non_profit":       ([],          [302, 200, 200, 403,  403,  403, 403, 403, 200,  403]),
    "funding:non_profit_create": (["ORG"],    [302, 403, 200, 404,  404,  404, 404, 404, 404,  404]),
    # The expense import and its templates: the Treff's carrier only.
    "funding:expense_import":   (["F", "FY"], [302, 403, 200, 403,  403,  403, 403, 404, 404,  404]),
    "funding:expense_template_csv": (["F", "FY"], [302, 403, 200, 403, 403, 403, 403, 404, 404, 404]),
    "funding:expense_template_xlsx": (["F", "FY"], [302, 403, 200, 403, 403, 403, 403, 404, 404, 404]),

    # Funding, part 3: the proof of use (views_proof.py).
    # Read by whoever reads the Treff's funding; the carrier edits (the proof is submitted:
    # back to the page, 302); the city decides; the comparison needs ?a=&b= (else 400).
    "funding:proof":          (["F", "FY"],        QUALITY),
    "funding:proof_edit":     (["F", "FY"],        [302, 403, 302, 403,  403,  403, 403, 404, 404,  404]),
    "funding:proof_start":    (["F", "FY"],        POST_ONLY),
    "funding:proof_submit":   (["F", "FY"],        POST_ONLY),
    "funding:proof_compare":  (["F", "FY"],        [302, 400, 400, 400,  403,  403, 403, 404, 404,  404]),
    "funding:proof_version":  (["F", "FY", "PVN"], QUALITY),
    "funding:proof_decide":   (["F", "FY", "PVN"], [302, 200, 403, 403,  403,  403, 403, 404, 404,  404]),
    "funding:proof_pdf":      (["F", "FY", "PVN"], QUALITY),
    "funding:proof_xlsx":     (["F", "FY", "PVN"], QUALITY),

}
# fmt: on

# The Django admin has hundreds of routes; it is covered by admin:index and the admin tests.
OWN_NAMESPACES = {
    "public",
    "dashboard",
    "accounts",
    "treffs",
    "offers",
    "planner",
    "volunteers",
    "partners",
    "counselling",
    "operations",
    "quality",
    "funding",
    "ideas",
    "",
}


def _route_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner == "admin":
                continue
            yield from _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    names = set(_route_names(get_resolver().url_patterns))
    assert names - set(MATRIX) == set()


def _url(world, name, args, extra):
    values = url_values(world, extra)
    return reverse(name, args=[values[arg] for arg in args])


def url_values(world, extra) -> dict:
    """The valid value of every argument name used in MATRIX."""
    plan = world.plan
    return {
        "F": world.franztreff.slug,
        "R": world.room.pk,
        "O": plan.offer.pk,
        "S": plan.series.pk,
        "D": plan.date.isoformat(),
        "C": plan.change.pk,
        "PV": plan.plan_version.pk,
        "BR": plan.booking_request.pk,
        "FEED": plan.feed.pk,
        "TOKEN": plan.feed.token,
        "ACT": "submit",
        "CL": 1,
        "PR": plan.planning_request.pk,
        "RUN": plan.planner_run.pk,
        "VOL": world.help.other_volunteer.pk,
        "HR": world.help.request.pk,
        "ST": world.help.template.pk,
        "SH": world.help.shift.pk,
        "Q": 1,  # any id: the page answers only POST
        "YEAR": 2026,
        "CSV": "csv",
        "ORG": world.drk.pk,
        "MEM": world.users["volunteer"].memberships.get().pk,
        "INVTOKEN": "kein-gueltiger-link",
        **extra,
    }


@pytest.mark.parametrize("column", COLUMNS)
def test_access_matrix(plan_world, help_world, daily_objects, client_for, column):
    world = plan_world
    client = client_for(USERS[column])
    actual = {}
    expected = {}
    for name, (args, statuses) in MATRIX.items():
        actual[name] = client.get(_url(world, name, args, daily_objects)).status_code
        expected[name] = statuses[COLUMNS.index(column)]
    assert actual == expected
