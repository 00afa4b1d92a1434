"""The score of a person for a vacancy, 0..1, and the components it is made of.

    coverage   = PE_person . V_vacancy                   (0..1, see vectors)
    reciprocal = share of the vacancy's essential requirements met (credit >= met_threshold;
                 a mandatory one only by the competence itself); all requirements when none
                 is essential
    use        = share of the person's own competence strength (P, summed) that the vacancy
                 asks for: the person's side, how much of what they can do the job puts to use
    fit        = (1 - reciprocal_weight - use_weight) x coverage + reciprocal_weight x reciprocal
                 + use_weight x use
    wishes     = 1 + wish_bonus when the vacancy's occupation is one the person wishes, else 1
    constraint = 1 when every mandatory licence, unit and language is held; otherwise 0 when the
                 vacancy excludes, else mandatory_penalty ** (number missing)
    distance   = 1 within the person's radius (road km = great circle x ROAD_FACTOR), falling
                 linearly to 0 at radius x (1 + distance_tolerance); 1 when a place is unknown
    season     = season_floor + (1 - season_floor) x season match
    hours      = hours_floor + (1 - hours_floor) x hours match
    score      = min(1, fit x wishes) x constraint x distance x season x hours

Why this shape: coverage is the candidate's side (how much of what is asked they have, weighted
so that key, essential and rare requirements count most); the reciprocal term is the employer's
side, who reads the essentials as a checklist, so a person strong on optionals but missing
essentials does not rank as high as the coverage alone would say. The use term is the person's
side: coverage alone ranks a vacancy that asks for little, all of it held, at the top, though it
employs a fraction of what the person can do; a job built on the person's skills should come
first (bench/matching_quality.py measures this against same-occupation vacancies). Constraints,
distance, season and hours are multiplicative because they are conditions, not competences: a
perfect fit 120 km beyond the radius is no fit, and a part-time wish against a full-time job
lowers but does not cancel. The soft factors have floors so that they reorder close candidates
without hiding a good match from a counsellor who can negotiate the conditions. Wishes are a
bonus on the fit (never on the conditions) and the cap keeps the score in 0..1. Every operation
is elementwise in a fixed order on float64, so the same data always gives the same floats.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kohtaamo.geo.distance import EARTH_RADIUS_KM, ROAD_FACTOR

from .params import MatchParams
from .vectors import MatchIndex, PersonCompetences, VacancyRequirements, held_strengths

CEFR_ORDER = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "NATIVE": 7}


@dataclass(frozen=True)
class ScoreParts:
    score: float
    coverage: float
    reciprocal: float
    use: float
    constraint: float
    distance: float
    season: float
    hours: float
    wishes: float
    distance_km: float | None


@dataclass(frozen=True)
class CandidateScores:
    """The components for a person against candidate vacancies, arrays of one length."""

    score: np.ndarray
    coverage: np.ndarray
    reciprocal: np.ndarray
    use: np.ndarray
    constraint: np.ndarray
    distance: np.ndarray
    season: np.ndarray
    hours: np.ndarray
    wishes: np.ndarray
    distance_km: np.ndarray  # nan when a place is unknown

    def parts(self, i: int) -> ScoreParts:
        km = float(self.distance_km[i])
        return ScoreParts(
            *(float(getattr(self, name)[i]) for name in _PART_NAMES),
            distance_km=None if np.isnan(km) else km,
        )


_PART_NAMES = (
    "score",
    "coverage",
    "reciprocal",
    "use",
    "constraint",
    "distance",
    "season",
    "hours",
    "wishes",
)


def score_candidates(
    index: MatchIndex,
    person: PersonCompetences,
    candidates: Sequence[VacancyRequirements],
    rows: np.ndarray,
    pe_row: np.ndarray | None = None,
) -> CandidateScores:
    """Score one person against candidate vacancies (rows of index.v, in the same order).

    pe_row, when given, is the person's dense PE row (else computed from person).
    """
    params = index.params
    if pe_row is None:
        pe_row = index.person_row(person)
    pe_row = np.asarray(pe_row, dtype=np.float64)
    rows = np.asarray(rows, dtype=np.int64)
    coverage = np.clip(index.v[rows].astype(np.float64) @ pe_row, 0.0, 1.0)
    held = held_strengths(person, params, index.today)
    reciprocal = np.array([_reciprocal(v, pe_row, index, held) for v in candidates])
    use = np.array([use_share(v, held) for v in candidates])
    wished = np.array([v.occupation_uri in person.wished_occupations for v in candidates])
    wishes = np.where(wished, 1.0 + params.wish_bonus, 1.0)
    constraint = np.array([constraint_factor(person, v, held, params) for v in candidates])
    km = road_km_to(person, candidates)
    distance = distance_factor(km, person.radius_km, params)
    season = np.array(
        [
            params.season_floor + (1 - params.season_floor) * season_match(person, v, params)
            for v in candidates
        ]
    )
    hours = np.array(
        [
            params.hours_floor + (1 - params.hours_floor) * hours_match(person, v, params)
            for v in candidates
        ]
    )
    score = combine(coverage, reciprocal, use, wishes, constraint, distance, season, hours, params)
    return CandidateScores(
        score,
        coverage,
        reciprocal,
        use,
        constraint,
        distance,
        season,
        hours,
        wishes,
        km,
    )


def combine(
    coverage: np.ndarray,
    reciprocal: np.ndarray,
    use: np.ndarray,
    wishes: np.ndarray,
    constraint: np.ndarray,
    distance: np.ndarray,
    season: np.ndarray,
    hours: np.ndarray,
    params: MatchParams,
) -> np.ndarray:
    """The formula of this module on arrays of components (for batch re-ranking too)."""
    fit = (
        (1 - params.reciprocal_weight - params.use_weight) * np.asarray(coverage, np.float64)
        + params.reciprocal_weight * np.asarray(reciprocal, np.float64)
        + params.use_weight * np.asarray(use, np.float64)
    )
    score = np.minimum(1.0, fit * wishes) * constraint * distance * season * hours
    return np.clip(score, 0.0, 1.0)


def score_pair(
    index: MatchIndex, person: PersonCompetences, vacancy: VacancyRequirements, row: int
) -> ScoreParts:
    """The score of one person for the vacancy at row `row` of index.v."""
    return score_candidates(index, person, [vacancy], np.array([row])).parts(0)


def requirement_credit(pe_row: np.ndarray, index: MatchIndex, uri: str) -> float:
    col = index.column.get(uri)
    return 0.0 if col is None else float(pe_row[col])


def is_met(credit: float, direct: float, mandatory: bool, params: MatchParams) -> bool:
    """A requirement is met from met_threshold on; a mandatory one only by holding it itself
    (any unexpired holding, as the constraint factor reads it). The credit is rounded to 6
    decimals so that the float32 matrices and the float64 explanation always agree."""
    return direct > 0 if mandatory else round(credit, 6) >= params.met_threshold


def _reciprocal(vacancy, pe_row, index, held) -> float:
    essentials = [r for r in vacancy.requirements if r.essential] or list(vacancy.requirements)
    if not essentials:
        return 0.0
    met = sum(
        is_met(
            requirement_credit(pe_row, index, r.uri),
            held.get(r.uri, 0.0),
            r.mandatory,
            index.params,
        )
        for r in essentials
    )
    return met / len(essentials)


def use_share(vacancy: VacancyRequirements, held: dict[str, float]) -> float:
    """Share of the person's competence strength that the vacancy asks for, 0..1."""
    total = math.fsum(value for value in held.values() if value > 0)
    if total <= 0:
        return 0.0
    asked = sorted({r.uri for r in vacancy.requirements})
    return min(1.0, math.fsum(held.get(uri, 0.0) for uri in asked) / total)


