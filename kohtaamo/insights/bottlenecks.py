"""Skill bottlenecks: the competences most often missing in near matches, per area and
occupation group, from Kohtaamo's own job seekers and open vacancies.

A near match is a job seeker and an open vacancy within the person's reach that is not
suitable now but would be with the one or two essential or mandatory requirements the person
lacks (kohtaamo.matching.gaps, which defines the words). For each area (a region and its
sub-regions, by the person's home municipality), occupation group (ISCO-08 major group of the
vacancy's occupation, or "" for all) and competence: the people for whom it is such a gap and
the vacancies where it is. Computed after each full matching run (`store_bottlenecks`, called
by kohtaamo.matches.services.recompute_all) into AreaBottleneck, so that a page reads rows.

Privacy: the counts are about people. A person counts in one sub-region and its region, so for
each competence the region's cells equal the sum of its sub-regions' (for people exactly, for
vacancies at most), and the "all" group is the union of the groups. The cells of one
competence are protected together over both (kohtaamo.insights.cell_protection): no count of
1-4 is stored and none can be worked out from the region, its sub-regions and the groups.
Vacancies of a hidden row, and of vacancies without an occupation, are hidden too. Each
occupation filter is a fixed list of rows: its numbers are protected on their own rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kohtaamo.core.i18n import localized
from kohtaamo.geo.areas import Area, areas_of_municipalities, sub_regions_of_regions
from kohtaamo.matching.gaps import NearMatch, near_matches
from kohtaamo.taxonomy.models import Concept
from kohtaamo.taxonomy.search import display_labels

from .cell_protection import Relation, protect_cells
from .models import AreaBottleneck

ALL = ""
UNKNOWN = "?"  # vacancies without an occupation: counted in "all", never a row of their own
GROUPS = tuple("1234567890")  # ISCO-08 major groups, the fixed occupation filter


def isco_major(code: str) -> str:
    """The ISCO-08 major group of an ESCO occupation code ("8331.1" -> "8")."""
    return code[:1] if code[:1].isdigit() else UNKNOWN


# Counting (pure) -------------------------------------------------------------------------------


Cell = tuple[str, str]  # (area, occupation group)


@dataclass
class Tally:
    """(area, group, uri) -> the people and the vacancies (indexes) it is a gap for."""

    people: dict[tuple[str, str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    vacancies: dict[tuple[str, str, str], set[int]] = field(
        default_factory=lambda: defaultdict(set)
    )


def tally_near(
    near: Sequence[NearMatch],
    person_areas: Sequence[tuple[str, ...] | None],
    vacancy_groups: Sequence[str],
) -> Tally:
    """Each near match counts its person and vacancy for each of its gaps, in the person's
    areas, in the vacancy's occupation group and in "all"."""
    tally = Tally()
    for match in near:
        areas = person_areas[match.person]
        if not areas:
            continue
        for area in areas:
            for group in (ALL, vacancy_groups[match.vacancy]):
                for uri in match.gaps:
                    tally.people[area, group, uri].add(match.person)
                    tally.vacancies[area, group, uri].add(match.vacancy)
    return tally


@dataclass(frozen=True)
class BottleneckRow:
    area: str
    occupation: str
    uri: str
    people: int | None  # None: hidden
    vacancies: int | None
    suppressed: bool


def protected_rows(tally: Tally, sub_regions: dict[str, list[str]]) -> list[BottleneckRow]:
    """The rows to store: for each region and competence, its cells and its sub-regions'
    protected together (see the module)."""
    rows = []
    keys = {(area, uri) for area, _group, uri in tally.people}
    for region in sorted(sub_regions):
        areas = [region, *sorted(sub_regions[region])]
        for uri in sorted({uri for area, uri in keys if area == region}):
            rows += _family_rows(tally, areas, uri)
    return rows


