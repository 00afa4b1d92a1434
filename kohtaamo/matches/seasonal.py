"""Seasonal pairs on the database: a person's two seasonal jobs that make a year, and the
employers of an area who could share a worker (kohtaamo.matching.seasonal says how).

Computed on demand, not stored: a person's pairs score their seasonal vacancies within reach
against one engine index (kohtaamo.matches.services.index_for_client; well under a second on
the demo), and an area's employer pairs read the stored matches once. Counts of people are
aggregates: fewer than MIN_REPORTED is not reported (None, with `suppressed`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from django.utils import timezone

from kohtaamo.clients.models import Client
from kohtaamo.employers.models import Employer
from kohtaamo.geo.areas import Area, UnknownArea, resolve_area
from kohtaamo.geo.models import Municipality
from kohtaamo.matching.explain import explain
from kohtaamo.matching.seasonal import (
    MONTHS,
    EmployerPair,
    EmployerSeason,
    SeasonalJob,
    SeasonalPair,
    SeasonParams,
    complementary_employers,
    covered_months,
    person_pairs,
    season_of,
)
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.vacancies.models import Vacancy

from .inputs import matchable_clients
from .models import StoredMatch
from .services import PARAMS, index_for_client

SEASON_PARAMS = SeasonParams()
# Counts of people under this are not reported (the region's rule for aggregates).
MIN_REPORTED = 5


# A person's pairs ----------------------------------------------------------------------------


class EmptyReason:
    """Why a person has no pairs, for the page to say."""

    NOT_MATCHED = "not_matched"  # not an active job seeker: the engine does not match them
    NONE_WITHIN_REACH = "none_within_reach"  # no seasonal vacancy within the radius
    NONE_FITTING = "none_fitting"  # seasonal vacancies within reach, none the person could do
    NONE_COMPLEMENTARY = "none_complementary"  # fitting ones, but no two make a year


@dataclass(frozen=True)
class JobGap:
    uri: str
    label: str
    kind: str
    essential: bool
    mandatory: bool


@dataclass(frozen=True)
class PairJob:
    """One half of a pair: the vacancy, how well the person fits it and what is missing."""

    vacancy: Vacancy
    score: float
    potential: float
    near: bool
    distance_km: float | None
    months: tuple[int, ...]
    gaps: list[JobGap]


@dataclass(frozen=True)
class PairItem:
    first: PairJob
    second: PairJob
    months: tuple[int, ...]
    gap_months: tuple[int, ...]
    overlap_days: int
    near: bool
    # Each gap once, in the order of its first appearance (mandatory first): what the person
    # would need for both jobs.
    gaps: list[JobGap] = field(default_factory=list)

    @property
    def strip(self) -> list[tuple[int, str]]:
        """(month, who works it: "first", "second", "both" or "") for each month 1-12. A
        month that only the two together cover (a few days of each) counts as both."""
        cells = []
        for month in MONTHS:
            a, b = month in self.first.months, month in self.second.months
            if (a and b) or (month in self.months and not (a or b)):
                cells.append((month, "both"))
            else:
                cells.append((month, "first" if a else "second" if b else ""))
        return cells


@dataclass(frozen=True)
class ClientPairs:
    pairs: list[PairItem]
    within_reach: int  # seasonal vacancies within the person's reach
    fitting: int  # of which the person could do
    reason: str = ""  # EmptyReason when there are no pairs


def client_pairs(client: Client, *, limit: int = 10, today: date | None = None) -> ClientPairs:
    """The client's pairs of seasonal vacancies, best first, each half explained. The caller
    has checked that the user may see the client's competences (and audits the view)."""
    found = index_for_client(client.pk)
    if found is None:
        return ClientPairs([], 0, 0, EmptyReason.NOT_MATCHED)
    index, person_row, rows = found
    result = person_pairs(
        index, person_row.person, [r.vacancy for r in rows], SEASON_PARAMS, limit=limit
    )
    if not result.pairs:
        reason = (
            EmptyReason.NONE_WITHIN_REACH
            if not result.within_reach
            else EmptyReason.NONE_FITTING
            if not result.jobs
            else EmptyReason.NONE_COMPLEMENTARY
        )
        return ClientPairs([], result.within_reach, len(result.jobs), reason)
    items = _explained(
        result.pairs, person_row.person, rows, today or timezone.localdate(), index.links
    )
    return ClientPairs(items, result.within_reach, len(result.jobs))


