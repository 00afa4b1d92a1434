"""Reading a vacancies CSV file into rows of text. No Django: the import service checks values.

The columns (any order, comma, semicolon or tab separated, UTF-8 with or without a byte order
mark, as spreadsheets save it): employer_business_id, title, occupation (an ESCO occupation URI
or code such as 8342.3), municipality (code or name), description, openings, start_date,
end_date, hours_per_week, working_time (full/part), essential_skills, optional_skills, licences.
Lists are separated by `|`. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

COLUMNS = (
    "employer_business_id",
    "title",
    "occupation",
    "municipality",
    "description",
    "openings",
    "start_date",
    "end_date",
    "hours_per_week",
    "working_time",
    "essential_skills",
    "optional_skills",
    "licences",
)
REQUIRED = ("employer_business_id", "title")
LIST_SEPARATOR = "|"
MAX_ROWS = 5000
WORKING_TIME = {"full": "full", "kokoaika": "full", "part": "part", "osa-aika": "part"}


class CsvError(ValueError):
    """The file cannot be read as a vacancies CSV; `errors` lists (where, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{where}: {message}" for where, message in errors))


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def items(self, column: str) -> list[str]:
        return [part.strip() for part in self.get(column).split(LIST_SEPARATOR) if part.strip()]


def read_rows(raw: bytes) -> list[Row]:
    """The data rows of the file; a wrong encoding or header is a CsvError about row 1."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvError([("row 1", f"the file is not UTF-8 text (byte {exc.start})")]) from exc
    if not text.strip():
        raise CsvError([("row 1", "the file is empty")])
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name and name not in COLUMNS]
    problems = []
    if missing:
        problems.append(("row 1", f"missing columns: {', '.join(missing)}"))
    if unknown:
        problems.append(("row 1", f"unknown columns: {', '.join(unknown)}"))
    if problems:
        raise CsvError(problems)
    reader.fieldnames = header
    rows = []
    for number, values in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            raise CsvError([(f"row {number}", f"at most {MAX_ROWS} rows at a time")])
        if any((value or "").strip() for value in values.values() if isinstance(value, str)):
            rows.append(Row(number, values))
    if not rows:
        raise CsvError([("row 2", "the file has no vacancies")])
    return rows


def _dialect(text: str):
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def parse_date(text: str) -> date | None:
    """2025-06-01 or the Finnish 1.6.2025; empty is None; anything else ValueError."""
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (2025-06-01 or 1.6.2025)")


def parse_decimal(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(f"{text!r} is not a number") from exc


def parse_count(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{text!r} is not a positive whole number")
    return int(text)


def parse_working_time(text: str) -> str | None:
    if not text:
        return None
    try:
        return WORKING_TIME[text.lower()]
    except KeyError as exc:
        raise ValueError(f"{text!r} is not full or part") from exc
