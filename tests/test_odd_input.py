"""No server error on odd input: every URL of the access matrix, fed odd values.

Hypothesis walks every URL with far and impossible dates, huge ids and bad strings — in the
path and in the query string — and then every form a role can open, posting odd values into
each of its fields. A status of 500 or more (or an exception, which the test client raises)
fails. The issue's own examples are pinned with their exact status first.

The walk is derandomised: the same examples run on every machine, in every order.
"""

import html.parser
import re

import pytest
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_access_matrix import MATRIX, _url, url_values

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

ODD_DATES = [
    "9999-12-31",
    "0000-01-01",
    "0001-01-01",
    "1999-12-31",
    "2100-01-01",
    "2027-02-30",
    "2027-13-01",
    "2027-00-10",
    "2027-6-1",
    "20270612",
    "2027-W05",
    "12.06.2027",
    "-2027-01-01",
]
ODD_STRINGS = [
    "",
    "abc",
    "-1",
    "0",
    "1.5",
    "１２",
    "²⁰²⁶",
    "¹²",
    "99999999999999999999999",
    "9223372036854775808",
    "x" * 10_000,
    "\x00",
    "a\x00b",
    "%00",
    "<script>",
    "' OR 1=1 --",
    "😀",
    "\u202e",
    " ",
]
ODD_MONTHS = [
    "9999-12",
    "0000-01",
    "0001-01",
    "2027-13",
    "2027-00",
    "2027",
    "2027-1-1",
    "abc",
    "-1-1",
]
ODD_VALUES = st.sampled_from(ODD_DATES + ODD_STRINGS + ODD_MONTHS) | st.text(max_size=30)
# Every query parameter a page of Treff reads, plus one it does not.
QUERY_NAMES = [
    "date",
    "month",
    "year",
    "week",
    "page",
    "room",
    "offer",
    "client",
    "record",
    "category",
    "kind",
    "status",
    "language",
    "q",
    "next",
    "treff",
    "unknown",
]
NAMES = sorted(MATRIX)
# The outsider and the other carrier meet the same 404s as anonymous users meet redirects.
FUZZ_USERS = ["anonymous", "coordinator", "city", "counsellor", "volunteer"]


def _path_values(name: str) -> st.SearchStrategy:
    """Path arguments: each one either kept or replaced by an odd value that still routes."""
    args = MATRIX[name][0]
    odd = {
        "F": st.sampled_from(["rosseltreff", "no-such-treff", "a" * 60, "-", "x"]),
        "D": st.sampled_from([*ODD_DATES, "abc", "2027-06-12x"]),
        "ACT": st.sampled_from(["approve", "return", "delete", "abc", "submit"]),
        "DK": st.sampled_from(["handout", "swap", "abc"]),
        "TOKEN": st.sampled_from(["x", "t" * 43, "a" * 200]),
    }
    # Ids route only as 1 to 18 digits (the <id:…> converter); 19 digits must be a 404.
    ids = st.sampled_from(["0", "999999999999999999", "9223372036854775807"])
    return st.fixed_dictionaries(
        {arg: st.none() | odd.get(arg, ids) for arg in args},
    )


def _odd_url(world, objects, name: str, overrides: dict) -> str:
    """The URL of `name` with some arguments replaced; the valid URL if they cannot route."""
    valid = url_values(world, objects)
    args = [valid[arg] if overrides.get(arg) is None else overrides[arg] for arg in MATRIX[name][0]]
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return reverse(name, args=[valid[arg] for arg in MATRIX[name][0]])


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/treffs/franztreff/plan/week/?date=9999-12-31", 400),
        ("/treffs/franztreff/plan/month/?date=0001-01-01", 400),
        ("/treffs/franztreff/plan/day/?date=2027-02-30", 400),
        ("/treffs/franztreff/lunch/?month=9999-12", 400),
        ("/treffs/franztreff/lunch/?month=2027-13", 400),
        ("/treffs/franztreff/lunch/?month=0000-01", 400),
        ("/treffs/franztreff/clothing/history/?month=0000-01", 400),
        ("/treffs/franztreff/counselling/?month=0000-12", 200),
        ("/treffs/franztreff/day/?date=abc", 400),
        ("/treffs/franztreff/plan/week/?date=2027-06-14", 200),
        ("/treffs/franztreff/lunch/?month=2027-06", 200),
        ("/treffs/franztreff/rooms/99999999999999999999/edit/", 404),
    ],
)
def test_the_issues_examples_answer_a_clear_status(plan_world, client_for, url, status):
    response = client_for("coordinator").get(url)
    assert response.status_code == status


