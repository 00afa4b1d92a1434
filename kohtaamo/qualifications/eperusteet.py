"""Read ePerusteet API documents into plain records, checking every value on the way.

ePerusteet (https://eperusteet.opintopolku.fi) publishes the Finnish qualification requirements as
JSON whose shape depends on the endpoint and on the era of the qualification (before the 2018
reform: `ops`/`naytto` ways of completion and HTML requirement lists; after it: `reformi` and
structured `ammattitaitovaatimukset2019`). This module knows those shapes. It touches no database,
so that a whole batch of files can be checked before anything is written.

Documents understood, alone or as lists or API result pages (`{"data": [...], "sivu": 0}`):
- a peruste (qualification): a summary, or the full document (`perusteet/{id}/kaikki`) with
  `suoritustavat[].rakenne`, `suoritustavat[].tutkinnonOsaViitteet` and `tutkinnonOsat`;
- a tutkinnonosa (qualification unit);
- a tutkinnonosa reference (`tutkinnonosat/{id}/viitteet`), which says in which peruste a unit is;
- a rakenne (structure of a peruste), whose `_tutkinnonOsaViite` references are resolved through
  the references of the same import.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from kohtaamo.qualifications import richtext
from kohtaamo.qualifications.enums import QualificationKind, UnitKind

LANGS = ("fi", "sv", "en")
MAX_NAME_LENGTH = 500
MAX_CODE_LENGTH = 50
FINLAND = ZoneInfo("Europe/Helsinki")

# koulutustyyppi codes of the ePerusteet/koodisto service.
KOULUTUSTYYPPI_KINDS = {
    "koulutustyyppi_1": QualificationKind.VOCATIONAL,
    "koulutustyyppi_4": QualificationKind.VOCATIONAL,  # as special-needs education
    "koulutustyyppi_13": QualificationKind.VOCATIONAL,  # as a competence-based qualification
    "koulutustyyppi_26": QualificationKind.VOCATIONAL,  # from 2018
    "koulutustyyppi_11": QualificationKind.FURTHER,
    "koulutustyyppi_12": QualificationKind.SPECIALIST,
}
# The Finnish name of a qualification ends in its kind; longest first.
NAME_KINDS = (
    ("erikoisammattitutkinto", QualificationKind.SPECIALIST),
    ("ammattitutkinto", QualificationKind.FURTHER),
    ("perustutkinto", QualificationKind.VOCATIONAL),
)
COMMON_UNIT_TYPES = {"tutke2", "reformi_tutke2"}
# Which way of completion describes a qualification best, when a document has several.
SUORITUSTAPA_PREFERENCE = ("reformi", "ops", "naytto")
TITLE_ROLES = {"osaamisala", "tutkintonimike"}

Localized = dict[str, str]


class QualificationImportError(Exception):
    """Bad input: says which file and where in it (a JSON path such as `$[3].nimi`)."""

    def __init__(self, source: str, path: str, problem: str) -> None:
        self.source, self.path, self.problem = source, path, problem
        super().__init__(f"{source}: {path}: {problem}")


@dataclass(frozen=True)
class QualificationRecord:
    """A qualification as read; None means "the document does not say"."""

    eperusteet_id: int
    names: Localized
    diary_number: str | None = None
    kind: str | None = None
    kind_from_name: str = QualificationKind.OTHER
    valid_from: date | None = None
    valid_until: date | None = None
    scope: Decimal | None = None


@dataclass(frozen=True)
class UnitRecord:
    eperusteet_id: int
    names: Localized
    code: str
    kind: str
    descriptions: Localized
    skill_requirements: list[Localized]
    scope: Decimal | None = None


@dataclass(frozen=True)
class UnitReference:
    """A tutkinnonOsaViite: the place of a unit in a peruste, with its scope there."""

    viite_id: int
    unit_id: int
    qualification_id: int | None
    scope: Decimal | None


@dataclass(frozen=True)
class StructureEntry:
    viite_id: int
    mandatory: bool
    module: str


@dataclass
class Structure:
    source: str
    qualification_id: int | None
    entries: list[StructureEntry]


@dataclass(frozen=True)
class CompositionRecord:
    qualification_id: int
    unit_id: int
    mandatory: bool | None
    scope: Decimal | None
    module: str


@dataclass
class Batch:
    """Everything read from the files of one import, merged; later files win."""

    qualifications: dict[int, QualificationRecord] = field(default_factory=dict)
    units: dict[int, UnitRecord] = field(default_factory=dict)
    references: dict[int, UnitReference] = field(default_factory=dict)
    structures: list[Structure] = field(default_factory=list)
    # Qualifications whose whole composition is in the batch (full documents): it replaces theirs.
    complete_qualifications: set[int] = field(default_factory=set)

    def add_qualification(self, record: QualificationRecord) -> None:
        """Summaries of a qualification (e.g. inside references) may lack some languages."""
        old = self.qualifications.get(record.eperusteet_id)
        if old is not None:
            record = replace(record, names=old.names | record.names)
        self.qualifications[record.eperusteet_id] = _merge(old, record)

    def add_unit(self, record: UnitRecord) -> None:
        self.units[record.eperusteet_id] = _merge(self.units.get(record.eperusteet_id), record)


def _merge(old, new):
    """`new`, keeping the values of `old` that `new` does not know (None)."""
    if old is None:
        return new
    known = {f.name: getattr(new, f.name) for f in fields(new) if getattr(new, f.name) is not None}
    return replace(old, **known)


# --- Reading JSON with its location ---------------------------------------------------------

_TYPE_NAMES = {
    dict: gettext_noop("an object"),
    list: gettext_noop("a list"),
    str: gettext_noop("a string"),
    int: gettext_noop("an integer"),
    float: gettext_noop("a number"),
    bool: gettext_noop("true or false"),
    type(None): gettext_noop("null"),
}
NUMBER = (int, float)


def _type_name(value: Any) -> str:
    return _(_TYPE_NAMES.get(type(value), type(value).__name__))


@dataclass(frozen=True)
class Node:
    """A JSON value together with the file and JSON path it came from."""

    value: Any
    path: str
    source: str

    def fail(self, problem: str) -> NoReturn:
        raise QualificationImportError(self.source, self.path, problem)

    def child(self, key: str | int) -> "Node":
        path = f"{self.path}[{key}]" if isinstance(key, int) else f"{self.path}.{key}"
        value = self.value[key] if isinstance(key, int) else self.value.get(key)
        return Node(value, path, self.source)

    def expect(self, *types: type) -> "Node":
        bad_bool = isinstance(self.value, bool) and bool not in types
        if bad_bool or not isinstance(self.value, types):
            wanted = _(" or ").join(_(_TYPE_NAMES[t]) for t in types)
            self.fail(
                _("expected %(wanted)s, got %(got)s")
                % {"wanted": wanted, "got": _type_name(self.value)}
            )
        return self

    def get(self, key: str, *types: type) -> "Node | None":
        """The child at `key` checked against `types`, or None when it is absent or null."""
        child = self.expect(dict).child(key)
        return None if child.value is None else child.expect(*types)

    def require(self, key: str, *types: type) -> "Node":
        if key not in self.expect(dict).value:
            self.child(key).fail(_("missing"))
        return self.child(key).expect(*types)

    def items(self) -> Iterator["Node"]:
        for index in range(len(self.expect(list).value)):
            yield self.child(index)


def _optional_str(node: Node, key: str, max_length: int = 0) -> str | None:
    child = node.get(key, str)
    if child is None:
        return None
    text = richtext.clean(child.value)
    if max_length and len(text) > max_length:
        child.fail(_("longer than %(max)d characters") % {"max": max_length})
    return text


def _reference_id(node: Node) -> int:
    """Ids that ePerusteet serialises as references ("_tutkinnonOsa": "123")."""
    value = node.expect(str, int).value
    if isinstance(value, int):
        return value
    if not value.isdigit():
        node.fail(_("expected a numeric id, got %(value)r") % {"value": value})
    return int(value)


def _scope(node: Node, key: str) -> Decimal | None:
    """Competence points; 0 means "not fixed" in ePerusteet (e.g. a range 0-25), so None."""
    child = node.get(key, *NUMBER)
    if child is None:
        return None
    scope = Decimal(str(child.value))
    if scope < 0 or scope >= 1000:
        child.fail(
            _("expected competence points between 0 and 999, got %(value)s") % {"value": scope}
        )
    return scope or None


def _date(node: Node, key: str) -> date | None:
    child = node.get(key, int)
    if child is None:
        return None
    return datetime.fromtimestamp(child.value / 1000, tz=FINLAND).date()


def _texts(node: Node | None, *, html: bool = False) -> Localized:
    """A LokalisoituTeksti object as {lang: plain text}, leaving out empty languages."""
    if node is None:
        return {}
    node.expect(dict)
    texts = {}
    for lang in LANGS:
        child = node.get(lang, str)
        if child is not None:
            text = richtext.to_text(child.value) if html else richtext.clean(child.value)
            if text:
                texts[lang] = text
    return texts


def _names(node: Node, key: str = "nimi") -> Localized:
    nimi = node.require(key, dict)
    names = _texts(nimi)
    if not names:
        nimi.fail(_("no name in Finnish, Swedish or English"))
    for lang, name in names.items():
        if len(name) > MAX_NAME_LENGTH:
            nimi.child(lang).fail(_("longer than %(max)d characters") % {"max": MAX_NAME_LENGTH})
    return names


def _first_name(names: Localized) -> str:
    return next((names[lang] for lang in LANGS if names.get(lang)), "")


# --- Qualification units -------------------------------------------------------------------


def _aligned(texts_by_lang: dict[str, list[str]]) -> list[Localized]:
    """Pair the n-th requirement of each language.

    A language whose list has a different length than the first non-empty one is left out:
    pairing its items by position would pair the wrong requirements.
    """
    base = next((texts_by_lang[lang] for lang in LANGS if texts_by_lang.get(lang)), [])
    langs = [lang for lang in LANGS if len(texts_by_lang.get(lang, [])) == len(base)]
    return [
        {lang: texts_by_lang[lang][i] if lang in langs else "" for lang in LANGS}
        for i in range(len(base))
    ]


def _html_requirements(node: Node | None) -> list[Localized]:
    if node is None:
        return []
    node.expect(dict)
    by_lang = {}
    for lang in LANGS:
        child = node.get(lang, str)
        by_lang[lang] = richtext.list_items(child.value) if child else []
    return _aligned(by_lang)


def _requirement(texts: Localized) -> Localized:
    return {lang: texts.get(lang, "") for lang in LANGS}


def _requirements_2019(node: Node | None) -> list[Localized]:
    """Ammattitaitovaatimukset2019: {kohde, vaatimukset: [...], kohdealueet: [{vaatimukset}]}."""
    if node is None:
        return []
    lists = [node.get("vaatimukset", list)]
    for area in (node.get("kohdealueet", list) or _empty()).items():
        lists.append(area.get("vaatimukset", list))
    requirements = []
    for requirement_list in lists:
        for item in (requirement_list or _empty()).items():
            # A requirement taken from the koodisto has its text in koodi.nimi.
            texts = _texts(item.get("vaatimus", dict))
            if not texts and (code := item.get("koodi", dict)):
                texts = _texts(code.get("nimi", dict))
            if texts:
                requirements.append(_requirement(texts))
    return requirements


def _requirements_2015(node: Node | None) -> list[Localized]:
    """ammattitaitovaatimuksetLista: [{vaatimuksenKohteet: [{vaatimukset: [{selite}]}]}]."""
    requirements = []
    for area in (node or _empty()).items():
        for target in (area.get("vaatimuksenKohteet", list) or _empty()).items():
            for item in (target.get("vaatimukset", list) or _empty()).items():
                if texts := _texts(item.get("selite", dict)):
                    requirements.append(_requirement(texts))
    return requirements


def _requirements_of_areas(node: Node | None) -> list[Localized]:
    """Mandatory goals of the areas (osa-alueet) of a common unit, in both area formats."""
    requirements = []
    for area in (node or _empty()).items():
        for goal in (area.get("osaamistavoitteet", list) or _empty()).items():
            mandatory = goal.get("pakollinen", bool)
            if mandatory is not None and mandatory.value:
                requirements += _html_requirements(goal.get("tavoitteet", dict))
        if mandatory_2020 := area.get("pakollisetOsaamistavoitteet", dict):
            requirements += _requirements_2019(mandatory_2020.get("tavoitteet", dict))
    return requirements


def _requirements_of_preparatory(node: Node | None) -> list[Localized]:
    """Goals of a VALMA/TELMA unit: valmaTelmaSisalto.osaamistavoite[].tavoitteet[]."""
    goals = node.get("osaamistavoite", list) if node else None
    requirements = []
    for goal in (goals or _empty()).items():
        for item in (goal.get("tavoitteet", list) or _empty()).items():
            if texts := _texts(item):
                requirements.append(_requirement(texts))
    return requirements


def _empty() -> Node:
    return Node([], "$", "")


def _skill_requirements(node: Node) -> list[Localized]:
    """The unit's vocational skill requirements, from the newest format the unit has."""
    sources = (
        lambda: _requirements_2019(node.get("ammattitaitovaatimukset2019", dict)),
        lambda: _requirements_2015(node.get("ammattitaitovaatimuksetLista", list)),
        lambda: _html_requirements(node.get("ammattitaitovaatimukset", dict)),
        lambda: _requirements_of_preparatory(node.get("valmaTelmaSisalto", dict)),
        lambda: _requirements_of_areas(node.get("osaAlueet", list)),
    )
    for source in sources:
        if requirements := source():
            return list({tuple(r.values()): r for r in requirements}.values())
    return []


