"""Sparse matrices of the matching contract, built from plain dataclasses.

* vocabulary: every competence URI (skill, licence, qualification unit) that a person holds or
  a vacancy asks for, sorted, so that the same data always gives the same columns;
* rarity[col] = log((1 + N) / (1 + df)) + 1, divided by its maximum: a requirement that few of
  the N vacancies ask for tells more about the fit than one that all ask for;
* P (people x vocabulary, float32 CSR): strength = floor + (1 - floor) x evidence, evidence =
  level / 5 x source confidence x confidence (unconfirmed halved; expired 0 in all), the
  highest when a URI is held twice. Holding a competence at all is half of the strength
  (MatchParams.evidence_floor): whether a person has a skill says more about the fit than how
  well it is evidenced, which reorders otherwise equal candidates (bench/matching_quality.py:
  with the evidence alone, random evidence cost the engine its lead over Jaccard);
* E (vocabulary x vocabulary, CSR): identity + broader/narrower skill (hierarchy credit) +
  ESCO-related skill (related credit), both directions, the highest when links repeat;
  PE = min(P @ E, 1) is what a person has, directly or partly;
* V (vacancies x vocabulary, float32 CSR): importance x (1 if essential else optional factor) x
  rarity, each row summing to 1, so that coverage = PE . V_row is in 0..1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import scipy.sparse as sp

from .params import MatchParams


@dataclass(frozen=True)
class Competence:
    """One competence a person holds (ClientCompetence as plain data)."""

    uri: str
    kind: str = "skill"
    level: int = 3
    source: str = "self"
    confidence: float = 1.0
    confirmed: bool = True
    expires_on: date | None = None


@dataclass(frozen=True)
class PersonCompetences:
    """A person's competences and the wishes the score needs (Client as plain data)."""

    competences: tuple[Competence, ...]
    languages: dict[str, str] = field(default_factory=dict)  # ISO 639-1 -> CEFR or "native"
    lat: float | None = None
    lon: float | None = None
    radius_km: float = 0.0  # 0: no commuting limit known
    season_wish: str = "any"  # any / year_round / seasonal
    hours_wish: str = "any"  # any / full / part
    wished_occupations: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Requirement:
    """One competence a vacancy asks for (VacancyCompetence as plain data)."""

    uri: str
    kind: str = "skill"
    essential: bool = True
    importance: int = 2
    mandatory: bool = False


@dataclass(frozen=True)
class LanguageRequirement:
    code: str
    level: str = "B1"
    mandatory: bool = False


@dataclass(frozen=True)
class VacancyRequirements:
    """A vacancy's requirements and conditions (Vacancy as plain data)."""

    requirements: tuple[Requirement, ...]
    occupation_uri: str = ""
    languages: tuple[LanguageRequirement, ...] = ()
    lat: float | None = None
    lon: float | None = None
    start_date: date | None = None
    end_date: date | None = None
    working_time: str = "full"  # full / part
    hours_per_week: float | None = None
    # The vacancy's own setting: a missing mandatory licence or language excludes the person
    # (True) or multiplies the score by MatchParams.mandatory_penalty (False).
    exclude_on_missing_mandatory: bool = True


@dataclass(frozen=True)
class Relations:
    """Skill relations as plain pairs: (narrower, broader) and (skill, related skill)."""

    broader: Sequence[tuple[str, str]] = ()
    related: Sequence[tuple[str, str]] = ()


def strength(competence: Competence, params: MatchParams, today: date) -> float:
    """How strongly a person holds a competence, 0..1. A licence is held or not: its level
    does not count, only the evidence."""
    if competence.expires_on is not None and competence.expires_on < today:
        return 0.0
    source = params.source_confidence.get(competence.source, params.unknown_source_confidence)
    level = 5 if competence.kind == "licence" else min(max(competence.level, 0), 5)
    value = level / 5 * source * min(max(competence.confidence, 0), 1)
    value = value if competence.confirmed else value * params.unconfirmed_factor
    return params.evidence_floor + (1 - params.evidence_floor) * value if value > 0 else 0.0


def expansion_links(relations: Relations, params: MatchParams) -> dict[str, dict[str, float]]:
    """uri -> {other uri: credit that holding uri gives for other}, without the identity."""
    links: dict[str, dict[str, float]] = {}

    def link(a: str, b: str, credit: float) -> None:
        if a != b and credit > links.setdefault(a, {}).get(b, 0.0):
            links[a][b] = credit

    for pairs, credit in (
        (relations.related, params.related_credit),
        (relations.broader, params.hierarchy_credit),
    ):
        for a, b in pairs:
            link(a, b, credit)
            link(b, a, credit)
    return links


def held_strengths(person: PersonCompetences, params: MatchParams, today: date) -> dict[str, float]:
    """uri -> the person's strongest holding of it (0 when only expired ones)."""
    held: dict[str, float] = {}
    for competence in person.competences:
        held[competence.uri] = max(
            held.get(competence.uri, 0.0), strength(competence, params, today)
        )
    return held


