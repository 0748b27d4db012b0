"""Importing the spreadsheets people keep (issue 17, item 3): one list kind at a time, in
two steps — read and check the whole file (every problem named by row and column), show what
would be added, then add it all or nothing.

An `Importer` names its columns (German and English headers, a parser for each cell), a
natural key per row (the same file imported twice adds nothing twice: rows whose key exists
already are listed as "already there" and skipped) and how a row becomes an unsaved model
instance, which is `full_clean`ed in the check so the model's own rules name the row too.
Reading goes through core.sheets (tablib): CSV in UTF-8 or Windows-1252 with ; or , and
decimal commas, or XLSX with Excel's dates and numbers.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from . import lists, sheets

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
MAX_ERRORS_SHOWN = 50
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
YES = {"ja", "j", "yes", "y", "x", "1", "wahr", "true"}
NO = {"nein", "n", "no", "0", "falsch", "false", "-"}


class CellError(ValueError):
    """A cell that cannot be read; the message is for the user."""


def text(max_length: int) -> Callable[[object], str]:
    def parse(value) -> str:
        result = "" if value is None else str(value).strip()
        if len(result) > max_length:
            raise CellError(_("At most %(n)d characters.") % {"n": max_length})
        return result

    return parse


def boolean(value) -> bool:
    word = str(value).strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(_("“%(value)s” is neither “ja” nor “nein”.") % {"value": str(value)[:30]})


def whole_number(low: int, high: int) -> Callable[[object], int]:
    def parse(value) -> int:
        try:
            number = sheets.decimal_number(value)
        except (TypeError, ValueError):
            number = None
        if number is None or number != int(number) or not low <= number <= high:
            raise CellError(
                _("“%(value)s” is not a whole number from %(low)d to %(high)d.")
                % {"value": str(value)[:30], "low": low, "high": high}
            )
        return int(number)

    return parse


def date(value) -> dt.date:
    """31.12.2026, 2026-12-31, an XLSX date or an Excel serial number (46387)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 80000:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text_value = str(value).strip()
    if text_value.isdigit() and 1 <= int(text_value) < 80000:
        return EXCEL_EPOCH + dt.timedelta(days=int(text_value))
    match = GERMAN_DATE.match(text_value)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (match := ISO_DATE.match(text_value)):
        parts = match.groups()
    try:
        return dt.date(*(int(part) for part in parts))
    except (TypeError, ValueError):
        raise CellError(
            _("“%(value)s” is not a date; use DD.MM.YYYY.") % {"value": text_value[:30]}
        ) from None


def _words(choices) -> dict[str, str]:
    """Lower-case code, English and German label → code."""
    words = {code.casefold(): code for code, _label in choices}
    for language in ("en", "de", translation.get_language() or "de"):
        with translation.override(language):
            words.update({str(label).casefold(): code for code, label in choices})
    return words


def choice(choices) -> Callable[[object], str]:
    """One of `choices` ((code, label) pairs), by its code or label in German or English."""

    words: dict[str, dict[str, str]] = {}  # by language: built once, not for every cell

    def parse(value) -> str:
        language = translation.get_language() or ""
        if language not in words:
            words[language] = _words(choices)
        found = words[language].get(str(value).strip().casefold())
        if found is None:
            raise CellError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {
                    "value": str(value)[:40],
                    "choices": ", ".join(str(label) for _code, label in choices),
                }
            )
        return found

    parse.labels = dict(choices)  # for the preview: the code's label
    return parse


def several(choices) -> Callable[[object], list[str]]:
    """Any of `choices`, separated by commas, semicolons or "|"."""
    one = choice(choices)

    def parse(value) -> list[str]:
        parts = [part for part in re.split(r"[,;|]", str(value)) if part.strip()]
        return list(dict.fromkeys(one(part) for part in parts))

    parse.labels = dict(choices)
    return parse


@dataclass(frozen=True)
class Column:
    """One column: `name` as the row's key, `header` the German header of the template,
    `headers` every header accepted (as sheets.header_key gives them), `parse` for a filled
    cell, `default` for an empty one (required columns have none)."""

    name: str
    header: str
    headers: frozenset[str]
    parse: Callable[[object], object]
    required: bool = False
    default: object = ""
    example: str = ""


def column(name, header, *others, parse, required=False, default="", example="") -> Column:
    keys = {sheets.header_key(h) for h in (header, *others)}
    return Column(name, header, frozenset(keys), parse, required, default, example)


