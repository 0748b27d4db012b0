"""The proof of use (services_proof.py, views_proof.py): start, edit, submit (frozen
versions), the city's decision, comparing versions, the pre-filled narrative with the
city's suppressed figures, the PDF and XLSX."""

import datetime as dt
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.funding import narrative, services_proof
from treff.funding.models import Expense, PlanEvent
from treff.funding.models_proof import ProofOfUse, ProofVersion, VersionImmutable

from .world import expense

pytestmark = pytest.mark.django_db
DECEMBER = dt.datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def url(name, *args):
    return reverse(f"funding:{name}", args=["franztreff", 2026, *args])


def written(text: str) -> str:
    """The pre-filled narrative with its bracketed prompts answered, as a carrier would."""
    return re.sub(r"(?m)^\[.*\]$", "Das ist geschehen.", text)


@pytest.fixture
def proof(world, funding):
    carrier = world.users["carrier"]
    with scopes_disabled():
        started = services_proof.proof_start(plan=funding.plan, user=carrier)
        return services_proof.proof_save(
            proof=started, narrative=written(started.narrative), user=carrier
        )


@pytest.mark.parametrize("language", ["de", "en"])
def test_submit_refuses_the_prefilled_prompts(world, funding, clock, language):
    carrier = world.users["carrier"]
    clock.move_to(DECEMBER)
    with scopes_disabled():
        with translation.override(language):
            started = services_proof.proof_start(plan=funding.plan, user=carrier)
        with translation.override("en"), pytest.raises(ValidationError) as error:
            services_proof.proof_submit(proof=started, user=carrier)
        assert error.value.message_dict == {
            "narrative": [
                "Replace the hints in square brackets in the narrative report with your "
                "own text first."
            ]
        }
        assert not ProofVersion.objects.filter(proof=started).exists()
        started.refresh_from_db()
        assert started.status == ProofOfUse.Status.DRAFT


@pytest.fixture
def submitted(world, proof, clock):
    clock.move_to(DECEMBER)
    with scopes_disabled():
        return services_proof.proof_submit(proof=proof, user=world.users["carrier"])


def test_start_only_for_an_approved_plan_and_once(world, funding, proof):
    carrier = world.users["carrier"]
    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError, match="once the grant is approved"):
            services_proof.proof_start(plan=funding.draft, user=carrier)
        with pytest.raises(ValidationError, match="has a proof of use already"):
            services_proof.proof_start(plan=funding.plan, user=carrier)
    assert proof.status == ProofOfUse.Status.DRAFT
    assert "2026" in proof.narrative


def test_submit_waits_for_december(world, proof, clock):
    carrier = world.users["carrier"]
    with (
        scopes_disabled(),
        translation.override("en"),
        pytest.raises(ValidationError, match="from 1 December 2026 on"),
    ):
        services_proof.proof_submit(proof=proof, user=carrier)
    clock.move_to(dt.datetime(2026, 12, 1, 0, 5, tzinfo=ZoneInfo("Europe/Berlin")))
    with scopes_disabled():
        version = services_proof.proof_submit(proof=proof, user=carrier)
    assert version.number == 1


def test_submit_freezes_statement_and_narrative(world, funding, proof, submitted):
    carrier = world.users["carrier"]
    with scopes_disabled():
        proof.refresh_from_db()
        assert proof.status == ProofOfUse.Status.SUBMITTED
        assert submitted.statement["totals"]["actual"] == "7356.57"
        assert submitted.statement["refund"] == "77643.43"
        assert funding.plan.events.filter(kind=PlanEvent.Kind.PROOF_SUBMITTED).count() == 1
        # Neither the narrative nor the expenses can change while it is with the city.
        with translation.override("en"), pytest.raises(ValidationError, match="submitted"):
            services_proof.proof_save(proof=proof, narrative="Anders", user=carrier)
        with pytest.raises(ValidationError):
            expense(funding.plan, carrier, "B-2026-099", dt.date(2026, 12, 1), "10.00")
        # A change behind the services' back leaves the version as it was.
        Expense.objects.filter(pk=funding.expense.pk).update(amount=Decimal("1.00"))
        ProofOfUse.objects.filter(pk=proof.pk).update(narrative="Überschrieben")
        version = ProofVersion.objects.get(pk=submitted.pk)
        assert version.statement["totals"]["actual"] == "7356.57"
        assert version.narrative == submitted.narrative
        # The version row itself cannot be changed: not by save(), not by SQL.
        with pytest.raises(VersionImmutable):
            version.save()
        with transaction.atomic(), pytest.raises(DatabaseError):
            ProofVersion.objects.filter(pk=version.pk).update(narrative="x")
        with pytest.raises(VersionImmutable):
            version.delete()


