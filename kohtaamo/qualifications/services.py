"""Import of ePerusteet qualifications, and the look-ups other apps need from them."""

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kohtaamo.qualifications import eperusteet
from kohtaamo.qualifications.eperusteet import (
    LANGS,
    Batch,
    CompositionRecord,
    QualificationImportError,
    QualificationRecord,
    UnitRecord,
)
from kohtaamo.qualifications.models import (
    QUALIFICATION_URN,
    UNIT_URN,
    Qualification,
    QualificationComposition,
    QualificationUnit,
    qualification_uri,
    unit_uri,
)

__all__ = [
    "ChangeCount",
    "ImportReport",
    "QualificationImportError",
    "demo_paths",
    "get_by_uri",
    "import_eperusteet",
    "iter_search_labels",
]

SUFFIXES = (".json", ".json.gz")


def demo_dir() -> Path:
    return Path(settings.KOHTAAMO_DATA_DIR) / "reference" / "qualifications"


def demo_paths() -> list[Path]:
    """The committed demo set: Lapland projects' qualifications and the real ePerusteet samples."""
    return sorted(demo_dir().rglob("*.json.gz"))


@dataclass
class ChangeCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


@dataclass
class ImportReport:
    files: int
    dry_run: bool = False
    qualifications: ChangeCount = field(default_factory=ChangeCount)
    units: ChangeCount = field(default_factory=ChangeCount)
    compositions: ChangeCount = field(default_factory=ChangeCount)
    warnings: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        def counts(count: ChangeCount) -> str:
            return _("created %(created)d, updated %(updated)d, unchanged %(unchanged)d") % {
                "created": count.created,
                "updated": count.updated,
                "unchanged": count.unchanged,
            }

        lines = [
            _("Qualifications: %(counts)s.") % {"counts": counts(self.qualifications)},
            _("Qualification units: %(counts)s.") % {"counts": counts(self.units)},
            _("Units in qualifications: %(counts)s, removed %(deleted)d.")
            % {"counts": counts(self.compositions), "deleted": self.compositions.deleted},
        ]
        if self.dry_run:
            lines.append(_("Dry run: nothing was saved."))
        return lines


# --- Reading files --------------------------------------------------------------------------


def _expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the .json/.json.gz files inside directories."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.name.endswith(SUFFIXES))
        elif not path.name.endswith(SUFFIXES):
            raise QualificationImportError(path.name, "$", _("not a .json or .json.gz file"))
        else:
            files.append(path)
    return files


def _reject_constant(name: str) -> Any:
    raise ValueError(_("%(name)s is not a number") % {"name": name})


def load_json(path: Path) -> Any:
    """The parsed content of a .json or .json.gz file; bad files raise QualificationImportError."""
    try:
        raw = path.read_bytes()
        if path.name.endswith(".gz"):
            raw = gzip.decompress(raw)
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except FileNotFoundError:
        problem = _("no such file")
    except (gzip.BadGzipFile, EOFError, zlib.error):
        problem = _("not a valid gzip file")
    except UnicodeDecodeError:
        problem = _("not UTF-8 text")
    except json.JSONDecodeError as error:
        problem = _("invalid JSON at line %(line)d, column %(column)d: %(message)s") % {
            "line": error.lineno,
            "column": error.colno,
            "message": error.msg,
        }
    except ValueError as error:
        problem = _("invalid JSON: %(message)s") % {"message": error}
    raise QualificationImportError(path.name, "$", problem)


def read_batch(paths: Iterable[Path]) -> Batch:
    batch = Batch()
    for path in paths:
        eperusteet.parse_document(load_json(path), path.name, batch)
    eperusteet.fill_unit_scopes(batch)
    return batch


# --- Writing --------------------------------------------------------------------------------


def _names(names: dict[str, str], prefix: str = "name") -> dict[str, str]:
    return {f"{prefix}_{lang}": names.get(lang, "") for lang in LANGS}