def build_vocabulary(
    people: Iterable[PersonCompetences], vacancies: Iterable[VacancyRequirements]
) -> list[str]:
    uris = {c.uri for p in people for c in p.competences}
    uris.update(r.uri for v in vacancies for r in v.requirements)
    return sorted(uris)


def rarity(vacancies: Sequence[VacancyRequirements], column: dict[str, int]) -> np.ndarray:
    df = np.zeros(len(column), dtype=np.float64)
    for vacancy in vacancies:
        for uri in {r.uri for r in vacancy.requirements}:
            df[column[uri]] += 1
    weights = np.log((1 + len(vacancies)) / (1 + df)) + 1
    return (weights / weights.max() if len(weights) else weights).astype(np.float32)


def person_matrix(
    people: Sequence[PersonCompetences], column: dict[str, int], params: MatchParams, today: date
) -> sp.csr_matrix:
    rows, cols, values = [], [], []
    for i, person in enumerate(people):
        for uri, value in sorted(held_strengths(person, params, today).items()):
            if value > 0 and uri in column:
                rows.append(i)
                cols.append(column[uri])
                values.append(value)
    return _csr(rows, cols, values, (len(people), len(column)))


def expansion_matrix(links: dict[str, dict[str, float]], column: dict[str, int]) -> sp.csr_matrix:
    n = len(column)
    rows, cols, values = list(range(n)), list(range(n)), [1.0] * n
    for a in sorted(links):
        if a in column:
            for b, credit in sorted(links[a].items()):
                if b in column:
                    rows.append(column[a])
                    cols.append(column[b])
                    values.append(credit)
    return _csr(rows, cols, values, (n, n))


def requirement_weight(requirement: Requirement, params: MatchParams) -> float:
    importance = params.importance_weight.get(requirement.importance, 1.0)
    return importance * (1.0 if requirement.essential else params.optional_factor)


def requirement_matrix(
    vacancies: Sequence[VacancyRequirements],
    column: dict[str, int],
    weights: np.ndarray,
    params: MatchParams,
) -> sp.csr_matrix:
    rows, cols, values = [], [], []
    for j, vacancy in enumerate(vacancies):
        row: dict[int, float] = {}
        for requirement in vacancy.requirements:
            col = column[requirement.uri]
            value = requirement_weight(requirement, params) * float(weights[col])
            row[col] = max(row.get(col, 0.0), value)
        total = math.fsum(row.values())
        for col in sorted(row):
            if total > 0:
                rows.append(j)
                cols.append(col)
                values.append(row[col] / total)
    return _csr(rows, cols, values, (len(vacancies), len(column)))


def expand(p: sp.csr_matrix, e: sp.csr_matrix) -> sp.csr_matrix:
    """PE = min(P @ E, 1)."""
    pe = (p @ e).tocsr().astype(np.float32)
    np.minimum(pe.data, 1.0, out=pe.data)
    pe.sort_indices()
    return pe


@dataclass
class MatchIndex:
    """The matrices of one data set, with what online scoring of a new person needs."""

    vocabulary: list[str]
    column: dict[str, int]
    rarity: np.ndarray
    p: sp.csr_matrix
    e: sp.csr_matrix
    pe: sp.csr_matrix
    v: sp.csr_matrix
    links: dict[str, dict[str, float]]
    params: MatchParams
    today: date

    def person_row(self, person: PersonCompetences) -> np.ndarray:
        """The dense PE row of any person (one outside the index too), float32."""
        p = person_matrix([person], self.column, self.params, self.today)
        return expand(p, self.e).toarray()[0]


def build_index(
    people: Sequence[PersonCompetences],
    vacancies: Sequence[VacancyRequirements],
    relations: Relations = Relations(),  # noqa: B008 - frozen, never mutated
    params: MatchParams | None = None,
    today: date | None = None,
) -> MatchIndex:
    params = params or MatchParams()
    today = today or date.today()
    vocabulary = build_vocabulary(people, vacancies)
    column = {uri: i for i, uri in enumerate(vocabulary)}
    weights = rarity(vacancies, column)
    links = expansion_links(relations, params)
    p = person_matrix(people, column, params, today)
    e = expansion_matrix(links, column)
    v = requirement_matrix(vacancies, column, weights, params)
    return MatchIndex(vocabulary, column, weights, p, e, expand(p, e), v, links, params, today)


def _csr(rows: list[int], cols: list[int], values: list[float], shape: tuple[int, int]):
    matrix = sp.coo_matrix(
        (
            np.asarray(values, dtype=np.float32),
            (np.asarray(rows, dtype=np.int32), np.asarray(cols, dtype=np.int32)),
        ),
        shape=shape,
    ).tocsr()
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix
