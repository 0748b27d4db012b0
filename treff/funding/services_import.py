"""The expense import (Fachkonzept §5): a bookkeeping export, CSV or XLSX, into an approved
plan — every row checked, all or nothing, the same file twice imports nothing twice.

Columns are found by their German or English header (case-insensitive, in any order;
others are ignored): Datum/date, Kostenart/cost type, Zweck/Verwendungszweck/purpose,
Empfänger/Empfängerart/payee, Betrag/amount, Belegnummer/Beleg/voucher. The header is
row 1; errors name the row as the file numbers it ("Row 37, amount: …").

A row whose voucher number is already recorded in the plan with the same date, cost type
and amount counts as "already recorded" and is skipped; the same voucher with other data,
or twice in one file, is an error. Reading is separate from the database (`read_rows`), so
the benchmark and tests can time and check each part.
"""

import csv
import datetime as dt
import hashlib
import io
import logging
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import CostType, Expense, ExpenseImport, PayeeKind, PlanEvent
from .services import amount_of, approved_amounts, locked_plan
from .services_expenses import expense_problems, refuse_unless_open_for_expenses

logger = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024  # 2 MB: a year's bookkeeping of one Treff is far smaller
MAX_ROWS = 5000  # data rows, without the header
MAX_ERRORS_SHOWN = 50
MAX_COLUMNS = 50  # columns of an XLSX row that are read
MAX_BLANK_ROWS = 1000  # blank XLSX rows tolerated besides the data rows
XLSX_MAGIC = b"PK\x03\x04"

# field → header names (lower case, "(€)" and "€" removed)
HEADERS = {
    "day": {"datum", "date", "buchungsdatum", "belegdatum"},
    "cost_type": {"kostenart", "cost type", "cost_type", "costtype"},
    "purpose": {"zweck", "verwendungszweck", "purpose", "buchungstext"},
    "payee_kind": {"empfänger", "empfängerart", "empfaenger", "payee", "payee kind", "paid to"},
    "amount": {"betrag", "amount"},
    "voucher": {"belegnummer", "beleg", "belegnr", "belegnr.", "voucher", "voucher number"},
}
# Words German bookkeeping uses besides the labels of the choices (lower case).
COST_TYPE_WORDS = {
    "personalkosten": CostType.PERSONNEL,
    "sachkosten": CostType.MATERIAL,
    "sachkostenpauschale": CostType.MATERIAL,
    "sachkosten (pauschale)": CostType.MATERIAL,
    "miete": CostType.RENT,
    "mietkosten": CostType.RENT,
    "miete und betriebskosten": CostType.RENT,
    "miet- und betriebskosten": CostType.RENT,
    "sonstige kosten": CostType.OTHER,
    "sonstiges": CostType.OTHER,
}
PAYEE_WORDS = {
    "beschäftigte": PayeeKind.EMPLOYEE,
    "beschäftigte (gehalt)": PayeeKind.EMPLOYEE,
    "mitarbeiter": PayeeKind.EMPLOYEE,
    "mitarbeiterin": PayeeKind.EMPLOYEE,
    "arbeitnehmer": PayeeKind.EMPLOYEE,
    "vermieter": PayeeKind.LANDLORD,
    "vermieterin": PayeeKind.LANDLORD,
    "lieferant": PayeeKind.SUPPLIER,
    "dienstleister": PayeeKind.SUPPLIER,
    "lieferant oder dienstleister": PayeeKind.SUPPLIER,
    "versorger": PayeeKind.UTILITY,
    "energieversorger": PayeeKind.UTILITY,
    "behörde": PayeeKind.PUBLIC,
    "öffentliche stelle": PayeeKind.PUBLIC,
    "versicherung": PayeeKind.PUBLIC,
    "sonstige": PayeeKind.OTHER,
    "sonstiges": PayeeKind.OTHER,
}
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

# The template a carrier downloads: German headers, one example row.
TEMPLATE_HEADER = [
    "Datum",
    "Kostenart",
    "Verwendungszweck",
    "Empfängerart",
    "Betrag",
    "Belegnummer",
]


def template_example(year: int) -> list[str]:
    return [f"15.01.{year}", "Sachkosten", "Reinigungsmittel", "Lieferant", "89,90", f"{year}-001"]


def _field_labels() -> dict:
    return {
        "day": _("date"),
        "cost_type": _("cost type"),
        "purpose": _("purpose"),
        "payee_kind": _("payee"),
        "amount": _("amount"),
        "voucher": _("voucher number"),
    }


