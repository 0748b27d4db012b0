"""The public form "Ihre Idee für den Treff" (issue 15, item 2): an anonymous idea reaches
the coordinator's list, who marks it considered or done; others cannot see it."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from tests.conftest import TODAY
from treff.public import selectors_ideas
from treff.public.models import Suggestion

DATA = {"text": "Ein Nähkurs am Abend wäre schön.", "category": "leisure", "key": "i" * 32}


def url(slug="franztreff", lang="en"):
    with translation.override(lang):
        return reverse("public:idea", args=[slug])


def stored():
    with scopes_disabled():
        return list(Suggestion.objects.values_list("text", "category", "status"))


def test_an_idea_arrives_anonymously_and_the_visitor_is_thanked(world, client):
    page = client.get(url()).content.decode()
    assert "This is anonymous" in page
    response = client.post(url(), DATA)
    assert response.status_code == 200
    assert "Your idea has arrived." in response.content.decode()
    assert stored() == [("Ein Nähkurs am Abend wäre schön.", "leisure", "new")]


def test_the_kind_of_offer_is_optional(world, client):
    client.post(url(lang="uk"), {**DATA, "category": ""})
    assert stored() == [("Ein Nähkurs am Abend wäre schön.", "", "new")]


def test_the_same_idea_sent_twice_is_stored_once(world, client):
    client.post(url(), DATA)
    second = client.post(url(), DATA)
    assert "We already have your idea." in second.content.decode()
    assert len(stored()) == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": ""}, "This field is required."),
        ({"text": "   "}, "This field is required."),
        (
            {"text": "ع" * 1001},
            "Ensure this value has at most 1000 characters (it has 1001).",
        ),
        ({"category": "spaceflight"}, None),
    ],
)
def test_bad_input_is_a_message_and_nothing_is_stored(world, client, change, message):
    response = client.post(url(), {**DATA, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert len(errors) == 1
    if message:
        assert errors["text"] == [message]
    assert stored() == []


@pytest.mark.parametrize("text", ["ع" * 1000, "Щ" * 1000])
def test_text_up_to_the_limit_in_other_scripts_is_kept(world, client, text):
    client.post(url(), {**DATA, "text": text})
    assert stored() == [(text, "leisure", "new")]


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(world, client):
    response = client.post(url(), {**DATA, "website": "x"})
    assert response.templates[0].name == "public/idea_thanks.html"
    assert stored() == []


def test_an_unknown_treff_is_not_found(world, client):
    assert client.post(url("nirgendwo"), DATA).status_code == 404
    assert stored() == []


def test_the_treff_page_links_the_forms_and_an_offer_page_the_help_form(world, plan_world, client):
    page = client.get(reverse("public:treff", args=["franztreff"])).content.decode()
    for name in ("public:help", "public:volunteer", "public:idea"):
        assert f'href="{reverse(name, args=["franztreff"])}"' in page
    offer = client.get(reverse("public:offer", args=["franztreff", plan_world.plan.offer.pk]))
    assert f'href="{reverse("public:help", args=["franztreff"])}"' in offer.content.decode()


def _idea(client):
    client.post(url(), DATA)
    with scopes_disabled():
        return Suggestion.objects.get()


def test_the_coordinator_reads_and_marks_ideas(world, client, client_for):
    idea = _idea(client)
    coordinator = client_for("coordinator")
    listing = coordinator.get(reverse("ideas:list", args=["franztreff"]))
    assert listing.status_code == 200
    assert "Ein Nähkurs am Abend wäre schön." in listing.content.decode()
    assert (listing.context["new_count"], listing.context["this_year"]) == (1, 1)
    mark = reverse("ideas:mark", args=["franztreff", idea.pk])
    assert coordinator.post(mark, {"status": "considered"}).status_code == 302
    assert client_for("carrier").post(mark, {"status": "done"}).status_code == 302
    assert stored() == [("Ein Nähkurs am Abend wäre schön.", "leisure", "done")]
    assert coordinator.post(mark, {"status": "thrown away"}).status_code == 302
    assert stored() == [("Ein Nähkurs am Abend wäre schön.", "leisure", "done")]


def test_ideas_are_counted_per_treff_and_period(world, client):
    idea = _idea(client)
    with scopes_disabled():
        Suggestion.objects.filter(pk=idea.pk).update(status="considered")
        treffs = [world.franztreff.pk, world.rosseltreff.pk]
        counts = selectors_ideas.counts_by_status(treffs, first=TODAY, last=TODAY)
        before = selectors_ideas.counts_by_status(
            treffs, first=TODAY.replace(day=1), last=TODAY.replace(day=29)
        )
        new = selectors_ideas.new_counts([world.franztreff.pk])
    assert (counts, before, new) == ({(world.franztreff.pk, "considered"): 1}, {}, {})


def test_ideas_reach_the_evaluation(world, client, client_for):
    """The report (/reports/) counts the ideas of the period by where they stand, per Treff."""
    _idea(client)
    client.post(url(), {**DATA, "key": "j" * 32, "text": "Mehr Sport"})
    with scopes_disabled():
        Suggestion.objects.filter(text="Mehr Sport").update(status="done")
    report = client_for("coordinator").get(
        reverse("reports:report"), {"period": "quarter", "day": TODAY.isoformat()}
    )
    section = next(
        section
        for area in report.context["areas"]
        for section in area.sections
        if section.key == "plan_ideas"
    )
    rows = [(name, [cell.value for cell in cells]) for name, cells, _total in section.rows]
    assert (section.title, rows) == (
        "Ideen von Besucherinnen und Besuchern für den Treff (öffentliche Website)",
        [("neu", [1]), ("besprochen", [0]), ("umgesetzt", [1])],
    )


@pytest.mark.parametrize(
    ("user", "status"),
    [("outsider", 404), ("other_carrier", 404), ("city", 403), ("volunteer", 403)],
)
def test_others_can_neither_read_nor_mark_ideas(world, client, client_for, user, status):
    idea = _idea(client)
    other = client_for(user)
    assert other.get(reverse("ideas:list", args=["franztreff"])).status_code == status
    mark = reverse("ideas:mark", args=["franztreff", idea.pk])
    assert other.post(mark, {"status": "done"}).status_code == status
    assert stored()[0][2] == "new"


@pytest.mark.parametrize("name", ["public:idea", "public:volunteer", "public:help"])
def test_a_key_of_another_treff_is_a_message_not_an_error(help_world, client, name):
    """Only a forged form carries a key another Treff already holds: it is refused kindly."""
    from tests.public.test_rate_limits import FORMS

    data, model = FORMS[name]
    with translation.override("en"):
        first = reverse(name, args=["franztreff"])
        other = reverse(name, args=["rosseltreff"])
    with scopes_disabled():
        before = model.objects.count()
    assert client.post(first, {**data, "key": "f" * 32}).status_code == 200
    response = client.post(other, {**data, "key": "f" * 32})
    assert response.status_code == 200
    assert response.context["form"].errors["key"] == [
        "This form cannot be sent any more. Please open it again and send it anew."
    ]
    with scopes_disabled():
        assert model.objects.count() == before + 1
