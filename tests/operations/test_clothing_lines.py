"""Donations and hand-outs as several lines in one form (issue 11, item 11).

The operations world has 10 jackets in L–XL in stock (a donation two days ago).
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from treff.operations import selectors, services
from treff.operations.models import Donation, Handout

from .test_lunch_and_clothing import _lines

TODAY = "2026-11-30"
JACKETS = {"category": "jackets", "size_group": "adult_lxl"}
EMPTY_DONATION = {"category": "", "size_group": "", "season": "all_year", "quantity": ""}


def _post(client, name, data):
    return client.post(reverse(f"operations:{name}", args=["franztreff"]), data)


def _stock(world, category, size):
    with scopes_disabled():
        return selectors.stock_of(world.franztreff, category, size)


def test_the_form_offers_three_lines(ops_world, client_for):
    response = client_for("volunteer").get(
        reverse("operations:donation_create", args=["franztreff"])
    )
    assert (response.status_code, len(response.context["lines"].forms)) == (200, 3)


def test_several_donation_lines_are_saved_at_once_and_empty_lines_left_out(ops_world, client_for):
    lines = [
        {**JACKETS, "season": "winter", "quantity": "4", "condition": "good"},
        {
            "category": "shoes",
            "size_group": "children",
            "season": "all_year",
            "quantity": "6",
            "condition": "new",
        },
        {**EMPTY_DONATION, "condition": "good"},
    ]
    response = _post(client_for("volunteer"), "donation_create", _lines(TODAY, lines))
    assert response.status_code == 302
    with scopes_disabled():
        saved = list(
            Donation.objects.filter(date=dt.date(2026, 11, 30))
            .order_by("pk")
            .values_list("category", "size_group", "quantity", "condition")
        )
    assert saved == [("jackets", "adult_lxl", 4, "good"), ("shoes", "children", 6, "new")]
    assert (_stock(ops_world, "jackets", "adult_lxl"), _stock(ops_world, "shoes", "children")) == (
        14,
        6,
    )


def test_one_bad_hand_out_line_saves_nothing_and_names_its_line(ops_world, client_for):
    lines = [
        {**JACKETS, "quantity": "3"},
        {"category": "shoes", "size_group": "adult_sm", "quantity": "2"},
    ]
    response = _post(client_for("coordinator"), "handout_create", _lines(TODAY, lines))
    stock = _(
        "Only %(stock)d pieces of “%(category)s” in size “%(size)s” are in stock; "
        "%(quantity)d cannot be handed out."
    ) % {"stock": 0, "category": _("shoes"), "size": _("adult S–M"), "quantity": 2}
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        _("Line %(number)d, %(field)s: %(message)s")
        % {"number": 2, "field": _("pieces"), "message": stock}
    ]
    with scopes_disabled():
        assert Handout.objects.count() == 0
    assert _stock(ops_world, "jackets", "adult_lxl") == 10


def test_lines_of_the_same_kind_together_cannot_take_more_than_the_stock(ops_world):
    lines = [Handout(quantity=6, **JACKETS), Handout(quantity=5, **JACKETS)]
    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        services.handouts_add(
            date=dt.date(2026, 11, 30),
            lines=lines,
            treff=ops_world.franztreff,
            user=ops_world.users["coordinator"],
        )
    assert len(refused.value.messages) == 1
    assert refused.value.messages[0].startswith(
        _("Line %(number)d, %(field)s: %(message)s")
        % {"number": 2, "field": _("pieces"), "message": ""}
    )
    assert _stock(ops_world, "jackets", "adult_lxl") == 10


def test_add_line_shows_one_more_line_and_keeps_what_was_typed(ops_world, client_for):
    lines = [{**JACKETS, "quantity": "2"}]
    data = _lines(TODAY, lines, add_line="1")
    response = _post(client_for("volunteer"), "handout_create", data)
    forms = response.context["lines"].forms
    assert (response.status_code, len(forms)) == (200, 2)
    assert forms[0]["quantity"].value() == "2"
    with scopes_disabled():
        assert Handout.objects.count() == 0


def test_add_line_adds_an_untouched_donation_line_with_its_defaults(ops_world, client_for):
    """The new line shows no errors and the defaults (all year, good), so leaving it empty
    and saving works; before, it came up "required" and with the selects' first choices."""
    lines = [{**JACKETS, "season": "winter", "quantity": "2", "condition": "good"}]
    client = client_for("volunteer")
    response = _post(client, "donation_create", _lines(TODAY, lines, add_line="1"))
    new_line = response.context["lines"].forms[1]
    assert (new_line.errors, new_line["season"].value(), new_line["condition"].value()) == (
        {},
        "all_year",
        "good",
    )
    assert response.context["lines"].total_error_count() == 0
    empty = {**EMPTY_DONATION, "condition": "good"}
    assert _post(client, "donation_create", _lines(TODAY, [*lines, empty])).status_code == 302


def _refusal(case: str):
    """The message expected for each bad input (built in the test's language)."""
    return {
        "future": {
            "date": [
                _("%(date)s lies in the future; enter a date up to today.")
                % {"date": formats.date_format(dt.date(2026, 12, 1), "SHORT_DATE_FORMAT")}
            ]
        },
        "none": [_("Enter at least one line.")],
        "too_many": [_("Enter at most %(count)d lines at once.") % {"count": 30}],
        "not_a_date": {"date": [_("Enter a valid date.")]},
    }[case]


@pytest.mark.parametrize(
    ("case", "date", "lines"),
    [
        ("future", dt.date(2026, 12, 1), 1),
        ("none", dt.date(2026, 11, 30), 0),
        ("too_many", dt.date(2026, 11, 30), services.MAX_CLOTHING_LINES + 1),
        ("not_a_date", "yesterday", 1),
    ],
)
def test_the_service_refuses_bad_input_and_saves_nothing(ops_world, case, date, lines):
    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        services.donations_add(
            date=date,
            lines=[Donation(quantity=1, **JACKETS) for _line in range(lines)],
            treff=ops_world.franztreff,
            user=ops_world.users["coordinator"],
        )
    error = refused.value
    found = error.message_dict if hasattr(error, "error_dict") else error.messages
    assert found == _refusal(case)
    with scopes_disabled():
        assert Donation.objects.count() == 1  # the world's own


@pytest.mark.parametrize(
    ("user", "status"), [("outsider", 404), ("other_carrier", 404), ("carrier", 403)]
)
def test_only_the_treffs_own_people_record_lines(ops_world, client_for, user, status):
    lines = [{**JACKETS, "season": "winter", "quantity": "4", "condition": "good"}]
    assert _post(client_for(user), "donation_create", _lines(TODAY, lines)).status_code == status
    assert (
        _post(
            client_for(user), "handout_create", _lines(TODAY, [{**JACKETS, "quantity": "1"}])
        ).status_code
        == status
    )
    assert _stock(ops_world, "jackets", "adult_lxl") == 10
