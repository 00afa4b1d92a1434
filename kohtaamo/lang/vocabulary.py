"""The vocabulary that text is matched against, as plain data.

Text-to-competence extraction needs every label of every concept (ESCO skills and occupations,
licences and cards, qualification units) with its language. The product builds this list from
its database (so that organisations' own synonyms count); benchmarks and tests can build it
straight from the committed reference files with `load_reference_vocabulary`, without Django.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

LICENCE_URI_PREFIX = "urn:kohtaamo:licence:"
ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
ANY_LANGUAGE = "*"


class VocabularyEntry(NamedTuple):
    """One label of one concept. A named tuple: the cached index holds some 170,000 of them."""

    uri: str
    kind: str  # skill, occupation, licence, unit, qualification
    lang: str  # fi, sv, en or "*" (abbreviations that belong to no one language)
    label: str
    preferred: bool = True
    prior: float = 1.0  # how readily the concept is suggested, from its kind and use


def load_reference_vocabulary(reference_dir: Path) -> list[VocabularyEntry]:
    """Skills, occupations, licences and synonyms from data/reference, without the database."""
    return [
        *_esco_entries(reference_dir / "esco" / "concepts.csv.gz"),
        *_licence_entries(reference_dir / "licences.json"),
        *load_synonyms(reference_dir / "synonyms.csv"),
    ]


def load_synonyms(path: Path, prior: float = 0.95) -> list[VocabularyEntry]:
    """The curated synonyms (data/reference/synonyms.csv: lang, text, uri, why)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [
            VocabularyEntry(
                row["uri"], kind_of_uri(row["uri"]), row["lang"], row["text"], False, prior
            )
            for row in csv.DictReader(fh)
        ]


def kind_of_uri(uri: str) -> str:
    if uri.startswith(LICENCE_URI_PREFIX):
        return "licence"
    if uri.startswith("urn:eperusteet:tutkinnonosa:"):
        return "unit"
    return "occupation" if "/occupation/" in uri else "skill"


def read_csv_gz(path: Path) -> Iterator[dict[str, str]]:
    """The rows of one of data/reference's gzipped CSV files."""
    with gzip.open(path, "rb") as raw:
        yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))


def _esco_entries(path: Path) -> Iterator[VocabularyEntry]:
    for row in read_csv_gz(path):
        if row["kind"] not in ("skill", "occupation") or row["status"] != "released":
            continue
        for lang in ("fi", "sv", "en"):
            if label := row[f"label_{lang}"]:
                yield VocabularyEntry(row["uri"], row["kind"], lang, label)
        for alt in filter(None, row["alt_labels_en"].split("|")):
            if alt != row["label_en"]:
                yield VocabularyEntry(row["uri"], row["kind"], "en", alt, preferred=False)


def _licence_entries(path: Path) -> Iterator[VocabularyEntry]:
    for item in json.loads(path.read_text(encoding="utf-8")):
        uri = LICENCE_URI_PREFIX + item["code"]
        for lang, label in item["name"].items():
            yield VocabularyEntry(uri, "licence", lang, label, prior=1.1)
        for alias in item.get("aliases", []):
            yield VocabularyEntry(uri, "licence", ANY_LANGUAGE, alias, preferred=False, prior=1.1)
