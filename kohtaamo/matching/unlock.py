"""Which training would unlock matches for a person, and how counts about people are protected.

Definitions (the pages and the API use these words):

* suitable: a vacancy whose score for the person is at least `suitable` (Limits.near_potential,
  0.25: the potential a near match must reach, so "suitable" is the same bar as elsewhere);
* an offer is within the person's reach when it is remote study, or its municipality is within
  the person's commuting radius x (1 + distance_tolerance) (the bar of pairs.reachable), or the
  person has no radius (0: anywhere) or a place is unknown;
* an offer unlocks a vacancy for a person when the vacancy is within the person's reach
  (pairs.reachable), not suitable now, and suitable once the person holds what the offer gives:
  each offer URI as a confirmed certificate of level 3 (`certificate_competence`);
* an offer closes a gap: the offer URIs that an unlocked vacancy asks for, itself or through an
  expansion link, and that the person held less strongly than the offer gives.

Efficiency: holding more only changes the coverage and the reciprocal of the vacancies that ask
for one of the offer's URIs or a URI that they link to (MatchIndex.links); every other vacancy
can only lose (the person's `use` share shrinks), so only those are rescored, once per distinct
set of URIs among the offers within reach (many offers give the same, e.g. hygiene passport
courses in several towns). Offers are ranked by vacancies unlocked, then by days to close, then
by distance.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from kohtaamo.geo.distance import road_km

from .pairs import reachable
from .score import language_met, score_candidates
from .vectors import (
    Competence,
    MatchIndex,
    PersonCompetences,
    VacancyRequirements,
    held_strengths,
    strength,
)

LICENCE_PREFIX = "urn:kohtaamo:licence:"
UNIT_PREFIX = "urn:eperusteet:"
MINIMUM_COUNT = 5  # counts about people from 1 to MINIMUM_COUNT - 1 are never shown


@dataclass(frozen=True)
class OfferPlace:
    """A training offer as the engine sees it: what it gives, where, how soon."""

    key: str  # the offer's public id
    uris: tuple[str, ...]
    lat: float | None
    lon: float | None
    remote: bool
    days_to_close: int


@dataclass(frozen=True)
class Unlock:
    """One offer for one person: the vacancies it would make suitable, best offers first."""

    offer: int  # index into the offers given
    vacancies: tuple[int, ...]  # rows of index.v
    closes: tuple[str, ...]  # offer URIs that the unlocked vacancies were missing
    days_to_close: int
    distance_km: float | None  # 0 for remote study or the home municipality; None if unknown


def certificate_competence(uri: str) -> Competence:
    """What completing an offer gives: the URI as a confirmed certificate of level 3."""
    if uri.startswith(LICENCE_PREFIX):
        kind = "licence"
    elif uri.startswith(UNIT_PREFIX):
        kind = "unit"
    else:
        kind = "skill"
    return Competence(uri=uri, kind=kind, level=3, source="certificate", confirmed=True)


def with_offer(person: PersonCompetences, uris: Iterable[str]) -> PersonCompetences:
    """The person as they would be after the offer."""
    added = tuple(certificate_competence(uri) for uri in uris)
    return dataclasses.replace(person, competences=person.competences + added)


def offer_distances(person: PersonCompetences, offers: Sequence[OfferPlace]) -> np.ndarray:
    """Estimated road km from the person's home to each offer: 0 for remote study, nan when a
    place is unknown."""
    km = np.full(len(offers), np.nan)
    if person.lat is None or person.lon is None:
        km[[o.remote for o in offers]] = 0.0
        return km
    for n, offer in enumerate(offers):
        if offer.remote:
            km[n] = 0.0
        elif offer.lat is not None and offer.lon is not None:
            km[n] = road_km(person.lat, person.lon, offer.lat, offer.lon)
    return km


def offers_within_reach(km: np.ndarray, radius_km: float, tolerance: float) -> np.ndarray:
    """True where the offer can be reached (the bar of pairs.reachable, unknown places kept)."""
    if radius_km <= 0:
        return np.ones(len(km), dtype=bool)
    return ~(km >= radius_km * (1 + tolerance))


@dataclass
class UnlockContext:
    """What every person's computation shares: the index, the offers and which vacancy rows
    each URI can change."""

    index: MatchIndex
    vacancies: Sequence[VacancyRequirements]
    offers: Sequence[OfferPlace]
    suitable: float
    touched: dict[str, np.ndarray]  # offer URI -> rows asking for it or a URI it links to
    asking: dict[str, frozenset[int]]  # offer URI -> the same rows as a set
    weights: list[dict[str, float]]  # row -> requirement URI -> its share of the coverage
    essentials: list[frozenset[str]]  # row -> the URIs the reciprocal counts
    gives: dict[str, float]  # offer URI -> the strength of holding it by certificate


def prepare(
    index: MatchIndex,
    vacancies: Sequence[VacancyRequirements],
    offers: Sequence[OfferPlace],
    suitable: float = 0.25,
) -> UnlockContext:
    asked_by: dict[str, set[int]] = defaultdict(set)
    for row, vacancy in enumerate(vacancies):
        for requirement in vacancy.requirements:
            asked_by[requirement.uri].add(row)
    asking: dict[str, frozenset[int]] = {}
    for uri in sorted({uri for offer in offers for uri in offer.uris}):
        rows = set(asked_by.get(uri, ()))
        for other in index.links.get(uri, {}):
            rows |= asked_by.get(other, set())
        asking[uri] = frozenset(rows)
    touched = {uri: np.array(sorted(rows), dtype=np.int64) for uri, rows in asking.items()}
    weights = []
    for row in range(len(vacancies)):
        start, end = index.v.indptr[row], index.v.indptr[row + 1]
        columns, values = index.v.indices[start:end], index.v.data[start:end]
        weights.append(
            {index.vocabulary[c]: float(v) for c, v in zip(columns, values, strict=True)}
        )
    essentials = [
        frozenset(r.uri for r in v.requirements if r.essential)
        or frozenset(r.uri for r in v.requirements)
        for v in vacancies
    ]
    gives = {
        uri: strength(certificate_competence(uri), index.params, index.today) for uri in asking
    }
    return UnlockContext(
        index, vacancies, offers, suitable, touched, asking, weights, essentials, gives
    )


def unlocks_for(
    context: UnlockContext, person: PersonCompetences, pe_row: np.ndarray | None = None
) -> list[Unlock]:
    """The offers within the person's reach that unlock at least one vacancy, ranked.

    pe_row: the person's dense PE row when the person is in the index (else computed)."""
    index = context.index
    tolerance = index.params.distance_tolerance
    km = offer_distances(person, context.offers)
    within = np.flatnonzero(offers_within_reach(km, person.radius_km, tolerance))
    if not len(within) or not len(context.vacancies):
        return []
    if pe_row is None:
        pe_row = index.person_row(person)
    reach = reachable([person], context.vacancies, tolerance)[0]
    held = held_strengths(person, index.params, index.today)
    by_uris: dict[tuple[str, ...], np.ndarray] = {}
    for n in within:
        uris = tuple(u for u in context.offers[n].uris if _gains(held, u, context))
        if uris and uris not in by_uris:
            rows = np.unique(np.concatenate([context.touched[u] for u in uris]))
            by_uris[uris] = rows[reach[rows]]
    blocked = _not_suitable(context, person, pe_row, held, by_uris)
    unlocked = {
        uris: _unlocked(context, person, held, uris, rows, blocked)
        for uris, rows in by_uris.items()
    }
    found = []
    for n in within:
        uris = tuple(u for u in context.offers[n].uris if _gains(held, u, context))
        rows = unlocked.get(uris, ())
        if len(rows):
            found.append(_unlock(context, int(n), uris, rows, km[n]))
    return rank(found, context.offers)


