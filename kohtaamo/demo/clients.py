"""The demo job seekers: about 1,500 clients whose mix follows Lapland's unemployed.

Pure functions over plain data (no Django): services.py reads the statistics and ESCO and
writes the plan. What the employment service statistics give (data/reference/labour, average
of the month-end unemployed job seekers in 2022):

- the home municipality, in proportion to the unemployed of each of Lapland's 21
  municipalities (Rovaniemi about 36 %, Kemi 14 %, Tornio 10 %);
- the past occupation, in proportion to the unemployed by 4-digit ISCO group (those whose
  occupation is not recorded, about a sixth, are left out of the mix).

The statistics have no breakdown by age, gender or target group. The demo ASSUMES the
following; they are plausible for Lapland's unemployed, not measured:

- gender: about 55-58 % men, following the occupation (construction, machines and transport
  mostly men; care, cleaning and office work mostly women); about 1 % other or not told;
- age: 18 % under 25, 12 % 25-29 (30 % under 30), 40 % 30-54, 30 % 55-64;
- long-term unemployed (12+ months) about 35 %, more among over-54s and people with partial
  work ability, fewer among the young;
- immigrants about 7 %: 10 % in Rovaniemi and Tornio, under 5 % elsewhere; their native
  language is Russian, Ukrainian, Arabic, Estonian, Persian, Somali, Thai or Tagalog, and
  their Finnish A1-B2;
- Sámi speakers in the Sámi homeland, Swedish speakers in the Tornio valley;
- partial work ability about 10 %, more with age;
- no vocational qualification about 25 %, by occupation and age;
- status: 84 % active, 6 % employed, 6 % in training, 4 % inactive; last contact within the
  6 months before TODAY;
- about 15 % have given a vocational college (REDU, or Lappia in Kemi-Tornio) a consent to
  see their competences or everything, valid into 2027; a few have withdrawn it.

Competences are the essential ESCO skills of the person's past occupations (5-12 of them),
mostly derived from the work history and confirmed, some assessed by the counsellor, some
still waiting for the person to confirm; licences are those the field asks for
(`licences_for`), each with its expiry date.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from kohtaamo.demo import names
from kohtaamo.demo.employers import (
    EMPLOYERS,
    PARTNERS,
    TE_OFFICE,
    EmployerRow,
    ascii_slug,
)
from kohtaamo.demo.occupations import (
    SECTOR_PREFERRED,
    OccupationFacts,
    company_title,
    largest_remainder,
    licences_for,
    occupation_choices,
    pick,
    pick_skills,
    sectors_for_group,
)
from kohtaamo.demo.vacancies import allocate
from kohtaamo.lang.vocabulary import LICENCE_URI_PREFIX

TODAY = date(2026, 11, 23)  # the demo's "today": dates are planned back from it
CLIENT_TOTAL = 1500
REDU = "Koulutuskuntayhtymä REDU"
LAPPIA = "Lappia"
KEMI = "Kemin kaupunki"
ROVANIEMI = "Rovaniemen kaupungin työllisyyspalvelut"

# The coordinators responsible for the clients of each organisation, with weights.
COORDINATORS = {
    ROVANIEMI: (("rovaniemi.coordinator", 6), ("rovaniemi.coach", 4)),
    KEMI: (("kemi.coordinator", 1),),
    "Kolarin kunta": (("kolari.coordinator", 1),),
    "Ranuan kunta": (("ranua.coordinator", 1),),
    TE_OFFICE: (("te.coordinator", 1),),
}

# ISCO groups where the job seekers' usual occupations are not those ESCO lists first.
SEEKER_PREFERRED = {
    "7131": {"7131.1": 4, "7131.3": 1},
    "5312": {"5312.2": 1, "5312.3": 1, "5312.4": 1, "5312.1": 1},
    "7422": {"7422.2": 2, "7422.7": 1, "7422.5": 1},
    "3512": {"3512.4": 2, "3512.1": 2},
    "7531": {"7531.5": 2, "7531.2": 2},
    "3339": {"3339.1": 2, "3339.4": 1},
    "3141": {"3141.2": 1},
    "7421": {"7421.3": 1, "7421.7": 1},
    "7523": {"7523.3": 1, "7523.4": 1, "7523.6": 1},
    "3313": {"3313.2": 2, "3313.1": 1},
    "2651": {"2651.1": 1, "2651.4": 1},
    "7512": {"7512.1": 2, "7512.5": 1},
    "2132": {"2132.5": 2, "2132.2": 1},
    "2320": {"2320.1": 3, "2320.1.24": 1, "2320.1.13": 1},
    "4110": {"4110.1": 1},
    "9629": {"9629.5": 1, "9629.6": 1},
    "4419": {"4419.2": 1},
    "6130": {"6130.1": 1, "6130.2": 1},
}
# Where Lapland has work: what career changers wish to retrain for.
CAREER_CHANGE_GROUPS = {"5321": 4, "5120": 3, "8342": 3, "9112": 2, "7212": 2, "5311": 2,
                        "8332": 2, "5131": 1}  # fmt: skip
SEASONAL_GROUPS = ("5113", "5131", "5120", "9112", "4224", "3423", "5246", "9412", "5230",
                   "6121", "9211", "7115", "8342", "9312", "9313", "7111")  # fmt: skip
TOWNS = ("698", "240", "851", "241")
# Neighbouring municipalities, for the places a person would commute to.
NEIGHBOURS = {
    "698": ("683", "845", "320", "758", "976"), "240": ("241", "851", "751", "845"),
    "851": ("240", "241", "976"), "241": ("240", "851", "845", "751"),
    "751": ("240", "241", "683"), "845": ("241", "698", "976"),
    "320": ("698", "583", "732", "614"), "148": ("890", "758"),
    "261": ("273", "498", "758", "698"), "758": ("261", "148", "583", "698"),
    "732": ("320", "742", "614"), "273": ("498", "261", "854"),
    "976": ("854", "851", "698", "845"), "614": ("683", "320", "732"),
    "683": ("698", "614", "751"), "854": ("273", "976", "698"), "498": ("273", "047", "261"),
    "047": ("498", "261"), "742": ("732", "583", "758"), "890": ("148",),
    "583": ("320", "758", "742"),
}  # fmt: skip
RESORTS = ("261", "273", "148")  # Levi, Ylläs, Saariselkä: where the winter season's work is

AGE_BANDS = (((18, 24), 18), ((25, 29), 12), ((30, 39), 15), ((40, 49), 15), ((50, 54), 10),
             ((55, 59), 17), ((60, 64), 13))  # fmt: skip
# Share of men by ISCO code prefix (the longest matching prefix wins).
MALE_SHARE = {
    "1": 0.55, "2": 0.45, "21": 0.8, "22": 0.1, "23": 0.3, "25": 0.75, "3": 0.5, "31": 0.8,
    "32": 0.15, "34": 0.45, "3412": 0.2, "4": 0.25, "5": 0.35, "51": 0.45, "5141": 0.15,
    "53": 0.1, "54": 0.75, "6": 0.7, "7": 0.82, "75": 0.45, "7531": 0.1, "8": 0.78, "9": 0.45,
    "91": 0.15, "93": 0.75, "94": 0.3, "96": 0.55,
}  # fmt: skip
# Education by ISCO major group (professionals, technicians, skilled, elementary; the young).
EDUCATION = {
    "professional": {"university": 55, "uas": 38, "specialist_vocational": 5, "unknown": 2},
    "technician": {"uas": 40, "specialist_vocational": 22, "vocational": 30, "university": 6,
                   "unknown": 2},
    "skilled": {"vocational": 60, "specialist_vocational": 9, "basic": 18,
                "general_upper_secondary": 6, "none": 1, "uas": 4, "unknown": 2},
    "elementary": {"basic": 40, "vocational": 38, "general_upper_secondary": 8, "none": 4,
                   "specialist_vocational": 3, "unknown": 7},
    "young": {"vocational": 52, "basic": 28, "general_upper_secondary": 17, "none": 1,
              "unknown": 2},
}  # fmt: skip
NO_VOCATIONAL = ("none", "basic", "general_upper_secondary")
STATUSES = {"active": 84, "employed": 6, "in_training": 6, "inactive": 4}
IMMIGRANT_LANGUAGES = {"ru": 22, "uk": 18, "ar": 14, "et": 12, "fa": 10, "so": 8, "th": 8,
                       "tl": 8}  # fmt: skip
SAMI_SHARE = {"890": 0.45, "148": 0.15, "047": 0.2, "758": 0.05}
SWEDISH_SHARE = {"851": 0.06, "976": 0.03, "240": 0.02}


@dataclass(frozen=True)
class LanguagePlan:
    code: str
    level: str  # CEFR A1-C2 or "native"


@dataclass(frozen=True)
class CompetencePlan:
    uri: str
    kind: str  # skill / licence
    source: str  # work_history / counsellor / self / certificate
    level: int
    confirmed: bool = True
    years: float = 0.0  # work_history: the years in occupations that need the skill
    expires_on: date | None = None
    evidence: str = ""


@dataclass(frozen=True)
class JobPlan:
    occupation_uri: str
    title: str
    employer_name: str
    years: float
    ended_year: int


@dataclass(frozen=True)
class ConsentPlan:
    organisation: str
    scope: str  # competences / full
    given_on: date
    valid_until: date
    recorded_by: str  # username
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class ClientPlan:
    key: str  # stable: the public id is derived from it
    organisation: str
    responsible: str  # username
    first_name: str
    last_name: str
    email: str
    phone: str
    birth_year: int
    gender: str
    municipality: str  # code
    education_level: str
    unemployment_start: date
    immigrant: bool
    partial_work_ability: bool
    status: str
    last_contact_on: date
    created_on: date
    wished_occupations: tuple[str, ...]  # occupation URIs
    wished_municipalities: tuple[str, ...]  # codes
    commuting_radius_km: int
    season_wish: str
    hours_wish: str
    willing_to_relocate: bool
    languages: tuple[LanguagePlan, ...]
    competences: tuple[CompetencePlan, ...]
    work_history: tuple[JobPlan, ...]
    consents: tuple[ConsentPlan, ...] = ()
    strengths_counsellor: str = ""
    strengths_own: str = ""
    development_counsellor: str = ""
    development_own: str = ""
    note: str = ""
    username: str = ""  # the person's own login, if they have one


# -- The mix ------------------------------------------------------------------------------------


def yearly_unemployed(series: dict, *, year: str, codes) -> dict[str, float]:
    """Average month-end unemployed in `year` of the series whose code passes `codes`."""
    mix = {}
    for code, months in series.items():
        values = [m.unemployed for m in months if m.month.startswith(year)]
        if codes(code) and values and (average := sum(values) / len(values)) > 0:
            mix[code] = average
    return mix


def seeker_choices(
    group: str, occupations: list[OccupationFacts], sector: str = ""
) -> list[tuple[OccupationFacts, int]]:
    """The occupations of an ISCO group a job seeker has done, with weights."""
    if group in SEEKER_PREFERRED and (sector, group) not in SECTOR_PREFERRED:
        by_code = {o.code: o for o in occupations}
        chosen = [(by_code[c], w) for c, w in SEEKER_PREFERRED[group].items() if c in by_code]
        if chosen:
            return chosen
    return occupation_choices(group, occupations, sector)


@dataclass(frozen=True)
class PastJob:
    """What the plan knows of a job in the work history: for skills, licences and wishes."""

    occupation: OccupationFacts
    sector: str
    employer: EmployerRow | None


@dataclass
class _Context:
    occupations: dict[str, list[OccupationFacts]]
    mix: dict[str, float]
    licence_years: dict[str, int | None]
    used_names: set = field(default_factory=set)
    used_emails: set = field(default_factory=set)
    used_phones: set = field(default_factory=set)


def plan_clients(
    rng: random.Random,
    *,
    unemployed_by_municipality: dict[str, float],
    unemployed_by_group: dict[str, float],
    occupations: dict[str, list[OccupationFacts]],
    licence_years: dict[str, int | None],
    total: int = CLIENT_TOTAL,
) -> list[ClientPlan]:
    """The demo clients, the same for the same random generator state and facts.

    `occupations` maps an ISCO group to the ESCO occupations the demo may use (with their
    skills); `licence_years` a licence code to its validity (None: does not expire).
    """
    municipalities = largest_remainder(unemployed_by_municipality, total)
    homes = [code for code in sorted(municipalities) for _ in range(municipalities[code])]
    counts = allocate(unemployed_by_group, set(occupations), total)
    groups = [g for g in sorted(counts) for _ in range(counts[g])]
    rng.shuffle(groups)
    seeds = [rng.getrandbits(64) for _ in homes]
    context = _Context(occupations, unemployed_by_group, licence_years)
    return [
        _client(random.Random(seed), f"{index + 1:04d}", home, group, context)
        for index, (home, group, seed) in enumerate(zip(homes, groups, seeds, strict=False))
    ]


# -- One person ---------------------------------------------------------------------------------


def _client(rng: random.Random, key: str, home: str, group: str, context: _Context) -> ClientPlan:
    age = _age(rng)
    birth_year = TODAY.year - age
    origin = _origin(rng, home)
    gender = _gender(rng, group)
    first, last = _name(rng, origin, gender, birth_year, context.used_names)
    partial = rng.random() < (0.05 if age < 30 else 0.09 if age < 55 else 0.16)
    education = _education(rng, group, age)
    start = _unemployment_start(rng, age, partial)
    status = pick(rng, list(STATUSES.items()))
    last_contact = _last_contact(rng, start, status)
    created = _created(rng, start, last_contact)
    organisation = PARTNERS.get(home, (TE_OFFICE,))[0]
    responsible = pick(rng, list(COORDINATORS[organisation]))
    jobs, past = _work_history(rng, group, home, birth_year, start, context)
    licences = _licences(rng, group, past, age, context.licence_years)
    flags = {
        "partial": partial,
        "immigrant": origin in names.IMMIGRANT_NAMES,
        "long_term": (TODAY - start).days >= 365,
        "no_vocational": education in NO_VOCATIONAL,
        "expired": any(c.expires_on and c.expires_on < TODAY for c in licences),
        "seasonal": group in SEASONAL_GROUPS,
    }
    texts = _texts(rng, flags)
    return ClientPlan(
        key=key,
        organisation=organisation,
        responsible=responsible,
        first_name=first,
        last_name=last,
        email=_email(rng, first, last, age, context.used_emails),
        phone=_phone(rng, context.used_phones),
        birth_year=birth_year,
        gender=gender,
        municipality=home,
        education_level=education,
        unemployment_start=start,
        immigrant=flags["immigrant"],
        partial_work_ability=partial,
        status=status,
        last_contact_on=last_contact,
        created_on=created,
        **_wishes(rng, group, home, age, partial, past, context),
        languages=_languages(rng, origin, age, education, home),
        competences=(*_skills(rng, jobs, past), *licences),
        work_history=tuple(jobs),
        consents=_consents(rng, organisation, responsible, status, age, education, created),
        **texts,
    )


def _age(rng: random.Random) -> int:
    low, high = pick(rng, list(AGE_BANDS))
    return rng.randint(low, high)


def _origin(rng: random.Random, home: str) -> str:
    """ "fi", "sv", "se" (Sámi) or an immigrant's native language."""
    if rng.random() < (0.10 if home in ("698", "851") else 0.045):
        return pick(rng, list(IMMIGRANT_LANGUAGES.items()))
    if rng.random() < SAMI_SHARE.get(home, 0):
        return "se"
    if rng.random() < SWEDISH_SHARE.get(home, 0):
        return "sv"
    return "fi"


