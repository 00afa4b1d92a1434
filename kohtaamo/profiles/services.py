"""Occupational competence profiles from finished mappings and vacancies.

A profile is an aggregate over employers: it names no employer and no person, so every
logged-in member (regional analysts too) may see it, and viewing it is not audited; exporting
it to PDF is. It says how many employers it rests on instead of hiding small numbers.

What counts as evidence (see `kohtaamo.profiles.build` for the weights):
- the current (newest finished) version of each employer's mapping: its needs whose occupation
  is in scope, and, when one of its planned hires is in scope, its needs for new hires that name
  no occupation. A mapping need has no essential/optional flag: "an advantage" (importance 1)
  counts as optional, "important" and "essential" as essential;
- vacancies in scope that were published (open, filled or closed; not drafts) and their
  competences, essential or optional as the vacancy says.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.competences.enums import Importance
from kohtaamo.competences.services import normalise_title
from kohtaamo.competences.training import units_for
from kohtaamo.core.pdf import render_pdf
from kohtaamo.geo.models import Municipality, Region, SubRegion
from kohtaamo.insights.labour import OccupationPicture
from kohtaamo.insights.situation import occupation_picture
from kohtaamo.mappings.enums import Horizon, NeedPurpose
from kohtaamo.mappings.models import CompetenceMapping, CompetenceNeed, PlannedHire
from kohtaamo.profiles import build
from kohtaamo.profiles.enums import Audience
from kohtaamo.qualifications.models import QualificationComposition
from kohtaamo.taxonomy.enums import ConceptKind, RelationType
from kohtaamo.taxonomy.models import Concept, Licence, OccupationSkill
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.vacancies.enums import VacancyStatus
from kohtaamo.vacancies.models import Vacancy, VacancyCompetence

OCCUPATION_URI = "http://data.europa.eu/esco/occupation/"
ISCO_URI = "http://data.europa.eu/esco/isco/C"
ISCO_KEY = re.compile(r"\d{1,4}")
AREA_CODE = re.compile(r"(KU|SK|MK)(\d{2,3})")
LAPLAND = "19"
WHERE_TO_LEARN = 5  # units in the seeker version
UNITS_FOR_TOP = 10  # the top skills (and every licence) get the units that teach them
UNITS_PER_COMPETENCE = 4
QUALIFICATIONS_PER_UNIT = 3
SEEKER_SKILLS = 10
SEEKER_LICENCES = 6


class UnknownProfile(LookupError):
    """The key is neither an ISCO code nor an ESCO occupation."""


class UnknownArea(ValueError):
    """The area code names no municipality, sub-region or region."""


@dataclass(frozen=True)
class Scope:
    key: str  # for URLs: the ISCO code, or the occupation's UUID
    kind: str  # "isco" or "occupation"
    concept: Concept  # the ISCO group or the occupation
    occupations: list[Concept]

    @property
    def isco(self) -> str:
        """The ISCO code for the labour statistics (at most 4 digits)."""
        return self.concept.code.split(".")[0][:4]


@dataclass(frozen=True)
class Area:
    code: str  # KU698, SK191, MK19
    name: str
    municipalities: frozenset[str]


@dataclass
class UnitRow:
    uri: str
    name: str
    qualifications: list[tuple[str, str]]  # uri, name


@dataclass
class CompetenceRow:
    uri: str
    kind: str
    label: str
    weight: float
    employers: int
    share: float
    mappings: int
    vacancies: int
    esco_relation: str | None
    now: int
    later: int
    rising: bool
    units: list[UnitRow] = field(default_factory=list)


@dataclass
class LicenceRow:
    uri: str
    label: str
    employers: int
    share: float
    vacancies: int
    vacancy_share: float
    course_days: float | None = None
    validity_years: int | None = None
    issuer: str = ""
    description: str = ""
    units: list[UnitRow] = field(default_factory=list)


@dataclass
class OccupationRow:
    uri: str
    key: str
    code: str
    label: str


@dataclass
class OccupationProfile:
    """A built profile with labels in the UI language, ready for a page, a PDF or the API."""

    scope: Scope
    title: str
    occupations: list[OccupationRow]
    area: Area | None
    profile: build.Profile
    competences: list[CompetenceRow]
    licences: list[LicenceRow]
    unasked_essentials: list[tuple[str, str, int]]  # uri, label, occupations
    picture: OccupationPicture | None

    @property
    def compared_with(self) -> list[OccupationRow]:
        """The occupations whose ESCO skills the profile is compared with."""
        compared = set(self.profile.compared_with)
        return [o for o in self.occupations if o.uri in compared]

    @property
    def skills(self) -> list[CompetenceRow]:
        return [c for c in self.competences if c.kind == build.SKILL]

    @property
    def units(self) -> list[CompetenceRow]:
        return [c for c in self.competences if c.kind == build.UNIT]

    @property
    def rising(self) -> list[CompetenceRow]:
        return sorted((c for c in self.competences if c.rising), key=lambda c: -c.later)

    @property
    def peak_months(self) -> list[str]:
        """Names of the months with the most open vacancies in the region."""
        return [str(MONTHS[m]) for m in self.picture.peak_months] if self.picture else []

    @property
    def seeker_skills(self) -> list[CompetenceRow]:
        """The skills most employers ask for: "9 of 14 employers" reads best in that order."""
        return sorted(self.skills, key=lambda c: (-c.employers, -c.weight))[:SEEKER_SKILLS]

    @property
    def seeker_licences(self) -> list[LicenceRow]:
        return self.licences[:SEEKER_LICENCES]

    @property
    def where_to_learn(self) -> list[tuple[UnitRow, list[str]]]:
        """Units teaching the seeker version's licences and skills, each with what it teaches.

        The most useful first: a unit scores the employers asking for each thing it teaches,
        shared among the units that teach that thing. A card that every other unit mentions
        (the occupational safety card) then does not lift a cleaning unit into a profile of
        machine operators, while the unit that teaches operating an excavator comes first.
        """
        found: dict[str, tuple[UnitRow, list[str]]] = {}
        score: dict[str, float] = {}
        for row in [*self.seeker_licences, *self.seeker_skills]:
            for unit in row.units:
                found.setdefault(unit.name, (unit, []))[1].append(row.label)
                score[unit.name] = score.get(unit.name, 0.0) + row.employers / len(row.units)
        best = max(found, key=lambda name: (score[name], name), default=None)
        near = {uri for uri, _ in found[best][0].qualifications} if best else set()

        def order(name: str) -> tuple:
            # Equal scores: units of the best unit's qualifications first (the same field).
            same_field = any(uri in near for uri, _ in found[name][0].qualifications)
            return (-score[name], not same_field, name)

        return [found[name] for name in sorted(found, key=order)[:WHERE_TO_LEARN]]


# --- Keys and areas -------------------------------------------------------------------------


def occupation_key(uri: str) -> str:
    """The URL key of an ESCO occupation: its UUID."""
    return uri.rsplit("/", 1)[-1]


def resolve_key(key: str) -> Scope:
    """An ISCO code (1-4 digits), an ESCO occupation URI or UUID, or an ISCO group URI.

    An ISCO code covers every ESCO occupation whose code starts with it; an occupation covers
    itself and its narrower occupations (8342.3 also 8342.3.1).
    """
    key = key.strip()
    if key.startswith(ISCO_URI):
        key = key[len(ISCO_URI) :]
    if ISCO_KEY.fullmatch(key):
        return _isco_scope(key)
    if key.startswith(OCCUPATION_URI):
        key = key[len(OCCUPATION_URI) :]
    try:
        uri = OCCUPATION_URI + str(uuid.UUID(key))
    except ValueError:
        raise UnknownProfile(key) from None
    concept = Concept.objects.filter(uri=uri, kind=ConceptKind.OCCUPATION).first()
    if concept is None:
        raise UnknownProfile(key)
    narrower = Q(code=concept.code) | Q(code__startswith=concept.code + ".")
    occupations = _occupations(narrower) if concept.code else [concept]
    return Scope(occupation_key(uri), "occupation", concept, occupations or [concept])


def _isco_scope(code: str) -> Scope:
    group = Concept.objects.filter(kind=ConceptKind.ISCO_GROUP, code=code).first()
    if group is None:
        raise UnknownProfile(code)
    return Scope(code, "isco", group, _occupations(Q(code__startswith=code)))


def _occupations(condition: Q) -> list[Concept]:
    return list(Concept.objects.filter(condition, kind=ConceptKind.OCCUPATION).order_by("code"))


def resolve_area(code: str) -> Area:
    """KU698 a municipality, SK191 a sub-region, MK19 a region (by Statistics Finland codes)."""
    match = AREA_CODE.fullmatch(code.strip().upper())
    if match is None:
        raise UnknownArea(code)
    prefix, number = match.groups()
    model, lookup = {
        "KU": (Municipality, "code"),
        "SK": (SubRegion, "sub_region__code"),
        "MK": (Region, "region__code"),
    }[prefix]
    place = model.objects.filter(code=number).first()
    if place is None:
        raise UnknownArea(code)
    codes = Municipality.objects.filter(**{lookup: number}).values_list("code", flat=True)
    return Area(prefix + number, place.name, frozenset(codes))


def area_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Lapland, its sub-regions and its municipalities, grouped for a <select>."""
    region = Region.objects.get(code=LAPLAND)
    sub_regions = SubRegion.objects.filter(region=region)
    municipalities = Municipality.objects.filter(region=region)
    return [
        (_("Region"), [(f"MK{region.code}", region.name)]),
        (_("Sub-regions"), [(f"SK{s.code}", s.name) for s in sub_regions]),
        (
            _("Municipalities"),
            sorted(((f"KU{m.code}", m.name) for m in municipalities), key=itemgetter(1)),
        ),
    ]


