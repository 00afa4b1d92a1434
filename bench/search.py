"""Benchmark: taxonomy search latency on the real index, against a naive baseline.

Baseline: Django's `icontains` over the three preferred labels of the concepts and licences
(what a first version without morphology would do). It is faster or slower depending on the
query but cannot find inflected words; the interesting figure is the morphology search's own
latency (goal: well under 200 ms per query so that typing feels instant).

Run against the demo database (`make demo` first):
    KOHTAAMO_DEBUG=1 .venv/bin/python bench/search.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("KOHTAAMO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db.models import Q  # noqa: E402

from kohtaamo.taxonomy.models import Concept, Licence  # noqa: E402
from kohtaamo.taxonomy.search import search  # noqa: E402

QUERIES = [
    ("trukki", "fi"),
    ("hygieniapassin", "fi"),
    ("siivooja", "fi"),
    ("asiakaspalvelutaidot", "fi"),
    ("maanrakennuskoneenkuljettaja", "fi"),
    ("forklift", "en"),
    ("gaffeltruck", "sv"),
    ("trukki", None),
]
REPEATS = 5


def naive(query: str) -> int:
    words = (
        Q(label_fi__icontains=query) | Q(label_sv__icontains=query) | Q(label_en__icontains=query)
    )
    names = Q(name_fi__icontains=query) | Q(name_sv__icontains=query) | Q(name_en__icontains=query)
    return len(list(Concept.objects.filter(words)[:20])) + len(list(Licence.objects.filter(names)))


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    times, result = [], None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def main() -> None:
    search("warm-up", lang=None)  # loads simplemma's dictionaries once
    print(f"taxonomy search benchmark ({django.db.connection.vendor}), median of {REPEATS} runs")
    print(f"  {'query':<30}{'lang':<6}{'search ms':>10}{'naive ms':>10}{'ratio':>7}  top hit")
    ratios = []
    for query, lang in QUERIES:
        ms, hits = timed(search, query, lang=lang, limit=20)
        base_ms, _ = timed(naive, query)
        ratios.append(ms / base_ms)
        top = hits[0].label if hits else "-"
        print(
            f"  {query:<30}{lang or 'all':<6}{ms:>10.1f}{base_ms:>10.1f}{ms / base_ms:>7.1f}  {top}"
        )
    print(f"  geometric mean ratio search/naive: {statistics.geometric_mean(ratios):.1f}x")


if __name__ == "__main__":
    main()
