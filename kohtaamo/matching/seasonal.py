"""Seasonal pairing: two seasonal jobs that together give (nearly) year-round work.

Lapland's work is seasonal: the winter tourism season runs from late November to April, the
building season from May to October, summer substitutes and nature tourism from June to
September. One season alone leaves a person out of work for half the year; a winter job and a
summer job within the person's commuting radius can make a year. This module finds such pairs
for a person, and pairs of employers whose seasons complement each other (who could share a
worker). Pure: plain data in, plain data out, no Django.

Seasons are read on the annual cycle, not on the calendar: a winter season 2026-27 and a summer
season 2027 are days of the same cycle of 365 (29 February counts as 28 February), so a pair
is a pattern that recurs every year, whatever year each vacancy was published for.

* A vacancy's season is the days from its start date to its end date. Without a start or an end
  date, or when it is `MatchParams.year_round_days` long or longer, it is year-round work and is
  never part of a pair (it needs no partner).
* A month is covered when at least `SeasonParams.month_min_days` of its days are worked: a
  season that starts on 30 November does not cover November; one that ends on 12 April covers
  April.
* Two seasons pair when they overlap by at most `SeasonParams.max_overlap_days` (a fortnight's
  overlap can be arranged with the employers; more cannot) and together cover at least
  `SeasonParams.min_months` months of the twelve.

A person's candidates are the seasonal vacancies within reach (`pairs.reachable`, the radius
plus the engine's distance tolerance) that the person could do: a score of at least
`SeasonParams.score_floor`, or a near match (a missing mandatory licence or language holds the
score down while the potential reaches `SeasonParams.near_potential`). They are scored with the
person's season wish set to "any": the pair itself answers a wish for year-round work, so the
engine's penalty of a seasonal job for such a wish does not apply to either half. What matters
is each workplace's distance from home, not the distance between the two workplaces: the person
works at one at a time.

Pairs rank by the months they cover, then by the lower of the two scores (a pair is as good as
its weaker half), then by the sum. A near pair (one half held down by a missing mandatory
licence or language) comes after every pair the person can take now, and ranks among the near
ones the same way by potential: it is a plan for after a card course. Each vacancy appears in
at most `SeasonParams.pairs_per_vacancy` pairs so that one strong job does not fill the list.

Employers who could share a worker: an employer's season is a set of months (the months its
open seasonal vacancies cover, or its peak months when it has none; the caller decides), so two
employers complement each other when their months overlap by at most
`SeasonParams.employer_max_overlap_months`, cover `SeasonParams.employer_min_months` together,
and their workplaces are at most `SeasonParams.employer_max_km` apart by road (unlike a
person's pair: one worker lives near both). Who they share is counted by the caller.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from kohtaamo.geo.distance import road_km

from .pairs import Limits, reachable
from .score import combine, missing_mandatory, score_candidates
from .vectors import MatchIndex, PersonCompetences, VacancyRequirements, held_strengths

CYCLE_DAYS = 365
MONTHS = tuple(range(1, 13))
_CYCLE_YEAR = 2001  # any year that is not a leap year
_MONTH_START = tuple(
    (date(_CYCLE_YEAR, month, 1) - date(_CYCLE_YEAR, 1, 1)).days for month in MONTHS
)
_MONTH_LENGTH = tuple(
    (_MONTH_START[i + 1] if i < 11 else CYCLE_DAYS) - _MONTH_START[i] for i in range(12)
)


@dataclass(frozen=True)
class SeasonParams:
    """Every threshold of seasonal pairing, in one documented place."""

    # A seasonal vacancy is a candidate for the person from this score on (in the demo the
    # median of a person's best matches is ~0.10, the top ~0.6-0.85).
    score_floor: float = 0.15
    # ... or as a near match whose potential reaches this (as the matches pages: pairs.Limits).
    near_potential: float = Limits.near_potential
    # Two seasons may overlap by this many days (a fortnight can be arranged).
    max_overlap_days: int = 14
    # A pair must cover at least this many months of the twelve (winter Dec-Apr + summer
    # Jun-Aug = 8; winter + the building season May-Oct = 11).
    min_months: int = 8
    # A month counts as covered from this many worked days on.
    month_min_days: int = 10
    # A vacancy appears in at most this many of a person's pairs.
    pairs_per_vacancy: int = 3
    # Employers: the workplaces at most this far apart by road (one worker, one home).
    employer_max_km: float = 100.0
    # Employers' seasons are months (peak months have no days): they may share one month...
    employer_max_overlap_months: int = 1
    # ... and must cover this many together: peak months name the busiest months rather than
    # the whole season (a hotel's peak is Dec-Mar, its season Dec-Apr), so one month less.
    employer_min_months: int = 7


@dataclass(frozen=True)
class Season:
    """The days of the annual cycle (0-364) that a seasonal job covers, and its start date."""

    days: frozenset[int]
    start: date

    def months(self, params: SeasonParams) -> frozenset[int]:
        return covered_months(self.days, params)


def cycle_day(day: date) -> int:
    """The day's place in the annual cycle, 0-364 (29 February is 28 February)."""
    return (
        date(_CYCLE_YEAR, day.month, min(day.day, 28 if day.month == 2 else 31))
        - date(_CYCLE_YEAR, 1, 1)
    ).days