def _qualification_fields(record: QualificationRecord) -> dict[str, Any]:
    """The fields the record knows; the others keep their stored values on update."""
    values = {
        "diary_number": record.diary_number,
        "kind": record.kind,
        "valid_from": record.valid_from,
        "valid_until": record.valid_until,
        "scope": record.scope,
    }
    # Names too: a summary without the English name must not erase it.
    names = {f"name_{lang}": name for lang, name in record.names.items()}
    return names | {name: v for name, v in values.items() if v is not None}


def _unit_fields(record: UnitRecord) -> dict[str, Any]:
    values = _names(record.names) | _names(record.descriptions, "description")
    values |= {
        "code": record.code,
        "kind": record.kind,
        "skill_requirements": record.skill_requirements,
    }
    return values | ({"scope": record.scope} if record.scope is not None else {})


def _upsert(
    model: type[models.Model],
    values: dict[int, dict[str, Any]],
    defaults: dict[int, dict[str, Any]] | None = None,
) -> ChangeCount:
    """Create or update rows by eperusteet_id, writing only what differs."""
    count = ChangeCount()
    existing = model.objects.in_bulk(list(values), field_name="eperusteet_id")
    new, changed, changed_fields = [], [], set()
    for eperusteet_id, fields in values.items():
        obj = existing.get(eperusteet_id)
        if obj is None:
            initial = (defaults or {}).get(eperusteet_id, {}) | fields
            new.append(model(eperusteet_id=eperusteet_id, **initial))
            continue
        diff = {name: v for name, v in fields.items() if getattr(obj, name) != v}
        for name, value in diff.items():
            setattr(obj, name, value)
        changed += [obj] if diff else []
        changed_fields |= diff.keys()
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, sorted(changed_fields))
    count.created, count.updated = len(new), len(changed)
    count.unchanged = len(values) - len(new) - len(changed)
    return count


def _pks(model: type[models.Model], eperusteet_ids: Iterable[int]) -> dict[int, int]:
    rows = model.objects.filter(eperusteet_id__in=set(eperusteet_ids))
    return dict(rows.values_list("eperusteet_id", "pk"))


def _drop_unknown_units(
    rows: dict[tuple[int, int], CompositionRecord], batch: Batch
) -> tuple[dict[tuple[int, int], CompositionRecord], list[str]]:
    """Rows whose unit is neither in the batch nor stored cannot be written; say so."""
    outside = {unit_id for _, unit_id in rows} - batch.units.keys()
    known = set(batch.units) | set(_pks(QualificationUnit, outside))
    kept = {key: row for key, row in rows.items() if row.unit_id in known}
    dropped = [row for key, row in rows.items() if key not in kept]
    if not dropped:
        return kept, []
    example = dropped[0]
    warning = ngettext(
        "%(count)d unit of a qualification is neither in this import nor in the database and "
        "was skipped (unit %(unit)d of qualification %(qualification)d)",
        "%(count)d units of qualifications are neither in this import nor in the database and "
        "were skipped (e.g. unit %(unit)d of qualification %(qualification)d)",
        len(dropped),
    ) % {"count": len(dropped), "unit": example.unit_id, "qualification": example.qualification_id}
    return kept, [warning]


def _composition_fields(row: CompositionRecord, *, complete: bool) -> dict[str, Any]:
    """All fields for a qualification whose whole composition is imported; else what is known."""
    values = {"mandatory": row.mandatory, "scope": row.scope, "module": row.module}
    return values if complete else {name: v for name, v in values.items() if v not in (None, "")}


