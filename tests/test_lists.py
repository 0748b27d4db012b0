"""core.lists: no text a spreadsheet would run as a formula; ASCII file names."""

import pytest

from treff.core import lists
from treff.core.lists import Table


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_starting_like_a_formula_gets_an_apostrophe(start):
    assert lists.neutralised(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


@pytest.mark.parametrize("text", ["Anna", "'schon", "", "1+1", "E-Mail", " =nicht am Anfang"])
def test_other_texts_stay_as_they_are(text):
    assert lists.neutralised(text) == text


def test_the_header_row_is_neutralised_too():
    table = Table(name="x", headers=["=A1", "Name"], rows=[["-3 Grad", 3]])
    assert lists.as_csv(table).decode() == "\ufeff'=A1;Name\r\n'-3 Grad;3\r\n"


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        (("Räume",), "raeume"),
        (("Ehrenamtliche", "franztreff"), "ehrenamtliche-franztreff"),
        (("Größe", "Übersicht"), "groesse-uebersicht"),
        (("Волонтери",), "list"),
    ],
)
def test_file_names_are_ascii(parts, name):
    assert lists.file_name(*parts) == name
