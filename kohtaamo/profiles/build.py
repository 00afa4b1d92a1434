"""An occupational competence profile ("osaajaprofiili") from what employers actually asked for.

Pure: plain dataclasses in, a plain `Profile` out, no Django; `kohtaamo.profiles.services`
gathers the input from finished competence mappings and vacancies.

The unit of evidence is the employer, not the document. One employer that asked for welding in
a mapping and again in three vacancies is one employer asking for welding: otherwise a single
employer with many job ads would make its wishes look like the whole region's.

Weight of a competence
----------------------
Each ask has a strength::

    strength = IMPORTANCE_FACTOR[importance] * (1.0 if essential else OPTIONAL_FACTOR)
    IMPORTANCE_FACTOR = {3: 1.0, 2: 0.75, 1: 0.5};  OPTIONAL_FACTOR = 0.5

An employer's strength for a competence is the highest strength among all its asks for it (in
every mapping and vacancy of the profile). The weight is the mean of that over every employer
behind the profile (those that did not ask count as 0)::

    weight(c) = sum(max strength of employer e for c) / number of employers behind the profile

So the weight lies in 0..1: 1.0 means every employer asked for it as an essential requirement of
the highest importance; 0.25 can mean that a quarter of the employers did, or that half of them
asked for it as "an advantage" (0.5 each). `share` is the plain share of employers asking,
however strongly. Competences are ranked by weight, then by the number of employers asking, then
by URI.

ESCO comparison
---------------
The profile is compared with the ESCO skills of the occupations employers asked about (the
occupations of its vacancies, planned hires and needs; all occupations in scope when the sources
do not say): an ISCO group holds occupations nobody in the region hires, whose skills would only
add noise. A skill is flagged `essential` when ESCO lists it as essential for any of these
occupations, `optional` when only as optional, and `addition` ("the employers' own addition")
when ESCO does not relate it to these occupations at all. Licences and qualification units are
not ESCO concepts and get no flag (None). ESCO's essential skills that no employer asked for are
listed apart, most widely shared across the compared occupations first.

Horizons
--------
`now` counts the employers asking for the competence now or within 6 months, `later` those
asking for it in 1-3 years (an employer may count in both). A need is *rising* when more
employers ask for it for the coming years than for now; vacancies are always "now".

Licences
--------
For each licence: the share of employers asking, and the share of the profile's vacancies that
require it (as an essential competence).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

MAPPING = "mapping"
VACANCY = "vacancy"
NOW = "now"
SIX_MONTHS = "6m"
LATER = "1-3y"
SKILL, LICENCE, UNIT = "skill", "licence", "unit"
ESSENTIAL, OPTIONAL, ADDITION = "essential", "optional", "addition"

IMPORTANCE_FACTOR = {3: 1.0, 2: 0.75, 1: 0.5}
OPTIONAL_FACTOR = 0.5


@dataclass(frozen=True)
class Ask:
    """One employer asking for one competence, in one mapping or one vacancy."""

    source: str  # MAPPING or VACANCY
    source_id: str
    employer_id: str
    uri: str
    kind: str  # SKILL, LICENCE or UNIT
    importance: int = 2  # 1-3
    essential: bool = True
    horizon: str = NOW  # NOW, SIX_MONTHS or LATER
    municipality: str = ""  # municipality code, e.g. "698"

    @property
    def strength(self) -> float:
        factor = IMPORTANCE_FACTOR.get(self.importance, IMPORTANCE_FACTOR[2])
        return factor * (1.0 if self.essential else OPTIONAL_FACTOR)


@dataclass(frozen=True)
class Source:
    """A mapping or vacancy behind the profile, counted even when it asked for nothing.

    `openings_now` is the number of people wanted now or within 6 months (an open vacancy's
    openings, a mapping's planned hires), `openings_later` those planned for 1-3 years.
    """

    kind: str  # MAPPING or VACANCY
    id: str
    employer_id: str
    municipality: str = ""
    is_open: bool = False  # an open vacancy
    openings_now: int = 0
    openings_later: int = 0
    occupations: frozenset[str] = frozenset()  # the occupations in scope it is about


@dataclass(frozen=True)
class EscoSkills:
    """ESCO's essential and optional skills of one occupation."""

    essential: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()


@dataclass
class ProfileCompetence:
    uri: str
    kind: str
    weight: float
    employers: int
    share: float  # employers asking / employers behind the profile
    mappings: int  # mappings asking
    vacancies: int  # vacancies asking
    esco_relation: str | None  # ESSENTIAL, OPTIONAL, ADDITION; None for licences and units
    now: int  # employers asking now or within 6 months
    later: int  # employers asking for 1-3 years

    @property
    def rising(self) -> bool:
        return self.later > self.now


@dataclass
class LicenceShare:
    uri: str
    employers: int
    share: float  # of the employers behind the profile
    vacancies: int  # vacancies requiring it
    vacancy_share: float  # of the vacancies behind the profile


@dataclass
class UnaskedEssential:
    """An ESCO essential skill no employer asked for."""

    uri: str
    occupations: int  # for how many occupations in scope ESCO lists it as essential


@dataclass
class Profile:
    occupations: list[str]
    compared_with: list[str] = field(default_factory=list)  # occupations of the ESCO comparison
    employers: int = 0
    mappings: int = 0
    vacancies: int = 0
    open_vacancies: int = 0
    openings_now: int = 0
    openings_later: int = 0
    competences: list[ProfileCompetence] = field(default_factory=list)
    licences: list[LicenceShare] = field(default_factory=list)
    unasked_essentials: list[UnaskedEssential] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[ProfileCompetence]:
        return [c for c in self.competences if c.kind == kind]

    @property
    def rising(self) -> list[ProfileCompetence]:
        """Needs growing in the coming years, most employers first."""
        return sorted((c for c in self.competences if c.rising), key=lambda c: (-c.later, c.uri))


def build_profile(
    *,
    occupations: list[str],
    asks: list[Ask],
    esco: dict[str, EscoSkills],
    sources: list[Source] | None = None,
    area: frozenset[str] | None = None,
) -> Profile:
    """The profile of `occupations` from the asks of their employers.

    `sources` lists the mappings and vacancies in scope (those without asks count for the number
    of employers too); without it, the sources are read from the asks. `area`, a set of
    municipality codes, keeps only the sources and asks located there.
    """
    if sources is None:
        sources = _sources_of(asks)
    if area is not None:
        sources = [s for s in sources if s.municipality in area]
        asks = [a for a in asks if a.municipality in area]
    kept = {(s.kind, s.id) for s in sources}
    asks = [a for a in asks if (a.source, a.source_id) in kept]
    employers = {s.employer_id for s in sources}
    vacancies = [s for s in sources if s.kind == VACANCY]
    profile = Profile(
        occupations=list(occupations),
        employers=len(employers),
        mappings=sum(1 for s in sources if s.kind == MAPPING),
        vacancies=len(vacancies),
        open_vacancies=sum(1 for s in vacancies if s.is_open),
        openings_now=sum(s.openings_now for s in sources),
        openings_later=sum(s.openings_later for s in sources),
    )
    asked = {o for s in sources for o in s.occupations}
    compared = [o for o in occupations if o in asked] or list(occupations)
    profile.compared_with = compared
    relation = _esco_relations(compared, esco)
    profile.competences = _rank(asks, len(employers), relation)
    profile.licences = _licences(asks, len(employers), len(vacancies))
    profile.unasked_essentials = _unasked(compared, esco, {a.uri for a in asks})
    return profile


def _sources_of(asks: list[Ask]) -> list[Source]:
    found: dict[tuple[str, str], Source] = {}
    for ask in asks:
        found.setdefault(
            (ask.source, ask.source_id),
            Source(ask.source, ask.source_id, ask.employer_id, ask.municipality),
        )
    return list(found.values())


def _esco_relations(occupations: list[str], esco: dict[str, EscoSkills]) -> dict[str, str]:
    relation: dict[str, str] = {}
    for occupation in occupations:
        skills = esco.get(occupation, EscoSkills())
        for uri in skills.optional:
            relation.setdefault(uri, OPTIONAL)
        for uri in skills.essential:
            relation[uri] = ESSENTIAL
    return relation


def _rank(
    asks: list[Ask], employer_count: int, relation: dict[str, str]
) -> list[ProfileCompetence]:
    by_uri: dict[str, list[Ask]] = defaultdict(list)
    for ask in asks:
        by_uri[ask.uri].append(ask)
    ranked = [_competence(uri, found, employer_count, relation) for uri, found in by_uri.items()]
    return sorted(ranked, key=lambda c: (-c.weight, -c.employers, c.uri))


def _competence(
    uri: str, asks: list[Ask], employer_count: int, relation: dict[str, str]
) -> ProfileCompetence:
    strongest: dict[str, float] = {}
    for ask in asks:
        strongest[ask.employer_id] = max(strongest.get(ask.employer_id, 0.0), ask.strength)
    kind = asks[0].kind
    denominator = max(employer_count, len(strongest))
    return ProfileCompetence(
        uri=uri,
        kind=kind,
        weight=round(sum(strongest.values()) / denominator, 4),
        employers=len(strongest),
        share=round(len(strongest) / denominator, 4),
        mappings=len({a.source_id for a in asks if a.source == MAPPING}),
        vacancies=len({a.source_id for a in asks if a.source == VACANCY}),
        esco_relation=relation.get(uri, ADDITION) if kind == SKILL else None,
        now=len({a.employer_id for a in asks if a.horizon != LATER}),
        later=len({a.employer_id for a in asks if a.horizon == LATER}),
    )


def _licences(asks: list[Ask], employer_count: int, vacancy_count: int) -> list[LicenceShare]:
    employers: dict[str, set[str]] = defaultdict(set)
    vacancies: dict[str, set[str]] = defaultdict(set)
    for ask in asks:
        if ask.kind != LICENCE:
            continue
        employers[ask.uri].add(ask.employer_id)
        if ask.source == VACANCY and ask.essential:
            vacancies[ask.uri].add(ask.source_id)
    shares = [
        LicenceShare(
            uri=uri,
            employers=len(asking),
            share=round(len(asking) / max(employer_count, len(asking)), 4),
            vacancies=len(vacancies[uri]),
            vacancy_share=round(len(vacancies[uri]) / vacancy_count, 4) if vacancy_count else 0.0,
        )
        for uri, asking in employers.items()
    ]
    return sorted(shares, key=lambda s: (-s.employers, -s.vacancies, s.uri))


def _unasked(
    occupations: list[str], esco: dict[str, EscoSkills], asked: set[str]
) -> list[UnaskedEssential]:
    counts: dict[str, int] = defaultdict(int)
    for occupation in occupations:
        for uri in esco.get(occupation, EscoSkills()).essential:
            if uri not in asked:
                counts[uri] += 1
    unasked = [UnaskedEssential(uri, n) for uri, n in counts.items()]
    return sorted(unasked, key=lambda u: (-u.occupations, u.uri))
