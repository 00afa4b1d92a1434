"""The compiled batch engine gives exactly what the scipy reference engine gives.

Exactly: the same indices and the same float32 scores, bit for bit, with constraints, re-rank,
ties, scores too small to count, any block size and thread count. Brute force checks the
reference itself (test_batch.py).
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaamo.matching import batch
from kohtaamo.matching.batch import Constraints, top_k


def _data(seed, people=60, vacancies=700, vocab=50, coarse=True):
    rng = np.random.default_rng(seed)
    pe = sp.random(people, vocab, density=0.2, random_state=rng, dtype=np.float32, format="csr")
    v = sp.random(vacancies, vocab, density=0.1, random_state=rng, dtype=np.float32, format="csr")
    if coarse:  # many exact ties, which both engines must break by vacancy index
        pe.data = np.ceil(pe.data * 2) / 2
        v.data = np.ceil(v.data * 4) / 4
    return pe, v.T.tocsr()


def _constraints(people, vacancies, seed=2, areas=6, factors=(0.0, 0.5), words=1):
    rng = np.random.default_rng(seed)
    km = rng.uniform(0, 200, (areas, areas)).astype(np.float32)
    np.fill_diagonal(km, 0)
    return Constraints(
        person_area=rng.integers(0, areas, people).astype(np.int16),
        vacancy_area=rng.integers(0, areas, vacancies).astype(np.int16),
        area_km=(km + km.T) / 2,
        person_radius_km=rng.choice([30.0, 50.0, 120.0], people).astype(np.float32),
        person_has=rng.integers(0, 8, (people, words)).astype(np.uint64),
        vacancy_needs=(
            rng.integers(0, 8, (vacancies, words)) * (rng.random((vacancies, words)) < 0.4)
        ).astype(np.uint64),
        vacancy_missing_factor=rng.choice(factors, vacancies).astype(np.float32),
        radius_tolerance=0.5,
    )


def _same(a, b):
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.scores, b.scores)  # bit for bit, not approximately


def _both(pe, vt, k, **kwargs):
    return (
        top_k(pe, vt, k, engine="scipy", **kwargs),
        top_k(pe, vt, k, engine="kernel", **kwargs),
    )


@pytest.mark.parametrize("k", [1, 5, 20, 64])
@pytest.mark.parametrize("coarse", [True, False])
def test_kernel_equals_scipy_without_constraints(k, coarse):
    pe, vt = _data(seed=k, coarse=coarse)
    _same(*_both(pe, vt, k, block_size=7))


@pytest.mark.parametrize("vacancies", [5, 63, 64, 65, 700, 3000])
def test_kernel_equals_scipy_at_any_width_including_partial_spans(vacancies):
    pe, vt = _data(seed=vacancies, vacancies=vacancies)
    _same(*_both(pe, vt, 10))


@pytest.mark.parametrize("cut", ["always", "never", "measured"])
@pytest.mark.parametrize("factors", [(0.0, 0.5), (0.0, 0.7, 0.3, 1.0)])
def test_kernel_equals_scipy_with_constraints(monkeypatch, cut, factors):
    """Radius and mandatory requirements, with VT cut per area group or not (both are exact)."""
    if cut != "measured":
        monkeypatch.setattr(batch, "SLICE_COST", 0 if cut == "always" else 10**12)
    pe, vt = _data(seed=11, people=90, vacancies=2000)
    c = _constraints(pe.shape[0], vt.shape[1], factors=factors, words=2)
    _same(*_both(pe, vt, 15, block_size=8, constraints=c, threads=2))


def test_kernel_equals_scipy_with_float64_constraints_and_radii_on_the_edge():
    """Distances exactly at a reach, and float64 inputs, are judged as `Constraints.apply` does."""
    pe, vt = _data(seed=18, vacancies=1200)
    c = _constraints(pe.shape[0], vt.shape[1], factors=(0.0, 0.7, 0.35))
    km = c.area_km.astype(np.float64)
    km[0, 1] = km[1, 0] = 75.0  # = 50 km x 1.5: kept (not farther than the reach)
    km[0, 2] = km[2, 0] = np.nextafter(75.0, 100)  # just beyond it: dropped
    c64 = Constraints(
        person_area=c.person_area.astype(np.int64),
        vacancy_area=c.vacancy_area.astype(np.int32),
        area_km=km,
        person_radius_km=c.person_radius_km.astype(np.float64),
        person_has=c.person_has,
        vacancy_needs=c.vacancy_needs,
        vacancy_missing_factor=c.vacancy_missing_factor.astype(np.float64),
        radius_tolerance=0.5,
    )
    _same(*_both(pe, vt, 12, constraints=c64))


def test_kernel_equals_scipy_with_only_one_kind_of_constraint():
    pe, vt = _data(seed=12)
    full = _constraints(pe.shape[0], vt.shape[1])
    radius_only = Constraints(
        person_area=full.person_area,
        vacancy_area=full.vacancy_area,
        area_km=full.area_km,
        person_radius_km=full.person_radius_km,
    )
    mandatory_only = Constraints(
        person_has=full.person_has,
        vacancy_needs=full.vacancy_needs,
        vacancy_missing_factor=full.vacancy_missing_factor,
    )
    for c in (radius_only, mandatory_only):
        _same(*_both(pe, vt, 8, constraints=c))


def test_kernel_equals_scipy_with_rerank_and_constraints():
    pe, vt = _data(seed=13, vacancies=1500)
    c = _constraints(pe.shape[0], vt.shape[1])

    def prefer_even(people, vacancies, coverage):
        return coverage * np.where((vacancies + people[:, None]) % 2 == 0, 1.0, 0.25)

    _same(*_both(pe, vt, 6, constraints=c, rerank=prefer_even, candidates=40, threads=2))


def test_scores_below_the_smallest_normal_float_are_not_matches_in_either_engine():
    pe, vt = _data(seed=14, coarse=False)
    vt.data[::3] *= np.float32(1e-38)  # products fall to subnormal or zero
    scipy_result, kernel_result = _both(pe, vt, 30)
    _same(scipy_result, kernel_result)
    assert (kernel_result.scores[kernel_result.indices >= 0] >= np.finfo(np.float32).tiny).all()


def test_padding_and_k_zero():
    pe, vt = _data(seed=15, people=5, vacancies=12, vocab=40)
    scipy_result, kernel_result = _both(pe, vt, 30)
    _same(scipy_result, kernel_result)
    assert (kernel_result.indices == -1).any()
    empty = top_k(pe, vt, 0)
    assert empty.indices.shape == (5, 0)


def test_a_factor_above_one_falls_back_to_scipy():
    """The kernel may skip constraints only while none raises a score."""
    pe, vt = _data(seed=16)
    c = _constraints(pe.shape[0], vt.shape[1], factors=(0.5, 2.0))
    assert not batch._kernel_can_apply(c)
    _same(*_both(pe, vt, 8, constraints=c))


def test_unknown_engine_is_refused():
    pe, vt = _data(seed=17, people=3)
    with pytest.raises(ValueError, match="engine"):
        top_k(pe, vt, 3, engine="faiss")


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**16),
    people=st.integers(1, 30),
    vacancies=st.integers(1, 300),
    k=st.integers(1, 25),
    block_size=st.integers(1, 40),
    constrained=st.booleans(),
    threads=st.sampled_from([1, 2]),
)
def test_property_kernel_equals_scipy(seed, people, vacancies, k, block_size, constrained, threads):
    pe, vt = _data(seed, people=people, vacancies=vacancies, vocab=20)
    c = _constraints(people, vacancies, seed=seed) if constrained else None
    _same(*_both(pe, vt, k, block_size=block_size, constraints=c, threads=threads))


def test_kernel_works_where_no_cache_can_be_written():
    """A read-only install: numba finds no cache location, the kernel is compiled in memory."""
    code = (
        "import numpy as np, scipy.sparse as sp\n"
        "from kohtaamo.matching import batch, kernels\n"
        "assert type(kernels.top_k_rows._cache).__name__ == 'NullCache'\n"
        "pe = sp.csr_matrix(np.array([[1, 0.5], [0, 1]], dtype=np.float32))\n"
        "vt = sp.csr_matrix(np.array([[0.5, 1, 0], [0.5, 0, 1]], dtype=np.float32))\n"
        "print(batch.top_k(pe, vt, 2).indices.tolist())\n"
    )
    # No locator but the zip one, which applies to no file on disk: as if none were writable.
    env = {**os.environ, "NUMBA_CACHE_LOCATOR_CLASSES": "ZipCacheLocator"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    assert out.strip() == "[[1, 0], [2, 0]]"