def _gains(held: dict[str, float], uri: str, context: UnlockContext) -> bool:
    """Whether the person would hold the URI more strongly after the offer."""
    return held.get(uri, 0.0) < context.gives[uri]


@dataclass(frozen=True)
class _Blocked:
    """A vacancy an offer might unlock: not suitable now, with what bounds its score after
    any offer (the soft factors and the mandatory requirements no offer of this URI set gives)."""

    row: int
    soft: float  # distance x season x hours: no competence changes them
    coverage: float
    reciprocal: float
    use: float
    wishes: float
    missing: frozenset[str]  # mandatory requirements not held
    languages: int  # mandatory languages not met (no offer gives a language)
    exclude: bool


def _not_suitable(context, person, pe_row, held, by_uris) -> dict[int, _Blocked]:
    """The rows any offer could change that are not suitable for the person now."""
    offered: dict[int, set[str]] = defaultdict(set)
    for uris, touched in by_uris.items():
        for j in touched.tolist():
            offered[j].update(uris)
    rows = np.array(
        sorted(j for j, uris in offered.items() if _may_lift(context, person, held, j, uris)),
        dtype=np.int64,
    )
    if not len(rows):
        return {}
    candidates = [context.vacancies[j] for j in rows]
    now = score_candidates(context.index, person, candidates, rows, pe_row=pe_row)
    soft = now.distance * now.season * now.hours
    blocked = {}
    for n in np.flatnonzero(now.score < context.suitable):
        vacancy = candidates[n]
        blocked[int(rows[n])] = _Blocked(
            row=int(rows[n]),
            soft=float(soft[n]),
            coverage=float(now.coverage[n]),
            reciprocal=float(now.reciprocal[n]),
            use=float(now.use[n]),
            wishes=float(now.wishes[n]),
            missing=frozenset(
                r.uri for r in vacancy.requirements if r.mandatory and held.get(r.uri, 0.0) <= 0
            ),
            languages=sum(
                1
                for lang in vacancy.languages
                if lang.mandatory and not language_met(person, lang.code, lang.level)
            ),
            exclude=vacancy.exclude_on_missing_mandatory,
        )
    return blocked