def test_decide_rules(world, funding, proof, submitted):
    carrier, city = world.users["carrier"], world.users["city"]
    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError, match="Say what should change"):
            services_proof.proof_decide(
                version=submitted, outcome="returned", comment=" ", user=city
            )
        services_proof.proof_decide(
            version=submitted, outcome="returned", comment="Bitte Miete belegen.", user=city
        )
        with pytest.raises(ValidationError, match="decided on already"):
            services_proof.proof_decide(version=submitted, outcome="accepted", user=city)
        proof.refresh_from_db()
        assert proof.status == ProofOfUse.Status.RETURNED
        # Returned: the carrier changes it and submits version 2.
        expense(funding.plan, carrier, "B-2026-100", dt.date(2026, 12, 1), "1600.00", "rent")
        services_proof.proof_save(
            proof=proof, narrative=proof.narrative + "\nMiete Dezember.", user=carrier
        )
        second = services_proof.proof_submit(proof=proof, user=carrier)
        assert second.number == 2
        with pytest.raises(ValidationError, match="Only the newest"):
            services_proof.proof_decide(version=submitted, outcome="accepted", user=city)
        services_proof.proof_decide(version=second, outcome="accepted", user=city)
        proof.refresh_from_db()
        assert proof.status == ProofOfUse.Status.ACCEPTED
        kinds = list(funding.plan.events.values_list("kind", flat=True))
    assert kinds[-4:] == ["proof_submitted", "proof_returned", "proof_submitted", "proof_accepted"]


def test_only_city_staff_may_decide(world, proof, submitted, client_for):
    client = client_for("carrier")
    response = client.post(url("proof_decide", 1), {"outcome": "accepted"})
    assert response.status_code == 403
    client = client_for("city")
    response = client.post(url("proof_decide", 1), {"outcome": "returned", "comment": ""})
    assert response.status_code == 200  # the form again, with the missing comment
    response = client.post(url("proof_decide", 1), {"outcome": "accepted"})
    assert response.status_code == 302
    with scopes_disabled():
        assert ProofVersion.objects.get(pk=submitted.pk).decision.outcome == "accepted"


def test_compare_two_versions(world, funding, proof, submitted, client_for):
    carrier, city = world.users["carrier"], world.users["city"]
    with scopes_disabled():
        services_proof.proof_decide(
            version=submitted, outcome="returned", comment="Belege", user=city
        )
        expense(funding.plan, carrier, "B-2026-100", dt.date(2026, 12, 1), "1600.00", "rent")
        services_proof.proof_save(
            proof=proof,
            narrative=proof.narrative + "\nDie Miete für Dezember ist gebucht.",
            user=carrier,
        )
        second = services_proof.proof_submit(proof=proof, user=carrier)
        compared = services_proof.compare(submitted, second)
    changed = {(r["key"], r["cost_type"]): r["difference"] for r in compared["changed"]}
    assert changed[("actual", "rent")] == Decimal("1600.00")
    assert changed[("refund", None)] == Decimal("-1600.00")
    assert "+Die Miete für Dezember ist gebucht." in compared["diff"]
    with translation.override("en"):
        page = client_for("coordinator").get(url("proof_compare") + "?a=1&b=2")
    assert page.status_code == 200
    assert "Die Miete für Dezember ist gebucht." in page.content.decode()
    client = client_for("coordinator")
    for query in ("", "?a=1", "?a=x&b=2", "?a=1&b=7"):
        assert client.get(url("proof_compare") + query).status_code == 400


