"""The upload check of Treff documents: the content decides, not the name or the browser."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from treff.quality.files import MAX_BYTES, validate_document

from .world import PDF


def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
DOCX = _zip({"[Content_Types].xml": "<x/>", "word/document.xml": "<x/>"})


@pytest.mark.parametrize(("name", "content"), [("a.pdf", PDF), ("b.ODT", ODT), ("c.docx", DOCX)])
def test_real_pdf_odt_and_docx_files_pass(name, content):
    assert validate_document(SimpleUploadedFile(name, content)) is None


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.odt", DOCX, "file_content"),  # a DOCX renamed
        ("a.docx", ODT, "file_content"),
        ("a.pdf", DOCX, "file_content"),
        ("a.docx", _zip({"other.xml": "<x/>"}), "file_content"),
        ("a.exe", PDF, "file_type"),
        ("noextension", PDF, "file_type"),
        ("a.pdf", b"", "empty"),
        ("a.pdf", PDF + b"0" * MAX_BYTES, "too_large"),
    ],
)
def test_disguised_empty_and_huge_files_are_refused(name, content, code):
    with pytest.raises(ValidationError) as refused:
        validate_document(SimpleUploadedFile(name, content))
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (1, "The file is a little larger than 10.0\xa0MB; at most 10.0\xa0MB are allowed."),
        (MAX_BYTES // 10, "The file has 11.0\xa0MB; at most 10.0\xa0MB are allowed."),
    ],
)
def test_a_file_just_over_the_limit_is_not_said_to_be_as_large_as_it(extra, message):
    content = PDF + b"0" * (MAX_BYTES - len(PDF) + extra)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        validate_document(SimpleUploadedFile("a.pdf", content))
    with translation.override("en"):
        assert refused.value.messages == [message]
