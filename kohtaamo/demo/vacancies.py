"""The demo vacancies: about 300, whose occupations follow Lapland's real vacancy mix.

Pure functions over plain data. The mix (average open vacancies by 4-digit ISCO group in a year)
is split over the vacancies by the largest remainder; each vacancy gets an ESCO occupation of
its group, an employer of a sector that hires the group, competences from ESCO's essential and
optional skills of the occupation, and the licences and languages the field asks for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from kohtaamo.demo.employers import SECTORS, EmployerPlan
from kohtaamo.demo.occupations import (
    MINIMUM_VACANCIES,
    PINNED,
    OccupationFacts,
    languages_for,
    largest_remainder,
    licences_for,
    occupation_choices,
    pick,
    pick_skills,
    sectors_for_group,
)
from kohtaamo.lang.vocabulary import LICENCE_URI_PREFIX

VACANCY_TOTAL = 300
SIZE_WEIGHT = {"micro": 1, "small": 2, "medium": 4, "large": 6}
# Demo seasons: the winter season 2026-2027 and the building season of 2027 are open; the
# previous ones are filled or closed.
WINTER_START = date(2026, 11, 30)
SUMMER_START = date(2027, 5, 3)
YEAR_ROUND_START = date(2027, 1, 4)
PREVIOUS_YEAR = timedelta(days=364)


@dataclass(frozen=True)
class CompetencePlan:
    uri: str
    kind: str
    essential: bool
    importance: int
    mandatory: bool = False


@dataclass(frozen=True)
class VacancyPlan:
    external_id: str
    employer_key: int
    occupation_uri: str
    title: str
    description: str
    status: str
    permanence: str
    working_time: str
    hours_per_week: float
    openings: int
    start_date: date | None
    end_date: date | None
    apply_by: date | None
    created_on: date
    languages: list[dict] = field(default_factory=list)
    competences: tuple[CompetencePlan, ...] = ()


def allocate(mix: dict[str, float], groups_with_occupations: set[str], total: int) -> dict:
    """Vacancies per ISCO group: the mix of the groups ESCO has occupations for, split by the
    largest remainder, then raised to the demo's minimums."""
    weights = {g: v for g, v in mix.items() if g in groups_with_occupations}
    counts = largest_remainder(weights, total)
    for group, minimum in MINIMUM_VACANCIES.items():
        if group in groups_with_occupations:
            counts[group] = max(counts.get(group, 0), minimum)
    return {g: n for g, n in counts.items() if n}


def employers_for_group(group: str, employers: list[EmployerPlan]) -> list[tuple]:
    """Employers weighted by how typical the group is in their sector and by their size."""
    sectors = dict(sectors_for_group(group))
    found = [(e, sectors[e.sector] * SIZE_WEIGHT[e.size]) for e in employers if e.sector in sectors]
    return found or [(e, SIZE_WEIGHT[e.size]) for e in employers if e.sector == "staffing"]


def plan_vacancies(
    rng: random.Random,
    *,
    mix: dict[str, float],
    occupations: dict[str, list[OccupationFacts]],
    employers: list[EmployerPlan],
    licence_names: dict[str, str],
    total: int = VACANCY_TOTAL,
) -> list[VacancyPlan]:
    """The demo vacancies; `occupations` maps an ISCO group to its ESCO occupations."""
    counts = allocate(mix, set(occupations), total)
    plans: list[VacancyPlan] = []
    for group in sorted(counts, key=lambda g: (-counts[g], g)):
        by_code = {o.code: o for o in occupations[group]}
        pinned = [by_code[c] for c in PINNED.get(group, ()) if c in by_code]
        candidates = employers_for_group(group, employers)
        for index in range(counts[group]):
            employer = pick(rng, candidates)
            choices = occupation_choices(group, occupations[group], employer.sector)
            occupation = pinned[index] if index < len(pinned) else pick(rng, choices)
            external_id = f"demo-{len(plans) + 1:04d}"
            plans.append(_vacancy(rng, external_id, group, occupation, employer, licence_names))
    return plans


