"""Importing the competence vocabulary and building its search index."""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kohtaamo.lang.labelmatch import IndexedLabel
from kohtaamo.lang.morphology import analyse
from kohtaamo.taxonomy.enums import ConceptKind, LicenceCategory, RelationType, SearchKind
from kohtaamo.taxonomy.models import (
    BroaderRelation,
    Collection,
    Concept,
    Licence,
    OccupationSkill,
    ReferenceImport,
    SearchEntry,
    SkillRelation,
)
from kohtaamo.taxonomy.reference_files import (
    ESCO_PREFIX,
    EscoData,
    ReferenceDataError,
    read_esco,
)

BATCH = 5000
COLLECTION_NAMES = {
    "digital": ("Digitaaliset taidot", "Digitala färdigheter", "Digital skills"),
    "digcomp": ("DigComp-osaaminen", "DigComp-kompetenser", "DigComp competences"),
    "green": ("Vihreät taidot", "Gröna färdigheter", "Green skills"),
    "language": ("Kielitaidot", "Språkfärdigheter", "Language skills"),
    "transversal": ("Yleiset taidot", "Övergripande färdigheter", "Transversal skills"),
    "research": ("Tutkimustaidot", "Forskningsfärdigheter", "Research skills"),
    "research_occupations": ("Tutkimusammatit", "Forskningsyrken", "Research occupations"),
}
KIND_PRIOR = {
    SearchKind.LICENCE: 1.1,
    SearchKind.OCCUPATION: 1.0,
    SearchKind.UNIT: 0.95,
    SearchKind.QUALIFICATION: 0.95,
    SearchKind.SKILL_GROUP: 0.8,
    SearchKind.ISCO_GROUP: 0.8,
}
NEUTRAL_LANG = "*"  # aliases and abbreviations that belong to no one language


def reference_dir() -> Path:
    return Path(settings.KOHTAAMO_DATA_DIR) / "reference"


@dataclass
class ImportReport:
    counts: dict[str, int]
    seconds: float

    def __str__(self) -> str:
        parts = ", ".join(f"{n:,} {name}" for name, n in self.counts.items())
        return f"{parts} in {self.seconds:.1f} s"


# Bump when the search analysis changes, so that --if-changed rebuilds the index.
INDEX_VERSION = "2"


def source_checksum(source: Path) -> str:
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for path in sorted((source / "esco").glob("*.csv.gz")) + [source / "licences.json"]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def taxonomy_is_current(source: Path | None = None) -> bool:
    source = source or reference_dir()
    done = ReferenceImport.objects.filter(name="taxonomy").first()
    return done is not None and done.checksum == source_checksum(source)


def import_taxonomy(
    *, source: Path | None = None, progress: Callable[[str], None] = lambda _: None
) -> ImportReport:
    """Import ESCO, the licences and the search index, all in one transaction.

    Concepts are upserted by URI, never deleted, so that records pointing at them survive a
    re-import; a concept missing from a new release is marked inactive.
    """
    started = time.monotonic()
    source = source or reference_dir()
    esco = read_esco(source / "esco")
    progress(f"read {len(esco.concepts):,} ESCO concepts")
    licences = read_licences(source / "licences.json", {c["uri"] for c in esco.concepts})
    with transaction.atomic():
        counts = _write_esco(esco, progress)
        counts["licences"] = _write_licences(licences)
        progress("building the search index")
        counts["search entries"] = rebuild_search_index(
            kinds=[
                k for k in SearchKind.values if k not in (SearchKind.UNIT, SearchKind.QUALIFICATION)
            ]
        )
        report = ImportReport(counts=counts, seconds=time.monotonic() - started)
        ReferenceImport.objects.update_or_create(
            name="taxonomy",
            defaults={
                "checksum": source_checksum(source),
                "imported_at": timezone.now(),
                "summary": str(report),
            },
        )
    return report