def _family_rows(tally: Tally, areas: list[str], uri: str) -> list[BottleneckRow]:
    groups = (ALL, *GROUPS, UNKNOWN)
    cells = [(a, g) for a in areas for g in groups]
    people = {(a, g): len(tally.people.get((a, g, uri), ())) for a, g in cells}
    vacancies = {(a, g): len(tally.vacancies.get((a, g, uri), ())) for a, g in cells}
    relations = [Relation((areas[0], g), tuple((s, g) for s in areas[1:])) for g in groups] + [
        Relation((a, ALL), tuple((a, g) for g in groups[1:])) for a in areas
    ]
    unknown = [(a, UNKNOWN) for a in areas]
    hidden_people = protect_cells(people, relations, unpublished=unknown)
    hidden_vacancies = protect_cells(vacancies, relations, unpublished=[*unknown, *hidden_people])
    return [
        BottleneckRow(
            area=a,
            occupation=g,
            uri=uri,
            people=None if (a, g) in hidden_people else people[a, g],
            vacancies=None if (a, g) in hidden_vacancies else vacancies[a, g],
            suppressed=(a, g) in hidden_people,
        )
        for a, g in cells
        if people[a, g] and g != UNKNOWN
    ]


# Computing and storing -------------------------------------------------------------------------


def store_bottlenecks(today: date | None = None, *, loaded=None) -> int:
    """Every active job seeker's near matches, counted per area, occupation group and gap,
    protected and stored (replacing the previous rows); returns the number of rows written.

    `loaded`: (people, vacancies, index) that recompute_all has just built for the same day."""
    from kohtaamo.matches.services import LIMITS, load_population

    today = today or timezone.localdate()
    people, vacancies, index = loaded or load_population(today)
    near = []
    if people and vacancies:
        near = near_matches(
            index, [p.person for p in people], [v.vacancy for v in vacancies], LIMITS.near_potential
        )
    areas = areas_of_municipalities()
    tally = tally_near(
        near, [areas.get(p.municipality_id) for p in people], _vacancy_groups(vacancies)
    )
    now = timezone.now()
    rows = [
        AreaBottleneck(computed_at=now, **row.__dict__)
        for row in protected_rows(tally, sub_regions_of_regions())
    ]
    with transaction.atomic():
        AreaBottleneck.objects.all().delete()
        AreaBottleneck.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _vacancy_groups(vacancies) -> list[str]:
    uris = {v.vacancy.occupation_uri for v in vacancies if v.vacancy.occupation_uri}
    codes = dict(Concept.objects.filter(uri__in=uris).values_list("uri", "code"))
    return [isco_major(codes.get(v.vacancy.occupation_uri, "")) for v in vacancies]


# Reading an area -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bottleneck:
    uri: str
    label: str
    people: int | None  # None: fewer than 5, or hidden so that such a count cannot be derived
    vacancies: int | None
    suppressed: bool


@dataclass(frozen=True)
class AreaBottlenecks:
    area: Area
    occupation: str
    computed_at: datetime | None
    rows: list[Bottleneck]


def occupation_groups(lang: str | None = None) -> list[tuple[str, str]]:
    """The fixed occupation filter: (ISCO major group, its label), by code."""
    concepts = {c.code: c for c in Concept.objects.filter(kind="isco_group", code__in=GROUPS)}
    return [(code, localized(concepts[code], "label", lang)) for code in GROUPS if code in concepts]


def area_bottlenecks(area: Area, occupation: str = ALL, *, limit: int = 20) -> AreaBottlenecks:
    """The competences most often missing in the area's near matches (shown counts first, by
    people, then the hidden ones), for one occupation group or all."""
    found = AreaBottleneck.objects.filter(area=area.key, occupation=occupation)
    rows = list(found.order_by("suppressed", "-people", "-vacancies", "uri")[:limit])
    labels = display_labels([r.uri for r in rows], None)
    computed = AreaBottleneck.objects.filter(area=area.key).aggregate(at=Max("computed_at"))
    return AreaBottlenecks(
        area=area,
        occupation=occupation,
        computed_at=computed["at"],
        rows=[
            Bottleneck(r.uri, labels.get(r.uri, r.uri), r.people, r.vacancies, r.suppressed)
            for r in rows
        ],
    )
