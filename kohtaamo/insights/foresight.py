"""Foresight for training planners: what the employers of an area said they will need, from
the current finished competence mappings (the newest finished version of each employer's).

* Planned hires by occupation (the ESCO occupation and its ISCO-08 unit group) and horizon
  (now, within 6 months, in 1-3 years), with row and column totals: the number of hires.
* Competence needs by competence and horizon: the number of employers asking (for new hires
  or for their current staff), and in any horizon.
* What to train: the needed competences that Kohtaamo maps to qualification units (the unit a
  need names itself, else the units whose requirements name the competence,
  kohtaamo.competences.training), for vocational colleges.

An employer belongs to the sub-region and region of its municipality (employers without one
are left out). Privacy: the counts are about few employers and, through them, their staff, so
they are protected like counts of people: no count of 1-4 is shown, nor one that could be
worked out from the totals or from the region and its sub-regions. The whole family (the
region and every sub-region) is protected at once, so that every area's page shows the same
hidden cells whichever page is read first (kohtaamo.insights.cell_protection).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from kohtaamo.competences.enums import CompetenceKind
from kohtaamo.competences.training import units_for
from kohtaamo.core.i18n import localized
from kohtaamo.geo.areas import REGION_PREFIX, SUB_REGION_PREFIX, Area
from kohtaamo.geo.models import SubRegion
from kohtaamo.mappings.enums import Horizon
from kohtaamo.mappings.models import CompetenceMapping, CompetenceNeed, PlannedHire
from kohtaamo.mappings.report import UnitLine
from kohtaamo.matching.unlock import protect
from kohtaamo.qualifications.models import UNIT_URN, QualificationUnit
from kohtaamo.taxonomy.models import Concept
from kohtaamo.taxonomy.search import display_labels

from .cell_protection import Relation, protect_cells

HORIZONS = tuple(h.value for h in Horizon)  # now, 6m, 1-3y
TOTAL = "total"  # the row or column of totals (hires); any horizon (employers asking)
MAX_UNITS = 5


@dataclass(frozen=True)
class Count:
    """A published count: None when hidden (fewer than 5, or derivable)."""

    value: int | None
    suppressed: bool

    @classmethod
    def of(cls, value: int, hidden: bool) -> Count:
        return cls(None if hidden else value, hidden)


# Protection (pure) -----------------------------------------------------------------------------


HireKey = tuple[str, str, str]  # (area, occupation URI, GROUP + major group or TOTAL, horizon)
GROUP = "isco:"  # the row of an ISCO-08 major group: GROUP + "8"


def hire_cells(
    hires: Sequence[tuple[str, str, str, int]],
    region: str,
    subs: Sequence[str],
    groups: dict[str, str],
) -> dict[HireKey, int]:
    """(sub-region, occupation, horizon, count) rows -> every cell of the family's tables:
    the occupations, their major groups (`groups`: occupation -> major group) and the total."""
    areas = [region, *subs]
    occupations = sorted({h[1] for h in hires})
    rows = (*occupations, *sorted({GROUP + groups[o] for o in occupations}), TOTAL)
    counts = {(a, o, h): 0 for a in areas for o in rows for h in (*HORIZONS, TOTAL)}
    for sub, occupation, horizon, count in hires:
        for area in (sub, region):
            for o in (occupation, GROUP + groups[occupation], TOTAL):
                for h in (horizon, TOTAL):
                    counts[area, o, h] += count
    return counts


def hire_relations(
    counts: dict[HireKey, int], region: str, subs: Sequence[str], groups: dict[str, str]
) -> list[Relation]:
    """Each row adds up over the horizons, each major group over its occupations, each column
    over the occupations, each cell of the region over its sub-regions."""
    areas = [region, *subs]
    rows = sorted({o for _a, o, _h in counts})
    occupations = [o for o in rows if o != TOTAL and not o.startswith(GROUP)]
    members: dict[str, list[str]] = defaultdict(list)
    for o in occupations:
        members[GROUP + groups[o]].append(o)
    relations = []
    for a in areas:
        for o in rows:
            relations.append(Relation((a, o, TOTAL), tuple((a, o, h) for h in HORIZONS)))
        for h in (*HORIZONS, TOTAL):
            relations.append(Relation((a, TOTAL, h), tuple((a, o, h) for o in occupations)))
            for group, parts in members.items():
                relations.append(Relation((a, group, h), tuple((a, o, h) for o in parts)))
    for o in rows:
        for h in (*HORIZONS, TOTAL):
            relations.append(Relation((region, o, h), tuple((s, o, h) for s in subs)))
    return relations


def need_cells(
    needs: Sequence[tuple[str, int, str, str]], region: str, subs: Sequence[str]
) -> dict[str, dict[tuple[str, str], int]]:
    """(sub-region, employer id, URI, horizon) rows -> per URI, (area, horizon or TOTAL) ->
    employers asking."""
    asking: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for sub, employer, uri, horizon in needs:
        for area in (sub, region):
            for h in (horizon, TOTAL):
                asking[uri, area, h].add(employer)
    areas = [region, *subs]
    return {
        uri: {(a, h): len(asking.get((uri, a, h), ())) for a in areas for h in (*HORIZONS, TOTAL)}
        for uri in sorted({n[2] for n in needs})
    }


def need_relations(region: str, subs: Sequence[str]) -> list[Relation]:
    """The region's employers are its sub-regions' (exactly); any horizon is at most the sum of
    the horizons (an employer may ask in several): given too, it only adds caution."""
    areas = [region, *subs]
    return [Relation((region, h), tuple((s, h) for s in subs)) for h in (*HORIZONS, TOTAL)] + [
        Relation((a, TOTAL), tuple((a, h) for h in HORIZONS)) for a in areas
    ]


# Reading an area -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HireRow:
    uri: str
    label: str
    isco: str  # the ISCO-08 unit group (4 digits), "" when unknown
    isco_label: str
    counts: list[Count]  # per horizon, then the total


@dataclass(frozen=True)
class HireGroup:
    """An ISCO-08 major group's planned hires and its occupations'."""

    code: str  # "8"; "" for occupations without a known group
    label: str
    counts: list[Count]
    occupations: list[HireRow]


@dataclass(frozen=True)
class NeedRow:
    uri: str
    label: str
    kind_label: str
    counts: list[Count]  # employers asking per horizon, then in any horizon
    units: list[UnitLine] = field(default_factory=list)


@dataclass(frozen=True)
class AreaForesight:
    area: Area
    employers: Count  # employers with a current finished mapping
    hire_groups: list[HireGroup]
    hire_totals: list[Count]
    needs: list[NeedRow]

    @property
    def hires(self) -> list[HireRow]:
        """Every occupation's row, by major group."""
        return [row for group in self.hire_groups for row in group.occupations]

    @property
    def training(self) -> list[NeedRow]:
        """The needs with qualification units that give them."""
        return [n for n in self.needs if n.units]