def _write_esco(esco: EscoData, progress: Callable[[str], None]) -> dict[str, int]:
    essential = Counter(s for _, s, rel in esco.occupation_skills if rel == RelationType.ESSENTIAL)
    Concept.objects.bulk_create(
        [_concept(row, essential[row["uri"]]) for row in esco.concepts],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["uri"],
        update_fields=[
            "kind", "code", "skill_type", "reuse_level", "label_fi", "label_sv", "label_en",
            "alt_labels_en", "description_en", "occupation_count", "is_active",
        ],
    )  # fmt: skip
    ids = dict(Concept.objects.filter(uri__startswith=ESCO_PREFIX).values_list("uri", "id"))
    known = {row["uri"] for row in esco.concepts}
    dropped = Concept.objects.filter(uri__startswith=ESCO_PREFIX, is_active=True)
    dropped.exclude(uri__in=known).update(is_active=False)
    progress(f"stored {len(known):,} concepts")
    BroaderRelation.objects.all().delete()
    BroaderRelation.objects.bulk_create(
        (BroaderRelation(concept_id=ids[a], broader_id=ids[b]) for a, b in set(esco.broader)),
        batch_size=BATCH,
    )
    OccupationSkill.objects.all().delete()
    OccupationSkill.objects.bulk_create(
        (
            OccupationSkill(occupation_id=ids[o], skill_id=ids[s], relation=rel)
            for o, s, rel in esco.occupation_skills
        ),
        batch_size=BATCH,
    )
    SkillRelation.objects.all().delete()
    SkillRelation.objects.bulk_create(
        (
            SkillRelation(skill_id=ids[a], related_id=ids[b], relation=r)
            for a, b, r in esco.skill_relations
        ),
        batch_size=BATCH,
    )
    progress(f"stored {len(esco.occupation_skills):,} occupation-skill relations")
    memberships = _write_collections(esco.collections, ids)
    return {
        "concepts": len(known),
        "broader relations": len(set(esco.broader)),
        "occupation-skill relations": len(esco.occupation_skills),
        "skill-skill relations": len(esco.skill_relations),
        "collection memberships": memberships,
    }


def _concept(row: dict, essential_count: int) -> Concept:
    return Concept(
        uri=row["uri"],
        kind=row["kind"],
        code=row["code"],
        skill_type=row["skill_type"],
        reuse_level=row["reuse_level"],
        label_fi=row["label_fi"],
        label_sv=row["label_sv"],
        label_en=row["label_en"],
        alt_labels_en=[a for a in row["alt_labels_en"].split("|") if a],
        description_en=row["description_en"],
        occupation_count=essential_count,
        is_active=row["status"] == "released",
    )


def _write_collections(rows: list[tuple[str, str]], ids: dict[str, int]) -> int:
    collections = {}
    for slug in sorted({slug for slug, _ in rows}):
        fi, sv, en = COLLECTION_NAMES.get(slug, (slug, slug, slug))
        collections[slug], _ = Collection.objects.update_or_create(
            slug=slug, defaults={"name_fi": fi, "name_sv": sv, "name_en": en}
        )
    through = Concept.collections.through
    through.objects.all().delete()
    links = {(ids[uri], collections[slug].id) for slug, uri in rows}
    through.objects.bulk_create(
        (through(concept_id=c, collection_id=k) for c, k in links), batch_size=BATCH
    )
    return len(links)


# Licences ----------------------------------------------------------------------------------


@dataclass
class LicenceRow:
    code: str
    fields: dict
    skill_uris: list[str]
    requires: list[str]


def read_licences(path: Path, known_uris: set[str]) -> list[LicenceRow]:
    """Read licences.json; each fault is reported as `licences.json: [index] code: problem`."""
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ReferenceDataError(f"{path.name}: cannot be read: {exc}") from exc
    if not isinstance(items, list):
        raise ReferenceDataError(f"{path.name}: expected a list of licences")
    rows, errors = [], []
    codes = {item.get("code") for item in items if isinstance(item, dict)}
    for index, item in enumerate(items):
        try:
            rows.append(_licence_row(item, known_uris, codes))
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            code = item.get("code", "?") if isinstance(item, dict) else "?"
            errors.append(f"{path.name}: [{index}] {code}: {_describe(exc)}")
    if errors:
        raise ReferenceDataError("\n".join(errors))
    return rows


def _describe(exc: Exception) -> str:
    return f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)


def _licence_row(item: dict, known_uris: set[str], codes: set[str]) -> LicenceRow:
    if item["category"] not in LicenceCategory.values:
        raise ValueError(f"category {item['category']!r} is unknown")
    days = Decimal(str(item["course_days"]))
    if days < 0:
        raise ValueError("course_days is negative")
    validity = item.get("validity_years")
    if validity is not None and (not isinstance(validity, int) or validity <= 0):
        raise ValueError("validity_years must be a positive whole number or null")
    uris = [ESCO_PREFIX + "skill/" + key for key in item.get("skills", [])]
    if unknown := [u for u in uris if u not in known_uris]:
        raise ValueError(f"unknown ESCO skill {unknown[0]}")
    if missing := [c for c in item.get("requires", []) if c not in codes]:
        raise ValueError(f"requires unknown licence {missing[0]!r}")
    fields = {
        "category": item["category"],
        "course_days": days,
        "validity_years": validity,
        "issuer": item.get("issuer", ""),
        "aliases": list(item.get("aliases", [])),
    }
    for lang in ("fi", "sv", "en"):
        fields[f"name_{lang}"] = item["name"][lang]
        fields[f"description_{lang}"] = item.get("description", {}).get(lang, "")
    return LicenceRow(item["code"], fields, uris, list(item.get("requires", [])))