def _vacancy(rng, external_id, group, occupation, employer, licence_names) -> VacancyPlan:
    sector = SECTORS[employer.sector]
    status = rng.choices(["open", "filled", "closed"], weights=[78, 14, 8])[0]
    period = _period(rng, employer.season, employer.sector, status)
    licences = licences_for(group, employer.sector, employer.industry, rng)
    competences = _competences(rng, occupation, licences)
    part_time = employer.sector in PART_TIME_SECTORS and rng.random() < 0.2
    openings = rng.choices([1, 2, 3, 4, 5], weights=OPENINGS[bool(employer.season)])[0]
    title = _title(rng, occupation, employer)
    languages = languages_for(
        group,
        employer.sector,
        employer_language=employer.language,
        municipality=employer.municipality,
        resort=bool(employer.place),
        rng=rng,
    )
    return VacancyPlan(
        external_id=external_id,
        employer_key=employer.key,
        occupation_uri=occupation.uri,
        title=title,
        description=describe(
            employer, occupation, period, openings, competences, licence_names, languages
        ),
        status=status,
        permanence=period.permanence,
        working_time="part" if part_time else "full",
        hours_per_week=rng.choice([20, 24, 25, 30]) if part_time else sector.hours,
        openings=openings,
        start_date=period.start,
        end_date=period.end,
        apply_by=period.apply_by,
        created_on=period.created_on,
        languages=languages,
        competences=competences,
    )


PART_TIME_SECTORS = ("retail", "restaurant", "property", "care", "childcare", "beauty")
OPENINGS = {True: [4, 4, 3, 2, 1], False: [6, 3, 1, 0, 0]}


@dataclass(frozen=True)
class Period:
    permanence: str
    start: date | None
    end: date | None
    apply_by: date | None
    created_on: date


def _days(rng: random.Random, start: date, span: int) -> date:
    return start + timedelta(days=rng.randint(0, span))


def _period(rng: random.Random, season: str, sector: str, status: str) -> Period:
    """Seasonal work in tourism (December-April), building (May-October) and berries
    (July-September); summer substitutes in care and industry; permanent jobs otherwise."""
    if season == "winter":
        start = _days(rng, WINTER_START, 14)
        end, permanence = _days(rng, date(2027, 4, 12), 18), "seasonal"
        apply_by = start - timedelta(days=rng.randint(3, 10))
    elif season == "summer" and sector == "nature":
        start = _days(rng, date(2027, 7, 1), 14)
        end, permanence = _days(rng, date(2027, 9, 15), 15), "seasonal"
        apply_by = _days(rng, date(2027, 5, 3), 27)
    elif season == "summer":
        start = _days(rng, SUMMER_START, 21)
        end, permanence = _days(rng, date(2027, 10, 15), 16), "seasonal"
        apply_by = _days(rng, date(2027, 2, 15), 44)
    elif rng.random() < 0.25:
        start = _days(rng, date(2027, 5, 31), 14)
        end, permanence = _days(rng, date(2027, 8, 15), 16), "fixed_term"
        apply_by = _days(rng, date(2027, 2, 1), 45)
    else:
        start = _days(rng, YEAR_ROUND_START, 42) if rng.random() < 0.7 else None
        end, permanence = None, "permanent"
        apply_by = _days(rng, date(2026, 12, 7), 40)
    created_on = _days(rng, date(2026, 9, 28), 54)
    if status != "open":  # the same job in the previous season
        start, end, apply_by = (d - PREVIOUS_YEAR if d else None for d in (start, end, apply_by))
        created_on -= PREVIOUS_YEAR
    return Period(permanence, start, end, apply_by, created_on)


def _competences(rng, occupation: OccupationFacts, licences) -> tuple[CompetencePlan, ...]:
    essential = pick_skills(rng, occupation.essential, 4, 8, core=2)
    optional = pick_skills(rng, occupation.optional, 2, 4)
    result = [
        CompetencePlan(s.uri, "skill", True, 3 if i < 2 else rng.choice([2, 2, 3]))
        for i, s in enumerate(essential)
    ]
    result += [CompetencePlan(s.uri, "skill", False, rng.choice([1, 1, 2])) for s in optional]
    result += [
        CompetencePlan(
            LICENCE_URI_PREFIX + r.code, "licence", r.essential, r.importance, r.mandatory
        )
        for r in licences
    ]
    return tuple(result)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title(rng: random.Random, occupation: OccupationFacts, employer: EmployerPlan) -> str:
    title = capitalise(occupation.label_fi)
    if "," not in title and rng.random() < 0.35:
        title += f", {employer.place_name}"
    return title


