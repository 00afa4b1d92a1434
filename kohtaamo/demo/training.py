"""The demo training offers of Lapland for the winter and spring of 2026-27.

Card courses run every few weeks in the towns of every sub-region (a hygiene passport course
in each within a month of the demo's "today"), driving schools train for the heavy licences,
REDU and Lappia offer short courses, qualification units with continuous intake and
apprenticeship routes, and a few courses are remote. The plan is fixed data, dated from the
demo's "today" (no randomness), so the offers are the same every time; the providers that are
not demo organisations are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from kohtaamo.demo.keys import public_id
from kohtaamo.training.enums import OfferKind
from kohtaamo.training.models import TrainingOffer, TrainingOfferCompetence

REDU = "Koulutuskuntayhtymä REDU"
LAPPIA = "Lappia"
ORGANISATION_URLS = {REDU: "https://www.redu.fi", LAPPIA: "https://www.lappia.fi"}
# Fictional private providers.
NAPAPIIRI = "Napapiirin Koulutuspalvelut Oy"  # Rovaniemi
MERI_LAPPI = "Meri-Lapin Kurssikeskus Oy"  # Kemi, Tornio and the Tornio valley
TUNTURI = "Tunturin Turvakoulutus Oy"  # Kittilä (Levi), Kolari (Ylläs), Sodankylä, Ivalo
REVONTULI = "Autokoulu Revontuli Oy"  # heavy licences, Rovaniemi and Sodankylä
PERAMERI = "Perämeren Liikennekoulu Oy"  # heavy licences, Kemi and Tornio
VERKKO = "Verkko-opisto Pohjantähti Oy"  # remote study

ROVANIEMI, KEMI, TORNIO, KITTILA, KOLARI, SODANKYLA, KEMIJARVI, INARI, PELLO = (
    "698", "240", "851", "261", "273", "758", "320", "148", "854",
)  # fmt: skip
LICENCE = "urn:kohtaamo:licence:"
UNIT = "urn:eperusteet:tutkinnonosa:"
ESCO = "http://data.europa.eu/esco/skill/"
# Finnish public holidays of the season: no course starts on them.
HOLIDAYS = {
    date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 31), date(2027, 1, 1),
    date(2027, 1, 6), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 6),
}  # fmt: skip


@dataclass(frozen=True)
class OfferPlan:
    key: str
    provider: str
    titles: tuple[str, str, str]  # fi, sv, en
    kind: str
    municipality: str | None  # code; None for remote study
    start_date: date | None  # None for continuous intake
    end_date: date | None
    duration_days: int
    cost_eur: Decimal | None
    seats: int | None
    language: str = "fi"
    competences: tuple[tuple[str, str], ...] = ()  # (uri, kind)

    @property
    def remote(self) -> bool:
        return self.municipality is None


@dataclass(frozen=True)
class Course:
    """A card course or short course: what it is called and what it gives."""

    code: str
    titles: tuple[str, str, str]
    kind: str
    days: int
    competences: tuple[tuple[str, str], ...]


def _licence(code: str, *skills: str) -> tuple[tuple[str, str], ...]:
    return ((f"{LICENCE}{code}", "licence"), *((f"{ESCO}{s}", "skill") for s in skills))


def _skills(*skills: str) -> tuple[tuple[str, str], ...]:
    return tuple((f"{ESCO}{s}", "skill") for s in skills)


FOOD_SAFETY = "0ff99f51-40d9-42f1-a1ec-377b2bb5e15f"  # comply with food safety and hygiene
FOOD_HYGIENE = "791fa659-3382-49f8-a8dd-505226d0da48"  # food hygiene rules
FIRST_AID = "1d21f6ad-340f-45da-a0a3-4e83867f47a6"  # provide first aid
FORKLIFT = "28cb374e-6261-4133-8371-f9a5470145da"  # operate forklift
SERVE_BEVERAGES = "beeaddc7-fe69-4b97-a286-0bd595432eb9"
CUSTOMER_SERVICE = "15a33d76-4640-438d-ae64-fdc0c1d3eebc"
MAINTAIN_CUSTOMER_SERVICE = "75dfe1ee-5935-42ce-b820-697f827825c3"
GREET_GUESTS = "26a6e6d2-1c9a-4d7e-8c04-5ba16d1f53da"
CASH_REGISTER = "0cb013af-6dd9-4fb2-b34e-63dda1a5cf82"
CLEANING_DUTIES = "4f1b6304-f54a-42f0-9604-5427a28d240f"
CLEANING_AGENTS = "51a26193-9abe-4bce-9108-f50835be1c35"
CLEANING_TECHNIQUES = "ce2dbe33-9e13-47bb-91bf-00cf799ac34c"
CLEAN_ROOMS = "7bb01a18-4637-4535-ba18-258f48f705b8"
FLOOR_CLEANING = "2ed98048-bf2f-47e5-a0de-fd23d6abe2f6"
FORESTRY_MACHINERY = "d019e141-80a7-4a38-9aa9-972e663e7f55"
FORESTRY_EQUIPMENT = "ffe198e3-3f51-40c1-8d43-6e559bb98c8d"
CHAINSAW = "b2b8ec41-d6d1-470d-9e78-4eee515aaa3d"
FELL_TREES = "b8cfe3d0-15a7-4be4-a7f1-f5141ed11f16"
SPREADSHEETS = "1973c966-f236-40c9-b2d4-5d71a89019be"
OFFICE_SYSTEMS = "71dde84c-0058-4c52-a556-523369333db8"
MICROSOFT_OFFICE = "f683ae1d-cb7c-4aa1-b9fe-205e1bd23535"
SPOKEN_FINNISH = "7bd84008-afc2-4f72-8b49-a1dc4723d479"
INTERACT_FINNISH = "3048bf6d-27c7-4dc6-ae4b-e55094cec090"
WRITTEN_FINNISH = "3a0814b1-5851-43f9-b886-1e496fefcf9c"

HYGIENE = Course(
    "hygieniapassi",
    ("Hygieniapassikoulutus ja -testi", "Hygienpass: utbildning och test",
     "Hygiene passport: training and test"),
    OfferKind.CARD_COURSE, 1, _licence("hygieniapassi", FOOD_SAFETY, FOOD_HYGIENE),
)  # fmt: skip
CARDS = {
    c.code: c
    for c in [
        HYGIENE,
        Course("tyoturvallisuuskortti", ("Työturvallisuuskorttikoulutus",
               "Arbetarskyddskortet", "Occupational safety card"),
               OfferKind.CARD_COURSE, 1, _licence("tyoturvallisuuskortti")),
        Course("ea1", ("Ensiapukurssi EA 1", "Första hjälpen FHJ 1", "First aid course EA 1"),
               OfferKind.CARD_COURSE, 2, _licence("ea1", FIRST_AID)),
        Course("tieturva-1", ("Tieturva 1 -koulutus", "Vägsäkerhet 1", "Road safety card 1"),
               OfferKind.CARD_COURSE, 1, _licence("tieturva-1")),
        Course("trukkikortti", ("Trukkikorttikoulutus", "Truckkort", "Forklift licence"),
               OfferKind.CARD_COURSE, 2, _licence("trukkikortti", FORKLIFT)),
        Course("tulityokortti", ("Tulityökorttikoulutus", "Heta arbeten -kort",
               "Hot work licence"), OfferKind.CARD_COURSE, 1, _licence("tulityokortti")),
        Course("anniskelupassi", ("Anniskelupassikoulutus ja -testi", "Serveringspass",
               "Alcohol serving passport"), OfferKind.CARD_COURSE, 1,
               _licence("anniskelupassi", SERVE_BEVERAGES)),
        Course("sahkotyoturvallisuuskortti", ("Sähkötyöturvallisuuskorttikoulutus",
               "Elarbetssäkerhetskort", "Electrical safety card"), OfferKind.CARD_COURSE, 1,
               _licence("sahkotyoturvallisuuskortti")),
        Course("ajokortti-c", ("Kuorma-autokortti (C)", "Körkort för lastbil (C)",
               "Truck driving licence (C)"), OfferKind.DRIVING, 20, _licence("ajokortti-c")),
        Course("ajokortti-ce", ("Yhdistelmäajoneuvokortti (CE)",
               "Körkort för tung släpvagn (CE)",
               "Articulated truck licence (CE)"), OfferKind.DRIVING, 10,
               _licence("ajokortti-ce")),
        Course("ammattipatevyys", ("Kuljettajan perustason ammattipätevyys",
               "Grundläggande yrkeskompetens för förare",
               "Driver's initial professional competence"), OfferKind.DRIVING, 20,
               _licence("ammattipatevyys")),
    ]
}  # fmt: skip

# (course, municipality, provider, first start, every n days, how many, cost, seats, language)
CARD_SCHEDULE = [
    ("hygieniapassi", ROVANIEMI, REDU, date(2026, 11, 30), 21, 8, "65", 20, "fi"),
    ("hygieniapassi", ROVANIEMI, NAPAPIIRI, date(2026, 12, 9), 28, 4, "85", 16, "en"),
    ("hygieniapassi", KEMI, LAPPIA, date(2026, 12, 2), 28, 5, "65", 20, "fi"),
    ("hygieniapassi", TORNIO, LAPPIA, date(2026, 12, 10), 35, 4, "65", 16, "fi"),
    ("hygieniapassi", PELLO, MERI_LAPPI, date(2026, 12, 15), 42, 3, "80", 12, "fi"),
    ("hygieniapassi", KITTILA, REDU, date(2026, 11, 26), 28, 4, "65", 16, "fi"),
    ("hygieniapassi", KOLARI, TUNTURI, date(2026, 12, 2), 42, 3, "85", 12, "fi"),
    ("hygieniapassi", SODANKYLA, REDU, date(2026, 12, 8), 42, 3, "65", 14, "fi"),
    ("hygieniapassi", KEMIJARVI, REDU, date(2026, 12, 3), 42, 3, "65", 14, "fi"),
    ("hygieniapassi", INARI, TUNTURI, date(2026, 12, 14), 42, 3, "85", 12, "fi"),
    ("tyoturvallisuuskortti", ROVANIEMI, NAPAPIIRI, date(2026, 12, 1), 35, 4, "150", 20, "fi"),
    ("tyoturvallisuuskortti", KEMI, MERI_LAPPI, date(2026, 12, 11), 42, 3, "150", 20, "fi"),
    ("tyoturvallisuuskortti", KITTILA, TUNTURI, date(2027, 1, 12), 56, 2, "160", 14, "fi"),
    ("tyoturvallisuuskortti", None, VERKKO, date(2026, 12, 4), 28, 4, "140", 30, "fi"),
    ("ea1", ROVANIEMI, NAPAPIIRI, date(2026, 12, 7), 28, 4, "190", 16, "fi"),
    ("ea1", KEMI, MERI_LAPPI, date(2026, 12, 14), 35, 3, "190", 16, "fi"),
    ("ea1", TORNIO, MERI_LAPPI, date(2027, 1, 18), 49, 2, "190", 16, "fi"),
    ("ea1", KITTILA, TUNTURI, date(2026, 12, 1), 42, 2, "210", 14, "en"),
    ("ea1", SODANKYLA, TUNTURI, date(2027, 1, 13), 56, 2, "210", 12, "fi"),
    ("ea1", INARI, TUNTURI, date(2027, 2, 3), 56, 2, "210", 12, "fi"),
    ("tieturva-1", ROVANIEMI, NAPAPIIRI, date(2026, 12, 16), 49, 3, "180", 16, "fi"),
    ("tieturva-1", KEMI, MERI_LAPPI, date(2027, 1, 20), 56, 2, "180", 16, "fi"),
    ("trukkikortti", ROVANIEMI, REDU, date(2027, 1, 11), 42, 3, "290", 10, "fi"),
    ("trukkikortti", KEMI, LAPPIA, date(2026, 12, 7), 49, 2, "290", 10, "fi"),
    ("trukkikortti", TORNIO, LAPPIA, date(2027, 2, 8), 49, 2, "290", 10, "fi"),
    ("tulityokortti", ROVANIEMI, NAPAPIIRI, date(2026, 12, 3), 42, 3, "150", 16, "fi"),
    ("tulityokortti", KEMI, MERI_LAPPI, date(2027, 1, 14), 49, 2, "150", 16, "fi"),
    ("tulityokortti", KITTILA, TUNTURI, date(2027, 2, 10), 56, 1, "160", 12, "fi"),
    ("tulityokortti", SODANKYLA, TUNTURI, date(2027, 3, 3), 56, 1, "160", 12, "fi"),
    ("anniskelupassi", ROVANIEMI, REDU, date(2026, 12, 1), 42, 3, "45", 20, "fi"),
    ("anniskelupassi", KITTILA, TUNTURI, date(2026, 11, 27), 28, 3, "55", 20, "en"),
    ("anniskelupassi", KOLARI, TUNTURI, date(2026, 12, 9), 56, 2, "55", 16, "fi"),
    ("anniskelupassi", INARI, TUNTURI, date(2027, 1, 19), 56, 1, "55", 12, "fi"),
    ("anniskelupassi", KEMI, LAPPIA, date(2027, 2, 2), 56, 1, "45", 16, "fi"),
    ("sahkotyoturvallisuuskortti", ROVANIEMI, NAPAPIIRI, date(2027, 1, 21), 56, 2, "200", 14,
     "fi"),
    ("sahkotyoturvallisuuskortti", KEMI, MERI_LAPPI, date(2026, 12, 17), 63, 2, "200", 14, "fi"),
    ("ajokortti-c", ROVANIEMI, REVONTULI, date(2027, 1, 11), 70, 2, "3900", 8, "fi"),
    ("ajokortti-c", SODANKYLA, REVONTULI, date(2027, 2, 15), 70, 1, "3900", 6, "fi"),
    ("ajokortti-c", KEMI, PERAMERI, date(2027, 1, 18), 70, 1, "3800", 8, "fi"),
    ("ajokortti-ce", ROVANIEMI, REVONTULI, date(2027, 2, 22), 70, 1, "2400", 6, "fi"),
    ("ajokortti-ce", TORNIO, PERAMERI, date(2027, 3, 1), 70, 1, "2300", 6, "fi"),
    ("ammattipatevyys", ROVANIEMI, REVONTULI, date(2027, 1, 11), 70, 2, "2900", 12, "fi"),
    ("ammattipatevyys", KEMI, PERAMERI, date(2027, 1, 18), 70, 2, "2800", 12, "fi"),
]  # fmt: skip

# Short courses: (key, titles, municipality, provider, start or None, study days, cost, seats,
# language, competences)
SHORT_COURSES = [
    ("asiakaspalvelu-rovaniemi", ("Asiakaspalvelun perusteet matkailussa",
     "Grunderna i kundservice inom turism", "Customer service basics in tourism"),
     ROVANIEMI, REDU, date(2027, 1, 11), 10, "0", 16, "fi",
     _skills(CUSTOMER_SERVICE, MAINTAIN_CUSTOMER_SERVICE, GREET_GUESTS, CASH_REGISTER)),
    ("asiakaspalvelu-kemi", ("Asiakaspalvelun perusteet", "Grunderna i kundservice",
     "Customer service basics"), KEMI, LAPPIA, date(2027, 2, 1), 10, "0", 16, "fi",
     _skills(CUSTOMER_SERVICE, MAINTAIN_CUSTOMER_SERVICE, CASH_REGISTER)),
    ("asiakaspalvelu-verkko", ("Asiakaspalvelu verkossa, omaan tahtiin",
     "Kundservice på nätet", "Customer service online, at your own pace"),
     None, VERKKO, None, 5, "0", None, "fi", _skills(CUSTOMER_SERVICE, MAINTAIN_CUSTOMER_SERVICE)),
    ("siivous-rovaniemi", ("Siivouksen perusteet", "Grunderna i städning", "Cleaning basics"),
     ROVANIEMI, REDU, date(2027, 1, 18), 10, "0", 14, "fi",
     _skills(CLEANING_DUTIES, CLEANING_AGENTS, CLEANING_TECHNIQUES, CLEAN_ROOMS)),
    ("siivous-tornio", ("Siivouksen perusteet", "Grunderna i städning", "Cleaning basics"),
     TORNIO, LAPPIA, date(2027, 2, 8), 10, "0", 14, "fi",
     _skills(CLEANING_DUTIES, CLEANING_AGENTS, CLEANING_TECHNIQUES, FLOOR_CLEANING)),
    ("siivous-levi", ("Majoitustilojen siivous sesonkiin", "Städning av inkvartering",
     "Cleaning of holiday accommodation"), KITTILA, REDU, date(2026, 12, 1), 5, "0", 12, "fi",
     _skills(CLEANING_DUTIES, CLEAN_ROOMS)),
    ("metsakone-kemijarvi", ("Metsäkoneenkuljettajan perusteet", "Grunderna för skogsmaskinförare",
     "Forest machine operator basics"), KEMIJARVI, REDU, date(2027, 1, 11), 30, "0", 10, "fi",
     _skills(FORESTRY_MACHINERY, FORESTRY_EQUIPMENT, FELL_TREES)),
    ("moottorisaha-tornio", ("Moottorisahan käyttö ja metsätyön turvallisuus",
     "Motorsåg och säkerhet i skogsarbete", "Chainsaw use and safety in forest work"),
     TORNIO, LAPPIA, date(2027, 3, 1), 5, "0", 10, "fi", _skills(CHAINSAW, FELL_TREES)),
    ("excel-verkko", ("Excel ja digitaidot työelämään", "Excel och digitala färdigheter",
     "Excel and digital skills for work"), None, VERKKO, None, 5, "0", None, "fi",
     _skills(SPREADSHEETS, OFFICE_SYSTEMS, MICROSOFT_OFFICE)),
    ("digitaidot-rovaniemi", ("Digitaidot työnhakuun ja työhön", "Digitala färdigheter",
     "Digital skills for job seeking and work"), ROVANIEMI, REDU, date(2027, 2, 15), 5, "0", 14,
     "fi", _skills(OFFICE_SYSTEMS, MICROSOFT_OFFICE)),
    ("suomi-rovaniemi", ("Suomea työelämään (A2–B1)", "Finska för arbetslivet",
     "Finnish for work (A2–B1)"), ROVANIEMI, REDU, date(2027, 1, 11), 40, "0", 16, "fi",
     _skills(SPOKEN_FINNISH, INTERACT_FINNISH, WRITTEN_FINNISH)),
    ("suomi-verkko", ("Työelämän suomea verkossa", "Finska för arbetslivet på nätet",
     "Finnish for work online"), None, VERKKO, None, 30, "0", None, "fi",
     _skills(SPOKEN_FINNISH, INTERACT_FINNISH)),
]  # fmt: skip

# Qualification units with continuous intake (start None) or a dated group: (unit id,
# municipality, provider, start or None, study days, extra competences)
UNITS = [
    (9100701, ROVANIEMI, REDU, None, 40, _licence("hygieniapassi")),
    (9100701, KEMI, LAPPIA, None, 40, _licence("hygieniapassi")),
    (9100703, ROVANIEMI, REDU, date(2027, 1, 11), 45, ()),
    (9100707, KITTILA, REDU, date(2027, 1, 18), 20, _licence("anniskelupassi")),
    (9100301, ROVANIEMI, REDU, None, 30, ()),
    (9100301, KITTILA, REDU, date(2027, 1, 11), 30, ()),
    (9100305, KITTILA, REDU, date(2027, 2, 1), 20, ()),
    (9100304, INARI, REDU, date(2027, 1, 18), 20, ()),
    (9100603, ROVANIEMI, REDU, None, 30, ()),
    (9100608, TORNIO, LAPPIA, None, 20, ()),
    (9100401, KEMI, LAPPIA, date(2027, 1, 11), 60, _licence("ajokortti-c")),
    (9100402, KEMI, LAPPIA, None, 25, _licence("ammattipatevyys")),
    (9100407, TORNIO, LAPPIA, None, 20, _licence("trukkikortti")),
    (9100502, SODANKYLA, REDU, date(2027, 1, 11), 60, ()),
    (9100103, SODANKYLA, REDU, None, 45, ()),
    (9100102, KEMIJARVI, REDU, date(2027, 5, 17), 35, ()),
]

# Apprenticeship routes: (key, titles, municipality, provider, months, units)
APPRENTICESHIPS = [
    ("oppisopimus-ravintola", ("Oppisopimus: ravintola- ja catering-alan perustutkinto",
     "Läroavtal: grundexamen i restaurang- och cateringbranschen",
     "Apprenticeship: restaurant and catering qualification"), ROVANIEMI, REDU, 18,
     (9100701, 9100702, 9100703)),
    ("oppisopimus-matkailu", ("Oppisopimus: matkailualan perustutkinto",
     "Läroavtal: grundexamen i turismbranschen", "Apprenticeship: tourism qualification"),
     KITTILA, REDU, 12, (9100301, 9100302, 9100305)),
    ("oppisopimus-logistiikka", ("Oppisopimus: logistiikan perustutkinto",
     "Läroavtal: grundexamen i logistik", "Apprenticeship: logistics qualification"),
     KEMI, LAPPIA, 24, (9100401, 9100402, 9100403)),
    ("oppisopimus-puhtaus", ("Oppisopimus: puhtaus- ja kiinteistöpalvelualan perustutkinto",
     "Läroavtal: grundexamen inom rengörings- och fastighetsservice",
     "Apprenticeship: cleaning and property services qualification"), TORNIO, LAPPIA, 12,
     (9100601, 9100603, 9100608)),
    ("oppisopimus-infra", ("Oppisopimus: infra-alan perustutkinto",
     "Läroavtal: grundexamen i infrabranschen",
     "Apprenticeship: infrastructure construction qualification"), SODANKYLA, REDU, 18,
     (9100501, 9100502)),
    ("oppisopimus-luonnontuote", ("Oppisopimus: luonnontuotealan ammattitutkinto",
     "Läroavtal: yrkesexamen i naturproduktbranschen",
     "Apprenticeship: further qualification in natural products"), KEMIJARVI, REDU, 6,
     (9100201, 9100203)),
]  # fmt: skip

# Recruitment training bought with an employer: (key, titles, municipality, provider, start,
# study days, competences)
RECRUITMENT = [
    ("rekry-levi", ("Rekrytoiva koulutus: Levin talvisesongin matkailupalvelut",
     "Rekryterande utbildning: vintersäsongen i Levi",
     "Recruitment training: Levi winter season tourism services"), KITTILA, REDU,
     date(2026, 12, 1), 15, ((f"{UNIT}9100301", "unit"), *_licence("hygieniapassi"),
     *_licence("anniskelupassi"))),
    ("rekry-linja-auto", ("Rekrytoiva koulutus: linja-autonkuljettaja",
     "Rekryterande utbildning: busschaufför", "Recruitment training: bus driver"), KEMI,
     LAPPIA, date(2027, 2, 1), 50, (*_licence("ajokortti-d"), *_licence("ammattipatevyys"))),
]  # fmt: skip

WORKING_DAYS_A_MONTH = 21


def plan_offers() -> list[OfferPlan]:
    """Every demo offer, in a fixed order."""
    return [*_card_offers(), *_short_offers(), *_unit_offers(), *_apprenticeships(),
            *_recruitment()]  # fmt: skip


def _working_day(day: date) -> date:
    while day.weekday() >= 5 or day in HOLIDAYS:
        day += timedelta(days=1)
    return day


def _end(start: date | None, days: int) -> date | None:
    """The last day of `days` working days from `start`."""
    if start is None:
        return None
    day, left = start, days - 1
    while left:
        day = _working_day(day + timedelta(days=1))
        left -= 1
    return day


def _card_offers() -> list[OfferPlan]:
    plans = []
    for code, place, provider, first, every, count, cost, seats, lang in CARD_SCHEDULE:
        course = CARDS[code]
        for n in range(count):
            start = _working_day(first + timedelta(days=every * n))
            plans.append(
                OfferPlan(
                    key=f"{code}:{place or 'remote'}:{provider}:{start.isoformat()}",
                    provider=provider,
                    titles=course.titles,
                    kind=course.kind,
                    municipality=place,
                    start_date=start,
                    end_date=_end(start, course.days),
                    duration_days=course.days,
                    cost_eur=Decimal(cost),
                    seats=seats,
                    language=lang,
                    competences=course.competences,
                )
            )
    return plans


def _short_offers() -> list[OfferPlan]:
    return [
        OfferPlan(
            key=f"short:{key}",
            provider=provider,
            titles=titles,
            kind=OfferKind.SHORT_COURSE,
            municipality=place,
            start_date=start and _working_day(start),
            end_date=_end(start and _working_day(start), days),
            duration_days=days,
            cost_eur=Decimal(cost),
            seats=seats,
            language=lang,
            competences=competences,
        )
        for key, titles, place, provider, start, days, cost, seats, lang, competences in (
            SHORT_COURSES
        )
    ]


def _unit_offers() -> list[OfferPlan]:
    plans = []
    for unit, place, provider, start, days, extra in UNITS:
        name = UNIT_NAMES[unit]
        plans.append(
            OfferPlan(
                key=f"unit:{unit}:{place}:{provider}",
                provider=provider,
                titles=(f"Tutkinnon osa: {name}", "", f"Qualification unit: {name}"),
                kind=OfferKind.QUALIFICATION_UNIT,
                municipality=place,
                start_date=start,
                end_date=_end(start, days),
                duration_days=days,
                cost_eur=Decimal(0),
                seats=12,
                competences=((f"{UNIT}{unit}", "unit"), *extra),
            )
        )
    return plans


def _apprenticeships() -> list[OfferPlan]:
    return [
        OfferPlan(
            key=f"apprenticeship:{key}",
            provider=provider,
            titles=titles,
            kind=OfferKind.APPRENTICESHIP,
            municipality=place,
            start_date=None,
            end_date=None,
            duration_days=months * WORKING_DAYS_A_MONTH,
            cost_eur=Decimal(0),
            seats=None,
            competences=tuple((f"{UNIT}{unit}", "unit") for unit in units),
        )
        for key, titles, place, provider, months, units in APPRENTICESHIPS
    ]


def _recruitment() -> list[OfferPlan]:
    return [
        OfferPlan(
            key=f"recruitment:{key}",
            provider=provider,
            titles=titles,
            kind=OfferKind.RECRUITMENT,
            municipality=place,
            start_date=_working_day(start),
            end_date=_end(_working_day(start), days),
            duration_days=days,
            cost_eur=Decimal(0),
            seats=12,
            competences=competences,
        )
        for key, titles, place, provider, start, days, competences in RECRUITMENT
    ]


# The demo qualification units' names (data/reference/qualifications/demo).
UNIT_NAMES = {
    9100102: "Luonnontuotteiden keruu ja käsittely",
    9100103: "Poronhoitotyöt",
    9100301: "Matkailualan asiakaspalvelu",
    9100304: "Majoituspalvelut",
    9100305: "Opastuspalvelut",
    9100401: "Kuorma-autolla tai linja-autolla kuljettaminen",
    9100402: "Kuljettajan perustason ammattipätevyys",
    9100407: "Työkoneiden käyttö ja huolto",
    9100502: "Maarakennuskoneiden käyttö",
    9100603: "Perussiivouspalvelut",
    9100608: "Hotelli- ja majoitustilojen puhtauspalvelut",
    9100701: "Ruoka- ja asiakaspalvelun perustehtävissä toimiminen",
    9100703: "Asiakaspalvelussa ja myynnissä toimiminen",
    9100707: "Juomien myynti ja tarjoilu",
}


def offer_public_id(plan: OfferPlan):
    return public_id("training-offer", plan.key)


def write_offers(plans: list[OfferPlan], *, municipalities: dict, organisations: dict) -> int:
    """The planned offers not yet in the database, with their competences; how many."""
    ids = {offer_public_id(p): p for p in plans}
    existing = set(
        TrainingOffer.objects.filter(public_id__in=ids).values_list("public_id", flat=True)
    )
    new = {key: p for key, p in ids.items() if key not in existing}
    if not new:
        return 0
    TrainingOffer.objects.bulk_create(
        TrainingOffer(
            public_id=key,
            provider=organisations.get(p.provider),
            provider_name=p.provider,
            title_fi=p.titles[0],
            title_sv=p.titles[1],
            title_en=p.titles[2],
            kind=p.kind,
            municipality=municipalities[p.municipality] if p.municipality else None,
            remote=p.remote,
            start_date=p.start_date,
            end_date=p.end_date,
            duration_days=p.duration_days,
            cost_eur=p.cost_eur,
            seats=p.seats,
            language=p.language,
            url=ORGANISATION_URLS.get(p.provider, ""),
        )
        for key, p in new.items()
    )
    offer_ids = dict(TrainingOffer.objects.filter(public_id__in=new).values_list("public_id", "id"))
    TrainingOfferCompetence.objects.bulk_create(
        TrainingOfferCompetence(offer_id=offer_ids[key], uri=uri, kind=kind)
        for key, p in new.items()
        for uri, kind in p.competences
    )
    return len(new)
