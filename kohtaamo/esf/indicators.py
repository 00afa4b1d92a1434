"""The EU social fund indicator table of a project for a period, and its protection.

Pure: plain participant rows in, plain tables out, no Django, so that the counting and the
suppression can be tested against hand counts and with hypothesis.

What is counted (the pages, the exports and the API say the same):

* entry rows (``entered``) count the participants whose entry date is within the period;
  the columns break them down by gender and by age group at entry, which gives the fund's
  "women", "men", "under 30" and "over 54" figures;
* exit rows count the participants whose exit date is within the period: ``exited``, their
  status at exit (``employed`` and its four employers, self-employed, work trial, studying,
  unemployed, outside the labour force, and ``exit_status_missing`` when the exit form has a
  date but no status, so that the statuses always add up to ``exited``), the people who gained
  at least one licence or card (``licences``) and those who started a business
  (``new_entrepreneurs``), both as recorded on the exit form;
* age groups: under 30, 30-54, over 54 (55 and older), by the age at entry.

Protection: every count from 1 to 4 is hidden (primary suppression), and then, until nothing
changes, more counts are hidden so that no hidden non-zero count can be worked out from the
shown ones through the table's additive relations (the gender columns and the age columns each
add up to the total; the exit statuses add up to ``exited``; the four employers add up to
``employed``), and no set of hidden counts within a relation adds up to 1-4 under a known total.
Zeros are shown: they are about no one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

MINIMUM_COUNT = 5  # counts from 1 to MINIMUM_COUNT - 1 never leave the project

ENTRY_ROWS = ("entered",)
EMPLOYERS = (
    "employed_company",
    "employed_association",
    "employed_foundation",
    "employed_municipality",
)
OTHER_EXITS = (
    "self_employed",
    "work_trial",
    "studying",
    "unemployed",
    "outside_labour_force",
    "exit_status_missing",
)
EXIT_STATUSES = frozenset(EMPLOYERS + OTHER_EXITS[:-1])  # as ParticipantStatus values
EXIT_ROWS = ("exited", "employed", *EMPLOYERS, *OTHER_EXITS)
ROWS = (*ENTRY_ROWS, *EXIT_ROWS, "licences", "new_entrepreneurs")

GENDER_COLUMNS = ("women", "men", "other_or_not_told")
AGE_COLUMNS = ("under_30", "age_30_54", "over_54")
COLUMNS = ("total", *GENDER_COLUMNS, *AGE_COLUMNS)

Cell = tuple[str, str]  # (row, column)


@dataclass(frozen=True)
class ParticipantRow:
    """What the indicators need of one participant record."""

    gender: str  # female, male, other, not_told
    age_at_entry: int
    entry_date: date
    exit_date: date | None = None
    exit_status: str = ""  # a ParticipantStatus value, "" when not recorded
    licences: int = 0  # licences and cards gained
    new_entrepreneur: bool = False


@dataclass
class IndicatorTable:
    """Counts by row and column; `hidden` holds the suppressed cells (empty before `suppress`)."""

    start: date
    end: date
    counts: dict[Cell, int]
    hidden: frozenset[Cell] = field(default_factory=frozenset)

    def value(self, row: str, column: str) -> int | None:
        """The count as it may leave the project: None when suppressed."""
        if (row, column) in self.hidden:
            return None
        return self.counts[(row, column)]

    def is_suppressed(self, row: str, column: str) -> bool:
        return (row, column) in self.hidden

    @property
    def any_suppressed(self) -> bool:
        return bool(self.hidden)


def gender_column(gender: str) -> str:
    return {"female": "women", "male": "men"}.get(gender, "other_or_not_told")


def age_column(age: int) -> str:
    if age < 30:
        return "under_30"
    return "age_30_54" if age <= 54 else "over_54"


def _rows_of(person: ParticipantRow, start: date, end: date) -> list[str]:
    """The table rows in which one person counts for the period."""
    rows = ["entered"] if start <= person.entry_date <= end else []
    if person.exit_date is None or not start <= person.exit_date <= end:
        return rows
    rows.append("exited")
    status = person.exit_status if person.exit_status in EXIT_STATUSES else "exit_status_missing"
    if status in EMPLOYERS:
        rows.append("employed")
    rows.append(status)
    if person.licences > 0:
        rows.append("licences")
    if person.new_entrepreneur:
        rows.append("new_entrepreneurs")
    return rows


def compute(people: Iterable[ParticipantRow], start: date, end: date) -> IndicatorTable:
    """The unsuppressed table: for the project's own eyes only (see `suppress`)."""
    counts = {(row, column): 0 for row in ROWS for column in COLUMNS}
    for person in people:
        columns = ("total", gender_column(person.gender), age_column(person.age_at_entry))
        for row in _rows_of(person, start, end):
            for column in columns:
                counts[(row, column)] += 1
    return IndicatorTable(start=start, end=end, counts=counts)


