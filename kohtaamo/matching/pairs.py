"""Which (person, vacancy) pairs to keep for the pages: each person's best and near matches,
each vacancy's best and near candidates. Pure numpy, on a MatchIndex.

Coverage of every pair is a sparse product (a block of people x vacancies at a time); the
pairs within reach are then narrowed to each person's and each vacancy's best by coverage
(`Limits.candidates`), and only those are scored in full (score.score_candidates), since the
full score can only lower a pair's coverage-based rank by its soft factors. The result is a
list of `PairScore`, with flags saying on which lists the pair belongs:

* best: the highest scores (> 0), `Limits.best` per person, `Limits.vacancy_best` per vacancy;
* near: pairs held down by a missing mandatory licence or language (score < potential) whose
  potential (the score if it were held) reaches `Limits.near_potential`: what a card course
  could unlock. Best first by potential.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .score import combine, missing_mandatory, road_km_to, score_candidates
from .vectors import MatchIndex, PersonCompetences, VacancyRequirements, held_strengths


@dataclass(frozen=True)
class Limits:
    best: int = 20
    near: int = 10
    vacancy_best: int = 100
    vacancy_near: int = 30
    candidates: int = 60
    vacancy_candidates: int = 150
    near_potential: float = 0.25


@dataclass
class PairScore:
    person: int  # index into the people given
    vacancy: int  # index into the vacancies given (= row of index.v)
    score: float
    potential: float
    coverage: float
    reciprocal: float
    distance_km: float | None
    missing_mandatory: int
    person_best: bool = False
    person_near: bool = False
    vacancy_best: bool = False
    vacancy_near: bool = False


def reachable(
    people: Sequence[PersonCompetences],
    vacancies: Sequence[VacancyRequirements],
    tolerance: float,
) -> np.ndarray:
    """people x vacancies: True where the vacancy is within the person's radius x (1 +
    tolerance) (the distance factor > 0), or where a place or the radius is unknown."""
    mask = np.ones((len(people), len(vacancies)), dtype=bool)
    for i, person in enumerate(people):
        if person.radius_km > 0 and person.lat is not None:
            km = road_km_to(person, vacancies)
            mask[i] = ~(km >= person.radius_km * (1 + tolerance))  # nan (unknown) stays
    return mask


def score_pairs(
    index: MatchIndex,
    people: Sequence[PersonCompetences],
    vacancies: Sequence[VacancyRequirements],
    limits: Limits = Limits(),  # noqa: B008 - frozen
    *,
    people_rows: np.ndarray | None = None,
    only_vacancies: np.ndarray | None = None,
) -> list[PairScore]:
    """Score the candidate pairs of these people (rows `people_rows` of index.pe, default
    0..n-1) against the vacancies of the index (only the rows `only_vacancies` when given),
    and flag the lists each pair belongs to."""
    rows = np.arange(len(people)) if people_rows is None else np.asarray(people_rows)
    chosen = _candidates(index, people, vacancies, rows, limits, only_vacancies)
    pairs: list[PairScore] = []
    for i, person in enumerate(people):
        columns = chosen[i]
        if len(columns):
            pairs += _score_person(index, i, person, vacancies, columns, rows[i])
    flag(pairs, limits)
    return pairs


BLOCK = 1024


def _candidates(index, people, vacancies, rows, limits, only_vacancies) -> list[np.ndarray]:
    """For each person the vacancy rows to score in full: their best `limits.candidates` by
    coverage, and the pairs among each vacancy's best `limits.vacancy_candidates` people.

    People go in blocks, so memory stays at a block of coverage plus each vacancy's running
    best (2 x vacancy_candidates x vacancies), whatever the number of people.
    """
    n_vacancies = index.v.shape[0]
    keep = None
    if only_vacancies is not None:
        keep = np.zeros(n_vacancies, dtype=bool)
        keep[np.asarray(only_vacancies, dtype=np.int64)] = True
    vt = index.v.T.tocsr()
    kv = min(limits.vacancy_candidates, len(people))
    top_values = np.zeros((0, n_vacancies), dtype=np.float32)
    top_people = np.zeros((0, n_vacancies), dtype=np.int64)
    own: list[np.ndarray] = []
    for start in range(0, len(people), BLOCK):
        block = slice(start, min(start + BLOCK, len(people)))
        coverage = (index.pe[rows[block]] @ vt).toarray().astype(np.float32)
        coverage[~reachable(people[block], vacancies, index.params.distance_tolerance)] = 0
        if keep is not None:
            coverage[:, ~keep] = 0
        own += _top_per_row(coverage, limits.candidates)
        top_values = np.vstack([top_values, coverage])
        top_people = np.vstack(
            [top_people, np.repeat(np.arange(block.start, block.stop)[:, None], n_vacancies, 1)]
        )
        if len(top_values) > kv:
            best = np.argpartition(-top_values, kv - 1, axis=0)[:kv]
            top_values = np.take_along_axis(top_values, best, axis=0)
            top_people = np.take_along_axis(top_people, best, axis=0)
    chosen = [set(columns.tolist()) for columns in own]
    for person, vacancy in zip(*np.nonzero(top_values > 0), strict=True):
        chosen[top_people[person, vacancy]].add(int(vacancy))
    return [np.array(sorted(columns), dtype=np.int64) for columns in chosen]


def _top_per_row(values: np.ndarray, k: int) -> list[np.ndarray]:
    """Each row's k largest positive columns (ties by column), sorted by column."""
    if values.shape[1] == 0:
        return [np.zeros(0, dtype=np.int64) for _ in range(len(values))]
    order = np.lexsort((np.arange(values.shape[1])[None, :].repeat(len(values), 0), -values))
    top = order[:, :k]
    return [np.sort(t[values[i, t] > 0]) for i, t in enumerate(top)]