def test_narrative_has_the_citys_suppressed_figures_and_no_names(world, funding, proof):
    with scopes_disabled(), translation.override("en"):
        figures = dict(narrative.year_figures(world.franztreff, 2026))
        text = narrative.prefilled(funding.plan)
    assert figures, "the report's tables"
    for title, figure in figures.items():
        assert f"- {title}: {figure}" in text
    # A figure the city sees as 1–4 is printed as the report prints it, never as the count.
    assert all(
        figure in ("0", "< 5", ".", "–") or figure[0].isdigit() for figure in figures.values()
    )
    with scopes_disabled():
        names = [u.get_full_name() for u in world.users.values() if u is not None]
    assert not [name for name in names if name.strip() and name in text]


def test_narrative_hides_small_counts(world, funding, monkeypatch):
    from treff.reports.engine import Cell

    class Section:
        key, kind, additive = "lunch_guests", "persons", True
        title = "Gäste"

        class measure:
            population = None

        class table:
            total = Cell(None, hidden=True, reason="primary")

    class Area:
        sections = [Section]

    monkeypatch.setattr(narrative.build, "build", lambda *a, **k: [Area])
    with scopes_disabled():
        assert narrative.year_figures(world.franztreff, 2026) == [("Gäste", "< 5")]


def test_pdf_and_xlsx(world, proof, submitted, client_for):
    client = client_for("coordinator")
    response = client.get(url("proof_pdf", 1))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="verwendungsnachweis-franztreff-2026-v1.pdf"'
    )
    response = client.get(url("proof_xlsx", 1))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    numbers = [
        cell.value
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, (int, float))
    ]
    assert {90700, 85000, 77643.43} <= set(numbers)
    euro_cells = [c for row in sheet.iter_rows() for c in row if "€" in c.number_format]
    assert euro_cells
    assert book.worksheets[1]["A1"].value == submitted.narrative.splitlines()[0]
    draft = client.get(url("proof_pdf", 0))
    assert draft["Content-Disposition"].endswith('-2026-entwurf.pdf"')
    assert draft.content.startswith(b"%PDF")
    assert client.get(url("proof_xlsx", 9)).status_code == 404


def test_pages_for_carrier_and_city(world, funding, client_for, clock):
    carrier = client_for("carrier")
    page = carrier.get(url("proof"))
    assert page.status_code == 200
    assert "90.700,00" in page.content.decode()
    assert carrier.post(url("proof_start")).status_code == 302
    response = carrier.post(url("proof_edit"), {"narrative": "Ein Jahr im Franztreff."})
    assert response.status_code == 302
    clock.move_to(DECEMBER)
    assert carrier.post(url("proof_submit")).status_code == 302
    with scopes_disabled():
        assert (
            ProofVersion.objects.get(proof__plan=funding.plan).narrative
            == "Ein Jahr im Franztreff."
        )
    assert carrier.get(url("proof_version", 1)).status_code == 200
    city = client_for("city").get(url("proof"))
    assert reverse("funding:proof_decide", args=["franztreff", 2026, 1]) in city.content.decode()
    assert client_for("outsider").get(url("proof")).status_code == 404
    assert client_for("volunteer").get(url("proof")).status_code == 403


def test_narrative_shows_a_small_count_as_the_city_report_does(world, funding):
    from treff.operations.models import LunchDay

    with scopes_disabled():
        LunchDay.objects.create(
            treff=world.franztreff,
            date=dt.date(2026, 11, 2),
            menu="Linsensuppe",
            portions_planned=5,
            portions_served=3,
            guests=3,
        )
        with translation.override("en"):
            text = narrative.prefilled(funding.plan)
    assert "- Lunch guests: < 5" in text  # three persons: suppressed for the city
    assert "- Portions served: 3" in text  # portions are not persons: shown as they are
    assert "Linsensuppe" not in text
