"""placeholder"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Concept:
    uri: str
    preferred: str
    alternatives: tuple[str, ...]


def load_esco_concepts(path: Path, kind: str) -> list[Concept]:
    concepts = []
    with gzip.open(path, "rb") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
            if row["kind"] != kind or row["status"] != "released" or not row["label_en"]:
                continue
            seen = {row["label_en"].casefold()}
            alts = []
            for alt in row["alt_labels_en"].split("|"):
                if alt.strip() and alt.casefold() not in seen:
                    seen.add(alt.casefold())
                    alts.append(alt.strip())
            concepts.append(Concept(row["uri"], row["label_en"], tuple(alts)))
    return concepts


def flat_labels(concepts):
    labels, owner, pref = [], [], []
    for i, c in enumerate(concepts):
        for j, label in enumerate((c.preferred, *c.alternatives)):
            labels.append(label)
            owner.append(i)
            pref.append(j == 0)
    return labels, owner, pref
