"""Batch and online top-k against a brute-force dense computation.

The batch tests run on both engines: the compiled kernel (the default) and the scipy reference;
tests/matching/test_kernels.py checks that the two agree bit for bit on more cases.
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from kohtaamo.matching.batch import Constraints, one_person, one_vacancy, top_k

ENGINES = pytest.mark.parametrize("engine", ["kernel", "scipy"])


def _data(seed=1, people=37, vacancies=300, vocab=40):
    rng = np.random.default_rng(seed)
    pe = sp.random(people, vocab, density=0.2, random_state=rng, dtype=np.float32, format="csr")
    v = sp.random(vacancies, vocab, density=0.1, random_state=rng, dtype=np.float32, format="csr")
    # Coarse values make many exact ties, which the order must break by index.
    pe.data = np.ceil(pe.data * 2) / 2
    v.data = np.ceil(v.data * 2) / 2
    return pe, v.T.tocsr()


def _brute(scores, k):
    indices = np.full((scores.shape[0], k), -1, dtype=np.int32)
    best = np.zeros((scores.shape[0], k), dtype=np.float32)
    for i, row in enumerate(scores):
        order = [j for j in np.lexsort((np.arange(len(row)), -row)) if row[j] > 0][:k]
        indices[i, : len(order)] = order
        best[i, : len(order)] = row[order]
    return indices, best


def _constraints(people, vacancies, seed=2):
    rng = np.random.default_rng(seed)
    areas = 5
    km = rng.uniform(0, 200, (areas, areas)).astype(np.float32)
    return Constraints(
        person_area=rng.integers(0, areas, people),
        vacancy_area=rng.integers(0, areas, vacancies),
        area_km=(km + km.T) / 2,
        person_radius_km=rng.choice([50.0, 120.0], people).astype(np.float32),
        person_has=rng.integers(0, 4, (people, 1)).astype(np.uint64),
        vacancy_needs=(
            rng.integers(0, 4, (vacancies, 1)) * (rng.random((vacancies, 1)) < 0.3)
        ).astype(np.uint64),
        vacancy_missing_factor=rng.choice([0.0, 0.5], vacancies).astype(np.float32),
        radius_tolerance=0.5,
    )


def _constrained_dense(pe, vt, c):
    dense = (pe @ vt).toarray()
    for i in range(dense.shape[0]):
        for v in range(dense.shape[1]):
            reach = c.person_radius_km[i] * (1 + c.radius_tolerance)
            if c.area_km[c.person_area[i], c.vacancy_area[v]] > reach:
                dense[i, v] = 0
            missing = bin(int(c.vacancy_needs[v, 0] & ~c.person_has[i, 0])).count("1")
            dense[i, v] *= c.vacancy_missing_factor[v] ** missing
    return dense


@ENGINES
@pytest.mark.parametrize(("k", "vacancies"), [(1, 300), (5, 300), (20, 300), (5, 3001), (20, 5000)])
def test_top_k_equals_brute_force_with_ties_by_index(k, vacancies, engine):
    pe, vt = _data(vacancies=vacancies)
    result = top_k(pe, vt, k, block_size=8, engine=engine)
    indices, scores = _brute((pe @ vt).toarray(), k)
    assert np.array_equal(result.indices, indices)
    assert np.allclose(result.scores, scores)


@ENGINES
def test_more_k_than_matches_pads_with_minus_one(engine):
    pe, vt = _data(people=4, vacancies=10, vocab=30)
    result = top_k(pe, vt, 12, engine=engine)
    indices, scores = _brute((pe @ vt).toarray(), 12)
    assert np.array_equal(result.indices, indices)
    assert (result.indices == -1).any()
    assert (result.scores[result.indices == -1] == 0).all()


@ENGINES
@pytest.mark.parametrize("block_size", [1, 3, 16, 1000])
def test_any_block_size_gives_the_same_result(block_size, engine):
    pe, vt = _data(seed=3)
    reference = top_k(pe, vt, 7, block_size=37, engine=engine)
    result = top_k(pe, vt, 7, block_size=block_size, threads=2, engine=engine)
    assert np.array_equal(result.indices, reference.indices)
    assert np.array_equal(result.scores, reference.scores)


@ENGINES
@pytest.mark.parametrize("vacancies", [300, 4000])
def test_constraints_drop_far_vacancies_and_scale_missing_mandatory(vacancies, engine):
    pe, vt = _data(seed=4, vacancies=vacancies)
    c = _constraints(*pe.shape[:1], vt.shape[1])
    result = top_k(pe, vt, 10, block_size=5, constraints=c, engine=engine)
    indices, scores = _brute(_constrained_dense(pe, vt, c), 10)
    assert np.array_equal(result.indices, indices)
    assert np.allclose(result.scores, scores)


def test_online_functions_agree_with_batch():
    pe, vt = _data(seed=5)
    c = _constraints(pe.shape[0], vt.shape[1])
    batch = top_k(pe, vt, 6, constraints=c)
    for person in range(pe.shape[0]):
        online = one_person(pe[person], vt, 6, person=person, constraints=c)
        assert np.array_equal(online.indices[0], batch.indices[person])
        assert np.array_equal(online.scores[0], batch.scores[person])
    people = top_k(vt.T.tocsr(), pe.T.tocsr(), 6)
    pe_t, v = pe.T.tocsr(), vt.T.tocsr()
    for vacancy in range(v.shape[0]):
        online = one_vacancy(v[vacancy], pe_t, 6, vacancy=vacancy)
        assert np.array_equal(online.indices[0], people.indices[vacancy])
    dense = _constrained_dense(pe, vt, c)
    for vacancy in (0, 7, 123):
        online = one_vacancy(v[vacancy], pe_t, 6, vacancy=vacancy, constraints=c)
        indices, _ = _brute(dense[:, [vacancy]].T, 6)
        assert np.array_equal(online.indices, indices)


@ENGINES
def test_rerank_reorders_the_candidates_and_keeps_k(engine):
    pe, vt = _data(seed=6)

    def prefer_even(people, vacancies, coverage):
        return coverage * np.where(vacancies % 2 == 0, 1.0, 0.25)

    result = top_k(pe, vt, 5, rerank=prefer_even, candidates=300, engine=engine)
    dense = (pe @ vt).toarray()
    dense[:, 1::2] *= 0.25
    indices, scores = _brute(dense, 5)
    assert np.array_equal(result.indices, indices)
    assert np.allclose(result.scores, scores)


def test_speed_benchmark_quick_mode_runs_and_agrees_with_its_baseline():
    bench = Path(__file__).resolve().parents[2] / "bench" / "matching_speed.py"
    out = subprocess.run(
        [sys.executable, str(bench), "--quick", "--no-faiss"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    assert "same lists: 100.0%" in out
    assert "identical indices and scores: yes" in out
    assert "identical indices and scores: NO" not in out
    assert "online one vacancy vs all people" in out
