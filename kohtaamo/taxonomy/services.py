"""Importing the competence vocabulary: ESCO, the licences and cards, and the search index."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.core.reference import reference_dir
from kohtaamo.taxonomy.enums import RelationType, SearchKind
from kohtaamo.taxonomy.indexing import INDEX_VERSION, rebuild_search_index
from kohtaamo.taxonomy.licences import read_licences, write_licences
from kohtaamo.taxonomy.models import (
    BroaderRelation,
    Collection,
    Concept,
    OccupationSkill,
    ReferenceImport,
    SkillRelation,
)
from kohtaamo.taxonomy.reference_files import ESCO_PREFIX, EscoData, read_esco

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


@dataclass
class ImportReport:
    counts: dict[str, int]
    seconds: float

    def __str__(self) -> str:
        parts = ", ".join(f"{n:,} {name}" for name, n in self.counts.items())
        return f"{parts} in {self.seconds:.1f} s"


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
        counts["licences"] = write_licences(licences)
        progress("building the search index")
        counts["search entries"] = rebuild_search_index(
            kinds=[
                k for k in SearchKind.values if k not in (SearchKind.UNIT, SearchKind.QUALIFICATION)
            ]
        )
        report = ImportReport(counts=counts, seconds=time.monotonic() - started)
        audit.record(actor=None, action=AuditAction.IMPORT, object_type="taxonomy", detail=counts)
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