def horizon_labels() -> list[str]:
    return [str(h.label) for h in Horizon]


def area_foresight(area: Area, *, need_limit: int | None = 30) -> AreaForesight:
    """The foresight tables of a region or sub-region (the whole region family is protected)."""
    region = REGION_PREFIX + area.region_code
    subs = sorted(
        SUB_REGION_PREFIX + code
        for code in SubRegion.objects.filter(region__code=area.region_code).values_list(
            "code", flat=True
        )
    )
    mappings = CompetenceMapping.objects.current().filter(
        employer__municipality__region__code=area.region_code
    )
    sub_of = dict(mappings.values_list("pk", "employer__municipality__sub_region__code").distinct())
    employers = dict(mappings.values_list("pk", "employer_id"))
    return AreaForesight(
        area=area,
        employers=_employers(area.key, region, subs, sub_of, employers),
        **_hires(area.key, region, subs, mappings, sub_of),
        needs=_needs(area.key, region, subs, mappings, sub_of, employers, need_limit),
    )


def _employers(key: str, region: str, subs: list[str], sub_of, employers) -> Count:
    by_sub: dict[str, set[int]] = defaultdict(set)
    for mapping, sub in sub_of.items():
        by_sub[SUB_REGION_PREFIX + sub].add(employers[mapping])
    parts = [len(by_sub.get(s, ())) for s in subs]
    total = len(set().union(*by_sub.values())) if by_sub else 0
    hidden = protect(total, parts)
    values = dict(zip([region, *subs], [total, *parts], strict=True))
    return Count.of(values[key], dict(zip([region, *subs], hidden, strict=True))[key])