def _unit_code(node: Node) -> str:
    """koodiArvo ("106726"), else the value of koodi or the tail of koodiUri."""
    code = _optional_str(node, "koodiArvo", MAX_CODE_LENGTH)
    if not code and (koodi := node.get("koodi", dict)):
        code = _optional_str(koodi, "arvo", MAX_CODE_LENGTH)
    if not code and (uri := _optional_str(node, "koodiUri")):
        code = uri.rpartition("_")[2][:MAX_CODE_LENGTH]
    return code or ""


def parse_unit(node: Node) -> UnitRecord:
    unit_type = _optional_str(node, "tyyppi")
    return UnitRecord(
        eperusteet_id=node.require("id", int).value,
        names=_names(node),
        code=_unit_code(node),
        kind=UnitKind.COMMON if unit_type in COMMON_UNIT_TYPES else UnitKind.NORMAL,
        descriptions=_texts(node.get("kuvaus", dict), html=True),
        skill_requirements=_skill_requirements(node),
        scope=_scope(node, "laajuus"),
    )


# --- Qualifications and their structure ----------------------------------------------------


def _kind_from_name(names: Localized) -> str:
    """For documents without koulutustyyppi (summaries inside references, diaari look-ups)."""
    name = names.get("fi", "").lower()
    matches = (kind for suffix, kind in NAME_KINDS if re.search(rf"{suffix}\b", name))
    return next(matches, QualificationKind.OTHER)


