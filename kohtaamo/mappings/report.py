"""The company's report of a finished competence mapping, as plain data for one template.

Built in the employer's language (fi/sv/en): every label, gettext string and month name is
resolved while that language is active, so the web page and the PDF say the same thing
whatever the coordinator's own interface language is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from kohtaamo.competences.enums import CompetenceKind, Importance
from kohtaamo.competences.training import units_for
from kohtaamo.core.i18n import localized
from kohtaamo.insights.labour import OccupationPicture
from kohtaamo.insights.situation import occupation_picture
from kohtaamo.mappings.enums import Horizon, NeedPurpose
from kohtaamo.mappings.models import CompetenceMapping
from kohtaamo.mappings.services import WILLINGNESS_FIELDS
from kohtaamo.mappings.support import SupportMatch, matching_support
from kohtaamo.qualifications.models import UNIT_URN, QualificationUnit
from kohtaamo.taxonomy.models import Concept, Licence
from kohtaamo.taxonomy.search import display_labels

MAX_UNITS_PER_NEED = 5
SHORTAGE, BALANCE, SURPLUS = 1.2, 0.8, 0.3  # vacancies per job seeker


@dataclass(frozen=True)
class HireLine:
    occupation: str
    title: str
    count: int
    seasonal: bool
    note: str


@dataclass(frozen=True)
class HireGroup:
    horizon: str
    hires: list[HireLine]

    @property
    def total(self) -> int:
        return sum(h.count for h in self.hires)


@dataclass(frozen=True)
class NeedLine:
    uri: str
    kind: str
    kind_label: str
    label: str
    occupation: str


@dataclass(frozen=True)
class NeedGroup:
    horizon: str
    importance: str
    needs: list[NeedLine]


@dataclass(frozen=True)
class UnitLine:
    name: str
    code: str
    scope: Decimal | None


@dataclass(frozen=True)
class TrainingLine:
    need: str
    kind_label: str
    issuer: str = ""
    course_days: Decimal | None = None
    validity_years: int | None = None
    units: list[UnitLine] = field(default_factory=list)

    @property
    def course_days_plural(self) -> int:
        """An integer for choosing "day" or "days" (0.5 days is "days")."""
        return 1 if self.course_days == 1 else 2


@dataclass(frozen=True)
class RegionalLine:
    occupation: str
    isco: str  # the group the statistics are for (4 digits, or fewer when 4 have none)
    group: str  # its label
    picture: OccupationPicture
    latest_month: str  # "10/2023"
    tension: str  # a plain sentence
    peak_months: list[str]


@dataclass
class MappingReport:
    language: str
    employer: str
    business_id: str
    municipality: str
    organisation: str
    visit_date: date
    version: int
    finished_at: datetime
    hires: list[HireGroup]
    needs: list[NeedGroup]
    staff_needs: list[NeedLine]
    staff_note: str
    willingness: list[str]
    willingness_note: str
    support: list[SupportMatch]
    training: list[TrainingLine]
    regional: list[RegionalLine]

    @property
    def total_hires(self) -> int:
        return sum(group.total for group in self.hires)


def build_report(mapping: CompetenceMapping) -> MappingReport:
    """The report of a finished mapping in its employer's language."""
    if mapping.is_draft:
        raise ValueError("Only a finished mapping has a report")
    language = mapping.employer.language
    with translation.override(language):
        return _build(mapping, language)


def _build(mapping: CompetenceMapping, lang: str) -> MappingReport:
    employer = mapping.employer
    hires = list(mapping.planned_hires.select_related("occupation"))
    workforce = list(mapping.workforce.select_related("occupation"))
    needs = list(mapping.needs.select_related("occupation"))
    labels = display_labels([n.uri for n in needs], lang)
    lines = {n.pk: _need_line(n, labels, lang) for n in needs}
    staff = [n for n in needs if n.purpose == NeedPurpose.STAFF]
    area = employer.municipality.employment_area if employer.municipality else ""
    return MappingReport(
        language=lang,
        employer=employer.name,
        business_id=employer.business_id,
        municipality=employer.municipality.name if employer.municipality else "",
        organisation=mapping.organisation.name,
        visit_date=mapping.visit_date,
        version=mapping.version,
        finished_at=mapping.finished_at,
        hires=_hire_groups(hires, lang),
        needs=_need_groups([n for n in needs if n.purpose == NeedPurpose.HIRES], lines),
        staff_needs=[lines[n.pk] for n in staff],
        staff_note=mapping.staff_development_note,
        willingness=[
            str(mapping._meta.get_field(name).verbose_name)
            for name in WILLINGNESS_FIELDS
            if getattr(mapping, name)
        ],
        willingness_note=mapping.willingness_note,
        support=matching_support(
            unknown=mapping.unknown_support,
            willingness={name: getattr(mapping, name) for name in WILLINGNESS_FIELDS},
            hires_by_occupation=_hires_by_occupation(hires, lang),
            staff_needs=len(staff),
            employment_area=area,
        ),
        training=_training(needs, labels),
        regional=_regional([h.occupation for h in hires] + [w.occupation for w in workforce], lang),
    )