def _explained(pairs: list[SeasonalPair], person, rows, today, links) -> list[PairItem]:
    jobs = {job.row: job for pair in pairs for job in (pair.first, pair.second)}
    vacancies = Vacancy.objects.select_related("employer", "municipality").in_bulk(
        [rows[j].id for j in jobs]
    )
    gaps = {j: explain(person, rows[j].vacancy, links, PARAMS, today).gaps for j in sorted(jobs)}
    labels = display_labels(sorted({g.uri for found in gaps.values() for g in found}), None)
    halves = {j: _job(job, vacancies[rows[j].id], gaps[j], labels) for j, job in jobs.items()}
    return [
        PairItem(
            first=halves[pair.first.row],
            second=halves[pair.second.row],
            months=pair.months,
            gap_months=pair.gap_months,
            overlap_days=pair.overlap_days,
            near=pair.near,
            gaps=_combined(halves[pair.first.row].gaps, halves[pair.second.row].gaps),
        )
        for pair in pairs
    ]


def _job(job: SeasonalJob, vacancy: Vacancy, gaps, labels: dict[str, str]) -> PairJob:
    ordered = sorted(gaps, key=lambda g: (not g.mandatory, not g.essential, -g.importance))
    return PairJob(
        vacancy=vacancy,
        score=job.score,
        potential=job.potential,
        near=job.near,
        distance_km=job.distance_km,
        months=tuple(sorted(job.season.months(SEASON_PARAMS))),
        gaps=[
            JobGap(g.uri, labels.get(g.uri, g.uri), g.kind, g.essential, g.mandatory)
            for g in ordered
        ],
    )


def _combined(first: list[JobGap], second: list[JobGap]) -> list[JobGap]:
    seen: dict[str, JobGap] = {}
    for gap in first + second:
        seen.setdefault(gap.uri, gap)
    return sorted(seen.values(), key=lambda g: (not g.mandatory, not g.essential))


# Areas ----------------------------------------------------------------------------------------


def area_for(code: str) -> Area | None:
    """The region or sub-region of a code (kohtaamo.geo.areas), None when there is none."""
    try:
        return resolve_area(code)
    except UnknownArea:
        return None


# Employers who could share a worker ----------------------------------------------------------


@dataclass(frozen=True)
class EmployerSide:
    employer: Employer
    months: tuple[int, ...]
    from_vacancies: bool  # its open seasonal vacancies (else its peak months)
    vacancies: int  # open seasonal vacancies


@dataclass(frozen=True)
class EmployerPairItem:
    first: EmployerSide
    second: EmployerSide
    months: tuple[int, ...]
    gap_months: tuple[int, ...]
    distance_km: float
    shared: int | None  # people who fit both; None when fewer than MIN_REPORTED
    suppressed: bool

    @property
    def strip(self) -> list[tuple[int, str]]:
        a, b = set(self.first.months), set(self.second.months)
        return [
            (m, "both" if m in a and m in b else "first" if m in a else "second" if m in b else "")
            for m in MONTHS
        ]


@dataclass
class _Seasons:
    """Per employer: its season, and the vacancies through which a person fits it."""

    seasons: list[EmployerSeason] = field(default_factory=list)
    employers: dict[int, Employer] = field(default_factory=dict)
    vacancies: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    seasonal_counts: dict[int, int] = field(default_factory=dict)