def test_a_bad_query_date_names_the_value_and_the_range(plan_world, client_for):
    response = client_for("coordinator").get("/treffs/franztreff/plan/week/?date=9999-12-31")
    text = response.content.decode()
    assert response.status_code == 400
    assert "„9999-12-31“ ist kein Datum" in text or "“9999-12-31” is not a date" in text


def _all_params(value: str) -> dict:
    return dict.fromkeys(QUERY_NAMES, value)


# Every query parameter at once with the same odd value: each page meets each kind of value.
ODD_QUERIES = [
    _all_params("9999-12-31"),
    _all_params("2027-02-30"),
    _all_params("9999-12"),
    _all_params("0000-01"),
    _all_params("99999999999999999999"),
    _all_params("\x00"),
    _all_params("x" * 2000),
]
ODD_PATH_VALUES = {
    "F": ["rosseltreff", "no-such-treff", "a" * 60],
    "D": ["9999-12-31", "0001-01-01", "2027-02-30", "20270612", "abc"],
    "ACT": ["approve", "return", "delete", "abc"],
    "DK": ["handout", "swap", "abc"],
    "TOKEN": ["x", "a" * 200],
    "FMT": ["doc", "PDF", "a" * 60],
}
ODD_IDS = ["0", "999999999999999999"]


def _get(client, url, query=None):
    with transaction.atomic():
        response = client.get(url, query or {})
        transaction.set_rollback(True)
    return response


PARTS = 4  # the walk below in parts, so that they can run side by side


@pytest.mark.parametrize("part", range(PARTS))
@pytest.mark.parametrize("user", FUZZ_USERS)
def test_no_get_answers_a_server_error(
    plan_world, help_world, daily_objects, client_for, user, part
):
    """Every URL with every query parameter odd, and each path argument odd in turn (every
    PARTS-th URL from `part` on)."""
    world = plan_world
    client = client_for(user)
    valid = url_values(world, daily_objects)
    failures = []
    for name in NAMES[part::PARTS]:
        args = MATRIX[name][0]
        url = _url(world, name, args, daily_objects)
        for query in ODD_QUERIES:
            if (status := _get(client, url, query).status_code) >= 500:
                failures.append((url, query["date"][:20], status))
        for position, arg in enumerate(args):
            for value in ODD_PATH_VALUES.get(arg, ODD_IDS):
                values = [valid[a] for a in args]
                values[position] = value
                try:
                    odd = reverse(name, args=values)
                except NoReverseMatch:
                    continue
                if (status := _get(client, odd).status_code) >= 500:
                    failures.append((odd, "", status))
    assert failures == []


@pytest.mark.parametrize("user", ["coordinator", "anonymous"])
def test_no_random_get_answers_a_server_error(
    plan_world, help_world, daily_objects, client_for, user
):
    """Random combinations on top of the systematic walk above."""
    world = plan_world
    client = client_for(user)

    @settings(FUZZ, max_examples=300)
    @given(
        name=st.sampled_from(NAMES),
        data=st.data(),
        query=st.dictionaries(st.sampled_from(QUERY_NAMES), ODD_VALUES, max_size=3),
    )
    def walk(name, data, query):
        url = _odd_url(world, daily_objects, name, data.draw(_path_values(name)))
        response = _get(client, url, query)
        assert response.status_code < 500, (url, query)

    walk()


# Forms -----------------------------------------------------------------------------------