def _share(table: dict[str, float], code: str) -> float:
    prefix = max((p for p in table if code.startswith(p)), key=len)
    return table[prefix]


def _gender(rng: random.Random, group: str) -> str:
    if rng.random() < 0.01:
        return rng.choice(["other", "not_told"])
    return "male" if rng.random() < _share(MALE_SHARE, group) else "female"


def _name(rng, origin: str, gender: str, birth_year: int, used: set) -> tuple[str, str]:
    """A first and last name not yet used in the demo."""
    gender = gender if gender in ("male", "female") else rng.choice(["male", "female"])
    while True:
        first, last = _draw_name(rng, origin, gender, birth_year)
        if (first, last) not in used:
            used.add((first, last))
            return first, last


def _draw_name(rng, origin: str, gender: str, birth_year: int) -> tuple[str, str]:
    if origin in names.IMMIGRANT_NAMES:
        table = names.IMMIGRANT_NAMES[origin]
        male, female = rng.choice(table["last"])
        return rng.choice(table[gender]), male if gender == "male" else female
    if origin == "se":
        first = rng.choice(names.SAMI_FIRST[gender])
        return first, rng.choice(names.SAMI_LAST)
    if origin == "sv":
        return rng.choice(names.SWEDISH_FIRST[gender]), rng.choice(names.SWEDISH_LAST)
    generation = "older" if birth_year < 1980 else "younger"
    return rng.choice(names.FINNISH_FIRST[gender, generation]), rng.choice(names.FINNISH_LAST)


