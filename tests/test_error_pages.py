"""The 403, 404, 405 and 500 pages: the site's layout, the reader's language (issue 11, item 4)."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import reverse

HEADER = '<header class="treff-header">'
FOOTER = '<footer class="treff-footer">'


def in_language(client, language):
    client.cookies["django_language"] = language
    return client


def heading(response):
    content = response.content.decode()
    start = content.index('<h1 class="kern-heading-large">') + len(
        '<h1 class="kern-heading-large">'
    )
    return content[start : content.index("</h1>", start)]


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "Seite nicht gefunden"), ("en", "Page not found")]
)
def test_404_in_the_layout_and_the_readers_language(world, client_for, language, expected):
    response = in_language(client_for("coordinator"), language).get("/no/such/page/")
    content = response.content.decode()
    assert response.status_code == 404
    assert heading(response) == expected
    assert f'<html lang="{language}"' in content
    assert HEADER in content
    assert FOOTER in content


@pytest.mark.parametrize(("language", "expected"), [("de", "Kein Zugriff"), ("en", "Not allowed")])
def test_403_in_the_layout_and_the_readers_language(world, client_for, language, expected):
    client = in_language(client_for("volunteer"), language)
    response = client.get(reverse("volunteers:list", kwargs={"slug": "franztreff"}))
    assert response.status_code == 403
    assert heading(response) == expected
    assert HEADER in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "So nicht möglich"), ("en", "Not possible this way")],
)
def test_405_has_a_page_and_keeps_its_allow_header(world, client_for, language, expected):
    client = in_language(client_for("coordinator"), language)
    # Removing a closure day only takes a form; the id need not exist, the method is refused first.
    url = reverse("offers:closure_delete", kwargs={"slug": "franztreff", "pk": 1})
    response = client.get(url)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert heading(response) == expected
    assert HEADER in response.content.decode()


def failing_client(user, language):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return in_language(client, language)


@pytest.mark.urls("tests.urls_boom")
@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "Etwas ist schiefgegangen"), ("en", "Something went wrong")],
)
def test_500_when_a_view_fails(world, language, expected):
    response = failing_client(world.users["coordinator"], language).get("/boom/")
    content = response.content.decode()
    assert response.status_code == 500
    assert heading(response) == expected
    assert f'<html lang="{language}"' in content
    assert HEADER in content
    assert FOOTER in content


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "Etwas ist schiefgegangen"), ("en", "Something went wrong")],
)
def test_500_renders_while_the_database_is_down(world, monkeypatch, language, expected):
    client = failing_client(world.users["coordinator"], language)
    queries = []

    def database_down(self, sql, params=None):
        queries.append(sql)
        raise OperationalError("the database is down")

    url = reverse("operations:day", kwargs={"slug": "franztreff"})
    with monkeypatch.context() as patched:
        patched.setattr(CursorWrapper, "execute", database_down)
        response = client.get(url)
    assert response.status_code == 500
    assert heading(response) == expected
    assert HEADER in response.content.decode()
    # The failing query is the session's, before any view ran; the page itself asked nothing.
    assert len(queries) == 1


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "Formular abgelaufen"), ("en", "Form expired")]
)
def test_a_failed_csrf_check_has_a_page_without_a_form_that_would_fail_again(
    world, language, expected
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["coordinator"])
    response = in_language(client, language).post(reverse("accounts:logout"))
    content = response.content.decode()
    assert response.status_code == 403
    assert heading(response) == expected
    assert HEADER in content
    assert 'name="csrfmiddlewaretoken"' not in content