def season_of(start: date | None, end: date | None, year_round_days: int) -> Season | None:
    """The season of a job from start to end (both included); None for year-round work (no
    end date, no start date, or year_round_days long or longer) and for impossible dates."""
    if start is None or end is None or end < start:
        return None
    length = (end - start).days + 1
    if length >= year_round_days:
        return None
    days = frozenset(cycle_day(start + timedelta(days=n)) for n in range(length))
    return Season(days=days, start=start)


def covered_months(days: frozenset[int], params: SeasonParams) -> frozenset[int]:
    """Months (1-12) with at least month_min_days of the days in them."""
    counts = [0] * 12
    for day in days:
        counts[_month_index(day)] += 1
    needed = [min(params.month_min_days, length) for length in _MONTH_LENGTH]
    return frozenset(
        m for m, count, need in zip(MONTHS, counts, needed, strict=True) if count >= need
    )


def _month_index(day: int) -> int:
    month = 11
    while _MONTH_START[month] > day:
        month -= 1
    return month


def gap_months(months: frozenset[int]) -> tuple[int, ...]:
    return tuple(m for m in MONTHS if m not in months)


def pair_months(a: Season, b: Season, params: SeasonParams) -> frozenset[int] | None:
    """The months two seasons cover together, or None when they do not pair (too much
    overlap, or too few months)."""
    if len(a.days & b.days) > params.max_overlap_days:
        return None
    months = covered_months(a.days | b.days, params)
    return months if len(months) >= params.min_months else None


# A person's pairs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SeasonalJob:
    """A seasonal vacancy a person could do. row: index into the vacancies given."""

    row: int
    season: Season
    score: float
    potential: float  # the score with every mandatory licence and language held
    missing_mandatory: int
    distance_km: float | None

    @property
    def near(self) -> bool:
        return self.missing_mandatory > 0


@dataclass(frozen=True)
class SeasonalPair:
    """Two jobs, the one that starts first first; months: the months covered together."""

    first: SeasonalJob
    second: SeasonalJob
    months: tuple[int, ...]
    gap_months: tuple[int, ...]
    overlap_days: int

    @property
    def near(self) -> bool:
        """A licence or language is missing for one of the jobs: a pair for later."""
        return self.first.near or self.second.near

    @property
    def weaker_score(self) -> float:
        return min(self.first.score, self.second.score)

    @property
    def weaker_potential(self) -> float:
        return min(self.first.potential, self.second.potential)


def pair_jobs(
    jobs: Sequence[SeasonalJob], params: SeasonParams, limit: int | None = None
) -> list[SeasonalPair]:
    """Every pairing pair of the jobs, ranked (see the module), each job in at most
    params.pairs_per_vacancy pairs."""
    months = {job.row: job.season.months(params) for job in jobs}
    found = []
    for i, a in enumerate(jobs):
        for b in jobs[i + 1 :]:
            if not months[a.row] or not months[b.row]:
                continue  # a job shorter than a covered month adds nothing to plan a year on
            together = pair_months(a.season, b.season, params)
            if together is not None:
                found.append(_pair(a, b, together))
    found.sort(key=_rank)
    return _cap(found, params.pairs_per_vacancy, limit)


def _pair(a: SeasonalJob, b: SeasonalJob, months: frozenset[int]) -> SeasonalPair:
    first, second = sorted((a, b), key=lambda job: (job.season.start, job.row))
    return SeasonalPair(
        first=first,
        second=second,
        months=tuple(sorted(months)),
        gap_months=gap_months(months),
        overlap_days=len(a.season.days & b.season.days),
    )


def _rank(pair: SeasonalPair) -> tuple:
    """Pairs the person can take now first; a near pair (held by a missing licence or
    language, score cut or 0) ranks among near pairs by what it could be, its potential."""
    if pair.near:
        weaker, total = pair.weaker_potential, pair.first.potential + pair.second.potential
    else:
        weaker, total = pair.weaker_score, pair.first.score + pair.second.score
    return (pair.near, -len(pair.months), -weaker, -total, pair.first.row, pair.second.row)