def _hires(key: str, region: str, subs: list[str], mappings, sub_of) -> dict:
    rows = [
        (SUB_REGION_PREFIX + sub_of[mapping], uri, horizon, count)
        for mapping, uri, horizon, count in PlannedHire.objects.filter(
            mapping__in=mappings
        ).values_list("mapping_id", "occupation__uri", "horizon", "count")
    ]
    concepts = {c.uri: c for c in Concept.objects.filter(uri__in={r[1] for r in rows})}
    isco = {uri: _isco(c.code) for uri, c in concepts.items()}
    majors = {uri: isco.get(uri, "")[:1] for uri in {r[1] for r in rows}}
    counts = hire_cells(rows, region, subs, majors)
    hidden = protect_cells(counts, hire_relations(counts, region, subs, majors))
    labels = {
        g.code: localized(g, "label")
        for g in Concept.objects.filter(
            kind="isco_group", code__in={*isco.values(), *majors.values()}
        )
    }

    def cells(row: str) -> list[Count]:
        return [Count.of(counts[key, row, h], (key, row, h) in hidden) for h in (*HORIZONS, TOTAL)]

    groups = []
    for major in sorted(set(majors.values()), key=lambda g: (g == "", g)):
        uris = [u for u, g in majors.items() if g == major and counts[key, u, TOTAL]]
        if not uris:
            continue
        occupations = [
            HireRow(
                uri=uri,
                label=localized(concepts[uri], "label") if uri in concepts else uri,
                isco=isco.get(uri, ""),
                isco_label=labels.get(isco.get(uri, ""), ""),
                counts=cells(uri),
            )
            for uri in uris
        ]
        occupations.sort(key=lambda r: (r.isco, r.label))
        groups.append(HireGroup(major, labels.get(major, ""), cells(GROUP + major), occupations))
    return {"hire_groups": groups, "hire_totals": cells(TOTAL)}


def _isco(code: str) -> str:
    """The ISCO-08 unit group of an ESCO occupation code ("8342.3" -> "8342")."""
    return code.split(".", 1)[0][:4] if code[:1].isdigit() else ""


def _needs(key, region, subs, mappings, sub_of, employers, limit) -> list[NeedRow]:
    rows = [
        (SUB_REGION_PREFIX + sub_of[mapping], employers[mapping], uri, horizon)
        for mapping, uri, horizon in CompetenceNeed.objects.filter(
            mapping__in=mappings
        ).values_list("mapping_id", "uri", "horizon")
    ]
    kinds = dict(
        CompetenceNeed.objects.filter(mapping__in=mappings).values_list("uri", "kind").distinct()
    )
    relations = need_relations(region, subs)
    table = []
    for uri, counts in need_cells(rows, region, subs).items():
        if not counts[key, TOTAL]:
            continue
        hidden = protect_cells(counts, relations)
        cells = [Count.of(counts[key, h], (key, h) in hidden) for h in (*HORIZONS, TOTAL)]
        table.append((uri, cells))
    table.sort(key=lambda r: (r[1][-1].suppressed, -(r[1][-1].value or 0), r[0]))
    table = table[:limit] if limit else table
    uris = [uri for uri, _cells in table]
    labels = display_labels(uris, None)
    units = _units(uris, kinds)
    return [
        NeedRow(
            uri=uri,
            label=labels.get(uri, uri),
            kind_label=str(CompetenceKind(kinds[uri]).label) if kinds.get(uri) else "",
            counts=cells,
            units=[UnitLine(u.name, u.code, u.scope) for u in units.get(uri, [])[:MAX_UNITS]],
        )
        for uri, cells in table
    ]


def _units(uris: list[str], kinds: dict[str, str]) -> dict[str, list[QualificationUnit]]:
    """The units a need names itself, else those that give the competence."""
    own = [uri for uri in uris if kinds.get(uri) == CompetenceKind.UNIT]
    ids = {
        int(tail): uri
        for uri in own
        if (tail := uri.removeprefix(UNIT_URN)).isascii() and tail.isdigit()
    }
    found = {
        ids[u.eperusteet_id]: [u] for u in QualificationUnit.objects.filter(eperusteet_id__in=ids)
    }
    providing = units_for([uri for uri in uris if uri not in own])
    return {uri: found.get(uri) or providing.get(uri, []) for uri in uris}
