"""Every URL × every role, with the expected status of a POST written out as a table.

The GET table is in test_access_matrix.py; its docstring explains the columns. Every route
of the application is in this table too: no view refuses POST by its method alone (a page
that only shows something answers a POST like a GET), so every route accepts a POST from
someone, and a route missing here fails the test.

Each POST sends an empty form (a few send the one field that picks an action, POST_DATA):
the point is *who* may send it, not what a valid form does. An allowed POST answers 200 (the
form again, with its errors) or 302 (the action done, or refused with a message). It runs in
a savepoint that is rolled back, so every POST of a column meets the same world. Refusals
are not rolled back: after all of them, every row of every Treff table is as it was.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import get_resolver, reverse
from django_scopes import scopes_disabled

from treff.audit.models import AuditEvent
from treff.offers.models import ClosureDay
from treff.volunteers.models import HelpRequest
from treff.volunteers.models_shifts import VolunteerQualification

from .test_access_matrix import (
    COLUMNS,
    COUNSEL,
    COUNSEL_MGR,
    COUNSEL_STATS,
    FUND_CARR,
    FUND_CITY,
    FUNDING,
    MANAGE_PLAN,
    MATRIX,
    NOTE_AUTHOR,
    PUBLIC,
    QUALITY,
    RECORD_OPS,
    USERS,
    VIEW_OPS,
    VIEW_PLAN,
    _route_names,
    url_values,
)

# fmt: off
# Rows only POST has.         anon city carr coord couns vol  comm out  ocarr none
# An action of the plan's managers: done, then back to the page (302).
MANAGE_ACT  =                [302, 403, 302, 302,  403,  403, 403, 404, 404,  404]
# The same for a day it cannot do (no lunch day recorded): the page says why, with a 400.
MANAGE_ACT_REFUSED =      [302, 403, 400, 400,  403,  403, 403, 404, 404,  404]
# Counting visitors: the Treff's coordinator, counsellors and volunteers, not the carrier.
COUNT_OPS   =                [302, 403, 403, 200,  200,  200, 403, 404, 404,  404]
# Log in or out, language, admin: a redirect for everyone (the admin sends to its login).
ALWAYS_REDIRECT =            [302, 302, 302, 302,  302,  302, 302, 302, 302,  302]
# The city's own committee pages: a form with its errors, or a file.
CITY_POST   =                [302, 200, 403, 403,  403,  403, 403, 403, 403,  403]
# The carrier's steps of a proof of use (funding.edit_proof): done or refused, then back.
PROOF_CARRIER =              [302, 403, 302, 403,  403,  403, 403, 404, 404,  404]

# The open-data API (treff/api): no login, and no method but GET.
READ_ONLY_API =              [405, 405, 405, 405,  405,  405, 405, 405, 405,  405]

POST_MATRIX = {
    #                                  anon city carr coord couns vol  comm out  ocarr none
    "public:home":                     PUBLIC,
    "dashboard:home":                  [302, 200, 200, 200,  200,  200, 200, 200, 200,  403],
    "dashboard:figures":               [302, 200, 200, 200,  403,  403, 200, 200, 200,  403],
    # Without a year: back to the figures with the message; the same people as the page.
    "dashboard:figures_export":        [302, 302, 302, 302,  403,  403, 302, 302, 302,  403],
    "jobs:file":                       [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "audit:events":                    [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "reports:report":                  [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "reports:open_data":               [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "reports:open_data_csv":           [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "reports:open_data_json":          [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "jobs:file_download":              [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    # The committee report: lists and downloads only show; an empty draft form comes back
    # with its errors (200); a preview answers the file (200); sending sends (302).
    "reports:committee_list":          [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "reports:committee_create":        CITY_POST,
    "reports:committee_detail":        [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "reports:committee_edit":          CITY_POST,
    "reports:committee_preview":       CITY_POST,
    "reports:committee_send":          [302, 302, 403, 403,  403,  403, 403, 403, 403,  403],
    "reports:version_download":        [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "accounts:login":                  [200, 302, 302, 302,  302,  302, 302, 302, 302,  302],
    "accounts:logout":                 ALWAYS_REDIRECT,
    "accounts:password_change":        [302, 200, 200, 200,  200,  200, 200, 200, 200,  200],
    # Without an app: the step sends to the set-up, new codes and "off" to the overview; an
    # empty code on the set-up comes back with its error.
    "accounts:two_factor":             [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "accounts:two_factor_verify":      ALWAYS_REDIRECT,
    "accounts:two_factor_setup":       [302, 200, 200, 200,  200,  200, 200, 200, 200,  200],
    "accounts:two_factor_codes":       [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "accounts:two_factor_new_codes":   ALWAYS_REDIRECT,
    "accounts:two_factor_new_phone":   ALWAYS_REDIRECT,
    "accounts:two_factor_remove":      ALWAYS_REDIRECT,
    "set_language":                    ALWAYS_REDIRECT,
    "treffs:create":                   [302, 403, 200, 403,  403,  403, 403, 403, 200,  403],
    "treffs:detail":                   VIEW_PLAN,
    "treffs:edit":                     MANAGE_PLAN,
    "treffs:room_create":              MANAGE_PLAN,
    "treffs:room_import":              MANAGE_PLAN,
    "treffs:room_edit":                MANAGE_PLAN,
    "treffs:room_delete":              MANAGE_PLAN,
    "treffs:room_list":                [302, 200, 200, 200,  403,  403, 403, 200, 200,  403],
    "treffs:room_export":              [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "admin:index":                     ALWAYS_REDIRECT,
    # Offers and occupancy planning
    "offers:week":                     VIEW_PLAN,
    "offers:month":                    VIEW_PLAN,
    "offers:day":                      VIEW_PLAN,
    "offers:room_overview":            VIEW_PLAN,
    "offers:week_pdf":                 VIEW_PLAN,
    # Everyone who reads the plan may make a feed of their own...
    "offers:feeds":                    [302, 302, 302, 302,  302,  302, 403, 404, 404,  404],
    # ...and revoke only their own: the world's feed is the coordinator's.
    "offers:feed_revoke":              [302, 404, 404, 302,  404,  404, 403, 404, 404,  404],
    "offers:plan_settings":            MANAGE_PLAN,
    "offers:closure_delete":           MANAGE_ACT,
    "offers:ical_public":              PUBLIC,
    "offers:ical_offer":               PUBLIC,
    "offers:ical_private":             PUBLIC,
    "offers:offer_list":               VIEW_PLAN,
    "offers:offer_export":             [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "offers:offer_create":             MANAGE_PLAN,
    "offers:offer_edit":               MANAGE_PLAN,
    "offers:offer_translations":       MANAGE_PLAN,
    "offers:offer_archive":            MANAGE_ACT,
    "offers:offer_restore":            MANAGE_ACT,
    "offers:offer_delete":             MANAGE_ACT,
    "offers:series_create":            MANAGE_PLAN,
    "offers:series_detail":            MANAGE_PLAN,
    "offers:series_edit":              MANAGE_PLAN,
    "offers:series_delete":            MANAGE_ACT,
    "offers:series_change":            MANAGE_PLAN,
    "offers:series_restore":           MANAGE_ACT,
    # Everyone who reads the plan sees its versions; only its managers make one.
    "offers:plan_list":                MANAGE_PLAN,
    "offers:plan_detail":              VIEW_PLAN,
    "offers:plan_action":              MANAGE_ACT,
    # Automatic planner
    "planner:planning_request_list":    MANAGE_PLAN,
    "planner:planning_request_create":  MANAGE_PLAN,
    "planner:planning_request_edit":    MANAGE_PLAN,
    "planner:planning_request_delete":  MANAGE_ACT,
    "planner:propose":                 MANAGE_PLAN,
    "planner:run":                     MANAGE_PLAN,
    "planner:run_apply":               MANAGE_ACT,
    "planner:run_retry":               MANAGE_ACT,
    # Volunteers and neighbourhood help
    "volunteers:list":                 MANAGE_PLAN,
    "volunteers:export":               [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "volunteers:create":               MANAGE_PLAN,
    "volunteers:edit":                 MANAGE_PLAN,
    "volunteers:help_list":            MANAGE_PLAN,
    "volunteers:help_intake":          MANAGE_PLAN,
    "volunteers:assign_all":           MANAGE_ACT,
    "volunteers:help_detail":          MANAGE_ACT,
    # Declining an application (POST_DATA) is done, then back to the list.
    "volunteers:applications":         MANAGE_PLAN,
    "volunteers:application_detail":   MANAGE_ACT,
    # An empty mark is refused with a message, back to the list of ideas.
    "ideas:list":                      MANAGE_PLAN,
    "ideas:mark":                      MANAGE_ACT,
    "volunteers:help_edit":            [302, 403, 403, 200,  403,  403, 403, 404, 404,  404],
    # Only the volunteer the request was proposed to answers it.
    "volunteers:answer":               [302, 404, 404, 404,  404,  302, 404, 404, 404,  404],
    "public:help":                     PUBLIC,
    "public:volunteer":                PUBLIC,
    "public:idea":                     PUBLIC,
    "public:treff":                    PUBLIC,
    "public:treff_print":              PUBLIC,
    "public:offer":                    PUBLIC,
    "public:accessibility":            PUBLIC,
    "public:imprint":                  PUBLIC,
    "public:privacy":                  PUBLIC,
    "public:getting_help":             PUBLIC,
    "public:directory":                PUBLIC,
    "public:lunch":                    PUBLIC,
    # The open-data API only reads: a POST is a 405 for everyone, no login asked for.
    "api:api-root":                    READ_ONLY_API,
    "api:openapi-json":                READ_ONLY_API,
    "api:treffs":                      READ_ONLY_API,
    "api:treff":                       READ_ONLY_API,
    "api:offers":                      READ_ONLY_API,
    "api:dates":                       READ_ONLY_API,
    "api:partners":                    READ_ONLY_API,
    "api:figures":                     READ_ONLY_API,
    "volunteers:shifts":               MANAGE_PLAN,
    "volunteers:shift_template_create": MANAGE_PLAN,
    "volunteers:shift_template_edit":  MANAGE_PLAN,
    "volunteers:certificate":          MANAGE_PLAN,
    "volunteers:shift_toggle":         [302, 404, 404, 404,  404,  302, 404, 404, 404,  404],
    "volunteers:shift_detail":         MANAGE_PLAN,
    "volunteers:qualification_add":    MANAGE_PLAN,
    "volunteers:qualification_remove": MANAGE_ACT,
    "volunteers:me":                   [302, 404, 404, 404,  404,  200, 404, 404, 404,  404],
    "volunteers:my_shifts":            [302, 404, 404, 404,  404,  200, 404, 404, 404,  404],
    "volunteers:my_certificate":       [302, 404, 404, 404,  404,  200, 404, 404, 404,  404],
    "offers:booking_request_list":      [302, 200, 200, 200,  200,  403, 403, 200, 200,  403],
    # The city and the counsellor read a booking request; its Treff's managers answer it.
    "offers:booking_request_detail":    MANAGE_PLAN,
    "offers:booking_request_create":    [302, 403, 403, 403,  200,  403, 403, 404, 404,  404],
    # Partner directory
    "partners:directory":              [302, 200, 200, 200,  200,  200, 200, 200, 200,  403],
    "partners:export":                 [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "partners:detail":                 [302, 200, 200, 200,  200,  200, 200, 200, 200,  403],
    "partners:create":                 [302, 200, 200, 200,  403,  403, 403, 200, 200,  403],
    "partners:import":                 [302, 200, 200, 200,  403,  403, 403, 200, 200,  403],
    "partners:edit":                   [302, 200, 200, 200,  403,  403, 403, 200, 200,  403],
    # Counselling documentation
    "counselling:contacts":            COUNSEL,
    "counselling:contact_create":      COUNSEL,
    "counselling:contact_detail":      COUNSEL,
    "counselling:contact_edit":        COUNSEL,
    "counselling:follow_up_done":      [302, 404, 404, 302,  302,  404, 404, 404, 404,  404],
    "counselling:note_edit":           NOTE_AUTHOR,
    "counselling:clients":             COUNSEL,
    "counselling:client_create":       COUNSEL,
    "counselling:client_detail":       COUNSEL,
    "counselling:client_edit":         COUNSEL,
    "counselling:client_withdraw":     COUNSEL,
    "counselling:client_export":       COUNSEL_MGR,
    "counselling:client_export_json":  COUNSEL_MGR,
    "counselling:client_erase":        COUNSEL_MGR,
    "counselling:audit":               COUNSEL_MGR,
    "counselling:statistics":          COUNSEL_STATS,
    # Quality development: an empty form answers with its errors (200); marking an item done
    # is for those taking part or its owner; acknowledging a document for the city alone.
    "quality:overview":                QUALITY,
    "quality:meeting_create":          QUALITY,
    "quality:meeting_detail":          QUALITY,
    "quality:meeting_edit":            QUALITY,
    "quality:meeting_pdf":             QUALITY,
    "quality:action_item_create":      QUALITY,
    "quality:action_item_edit":        QUALITY,
    "quality:action_item_done":        [302, 302, 302, 302,  403,  403, 403, 404, 404,  404],
    "quality:standard_create":         QUALITY,
    "quality:standard_detail":         QUALITY,
    "quality:standard_revise":         QUALITY,
    "quality:document_create":         MANAGE_PLAN,
    "quality:document_detail":         QUALITY,
    "quality:document_upload":         MANAGE_PLAN,
    "quality:document_download":       QUALITY,
    "quality:document_acknowledge":    [302, 302, 403, 403,  403,  403, 403, 404, 404,  404],
    # Funding, part 2: the overview and the templates only show; the forms as for GET.
    "funding:overview":                [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "funding:non_profit":              [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "funding:non_profit_create":       [302, 403, 200, 404,  404,  404, 404, 404, 404,  404],
    "funding:expense_import":          [302, 403, 200, 403,  403,  403, 403, 404, 404,  404],
    "funding:expense_template_csv":    [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "funding:expense_template_xlsx":   [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    # Daily operations
    "operations:day":                  VIEW_OPS,
    "operations:tally_drop_in":        COUNT_OPS,
    "operations:tally":                COUNT_OPS,
    "operations:lunch_list":           VIEW_OPS,
    "operations:lunch_create":         RECORD_OPS,
    "operations:lunch_edit":           RECORD_OPS,
    "operations:lunch_plan_add":       MANAGE_ACT_REFUSED,
    "operations:clothing_stock":       VIEW_OPS,
    "operations:clothing_history":     VIEW_OPS,
    "operations:donation_create":      RECORD_OPS,
    "operations:handout_create":       RECORD_OPS,
    "operations:swap_create":          RECORD_OPS,
    "operations:swap_edit":            RECORD_OPS,
    "operations:clothing_entry_remove": [302, 403, 403, 302, 403,  403, 403, 404, 404,  404],
    # Funding, plans: an empty form answers with its errors (200); a step the plan's state
    # does not allow goes back to the plan (302); submitting the balanced 2027 draft and
    # deleting an expense are done (302).
    "funding:treff_overview":          FUNDING,
    "funding:plan_create":             FUND_CARR,
    "funding:plan_detail":             FUNDING,
    "funding:plan_edit":               [302, 403, 302, 403,  403,  403, 403, 404, 404,  404],
    "funding:plan_submit":             [302, 403, 302, 403,  403,  403, 403, 404, 404,  404],
    "funding:plan_return":             [302, 302, 403, 403,  403,  403, 403, 404, 404,  404],
    "funding:plan_approve":            [302, 302, 403, 403,  403,  403, 403, 404, 404,  404],
    "funding:payment_create":          FUND_CITY,
    "funding:expense_create":          FUND_CARR,
    "funding:expense_edit":            FUND_CARR,
    "funding:expense_delete":          [302, 403, 302, 403,  403,  403, 403, 404, 404,  404],
    # Funding, the proof of use: pages that only show refuse POST; the carrier's actions on
    # a submitted proof are refused with a message (302); the city's decision form comes
    # back with its errors (200).
    "funding:proof":                   [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "funding:proof_edit":              PROOF_CARRIER,
    "funding:proof_start":             PROOF_CARRIER,
    "funding:proof_submit":            PROOF_CARRIER,
    "funding:proof_compare":           [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "funding:proof_version":           [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "funding:proof_decide":            [302, 200, 403, 403,  403,  403, 403, 404, 404,  404],
    "funding:proof_pdf":               [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "funding:proof_xlsx":              [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    # Set-up in the app (issue 17): an empty invitation comes back with its errors; there is
    # no invitation to withdraw (404 for those who may); the volunteer's role is taken away.
    "treffs:organisations":            [302, 403, 403, 403,  403,  403, 403, 403, 403,  403],
    "treffs:organisation_create":      [302, 403, 403, 403,  403,  403, 403, 403, 403,  403],
    "treffs:organisation_edit":        [302, 403, 403, 403,  403,  403, 403, 403, 403,  403],
    "treffs:districts":                [302, 403, 403, 403,  403,  403, 403, 403, 403,  403],
    "treffs:district_import":          [302, 403, 403, 403,  403,  403, 403, 403, 403,  403],
    "treffs:district_export":          [302, 405, 405, 405,  405,  405, 405, 405, 405,  405],
    "people:people":                   [302, 200, 200, 200,  403,  403, 403, 200, 200,  403],
    "people:invite":                   [302, 200, 200, 200,  403,  403, 403, 200, 200,  403],
    "people:withdraw":                 [302, 404, 404, 404,  403,  403, 403, 404, 404,  403],
    "people:revoke":                   [302, 404, 302, 302,  403,  403, 403, 404, 404,  403],
    "people:accept":                   [404, 404, 404, 404,  404,  404, 404, 404, 404,  404],
}
# fmt: on

# An empty POST to these would only answer "unknown action" (404): each sends a real one.
POST_DATA = {
    "volunteers:help_detail": {"action": "no_match"},
    "volunteers:application_detail": {"action": "decline"},
}

# Anonymous POSTs are sent to the login page, except these (they need no login).
ANONYMOUS_ELSEWHERE = {"set_language"}


def test_every_url_is_in_the_post_matrix():
    names = set(_route_names(get_resolver().url_patterns))
    assert names - set(POST_MATRIX) == set()
    # The admin's own routes are left out of `names`; its index stands for all of them.
    assert set(POST_MATRIX) - names == {"admin:index"}


def _refused(column: str, status: int) -> bool:
    """A refusal: not allowed (403), hidden (404), wrong method (405), or sent to log in."""
    return status in (403, 404, 405) or (column == "anon" and status == 302)


def _snapshot() -> dict:
    """Every row of every model of Treff's apps and of the users, as plain values, except
    the "access refused" events of the audit trail (treff.audit; counselling's refusals
    among them): one is written for every refusal on purpose, the only trace a refusal may
    leave.

    Scopes are off because the snapshot must see both Treffs' rows at once: a refused POST
    must change nothing anywhere, in the user's own Treff or in the other one."""
    models = [m for m in apps.get_models() if m.__module__.startswith("treff.")]
    with scopes_disabled():
        rows = {
            model._meta.label: model._base_manager.order_by("pk")
            for model in [*models, get_user_model()]
        }
        rows[AuditEvent._meta.label] = rows[AuditEvent._meta.label].exclude(
            kind=AuditEvent.Kind.DENIED
        )
        return {label: list(query.values()) for label, query in rows.items()}


