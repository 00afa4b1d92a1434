"""Why a person fits a vacancy: each requirement met (with its evidence) or a gap.

The credit of a requirement is computed from the person's own competences and the expansion
links, the same sum as PE = min(P @ E, 1) in vectors; the evidence named is the competence that
contributes most to it. A requirement is met by the rule of score.is_met; otherwise it is a gap.
Gaps carry the requirement's uri and kind so that routes (training offers that give it) can be
attached by the caller.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from .params import MatchParams
from .score import is_met
from .vectors import Competence, PersonCompetences, Requirement, VacancyRequirements, strength


@dataclass(frozen=True)
class Met:
    uri: str
    kind: str
    essential: bool
    importance: int
    evidence_uri: str  # the person's competence that meets it (the requirement itself if direct)
    evidence_source: str
    evidence_level: int
    partial: bool  # met through a broader, narrower or related skill, not the skill itself
    credit: float  # 0..1


@dataclass(frozen=True)
class Gap:
    uri: str
    kind: str
    essential: bool
    mandatory: bool
    importance: int
    credit: float = 0.0  # partial credit short of the threshold


@dataclass(frozen=True)
class Explanation:
    met: tuple[Met, ...]
    gaps: tuple[Gap, ...]


def explain(
    person: PersonCompetences,
    vacancy: VacancyRequirements,
    links: dict[str, dict[str, float]],
    params: MatchParams | None = None,
    today: date | None = None,
) -> Explanation:
    """Every requirement of the vacancy once, in the vacancy's order, met or gap.

    links: vectors.expansion_links(relations, params) (MatchIndex.links).
    """
    params = params or MatchParams()
    today = today or date.today()
    holdings = [(c, strength(c, params, today)) for c in person.competences]
    holdings = [(c, s) for c, s in holdings if s > 0]
    met, gaps, seen = [], [], set()
    for requirement in vacancy.requirements:
        if requirement.uri in seen:
            continue
        seen.add(requirement.uri)
        credit, direct, evidence = _credit(requirement, holdings, links)
        if requirement.mandatory:  # met only by the competence itself: name that one
            evidence = _strongest_direct(requirement, holdings)
        if evidence is not None and is_met(credit, direct, requirement.mandatory, params):
            met.append(_met(requirement, evidence, credit))
        else:
            gaps.append(
                Gap(
                    requirement.uri,
                    requirement.kind,
                    requirement.essential,
                    requirement.mandatory,
                    requirement.importance,
                    credit,
                )
            )
    return Explanation(tuple(met), tuple(gaps))


def _credit(
    requirement: Requirement,
    holdings: list[tuple[Competence, float]],
    links: dict[str, dict[str, float]],
) -> tuple[float, float, Competence | None]:
    """(credit = min(sum of contributions, 1), strongest direct holding, best evidence)."""
    best: tuple[float, int, Competence] | None = None
    contributions: dict[str, float] = {}
    direct = 0.0
    for order, (competence, value) in enumerate(holdings):
        factor = (
            1.0
            if competence.uri == requirement.uri
            else links.get(competence.uri, {}).get(requirement.uri, 0.0)
        )
        if factor <= 0:
            continue
        if competence.uri == requirement.uri:
            direct = max(direct, value)
        # Like P, a uri held twice counts once, with its strongest holding.
        contributions[competence.uri] = max(contributions.get(competence.uri, 0.0), value * factor)
        key = (value * factor, -order, competence)
        if best is None or key[:2] > best[:2]:
            best = key
    credit = min(math.fsum(contributions.values()), 1.0)
    return credit, direct, None if best is None else best[2]


def _strongest_direct(
    requirement: Requirement, holdings: list[tuple[Competence, float]]
) -> Competence | None:
    direct = [
        (value, -order, c) for order, (c, value) in enumerate(holdings) if c.uri == requirement.uri
    ]
    return max(direct, key=lambda item: item[:2])[2] if direct else None


def _met(requirement: Requirement, evidence: Competence, credit: float) -> Met:
    return Met(
        uri=requirement.uri,
        kind=requirement.kind,
        essential=requirement.essential,
        importance=requirement.importance,
        evidence_uri=evidence.uri,
        evidence_source=evidence.source,
        evidence_level=evidence.level,
        partial=evidence.uri != requirement.uri,
        credit=credit,
    )
