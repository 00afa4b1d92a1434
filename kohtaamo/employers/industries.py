"""Industries by the Finnish Standard Industrial Classification TOL 2008 (= NACE Rev. 2).

Codes are dot-notated as Statistics Finland writes them: a division "55", a group "55.1", a
class "55.10". The codes that exist come from `labour/nace_codes.csv.gz` in the reference data;
the 21 sections (A-U) and their names in Finnish, Swedish and English are written here, since a
coordinator reads "55.10 – Majoitus- ja ravitsemistoiminta" more easily than a bare number.
No Django: the callers pass the language.
"""

import csv
import gzip
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CODES_FILE = Path("labour") / "nace_codes.csv.gz"
CODE_PATTERN = re.compile(r"^\d{2}(\.\d{1,2})?$")


@dataclass(frozen=True)
class Section:
    letter: str
    first_division: int
    last_division: int
    fi: str
    sv: str
    en: str

    def name(self, lang: str) -> str:
        return getattr(self, lang, "") or self.fi

    @property
    def divisions(self) -> list[str]:
        return [f"{d:02d}" for d in range(self.first_division, self.last_division + 1)]


# fmt: off
SECTIONS = (
    Section(
        "A", 1, 3, "Maatalous, metsätalous ja kalatalous", "Jordbruk, skogsbruk och fiske",
        "Agriculture, forestry and fishing",
    ),
    Section(
        "B", 5, 9, "Kaivostoiminta ja louhinta", "Utvinning av mineral", "Mining and quarrying"
    ),
    Section("C", 10, 33, "Teollisuus", "Tillverkning", "Manufacturing"),
    Section(
        "D", 35, 35, "Sähkö-, kaasu- ja lämpöhuolto, jäähdytysliiketoiminta",
        "Försörjning av el, gas, värme och kyla",
        "Electricity, gas, steam and air conditioning supply",
    ),
    Section(
        "E", 36, 39,
        "Vesihuolto, viemäri- ja jätevesihuolto, jätehuolto ja muu ympäristön puhtaanapito",
        "Vattenförsörjning; avloppsrening, avfallshantering och sanering",
        "Water supply; sewerage, waste management and remediation activities",
    ),
    Section("F", 41, 43, "Rakentaminen", "Byggverksamhet", "Construction"),
    Section(
        "G", 45, 47, "Tukku- ja vähittäiskauppa; moottoriajoneuvojen ja moottoripyörien korjaus",
        "Parti- och detaljhandel; reparation av motorfordon och motorcyklar",
        "Wholesale and retail trade; repair of motor vehicles and motorcycles",
    ),
    Section(
        "H", 49, 53, "Kuljetus ja varastointi", "Transport och magasinering",
        "Transportation and storage",
    ),
    Section(
        "I", 55, 56, "Majoitus- ja ravitsemistoiminta", "Hotell- och restaurangverksamhet",
        "Accommodation and food service activities",
    ),
    Section(
        "J", 58, 63, "Informaatio ja viestintä", "Informations- och kommunikationsverksamhet",
        "Information and communication",
    ),
    Section(
        "K", 64, 66, "Rahoitus- ja vakuutustoiminta", "Finans- och försäkringsverksamhet",
        "Financial and insurance activities",
    ),
    Section(
        "L", 68, 68, "Kiinteistöalan toiminta", "Fastighetsverksamhet", "Real estate activities"
    ),
    Section(
        "M", 69, 75, "Ammatillinen, tieteellinen ja tekninen toiminta",
        "Verksamhet inom juridik, ekonomi, vetenskap och teknik",
        "Professional, scientific and technical activities",
    ),
    Section(
        "N", 77, 82, "Hallinto- ja tukipalvelutoiminta",
        "Uthyrning, fastighetsservice, resetjänster och andra stödtjänster",
        "Administrative and support service activities",
    ),
    Section(
        "O", 84, 84, "Julkinen hallinto ja maanpuolustus; pakollinen sosiaalivakuutus",
        "Offentlig förvaltning och försvar; obligatorisk socialförsäkring",
        "Public administration and defence; compulsory social security",
    ),
    Section("P", 85, 85, "Koulutus", "Utbildning", "Education"),
    Section(
        "Q", 86, 88, "Terveys- ja sosiaalipalvelut", "Vård och omsorg; sociala tjänster",
        "Human health and social work activities",
    ),
    Section(
        "R", 90, 93, "Taiteet, viihde ja virkistys", "Kultur, nöje och fritid",
        "Arts, entertainment and recreation",
    ),
    Section(
        "S", 94, 96, "Muu palvelutoiminta", "Annan serviceverksamhet", "Other service activities"
    ),
    Section(
        "T", 97, 98,
        "Kotitalouksien toiminta työnantajina; kotitalouksien eriyttämätön toiminta tavaroiden ja "
        "palveluiden tuottamiseksi omaan käyttöön",
        "Förvärvsarbete i hushåll; hushållens produktion av diverse varor och tjänster för eget "
        "bruk",
        "Activities of households as employers; undifferentiated goods- and services-producing "
        "activities of households for own use",
    ),
    Section(
        "U", 99, 99, "Kansainvälisten organisaatioiden ja toimielinten toiminta",
        "Verksamhet vid internationella organisationer, utländska ambassader o.d.",
        "Activities of extraterritorial organisations and bodies",
    ),
)
# fmt: on
SECTIONS_BY_LETTER = {s.letter: s for s in SECTIONS}
SECTION_OF_DIVISION = {d: s for s in SECTIONS for d in s.divisions}


@lru_cache(maxsize=4)
def load_codes(path: Path) -> frozenset[str]:
    """The codes in the file (one column `code`), read once per path."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return frozenset(row["code"].strip() for row in csv.DictReader(io.StringIO(fh.read())))


def known_codes() -> frozenset[str]:
    from kohtaamo.core.reference import reference_dir  # settings only when the file is needed

    return load_codes(reference_dir() / CODES_FILE)


def normalise(text: str) -> str:
    """Write a code as Statistics Finland does: "5510" and "55.10" both give "55.10".

    Only the form changes; whether the code exists is `is_known`.
    """
    value = (text or "").strip().replace(" ", "")
    if re.fullmatch(r"\d{3,4}", value):
        value = f"{value[:2]}.{value[2:]}"
    return value


def is_known(code: str, codes: frozenset[str] | None = None) -> bool:
    """The code (normalised first) is a division, group or class of TOL 2008."""
    value = normalise(code)
    return bool(CODE_PATTERN.match(value)) and value in (codes or known_codes())


def section_of(code: str) -> Section | None:
    """The section (A-U) a code belongs to, by its division (the first two digits)."""
    return SECTION_OF_DIVISION.get(normalise(code)[:2])


def label(code: str, lang: str = "fi") -> str:
    """ "55.10 – Majoitus- ja ravitsemistoiminta": the code and its section's name."""
    if not code:
        return ""
    section = section_of(code)
    return f"{code} – {section.name(lang)}" if section else code