def _score_person(index, i, person, vacancies, columns, pe_index) -> list[PairScore]:
    candidates = [vacancies[j] for j in columns]
    pe_row = index.pe[pe_index].toarray()[0]
    parts = score_candidates(index, person, candidates, columns, pe_row=pe_row)
    ones = np.ones(len(columns))
    potential = combine(
        parts.coverage,
        parts.reciprocal,
        parts.use,
        parts.wishes,
        ones,
        parts.distance,
        parts.season,
        parts.hours,
        index.params,
    )
    held = held_strengths(person, index.params, index.today)
    out = []
    for n, j in enumerate(columns):
        missing = missing_mandatory(person, vacancies[j], held) if parts.constraint[n] < 1 else 0
        km = float(parts.distance_km[n])
        out.append(
            PairScore(
                person=i,
                vacancy=int(j),
                score=float(parts.score[n]),
                potential=float(potential[n]),
                coverage=float(parts.coverage[n]),
                reciprocal=float(parts.reciprocal[n]),
                distance_km=None if np.isnan(km) else round(km, 1),
                missing_mandatory=missing,
            )
        )
    return out


def is_near(pair: PairScore, limits: Limits) -> bool:
    return pair.missing_mandatory > 0 and pair.potential >= limits.near_potential


def flag(pairs: list[PairScore], limits: Limits) -> None:
    """Set the four list flags from the scores (ties by the other side's index)."""
    by_person: dict[int, list[PairScore]] = {}
    by_vacancy: dict[int, list[PairScore]] = {}
    for pair in pairs:
        by_person.setdefault(pair.person, []).append(pair)
        by_vacancy.setdefault(pair.vacancy, []).append(pair)
    for group in by_person.values():
        for pair in _best(group, limits.best, lambda p: p.vacancy):
            pair.person_best = True
        for pair in _near(group, limits, limits.near, lambda p: p.vacancy):
            pair.person_near = True
    for group in by_vacancy.values():
        for pair in _best(group, limits.vacancy_best, lambda p: p.person):
            pair.vacancy_best = True
        for pair in _near(group, limits, limits.vacancy_near, lambda p: p.person):
            pair.vacancy_near = True


def _best(group, k, other):
    ranked = sorted((p for p in group if p.score > 0), key=lambda p: (-p.score, other(p)))
    return ranked[:k]


def _near(group, limits, k, other):
    ranked = sorted(
        (p for p in group if is_near(p, limits)), key=lambda p: (-p.potential, other(p))
    )
    return ranked[:k]
