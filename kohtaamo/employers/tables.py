"""Rows out of an uploaded CSV or Excel file, and small parsers for what a cell holds.

No database: `read_table` gives the header and the rows as text with the row numbers a person
sees in the file, so that an error report can say "row 7, column municipality".
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

MAX_ROWS = 5000
FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+-][^\d\s])")


class TableError(ValueError):
    """The file cannot be read as a table; the message says why and what to do."""


@dataclass(frozen=True)
class Table:
    format: str  # "csv" or "xlsx"
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cell texts)


def read_table(content: bytes, filename: str) -> Table:
    """The first non-empty row is the header; empty rows are skipped but keep their number."""
    name = filename.lower()
    if name.endswith((".csv", ".txt")):
        numbered, kind = _csv_rows(content), "csv"
    elif name.endswith(".xlsx"):
        numbered, kind = _xlsx_rows(content), "xlsx"
    else:
        raise TableError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."))
    rows = [(number, cells) for number, cells in numbered if any(cells)]
    if not rows:
        raise TableError(_("The file has no rows."))
    if len(rows) - 1 > MAX_ROWS:
        raise TableError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
    (header_row, header), *data = rows
    return Table(format=kind, header_row=header_row, header=header, rows=data)


def _csv_rows(content: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(
            _("The file is not in UTF-8. In Excel, save it as “CSV UTF-8 (comma delimited)”.")
        ) from exc
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, number = [], 0
    for cells in reader:
        number += 1
        rows.append((number, [_from_csv(c) for c in cells]))
        number = reader.line_num  # a quoted cell may span lines
    return rows


def _from_csv(cell: str) -> str:
    """A leading apostrophe that guarded a formula-like cell on export is dropped."""
    cell = cell.strip()
    if cell.startswith("'") and FORMULA_START.match(cell[1:]):
        return cell[1:]
    return cell


def _xlsx_rows(content: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise TableError(_("The file is not an Excel workbook (.xlsx) that can be read.")) from exc
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """Excel turns 698 into a number and 6 into 6.0; the importer wants the text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def csv_cell(value) -> str:
    """A cell for a CSV export that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if FORMULA_START.match(text) else text


def parse_months(text: str) -> list[int]:
    """Month numbers from "6,7,12", "6-8" or "12-2" (December to February), sorted.

    ValueError when a part is not a month 1-12.
    """
    months: set[int] = set()
    for part in re.split(r"[,;\s]+", (text or "").strip()):
        if not part:
            continue
        first, dash, last = part.partition("-")
        start, end = _month(first), _month(last) if dash else _month(first)
        span = (end - start) % 12
        months.update((start - 1 + step) % 12 + 1 for step in range(span + 1))
    return sorted(months)


def _month(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise ValueError(f"{text!r} is not a month number 1-12")
    return int(text)


def format_months(months: list[int]) -> str:
    """The inverse of `parse_months` for exports: "6,7,12"."""
    return ",".join(str(m) for m in sorted(months))