def _kind(node: Node) -> str | None:
    koulutustyyppi = _optional_str(node, "koulutustyyppi")
    if not koulutustyyppi:
        return None
    return KOULUTUSTYYPPI_KINDS.get(koulutustyyppi, QualificationKind.OTHER)


def parse_qualification(node: Node) -> QualificationRecord:
    names = _names(node)
    return QualificationRecord(
        eperusteet_id=node.require("id", int).value,
        names=names,
        diary_number=_optional_str(node, "diaarinumero", MAX_CODE_LENGTH),
        kind=_kind(node),
        kind_from_name=_kind_from_name(names),
        valid_from=_date(node, "voimassaoloAlkaa"),
        valid_until=_date(node, "voimassaoloLoppuu"),
    )


def parse_reference(node: Node, qualification_id: int | None) -> UnitReference:
    return UnitReference(
        viite_id=node.require("id", int).value,
        unit_id=_reference_id(node.require("_tutkinnonOsa", str, int)),
        qualification_id=qualification_id,
        scope=_scope(node, "laajuus"),
    )


def _module_name(node: Node, parent: str) -> str:
    """The group's name, prefixed by the competence area or title it belongs to."""
    name = _first_name(_texts(node.get("nimi", dict)))
    return f"{parent} / {name}" if parent and name else name or parent


