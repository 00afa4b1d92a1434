"""Reading licences.json: the licences and cards Finnish employers ask for."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kohtaamo.core.errors import ReferenceDataError
from kohtaamo.taxonomy.enums import LicenceCategory
from kohtaamo.taxonomy.models import Concept, Licence
from kohtaamo.taxonomy.reference_files import ESCO_PREFIX


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


def write_licences(rows: list[LicenceRow]) -> int:
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
