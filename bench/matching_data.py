"""Synthetic national-scale matching data drawn from the real ESCO relations (for the benchmarks).

People and vacancies each get 20-50 competences: a random subset of one ESCO occupation's
skills (essential and optional), topped up with skills drawn by their frequency across all
occupations when the occupation has fewer; people also get 10 % unrelated skills (noise) and
licences. The matrices follow the matching contract (kohtaamo/matching, weights from
MatchParams), built vectorised rather than through kohtaamo.matching.vectors (which takes one
dataclass per person and would take minutes at this size): P person strengths
(level/5 x evidence confidence, unconfirmed halved), E expansion (identity, ESCO broader/narrower
skill 0.5, related skill 0.3), PE = min(P @ E, 1), V requirement weights (importance x essential
or optional x rarity, rows summing to 1). Seeded: the same arguments give the same data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from kohtaamo.geo.distance import ROAD_FACTOR, distance_matrix_km
from kohtaamo.lang.vocabulary import read_csv_gz
from kohtaamo.matching.params import MatchParams

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"
ESCO = REFERENCE / "esco"
SKILL = "http://data.europa.eu/esco/skill/"

PARAMS = MatchParams()
# Evidence confidence per source (the engine's values) and how often each source occurs.
SOURCES = np.array(list(PARAMS.source_confidence.values()), dtype=np.float32)
SOURCE_SHARE = np.array([0.1, 0.1, 0.2, 0.4, 0.2])
HIERARCHY_CREDIT = PARAMS.hierarchy_credit
RELATED_CREDIT = PARAMS.related_credit
IMPORTANCE = np.array([PARAMS.importance_weight[i] for i in (1, 2, 3)], dtype=np.float32)
OPTIONAL_FACTOR = PARAMS.optional_factor
UNCONFIRMED = PARAMS.unconfirmed_factor


@dataclass
class MatchingData:
    vocabulary: list[str]
    pe: sp.csr_matrix  # people x vocabulary, float32
    v: sp.csr_matrix  # vacancies x vocabulary, float32, rows sum to 1
    person_area: np.ndarray  # int16 municipality index
    vacancy_area: np.ndarray
    area_km: np.ndarray  # float32 road km between municipalities
    person_radius_km: np.ndarray  # float32
    person_has: np.ndarray  # uint64 [people, 1]: licence bits
    vacancy_needs: np.ndarray  # uint64 [vacancies, 1]: mandatory licence bits
    vacancy_missing_factor: np.ndarray  # float32: 0 excludes, else the penalty factor
    build_seconds: float = 0.0


def _occupations(vocab_index: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    by_occupation: dict[str, list[tuple[int, bool]]] = {}
    for row in read_csv_gz(ESCO / "occupation_skills.csv.gz"):
        by_occupation.setdefault(row["occupation_uri"], []).append(
            (vocab_index[row["skill_uri"]], row["relation"] == "essential")
        )
    lists = [by_occupation[uri] for uri in sorted(by_occupation)]
    ptr = np.zeros(len(lists) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(x) for x in lists])
    skills = np.array([s for x in lists for s, _ in x], dtype=np.int32)
    essential = np.array([e for x in lists for _, e in x], dtype=bool)
    return ptr, skills, essential


def _draw(rng, n, ptr, skills, essential, popularity, noise):
    """(item, skill column, essential) triples: 20-50 skills of a random occupation each."""
    n_occ = len(ptr) - 1
    occ = rng.integers(0, n_occ, n)
    want = rng.integers(20, 51, n)
    lens = np.diff(ptr)[occ]
    item = np.repeat(np.arange(n, dtype=np.int64), lens)
    starts = np.repeat(np.cumsum(lens) - lens, lens)
    pos = ptr[occ][item] + np.arange(len(item)) - starts
    order = np.lexsort((rng.random(len(item)), item))
    rank = np.arange(len(item)) - starts  # item is sorted, so ranks follow the order
    item, pos = item[order], pos[order]
    keep = rank < np.repeat(want - np.round(want * noise).astype(np.int64), lens)
    item, col, ess = item[keep], skills[pos[keep]], essential[pos[keep]]
    extra = want - np.bincount(item, minlength=n)
    extra_item = np.repeat(np.arange(n, dtype=np.int64), np.maximum(extra, 0))
    extra_col = rng.choice(len(popularity), len(extra_item), p=popularity).astype(np.int32)
    item = np.concatenate([item, extra_item])
    col = np.concatenate([col, extra_col])
    ess = np.concatenate([ess, rng.random(len(extra_item)) < 0.5])
    return item, col, ess


def _expansion(vocab_index: dict[str, int], n: int) -> sp.csr_matrix:
    rows, cols, vals = [np.arange(n)], [np.arange(n)], [np.ones(n, dtype=np.float32)]
    pairs = []
    for row in read_csv_gz(ESCO / "broader.csv.gz"):
        a, b = vocab_index.get(row["uri"]), vocab_index.get(row["broader_uri"])
        if a is not None and b is not None:
            pairs.append((a, b, HIERARCHY_CREDIT))
    for row in read_csv_gz(ESCO / "skill_relations.csv.gz"):
        a, b = vocab_index.get(row["skill_uri"]), vocab_index.get(row["related_uri"])
        if a is not None and b is not None:
            pairs.append((a, b, RELATED_CREDIT))
    arr = np.array(pairs, dtype=np.float64)
    a, b, w = arr[:, 0].astype(np.int64), arr[:, 1].astype(np.int64), arr[:, 2]
    rows += [a, b]
    cols += [b, a]
    vals += [w.astype(np.float32)] * 2
    # A pair linked twice (both hierarchical and related, or listed twice) keeps its highest
    # credit, as kohtaamo.matching.vectors.expansion_links does.
    row, col, val = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    keys = row * n + col
    order = np.argsort(keys, kind="stable")
    unique, first = np.unique(keys[order], return_index=True)
    best = np.maximum.reduceat(val[order], first)
    e = sp.csr_matrix((best, (unique // n, unique % n)), shape=(n, n))
    e.sort_indices()
    return e


def _municipalities():
    rows = [r for r in read_csv_gz(REFERENCE / "geo" / "municipalities.csv.gz") if r["latitude"]]
    lat = np.array([float(r["latitude"]) for r in rows])
    lon = np.array([float(r["longitude"]) for r in rows])
    pop = np.array([float(r["population"] or 1) for r in rows])
    km = (distance_matrix_km(lat, lon) * ROAD_FACTOR).astype(np.float32)
    return km, pop / pop.sum()


def build(n_people: int, n_vacancies: int, seed: int = 6) -> MatchingData:
    import time

    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    skills = sorted(
        {r["skill_uri"] for r in read_csv_gz(ESCO / "occupation_skills.csv.gz")}
        | {r["uri"] for r in read_csv_gz(ESCO / "broader.csv.gz") if r["uri"].startswith(SKILL)}
    )
    licences = [
        "urn:kohtaamo:licence:" + x["code"]
        for x in json.loads((REFERENCE / "licences.json").read_text())
    ][:64]
    vocabulary = skills + licences
    vocab_index = {uri: i for i, uri in enumerate(vocabulary)}
    n_vocab, first_licence = len(vocabulary), len(skills)
    ptr, occ_skills, occ_essential = _occupations(vocab_index)
    popularity = np.bincount(occ_skills, minlength=len(skills)).astype(np.float64) + 0.1
    popularity /= popularity.sum()

    # Vacancies.
    item, col, ess = _draw(rng, n_vacancies, ptr, occ_skills, occ_essential, popularity, 0.0)
    needs_licence = rng.random(n_vacancies) < 0.15
    lic_item = np.flatnonzero(needs_licence)
    lic_code = rng.integers(0, len(licences), len(lic_item))
    vacancy_needs = np.zeros((n_vacancies, 1), dtype=np.uint64)
    vacancy_needs[lic_item, 0] = np.left_shift(np.uint64(1), lic_code.astype(np.uint64))
    vacancy_missing_factor = np.where(rng.random(n_vacancies) < 0.5, 0.0, 0.5).astype(np.float32)
    item = np.concatenate([item, lic_item])
    col = np.concatenate([col, first_licence + lic_code]).astype(np.int64)
    ess = np.concatenate([ess, np.ones(len(lic_item), dtype=bool)])
    importance = IMPORTANCE[rng.integers(0, 3, len(item))]
    raw = sp.coo_matrix(
        (importance * np.where(ess, 1.0, OPTIONAL_FACTOR).astype(np.float32), (item, col)),
        shape=(n_vacancies, n_vocab),
    ).tocsr()
    raw.sum_duplicates()
    df = np.bincount(raw.indices, minlength=n_vocab)
    rarity = (np.log((1 + n_vacancies) / (1 + df)) + 1).astype(np.float32)
    rarity /= rarity.max()
    raw.data *= rarity[raw.indices]
    raw = sp.diags((1.0 / np.asarray(raw.sum(axis=1)).ravel()).astype(np.float32)) @ raw
    v = raw.astype(np.float32).tocsr()

    # People.
    item, col, _ = _draw(rng, n_people, ptr, occ_skills, occ_essential, popularity, 0.1)
    level = rng.integers(1, 6, len(item)).astype(np.float32) / 5
    source = SOURCES[rng.choice(len(SOURCES), len(item), p=SOURCE_SHARE)]
    confirmed = np.where(rng.random(len(item)) < 0.8, 1.0, UNCONFIRMED).astype(np.float32)
    n_lic = rng.choice(4, n_people, p=[0.55, 0.25, 0.15, 0.05])
    lic_person = np.repeat(np.arange(n_people), n_lic)
    lic_code = rng.integers(0, len(licences), len(lic_person))
    person_has = np.zeros((n_people, 1), dtype=np.uint64)
    np.bitwise_or.at(
        person_has[:, 0], lic_person, np.left_shift(np.uint64(1), lic_code.astype(np.uint64))
    )
    p = sp.coo_matrix(
        (
            np.concatenate([level * source * confirmed, np.ones(len(lic_person), np.float32)]),
            (np.concatenate([item, lic_person]), np.concatenate([col, first_licence + lic_code])),
        ),
        shape=(n_people, n_vocab),
    ).tocsr()
    p.sum_duplicates()
    p.data = np.minimum(p.data, 1.0).astype(np.float32)
    pe = (p @ _expansion(vocab_index, n_vocab)).tocsr()
    pe.data = np.minimum(pe.data, 1.0).astype(np.float32)

    area_km, population = _municipalities()
    return MatchingData(
        vocabulary=vocabulary,
        pe=pe,
        v=v,
        person_area=rng.choice(len(population), n_people, p=population).astype(np.int16),
        vacancy_area=rng.choice(len(population), n_vacancies, p=population).astype(np.int16),
        area_km=area_km,
        person_radius_km=rng.choice([30, 50, 80, 150], n_people).astype(np.float32),
        person_has=person_has,
        vacancy_needs=vacancy_needs,
        vacancy_missing_factor=vacancy_missing_factor,
        build_seconds=time.perf_counter() - started,
    )
