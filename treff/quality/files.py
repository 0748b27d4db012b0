"""What a Treff document may be: PDF, ODT or DOCX, at most MAX_BYTES.

The browser's content type and the file name are the uploader's word only; the first bytes
decide (a PDF starts with "%PDF-", an ODT and a DOCX are ZIP archives with their own marker
inside). A file whose name and content disagree is refused with a message, never stored.
"""

import zipfile
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a concept with photos; a scan of a book is too much

TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _sniff(upload) -> str | None:
    """The extension the content really has (".pdf", ".odt", ".docx"), or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == TYPES[".odt"].encode():
                return ".odt"
            if "word/document.xml" in names:
                return ".docx"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    return None


def validate_document(upload) -> None:
    """Raises ValidationError unless `upload` is a PDF, ODT or DOCX of at most MAX_BYTES."""
    if upload is None or getattr(upload, "_committed", False):
        return  # a stored file was checked when it came in
    size = upload.size
    if size > MAX_BYTES:
        shown, limit = filesizeformat(size), filesizeformat(MAX_BYTES)
        # Just over the limit both round to the same figure: "10.0 MB; at most 10.0 MB".
        message = (
            _("The file is a little larger than %(max)s; at most %(max)s are allowed.")
            if shown == limit
            else _("The file has %(size)s; at most %(max)s are allowed.")
        )
        raise ValidationError(message, code="too_large", params={"size": shown, "max": limit})
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    suffix = PurePosixPath(upload.name or "").suffix.lower()
    if suffix not in TYPES:
        raise ValidationError(
            _("Only PDF, ODT and DOCX files can be uploaded (the file ends in “%(suffix)s”)."),
            code="file_type",
            params={"suffix": suffix or "–"},
        )
    if _sniff(upload) != suffix:
        raise ValidationError(
            _("The file is not a real %(kind)s file; save it again as PDF, ODT or DOCX."),
            code="file_content",
            params={"kind": suffix[1:].upper()},
        )


def content_type_of(filename: str) -> str:
    return TYPES[PurePosixPath(filename).suffix.lower()]