def employer_pairs(area: Area, *, limit: int = 50) -> list[EmployerPairItem]:
    """Employers of the area (both in it) whose seasons complement each other, within
    SEASON_PARAMS.employer_max_km, and who share candidates: active job seekers with a stored
    match of at least SEASON_PARAMS.score_floor to both (to one of the employer's seasonal
    vacancies, or to any of its open vacancies when its season comes from its peak months).

    The stored matches hold each person's best and each vacancy's best candidates, so the count
    is a lower bound, cheap to read. Pairs that share no one are left out. Order: reported
    counts largest first, then the suppressed ones, each by months covered, then distance (the
    true count of a suppressed pair never orders anything)."""
    found = _employer_seasons(area)
    pairs = complementary_employers(found.seasons, SEASON_PARAMS)
    shared = _shared_candidates(pairs, found.vacancies)
    items = []
    for pair in pairs:
        count = shared.get(tuple(sorted((pair.first.key, pair.second.key))), 0)
        if count:
            items.append(_employer_item(pair, found, count))
    items.sort(
        key=lambda i: (
            i.suppressed,
            -(i.shared or 0),
            -len(i.months),
            i.distance_km,
            i.first.employer.name,
            i.second.employer.name,
        )
    )
    return items[:limit]


def _employer_seasons(area: Area) -> _Seasons:
    employers = Employer.objects.active().filter(
        municipality__in=_municipalities(area), municipality__latitude__isnull=False
    )
    found = _Seasons(employers={e.pk: e for e in employers.select_related("municipality")})
    seasonal: dict[int, set[int]] = defaultdict(set)
    months: dict[int, set[int]] = defaultdict(set)
    for vacancy_id, employer_id, start, end in (
        Vacancy.objects.open()
        .filter(employer__in=list(found.employers))
        .values_list("id", "employer_id", "start_date", "end_date")
    ):
        found.vacancies[employer_id].add(vacancy_id)
        season = season_of(start, end, PARAMS.year_round_days)
        if season is not None:
            seasonal[employer_id].add(vacancy_id)
            months[employer_id] |= covered_months(season.days, SEASON_PARAMS)
    for pk, employer in sorted(found.employers.items()):
        from_vacancies = bool(months[pk])
        if from_vacancies:
            found.vacancies[pk] = seasonal[pk]
        season_months = months[pk] or {m for m in employer.peak_months or () if m in MONTHS}
        found.seasonal_counts[pk] = len(seasonal[pk])
        found.seasons.append(
            EmployerSeason(
                key=pk,
                months=frozenset(season_months),
                lat=employer.municipality.latitude,
                lon=employer.municipality.longitude,
                from_vacancies=from_vacancies,
            )
        )
    return found


def _municipalities(area: Area):
    return Municipality.objects.filter(area.municipalities)


def _shared_candidates(
    pairs: list[EmployerPair], vacancies: dict[int, set[int]]
) -> dict[tuple[int, int], int]:
    """(employer, employer) -> active job seekers with a good enough stored match to both."""
    wanted = {tuple(sorted((p.first.key, p.second.key))) for p in pairs}
    if not wanted:
        return {}
    employer_of = {v: e for e, ids in vacancies.items() for v in ids}
    fits: dict[int, set[int]] = defaultdict(set)
    for client_id, vacancy_id in StoredMatch.objects.filter(
        vacancy_id__in=list(employer_of),
        score__gte=SEASON_PARAMS.score_floor,
        client__in=matchable_clients(),
    ).values_list("client_id", "vacancy_id"):
        fits[client_id].add(employer_of[vacancy_id])
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for employers in fits.values():
        for key in combinations(sorted(employers), 2):
            if key in wanted:
                counts[key] += 1
    return counts


def _employer_item(pair: EmployerPair, found: _Seasons, count: int) -> EmployerPairItem:
    suppressed = count < MIN_REPORTED
    return EmployerPairItem(
        first=_side(pair.first, found),
        second=_side(pair.second, found),
        months=pair.months,
        gap_months=pair.gap_months,
        distance_km=pair.distance_km,
        shared=None if suppressed else count,
        suppressed=suppressed,
    )


def _side(season: EmployerSeason, found: _Seasons) -> EmployerSide:
    return EmployerSide(
        employer=found.employers[season.key],
        months=tuple(sorted(season.months)),
        from_vacancies=season.from_vacancies,
        vacancies=found.seasonal_counts[season.key],
    )