def _cap(pairs: list[SeasonalPair], per_job: int, limit: int | None) -> list[SeasonalPair]:
    uses: dict[int, int] = {}
    kept = []
    for pair in pairs:
        if limit is not None and len(kept) >= limit:
            break
        rows = (pair.first.row, pair.second.row)
        if any(uses.get(row, 0) >= per_job for row in rows):
            continue
        for row in rows:
            uses[row] = uses.get(row, 0) + 1
        kept.append(pair)
    return kept


@dataclass(frozen=True)
class PersonPairs:
    """within_reach: how many seasonal vacancies are within the person's reach at all (to say
    why there are no pairs); jobs: those the person could do; pairs: best first."""

    within_reach: int
    jobs: list[SeasonalJob]
    pairs: list[SeasonalPair]


def seasonal_within_reach(
    index: MatchIndex, person: PersonCompetences, vacancies: Sequence[VacancyRequirements]
) -> dict[int, Season]:
    """Row -> season of the seasonal vacancies within the person's reach."""
    within = reachable([person], vacancies, index.params.distance_tolerance)[0]
    return {
        j: season
        for j, v in enumerate(vacancies)
        if within[j]
        and (season := season_of(v.start_date, v.end_date, index.params.year_round_days))
    }


def seasonal_jobs(
    index: MatchIndex,
    person: PersonCompetences,
    vacancies: Sequence[VacancyRequirements],
    seasons: dict[int, Season],
    params: SeasonParams = SeasonParams(),  # noqa: B008 - frozen
) -> list[SeasonalJob]:
    """Of the seasonal vacancies `seasons` (rows of index.v, vacancies in the index's order),
    those the person could do, scored as the module says."""
    rows = np.array(sorted(seasons), dtype=np.int64)
    if not len(rows):
        return []
    person = dataclasses.replace(person, season_wish="any")
    candidates = [vacancies[j] for j in rows]
    parts = score_candidates(index, person, candidates, rows)
    potential = combine(
        parts.coverage,
        parts.reciprocal,
        parts.use,
        parts.wishes,
        np.ones(len(rows)),
        parts.distance,
        parts.season,
        parts.hours,
        index.params,
    )
    held = held_strengths(person, index.params, index.today)
    jobs = []
    for n, j in enumerate(rows):
        missing = missing_mandatory(person, candidates[n], held) if parts.constraint[n] < 1 else 0
        score, best = float(parts.score[n]), float(potential[n])
        if score >= params.score_floor or (missing and best >= params.near_potential):
            km = float(parts.distance_km[n])
            jobs.append(
                SeasonalJob(
                    row=int(j),
                    season=seasons[int(j)],
                    score=score,
                    potential=best,
                    missing_mandatory=missing,
                    distance_km=None if np.isnan(km) else round(km, 1),
                )
            )
    return jobs


def person_pairs(
    index: MatchIndex,
    person: PersonCompetences,
    vacancies: Sequence[VacancyRequirements],
    params: SeasonParams = SeasonParams(),  # noqa: B008 - frozen
    limit: int | None = None,
) -> PersonPairs:
    """The person's pairs of seasonal vacancies, best first (vacancies: the rows of index.v)."""
    seasons = seasonal_within_reach(index, person, vacancies)
    jobs = seasonal_jobs(index, person, vacancies, seasons, params)
    return PersonPairs(len(seasons), jobs, pair_jobs(jobs, params, limit))


# Employers who could share a worker -----------------------------------------------------------


@dataclass(frozen=True)
class EmployerSeason:
    """An employer's season as months: from its open seasonal vacancies, else its peak months.
    key: the caller's id of the employer."""

    key: int
    months: frozenset[int]
    lat: float | None
    lon: float | None
    from_vacancies: bool


@dataclass(frozen=True)
class EmployerPair:
    first: EmployerSeason
    second: EmployerSeason
    months: tuple[int, ...]
    gap_months: tuple[int, ...]
    distance_km: float


def complementary_employers(
    employers: Sequence[EmployerSeason],
    params: SeasonParams = SeasonParams(),  # noqa: B008 - frozen
) -> list[EmployerPair]:
    """Pairs of employers within params.employer_max_km of each other whose seasons overlap by
    at most params.employer_max_overlap_months and cover params.employer_min_months together;
    in the order given (the caller ranks them, by the candidates they share)."""
    placed = [e for e in employers if e.months and e.lat is not None and e.lon is not None]
    found = []
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            if len(a.months & b.months) > params.employer_max_overlap_months:
                continue
            together = a.months | b.months
            if len(together) < params.employer_min_months:
                continue
            km = road_km(a.lat, a.lon, b.lat, b.lon)
            if km <= params.employer_max_km:
                found.append(
                    EmployerPair(
                        first=a,
                        second=b,
                        months=tuple(sorted(together)),
                        gap_months=gap_months(frozenset(together)),
                        distance_km=round(km, 1),
                    )
                )
    return found
