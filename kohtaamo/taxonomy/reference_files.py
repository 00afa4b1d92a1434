"""Reading and validating the compact reference files in data/reference/esco.

Everything is read and checked before the database is touched, so that a broken file stops
the import with a message naming the file and line, and nothing is half-written.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kohtaamo.core.errors import ReferenceDataError
from kohtaamo.taxonomy.enums import ConceptKind, RelationType

__all__ = ["ReferenceDataError", "read_esco", "EscoData"]

ESCO_PREFIX = "http://data.europa.eu/esco/"
MAX_REPORTED_ERRORS = 20
CONCEPT_COLUMNS = [
    "kind", "uri", "code", "skill_type", "reuse_level",
    "label_fi", "label_sv", "label_en", "alt_labels_en", "description_en", "status",
]  # fmt: skip
STATUSES = {"released", "missing"}  # missing: named by a relation, absent from ESCO's files
FILES = {
    "concepts": ("concepts.csv.gz", CONCEPT_COLUMNS),
    "broader": ("broader.csv.gz", ["uri", "broader_uri"]),
    "occupation_skills": ("occupation_skills.csv.gz", ["occupation_uri", "skill_uri", "relation"]),
    "skill_relations": ("skill_relations.csv.gz", ["skill_uri", "related_uri", "relation"]),
    "collections": ("collections.csv.gz", ["collection", "uri"]),
}
KINDS = set(ConceptKind.values)
RELATIONS = set(RelationType.values)


@dataclass
class EscoData:
    concepts: list[dict] = field(default_factory=list)
    broader: list[tuple[str, str]] = field(default_factory=list)
    occupation_skills: list[tuple[str, str, str]] = field(default_factory=list)
    skill_relations: list[tuple[str, str, str]] = field(default_factory=list)
    collections: list[tuple[str, str]] = field(default_factory=list)


class _Errors:
    def __init__(self):
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(message)

    def raise_if_any(self) -> None:
        if self.messages:
            shown = self.messages[:MAX_REPORTED_ERRORS]
            more = len(self.messages) - len(shown)
            tail = f"\n… and {more} more errors" if more else ""
            raise ReferenceDataError("\n".join(shown) + tail)


def _rows(path: Path, columns: list[str]) -> Iterator[tuple[int, dict]]:
    if not path.exists():
        raise ReferenceDataError(f"{path}: file not found")
    try:
        with gzip.open(path, "rb") as raw:
            reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
            if reader.fieldnames != columns:
                raise ReferenceDataError(
                    f"{path.name}: line 1: expected columns {','.join(columns)}, "
                    f"found {','.join(reader.fieldnames or [])}"
                )
            for row in reader:
                if None in row or None in row.values():
                    raise ReferenceDataError(
                        f"{path.name}: line {reader.line_num}: expected {len(columns)} fields"
                    )
                yield reader.line_num, row
    except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
        raise ReferenceDataError(f"{path.name}: cannot be read: {exc}") from exc


def read_esco(source: Path) -> EscoData:
    """Read and validate all ESCO files of `source`; raise ReferenceDataError on any fault."""
    data = EscoData()
    errors = _Errors()
    uris: dict[str, str] = {}
    name, columns = FILES["concepts"]
    for line, row in _rows(source / name, columns):
        problem = _concept_problem(row, uris)
        if problem:
            errors.add(f"{name}: line {line}: {problem}")
            continue
        uris[row["uri"]] = row["kind"]
        data.concepts.append(row)
    errors.raise_if_any()

    def check(uri: str, where: str, kinds: set[str] | None = None) -> bool:
        kind = uris.get(uri)
        if kind is None:
            errors.add(f"{where}: unknown concept URI {uri}")
            return False
        if kinds and kind not in kinds:
            errors.add(f"{where}: {uri} is a {kind}, expected {' or '.join(sorted(kinds))}")
            return False
        return True

    name, columns = FILES["broader"]
    for line, row in _rows(source / name, columns):
        where = f"{name}: line {line}"
        if check(row["uri"], where) and check(row["broader_uri"], where):
            data.broader.append((row["uri"], row["broader_uri"]))
    for key, first, second, kinds in (
        ("occupation_skills", "occupation_uri", "skill_uri", ({"occupation"}, {"skill"})),
        ("skill_relations", "skill_uri", "related_uri", ({"skill"}, {"skill"})),
    ):
        name, columns = FILES[key]
        target = getattr(data, key)
        for line, row in _rows(source / name, columns):
            where = f"{name}: line {line}"
            if row["relation"] not in RELATIONS:
                errors.add(f"{where}: relation {row['relation']!r} is not essential or optional")
            elif check(row[first], where, kinds[0]) and check(row[second], where, kinds[1]):
                target.append((row[first], row[second], row["relation"]))
    name, columns = FILES["collections"]
    for line, row in _rows(source / name, columns):
        if check(row["uri"], f"{name}: line {line}"):
            data.collections.append((row["collection"], row["uri"]))
    errors.raise_if_any()
    return data


def _concept_problem(row: dict, seen: dict[str, str]) -> str | None:
    if row["kind"] not in KINDS:
        return f"kind {row['kind']!r} is not one of {', '.join(sorted(KINDS))}"
    if not row["uri"].startswith(ESCO_PREFIX):
        return f"URI {row['uri']!r} is not an ESCO URI"
    if row["uri"] in seen:
        return f"URI {row['uri']} appears twice"
    if not row["label_en"].strip():
        return "English label is empty"
    if row["status"] not in STATUSES:
        return f"status {row['status']!r} is not one of {', '.join(sorted(STATUSES))}"
    return None