def _walk_structure(
    module: Node, context: str, entries: list[StructureEntry], *, is_root: bool = False
) -> None:
    """Collect the unit references of a rakenne module and of its submodules.

    Each reference is labelled with its group ("Pakolliset tutkinnon osat"), prefixed by the
    osaamisala or tutkintonimike above it, so that the same group of two titles is told apart.
    """
    label = "" if is_root else _module_name(module, context)
    inner_context = label if _optional_str(module, "rooli") in TITLE_ROLES else context
    for part in (module.get("osat", list) or _empty()).items():
        part.expect(dict)
        if "_tutkinnonOsaViite" not in part.value:
            _walk_structure(part, inner_context, entries)
            continue
        mandatory = part.get("pakollinen", bool)
        entries.append(
            StructureEntry(
                viite_id=_reference_id(part.require("_tutkinnonOsaViite", str, int)),
                mandatory=bool(mandatory and mandatory.value),
                module=label,
            )
        )


def parse_structure(node: Node, qualification_id: int | None) -> Structure:
    entries: list[StructureEntry] = []
    _walk_structure(node, "", entries, is_root=True)
    return Structure(node.source, qualification_id, entries)


def _structure_scope(rakenne: Node) -> Decimal | None:
    rule = rakenne.get("muodostumisSaanto", dict)
    scope = rule.get("laajuus", dict) if rule else None
    if scope is None:
        return None
    return _scope(scope, "minimi") or _scope(scope, "maksimi")