# --- Evidence -------------------------------------------------------------------------------


def gather(occupation_ids: list[int]) -> tuple[list[build.Ask], list[build.Source]]:
    """The asks and sources of the current mappings and published vacancies in scope."""
    mapping_asks, mapping_sources = _mapping_evidence(occupation_ids)
    vacancy_asks, vacancy_sources = _vacancy_evidence(occupation_ids)
    return mapping_asks + vacancy_asks, mapping_sources + vacancy_sources


def _mapping_evidence(occupation_ids: list[int]):
    current = CompetenceMapping.objects.current()
    hires = PlannedHire.objects.filter(mapping__in=current, occupation_id__in=occupation_ids)
    hires = list(hires.values("mapping_id", "count", "horizon", "occupation__uri"))
    hiring = {h["mapping_id"] for h in hires}
    needs = CompetenceNeed.objects.filter(mapping__in=current).filter(
        Q(occupation_id__in=occupation_ids)
        | Q(mapping_id__in=hiring, occupation__isnull=True, purpose=NeedPurpose.HIRES)
    )
    needs = list(
        needs.values("mapping_id", "uri", "kind", "importance", "horizon", "occupation__uri")
    )
    located = {
        mapping_id: (str(employer_id), municipality or "")
        for mapping_id, employer_id, municipality in CompetenceMapping.objects.filter(
            id__in=hiring | {n["mapping_id"] for n in needs}
        ).values_list("id", "employer_id", "employer__municipality__code")
    }
    asks = [_mapping_ask(need, *located[need["mapping_id"]]) for need in needs]
    return asks, _mapping_sources(located, hires, needs)