# Relations ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """total = sum(parts)."""

    total: Cell
    parts: tuple[Cell, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (self.total, *self.parts)


def relations() -> list[Relation]:
    """Every additive relation of the table: what an outsider could difference."""
    found = []
    for row in ROWS:
        found.append(Relation((row, "total"), tuple((row, c) for c in GENDER_COLUMNS)))
        found.append(Relation((row, "total"), tuple((row, c) for c in AGE_COLUMNS)))
    exit_parts = ("employed", *OTHER_EXITS)
    for column in COLUMNS:
        found.append(Relation(("exited", column), tuple((r, column) for r in exit_parts)))
        found.append(Relation(("employed", column), tuple((r, column) for r in EMPLOYERS)))
    return found


RELATIONS = relations()


# Suppression --------------------------------------------------------------------------------


def is_small(count: int, minimum: int = MINIMUM_COUNT) -> bool:
    return 0 < count < minimum


def suppress(table: IndicatorTable, minimum: int = MINIMUM_COUNT) -> IndicatorTable:
    """The table with every count 1..minimum-1 hidden and enough others hidden that none of
    them can be recovered by differencing (see the module's docstring).

    Iterates to a fixed point; each round hides one more cell, so it ends (at worst with every
    non-zero cell hidden, from which nothing can be derived since the shown cells are then all
    zeros). Which cell: among the shown non-zero cells of the leaking relation and of the
    relations sharing its hidden cells, a breakdown before a total (the totals are the
    headline figures), then the one after whose hiding the fewest relations leak, so that one
    hidden cell does not start a cascade through the table, then the smallest."""
    hidden = hide_cells(table.counts, RELATIONS, minimum)
    return IndicatorTable(table.start, table.end, dict(table.counts), hidden)


def hide_cells(
    counts: dict[Cell, int],
    relations: Sequence[Relation],
    minimum: int = MINIMUM_COUNT,
    unpublished: Iterable[Cell] = (),
) -> frozenset[Cell]:
    """The cells to hide in any table of additive `relations` (see `suppress`).

    `unpublished` cells are never shown (e.g. a difference of two rows that an outsider could
    compute): they start hidden and are protected like the small ones."""
    hidden = {cell for cell, count in counts.items() if is_small(count, minimum)}
    hidden.update(unpublished)
    while leaks := _leaks(counts, hidden, minimum, relations):
        hidden.add(_cell_to_hide(counts, hidden, leaks[0], minimum, relations))
    return frozenset(hidden)


def _leaks(counts, hidden: set[Cell], minimum: int, relations=RELATIONS) -> list[Relation]:
    """The relations through which something hidden can be learnt."""
    known = derivable(counts, hidden, relations)
    found = []
    for relation in relations:
        if any(c in hidden and c in known and counts[c] for c in relation.cells):
            found.append(relation)
        elif relation.total not in hidden or relation.total in known:
            unknown = [p for p in relation.parts if p in hidden and p not in known]
            if is_small(sum(counts[p] for p in unknown), minimum):
                found.append(relation)
    return found


CANDIDATES = 10  # cells tried per round


def _cell_to_hide(counts, hidden: set[Cell], leak: Relation, minimum: int, relations) -> Cell:
    order = {cell: n for n, cell in enumerate(leak.cells)}
    candidates = _candidates(counts, hidden, leak, relations)
    candidates.sort(key=lambda c: (counts[c], order.get(c, len(order)), c))
    candidates = candidates[:CANDIDATES] or [
        min((c for c in counts if c not in hidden and counts[c]), key=lambda c: (counts[c], c))
    ]
    return min(
        candidates,
        key=lambda c: (
            c[1] == "total",
            len(_leaks(counts, hidden | {c}, minimum, relations)),
            counts[c],
            order.get(c, len(order)),
        ),
    )


def _candidates(counts, hidden: set[Cell], leak: Relation, relations) -> list[Cell]:
    """Shown non-zero cells of the leaking relation and of the relations that share one of
    its hidden cells."""
    shared = {c for c in leak.cells if c in hidden}
    near = [r for r in relations if r == leak or shared.intersection(r.cells)]
    return list({c: None for r in near for c in r.cells if c not in hidden and counts[c]})


def derivable(
    counts: dict[Cell, int], hidden: Iterable[Cell], relations: Sequence[Relation] = RELATIONS
) -> set[Cell]:
    """The hidden cells whose value follows from the shown cells and the relations: a linear
    system in the hidden cells, solved exactly; a cell is determined when its unit vector lies
    in the row space of the system (in reduced row echelon form: a row with that single
    non-zero entry)."""
    variables = sorted(set(hidden))
    index = {cell: n for n, cell in enumerate(variables)}
    matrix = []
    for relation in relations:
        row = [0] * len(variables)
        for cell, sign in ((relation.total, -1), *((p, 1) for p in relation.parts)):
            if cell in index:
                row[index[cell]] += sign
        if any(row):
            matrix.append(row)
    return {
        variables[next(n for n, v in enumerate(row) if v)]
        for row in _rref(matrix, len(variables))
        if sum(1 for v in row if v) == 1
    }


def _rref(matrix: list[list[int]], width: int) -> list[list[int]]:
    """Reduced row echelon form in exact integers (fraction-free: rows are combined with
    integer factors and divided by their gcd), so that "determined" is never a rounding
    artefact."""
    rows = [list(r) for r in matrix]
    pivot_row = 0
    for column in range(width):
        pivot = next((r for r in range(pivot_row, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead_row = rows[pivot_row]
        lead = lead_row[column]
        for r in range(len(rows)):
            factor = rows[r][column]
            if r != pivot_row and factor:
                rows[r] = _normalised(
                    [a * lead - factor * b for a, b in zip(rows[r], lead_row, strict=True)]
                )
        pivot_row += 1
        if pivot_row == len(rows):
            break
    return rows[:pivot_row]


def _normalised(row: list[int]) -> list[int]:
    divisor = math.gcd(*row)
    return [v // divisor for v in row] if divisor > 1 else row


def as_rows(table: IndicatorTable) -> list[tuple[str, list[int | None]]]:
    """(row, values by COLUMNS) with None for a suppressed cell: what leaves the project."""
    return [(row, [table.value(row, column) for column in COLUMNS]) for row in ROWS]


def check_protected(table: IndicatorTable, minimum: int = MINIMUM_COUNT) -> Sequence[str]:
    """What is wrong with a suppressed table, for tests and for a last check before export."""
    problems = []
    for cell, count in table.counts.items():
        if is_small(count, minimum) and cell not in table.hidden:
            problems.append(f"{cell} = {count} is shown")
    for cell in derivable(table.counts, table.hidden):
        if table.counts[cell]:
            problems.append(f"{cell} can be derived")
    return problems
