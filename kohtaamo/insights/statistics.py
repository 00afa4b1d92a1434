"""Employment service statistics as plain rows: parsing and checking the files (no Django).

Statistics Finland publishes the employment service statistics (StatFin, tyonv) monthly:
unemployed job seekers and open vacancies at the end of each month, by occupation group
(Classification of Occupations 2010, ISCO-08 based, levels 1-4) and by area (municipality KUxxx,
sub-region SKxxx, region MKxx). Four layouts are read, told apart by their header: the two
source files as downloaded (`kohtaanto_ammateittain_maakunta_*.csv`,
`kohtaanto_alueittain_*.csv`) and Kohtaamo's compact copies in data/reference/labour. Later
months in the same layouts import the same way.

Every row is checked before anything is stored; an error names the file, the line and the
column, so that a broken download never half-updates the statistics.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

WHOLE_REGION = "MK19"  # the compact occupation file is Lapland's
ALL_OCCUPATIONS = ""
AREA = re.compile(r"^(KU\d{3}|SK\d{3}|MK\d{2}|SSS)$")
OCCUPATION = re.compile(r"^\d{1,5}$")
MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-01)?$")
MAX_ERRORS = 20


@dataclass(frozen=True)
class StatRow:
    area: str
    occupation: str  # "" = all occupations
    month: date  # the first day of the month
    unemployed: int | None  # None: not published
    vacancies: int | None


@dataclass(frozen=True)
class Layout:
    """Which columns hold what; `area` None means the whole file is one area."""

    name: str
    occupation: str | None
    month: str
    area: str | None
    unemployed: str
    vacancies: str


LAYOUTS = (
    Layout("occupations by region", "ammattiryhma", "time", "alue", "TYOTTOMATLOPUSSA",
           "AVPAIKATLOPUSSA"),
    Layout("areas", None, "time", "alue", "TYOTTOMATLOPUSSA", "AVPAIKATLOPUSSA"),
    Layout("compact occupations", "isco", "month", None, "unemployed", "vacancies"),
    Layout("compact areas", None, "month", "area", "unemployed", "vacancies"),
)  # fmt: skip


class StatisticsError(ValueError):
    """What is wrong and where: a list of "file, line N, column C: problem"."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def layout_of(header: Iterable[str]) -> Layout | None:
    columns = set(header)
    for layout in LAYOUTS:
        wanted = {layout.month, layout.unemployed, layout.vacancies}
        wanted |= {c for c in (layout.occupation, layout.area) if c}
        if wanted <= columns and (layout.occupation is not None or "ammattiryhma" not in columns):
            return layout
    return None


def parse(lines: Iterable[str], name: str) -> list[StatRow]:
    """Every row of one file, checked; raises StatisticsError naming each problem."""
    reader = csv.DictReader(lines)
    layout = layout_of(reader.fieldnames or [])
    if layout is None:
        expected = "ammattiryhma,time,alue,TYOTTOMATLOPUSSA,AVPAIKATLOPUSSA"
        raise StatisticsError(
            [f"{name}: unknown columns {reader.fieldnames}; expected e.g. {expected}"]
        )
    rows, problems = [], []
    for line, record in enumerate(reader, start=2):
        try:
            rows.append(_row(record, layout))
        except _Problem as problem:
            problems.append(f"{name}, line {line}, column {problem.column}: {problem}")
            if len(problems) >= MAX_ERRORS:
                problems.append(f"{name}: stopped after {MAX_ERRORS} problems")
                break
    if problems:
        raise StatisticsError(problems)
    return rows


class _Problem(ValueError):
    def __init__(self, column: str, message: str):
        self.column = column
        super().__init__(message)


def _row(record: dict, layout: Layout) -> StatRow:
    area = WHOLE_REGION if layout.area is None else _text(record, layout.area)
    if not AREA.match(area):
        raise _Problem(layout.area, f"“{area}” is not an area code (KU698, SK191, MK19)")
    occupation = ALL_OCCUPATIONS
    if layout.occupation is not None:
        occupation = _text(record, layout.occupation)
        if not OCCUPATION.match(occupation):
            raise _Problem(layout.occupation, f"“{occupation}” is not an occupation code")
    return StatRow(
        area=area,
        occupation=occupation,
        month=_month(record, layout.month),
        unemployed=_count(record, layout.unemployed),
        vacancies=_count(record, layout.vacancies),
    )


def _text(record: dict, column: str) -> str:
    return (record.get(column) or "").strip()


def _month(record: dict, column: str) -> date:
    text = _text(record, column)
    found = MONTH.match(text)
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise _Problem(column, f"“{text}” is not a month (2023-10 or 2023-10-01)")
    return date(int(found.group(1)), int(found.group(2)), 1)


def _count(record: dict, column: str) -> int | None:
    """A count of people or vacancies; "33.0" as the source writes it; empty: not published."""
    text = _text(record, column)
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise _Problem(column, f"“{text}” is not a number") from None
    if value < 0 or value != int(value):
        raise _Problem(column, f"“{text}” is not a count")
    return int(value)


def deduplicated(rows: Iterable[StatRow]) -> Iterator[StatRow]:
    """One row per area, occupation and month: the last one read wins (a later file corrects
    an earlier one)."""
    latest = {(r.area, r.occupation, r.month): r for r in rows}
    return iter(latest.values())
