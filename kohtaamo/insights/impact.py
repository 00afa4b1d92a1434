"""The impact follow-up of paths to work: of the people who finished a step of their path in a
calendar quarter, how many had started work 3 and 6 months later.

Pure: plain steps and employment days in, protected tables out, no Django, so that the
definition can be tested against hand counts (`kohtaamo.insights.monitoring` reads the data).

Definitions (the page says the same):

* a person is in the cohort of quarter Q when a step of their path *ended* in Q — it was done,
  or interrupted after it had been under way; each person counts once per quarter, under the
  service type of the first step that ended in Q (so the service rows add up to the total);
* the person was *employed 3 (6) months later* when a start of work is recorded on a day from
  the start of that step to 3 (6) calendar months after its end: work found during the step
  counts (people leave a work trial for a job). The evidence is a start of work with a date,
  not work on that day: a later end of the job is not recorded anywhere;
* a quarter is published once its results are final: 6 months after its last day. Before
  that its cohort or its results could still grow, and a table compared with the one of
  the day before (or of three months before) would reveal each newcomer by subtraction;
* protection (`kohtaamo.esf.indicators.hide_cells`, each quarter on its own — there are no
  totals over quarters): every count from 1 to 4 is hidden, and so is any count that could be
  worked out from the shown ones: the service rows add up to the total, and within a row the
  people split into those employed and not employed, and those employed by 6 months into
  those employed by 3 months and between 3 and 6. The "not employed" and "between 3 and 6"
  counts are not shown but are protected as if they were, since anyone can subtract.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from kohtaamo.esf.indicators import MINIMUM_COUNT, Cell, Relation, hide_cells

FOLLOW_UPS = (3, 6)  # months after the end of the step
ALL = ""  # the row of all service types
PEOPLE = "people"
SHOWN_COLUMNS = (PEOPLE, "employed_3m", "employed_6m")


@dataclass(frozen=True)
class EndedStep:
    """A step of one person's path that was under way and ended (done or interrupted)."""

    person: int
    service: str  # the service type's code, or the kind of step ("training", "referral"...)
    started: date
    ended: date
    order: int = 0  # a tie-breaker between steps that ended on the same day (e.g. the id)


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1-4

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def key(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        month = 3 * self.number
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def next(self) -> Quarter:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def __str__(self) -> str:
        return self.key


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (the month's last day if it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def employed_column(months: int) -> str:
    return f"employed_{months}m"


def not_employed_column(months: int) -> str:
    return f"not_employed_{months}m"


BETWEEN = "employed_3_6m"  # employed by 6 months but not by 3: protected, never shown
COLUMNS = (
    PEOPLE,
    *(f(m) for m in FOLLOW_UPS for f in (employed_column, not_employed_column)),
    BETWEEN,
)


@dataclass
class QuarterTable:
    """One quarter's cohort by service type: protected counts (`hidden` holds the suppressed
    cells)."""

    quarter: Quarter
    services: list[str]  # the service types with people in the cohort, ALL first
    counts: dict[Cell, int]
    hidden: frozenset[Cell] = field(default_factory=frozenset)

    def value(self, service: str, column: str) -> int | None:
        """The count as it may be published: None when hidden."""
        cell = (service, column)
        if cell not in self.counts or cell in self.hidden:
            return None
        return self.counts[cell]

    def is_suppressed(self, service: str, column: str) -> bool:
        return (service, column) in self.hidden

    def share(self, service: str, months: int) -> float | None:
        """Employed / people, only when both counts are shown and there are people."""
        people = self.value(service, PEOPLE)
        employed = self.value(service, employed_column(months))
        if not people or employed is None:
            return None
        return employed / people


def cohort(steps: Iterable[EndedStep], quarter: Quarter) -> dict[int, EndedStep]:
    """Each person's first step that ended in the quarter."""
    first: dict[int, EndedStep] = {}
    for step in steps:
        if not quarter.first_day <= step.ended <= quarter.last_day:
            continue
        held = first.get(step.person)
        if held is None or (step.ended, step.order) < (held.ended, held.order):
            first[step.person] = step
    return first


def was_employed(step: EndedStep, days: Sequence[date], months: int) -> bool:
    last = add_months(step.ended, months)
    return any(step.started <= day <= last for day in days)


def quarter_table(
    steps: Iterable[EndedStep],
    employment: Mapping[int, Sequence[date]],
    quarter: Quarter,
    minimum: int = MINIMUM_COUNT,
) -> QuarterTable:
    """The quarter's protected table (see the module's docstring)."""
    people = cohort(steps, quarter)
    services = [ALL, *sorted({s.service for s in people.values()})]
    counts = {(service, column): 0 for service in services for column in COLUMNS}
    for person, step in people.items():
        days = employment.get(person, ())
        columns = _person_columns({m: was_employed(step, days, m) for m in FOLLOW_UPS})
        for service in (ALL, step.service):
            for column in columns:
                counts[(service, column)] += 1
    hidden = hide_cells(counts, relations(services), minimum)
    return QuarterTable(quarter, services, counts, hidden)


def _person_columns(employed: Mapping[int, bool]) -> list[str]:
    columns = [PEOPLE]
    for months, yes in employed.items():
        columns.append(employed_column(months) if yes else not_employed_column(months))
    if employed[6] and not employed[3]:
        columns.append(BETWEEN)
    return columns


def relations(services: Sequence[str]) -> list[Relation]:
    """What an outsider could difference: the services add up to the total; within a row the
    people split by each follow-up, and employed by 6 months = by 3 months + between."""
    found = []
    for service in services:
        for months in FOLLOW_UPS:
            parts = ((service, employed_column(months)), (service, not_employed_column(months)))
            found.append(Relation((service, PEOPLE), parts))
        parts = ((service, employed_column(3)), (service, BETWEEN))
        found.append(Relation((service, employed_column(6)), parts))
    parts_of = [s for s in services if s != ALL]
    for column in COLUMNS:
        found.append(Relation((ALL, column), tuple((s, column) for s in parts_of)))
    return found


def is_final(quarter: Quarter, today: date) -> bool:
    return add_months(quarter.last_day, max(FOLLOW_UPS)) <= today


def published_quarters(steps: Sequence[EndedStep], today: date) -> list[Quarter]:
    """The final quarters from the first one with an ended step on, newest first (quarters
    without anyone included: zeros are shown)."""
    if not steps:
        return []
    quarter = Quarter.of(min(s.ended for s in steps))
    found = []
    while is_final(quarter, today):
        found.append(quarter)
        quarter = quarter.next()
    return found[::-1]


def follow_up(
    steps: Iterable[EndedStep],
    employment: Mapping[int, Sequence[date]],
    today: date,
    minimum: int = MINIMUM_COUNT,
) -> list[QuarterTable]:
    """Every published quarter's protected table, newest first."""
    steps = list(steps)
    return [
        quarter_table(steps, employment, quarter, minimum)
        for quarter in published_quarters(steps, today)
    ]