def _sync_compositions(
    rows: dict[tuple[int, int], CompositionRecord], complete: set[int]
) -> ChangeCount:
    """Write the rows; for `complete` qualifications (ePerusteet ids), remove units now gone."""
    count = ChangeCount()
    q_pks = _pks(Qualification, {q for q, _ in rows} | complete)
    u_pks = _pks(QualificationUnit, {u for _, u in rows})
    complete_pks = {q_pks[q] for q in complete}
    wanted = {(q_pks[q], u_pks[u]): row for (q, u), row in rows.items()}
    stored = QualificationComposition.objects.filter(
        qualification_id__in={q for q, _ in wanted} | complete_pks
    )
    existing = {(c.qualification_id, c.unit_id): c for c in stored}
    new, changed = [], []
    for (q, u), row in wanted.items():
        fields = _composition_fields(row, complete=q in complete_pks)
        obj = existing.get((q, u))
        if obj is None:
            new.append(QualificationComposition(qualification_id=q, unit_id=u, **fields))
        elif any(getattr(obj, name) != v for name, v in fields.items()):
            changed.append(obj)
            for name, value in fields.items():
                setattr(obj, name, value)
    stale = [c.pk for key, c in existing.items() if key[0] in complete_pks and key not in wanted]
    QualificationComposition.objects.filter(pk__in=stale).delete()
    QualificationComposition.objects.bulk_create(new)
    QualificationComposition.objects.bulk_update(changed, ["mandatory", "scope", "module"])
    count.created, count.updated, count.deleted = len(new), len(changed), len(stale)
    count.unchanged = len(wanted) - len(new) - len(changed)
    return count


def import_eperusteet(*, paths: list[Path], dry_run: bool = False) -> ImportReport:
    """Import ePerusteet JSON files (.json or .json.gz, or directories of them).

    Every file is read and checked before anything is written, and everything is written in one
    transaction: bad input raises QualificationImportError and leaves the database as it was.
    Re-importing the same files changes nothing. A full peruste document replaces the stored
    composition of its qualification; other documents only add to or update it.
    """
    files = _expand(paths)
    batch = read_batch(files)
    planned, warnings = eperusteet.plan_compositions(batch)
    report = ImportReport(files=len(files), dry_run=dry_run, warnings=warnings)
    with transaction.atomic():
        rows, unknown = _drop_unknown_units(planned, batch)
        report.warnings += unknown
        report.qualifications = _upsert(
            Qualification,
            {i: _qualification_fields(r) for i, r in batch.qualifications.items()},
            {i: {"kind": r.kind_from_name} for i, r in batch.qualifications.items()},
        )
        report.units = _upsert(
            QualificationUnit, {i: _unit_fields(r) for i, r in batch.units.items()}
        )
        report.compositions = _sync_compositions(rows, batch.complete_qualifications)
        if dry_run:
            transaction.set_rollback(True)
    return report


# --- Look-ups -------------------------------------------------------------------------------

SearchLabel = tuple[str, str, str, str, bool]


def iter_search_labels() -> Iterator[SearchLabel]:
    """(kind, uri, lang, label, is_preferred) of every unit and qualification, for the search index.

    Labels are the names in Finnish, Swedish and English; empty ones are skipped. ePerusteet
    gives no synonyms, so every label is preferred.
    """
    sources = (
        ("unit", QualificationUnit, unit_uri),
        ("qualification", Qualification, qualification_uri),
    )
    for kind, model, uri_of in sources:
        rows = model.objects.order_by("pk").values_list("eperusteet_id", *_names({}).keys())
        for eperusteet_id, *labels in rows.iterator(chunk_size=2000):
            uri = uri_of(eperusteet_id)
            for lang, label in zip(LANGS, labels, strict=True):
                if label:
                    yield kind, uri, lang, label, True


def get_by_uri(uri: str) -> Qualification | QualificationUnit | None:
    """The qualification or unit that a `urn:eperusteet:peruste:<id>` or
    `urn:eperusteet:tutkinnonosa:<id>` names; None for other or unknown URIs."""
    for prefix, model in ((QUALIFICATION_URN, Qualification), (UNIT_URN, QualificationUnit)):
        tail = uri.removeprefix(prefix)
        if tail != uri and tail.isascii() and tail.isdigit():
            return model.objects.filter(eperusteet_id=int(tail)).first()
    return None