def _label(concept: Concept, lang: str) -> str:
    return localized(concept, "label", lang)


def _hire_groups(hires, lang: str) -> list[HireGroup]:
    groups = []
    for horizon in Horizon:
        lines = [
            HireLine(_label(h.occupation, lang), h.title, h.count, h.seasonal, h.note)
            for h in hires
            if h.horizon == horizon
        ]
        if lines:
            groups.append(HireGroup(str(horizon.label), lines))
    return groups


def _hires_by_occupation(hires, lang: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for hire in hires:
        counts[_label(hire.occupation, lang)] += hire.count
    return dict(counts)


def _need_line(need, labels: dict[str, str], lang: str) -> NeedLine:
    return NeedLine(
        uri=need.uri,
        kind=need.kind,
        kind_label=str(CompetenceKind(need.kind).label),
        label=labels.get(need.uri, need.uri),
        occupation=_label(need.occupation, lang) if need.occupation else "",
    )


def _need_groups(needs, lines: dict[int, NeedLine]) -> list[NeedGroup]:
    groups = []
    for horizon in Horizon:
        for importance in sorted(Importance, reverse=True):
            found = [
                lines[n.pk] for n in needs if n.horizon == horizon and n.importance == importance
            ]
            if found:
                groups.append(NeedGroup(str(horizon.label), str(importance.label), found))
    return groups


def _training(needs, labels: dict[str, str]) -> list[TrainingLine]:
    """For each need: the licence's course, the qualification units that give it."""
    uris = list(dict.fromkeys(n.uri for n in needs))
    kinds = {n.uri: n.kind for n in needs}
    codes = [uri.removeprefix(Licence.URI_PREFIX) for uri in uris if kinds[uri] == "licence"]
    licences = {lic.uri: lic for lic in Licence.objects.filter(code__in=codes)}
    providing = units_for([uri for uri in uris if kinds[uri] != CompetenceKind.UNIT])
    own_units = _units_by_uri([uri for uri in uris if kinds[uri] == CompetenceKind.UNIT])
    lines = []
    for uri in uris:
        units = own_units.get(uri, []) or providing.get(uri, [])
        licence = licences.get(uri)
        if not units and licence is None:
            continue
        lines.append(
            TrainingLine(
                need=labels.get(uri, uri),
                kind_label=str(CompetenceKind(kinds[uri]).label),
                issuer=licence.issuer if licence else "",
                course_days=licence.course_days if licence else None,
                validity_years=licence.validity_years if licence else None,
                units=[UnitLine(u.name, u.code, u.scope) for u in units[:MAX_UNITS_PER_NEED]],
            )
        )
    return lines


def _units_by_uri(uris: list[str]) -> dict[str, list[QualificationUnit]]:
    """The qualification units a need names itself."""
    ids = {
        int(tail): uri
        for uri in uris
        if (tail := uri.removeprefix(UNIT_URN)).isascii() and tail.isdigit()
    }
    units = QualificationUnit.objects.filter(eperusteet_id__in=ids)
    return {ids[u.eperusteet_id]: [u] for u in units}


def _regional(occupations: list[Concept], lang: str) -> list[RegionalLine]:
    """Lapland's job seekers and vacancies in the company's occupations (ISCO 4-digit groups)."""
    pictures = []
    for occupation in dict.fromkeys(occupations):
        isco = occupation.code.split(".", 1)[0][:4]
        if isco and (found := occupation_picture(isco)) is not None:
            pictures.append((occupation, found))
    groups = Concept.objects.filter(kind="isco_group", code__in={p.isco for _, p in pictures})
    group_labels = {g.code: _label(g, lang) for g in groups}
    return [
        RegionalLine(
            occupation=_label(occupation, lang),
            isco=found.isco,
            group=group_labels.get(found.isco, ""),
            picture=found,
            latest_month=f"{int(found.latest_month[5:7])}/{found.latest_month[:4]}",
            tension=tension_sentence(found),
            peak_months=[str(MONTHS[m]) for m in found.peak_months],
        )
        for occupation, found in pictures
    ]


def tension_sentence(found: OccupationPicture) -> str:
    """The balance of vacancies and job seekers over the last 12 months, in plain words."""
    tension = found.tension
    if tension is None:
        return _("There were vacancies but hardly any job seekers.")
    if tension >= SHORTAGE:
        return _("More vacancies than job seekers: finding workers may be hard.")
    if tension >= BALANCE:
        return _("About as many vacancies as job seekers.")
    if tension >= SURPLUS:
        return _("More job seekers than vacancies.")
    return _("Many more job seekers than vacancies: workers are easier to find.")
