"""The phrase set (tests/lang/data/phrases.json): 213 Lapland-style ads, CVs and notes.

Each phrase lists the concepts the extractor must find and the modality it must give them;
the figures and a baseline are printed by `bench/phrases.py`. Here the set guards against
regressions: the extractor must keep finding what it finds today.
"""

import json
from pathlib import Path

import pytest

from kohtaamo.lang.extract import MENTION, REQUIREMENT, ExtractionIndex, extract
from kohtaamo.lang.vocabulary import load_reference_vocabulary

ROOT = Path(__file__).resolve().parents[2]
PHRASES = json.loads((ROOT / "tests" / "lang" / "data" / "phrases.json").read_text("utf-8"))
SHOWN = 0.6  # the lowest confidence the product shows


@pytest.fixture(scope="module")
def results():
    index = ExtractionIndex.build(load_reference_vocabulary(ROOT / "data" / "reference"))
    out = {}
    for phrase in PHRASES:
        default = MENTION if phrase["source"] in ("CV", "counsellor note") else REQUIREMENT
        found = extract(phrase["text"], index, lang=phrase["lang"], default_modality=default)
        out[phrase["id"]] = {s.uri: s for s in found if s.confidence >= SHOWN}
    return out


def test_the_set_is_large_and_varied():
    assert len(PHRASES) >= 150
    assert {p["lang"] for p in PHRASES} == {"fi", "sv", "en"}
    modalities = [e["modality"] for p in PHRASES for e in p["expect"]]
    assert modalities.count("negated") >= 15 and modalities.count("merit") >= 30


def test_recall_of_expected_concepts_stays_above_95_percent(results):
    missed = [
        (p["id"], e.get("label", e["uri"]))
        for p in PHRASES
        for e in p["expect"]
        if e["uri"] not in results[p["id"]]
    ]
    expected = sum(len(p["expect"]) for p in PHRASES)
    assert 1 - len(missed) / expected >= 0.95, missed


def test_modality_of_found_concepts_is_right_in_98_percent(results):
    checked, wrong = 0, []
    for p in PHRASES:
        for e in p["expect"]:
            if (found := results[p["id"]].get(e["uri"])) is not None:
                checked += 1
                if found.modality != e["modality"]:
                    wrong.append((p["id"], e.get("label", e["uri"]), found.modality))
    assert 1 - len(wrong) / checked >= 0.98, wrong


def test_no_forbidden_concept_is_suggested(results):
    made = [
        (p["id"], uri) for p in PHRASES for uri in p.get("forbid", []) if uri in results[p["id"]]
    ]
    assert not made


def test_the_issue_example_is_found_whole(results):
    example = PHRASES[0]
    found = results[example["id"]]
    assert {e["uri"]: e["modality"] for e in example["expect"]} == {
        e["uri"]: found[e["uri"]].modality for e in example["expect"]
    }
