"""Which occupations the demo employers ask for and what they require of them.

Pure functions over plain data (no Django): the ESCO facts are read by services.py and passed in
as `OccupationFacts`. The vacancy mix comes from Lapland's employment service statistics; the
rules below (licences by field, languages) are what Lapland's employers typically ask for.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

from kohtaamo.demo.employers import SECTORS

EXCAVATOR_OPERATOR = "8342.3"


@dataclass(frozen=True)
class SkillLink:
    uri: str
    label_fi: str
    occupation_count: int  # in how many occupations ESCO calls it essential: low = specific


@dataclass(frozen=True)
class OccupationFacts:
    uri: str
    code: str  # ESCO code, e.g. "8342.3"
    label_fi: str
    skill_count: int = 0  # essential and optional skills in ESCO
    essential: tuple[SkillLink, ...] = ()  # most specific first
    optional: tuple[SkillLink, ...] = ()

    @property
    def isco(self) -> str:
        return isco_group(self.code)


def isco_group(code: str) -> str:
    """The 4-digit ISCO group of an ESCO occupation code ("8342.3" -> "8342")."""
    return code.split(".")[0]


def largest_remainder(weights: dict[str, float], total: int) -> dict[str, int]:
    """Split `total` in proportion to `weights` (Hamilton's method); ties go to the lower key."""
    whole = sum(weights.values())
    if not whole:
        return dict.fromkeys(weights, 0)
    quotas = {key: total * value / whole for key, value in weights.items()}
    counts = {key: math.floor(quota) for key, quota in quotas.items()}
    rest = total - sum(counts.values())
    by_remainder = sorted(quotas, key=lambda key: (-(quotas[key] - counts[key]), key))
    for key in by_remainder[:rest]:
        counts[key] += 1
    return counts


# ESCO occupations Lapland's employers hire under an ISCO group, with weights, where the group's
# most detailed occupations would be unlikely here (train cleaners, wine sommeliers...).
PREFERRED = {
    "5120": {"5120.1": 6, "5120.1.4": 1, "5120.1.1": 1, "5120.1.3": 1},
    "5131": {"5131.2": 8, "5131.2.1": 1, "5131.1": 1},
    "5321": {"5321.1": 3, "5321.1.1": 1},
    "9112": {"9112.2": 3, "9112.4": 3},
    "9412": {"9412.1": 3, "9412.2": 1},
    "5223": {"5223.4": 6, "5223.7": 2},
    "5113": {"5113.1": 4, "5113.1.2": 1, "5113.1.1": 1},
    "3322": {"3322.1": 1},
    "7115": {"7115.1": 5, "7115.6": 1, "7115.4": 1},
    "4224": {"4224.1": 4, "4224.2": 1, "4224.1.1": 1},
    "7231": {"7231.10": 3, "7231.3": 2, "7231.7": 1},
    "5153": {"5153.1": 1},
    "5311": {"5311.1.3": 3, "5311.1": 1},
    "9333": {"9333.8": 3, "9333.8.1": 1, "9333.3": 1},
    "9629": {"9629.2": 2, "9629.3": 1, "9629.4": 1},
    "7119": {"7119.3": 2, "7119.1": 1, "7119.2": 1},
    "8332": {"8332.2": 4, "8332.4": 1, "8332.8": 1, "8332.3": 1},
    "3412": {"3412.4": 3, "3412.4.4": 1, "3412.4.10": 1},
    "7411": {"7411.1": 3, "7411.1.1": 2, "7411.1.1.2": 2},
    "6113": {"6113.1": 3, "6113.5": 1},
    "9312": {"9312.1": 3, "9312.1.3": 2, "9312.1.1": 1},
    "2342": {"2342.1": 1},
    "7126": {"7126.8": 3, "7126.1": 1, "7126.4": 1, "7126.14": 1},
    "7212": {"7212.3": 4, "7212.3.3": 1, "7212.4": 1},
    "8322": {"8322.7": 3, "8322.2": 2, "8322.5": 1},
    "8342": {"8342.3": 6, "8342.1": 1, "8342.4": 1, "8342.9": 2, "8342.7": 1, "8342.10": 1},
    "8172": {"8172.5": 3, "8172.3": 1, "8172.1": 1},
    "7233": {"7233.1": 3, "7233.7": 2, "7233.8.1": 1},
    "5414": {"5414.1": 4, "5414.1.6": 1},
    "2341": {"2341.1": 1},
    "2144": {"2144.1": 3, "2144.1.11": 1, "2144.1.23": 1},
    "5230": {"5230.1": 2, "5230.3": 1},
    "8211": {"8211.3": 1, "8211.5": 1},
    "3434": {"3434.1": 2, "3434.1.1": 1},
    "2330": {"2330.1": 1},
    "3123": {"3123.1.20": 2, "3123.1.3": 1, "3123.1.11": 1, "3123.1.4": 1},
    "7412": {"7412.3": 2, "7412.2": 1, "7412.7": 1},
    "8111": {"8111.4": 2, "8111.2": 2, "8111.5": 1, "8111.3": 1},
    "8112": {"8112.1": 2, "8112.2": 2, "8112.3": 1},
    "8113": {"8113.2": 1},
    "5419": {"5419.5": 2, "5419.7": 1},
    "5249": {"5249.2": 2, "5249.2.1.4": 1, "5249.3": 1},
    "3423": {"3423.1.2.2": 3, "3423.4": 1, "3423.1": 1},
    "7213": {"7213.4": 2, "7213.1": 1},
    "2635": {"2635.3": 1, "2635.3.14": 1},
    "7223": {"7223.4": 3, "7223.4.4": 1, "7223.4.3": 1},
    "2151": {"2151.1": 2, "2151.1.4": 1},
    "8219": {"8219.8": 2, "8219.11": 1},
    "8341": {"8341.1": 1},
    "8171": {"8171.5": 2, "8171.8": 2, "8171.2": 1},
    "3139": {"3139.3": 1},
    "3117": {"3117.4": 1, "3117.5": 1, "3117.3": 1},
    "2146": {"2146.6": 1, "2146.5.2": 1},
    "8121": {"8121.5": 1, "8121.3": 1},
    "4321": {"4321.1": 2, "4321.1.3": 1},
    "8160": {"8160.34": 1},
    "7514": {"7514.1": 1},
    "9211": {"9211.1": 1},
    "9329": {"9329.1": 1},
    "8331": {"8331.1": 1},
    "2221": {"2221.2": 1},
    "3255": {"3255.1": 1, "3255.2": 1},
    "5142": {"5142.10": 2, "5142.1": 1, "5142.7": 1},
    "5141": {"5141.1": 3, "5141.1.1": 1},
    "7522": {"7522.2": 1},
    "2142": {"2142.1": 2, "2142.1.2": 1},
    "3112": {"3112.1": 2, "3112.10": 1},
    "3118": {"3118.3.5": 1},
    "7543": {"7543.9.3": 1, "7543.8.2": 1},
    "6121": {"6121.6": 1},
    "8189": {"8189.2": 1},
    "4222": {"4222.1": 1, "4222.1.1": 1},
    "1411": {"1411.1": 2, "1411.3": 1},
    "5151": {"5151.2": 1},
    "9621": {"9621.2": 1},
    "3343": {"3343.1": 2, "3343.4": 1},
    "2431": {"2431.10.4": 1, "2431.10.3": 1},
    "2166": {"2166.9": 1},
    "5329": {"5329.3": 1, "5329.1": 1},
    "4412": {"4412.2": 2, "4412.1": 1},
    "9510": {"9510.1": 1},
}
# Where a sector hires a different part of the group than most employers do.
SECTOR_PREFERRED = {
    ("earthworks", "3123"): {"3123.1.20": 3, "3123.1.22": 2},
    ("earthworks", "7126"): {"7126.11": 2, "7126.14": 2, "7126.10": 1},
    ("mining", "8342"): {"8342.10": 3, "8342.3": 1},
    ("tourism_activity", "8342"): {"8342.9": 1},
    ("tourism_stay", "9112"): {"9112.4": 3, "9112.2": 1},
    ("care", "9112"): {"9112.2": 1},
    ("care", "5120"): {"5120.1.1": 1, "5120.1": 1},
    ("bioproducts", "7233"): {"7233.7": 1},
    ("mining", "7233"): {"7233.1": 2, "7233.7": 1},
    ("forestry", "7233"): {"7233.1": 1},
    ("forestry", "8332"): {"8332.2": 1},
    ("auto", "7412"): {"7412.2": 1},
}
# What companies call some occupations, where ESCO's Finnish label is not what they say.
COMPANY_TITLES = {
    "8342.3": "kaivurikuski",
    "8341.1": "metsäkoneenkuljettaja",
    "8332.2": "rekkakuski",
    "9112.4": "kerrossiivooja",
    "9112.2": "siivooja",
    "5153.1": "kiinteistönhoitaja",
    "5113.1": "safariopas",
    "4224.1": "vastaanottovirkailija",
    "8344.1": "trukkikuski",
    "9412.1": "keittiöapulainen",
    "3123.1.20": "maarakennusmestari",
}


def company_title(occupation: OccupationFacts) -> str:
    title = COMPANY_TITLES.get(occupation.code, occupation.label_fi)
    return title[:1].upper() + title[1:]


# However few the statistics give, the demo needs enough earthmoving vacancies for a profile.
MINIMUM_VACANCIES = {"8342": 8}
PINNED = {"8342": (EXCAVATOR_OPERATOR,) * 5}  # the first vacancies of the group


def occupation_choices(
    group: str, occupations: list[OccupationFacts], sector: str = ""
) -> list[tuple[OccupationFacts, int]]:
    """The occupations of an ISCO group to pick from (in a sector), with weights."""
    preferred = SECTOR_PREFERRED.get((sector, group)) or PREFERRED.get(group, {})
    by_code = {o.code: o for o in occupations}
    chosen = [(by_code[code], w) for code, w in preferred.items() if code in by_code]
    if chosen:
        return chosen
    ranked = sorted(occupations, key=lambda o: (-o.skill_count, o.code))
    return list(zip(ranked[:3], (3, 2, 1), strict=False))


def candidate_occupations(
    group: str, occupations: list[OccupationFacts], choices=None
) -> list[OccupationFacts]:
    """Every occupation of the group that `choices` (by default `occupation_choices`) may
    pick, in any sector."""
    choices = choices or occupation_choices
    sectors = ["", *(sector for sector, g in SECTOR_PREFERRED if g == group)]
    found = {o.uri: o for s in sectors for o, _ in choices(group, occupations, s)}
    return sorted(found.values(), key=lambda o: (o.code, o.uri))


def pick(rng: random.Random, weighted: list[tuple]) -> object:
    items = [item for item, _ in weighted]
    return rng.choices(items, weights=[w for _, w in weighted])[0]


def sectors_for_group(group: str) -> list[tuple[str, int]]:
    """The sectors that hire an ISCO group (the most specific match), with weights."""
    best, found = -1, []
    for sector in SECTORS.values():
        for prefix, weight in sector.isco.items():
            if not group.startswith(prefix) or len(prefix) < best:
                continue
            if len(prefix) > best:
                best, found = len(prefix), []
            found.append((sector.key, weight))
    return found


def groups_of_sector(sector: str, available: Iterable[str]) -> list[tuple[str, float]]:
    """The ISCO groups (with occupations) a sector hires, weighted; prefixes are spread."""
    available = sorted(available)
    result = []
    for prefix, weight in SECTORS[sector].isco.items():
        groups = [g for g in available if g.startswith(prefix)] if prefix else []
        result += [(g, weight / len(groups)) for g in groups]
    return result


def pick_skills(
    rng: random.Random, links: tuple[SkillLink, ...], low: int, high: int, core: int = 0
) -> list[SkillLink]:
    """`core` most specific skills and a random sample of the rest, low..high in all."""
    count = min(len(links), rng.randint(low, high))
    core = min(core, count)
    rest = list(links[core:])
    return [*links[:core], *rng.sample(rest, count - core)]


@dataclass(frozen=True)
class LicenceRule:
    code: str
    mandatory: bool = False
    essential: bool = True
    importance: int = 2


CUSTOMER_MAJORS = ("1", "2", "3", "4", "5")
SAFETY_SECTORS = ("construction", "earthworks", "hvac_electric", "mining", "bioproducts")
FOOD_GROUPS = ("5120", "9412", "9411", "5246", "3434", "1412", "8160", "7514", "5131")


def licences_for(group: str, sector: str, industry: str, rng: random.Random) -> list[LicenceRule]:
    """The licences and cards Finnish employers ask of this occupation in this field."""
    rules: list[LicenceRule] = []
    major = group[:1]
    if sector in SAFETY_SECTORS and major in ("3", "7", "8", "9"):
        rules.append(LicenceRule("tyoturvallisuuskortti", mandatory=True, importance=3))
    elif sector == "metal" and major in ("7", "8", "9"):
        on_site = industry in ("33.12", "24.10", "33.20")
        rules.append(LicenceRule("tyoturvallisuuskortti", mandatory=on_site, importance=3))
    if sector == "earthworks" and group in ("8342", "9312", "3123", "3112"):
        rules.append(LicenceRule("tieturva-1", importance=3 if group == "9312" else 2))
    if group == "8342":
        rules.append(LicenceRule("ajokortti-c", essential=False, importance=1))
    if group == "8332":
        truck = "ajokortti-ce" if sector == "forestry" or rng.random() < 0.5 else "ajokortti-c"
        rules += [
            LicenceRule(truck, mandatory=True, importance=3),
            LicenceRule("ammattipatevyys", mandatory=True, importance=3),
        ]
    if group == "8331":
        rules += [
            LicenceRule("ajokortti-d", mandatory=True, importance=3),
            LicenceRule("ammattipatevyys", mandatory=True, importance=3),
        ]
    if group == "8322":
        rules.append(LicenceRule("ajokortti-b", mandatory=True, importance=3))
    if group in ("5113", "3423", "5153", "5322", "3322", "7411", "7126", "6113"):
        rules.append(LicenceRule("ajokortti-b", importance=2))
    if group in ("7231", "5414", "4412"):
        rules.append(LicenceRule("ajokortti-b", essential=False, importance=1))
    if group in FOOD_GROUPS:
        rules.append(LicenceRule("hygieniapassi", mandatory=True, importance=3))
    if group in ("5311", "5321", "5322") or (group == "5223" and industry == "47.11"):
        rules.append(LicenceRule("hygieniapassi", essential=group == "5223", importance=1))
    if group == "5131" or group == "1412":
        bar = industry == "56.30" or group == "1412"
        rules.append(LicenceRule("anniskelupassi", mandatory=bar, importance=3 if bar else 2))
    if group == "5246":
        rules.append(LicenceRule("anniskelupassi", essential=False, importance=1))
    if group == "5419" or (group == "5414" and industry == "56.30"):
        rules.append(LicenceRule("jarjestyksenvalvojakortti", mandatory=True, importance=3))
    if group == "5414":
        rules.append(LicenceRule("vartijakortti", mandatory=True, importance=3))
    if group in ("8344",):
        rules.append(LicenceRule("trukkikortti", mandatory=True, importance=3))
    if group in ("9333", "4321"):
        rules.append(LicenceRule("trukkikortti", importance=2))
    if group in ("9334", "8172", "8171", "9329"):
        rules.append(LicenceRule("trukkikortti", essential=False, importance=1))
    if group in ("5321", "5322", "5329", "3412", "2221", "5311", "2342", "5312", "3255"):
        rules.append(LicenceRule("ea1", importance=2))
    if group in ("5113", "3423"):
        rules.append(LicenceRule("ea1", importance=3))
        rules.append(LicenceRule("ea2", essential=False, importance=1))
    if sector in ("mining", "earthworks") and major == "8":
        rules.append(LicenceRule("ea1", essential=False, importance=1))
    if group in ("7411", "7412", "2151"):
        rules.append(LicenceRule("sahkotyoturvallisuuskortti", mandatory=True, importance=3))
    if group in ("7212", "7213", "7214", "7121"):
        rules.append(LicenceRule("tulityokortti", mandatory=True, importance=3))
    if group in ("7126", "7127", "7233"):
        rules.append(LicenceRule("tulityokortti", essential=False, importance=1))
    return _distinct(rules)


def _distinct(rules: list[LicenceRule]) -> list[LicenceRule]:
    seen, result = set(), []
    for rule in rules:
        if rule.code not in seen:
            seen.add(rule.code)
            result.append(rule)
    return result


TOURISM = ("tourism_stay", "tourism_activity")


def languages_for(
    group: str, sector: str, *, employer_language: str, municipality: str, resort: bool,
    rng: random.Random,
) -> list[dict]:  # fmt: skip
    """Languages asked for: Finnish, English in tourism, Swedish towards Haparanda."""
    customer = group[:1] in CUSTOMER_MAJORS
    levels = []
    if employer_language == "en":
        levels += [("en", "C1", True), ("fi", "B1", False)]
    else:
        fi_level = "C1" if sector in ("care", "childcare") and customer else "B2"
        if not customer:
            fi_level = "B1"
        fi_mandatory = not (sector in TOURISM and not customer and rng.random() < 0.5)
        levels.append(("fi", fi_level, fi_mandatory))
        if sector in TOURISM or (resort and customer):
            levels.append(("en", "B2" if customer else "B1", customer))
        elif customer and rng.random() < 0.3:
            levels.append(("en", "B1", False))
    if employer_language == "sv":
        levels.append(("sv", "B2" if customer else "B1", True))
    elif municipality == "851" and customer and rng.random() < 0.4:
        levels.append(("sv", "B1", False))
    elif sector in TOURISM and customer and rng.random() < 0.1:
        levels.append(("sv", "A2", False))
    if group in ("5113", "3423") and rng.random() < 0.2:
        levels.append(("de", "B1", False))
    return [{"code": c, "level": lvl, "mandatory": m} for c, lvl, m in levels]