def _mapping_ask(need: dict, employer_id: str, municipality: str) -> build.Ask:
    return build.Ask(
        source=build.MAPPING,
        source_id=str(need["mapping_id"]),
        employer_id=employer_id,
        uri=need["uri"],
        kind=need["kind"],
        importance=need["importance"],
        essential=need["importance"] >= Importance.IMPORTANT,
        horizon=need["horizon"],
        municipality=municipality,
    )


def _mapping_sources(located: dict, hires: list[dict], needs: list[dict]) -> list[build.Source]:
    openings: dict[tuple[int, bool], int] = defaultdict(int)
    about: dict[int, set[str]] = defaultdict(set)
    for hire in hires:
        openings[hire["mapping_id"], hire["horizon"] == Horizon.ONE_TO_THREE_YEARS] += hire["count"]
        about[hire["mapping_id"]].add(hire["occupation__uri"])
    for need in needs:
        if need["occupation__uri"]:
            about[need["mapping_id"]].add(need["occupation__uri"])
    return [
        build.Source(
            kind=build.MAPPING,
            id=str(mapping_id),
            employer_id=employer_id,
            municipality=municipality,
            openings_now=openings[mapping_id, False],
            openings_later=openings[mapping_id, True],
            occupations=frozenset(about[mapping_id]),
        )
        for mapping_id, (employer_id, municipality) in sorted(located.items())
    ]


