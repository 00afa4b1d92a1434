"""Every weight of the matching engine, in one documented place."""

from __future__ import annotations

from dataclasses import dataclass, field


def _source_confidence() -> dict[str, float]:
    # Evidence confidence by source: a certificate is proof, a learning environment's
    # recognition nearly so, a counsellor's assessment is an informed judgement, a
    # self-assessment is optimistic or modest at random, and a skill inferred from the
    # occupation of a past job is only likely.
    return {
        "certificate": 1.0,
        "learning_environment": 0.95,
        "counsellor": 0.9,
        "self": 0.75,
        "work_history": 0.6,
    }


def _importance_weight() -> dict[int, float]:
    # VacancyCompetence.importance 1-3 (nice to have, normal, key).
    return {1: 0.5, 2: 1.0, 3: 1.5}


@dataclass(frozen=True)
class MatchParams:
    """The weights of the score (see kohtaamo.matching.score for the formula).

    Person strength of a competence = evidence_floor + (1 - evidence_floor) x evidence, where
    evidence = level / 5 x source_confidence[source] x confidence (x unconfirmed_factor when
    not confirmed); 0 once expired. A licence's level does not count (held or not).
    """

    source_confidence: dict[str, float] = field(default_factory=_source_confidence)
    # Confidence of a source not in the table (e.g. an import with an unknown source).
    unknown_source_confidence: float = 0.5
    # A competence the person has not yet confirmed (e.g. suggested from a CV) counts half.
    unconfirmed_factor: float = 0.5
    # Holding a competence at all carries this share of its strength; the evidence (level x
    # source x confidence) the rest: strength = floor + (1 - floor) x evidence.
    evidence_floor: float = 0.5
    # Partial credit: holding a skill's broader or narrower ESCO skill, or an ESCO-related skill.
    hierarchy_credit: float = 0.5
    related_credit: float = 0.3
    # Requirement weight = importance_weight x (1 if essential else optional_factor) x rarity.
    importance_weight: dict[int, float] = field(default_factory=_importance_weight)
    optional_factor: float = 0.5
    # A requirement counts as met (explanations, reciprocal) from this much credit on; a
    # mandatory one only through the competence itself, never through a related one.
    met_threshold: float = 0.3
    # fit = (1 - reciprocal_weight - use_weight) x coverage + reciprocal_weight x share of
    # essentials met + use_weight x share of the person's strength the vacancy uses. Set by
    # reasoning, checked (not tuned) on bench/matching_quality.py.
    reciprocal_weight: float = 0.25
    use_weight: float = 0.2
    # Each missing mandatory licence or language multiplies the score by this, when the
    # vacancy asks for a penalty instead of exclusion.
    mandatory_penalty: float = 0.5
    # Beyond the person's radius the distance factor falls linearly to 0 at
    # radius x (1 + distance_tolerance); a radius of 0 or unknown places do not penalise.
    distance_tolerance: float = 0.5
    # Soft factors: floor + (1 - floor) x match in 0..1.
    season_floor: float = 0.7
    hours_floor: float = 0.8
    # A vacancy in one of the person's wished occupations: fit x (1 + wish_bonus), capped at 1.
    wish_bonus: float = 0.15
    # A vacancy of this many days or more counts as year-round work.
    year_round_days: int = 300
    full_time_hours: float = 37.5
