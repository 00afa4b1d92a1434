"""The situation room's two simple models, in plain Python (no Django): how many workers of a
closure could be re-employed month by month, and which job seekers could fill an investment's
need (kohtaamo.insights.scenarios gives the numbers and stores what these return).

Re-employment: the situation room gives plain numbers per occupation and gets back a
cumulative estimate for each of the 12 months after the date. The model, per occupation of
the closing employer (n workers):

* placed: as many workers as there are open vacancies within commuting distance that they fit
  now (a score of at least 0.25), at most n. They find work at FILL_RATE a month: an open
  vacancy is filled in about two months (half of them in a month). Other job seekers compete
  for the same vacancies, so this is the optimistic part of the estimate.
* trained: of the others, as many as there are vacancies that an upcoming course within their
  reach would make suitable. They start finding work at FILL_RATE once the course is over
  (the quickest such course, in whole months after the date).
* the rest find work at the pace of the occupation group's labour market:
  BASE_RATE + TENSION_RATE x tension (vacancies per unemployed in the region over the last 12
  months of the public statistics), at most MAX_RATE a month; BASE_RATE alone when the tension
  is not known. With a tension of 0.2 (a typical Lapland group) that is 8% a month, about
  two thirds re-employed within a year.

The result is an estimate about hypothetical people, not a count of real ones: the pages and
the API round it to multiples of 5 (`round5`) and say that it is an estimate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MONTHS = 12
FILL_RATE = 0.5
BASE_RATE = 0.04
TENSION_RATE = 0.2
MAX_RATE = 0.25


@dataclass(frozen=True)
class Outlook:
    """One occupation's workers and what the region offers them."""

    workers: int
    fitting: int  # open vacancies within reach that they fit now
    near: int  # vacancies a course within reach would open
    course_months: int  # months until the quickest such course is completed
    tension: float | None  # vacancies per unemployed in the occupation's group


def market_rate(tension: float | None) -> float:
    """The monthly re-employment rate of those neither placed nor trained."""
    if tension is None:
        return BASE_RATE
    return min(MAX_RATE, BASE_RATE + TENSION_RATE * max(tension, 0.0))


def split(outlook: Outlook) -> tuple[int, int, int]:
    """(placed, trained, rest): each worker in one part."""
    placed = min(outlook.workers, max(outlook.fitting, 0))
    trained = min(outlook.workers - placed, max(outlook.near, 0))
    return placed, trained, outlook.workers - placed - trained


def cumulative(outlook: Outlook, months: int = MONTHS) -> list[float]:
    """Expected workers re-employed by the end of each month 1..months (not rounded)."""
    placed, trained, rest = split(outlook)
    rate = market_rate(outlook.tension)
    wait = max(outlook.course_months, 0)
    found = []
    for month in range(1, months + 1):
        value = placed * (1 - (1 - FILL_RATE) ** month)
        if month > wait:
            value += trained * (1 - (1 - FILL_RATE) ** (month - wait))
        value += rest * (1 - (1 - rate) ** month)
        found.append(value)
    return found


def total(outlooks: list[Outlook], months: int = MONTHS) -> list[float]:
    """The occupations' cumulative estimates added month by month."""
    sums = [0.0] * months
    for outlook in outlooks:
        for n, value in enumerate(cumulative(outlook, months)):
            sums[n] += value
    return sums


def round5(value: float) -> int:
    """To the nearest multiple of 5 (halves up): estimates never look like exact counts."""
    return int(math.floor(value / 5 + 0.5)) * 5


def course_months(days: int | None) -> int:
    """Whole months a course of `days` takes; 0 when there is none."""
    return 0 if days is None else max(1, math.ceil(days / 30))


def assign(options: dict[int, dict[int, float]], need: list[int]) -> dict[int, int]:
    """Each person to at most one need (an investment's occupation), so that a person is
    counted once however many of its occupations they could fill: person -> need index.

    options: person -> {need index: preference (higher first)}. Greedy: the people with the
    fewest options choose first (they are the hardest to place), each their most preferred
    need that still has room; ties by index, so the same input gives the same answer."""
    room = list(need)
    chosen: dict[int, int] = {}
    for person in sorted(options, key=lambda i: (len(options[i]), i)):
        for target in sorted(options[person], key=lambda j: (-options[person][j], j)):
            if 0 <= target < len(room) and room[target] > 0:
                room[target] -= 1
                chosen[person] = target
                break
    return chosen