def _choice_words(choices, extra: dict) -> dict:
    """Lower-case code, English and current-language label → code."""
    words = {code: code for code in choices.values}
    for language in ("en", translation.get_language() or "en"):
        with translation.override(language):
            words.update({str(label).lower(): code for code, label in choices.choices})
    words.update(extra)
    return words


def _header_key(text) -> str:
    text = str(text or "").replace("\ufeff", "").replace("(€)", "").replace("€", "")
    return " ".join(text.lower().split())


def _decode(content: bytes) -> str:
    # German bookkeeping exports are often Windows-1252; UTF-8 (with a BOM from Excel) first.
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="strict")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return content.decode("cp1252")
        except UnicodeDecodeError:
            return content.decode("latin-1")


def _csv_rows(content: bytes):
    try:
        text = _decode(content)
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not readable text.")) from None
    first = text.split("\n", 1)[0]
    # The header has no quoted commas: the most frequent separator in it is the delimiter.
    delimiter = max(";,\t", key=first.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error:
        raise ValidationError(_("The file is not a readable CSV file.")) from None


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0] if book.worksheets else None
            rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True) if sheet else ()
            for number, row in enumerate(rows, 1):
                # Blank rows are skipped below but still read: a bound for a packed sheet.
                if number > MAX_ROWS + MAX_BLANK_ROWS:
                    raise _too_many_rows()
                yield row
        finally:
            book.close()
    except ValidationError:
        raise
    # A damaged workbook fails anywhere in zipfile, zlib or the XML parser.
    except Exception:
        raise ValidationError(_("The file is not a readable XLSX workbook.")) from None


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _("The file has more than %(n)d rows; split it by year or month.") % {"n": MAX_ROWS}
    )