def language_met(person: PersonCompetences, code: str, level: str) -> bool:
    held = person.languages.get(code)
    if held is None:
        return False
    return CEFR_ORDER.get(held.upper(), 0) >= CEFR_ORDER.get(level.upper(), 0)


def missing_mandatory(
    person: PersonCompetences, vacancy: VacancyRequirements, held: dict[str, float]
) -> int:
    missing = sum(1 for r in vacancy.requirements if r.mandatory and held.get(r.uri, 0.0) <= 0)
    return missing + sum(
        1
        for lang in vacancy.languages
        if lang.mandatory and not language_met(person, lang.code, lang.level)
    )


def constraint_factor(person, vacancy, held, params: MatchParams) -> float:
    missing = missing_mandatory(person, vacancy, held)
    if missing == 0:
        return 1.0
    return 0.0 if vacancy.exclude_on_missing_mandatory else params.mandatory_penalty**missing


def distance_factor(km: np.ndarray, radius_km: float, params: MatchParams) -> np.ndarray:
    km = np.asarray(km, dtype=np.float64)
    if radius_km <= 0:
        return np.ones_like(km)
    beyond = np.nan_to_num(km - radius_km, nan=0.0).clip(min=0.0)
    return np.clip(1.0 - beyond / (radius_km * params.distance_tolerance), 0.0, 1.0)


def season_match(person: PersonCompetences, vacancy: VacancyRequirements, params) -> float:
    if person.season_wish == "any":
        return 1.0
    days = None
    if vacancy.start_date and vacancy.end_date:
        days = (vacancy.end_date - vacancy.start_date).days + 1
    year_round = days is None or days >= params.year_round_days
    if person.season_wish == "year_round":
        return 1.0 if year_round else days / params.year_round_days
    return 0.5 if year_round else 1.0  # seasonal wish: open-ended work may still do


def hours_match(person: PersonCompetences, vacancy: VacancyRequirements, params) -> float:
    if person.hours_wish == "any":
        return 1.0
    full = vacancy.working_time == "full"
    if person.hours_wish == "full":
        if full:
            return 1.0
        return min(
            1.0, (vacancy.hours_per_week or params.full_time_hours / 2) / params.full_time_hours
        )
    return 0.5 if full else 1.0


def road_km_to(person: PersonCompetences, candidates: Sequence[VacancyRequirements]) -> np.ndarray:
    if person.lat is None or person.lon is None:
        return np.full(len(candidates), np.nan)
    lat = np.array([np.nan if v.lat is None else v.lat for v in candidates], dtype=np.float64)
    lon = np.array([np.nan if v.lon is None else v.lon for v in candidates], dtype=np.float64)
    phi1, phi2 = np.radians(person.lat), np.radians(lat)
    a = (
        np.sin((phi2 - phi1) / 2) ** 2
        + np.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lon - person.lon) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a))) * ROAD_FACTOR