def _write_licences(rows: list[LicenceRow]) -> int:
    stored = {}
    for row in rows:
        stored[row.code], _ = Licence.objects.update_or_create(code=row.code, defaults=row.fields)
    skill_ids = dict(
        Concept.objects.filter(uri__in={u for r in rows for u in r.skill_uris}).values_list(
            "uri", "id"
        )
    )
    for row in rows:
        stored[row.code].skills.set([skill_ids[u] for u in row.skill_uris])
        stored[row.code].requires.set([stored[c] for c in row.requires])
    return len(rows)


# Search index ------------------------------------------------------------------------------


def skill_prior(occupation_count: int) -> float:
    """Widely needed skills rank a little higher: 0.9 for none, up to 1.1."""
    return 0.9 + 0.05 * min(4.0, math.log1p(occupation_count))


def _concept_labels() -> Iterator[tuple[str, str, str, str, bool, float]]:
    fields = (
        "kind",
        "uri",
        "label_fi",
        "label_sv",
        "label_en",
        "alt_labels_en",
        "occupation_count",
    )
    for kind, uri, fi, sv, en, alts, count in Concept.objects.active().values_list(*fields):
        prior = skill_prior(count) if kind == ConceptKind.SKILL else KIND_PRIOR[kind]
        for lang, label in (("fi", fi), ("sv", sv), ("en", en)):
            if label:
                yield kind, uri, lang, label, True, prior
        for alt in alts:
            if alt != en:
                yield kind, uri, "en", alt, False, prior


def _licence_labels() -> Iterator[tuple[str, str, str, str, bool, float]]:
    prior = KIND_PRIOR[SearchKind.LICENCE]
    for licence in Licence.objects.all():
        for lang in ("fi", "sv", "en"):
            yield (
                SearchKind.LICENCE,
                licence.uri,
                lang,
                getattr(licence, f"name_{lang}"),
                True,
                prior,
            )
        for alias in licence.aliases:
            yield SearchKind.LICENCE, licence.uri, NEUTRAL_LANG, alias, False, prior


def _qualification_labels() -> Iterator[tuple[str, str, str, str, bool, float]]:
    from kohtaamo.qualifications.services import iter_search_labels

    for kind, uri, lang, label, preferred in iter_search_labels():
        yield kind, uri, lang, label, preferred, KIND_PRIOR[kind]


def _entries(labels: Iterable[tuple[str, str, str, str, bool, float]]) -> Iterator[SearchEntry]:
    for kind, uri, lang, label, preferred, prior in labels:
        indexed = IndexedLabel.from_analyses(analyse(label, "fi" if lang == NEUTRAL_LANG else lang))
        if not indexed.words:
            continue
        yield SearchEntry(
            kind=kind,
            uri=uri,
            lang=lang,
            label=label[:400],
            is_preferred=preferred,
            words=" ".join(indexed.words),
            parts=" ".join(indexed.parts),
            terms=" " + " ".join((*indexed.words, *indexed.parts)) + " ",
            word_count=min(indexed.word_count, 32767),
            prior=prior,
        )


def rebuild_search_index(*, kinds: Iterable[str]) -> int:
    """Replace the search entries of `kinds` with fresh ones from the database."""
    kinds = set(kinds)
    sources = []
    if kinds & {
        SearchKind.SKILL,
        SearchKind.OCCUPATION,
        SearchKind.SKILL_GROUP,
        SearchKind.ISCO_GROUP,
    }:
        sources.append(label for label in _concept_labels() if label[0] in kinds)
    if SearchKind.LICENCE in kinds:
        sources.append(_licence_labels())
    if kinds & {SearchKind.UNIT, SearchKind.QUALIFICATION}:
        sources.append(label for label in _qualification_labels() if label[0] in kinds)
    with transaction.atomic():
        SearchEntry.objects.filter(kind__in=kinds).delete()
        created = 0
        for source in sources:
            created += len(SearchEntry.objects.bulk_create(_entries(source), batch_size=BATCH))
    return created