class _Forms(html.parser.HTMLParser):
    """The POST forms of a page: action and fields (name → kind, choices, value)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._form = {"action": attrs.get("action", ""), "fields": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset"):
                return
            self._form["fields"].setdefault(
                name, {"kind": kind, "value": attrs.get("value", ""), "choices": []}
            )
            if kind in ("checkbox", "radio"):
                self._form["fields"][name]["choices"].append(attrs.get("value", "on"))
        elif tag == "textarea" and name:
            self._form["fields"][name] = {"kind": "textarea", "value": "", "choices": []}
        elif tag == "select" and name:
            self._select = self._form["fields"][name] = {
                "kind": "select",
                "value": "",
                "choices": [],
            }
        elif tag == "option" and self._select is not None:
            self._select["choices"].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


ODD_BY_KIND = {
    "date": st.sampled_from([*ODD_DATES, "", "2027-06-12"]),
    "time": st.sampled_from(["25:61", "24:00", "00:00", "", "10", "abc", "23:59:60", "10:00"]),
    "number": st.sampled_from(
        ["-1", "0", "1e9", "99999999999999999999", "abc", "", "1.5", "NaN", "3"]
    ),
    "tel": st.sampled_from(["abc", "", "0" * 40, "+49 340 123456", "\x00"]),
    "email": st.sampled_from(["abc", "a@b", "x" * 300 + "@example.org", ""]),
}


def _odd_form_data(form: dict) -> st.SearchStrategy:
    fields = {}
    for name, field in form["fields"].items():
        if name == "csrfmiddlewaretoken":
            continue
        keep = st.just(field["value"])
        if field["kind"] == "hidden":
            fields[name] = keep | st.sampled_from(["", "abc", "-1", "99999999999999999999"])
        elif field["kind"] in ("checkbox", "radio", "select"):
            valid = field["choices"] or [""]
            fields[name] = st.lists(
                st.sampled_from(valid) | st.sampled_from(["abc", "-1", "99", "\x00"]), max_size=3
            )
        else:
            fields[name] = ODD_BY_KIND.get(field["kind"], ODD_VALUES) | keep
    return st.fixed_dictionaries(fields)


LOGOUT, SET_LANGUAGE = "/accounts/logout/", "/i18n/setlang/"


@pytest.mark.parametrize(
    "values",
    [
        {"language": "xx", "next": "https://evil.example/"},
        {"language": "\x00", "next": "//evil.example"},
        {"language": "de", "next": "x" * 5000},
        {"language": ["de", "en"], "next": "\x00"},
        {},
    ],
)
def test_the_language_switch_takes_odd_values(plan_world, client_for, values):
    response = client_for("coordinator").post(SET_LANGUAGE, values)
    assert response.status_code == 302
    assert not response["Location"].startswith(("https://evil", "//evil"))


# Who opens each form: the first of these who gets the page with a POST form on it.
FORM_USERS = ["coordinator", "counsellor", "volunteer", "carrier", "city", "anonymous"]
# Feeds, PDFs and exports carry no forms; rendering them six times would only cost time.
NO_FORMS = ("pdf", "ical", "certificate", "export_json")
FORM_NAMES = sorted(name for name in MATRIX if not any(part in name for part in NO_FORMS))


@pytest.mark.parametrize("name", FORM_NAMES)
def test_no_form_answers_a_server_error(plan_world, help_world, daily_objects, client_for, name):
    world = plan_world
    url = _url(world, name, MATRIX[name][0], daily_objects)
    for user in FORM_USERS:
        client = client_for(user)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        # The header's logout and the footer's language forms are on every page; they get
        # their own test, and logging out here would leave the rest of the walk anonymous.
        forms = [
            form
            for form in parser.forms
            if form["fields"] and form["action"] not in (LOGOUT, SET_LANGUAGE)
        ]
        if forms:
            break
    else:
        pytest.skip("no role opens a form on this page")

    @settings(FUZZ, max_examples=25)
    @given(data=st.data(), which=st.integers(min_value=0, max_value=len(forms) - 1))
    def post(data, which):
        form = forms[which]
        values = data.draw(_odd_form_data(form))
        action = form["action"] or url
        action = re.sub(r"#.*$", "", action)
        with transaction.atomic():
            response = client.post(action, values)
            transaction.set_rollback(True)
        assert response.status_code < 500, (action, values)

    post()
