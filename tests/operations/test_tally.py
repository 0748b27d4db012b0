"""Visitor tallies: idempotent taps, corrections with reasons, buckets, and who may count."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from treff.operations import selectors, services
from treff.operations.models import Tally, TallyEvent


def _url(world):
    occ = world.operations.occurrence
    return reverse(
        "operations:tally", args=["franztreff", occ.series_id, occ.original_date.isoformat()]
    )


def _drop_in_url(day=None):
    day = day or timezone.localdate()
    return reverse("operations:tally_drop_in", args=["franztreff", day.isoformat()])


def _total(world) -> int:
    with scopes_disabled():
        tally = Tally.objects.filter(series=world.operations.series).first()
        return selectors.tally_total(tally)


def _tap(client, url, key, **extra):
    return client.post(url, {"action": "tap", "key": key, **extra})


def test_the_same_key_twice_counts_once(ops_world, client_for, new_key):
    client = client_for("coordinator")
    key = new_key()
    first = _tap(client, _url(ops_world), key)
    second = _tap(client, _url(ops_world), key)
    assert (first.status_code, second.status_code) == (302, 302)
    assert _total(ops_world) == 1


def test_two_keys_count_twice(ops_world, client_for, new_key):
    client = client_for("volunteer")
    _tap(client, _url(ops_world), new_key())
    _tap(client, _url(ops_world), new_key())
    assert _total(ops_world) == 2


def test_a_resent_json_tap_answers_the_same_total_and_says_it_was_not_counted(
    ops_world, client_for, new_key
):
    client = client_for("counsellor")
    key = new_key()
    answers = [
        client.post(
            _url(ops_world), {"action": "tap", "key": key}, headers={"accept": "application/json"}
        ).json()
        for _attempt in range(3)
    ]
    assert answers == [
        {"total": 1, "counted": True},
        {"total": 1, "counted": False},
        {"total": 1, "counted": False},
    ]


def test_a_tap_without_a_key_is_refused_and_nothing_is_counted(ops_world, client_for):
    response = client_for("coordinator").post(
        _url(ops_world),
        {"action": "tap", "key": "not-a-uuid"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 400
    assert _total(ops_world) == 0


def test_the_rendered_form_carries_a_fresh_key_each_time(ops_world, client_for):
    client = client_for("coordinator")
    first = client.get(_url(ops_world)).context["tap_form"]["key"].value()
    second = client.get(_url(ops_world)).context["tap_form"]["key"].value()
    assert first != second


def test_buckets_are_counted_per_dimension(ops_world, client_for, new_key):
    client = client_for("coordinator")
    _tap(client, _url(ops_world), new_key(), age_group="65", gender="female", language="uk")
    _tap(client, _url(ops_world), new_key(), age_group="65", visit="first")
    _tap(client, _url(ops_world), new_key())
    detail = client.get(_url(ops_world)).context["detail"]
    assert detail.total == 3
    assert [
        (str(d), [(str(label), n) for label, n in counts]) for d, counts in detail.breakdown
    ] == [
        (str(_("age group")), [(str(_("65 and older")), 2)]),
        (str(_("gender")), [(str(_("female")), 1)]),
        (str(_("visit")), [(str(_("first visit")), 1)]),
        (str(_("language of conversation")), [(str(_("Ukrainian")), 1)]),
    ]


def test_an_unknown_bucket_value_is_refused(ops_world, client_for, new_key):
    response = _tap(client_for("coordinator"), _url(ops_world), new_key(), age_group="99")
    assert response.status_code == 200
    assert _total(ops_world) == 0


def test_drop_in_hours_are_counted_per_day(ops_world, client_for, new_key):
    client = client_for("coordinator")
    _tap(client, _drop_in_url(), new_key())
    _tap(client, _drop_in_url(), new_key())
    with scopes_disabled():
        tally = Tally.objects.get(kind="drop_in")
        assert (tally.date, selectors.tally_total(tally)) == (timezone.localdate(), 2)


def test_a_future_day_cannot_be_counted(ops_world, client_for, new_key):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    client = client_for("coordinator")
    page = client.get(_drop_in_url(tomorrow))
    response = client.post(
        _drop_in_url(tomorrow),
        {"action": "tap", "key": new_key()},
        headers={"accept": "application/json"},
    )
    assert (page.status_code, page.context["future"]) == (200, True)
    assert (response.status_code, response.json()) == (
        400,
        {"errors": [_("Visitors can only be counted for today or past days.")]},
    )
    with scopes_disabled():
        assert TallyEvent.objects.count() == 0


# Corrections ---------------------------------------------------------------------------------


def _correct(client, url, key, **data):
    fields = {"action": "correct", "fix-key": key, "fix-mode": "subtract", "fix-reason": ""}
    fields.update({f"fix-{name}": value for name, value in data.items()})
    return client.post(url, fields)


def test_subtracting_needs_a_reason(ops_world, client_for, new_key):
    client = client_for("coordinator")
    _tap(client, _url(ops_world), new_key())
    response = _correct(client, _url(ops_world), new_key())
    assert response.status_code == 200
    assert response.context["fix_form"].errors == {
        "reason": [_("Give a reason for the correction.")]
    }
    assert _total(ops_world) == 1


def test_subtracting_with_a_reason_is_logged(ops_world, client_for, new_key):
    client = client_for("volunteer")
    _tap(client, _url(ops_world), new_key())
    _tap(client, _url(ops_world), new_key())
    response = _correct(client, _url(ops_world), new_key(), reason="zweimal getippt")
    assert response.status_code == 302
    (log,) = client.get(_url(ops_world)).context["detail"].corrections
    assert (log.old_total, log.new_total, log.reason, log.created_by) == (
        2,
        1,
        "zweimal getippt",
        ops_world.users["volunteer"],
    )
    assert _total(ops_world) == 1


def test_setting_a_total_is_logged(ops_world, client_for, new_key):
    client = client_for("coordinator")
    _tap(client, _url(ops_world), new_key())
    _correct(client, _url(ops_world), new_key(), mode="set", new_total="17", reason="Strichliste")
    assert _total(ops_world) == 17
    with scopes_disabled():
        event = TallyEvent.objects.get(kind="correction")
        assert (event.delta, event.old_total, event.new_total) == (16, 1, 17)


def test_the_count_never_goes_below_zero(ops_world, client_for, new_key):
    client = client_for("coordinator")
    at_zero = _correct(client, _url(ops_world), new_key(), reason="Versehen")
    negative = _correct(
        client, _url(ops_world), new_key(), mode="set", new_total="-3", reason="Versehen"
    )
    assert at_zero.context["fix_form"].non_field_errors() == [
        _("The count is 0; it cannot go below zero.")
    ]
    assert list(negative.context["fix_form"].errors) == ["new_total"]
    assert _total(ops_world) == 0


def test_subtracting_a_described_visitor_needs_one_counted(ops_world, client_for, new_key):
    client = client_for("coordinator")
    _tap(client, _url(ops_world), new_key(), age_group="u18")
    response = _correct(client, _url(ops_world), new_key(), reason="falsch", age_group="65")
    assert response.context["fix_form"].non_field_errors() == [
        _("No visitor with these details has been counted; nothing to subtract.")
    ]
    assert _total(ops_world) == 1


def test_a_correction_sent_twice_is_applied_once(ops_world, client_for, new_key):
    client = client_for("coordinator")
    for _i in range(3):
        _tap(client, _url(ops_world), new_key())
    key = new_key()
    _correct(client, _url(ops_world), key, reason="doppelt")
    _correct(client, _url(ops_world), key, reason="doppelt")
    assert _total(ops_world) == 2


def test_services_refuse_a_correction_without_reason(ops_world, new_key):
    from django.core.exceptions import ValidationError

    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        services.tally_correct(
            treff=ops_world.franztreff,
            day=timezone.localdate(),
            key=new_key(),
            reason="  ",
            user=ops_world.users["coordinator"],
        )
    assert refused.value.message_dict == {"reason": [_("Give a reason for the correction.")]}


# Who may count -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "get", "post"),
    [
        ("coordinator", 200, 302),
        ("counsellor", 200, 302),
        ("volunteer", 200, 302),
        ("carrier", 200, 403),
        ("city", 403, 403),
        ("committee", 403, 403),
        ("outsider", 404, 404),
        ("other_carrier", 404, 404),
        ("no_role", 404, 404),
    ],
)
def test_who_may_see_and_count(ops_world, client_for, new_key, user, get, post):
    client = client_for(user)
    statuses = (
        client.get(_url(ops_world)).status_code,
        _tap(client, _url(ops_world), new_key()).status_code,
    )
    assert statuses == (get, post)
    assert _total(ops_world) == (1 if post == 302 else 0)


def test_the_outsider_cannot_count_their_own_series_under_franztreff(
    ops_world, client_for, new_key
):
    other = ops_world.operations.other_occurrence
    url = reverse(
        "operations:tally", args=["franztreff", other.series_id, other.original_date.isoformat()]
    )
    assert client_for("coordinator").get(url).status_code == 404


def test_the_outsider_counts_in_their_own_treff(ops_world, client_for, new_key):
    other = ops_world.operations.other_occurrence
    url = reverse(
        "operations:tally", args=["rosseltreff", other.series_id, other.original_date.isoformat()]
    )
    assert _tap(client_for("outsider"), url, new_key()).status_code == 302
    assert client_for("coordinator").get(url).status_code == 404


@pytest.mark.parametrize("date", ["2026-02-30", "heute", "0"])
def test_bad_dates_answer_404(ops_world, client_for, date):
    client = client_for("coordinator")
    series = ops_world.operations.series.pk
    assert [
        client.get(reverse("operations:tally_drop_in", args=["franztreff", date])).status_code,
        client.get(reverse("operations:tally", args=["franztreff", series, date])).status_code,
    ] == [404, 404]


def test_counts_survive_saving_the_series_again(ops_world, client_for, new_key):
    """Occurrences are rebuilt when a series is saved; the tally keeps its count."""
    from treff.offers import services as offer_services

    client = client_for("coordinator")
    _tap(client, _url(ops_world), new_key())
    with scopes_disabled():
        series = ops_world.operations.series
        series.start_time = dt.time(11, 30)
        offer_services.series_save(series=series, user=ops_world.users["coordinator"])
    assert client.get(_url(ops_world)).context["detail"].total == 1


def test_services_refuse_a_count_above_the_forms_limit_with_the_forms_message(ops_world, new_key):
    from django.core.exceptions import ValidationError

    from treff.operations.forms import CorrectionForm

    form = CorrectionForm(
        data={"fix-key": new_key(), "fix-mode": "set", "fix-new_total": "10001", "fix-reason": "x"}
    )
    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        services.tally_correct(
            treff=ops_world.franztreff,
            day=timezone.localdate(),
            key=new_key(),
            reason="Tippfehler",
            new_total=10_001,
            user=ops_world.users["coordinator"],
        )
    assert refused.value.message_dict["new_total"][0] == form.errors["new_total"][0]
    assert refused.value.message_dict == {
        "new_total": ["Dieser Wert muss kleiner oder gleich 10000 sein."]
    }
