"""Benchmark: the Finnish/Swedish/English phrase set of tests/lang/data/phrases.json.

213 phrases in the style of Lapland job ads, CVs and counsellors' notes, each with the concepts
an extractor must find and the modality it must give them. Prints recall (expected concepts
found), modality accuracy (of those found), precision against the expectations (a lower bound:
the expectations list what must be found, not everything that may be), and the forbidden
suggestions made; for the extractor and for a baseline of plain exact-label substrings.

    .venv/bin/python bench/phrases.py
"""

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kohtaamo.lang.extract import MENTION, REQUIREMENT, ExtractionIndex, extract  # noqa: E402
from kohtaamo.lang.vocabulary import load_reference_vocabulary  # noqa: E402

PHRASES = ROOT / "tests" / "lang" / "data" / "phrases.json"
MIN_CONFIDENCE = 0.6  # what the page pre-selects is higher; this is what it shows


def default_modality(phrase: dict) -> str:
    return MENTION if phrase.get("source") in ("CV", "counsellor note") else REQUIREMENT


def score(phrases, suggest) -> dict:
    totals = defaultdict(int)
    by_lang = defaultdict(lambda: [0, 0])
    for phrase in phrases:
        found = {s.uri: s for s in suggest(phrase) if s.confidence >= MIN_CONFIDENCE}
        expected = {e["uri"]: e for e in phrase["expect"]}
        hits = [uri for uri in expected if uri in found]
        totals["expected"] += len(expected)
        totals["found"] += len(hits)
        totals["suggested"] += len(found)
        totals["modality"] += sum(found[u].modality == expected[u]["modality"] for u in hits)
        totals["forbidden"] += sum(uri in found for uri in phrase.get("forbid", []))
        by_lang[phrase["lang"]][0] += len(hits)
        by_lang[phrase["lang"]][1] += len(expected)
    totals["by_lang"] = {lang: hit / n for lang, (hit, n) in by_lang.items()}
    return totals


def baseline(vocabulary):
    labels = [(e.label.casefold(), e) for e in vocabulary]

    class Hit:
        def __init__(self, entry):
            self.uri, self.confidence, self.modality = entry.uri, 1.0, REQUIREMENT

    def suggest(phrase):
        text = phrase["text"].casefold()
        return [Hit(e) for label, e in labels if e.lang in (phrase["lang"], "*") and label in text]

    return suggest


def report(name: str, t: dict) -> None:
    recall = t["found"] / t["expected"]
    precision = t["found"] / max(1, t["suggested"])
    modality = t["modality"] / max(1, t["found"])
    langs = ", ".join(f"{lang} {value:.0%}" for lang, value in sorted(t["by_lang"].items()))
    print(
        f"  {name:<10} recall {recall:6.1%}  precision>= {precision:6.1%}  "
        f"modality {modality:6.1%}  forbidden {t['forbidden']:3}  ({langs})"
    )


def main() -> None:
    phrases = json.loads(PHRASES.read_text(encoding="utf-8"))
    vocabulary = load_reference_vocabulary(ROOT / "data" / "reference")
    index = ExtractionIndex.build(vocabulary)
    ours = score(
        phrases,
        lambda p: extract(p["text"], index, lang=p["lang"], default_modality=default_modality(p)),
    )
    base = score(phrases, baseline(vocabulary))
    expected = sum(len(p["expect"]) for p in phrases)
    print(f"phrase set: {len(phrases)} phrases, {expected} expected concepts")
    report("extractor", ours)
    report("baseline", base)


if __name__ == "__main__":
    main()