@dataclass
class Preview:
    """What an import would do: `new` rows as {column: value} (JSON-safe), with `skipped`
    row numbers whose key exists already or came earlier in the file."""

    new: list[dict] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Importer:
    """One kind of list. `build(values, context)` makes an unsaved instance (context: what the
    view knows, e.g. the Treff); `existing_keys(context)` the keys already stored; `key(values)`
    a row's natural key (compared case-insensitively)."""

    name: str
    columns: tuple[Column, ...]
    key: Callable[[dict], str]
    existing_keys: Callable[[dict], Iterable[str]]
    build: Callable[[dict, dict], object]

    def template(self) -> lists.Table:
        return lists.Table(
            name=lists.file_name(_("template"), self.name),
            headers=[c.header for c in self.columns],
            rows=[[c.example for c in self.columns]],
        )

    def read(self, filename: str, content: bytes, context: dict) -> Preview:
        """Check the whole file; ValidationError listing every problem ("Row 7, capacity:
        …"), else the Preview. Nothing is written."""
        if len(content) > MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        rows = sheets.read_table(
            filename,
            content,
            {c.name: set(c.headers) for c in self.columns},
            required={c.name: c.header for c in self.columns if c.required},
            max_rows=MAX_ROWS,
        )
        if not rows:
            raise ValidationError(_("The file holds no rows below its header."))
        errors: list[str] = []
        preview = Preview()
        seen = {str(key).casefold() for key in self.existing_keys(context)}
        for number, raw in rows:
            values = self._values(number, raw, errors)
            if values is None:
                continue
            key = str(self.key(values)).casefold()
            if key in seen:
                preview.skipped.append(number)
                continue
            seen.add(key)
            try:
                # Uniqueness is the key's (checked above, case-insensitively): no query a row.
                self.build(values, context).full_clean(validate_unique=False)
            except ValidationError as error:
                for problem in _messages(error, self.headers()):
                    errors.append(_("Row %(n)d: %(message)s") % {"n": number, "message": problem})
                continue
            preview.new.append(_json_safe(values))
        if errors:
            shown = errors[:MAX_ERRORS_SHOWN]
            if len(errors) > MAX_ERRORS_SHOWN:
                shown.append(_("… and %(n)d more.") % {"n": len(errors) - MAX_ERRORS_SHOWN})
            raise ValidationError(shown)
        return preview

    def headers(self) -> dict[str, str]:
        return {c.name: c.header for c in self.columns}

    @transaction.atomic
    def apply(self, rows: list[dict], context: dict, save: Callable[[object], object]) -> int:
        """Add the previewed `rows` (Preview.new) all or nothing through `save(instance)`,
        the kind's own service; returns how many. A row whose key was stored meanwhile is
        left out; a row the model refuses now raises ValidationError, nothing is written."""
        seen = {str(key).casefold() for key in self.existing_keys(context)}
        added = 0
        for values in rows:
            key = str(self.key(values)).casefold()
            if key in seen:
                continue
            seen.add(key)
            try:
                save(self.build(values, context))
            except ValidationError as error:
                raise ValidationError(
                    [f"{key}: {m}" for m in _messages(error, self.headers())]
                ) from None
            added += 1
        return added

    def _values(self, number: int, raw: dict, errors: list[str]) -> dict | None:
        values, before = {}, len(errors)
        for col in self.columns:
            cell = raw.get(col.name)
            if cell is None:
                if col.required:
                    errors.append(
                        _("Row %(n)d, %(column)s: This cell must not be empty.")
                        % {"n": number, "column": col.header}
                    )
                values[col.name] = col.default
                continue
            try:
                values[col.name] = col.parse(cell)
            except CellError as error:
                errors.append(
                    _("Row %(n)d, %(column)s: %(message)s")
                    % {"n": number, "column": col.header, "message": str(error)}
                )
        return None if len(errors) > before else values


def _messages(error: ValidationError, headers: dict[str, str]) -> list[str]:
    """The messages of a model's ValidationError, each after its column's header."""
    if hasattr(error, "error_dict"):
        return [
            f"{headers.get(name, name)}: {message}" if name != "__all__" else message
            for name, problems in error.message_dict.items()
            for message in problems
        ]
    return list(error.messages)


def _json_safe(values: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