def _education(rng: random.Random, group: str, age: int) -> str:
    major = group[:1]
    if major in ("1", "2"):
        table = EDUCATION["professional"]
    elif major == "3":
        table = EDUCATION["technician"]
    elif age < 25:
        table = EDUCATION["young"]
    else:
        table = EDUCATION["elementary" if major == "9" else "skilled"]
    return pick(rng, list(table.items()))


def _unemployment_start(rng: random.Random, age: int, partial: bool) -> date:
    """Long-term (a year or more, kept 400+ days so that the flag holds for a while) more
    often with age and partial work ability; never before the age of 17."""
    chance = 0.2 if age < 25 else 0.3 if age < 55 else 0.52
    longest = (age - 17) * 365
    if rng.random() < chance + (0.2 if partial else 0) and longest > 400:
        low, high = pick(rng, [((400, 730), 5), ((731, 1460), 3), ((1461, 2500), 2)])
        return TODAY - timedelta(days=min(rng.randint(low, high), longest))
    return TODAY - timedelta(days=rng.randint(10, 330))


def _last_contact(rng: random.Random, start: date, status: str) -> date:
    low, high = (120, 182) if status == "inactive" else (0, 182)
    days = min(rng.randint(low, high), (TODAY - start).days)
    return TODAY - timedelta(days=days)