def read_rows(filename: str, content: bytes) -> list[tuple[int, dict]]:
    """The file's data rows as (row number, {field: raw value}), blank rows left out.

    Raises ValidationError for a file over MAX_BYTES, over MAX_ROWS rows, one that is not
    CSV or XLSX, or a header without the required columns (named).
    """
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)d MB; split it by year or month.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    is_xlsx = content.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx")
    rows = iter(_xlsx_rows(content) if is_xlsx else _csv_rows(content))
    header = next(rows, None)
    if header is None:
        raise ValidationError(_("The file is empty."))
    keys = [_header_key(cell) for cell in header]
    columns = {}
    for field, names in HEADERS.items():
        for index, key in enumerate(keys):
            if key in names and field not in columns:
                columns[field] = index
    missing = [label for field, label in _field_labels().items() if field not in columns]
    if missing:
        raise ValidationError(
            _("The first row names no column for: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    found = []
    for number, row in enumerate(rows, 2):
        values = {
            field: row[index] if index < len(row) else None for field, index in columns.items()
        }
        if all(value is None or str(value).strip() == "" for value in values.values()):
            continue
        if len(found) == MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(n)d rows; split it by year or month.") % {"n": MAX_ROWS}
            )
        found.append((number, values))
    return found


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    match = GERMAN_DATE.match(text)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (match := ISO_DATE.match(text)):
        parts = match.groups()
    try:
        return dt.date(*(int(part) for part in parts))
    except (TypeError, ValueError):
        raise ValueError(
            _("“%(value)s” is not a date; use DD.MM.YYYY or YYYY-MM-DD.") % {"value": text[:40]}
        ) from None


def _amount_input(value):
    """A cell's amount for money.euros: text as it is, an XLSX number as Decimal. A float
    cell is taken as its shortest decimal form, so 12.345 stays 12.345 (and is refused)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        try:
            exact = Decimal(repr(value))
        except InvalidOperation:
            return str(value)
        # A sum in the sheet may carry float noise (89.89999999999999): whole cents only
        # when the noise is far below a cent, else the true value, refused.
        cents = Decimal(str(round(value, 2)))
        return cents if abs(exact - cents) < Decimal("1e-9") else exact
    return str(value or "").replace("€", "").replace("\xa0", "").strip()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a voucher number typed as a number
    return " ".join(str(value).split())


def _day_problems(day, checked: dict) -> list[str]:
    # The date field's validators format dates for their messages: once per distinct day.
    if day not in checked:
        try:
            Expense._meta.get_field("day").run_validators(day)
            checked[day] = []
        except ValidationError as error:
            checked[day] = error.messages
    return checked[day]


def _parse_row(plan, number, values, words, labels, errors) -> Expense | None:
    def add(field, message):
        errors.append(
            _("Row %(row)d, %(field)s: %(problem)s")
            % {"row": number, "field": labels[field], "problem": message}
        )

    expense = Expense(plan=plan)
    count = len(errors)
    try:
        expense.day = _date(values["day"])
    except ValueError as error:
        add("day", str(error))
    else:
        for message in _day_problems(expense.day, words["days"]):
            add("day", message)
    for field, choices in (("cost_type", words["cost_type"]), ("payee_kind", words["payee"])):
        text = _text(values[field])
        code = choices.get(text.lower())
        if code is None:
            add(field, _("“%(value)s” is not known here.") % {"value": text[:40]})
        setattr(expense, field, code or "")
    expense.purpose = _text(values["purpose"])
    expense.voucher = _text(values["voucher"])
    try:
        where = _("Row %(row)d, %(field)s") % {"row": number, "field": labels["amount"]}
        value = _amount_input(values["amount"])
        # A number cell is named in the message as the reader writes numbers ("12,345").
        typed = (
            formats.number_format(value, use_l10n=True)
            if isinstance(value, Decimal | int)
            else None
        )
        expense.amount = amount_of(value, "amount", label=where, typed=typed)
    except ValidationError as error:
        errors.extend(error.messages)
    try:
        expense.full_clean(
            exclude=["plan", "source", "recorded_by", "day", "cost_type", "payee_kind", "amount"]
            if len(errors) > count
            else ["plan", "source", "recorded_by", "day"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                add(field if field in labels else "voucher", message)
    return expense if len(errors) == count else None


@transaction.atomic
def expenses_import(*, plan, filename: str, content: bytes, user) -> ExpenseImport:
    """Import a bookkeeping export into an approved plan whose proof is still open.

    Returns the ExpenseImport (rows_added, rows_known). Raises ValidationError — a list of
    at most MAX_ERRORS_SHOWN messages, each naming the row and field, plus "and N more" —
    if any row is wrong; nothing is saved then.
    """
    rows = read_rows(filename, content)
    plan = locked_plan(plan)
    refuse_unless_open_for_expenses(plan)
    approved = approved_amounts(plan)
    recorded = {
        voucher: (day, cost_type, amount)
        for voucher, day, cost_type, amount in Expense.objects.filter(plan=plan).values_list(
            "voucher", "day", "cost_type", "amount"
        )
    }
    words = {
        "cost_type": _choice_words(CostType, COST_TYPE_WORDS),
        "payee": _choice_words(PayeeKind, PAYEE_WORDS),
        "days": {},  # day → its field's problems, filled as rows come
    }
    labels = _field_labels()
    errors, new, known, seen = [], [], 0, {}
    for number, values in rows:
        expense = _parse_row(plan, number, values, words, labels, errors)
        if expense is None:
            continue
        voucher = expense.voucher
        if voucher in seen:
            errors.append(
                _("Row %(row)d, %(field)s: “%(voucher)s” is already in row %(first)d.")
                % {
                    "row": number,
                    "field": labels["voucher"],
                    "voucher": voucher,
                    "first": seen[voucher],
                }
            )
            continue
        seen[voucher] = number
        if voucher in recorded:
            if recorded[voucher] == (expense.day, expense.cost_type, expense.amount):
                known += 1
            else:
                errors.append(
                    _(
                        "Row %(row)d, %(field)s: “%(voucher)s” is already recorded with another "
                        "date, cost type or amount."
                    )
                    % {"row": number, "field": labels["voucher"], "voucher": voucher}
                )
            continue
        problems = expense_problems(plan, expense, approved)
        if problems:
            errors.append(
                _("Row %(row)d: %(problems)s.") % {"row": number, "problems": "; ".join(problems)}
            )
            continue
        new.append(expense)
    if not rows:
        errors.append(_("The file has no rows below its header."))
    if errors:
        raise ValidationError(_shown(errors))
    record = ExpenseImport.objects.create(
        plan=plan,
        filename=(filename or "").replace("\\", "/").rsplit("/", 1)[-1][:200],
        sha256=hashlib.sha256(content).hexdigest(),
        rows_added=len(new),
        rows_known=known,
        imported_by=user,
    )
    for expense in new:
        expense.source = record
        expense.recorded_by = user
    Expense.objects.bulk_create(new, batch_size=500)
    PlanEvent.objects.create(
        plan=plan,
        kind=PlanEvent.Kind.IMPORTED,
        by=user,
        comment=_("%(added)d added, %(known)d known") % {"added": len(new), "known": known},
    )
    logger.info(
        "expenses imported: import=%s plan=%s added=%d known=%d by user=%s",
        record.pk,
        plan.pk,
        len(new),
        known,
        user.pk,
    )
    return record


def _shown(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS_SHOWN:
        return errors
    rest = len(errors) - MAX_ERRORS_SHOWN
    return [
        *errors[:MAX_ERRORS_SHOWN],
        ngettext("… and %(n)d more problem.", "… and %(n)d more problems.", rest) % {"n": rest},
    ]