def _vacancy_evidence(occupation_ids: list[int]):
    vacancies = (
        Vacancy.objects.exclude(status=VacancyStatus.DRAFT)
        .filter(occupation_id__in=occupation_ids)
        .annotate(place=Coalesce(F("municipality__code"), F("employer__municipality__code")))
        .values("id", "employer_id", "status", "openings", "place", "occupation__uri")
    )
    sources = {v["id"]: _vacancy_source(v) for v in vacancies}
    rows = VacancyCompetence.objects.filter(vacancy_id__in=list(sources)).values(
        "vacancy_id", "uri", "kind", "importance", "essential"
    )
    asks = [
        build.Ask(
            source=build.VACANCY,
            source_id=str(row["vacancy_id"]),
            employer_id=sources[row["vacancy_id"]].employer_id,
            uri=row["uri"],
            kind=row["kind"],
            importance=row["importance"],
            essential=row["essential"],
            horizon=build.NOW,
            municipality=sources[row["vacancy_id"]].municipality,
        )
        for row in rows
    ]
    return asks, list(sources.values())


def _vacancy_source(vacancy: dict) -> build.Source:
    is_open = vacancy["status"] == VacancyStatus.OPEN
    return build.Source(
        kind=build.VACANCY,
        id=str(vacancy["id"]),
        employer_id=str(vacancy["employer_id"]),
        municipality=vacancy["place"] or "",
        is_open=is_open,
        openings_now=vacancy["openings"] if is_open else 0,
        occupations=frozenset({vacancy["occupation__uri"]}),
    )


def esco_skills(occupation_ids: list[int]) -> dict[str, build.EscoSkills]:
    essential: dict[str, set[str]] = defaultdict(set)
    optional: dict[str, set[str]] = defaultdict(set)
    links = OccupationSkill.objects.filter(occupation_id__in=occupation_ids).values_list(
        "occupation__uri", "skill__uri", "relation"
    )
    for occupation, skill, relation in links:
        (essential if relation == RelationType.ESSENTIAL else optional)[occupation].add(skill)
    return {
        uri: build.EscoSkills(frozenset(essential[uri]), frozenset(optional[uri]))
        for uri in set(essential) | set(optional)
    }


# --- The profile ----------------------------------------------------------------------------


def occupation_profile(*, key: str, area: str | None = None) -> OccupationProfile:
    """The profile for an ISCO code or an ESCO occupation, optionally in one area, labelled in
    the active language.

    Raises UnknownProfile for a key that names no occupation, UnknownArea for a bad area code.
    """
    scope = resolve_key(key)
    chosen = resolve_area(area) if area else None
    occupation_ids = [o.pk for o in scope.occupations]
    asks, sources = gather(occupation_ids)
    profile = build.build_profile(
        occupations=[o.uri for o in scope.occupations],
        asks=asks,
        sources=sources,
        esco=esco_skills(occupation_ids),
        area=chosen.municipalities if chosen else None,
    )
    return _present(scope, chosen, profile)