@dataclass(frozen=True)
class _Gain:
    """What one set of offer URIs can add, for the bound of _could_unlock."""

    uris: tuple[str, ...]
    credited: frozenset[str]  # the URIs and those they link to: the columns that can grow
    strength: float  # added strength in total (the person's use share shrinks by it)
    held: float  # the person's total strength now


def _may_lift(context, person, held, row: int, offered: set[str]) -> bool:
    """False when the vacancy excludes on a missing mandatory requirement that no offer within
    reach gives (or a language): no offer can unlock it, so it is not scored at all."""
    vacancy = context.vacancies[row]
    if not vacancy.exclude_on_missing_mandatory:
        return True
    for requirement in vacancy.requirements:
        lacking = requirement.mandatory and held.get(requirement.uri, 0.0) <= 0
        if lacking and requirement.uri not in offered:
            return False
    return all(
        language_met(person, lang.code, lang.level) for lang in vacancy.languages if lang.mandatory
    )


def _could_unlock(blocked: _Blocked, gain: _Gain, context: UnlockContext) -> bool:
    """Whether an upper bound of the score after the offer reaches the bar, so that only
    those are rescored: the coverage and the reciprocal grow at most by the requirements the
    offer credits, the use share at most as if all the added strength were asked for, the soft
    factors do not change and what stays missing keeps the constraint factor."""
    params = context.index.params
    still = len(blocked.missing.difference(gain.uris)) + blocked.languages
    if still and blocked.exclude:
        return False
    constraint = params.mandatory_penalty**still if still else 1.0
    weights, essentials = context.weights[blocked.row], context.essentials[blocked.row]
    coverage = blocked.coverage + sum(w for u, w in weights.items() if u in gain.credited)
    reciprocal = blocked.reciprocal + len(essentials & gain.credited) / max(len(essentials), 1)
    total = gain.held + gain.strength
    use = (blocked.use * gain.held + gain.strength) / total if total > 0 else 0.0
    fit = (
        (1 - params.reciprocal_weight - params.use_weight) * min(coverage, 1.0)
        + params.reciprocal_weight * min(reciprocal, 1.0)
        + params.use_weight * min(use, 1.0)
    )
    bound = min(1.0, fit * blocked.wishes) * blocked.soft * constraint
    return bound + 1e-9 >= context.suitable


