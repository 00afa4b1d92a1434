"""The national job-market platform's (Työmarkkinatori, TMT) job-ad JSON to plain vacancy data.

No Django here: the parser checks the structure and turns codes into the product's values; the
service (`kohtaamo.vacancies.services.import_tmt`) checks the URIs and codes against the
database and writes. Every problem is named by its path in the JSON, e.g.
`ilmoitukset[0].osaamisvaatimukset.osaamiset[2]`, so that a sender can find it.

Codes read (from the platform's codesets): `tyoAika` 01 full time / 02 part time,
`tyonJatkuvuus` 01 permanent / 02 fixed term. Other codes give a warning and the default.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kohtaamo.vacancies.languages import LanguageError, normalise_language

FINLAND = ZoneInfo("Europe/Helsinki")
TEXT_LANGUAGES = ("fi", "sv", "en")
WORKING_TIME = {"01": "full", "02": "part"}
PERMANENCE = {"01": "permanent", "02": "fixed_term"}
ESCO = "ESCO"
MAX_TITLE = 300
MAX_HOURS = 80


class TmtError(ValueError):
    """The JSON is not a job ad the product can read: `errors` lists (path, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors))


@dataclass(frozen=True)
class Located:
    """A value and where in the JSON it was, for error messages."""

    path: str
    value: str


@dataclass
class TmtAd:
    path: str
    external_id: str
    title: str
    description: str = ""
    openings: int = 1
    occupations: list[Located] = field(default_factory=list)
    skills: list[Located] = field(default_factory=list)
    languages: list[dict] = field(default_factory=list)
    driving_classes: list[Located] = field(default_factory=list)
    permit_codes: list[Located] = field(default_factory=list)
    municipality_codes: list[Located] = field(default_factory=list)
    working_time: str | None = None
    permanence: str | None = None
    hours_per_week: float | None = None
    apply_by: date | None = None
    published_at: datetime | None = None
    business_id: str = ""
    employer_name: str = ""
    warnings: list[str] = field(default_factory=list)


def loads(raw: bytes | str) -> object:
    """JSON text to Python data; malformed JSON is a TmtError naming the line and column."""
    try:
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8-sig")
        return json.loads(raw)
    except UnicodeDecodeError as exc:
        raise TmtError([("$", f"not UTF-8 text (byte {exc.start})")]) from exc
    except json.JSONDecodeError as exc:
        raise TmtError([("$", f"malformed JSON at line {exc.lineno} column {exc.colno}")]) from exc


def parse(data: object) -> list[TmtAd]:
    """The ads of a platform response (`{"ilmoitukset": [...]}`) or of a single ad."""
    if isinstance(data, dict) and "ilmoitukset" in data:
        ads = data["ilmoitukset"]
        if not isinstance(ads, list) or not ads:
            raise TmtError([("ilmoitukset", "expected a non-empty list of job ads")])
        items = [(f"ilmoitukset[{i}]", ad) for i, ad in enumerate(ads)]
    elif isinstance(data, dict) and "ilmoituksenID" in data:
        items = [("", data)]
    else:
        raise TmtError([("$", "expected a job ad or a response with `ilmoitukset`")])
    errors: list[tuple[str, str]] = []
    parsed = []
    for path, ad in items:
        reader = _Reader(path, errors)
        if (result := reader.ad(ad)) is not None:
            parsed.append(result)
    if errors:
        raise TmtError(errors)
    return parsed


def join(path: str, key: str) -> str:
    if key.startswith("["):
        return f"{path}{key}"
    return f"{path}.{key}" if path else key