INTRO = {
    "tourism_stay": "{name} on {place} toimiva majoitusyritys, jonka asiakkaista suuri osa "
    "tulee ulkomailta.",
    "tourism_activity": "{name} järjestää ohjelmapalveluja {place}: moottorikelkka-, husky- "
    "ja revontuliretkiä sekä rinne- ja latupalveluja.",
    "restaurant": "{name} on {place} toimiva ravintola- ja kahvilayritys.",
    "mining": "{name} tekee tuotanto- ja kunnossapitourakoita alueen kaivoksille.",
    "metal": "{name} on {place} toimiva konepaja- ja kunnossapitoyritys, jonka asiakkaita "
    "ovat terästehdas ja prosessiteollisuus.",
    "bioproducts": "{name} tuottaa kunnossapito- ja tuotantopalveluja Kemin biotuote- ja "
    "kartonkitehtaille.",
    "sawmill": "{name} on {place} toimiva puunjalostaja.",
    "forestry": "{name} tekee puunkorjuuta ja metsänhoitotöitä {place} ja lähikunnissa.",
    "nature": "{name} ostaa, käsittelee ja jalostaa lappilaisia luonnonmarjoja.",
    "logistics": "{name} hoitaa kuljetuksia ja varastointia Lapissa ja Pohjois-Ruotsissa.",
    "transport": "{name} hoitaa henkilökuljetuksia, kuten lentokenttä- ja tilausajoja.",
    "construction": "{name} on {place} toimiva rakennusliike.",
    "earthworks": "{name} tekee maarakennus-, kunnallistekniikka- ja tietöitä {place} ja "
    "ympäristössä.",
    "hvac_electric": "{name} tekee sähkö- ja LVI-urakoita asuin- ja matkailurakentamiseen.",
    "property": "{name} tuottaa siivous- ja kiinteistöpalveluja yrityksille, taloyhtiöille "
    "ja matkailukohteille.",
    "retail": "{name} on {place} toimiva kauppa.",
    "wholesale": "{name} on tukkukauppa, joka palvelee yritysasiakkaita Lapissa ja "
    "Pohjois-Ruotsissa.",
    "care": "{name} tuottaa ikäihmisten asumis- ja kotihoitopalveluja {place}.",
    "childcare": "{name} on yksityinen päiväkoti {place}.",
    "auto": "{name} on {place} toimiva korjaamo.",
    "security": "{name} tuottaa vartiointi- ja turvallisuuspalveluja.",
    "beauty": "{name} on {place} toimiva kampaamo ja hoitola.",
    "office": "{name} tuottaa asiakaspalvelu- ja taloushallinnon palveluja.",
    "engineering": "{name} on suunnittelu- ja insinööritoimisto.",
    "staffing": "{name} on henkilöstöpalveluyritys, joka välittää työntekijöitä Lapin yrityksiin.",
}
OFFERS = {
    "tourism_stay": "Tarjoamme asunnon sesongin ajaksi ja hissiliput.",
    "tourism_activity": "Tarjoamme perehdytyksen, varusteet ja asunnon sesongin ajaksi.",
    "earthworks": "Tarjoamme hyvin varustellun kaluston ja mahdollisuuden oppisopimukseen.",
    "construction": "Oppisopimus on mahdollinen.",
    "care": "Tarjoamme perehdytyksen ja joustavat työvuorot.",
    "forestry": "Tarjoamme nykyaikaisen konekaluston ja pitkät työsuhteet.",
}
LANGUAGE_NAMES = {"fi": "suomi", "en": "englanti", "sv": "ruotsi", "de": "saksa"}


def _date(value: date) -> str:
    return f"{value.day}.{value.month}.{value.year}"


def describe(employer, occupation, period, openings, competences, licence_names, languages) -> str:
    """A short Finnish job ad; the facts repeat the vacancy's structured fields."""
    lines = [INTRO[employer.sector].format(name=employer.name, place=employer.in_place)]
    lines.append(f"Tehtävä: {occupation.label_fi}. Paikkoja: {openings}.")
    if period.permanence == "seasonal":
        lines.append(f"Kausityö {_date(period.start)}–{_date(period.end)}.")
    elif period.permanence == "fixed_term":
        lines.append(f"Kesäsijaisuus {_date(period.start)}–{_date(period.end)}.")
    else:
        lines.append("Työsuhde on vakituinen.")
    labels = {s.uri: s.label_fi for s in (*occupation.essential, *occupation.optional)}
    tasks = [labels[c.uri] for c in competences if c.kind == "skill" and c.essential][:3]
    if tasks:
        lines.append("Työssä tarvitaan muun muassa: " + ", ".join(tasks) + ".")
    required = [
        licence_names[c.uri.removeprefix(LICENCE_URI_PREFIX)]
        for c in competences
        if c.kind == "licence" and c.mandatory
    ]
    if required:
        lines.append("Edellytämme: " + ", ".join(required) + ".")
    spoken = [f"{LANGUAGE_NAMES[x['code']]} ({x['level']})" for x in languages]
    if spoken:
        lines.append("Kielitaito: " + ", ".join(spoken) + ".")
    if offer := OFFERS.get(employer.sector):
        lines.append(offer)
    return " ".join(lines)