def _unlocked(context, person, held, uris, touched, blocked: dict[int, _Blocked]) -> np.ndarray:
    gain = _gain(context, held, uris)
    rows = np.array(
        [j for j in touched.tolist() if j in blocked and _could_unlock(blocked[j], gain, context)],
        dtype=np.int64,
    )
    if not len(rows):
        return rows
    candidates = [context.vacancies[j] for j in rows]
    after = score_candidates(context.index, with_offer(person, uris), candidates, rows).score
    return rows[after >= context.suitable]


def _gain(context: UnlockContext, held: dict[str, float], uris: tuple[str, ...]) -> _Gain:
    credited = set(uris)
    for uri in uris:
        credited.update(context.index.links.get(uri, {}))
    added = sum(max(context.gives[u] - held.get(u, 0.0), 0.0) for u in uris)
    return _Gain(
        uris=uris,
        credited=frozenset(credited),
        strength=added,
        held=math.fsum(v for v in held.values() if v > 0),
    )


def _unlock(context, n: int, uris, rows, km: float) -> Unlock:
    unlocked = {int(j) for j in rows}
    closes = tuple(u for u in uris if context.asking[u] & unlocked)
    return Unlock(
        offer=n,
        vacancies=tuple(sorted(unlocked)),
        closes=closes,
        days_to_close=context.offers[n].days_to_close,
        distance_km=None if np.isnan(km) else round(float(km), 1),
    )


def rank(unlocks: Iterable[Unlock], offers: Sequence[OfferPlace]) -> list[Unlock]:
    """Most vacancies unlocked first, then the quickest to complete, then the nearest (unknown
    distance last), then by offer key so that the order is stable."""
    return sorted(
        unlocks,
        key=lambda u: (
            -len(u.vacancies),
            u.days_to_close,
            math.inf if u.distance_km is None else u.distance_km,
            offers[u.offer].key,
        ),
    )


# Area totals --------------------------------------------------------------------------------


@dataclass
class AreaTally:
    """Per area: offer index -> people helped and (person, vacancy) pairs unlocked; gap URI ->
    people for whom a course closing it unlocks a vacancy."""

    people: dict[int, int] = dataclasses.field(default_factory=lambda: defaultdict(int))
    matches: dict[int, int] = dataclasses.field(default_factory=lambda: defaultdict(int))
    gaps: dict[str, int] = dataclasses.field(default_factory=lambda: defaultdict(int))

    def add(self, unlocks: Sequence[Unlock]) -> None:
        """One person's unlocks: each person counts once per offer and once per gap."""
        for unlock in unlocks:
            self.people[unlock.offer] += 1
            self.matches[unlock.offer] += len(unlock.vacancies)
        for uri in {uri for unlock in unlocks for uri in unlock.closes}:
            self.gaps[uri] += 1


def is_small(count: int, minimum: int = MINIMUM_COUNT) -> bool:
    return 0 < count < minimum


def protect(total: int, parts: Sequence[int], minimum: int = MINIMUM_COUNT) -> list[bool]:
    """Which counts to hide in a total and its parts (a region and its sub-regions, where the
    parts add up to the total): True for the total first, then for each part.

    Primary suppression hides every count from 1 to minimum - 1. Secondary suppression stops
    differencing: while the hidden parts add up to 1..minimum - 1 (the total minus the shown
    parts would reveal them), the smallest shown non-zero part is hidden too. Zeros are shown:
    they say nobody, which is about no one.
    """
    hidden_total = is_small(total, minimum)
    hidden = [is_small(count, minimum) or (hidden_total and count > 0) for count in parts]
    if hidden_total:
        return [True, *hidden]
    while is_small(sum(c for c, h in zip(parts, hidden, strict=True) if h), minimum):
        shown = [n for n, (c, h) in enumerate(zip(parts, hidden, strict=True)) if c and not h]
        if not shown:  # cannot happen when the parts add up to the total; be safe
            return [True, *hidden]
        hidden[min(shown, key=lambda n: (parts[n], n))] = True
    return [False, *hidden]