def _primary_way_of_completion(node: Node) -> Node | None:
    """The suoritustapa whose structure describes the qualification, by SUORITUSTAPA_PREFERENCE."""
    ways = {}
    for way in (node.get("suoritustavat", list) or _empty()).items():
        code = _optional_str(way, "suoritustapakoodi")
        if "rakenne" in way.value or "tutkinnonOsaViitteet" in way.value:
            ways.setdefault(code, way)
    return next((ways[code] for code in SUORITUSTAPA_PREFERENCE if code in ways), None)


def _parse_peruste(node: Node, batch: Batch) -> None:
    record = parse_qualification(node)
    way = _primary_way_of_completion(node)
    if way is not None:
        batch.complete_qualifications.add(record.eperusteet_id)
        for item in (way.get("tutkinnonOsaViitteet", list) or _empty()).items():
            reference = parse_reference(item, record.eperusteet_id)
            batch.references[reference.viite_id] = reference
        if rakenne := way.get("rakenne", dict):
            batch.structures.append(parse_structure(rakenne, record.eperusteet_id))
            record = replace(record, scope=_structure_scope(rakenne))
    batch.add_qualification(record)
    for item in (node.get("tutkinnonOsat", list) or _empty()).items():
        batch.add_unit(parse_unit(item))


def _parse_where_used(node: Node, batch: Batch) -> None:
    """A tutkinnonosat/{id}/viitteet item: a unit's place in one peruste."""
    peruste = node.require("peruste", dict)
    qualification = parse_qualification(peruste)
    batch.add_qualification(qualification)
    reference = parse_reference(node, qualification.eperusteet_id)
    batch.references[reference.viite_id] = reference


# --- Documents ------------------------------------------------------------------------------

UNIT, REFERENCE, STRUCTURE, PERUSTE = "unit", "reference", "structure", "peruste"


def _document_kind(node: Node) -> str:
    data = node.expect(dict).value
    part_type = data.get("osanTyyppi")
    if part_type == "koulutuksenosa":
        node.fail(_("a koulutuksenosa (part of preparatory education) is not a qualification unit"))
    if part_type == "tutkinnonosa":
        return UNIT
    if "_tutkinnonOsa" in data:
        return REFERENCE
    if "osat" in data and "rooli" in data:
        return STRUCTURE
    if {"suoritustavat", "diaarinumero", "koulutustyyppi"} & data.keys():
        return PERUSTE
    if "osaamistavoitteet" in data or str(data.get("tyyppi", "")).startswith("osaalue"):
        node.fail(_("an osa-alue cannot be imported without its unit; import the tutkinnonosa"))
    if "koodiUri" in data and {"ammattitaitovaatimukset", "osaAlueet"} & data.keys():
        return UNIT
    node.fail(_("not a peruste, tutkinnonosa, tutkinnonosa reference or rakenne of ePerusteet"))