def _present(scope: Scope, area: Area | None, profile: build.Profile) -> OccupationProfile:
    uris = [c.uri for c in profile.competences] + [u.uri for u in profile.unasked_essentials]
    uris += [scope.concept.uri] + [o.uri for o in scope.occupations]
    labels = display_labels(uris, None)
    rows = [_competence_row(c, labels) for c in profile.competences]
    licences = _licence_rows(profile.licences, labels)
    _attach_units([r for r in rows if r.kind == build.SKILL][:UNITS_FOR_TOP] + licences)
    return OccupationProfile(
        scope=scope,
        title=labels.get(scope.concept.uri, scope.concept.label),
        occupations=[
            OccupationRow(o.uri, occupation_key(o.uri), o.code, labels.get(o.uri, o.label))
            for o in scope.occupations
        ],
        area=area,
        profile=profile,
        competences=rows,
        licences=licences,
        unasked_essentials=[
            (u.uri, labels.get(u.uri, u.uri), u.occupations) for u in profile.unasked_essentials
        ],
        picture=occupation_picture(scope.isco) if scope.isco else None,
    )


def _competence_row(c: build.ProfileCompetence, labels: dict[str, str]) -> CompetenceRow:
    return CompetenceRow(label=labels.get(c.uri, c.uri), rising=c.rising, **vars(c))


def _licence_rows(shares: list[build.LicenceShare], labels: dict[str, str]) -> list[LicenceRow]:
    codes = [s.uri.removeprefix(Licence.URI_PREFIX) for s in shares]
    details = {lic.uri: lic for lic in Licence.objects.filter(code__in=codes)}
    rows = []
    for share in shares:
        licence = details.get(share.uri)
        rows.append(
            LicenceRow(
                uri=share.uri,
                label=licence.name if licence else labels.get(share.uri, share.uri),
                employers=share.employers,
                share=share.share,
                vacancies=share.vacancies,
                vacancy_share=share.vacancy_share,
                course_days=float(licence.course_days) if licence else None,
                validity_years=licence.validity_years if licence else None,
                issuer=licence.issuer if licence else "",
                description=licence.description if licence else "",
            )
        )
    return rows


def _attach_units(rows: list) -> None:
    """Each row gets the qualification units that teach it, one per name."""
    found = units_for([r.uri for r in rows])
    unit_ids = {u.pk for units in found.values() for u in units}
    qualifications: dict[int, list[tuple[str, str]]] = defaultdict(list)
    compositions = QualificationComposition.objects.filter(unit_id__in=unit_ids).select_related(
        "qualification"
    )
    for composition in compositions.order_by("qualification__name_fi"):
        listed = qualifications[composition.unit_id]
        name = composition.qualification.name
        if name and name not in {n for _uri, n in listed}:
            listed.append((composition.qualification.uri, name))
    for row in rows:
        by_name: dict[str, UnitRow] = {}
        for unit in found.get(row.uri, []):
            name = unit.name
            if name and name not in by_name and len(by_name) < UNITS_PER_COMPETENCE:
                by_name[name] = UnitRow(
                    unit.uri, name, qualifications[unit.pk][:QUALIFICATIONS_PER_UNIT]
                )
        row.units = list(by_name.values())


def export_profile_pdf(
    *, actor, organisation, profile: OccupationProfile, audience: str, request=None
) -> bytes:
    """The profile as PDF; the export is audited like every export."""
    content = render_pdf(
        "profiles/pdf.html",
        {"view": profile, "audience": audience, "Audience": Audience},
        request=request,
    )
    audit.record(
        actor=actor,
        organisation=organisation,
        action=AuditAction.EXPORT,
        object_type="profiles.profile",
        detail={
            "key": profile.scope.key,
            "audience": audience,
            "area": profile.area.code if profile.area else "",
            "format": "pdf",
        },
    )
    return content


