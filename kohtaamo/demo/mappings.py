"""The demo competence mappings: the company visits of Rovaniemi, Kemi-Tornio, Kolari and Ranua.

Pure functions over plain data. In the real projects the coordinators visited 42 companies in
Kolari and Ranua and over 50 in Kemi; the demo has about 60 finished mappings (a few of them
revised into a second version) and a few drafts still being filled in. Every earthmoving
company is mapped, with planned hires of excavator operators, so that the competence profile
of earthmoving machine operators has substance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kohtaamo.demo.employers import EmployerPlan
from kohtaamo.demo.occupations import (
    EXCAVATOR_OPERATOR,
    OccupationFacts,
    company_title,
    groups_of_sector,
    licences_for,
    occupation_choices,
    pick,
    pick_skills,
)
from kohtaamo.lang.vocabulary import ESCO_SKILL_PREFIX as ESCO_SKILL
from kohtaamo.lang.vocabulary import LICENCE_URI_PREFIX


@dataclass(frozen=True)
class Area:
    key: str
    municipalities: tuple[str, ...]
    interviewer: str  # demo username
    organisation: str
    mapped: int  # employers with a finished mapping


AREAS = [
    Area("rovaniemi", ("698",), "rovaniemi.company", "Rovaniemen kaupungin työllisyyspalvelut", 14),
    Area("kemi-tornio", ("240", "851", "241", "751", "845"), "kemi.company", "Kemin kaupunki", 19),
    Area("kolari", ("273", "261", "498", "047", "854"), "kolari.coordinator", "Kolarin kunta", 12),
    Area("ranua", ("683", "614"), "ranua.coordinator", "Ranuan kunta", 11),
]  # fmt: skip


@dataclass(frozen=True)
class WorkforcePlan:
    occupation_uri: str
    title: str  # as the company says it
    count: int
    note: str = ""


@dataclass(frozen=True)
class HirePlan:
    occupation_uri: str
    title: str
    count: int
    horizon: str  # now / 6m / 1-3y
    seasonal: bool
    note: str = ""


@dataclass(frozen=True)
class NeedPlan:
    uri: str
    kind: str
    occupation_uri: str | None
    importance: int
    horizon: str
    purpose: str  # hires / staff


@dataclass(frozen=True)
class MappingPlan:
    key: str
    employer_key: int
    interviewer: str
    organisation: str
    visit_date: date
    version: int | None  # None: a draft
    previous_key: str | None
    finished_at: datetime | None  # naive, local time
    offers: dict[str, bool]
    willingness_note: str
    unknown_support: list[str]
    staff_development_note: str
    notes: str
    workforce: tuple[WorkforcePlan, ...]
    hires: tuple[HirePlan, ...]
    needs: tuple[NeedPlan, ...]


def plan_mappings(
    rng: random.Random,
    *,
    employers: list[EmployerPlan],
    occupations: dict[str, list[OccupationFacts]],
    mix: dict[str, float],
    support_codes: list[str],
) -> list[MappingPlan]:
    """Finished mappings (versions in order), then drafts."""
    context = _Context(occupations, mix, support_codes)
    finished, drafts = [], []
    for area in AREAS:
        local = [e for e in employers if e.municipality in area.municipalities]
        earthworks = [e for e in local if e.sector == "earthworks"]
        others = [e for e in local if e.sector != "earthworks"]
        mapped = earthworks + rng.sample(others, area.mapped - len(earthworks))
        revised = rng.choice(mapped).key
        for employer in sorted(mapped, key=lambda e: e.key):
            finished += _versions(rng, context, area, employer, revised=employer.key == revised)
        unmapped = sorted((e for e in others if e not in mapped), key=lambda e: e.key)
        draft_of = rng.choice(unmapped)
        visit = _day(rng, date(2026, 11, 2), 16)
        drafts.append(_mapping(rng, context, area, draft_of, visit, None, None))
    return finished + drafts


def _versions(rng, context, area, employer, *, revised: bool) -> list[MappingPlan]:
    if not revised:
        visit = _visit_day(rng, date(2025, 2, 3), 630)
        return [_mapping(rng, context, area, employer, visit, 1, None)]
    first = _mapping(rng, context, area, employer, _visit_day(rng, date(2025, 2, 3), 120), 1)
    second_visit = _visit_day(rng, date(2026, 2, 2), 240)
    second = _mapping(rng, context, area, employer, second_visit, 2, first.key)
    return [first, second]


def _day(rng: random.Random, start: date, span: int) -> date:
    return start + timedelta(days=rng.randint(0, span))


def _visit_day(rng: random.Random, start: date, span: int) -> date:
    """A working day outside the July holidays."""
    day = _day(rng, start, span)
    if day.month == 7:
        day += timedelta(days=31)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@dataclass
class _Context:
    occupations: dict[str, list[OccupationFacts]]
    mix: dict[str, float]
    support_codes: list[str]

    def by_uri(self, uri: str) -> OccupationFacts:
        for group in self.occupations.values():
            for occupation in group:
                if occupation.uri == uri:
                    return occupation
        raise KeyError(uri)

    def excavator(self) -> OccupationFacts | None:
        for occupation in self.occupations.get("8342", []):
            if occupation.code == EXCAVATOR_OPERATOR:
                return occupation
        return None

    def sector_groups(self, sector: str) -> list[tuple[str, float]]:
        if sector == "staffing":
            top = sorted(self.mix, key=lambda g: (-self.mix[g], g))
            return [(g, self.mix[g]) for g in top if g in self.occupations][:15]
        return groups_of_sector(sector, self.occupations)


def _mapping(rng, context, area, employer, visit, version, previous_key=None) -> MappingPlan:
    workforce = _workforce(rng, context, employer)
    hires = _hires(rng, context, employer, workforce)
    needs = _hire_needs(rng, context, employer, hires)
    staff_needs, staff_topics = _staff_needs(rng, employer, area)
    offers = _offers(rng, employer)
    finished_at = None
    if version is not None:
        finished_at = datetime.combine(visit, datetime.min.time()) + timedelta(
            days=rng.randint(0, 6), hours=rng.randint(9, 16)
        )
    suffix = f"v{version}" if version else "draft"
    return MappingPlan(
        key=f"{employer.key}-{suffix}",
        employer_key=employer.key,
        interviewer=area.interviewer,
        organisation=area.organisation,
        visit_date=visit,
        version=version,
        previous_key=previous_key,
        finished_at=finished_at,
        offers=offers,
        willingness_note=_willingness_note(rng, employer, offers),
        unknown_support=_unknown_support(rng, context, offers),
        staff_development_note=_staff_note(staff_topics),
        notes=_notes(rng, employer, version, previous_key),
        workforce=tuple(workforce),
        hires=tuple(hires),
        needs=tuple(needs + staff_needs),
    )


HEAD_COUNT = {"micro": (1, 4), "small": (3, 15), "medium": (8, 50), "large": (30, 140)}


def _workforce(rng, context: _Context, employer: EmployerPlan) -> list[WorkforcePlan]:
    groups = context.sector_groups(employer.sector)
    count = min(len(groups), rng.randint(2, 4))
    chosen: list[str] = []
    if employer.sector == "earthworks" and "8342" in context.occupations:
        chosen.append("8342")
    while len(chosen) < count:
        group = pick(rng, [(g, w) for g, w in groups if g not in chosen])
        chosen.append(group)
    low, high = HEAD_COUNT[employer.size]
    staff = rng.randint(low, high)
    shares = [rng.random() + 0.2 for _ in chosen]
    result, seen = [], set()
    for index, group in enumerate(chosen):
        choices = occupation_choices(group, context.occupations[group], employer.sector)
        occupation = pick(rng, choices)
        if index == 0 and group == "8342" and (excavator := context.excavator()):
            occupation = excavator
        if occupation.uri in seen:
            continue
        seen.add(occupation.uri)
        people = max(1, round(staff * shares[index] / sum(shares)))
        if group[:1] in ("1", "2", "3"):  # managers, experts, supervisors: a few
            people = min(people, rng.randint(1, 3))
        note = "lisäksi kausityöntekijöitä sesongissa" if employer.season and index == 0 else ""
        result.append(WorkforcePlan(occupation.uri, company_title(occupation), people, note))
    return result


HORIZONS = [("now", 4), ("6m", 3), ("1-3y", 2)]
HIRE_NOTES = {
    "now": ["avoin paikka heti", "sesongin lisätarve", "tilauskanta on kasvanut"],
    "6m": ["seuraavan sesongin tarve", "uusi kohde alkaa", "kasvava tilauskanta"],
    "1-3y": ["eläköityvän työntekijän tilalle", "laajennus suunnitteilla", "sukupolvenvaihdos"],
}


def _hires(rng, context, employer, workforce) -> list[HirePlan]:
    hires, seen = [], set()
    excavator = context.excavator()
    if employer.sector == "earthworks" and excavator:
        horizon = rng.choice(["now", "6m"])
        note = "kaivinkoneenkuljettajista on pulaa koko alueella"
        title = company_title(excavator)
        hires.append(HirePlan(excavator.uri, title, rng.randint(1, 3), horizon, True, note))
        seen.add(excavator.uri)
    for item in workforce[: rng.randint(1, 3)]:
        if item.occupation_uri in seen:
            continue
        seen.add(item.occupation_uri)
        horizon = pick(rng, HORIZONS)
        seasonal = bool(employer.season) and horizon != "1-3y"
        count = rng.randint(1, 5 if employer.season == "winter" and horizon != "1-3y" else 3)
        if context.by_uri(item.occupation_uri).isco[:1] in ("1", "2", "3"):
            count = 1
        note = rng.choice(HIRE_NOTES[horizon])
        hires.append(HirePlan(item.occupation_uri, item.title, count, horizon, seasonal, note))
    return hires


# The excavator operator needs the Kemi, Kolari and Ranua earthmoving companies named.
EXCAVATOR_NEEDS = [
    (LICENCE_URI_PREFIX + "tyoturvallisuuskortti", "licence", 3, None),
    (LICENCE_URI_PREFIX + "tieturva-1", "licence", 3, None),
    (LICENCE_URI_PREFIX + "ajokortti-c", "licence", 2, None),
    (ESCO_SKILL + "978a76ca-0d14-43b5-a69d-1996dfeb22de", "skill", 3, None),  # operate excavator
    (ESCO_SKILL + "425ddacc-bbf0-4a98-b925-40012d1b6060", "skill", 3, None),  # dig soil
    (ESCO_SKILL + "86df7af2-f9f3-4c06-a500-7f1fba9e78fe", "skill", 3, None),  # site safety
    (ESCO_SKILL + "dfce2aba-783e-4e17-9c17-e74aca505ec2", "skill", 2, None),  # 2D plans
    (ESCO_SKILL + "97fb21db-a4e5-4b03-af21-03b9d510d872", "skill", 2, None),  # GPS
    (ESCO_SKILL + "0c04d0af-af50-4463-8ce3-e9968e229237", "skill", 2, None),  # upkeep
    (ESCO_SKILL + "63395522-32f0-46c4-851d-69c2d3800a8a", "skill", 2, None),  # utilities
    (ESCO_SKILL + "aafbb139-02c6-4f35-bc62-ff73faf97d6d", "skill", 2, "1-3y"),  # 3D models
]


def _hire_needs(rng, context: _Context, employer, hires) -> list[NeedPlan]:
    needs: list[NeedPlan] = []
    seen: set[tuple[str, str]] = set()

    def add(uri, kind, occupation_uri, importance, horizon):
        if (uri, occupation_uri) not in seen:
            seen.add((uri, occupation_uri))
            needs.append(NeedPlan(uri, kind, occupation_uri, importance, horizon, "hires"))

    for hire in hires:
        occupation = context.by_uri(hire.occupation_uri)
        if occupation.code == EXCAVATOR_OPERATOR:
            for uri, kind, importance, horizon in EXCAVATOR_NEEDS:
                add(uri, kind, occupation.uri, importance, horizon or hire.horizon)
        for index, skill in enumerate(pick_skills(rng, occupation.essential, 3, 5, core=2)):
            add(skill.uri, "skill", occupation.uri, 3 if index < 2 else 2, hire.horizon)
        for skill in pick_skills(rng, occupation.optional, 1, 2):
            add(skill.uri, "skill", occupation.uri, 1, hire.horizon)
        for rule in licences_for(occupation.isco, employer.sector, employer.industry, rng):
            uri = LICENCE_URI_PREFIX + rule.code
            add(uri, "licence", occupation.uri, rule.importance, hire.horizon)
    return needs


def _skill(uuid: str) -> tuple[str, str]:
    return ESCO_SKILL + uuid, "skill"


STAFF_TOPICS = {
    "digital": (
        "digitaaliset työkalut ja sähköiset palvelut",
        [
            _skill("2b34a99f-9813-4c91-9509-b6b9b8c3132e"),  # collaborate digitally
            _skill("d908a818-70ef-419e-9d60-8f459114cb2f"),  # use e-services
            _skill("f683ae1d-cb7c-4aa1-b9fe-205e1bd23535"),  # use Microsoft Office
        ],
    ),
    "social_media": (
        "sosiaalisen median markkinointi",
        [_skill("64e09849-a7db-4d6b-a932-66264420eb97")],
    ),
    "english": (
        "englanninkielinen asiakaspalvelu",
        [_skill("0ee9e985-0ee5-4a73-8a12-78b53b261bb2")],
    ),
    "swedish": (
        "ruotsin kieli (asiakkaat ja yhteistyö Haaparannan suuntaan)",
        [_skill("bdf14dfe-437d-4fb6-95f4-72da1a593384")],
    ),
    "leadership": (
        "esihenkilö- ja perehdytystaidot",
        [
            _skill("1f1d2ff8-c4c1-45cc-9812-6a7ee84a73cb"),  # lead a team
            _skill("339ac029-066a-4985-9f9d-b3d7c8fea0bb"),  # manage staff
            _skill("a584a638-a2c0-4b3c-bdf3-a64f87225be9"),  # mentor individuals
        ],
    ),
    "first_aid": (
        "ensiaputaidot",
        [(LICENCE_URI_PREFIX + "ea1", "licence"), _skill("1d21f6ad-340f-45da-a0a3-4e83867f47a6")],
    ),
    "safety_cards": (
        "työturvallisuus- ja tulityökorttien päivitys",
        [
            (LICENCE_URI_PREFIX + "tyoturvallisuuskortti", "licence"),
            (LICENCE_URI_PREFIX + "tulityokortti", "licence"),
        ],
    ),
    "customer_service": (
        "asiakaspalvelu",
        [_skill("15a33d76-4640-438d-ae64-fdc0c1d3eebc")],
    ),
}
SAFETY_CARD_SECTORS = ("construction", "earthworks", "metal", "mining", "bioproducts")


def _staff_topics(employer: EmployerPlan, area: Area) -> list[str]:
    topics = ["digital", "leadership", "first_aid"]
    if employer.sector in ("tourism_stay", "tourism_activity") or employer.place:
        topics += ["english", "social_media", "customer_service"]
    if employer.sector in ("retail", "restaurant", "beauty"):
        topics += ["social_media", "customer_service"]
    if area.key == "kemi-tornio":
        topics.append("swedish")
    if employer.sector in SAFETY_CARD_SECTORS:
        topics.append("safety_cards")
    return sorted(set(topics))


def _staff_needs(rng, employer, area) -> tuple[list[NeedPlan], list[str]]:
    topics = rng.sample(_staff_topics(employer, area), rng.randint(1, 3))
    needs = []
    for topic in topics:
        uri, kind = rng.choice(STAFF_TOPICS[topic][1])
        horizon = rng.choice(["6m", "6m", "1-3y"])
        needs.append(NeedPlan(uri, kind, None, rng.choice([1, 2, 2]), horizon, "staff"))
    return needs, topics


def _staff_note(topics: list[str]) -> str:
    names = [STAFF_TOPICS[t][0] for t in topics]
    return "Nykyisen henkilöstön kehittämistarpeet: " + ", ".join(names) + "."


OFFER_CHANCES = {
    "offers_work_trials": 0.5,
    "offers_apprenticeships": 0.35,
    "offers_training_agreements": 0.5,
    "offers_student_placements": 0.4,
    "offers_shared_employment": 0.1,
}
APPRENTICE_SECTORS = ("construction", "earthworks", "metal", "forestry", "care", "hvac_electric")
PLACEMENT_SECTORS = ("care", "childcare", "restaurant", "tourism_stay", "tourism_activity")


def _offers(rng, employer: EmployerPlan) -> dict[str, bool]:
    chances = dict(OFFER_CHANCES)
    if employer.sector in APPRENTICE_SECTORS:
        chances["offers_apprenticeships"] = 0.7
    if employer.sector in PLACEMENT_SECTORS:
        chances["offers_student_placements"] = 0.7
    if employer.season:  # winter in the fells, summer on the building sites
        chances["offers_shared_employment"] = 0.45
    return {flag: rng.random() < chance for flag, chance in chances.items()}


def _willingness_note(rng, employer, offers) -> str:
    parts = []
    if offers["offers_work_trials"]:
        parts.append(f"Valmis ottamaan työkokeiluun {rng.randint(1, 2)} henkilöä.")
    if offers["offers_apprenticeships"]:
        parts.append("Kiinnostunut oppisopimuksesta, jos ohjaukseen saa tukea.")
    if offers["offers_student_placements"]:
        parts.append("Ottaa opiskelijoita työelämäjaksoille Lappiasta tai REDUsta.")
    if offers["offers_shared_employment"]:
        other = "kesän rakennustyömaiden" if employer.season == "winter" else "talvisesongin"
        parts.append(f"Voisi jakaa työntekijän {other} työnantajan kanssa ympärivuotiseksi työksi.")
    return " ".join(parts)


SUPPORT_WEIGHTS = {
    "pay_subsidy": 3,
    "recruitment_training": 3,
    "targeted_training": 2,
    "work_trial": 2,
    "apprenticeship": 2,
    "recruitment_service": 2,
    "training_agreement": 1,
    "student_placement": 1,
    "shared_employment": 1,
}
OFFERED_SUPPORT = {
    "work_trial": "offers_work_trials",
    "apprenticeship": "offers_apprenticeships",
    "training_agreement": "offers_training_agreements",
    "student_placement": "offers_student_placements",
    "shared_employment": "offers_shared_employment",
}


def _unknown_support(rng, context: _Context, offers) -> list[str]:
    """Support the company did not know about (never one it already offers to use)."""
    candidates = [
        (code, SUPPORT_WEIGHTS.get(code, 0))
        for code in context.support_codes
        if SUPPORT_WEIGHTS.get(code) and not offers.get(OFFERED_SUPPORT.get(code, ""), False)
    ]
    chosen: list[str] = []
    for _ in range(rng.randint(0, 3)):
        remaining = [(c, w) for c, w in candidates if c not in chosen]
        if remaining:
            chosen.append(pick(rng, remaining))
    return sorted(chosen)


SECTOR_NOTES = {
    "tourism_stay": [
        "Talvisesongin rekrytoinnit alkavat syyskuussa; asuntojen puute vaikeuttaa rekrytointia.",
        "Ulkomaisten asiakkaiden osuus kasvaa; kielitaitoisista työntekijöistä on pulaa.",
    ],
    "tourism_activity": [
        "Oppaiden ja safarikuljettajien tarve kasvaa joulusta maaliskuuhun.",
        "Kesäsesonki on kasvamassa; ympärivuotiset työsuhteet kiinnostavat.",
    ],
    "restaurant": [
        "Kokeista ja tarjoilijoista on pulaa erityisesti sesonkiaikoina.",
        "Lounasruokailun kysyntä on kasvanut; keittiöön tarvitaan lisää väkeä.",
    ],
    "mining": [
        "Kaivoksen tuotanto laajenee; kunnossapitoon ja raskaan kaluston käyttöön tarvitaan väkeä.",
        "Työvuorot ovat vuorotyötä; paikkakunnalle muuttavia tuetaan asunnon haussa.",
    ],
    "metal": [
        "Hitsaajien ja asentajien eläköityminen lisää rekrytointitarvetta 1-3 vuoden aikana.",
        "Terästehtaan seisokit työllistävät keväällä ja syksyllä.",
    ],
    "bioproducts": [
        "Tehtaan investoinnit lisäävät kunnossapidon ja prosessinhoidon tarvetta.",
        "Kesälomasijaisille on tarvetta kesä-elokuussa.",
    ],
    "sawmill": ["Sahan tuotanto on vakaata; trukinkuljettajia ja sahatyöntekijöitä tarvitaan."],
    "forestry": [
        "Metsäkoneenkuljettajien rekrytointi on vaikeaa; talvi on kiireisin aika.",
        "Yrittäjä harkitsee sukupolvenvaihdosta muutaman vuoden kuluttua.",
    ],
    "nature": ["Marjakauden kausityövoima heinä-syyskuussa; tuotekehitys kasvussa."],
    "logistics": [
        "Kuljettajista on pulaa; ammattipätevyyden ja CE-kortin hankkimista voidaan tukea.",
        "Rajakaupan ja sataman kuljetukset kasvavat.",
    ],
    "transport": ["Lentokenttäkuljetukset ruuhkautuvat talvisesongin viikonloppuina."],
    "construction": [
        "Rakennuskausi toukokuusta lokakuuhun; talvella sisätyöt ja saneeraukset.",
        "Matkailurakentaminen työllistää; kirvesmiehiä ja työnjohtoa tarvitaan.",
    ],
    "earthworks": [
        "Kaivinkoneenkuljettajista on pulaa; yritys on valmis kouluttamaan oppisopimuksella.",
        "Koneohjaus ja 3D-mallit yleistyvät; kuljettajilta odotetaan suunnitelmien lukutaitoa.",
    ],
    "hvac_electric": ["Sähkö- ja LVI-asentajien saatavuus on heikko koko Lapissa."],
    "property": ["Matkailukohteiden siivoustarve kasvaa sesonkien vaihtopäivinä."],
    "retail": ["Sesonkiajan lisätyövoimaa tarvitaan joulusta pääsiäiseen."],
    "wholesale": ["Myyntiedustajan tehtäviin haetaan alan kokemusta ja ajokorttia."],
    "care": [
        "Lähihoitajien ja kesälomasijaisten saatavuus on heikko.",
        "Henkilöstömitoitus lisää hoitajien tarvetta; oppisopimus kiinnostaa.",
    ],
    "childcare": ["Varhaiskasvatuksen opettajista on pulaa; lastenhoitajia palkataan lisää."],
    "auto": ["Raskaan kaluston huoltoon tarvitaan dieselasentajia."],
    "security": ["Sesonkiajan tapahtumiin tarvitaan järjestyksenvalvojia."],
    "beauty": ["Kysyntä kasvaa joulun alla; osa-aikaisia työntekijöitä haetaan."],
    "office": ["Asiakaspalvelukeskus laajenee; kielitaitoisia työntekijöitä tarvitaan."],
    "engineering": ["Kaivos- ja infrahankkeet lisäävät suunnittelijoiden tarvetta."],
    "staffing": ["Vuokratyön kysyntä vaihtelee sesongin mukaan matkailussa ja teollisuudessa."],
}  # fmt: skip


def _notes(rng, employer, version, previous_key) -> str:
    note = rng.choice(SECTOR_NOTES[employer.sector])
    if previous_key:
        return "Päivitetty kartoitus edellisen käynnin pohjalta. " + note
    if version is None:
        return "Kartoitus kesken: täydennetään yrityksen kanssa. " + note
    return note