def _parse_item(node: Node, batch: Batch) -> None:
    kind = _document_kind(node)
    if kind == UNIT:
        batch.add_unit(parse_unit(node))
    elif kind == REFERENCE:
        _parse_where_used(node, batch)
    elif kind == STRUCTURE:
        batch.structures.append(parse_structure(node, None))
    else:
        _parse_peruste(node, batch)


def _is_result_page(data: Any) -> bool:
    return isinstance(data, dict) and "data" in data and ("sivu" in data or "sivuja" in data)


def parse_document(data: Any, source: str, batch: Batch) -> None:
    """Add what one file holds to `batch`; raises QualificationImportError on bad input."""
    root = Node(data, "$", source)
    if _is_result_page(data):
        items = root.require("data", list).items()
    elif isinstance(data, list):
        items = root.items()
    else:
        items = iter([root])
    for item in items:
        _parse_item(item, batch)


# --- Compositions ---------------------------------------------------------------------------


def _combine(old: CompositionRecord | None, new: CompositionRecord) -> CompositionRecord:
    """A unit met twice in one qualification: mandatory anywhere makes it mandatory."""
    if old is None:
        return new
    if new.mandatory and not old.mandatory:
        old, new = new, old
    mandatory = old.mandatory if old.mandatory is not None else new.mandatory
    return replace(
        old,
        mandatory=mandatory,
        scope=old.scope if old.scope is not None else new.scope,
        module=old.module or new.module,
    )


def _add(rows: dict[tuple[int, int], CompositionRecord], row: CompositionRecord) -> None:
    key = (row.qualification_id, row.unit_id)
    rows[key] = _combine(rows.get(key), row)


def _resolve_structure(
    structure: Structure, batch: Batch, rows: dict[tuple[int, int], CompositionRecord]
) -> set[int]:
    """Add the rows of one structure; return the viite ids it could place."""
    placed = set()
    for entry in structure.entries:
        reference = batch.references.get(entry.viite_id)
        if reference is None:
            continue
        qualification_id = structure.qualification_id or reference.qualification_id
        if qualification_id is None:
            continue
        placed.add(entry.viite_id)
        _add(
            rows,
            CompositionRecord(
                qualification_id, reference.unit_id, entry.mandatory, reference.scope, entry.module
            ),
        )
    return placed


def plan_compositions(batch: Batch) -> tuple[dict[tuple[int, int], CompositionRecord], list[str]]:
    """Resolve structures and references into (qualification, unit) rows, with warnings.

    A reference that no structure places (e.g. from a `viitteet` list) still says that the unit
    belongs to the qualification; whether it is mandatory is then unknown (None).
    """
    rows: dict[tuple[int, int], CompositionRecord] = {}
    warnings: list[str] = []
    placed: set[int] = set()
    for structure in batch.structures:
        resolved = _resolve_structure(structure, batch, rows)
        placed |= resolved
        if unresolved := len({e.viite_id for e in structure.entries} - resolved):
            warnings.append(
                ngettext(
                    "%(source)s: %(count)d unit reference of the structure is not in this "
                    "import (its tutkinnonOsaViite is unknown) and was skipped",
                    "%(source)s: %(count)d unit references of the structure are not in this "
                    "import (their tutkinnonOsaViite is unknown) and were skipped",
                    unresolved,
                )
                % {"source": structure.source, "count": unresolved}
            )
    for reference in batch.references.values():
        if reference.viite_id not in placed and reference.qualification_id is not None:
            row = CompositionRecord(
                reference.qualification_id, reference.unit_id, None, reference.scope, ""
            )
            _add(rows, row)
    return rows, warnings


def fill_unit_scopes(batch: Batch) -> None:
    """A unit document has no scope; its references do (as ePerusteet's own export fills it)."""
    for reference in batch.references.values():
        unit = batch.units.get(reference.unit_id)
        if unit is not None and unit.scope is None and reference.scope is not None:
            batch.units[unit.eperusteet_id] = replace(unit, scope=reference.scope)