class _Reader:
    """Reads one ad; structural errors are collected, not raised, so all are reported at once."""

    def __init__(self, path: str, errors: list[tuple[str, str]]):
        self.path = path
        self.errors = errors
        self.warnings: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append((path or "$", message))

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{path or '$'}: {message}")

    def obj(self, parent: dict, key: str, path: str) -> dict:
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(join(path, key), "expected an object")
            return {}
        return value

    def items(self, parent: dict, key: str, path: str) -> list[tuple[str, object]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(join(path, key), "expected a list")
            return []
        return [(join(join(path, key), f"[{i}]"), item) for i, item in enumerate(value)]

    def ad(self, ad: object) -> TmtAd | None:
        path = self.path
        if not isinstance(ad, dict):
            self.error(path, "expected a job ad object")
            return None
        external_id = ad.get("ilmoituksenID")
        if not isinstance(external_id, str) or not external_id.strip():
            self.error(join(path, "ilmoituksenID"), "the ad has no id")
            return None
        basics = self.obj(ad, "perustiedot", path)
        basics_path = join(path, "perustiedot")
        result = TmtAd(
            path=path,
            external_id=external_id.strip()[:100],
            title=self.title(basics, basics_path),
            description=self.description(basics, basics_path),
            openings=self.openings(basics, basics_path),
            business_id=str(ad.get("ilmoittajanYTunnus") or "").strip(),
            employer_name=self.text(ad, "ilmoittajanNimi", path)[:200],
            published_at=self.timestamp(ad, "julkaisupvm", path),
        )
        self.work(basics, basics_path, result)
        self.requirements(self.obj(ad, "osaamisvaatimukset", path), path, result)
        location = self.obj(ad, "sijainti", path)
        result.municipality_codes = self.codes(location, "kunta", join(path, "sijainti"))
        applying = self.obj(ad, "hakeminen", path)
        deadline = self.timestamp(applying, "hakuaikaPaattyy", join(path, "hakeminen"))
        result.apply_by = deadline.astimezone(FINLAND).date() if deadline else None
        result.warnings = self.warnings
        return result

    def text(self, parent: dict, key: str, path: str) -> str:
        """A multilingual text: Finnish, else Swedish, else English, else the first given."""
        texts = {}
        for item_path, item in self.items(parent, key, path):
            if not isinstance(item, dict) or not isinstance(item.get("arvo", ""), str):
                self.error(item_path, "expected {kieliKoodi, arvo}")
                continue
            if (value := (item.get("arvo") or "").strip()) and item.get("kieliKoodi") not in texts:
                texts[item.get("kieliKoodi")] = value
        for lang in TEXT_LANGUAGES:
            if lang in texts:
                return texts[lang]
        return next(iter(texts.values()), "")

    def title(self, basics: dict, path: str) -> str:
        title = self.text(basics, "tyonOtsikko", path)
        if not title:
            self.error(join(path, "tyonOtsikko"), "the ad has no title")
        elif len(title) > MAX_TITLE:
            self.warn(join(path, "tyonOtsikko"), f"title shortened to {MAX_TITLE} characters")
        return title[:MAX_TITLE]

    def description(self, basics: dict, path: str) -> str:
        parts = [self.text(basics, key, path) for key in ("tyonTiivistelma", "tyonKuvaus")]
        return "\n\n".join(part for part in parts if part)

    def openings(self, basics: dict, path: str) -> int:
        value = basics.get("paikkojenMaara")
        if value is None:
            return 1
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.error(join(path, "paikkojenMaara"), f"{value!r} is not a positive whole number")
            return 1
        return value

    def work(self, basics: dict, path: str, result: TmtAd) -> None:
        result.working_time = self.code(basics, "tyoAika", path, WORKING_TIME)
        result.permanence = self.code(basics, "tyonJatkuvuus", path, PERMANENCE)
        hours = basics.get("tyoTunnitMaksimi")
        if hours is None:
            return
        if isinstance(hours, bool) or not isinstance(hours, int | float) or hours < 0:
            self.error(join(path, "tyoTunnitMaksimi"), f"{hours!r} is not a number of hours")
        elif hours > MAX_HOURS:
            self.warn(join(path, "tyoTunnitMaksimi"), f"{hours} hours a week left out")
        else:
            result.hours_per_week = float(hours)

    def code(self, parent: dict, key: str, path: str, known: dict[str, str]) -> str | None:
        value = parent.get(key)
        if value is None or value == "":
            return None
        if value not in known:
            self.warn(join(path, key), f"unknown code {value!r}; the default is used")
            return None
        return known[value]

    def codes(self, parent: dict, key: str, path: str) -> list[Located]:
        found = []
        for item_path, item in self.items(parent, key, path):
            if not isinstance(item, str | int) or isinstance(item, bool) or not str(item).strip():
                self.error(item_path, "expected a code")
            else:
                found.append(Located(item_path, str(item).strip()))
        return found

    def requirements(self, needs: dict, path: str, result: TmtAd) -> None:
        path = join(path, "osaamisvaatimukset")
        result.occupations = self.classified(needs, "ammatit", path)
        result.skills = self.classified(needs, "osaamiset", path)
        result.languages = self.languages(needs, path)
        licence = self.obj(needs, "ajokortti", path)
        result.driving_classes = self.codes(
            licence, "vaaditutAjokorttiluokat", join(path, "ajokortti")
        )
        permits = self.obj(needs, "kortitJaLuvat", path)
        result.permit_codes = self.codes(permits, "lupaKoodit", join(path, "kortitJaLuvat"))

    def classified(self, parent: dict, key: str, path: str) -> list[Located]:
        """ESCO URIs of `ammatit` or `osaamiset`; entries of other classifications are skipped."""
        found = []
        for item_path, item in self.items(parent, key, path):
            value = item.get("luokiteltuArvo") if isinstance(item, dict) else None
            if not isinstance(value, str) or not value.strip():
                self.error(item_path, "expected {luokittelunNimi, luokiteltuArvo}")
            elif str(item.get("luokittelunNimi") or ESCO).upper() != ESCO:
                self.warn(item_path, f"{item.get('luokittelunNimi')} is not ESCO; left out")
            else:
                found.append(Located(item_path, value.strip()))
        return found

    def languages(self, parent: dict, path: str) -> list[dict]:
        found: dict[str, dict] = {}
        for item_path, item in self.items(parent, "kielitaidot", path):
            if not isinstance(item, dict):
                self.error(item_path, "expected {kielitaito, kielitaidonTaso}")
                continue
            try:
                language = normalise_language({"code": item.get("kielitaito")})
            except LanguageError as exc:
                self.error(join(item_path, "kielitaito"), str(exc))
                continue
            try:
                language = normalise_language({**language, "level": item.get("kielitaidonTaso")})
            except LanguageError as exc:
                self.warn(join(item_path, "kielitaidonTaso"), f"{exc}; the level is left out")
            found.setdefault(language["code"], language)
        return list(found.values())

    def timestamp(self, parent: dict, key: str, path: str) -> datetime | None:
        value = parent.get(key)
        if value in (None, ""):
            return None
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            self.error(join(path, key), f"{value!r} is not a date and time")
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=FINLAND)