def _created(rng: random.Random, start: date, last_contact: date) -> date:
    earliest = min(max(start + timedelta(days=rng.randint(2, 30)), date(2024, 1, 8)), last_contact)
    return earliest + timedelta(days=rng.randint(0, (last_contact - earliest).days // 3))


# -- Work history and competences ---------------------------------------------------------------


@cache
def _employers_of(sector: str) -> tuple[EmployerRow, ...]:
    return tuple(e for e in EMPLOYERS if e.sector == sector)


@cache
def _sectors_of(group: str) -> tuple[tuple[str, int], ...]:
    return tuple(sectors_for_group(group))


def _employer(rng: random.Random, sector: str, home: str) -> EmployerRow | None:
    """A demo employer of the sector, most likely one near home."""
    local = PARTNERS.get(home, (TE_OFFICE,))
    found = [
        (e, 4 if e.municipality == home else 2 if PARTNERS.get(e.municipality) == local else 1)
        for e in _employers_of(sector)
    ]
    return pick(rng, found) if found else None


def _related_group(rng: random.Random, group: str, context: _Context) -> str:
    """An ISCO group near `group` (same minor, then major group) for an earlier job."""
    for length in (3, 2, 1):
        near = [
            (g, context.mix.get(g, 0.1))
            for g in sorted(context.occupations)
            if g[:length] == group[:length] and g != group
        ]
        if near:
            return pick(rng, near)
    return group


def _job_count(rng: random.Random, age: int) -> int:
    if age < 25:
        return 1 if rng.random() < 0.8 else 2
    return pick(rng, [(1, 35), (2, 40), (3, 25)])


def _work_history(rng, group, home, birth_year, start, context) -> tuple[list, list[PastJob]]:
    """1-3 jobs, the latest first and ended when the unemployment began, none before the age
    of 17; with what the plan knows of each."""
    age = TODAY.year - birth_year
    jobs: list[JobPlan] = []
    past: list[PastJob] = []
    ended = start.year
    for index in range(_job_count(rng, age)):
        room = ended - birth_year - 17  # working years before the job ended
        if index and room < 1:
            break
        job_group = group
        if index and rng.random() < 0.5:
            job_group = _related_group(rng, group, context)
        sectors = _sectors_of(job_group)
        sector = pick(rng, list(sectors)) if sectors else ""
        occupation = pick(rng, seeker_choices(job_group, context.occupations[job_group], sector))
        employer = _employer(rng, sector, home)
        years = _years(rng, age, room)
        title = company_title(occupation)
        jobs.append(JobPlan(occupation.uri, title, employer.name if employer else "", years, ended))
        past.append(PastJob(occupation, sector, employer))
        ended -= math.ceil(years) + rng.randint(0, 1)
    return jobs, past


def _years(rng: random.Random, age: int, available: float) -> float:
    choices = [0.5, 1, 1.5, 2, 3] if age < 25 else [1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15]
    return float(min(rng.choice(choices), max(0.5, math.floor(available * 2) / 2)))


def _skills(rng: random.Random, jobs: list[JobPlan], past: list[PastJob]) -> list:
    """5-12 essential skills of the past occupations: derived from the work history (most
    confirmed, some waiting for the person to confirm), some assessed by the counsellor, and
    for some a few self-assessed optional ones."""
    years: dict[str, float] = {}
    for job, done in zip(jobs, past, strict=True):
        for skill in done.occupation.essential:
            years[skill.uri] = years.get(skill.uri, 0) + job.years
    chosen = _choose_skills(rng, [p.occupation for p in past], rng.randint(5, 12))
    assessed = _assessed(rng, chosen)
    waiting = _waiting(rng, [uri for uri in chosen if uri not in assessed])
    result = [
        CompetencePlan(uri, "skill", "counsellor", level, evidence=rng.choice(COUNSELLOR_EVIDENCE))
        if (level := assessed.get(uri))
        else CompetencePlan(uri, "skill", "work_history", 0, uri not in waiting, years[uri])
        for uri in chosen
    ]
    return result + _self_assessed(rng, past[0].occupation, set(chosen))


def _assessed(rng: random.Random, chosen: list[str]) -> dict[str, int]:
    """For about three in ten, the counsellor has assessed 2-5 of the skills: their levels."""
    if rng.random() >= 0.3 or len(chosen) < 2:
        return {}
    picked = rng.sample(chosen, rng.randint(2, min(5, len(chosen))))
    return {uri: pick(rng, [(2, 2), (3, 4), (4, 3), (5, 1)]) for uri in picked}


COUNSELLOR_EVIDENCE = [
    "Arvioitu ohjauskeskustelussa",
    "Näytetty työkokeilussa",
    "Työnantajan palaute",
    "Arvioitu työpajajaksolla",
]


def _choose_skills(rng, occupations: list[OccupationFacts], count: int) -> list[str]:
    """About two thirds from the latest occupation (its most specific first), the rest from
    the earlier ones."""
    latest = occupations[0]
    own = count if len(occupations) == 1 else math.ceil(count * 2 / 3)
    chosen = [s.uri for s in pick_skills(rng, latest.essential, own, own, core=2)]
    earlier = sorted({s.uri for o in occupations[1:] for s in o.essential} - set(chosen))
    chosen += rng.sample(earlier, min(len(earlier), count - len(chosen)))
    rest = [s.uri for s in latest.essential if s.uri not in chosen]
    return chosen + rest[: max(0, count - len(chosen))]


def _waiting(rng: random.Random, derived: list[str]) -> set[str]:
    """For about one in eight, 2-5 derived skills still wait for the person to confirm."""
    if rng.random() >= 0.12 or len(derived) < 2:
        return set()
    return set(rng.sample(derived, rng.randint(2, min(5, len(derived)))))


def _self_assessed(rng, latest: OccupationFacts, held: set[str]) -> list[CompetencePlan]:
    if rng.random() >= 0.15:
        return []
    optional = [s for s in latest.optional if s.uri not in held]
    picked = rng.sample(optional, min(len(optional), rng.randint(1, 3)))
    return [CompetencePlan(s.uri, "skill", "self", rng.randint(2, 4)) for s in picked]


def _licences(rng, group, past: list[PastJob], age, validity: dict) -> list[CompetencePlan]:
    """The cards of the latest job's field (most of the mandatory ones, some of the others)
    and, for most adults, a driving licence; each issued some years ago, a few expired."""
    codes = []
    if past:
        industry = past[0].employer.industry if past[0].employer else ""
        for rule in licences_for(group, past[0].sector, industry, rng):
            chance = 0.85 if rule.mandatory else 0.6 if rule.essential else 0.3
            if rng.random() < chance:
                codes.append(rule.code)
    if age >= 19 and "ajokortti-b" not in codes and rng.random() < 0.75:
        codes.append("ajokortti-b")
    longest = max(60, (age - 17) * 365)  # not before the age of 17
    issued = {
        code: TODAY - timedelta(days=rng.randint(30, _back(validity[code], longest)))
        for code in codes
        if code in validity
    }
    return [_issued(code, day, validity) for code, day in issued.items()]


def _back(years: int | None, longest: int) -> int:
    """How many days ago a card may have been issued: within its validity and a bit more
    (a few have expired), or up to 8 years for cards that never expire."""
    return min((years or 8) * 365 + 200, longest)


def _add_years(day: date, years: int) -> date:
    return date(day.year + years, day.month, min(day.day, 28))


# -- Wishes, languages, contact, consent and texts ----------------------------------------------


def _wishes(rng, group: str, home: str, age: int, partial: bool, past, context) -> dict:
    relocate = rng.random() < (0.3 if age < 30 else 0.12 if age < 55 else 0.04)
    season = _season_wish(rng, group)
    radii = [20, 20, 30, 30, 40, 50] if home in TOWNS else [30, 40, 50, 60, 80]
    return {
        "wished_occupations": _wished_occupations(rng, group, past, context),
        "wished_municipalities": _wished_places(rng, home, relocate, season),
        "commuting_radius_km": rng.choice(radii),
        "season_wish": season,
        "hours_wish": _hours_wish(rng, age, partial),
        "willing_to_relocate": relocate,
    }


def _wished_occupations(rng, group: str, past: list[PastJob], context) -> tuple[str, ...]:
    """The latest occupation; for some also an earlier or a related one, and for career
    changers one that Lapland's employers are short of."""
    wished = [past[0].occupation.uri]
    if rng.random() < 0.4:
        others = [p.occupation.uri for p in past[1:]]
        others = others or [o.uri for o, _ in seeker_choices(group, context.occupations[group])]
        if others := [uri for uri in others if uri not in wished]:
            wished.append(rng.choice(others))
    targets = [
        (g, weight)
        for g, weight in CAREER_CHANGE_GROUPS.items()
        if g in context.occupations and g != group
    ]
    if rng.random() < 0.08 and targets:
        target = pick(rng, targets)
        wished.append(pick(rng, seeker_choices(target, context.occupations[target])).uri)
    return tuple(dict.fromkeys(wished))


def _wished_places(rng, home: str, relocate: bool, season: str) -> tuple[str, ...]:
    """Home and some neighbours; Rovaniemi for those who would move, a fell resort for some
    who want seasonal work."""
    nearby = NEIGHBOURS[home]
    places = [home, *rng.sample(nearby, min(len(nearby), rng.choice([0, 0, 1, 1, 2])))]
    if relocate and "698" not in places:
        places.append("698")
    resort = rng.choice(RESORTS)
    if season == "seasonal" and rng.random() < 0.5 and resort not in places:
        places.append(resort)
    return tuple(places)


def _season_wish(rng: random.Random, group: str) -> str:
    if group in SEASONAL_GROUPS:
        return pick(rng, [("seasonal", 40), ("any", 35), ("year_round", 25)])
    return pick(rng, [("year_round", 50), ("any", 45), ("seasonal", 5)])


def _hours_wish(rng: random.Random, age: int, partial: bool) -> str:
    if partial:
        return pick(rng, [("part", 60), ("any", 30), ("full", 10)])
    if age >= 60:
        return pick(rng, [("full", 50), ("any", 30), ("part", 20)])
    return pick(rng, [("full", 60), ("any", 35), ("part", 5)])


def _languages(rng, origin: str, age: int, education: str, home: str) -> tuple[LanguagePlan, ...]:
    """Finnish natively (with Sámi or Swedish in some homes); school English and Swedish;
    immigrants their own language and Finnish A1-B2."""
    if origin in names.IMMIGRANT_NAMES:
        return _immigrant_languages(rng, origin)
    higher = education in ("uas", "university")
    if origin == "se":
        result = [LanguagePlan("se", "native"), LanguagePlan("fi", "native")]
    elif origin == "sv":
        result = [
            LanguagePlan("sv", "native"),
            LanguagePlan("fi", rng.choice(["native", "C1", "B2"])),
        ]
    else:
        result = [LanguagePlan("fi", "native")]
    if english := _english(rng, age, higher):
        result.append(LanguagePlan("en", english))
    border = home in ("851", "976")
    if origin != "sv" and rng.random() < (0.55 if border else 0.3 + 0.2 * higher):
        result.append(
            LanguagePlan("sv", "B1" if higher or (border and rng.random() < 0.5) else "A2")
        )
    if origin == "se" and rng.random() < 0.25:
        result.append(LanguagePlan("no", "B1"))
    return tuple(result)


def _english(rng: random.Random, age: int, higher: bool) -> str:
    if age < 30:
        level = pick(rng, [("C1", 15), ("B2", 50), ("B1", 30), ("A2", 5)])
    elif age < 55:
        level = pick(rng, [("B2", 25), ("B1", 45), ("A2", 25), ("", 5)])
    else:
        level = pick(rng, [("B1", 20), ("A2", 40), ("A1", 15), ("", 25)])
    return {"A1": "A2", "A2": "B1", "B1": "B2"}.get(level, level) if higher else level


def _immigrant_languages(rng: random.Random, origin: str) -> tuple[LanguagePlan, ...]:
    finnish = pick(rng, [("A1", 10), ("A2", 40), ("B1", 35), ("B2", 15)])
    result = [LanguagePlan(origin, "native"), LanguagePlan("fi", finnish)]
    if rng.random() < (0.3 if origin in ("ru", "uk", "et") else 0.6):
        result.append(LanguagePlan("en", rng.choice(["A2", "B1", "B1", "B2", "C1"])))
    if origin == "uk" and rng.random() < 0.4:
        result.append(LanguagePlan("ru", "C1"))
    return tuple(result)


def _email(rng: random.Random, first: str, last: str, age: int, used: set) -> str:
    """About half have an email address, the young more often; all at example.fi."""
    if rng.random() >= (0.65 if age < 30 else 0.5 if age < 55 else 0.35):
        return ""
    base = f"{ascii_slug(first)}.{ascii_slug(last)}"
    email, number = f"{base}@example.fi", 1
    while email in used:
        number += 1
        email = f"{base}{number}@example.fi"
    used.add(email)
    return email


def _phone(rng: random.Random, used: set) -> str:
    """Most have a mobile number, all in +358 40 0xxxxxx (the demo's fictional range)."""
    if rng.random() >= 0.88:
        return ""
    while True:
        digits = f"0{rng.randrange(100, 1_000_000):06d}"
        if digits not in used:
            used.add(digits)
            return f"+358 40 {digits[:3]} {digits[3:]}"


def _consents(rng, organisation, responsible, status, age, education, created) -> tuple:
    """About 15 %, most of those in training, have let a vocational college join their team:
    REDU, or Lappia in Kemi-Tornio; valid for a year or two, a few withdrawn since."""
    chance = 0.08 + (0.1 if age < 30 else 0) + (0.08 if education in NO_VOCATIONAL else 0)
    if rng.random() >= (0.55 if status == "in_training" else chance):
        return ()
    earliest = max(created, TODAY - timedelta(days=300))
    given = earliest + timedelta(days=rng.randint(0, max(0, (TODAY - earliest).days - 1)))
    withdrawn = None
    if (TODAY - given).days > 2 and rng.random() < 0.04:
        withdrawn = given + timedelta(days=rng.randint(1, (TODAY - given).days - 1))
    return (
        ConsentPlan(
            organisation=LAPPIA if organisation == KEMI else REDU,
            scope=pick(rng, [("competences", 7), ("full", 3)]),
            given_on=given,
            valid_until=_add_years(given, rng.choice([1, 1, 2])),
            recorded_by=responsible,
            withdrawn_on=withdrawn,
        ),
    )


COUNSELLOR_STRENGTHS = [
    "Kokemusta alalta ja hyvä työmoraali.",
    "Oma-aloitteinen ja täsmällinen.",
    "Hyvät asiakaspalvelutaidot.",
    "Sopeutuu nopeasti uusiin tehtäviin.",
    "Motivoitunut oppimaan uutta.",
    "Luotettava ja tunnollinen.",
    "Hyvät käytännön taidot.",
    "Tulee hyvin toimeen erilaisten ihmisten kanssa.",
    "Valmis vuoro- ja kausityöhön.",
    "Hyvä fyysinen kunto ja kokemusta ulkotöistä.",
]
# (when it applies, text): "any" always, otherwise a flag of the person.
COUNSELLOR_DEVELOPMENT = [
    ("any", "Tarvitsee tukea työnhakuun ja hakemusten laatimiseen."),
    ("any", "Digitaidot kaipaavat vahvistamista, esimerkiksi verkkohakemusten täyttäminen."),
    ("any", "Ajantasainen CV puuttuu; laaditaan yhdessä."),
    ("immigrant", "Suomen kielen taitoa kannattaa vahvistaa työn ohessa."),
    ("no_vocational", "Ammatillinen tutkinto puuttuu: oppisopimus tai tutkinnon osat voisivat "
     "sopia."),
    ("partial", "Sopivat tehtävät ja työaika etsitään yhdessä työkyvyn mukaan."),
    ("long_term", "Pitkä tauko työelämästä: työkokeilu voisi madaltaa paluun kynnystä."),
    ("expired", "Osa korteista on vanhentunut; päivitys ennen seuraavaa kautta."),
]  # fmt: skip
OWN_STRENGTHS = [
    "Olen ahkera ja teen mielelläni käsilläni.",
    "Osaan palvella asiakkaita ja pysyn rauhallisena kiireessä.",
    "Olen täsmällinen ja luotettava.",
    "Opin nopeasti uusia asioita.",
    "Viihdyn ulkotöissä kaikilla säillä.",
    "Tulen toimeen kaikenlaisten ihmisten kanssa.",
]
OWN_DEVELOPMENT = [
    ("any", "Haluaisin oppia lisää tietotekniikkaa."),
    ("any", "Tarvitsen apua työhakemusten kirjoittamiseen."),
    ("immigrant", "Haluan puhua suomea paremmin."),
    ("expired", "Korttini pitää uusia."),
    ("no_vocational", "Haluaisin suorittaa ammatillisen tutkinnon."),
]
NOTES = [
    ("any", "Kiinnostunut oppisopimuksesta."),
    ("any", "Toivoo työkokeilua ennen työsuhdetta."),
    ("any", "Asuu kylällä, julkinen liikenne rajallinen."),
    ("any", "Ohjattu ammatinvalinnanohjaukseen."),
    ("long_term", "Palkkatuki mahdollinen."),
    ("seasonal", "Sopii kausitöihin matkailukeskuksissa."),
]


def _applying(items: list[tuple[str, str]], flags: dict[str, bool]) -> list[str]:
    return [text for when, text in items if when == "any" or flags.get(when)]


def _texts(rng: random.Random, flags: dict[str, bool]) -> dict[str, str]:
    """Strengths and development needs in Finnish for about a third; notes for some."""
    texts = {}
    if rng.random() < 0.35:
        texts["strengths_counsellor"] = " ".join(rng.sample(COUNSELLOR_STRENGTHS, 2))
        needs = _applying(COUNSELLOR_DEVELOPMENT, flags)
        texts["development_counsellor"] = " ".join(rng.sample(needs, 2))
    if rng.random() < 0.15:
        texts["strengths_own"] = rng.choice(OWN_STRENGTHS)
    if rng.random() < 0.1:
        texts["development_own"] = rng.choice(_applying(OWN_DEVELOPMENT, flags))
    if rng.random() < 0.15:
        texts["note"] = rng.choice(_applying(NOTES, flags))
    return texts


# -- The job seeker who logs in -----------------------------------------------------------------

DEMO_SEEKER = "demo.seeker"


def _occupation(occupations: dict[str, list[OccupationFacts]], code: str) -> OccupationFacts:
    group = occupations[code.split(".")[0]]
    return next((o for o in group if o.code == code), group[0])


def plan_demo_seeker(
    *, occupations: dict[str, list[OccupationFacts]], licence_years: dict[str, int | None]
) -> ClientPlan:
    """Sanna Esimerkki of Rovaniemi, who logs in as `demo.seeker`: a cook and waitress of
    tourism restaurants, out of work since the spring, who has let REDU see her competences.
    Some skills her work history suggests wait for her to confirm them in her own view, and
    her first aid card has expired."""
    rng = random.Random(DEMO_SEEKER)
    cook, waiter = _occupation(occupations, "5120.1"), _occupation(occupations, "5131.2")
    jobs = (
        JobPlan(cook.uri, "Kokki", "Ravintola Kaamoskammi Oy", 4.0, 2026),
        JobPlan(waiter.uri, "Tarjoilija", "Ounasvaaran Rinnehotelli Oy", 2.5, 2021),
    )
    years = {s.uri: 0.0 for o in (cook, waiter) for s in o.essential}
    for job, occupation in zip(jobs, (cook, waiter), strict=True):
        for skill in occupation.essential:
            years[skill.uri] += job.years
    chosen = [s.uri for s in pick_skills(rng, cook.essential, 6, 6, core=2)]
    chosen += [s.uri for s in pick_skills(rng, waiter.essential, 3, 3) if s.uri not in chosen]
    skills = [
        CompetencePlan(chosen[0], "skill", "counsellor", 4, evidence=COUNSELLOR_EVIDENCE[2]),
        CompetencePlan(chosen[1], "skill", "counsellor", 3, evidence=COUNSELLOR_EVIDENCE[0]),
        *(CompetencePlan(uri, "skill", "work_history", 0, index < 3, years=years[uri])
          for index, uri in enumerate(chosen[2:])),
    ]  # fmt: skip
    licences = [
        _issued("hygieniapassi", date(2015, 8, 17), licence_years),
        _issued("anniskelupassi", date(2019, 5, 6), licence_years),
        _issued("ajokortti-b", date(2016, 6, 1), licence_years),
        _issued("ea1", date(2022, 10, 12), licence_years),  # expired: shows the warning
    ]
    return ClientPlan(
        key="seeker",
        organisation=ROVANIEMI,
        responsible="rovaniemi.coordinator",
        first_name="Sanna",
        last_name="Esimerkki",
        email="sanna.esimerkki@example.fi",
        phone="+358 40 000 0001",
        birth_year=1991,
        gender="female",
        municipality="698",
        education_level="vocational",
        unemployment_start=date(2026, 3, 30),
        immigrant=False,
        partial_work_ability=False,
        status="active",
        last_contact_on=TODAY - timedelta(days=12),
        created_on=date(2026, 4, 6),
        wished_occupations=(cook.uri, waiter.uri),
        wished_municipalities=("698", "261"),
        commuting_radius_km=40,
        season_wish="any",
        hours_wish="full",
        willing_to_relocate=False,
        languages=(
            LanguagePlan("fi", "native"),
            LanguagePlan("en", "B2"),
            LanguagePlan("sv", "A2"),
        ),
        competences=(*skills, *licences),
        work_history=jobs,
        consents=(
            ConsentPlan(
                REDU, "competences", date(2026, 10, 12), date(2027, 10, 12), "rovaniemi.coordinator"
            ),
        ),
        strengths_counsellor="Kokemusta sekä keittiöstä että salista. Rauhallinen kiireessä.",
        development_counsellor="Ravintola-alan tutkinnon osia voisi tunnistaa REDUssa.",
        strengths_own="Pysyn rauhallisena kiireessä ja tykkään tehdä ruokaa.",
        development_own="Haluaisin oppia lisää erityisruokavalioista.",
        username=DEMO_SEEKER,
    )


def _issued(code: str, issued: date, validity: dict[str, int | None]) -> CompetencePlan:
    years = validity.get(code)
    return CompetencePlan(
        LICENCE_URI_PREFIX + code, "licence", "certificate", 3,
        expires_on=_add_years(issued, years) if years else None,
        evidence=f"myönnetty {issued.day}.{issued.month}.{issued.year}",
    )  # fmt: skip
