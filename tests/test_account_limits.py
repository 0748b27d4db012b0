"""Per-account limits on expensive actions (issue 16, item 5): PDFs made in the request and
other costly requests are counted per account and kind; over TREFF_ACCOUNT_RATE the person
reads how long to wait (429) and nothing is made; other accounts are not affected. A person
has at most three files waiting for a worker."""

import re

import pytest
from django.urls import reverse

from treff.jobs.models import GeneratedFile

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def two_per_ten_minutes(settings):
    settings.TREFF_ACCOUNT_RATE = "2/10m"


def test_pdfs_of_one_account_are_limited_and_others_are_not(world, client_for, two_per_ten_minutes):
    url = reverse("offers:week_pdf", args=["franztreff"])
    client = client_for("coordinator")
    statuses = [client.get(url, **EN).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = client.get(url, **EN)
    page = refused.content.decode()
    # The count runs in windows of ten minutes (django-ratelimit): the wait is what is left.
    said = re.findall(r'role="alert">(.*?)</p>', page, re.S)
    minutes = re.fullmatch(
        r"You have asked for this many times in a short while\. So that Treff stays quick for "
        r"everyone, please try again in (\d+) minutes?\.",
        said[0],
    )
    assert 1 <= int(minutes.group(1)) <= 10
    assert int(minutes.group(1)) == -(-int(refused["Retry-After"]) // 60)
    # Another account — the city here, the other Treff's coordinator for their own plan — is
    # counted on its own.
    assert client_for("city").get(url, **EN).status_code == 200
    own = reverse("offers:week_pdf", args=["rosseltreff"])
    assert client_for("outsider").get(own, **EN).status_code == 200


def test_a_fourth_file_waits_until_one_is_ready(world, client_for):
    city = world.users["city"]
    for _ in range(3):
        GeneratedFile.objects.create(
            user=city, kind="figures_xlsx", params={"year": 2026}, filename="f.xlsx"
        )
    client = client_for("city")
    response = client.post(reverse("dashboard:figures_export"), {"year": "2026"}, follow=True, **EN)
    assert [str(m) for m in response.context["messages"]] == [
        "3 of your files are still being made. Please wait until one of them is ready, then "
        "ask again."
    ]
    assert GeneratedFile.objects.count() == 3
    GeneratedFile.objects.filter(pk=GeneratedFile.objects.first().pk).update(status="done")
    client.post(reverse("dashboard:figures_export"), {"year": "2026"}, **EN)
    assert GeneratedFile.objects.count() == 4