# --- The index ------------------------------------------------------------------------------


@dataclass
class IndexEntry:
    key: str
    code: str
    label: str
    employers: int
    occupations: list[tuple[OccupationRow, int]] = field(default_factory=list)


def profile_index() -> list[IndexEntry]:
    """ISCO groups with evidence, the most employers first, each with its occupations."""
    employers_of = _employers_by_occupation()
    occupations = Concept.objects.filter(pk__in=list(employers_of)).only("uri", "code")
    groups: dict[str, set[str]] = defaultdict(set)
    members: dict[str, list[Concept]] = defaultdict(list)
    for occupation in occupations:
        code = occupation.code.split(".")[0]
        groups[code] |= employers_of[occupation.pk]
        members[code].append(occupation)
    concepts = {
        c.code: c
        for c in Concept.objects.filter(kind=ConceptKind.ISCO_GROUP, code__in=list(groups))
    }
    uris = [c.uri for c in concepts.values()] + [o.uri for o in occupations]
    labels = display_labels(uris, None)
    entries = []
    for code, employers in groups.items():
        group = concepts.get(code)
        listed = sorted(members[code], key=lambda o: (-len(employers_of[o.pk]), o.code))
        entries.append(
            IndexEntry(
                key=code,
                code=code,
                label=labels.get(group.uri, group.label) if group else code,
                employers=len(employers),
                occupations=[
                    (
                        OccupationRow(o.uri, occupation_key(o.uri), o.code, labels.get(o.uri, "")),
                        len(employers_of[o.pk]),
                    )
                    for o in listed
                ],
            )
        )
    return sorted(entries, key=lambda e: (-e.employers, e.code))


def _employers_by_occupation() -> dict[int, set[str]]:
    current = CompetenceMapping.objects.current()
    pairs = [
        *CompetenceNeed.objects.filter(mapping__in=current, occupation__isnull=False).values_list(
            "occupation_id", "mapping__employer_id"
        ),
        *PlannedHire.objects.filter(mapping__in=current).values_list(
            "occupation_id", "mapping__employer_id"
        ),
        *Vacancy.objects.exclude(status=VacancyStatus.DRAFT)
        .filter(occupation__isnull=False)
        .values_list("occupation_id", "employer_id"),
    ]
    found: dict[int, set[str]] = defaultdict(set)
    for occupation_id, employer_id in pairs:
        found[occupation_id].add(str(employer_id))
    return found


@dataclass
class OccupationSuggestion:
    occupation: OccupationRow
    group_code: str
    group_label: str
    employers: int  # behind the occupation's own profile
    group_employers: int


def find_occupations(*, title: str, limit: int = 5) -> tuple[str, list[OccupationSuggestion]]:
    """A job title in Finnish, Swedish or English to occupations with profiles to open."""
    lang, matches = normalise_title(title=title, limit=limit)
    concepts = {c.uri: c for c in Concept.objects.filter(uri__in=[m.uri for m in matches])}
    codes = {c.code.split(".")[0] for c in concepts.values() if c.code}
    groups = {
        g.code: g for g in Concept.objects.filter(kind=ConceptKind.ISCO_GROUP, code__in=codes)
    }
    group_labels = display_labels([g.uri for g in groups.values()], None)
    index = {e.code: e for e in profile_index()}
    suggestions = []
    for match in matches:
        concept = concepts.get(match.uri)
        if concept is None:
            continue
        code = concept.code.split(".")[0]
        entry = index.get(code)
        in_group = {row.uri: n for row, n in entry.occupations} if entry else {}
        group = groups.get(code)
        suggestions.append(
            OccupationSuggestion(
                occupation=OccupationRow(
                    match.uri, occupation_key(match.uri), concept.code, match.label
                ),
                group_code=code if group else "",
                group_label=group_labels.get(group.uri, group.label) if group else "",
                employers=in_group.get(match.uri, 0),
                group_employers=entry.employers if entry else 0,
            )
        )
    return lang, suggestions