def _post_objects(world, extra) -> dict:
    """The objects the GET table needs no real row for (it only sees 405), and the help
    request proposed to the volunteer user, who alone may answer it."""
    import datetime as dt

    with scopes_disabled():
        closure = ClosureDay.objects.create(
            treff=world.franztreff, date=dt.date(2027, 1, 28), reason="Betriebsausflug"
        )
        qualification = VolunteerQualification.objects.create(
            volunteer=world.help.other_volunteer,
            kind="first_aid",
            obtained_on=dt.date(2026, 3, 1),
            valid_until=dt.date(2028, 2, 29),
        )
        HelpRequest.objects.filter(pk=world.help.request.pk).update(
            volunteer=world.help.volunteer, status=HelpRequest.Status.PROPOSED
        )
    return url_values(world, {**extra, "CL": closure.pk, "Q": qualification.pk})


@pytest.mark.parametrize("column", COLUMNS)
def test_post_matrix(plan_world, help_world, daily_objects, client_for, column):
    values = _post_objects(plan_world, daily_objects)
    client = client_for(USERS[column])
    # Logging out ends the session the other POSTs need: it goes last.
    names = sorted(MATRIX, key=lambda name: name == "accounts:logout")
    before = _snapshot()
    actual, expected, elsewhere = {}, {}, set()
    for name in names:
        url = reverse(name, args=[values[arg] for arg in MATRIX[name][0]])
        data = POST_DATA.get(name, {})
        expected[name] = POST_MATRIX[name][COLUMNS.index(column)]
        if _refused(column, expected[name]):
            response = client.post(url, data)
        else:
            with transaction.atomic():
                response = client.post(url, data)
                transaction.set_rollback(True)
        actual[name] = response.status_code
        login = ("/accounts/login/", "/admin/login/")
        if response.status_code == 302 and not response["Location"].startswith(login):
            elsewhere.add(name)
    assert actual == expected
    assert _snapshot() == before
    if column == "anon":
        assert elsewhere == ANONYMOUS_ELSEWHERE
