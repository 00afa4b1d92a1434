"""Top-k vacancies for every person (batch), and for one person or one vacancy (online).

numpy/scipy (and numba for the batch kernel): the caller builds the matrices
(kohtaamo.matching.vectors) and passes them in.

- ``PE`` (people x vocabulary, CSR): what each person has, directly or through partial credit.
- ``VT`` (vocabulary x vacancies, CSR or CSC): each vacancy's requirement weights, a column
  summing to 1, so that ``coverage = PE @ VT`` lies in 0..1.

People are taken in blocks of ``block_size``. The default engine (``engine="kernel"``,
kohtaamo.matching.kernels, compiled with numba) then takes one person at a time: the person's
coverage of every vacancy is accumulated into one dense row, the hard constraints
(`Constraints`) zero or scale the scores that could still enter the top-``candidates``, and an
exact top-``candidates`` is kept with a running threshold. The reference engine
(``engine="scipy"``, the earlier implementation, kept to check the kernel against and as a
fallback) does one sparse product per block into a dense block, applies the constraints to the
whole block and finds an exact top-``candidates`` per person without sorting the whole row: the
row is cut into chunks of 64 vacancies (chunk c: columns c, c + n_chunks, ...), the k-th largest
chunk maximum is a lower bound of the k-th best score (those k chunks each hold a score at least
that high), so only the chunks whose maximum reaches it can hold the best scores. Both give the
same lists and the same float32 scores, bit for bit. An optional ``rerank`` callable (the full
score of kohtaamo.matching.score) then rescores the candidates and the best ``k`` are kept: the
top-k is exact for the coverage after the hard constraints; the full score re-ranks the best
``candidates`` of that. With a radius, people are grouped by area and matched only against the
vacancies they can reach (see `_jobs`).

Determinism: scores are sorted best first and equal scores by vacancy (or person) index, so the
same data always gives the same lists. Only positive scores are returned; a person with fewer
than ``k`` matches gets index -1 and score 0 in the remaining places.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

CHUNK = 64
# Cutting VT to an area group's vacancies costs about this many kernel multiply-adds per entry.
SLICE_COST = 5
# Rescores candidates: (person indices [n], vacancy indices [n, c], coverage [n, c]) -> scores.
Rerank = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Constraints:
    """Hard constraints of a (person, vacancy) pair, applied to every pair before the top-k.

    Distance: people and vacancies sit in areas (municipalities); ``area_km[a, b]`` is the road
    distance between areas; a vacancy farther than the person's ``person_radius_km`` x (1 +
    ``radius_tolerance``) is dropped (the score's own distance factor, which falls to 0 at that
    distance, belongs to the re-rank: MatchParams.distance_tolerance). Mandatory requirements
    (licences, languages) are bit sets, 64 per uint64 word: ``person_has[i]`` and
    ``vacancy_needs[v]`` of shape (n, words); the score is multiplied by
    ``vacancy_missing_factor[v]`` once per missing one (0 excludes, by the vacancy's own
    setting; MatchParams.mandatory_penalty otherwise). Any part left as None is not checked.
    """

    person_area: np.ndarray | None = None
    vacancy_area: np.ndarray | None = None
    area_km: np.ndarray | None = None
    person_radius_km: np.ndarray | None = None
    person_has: np.ndarray | None = None
    vacancy_needs: np.ndarray | None = None
    vacancy_missing_factor: np.ndarray | None = None
    radius_tolerance: float = 0.0

    def reach_km(self, people: np.ndarray) -> np.ndarray:
        """The farthest a vacancy may be for each of these people."""
        return self.person_radius_km[people] * np.float32(1 + self.radius_tolerance)

    def apply(self, scores: np.ndarray, people: np.ndarray, vacancies: np.ndarray) -> None:
        """Adjust ``scores`` (len(people) x len(vacancies), float32) in place."""
        if self.area_km is not None:
            km = self.area_km[
                self.person_area[people][:, None], self.vacancy_area[vacancies][None, :]
            ]
            np.putmask(scores, km > self.reach_km(people)[:, None], np.float32(0))
        if self.vacancy_needs is not None:
            needs = self.vacancy_needs[vacancies]
            needy = np.flatnonzero(needs.any(axis=1))
            if len(needy):
                lacking = needs[needy][None] & ~self.person_has[people][:, None]
                missing = np.bitwise_count(lacking).sum(axis=2)
                factor = self.vacancy_missing_factor[vacancies[needy]].astype(np.float32)
                scores[:, needy] *= factor[None, :] ** missing


@dataclass(frozen=True)
class TopK:
    indices: np.ndarray  # int32 [n, k], -1 where there is no match
    scores: np.ndarray  # float32 [n, k], best first


def top_k(
    PE: sp.spmatrix,
    VT: sp.spmatrix,
    k: int,
    block_size: int = 512,
    *,
    constraints: Constraints | None = None,
    rerank: Rerank | None = None,
    candidates: int = 50,
    threads: int = 1,
    engine: str = "kernel",
) -> TopK:
    """The best ``k`` vacancies of every person (rows of PE) among the columns of VT.

    ``engine``: "kernel" (compiled, several times faster) or "scipy" (the reference). The
    kernel skips the constraints of scores that cannot enter the top-k, which is exact only
    while no constraint raises a score: a ``vacancy_missing_factor`` outside 0..1 falls back to
    the scipy engine.
    """
    if engine not in ("kernel", "scipy"):
        raise ValueError(f"unknown engine {engine!r}: 'kernel' or 'scipy'")
    PE, VT = sp.csr_matrix(PE, dtype=np.float32), sp.csr_matrix(VT, dtype=np.float32)
    n_people = PE.shape[0]
    indices = np.full((n_people, k), -1, dtype=np.int32)
    scores = np.zeros((n_people, k), dtype=np.float32)
    if k == 0:
        return TopK(indices, scores)
    width = max(k, candidates) if rerank else k
    worth_cutting = None
    if engine == "kernel" and _kernel_can_apply(constraints):
        best = _kernel_best(PE, width, constraints)
        worth_cutting = _worth_cutting(PE, VT)
    else:
        best = _scipy_best(PE, width, block_size, constraints)

    def run(job: tuple[np.ndarray, np.ndarray, sp.csr_matrix]) -> None:
        people, vacancies, _ = job
        if len(vacancies) == 0:  # an area group that reaches no vacancy: -1 and 0 as they are
            return
        idx, val = best(job)
        idx = np.where(idx >= 0, vacancies[np.maximum(idx, 0)], -1).astype(np.int32)
        if rerank is not None:
            idx, val = _rescore(people, idx, val, rerank, k)
        indices[people], scores[people] = idx, val

    _run(run, _jobs(VT, n_people, block_size, constraints, worth_cutting), threads)
    return TopK(indices, scores)


def _scipy_best(PE: sp.csr_matrix, width: int, block_size: int, constraints: Constraints | None):
    """The reference engine: sparse product of the block, dense block, chunked top-k."""
    local = threading.local()

    def best(job: tuple[np.ndarray, np.ndarray, sp.csr_matrix]) -> tuple[np.ndarray, np.ndarray]:
        people, vacancies, vt = job
        product = PE[people] @ vt
        size = product.shape[0] * product.shape[1]
        if getattr(local, "buffer", np.empty(0)).size < size:
            # Reused between blocks: a fresh array costs more in page faults than the product.
            local.buffer = np.empty(block_size * vt.shape[1], dtype=np.float32)
        block = local.buffer[:size].reshape(product.shape)
        block.fill(0)
        product.toarray(out=block)
        if constraints is not None:
            constraints.apply(block[:, : len(vacancies)], people, vacancies)
        return _best(block, width)

    return best


def _kernel_can_apply(constraints: Constraints | None) -> bool:
    """Whether no constraint can raise a score (the kernel's pruning relies on it)."""
    if constraints is None or constraints.vacancy_needs is None:
        return True
    factor = constraints.vacancy_missing_factor
    return bool(np.all((factor >= 0) & (factor <= 1)))


def _worth_cutting(PE: sp.csr_matrix, VT: sp.csr_matrix) -> Callable:
    """Whether the kernel gains more on a group than cutting VT to its vacancies costs.

    Gain: the group's multiply-adds on the vacancies out of reach (their share of VT's entries
    taken as the share of the work). Cost: scipy's column slicing, measured at about 5
    multiply-adds of the kernel per entry kept.
    """
    from kohtaamo.matching import kernels

    entries = np.bincount(VT.indices, minlength=VT.shape[1])

    def worth(group: np.ndarray, vacancies: np.ndarray) -> bool:
        kept = int(entries[vacancies].sum())
        work = kernels.row_work(group.astype(np.int64), PE.indptr, PE.indices, VT.indptr)
        return work * (1 - kept / max(VT.nnz, 1)) >= SLICE_COST * kept

    return worth


def _kernel_best(PE: sp.csr_matrix, width: int, constraints: Constraints | None):
    """The compiled engine (kohtaamo.matching.kernels): one person at a time, no dense block.

    The arrays are given to the kernel in fixed dtypes, so that one compiled version (cached on
    disk) serves any caller; the column-side arrays are taken once per set of vacancies (all of
    them, or one area group's), not once per block.
    """
    from kohtaamo.matching import kernels  # numba: imported (and compiled) on first use only

    c = constraints
    radius = c is not None and c.area_km is not None
    mandatory = c is not None and c.vacancy_needs is not None
    none_i, none_f = np.zeros(1, np.int64), np.zeros(1, np.float64)
    none_km, none_bits = np.zeros((1, 1), np.float64), np.zeros((1, 1), np.uint64)
    # Distances and radii in float64: exact for float32 input, and numpy compares a float32
    # with a float64 in float64 too, so the kernel drops exactly what `Constraints.apply` drops.
    area_km = np.ascontiguousarray(c.area_km, dtype=np.float64) if radius else none_km
    power, power_of = np.ones((1, 1)), none_i
    if mandatory:
        # factor ** missing as numpy computes it in `Constraints.apply` (float32 factor ** integer
        # gives float64), for each distinct factor and every count of missing requirements.
        factors, power_of = np.unique(
            c.vacancy_missing_factor.astype(np.float32), return_inverse=True
        )
        most = int(np.bitwise_count(c.vacancy_needs).sum(axis=1).max(initial=0))
        power = factors[:, None] ** np.arange(most + 1, dtype=np.uint64)[None, :]
        power = np.ascontiguousarray(power, dtype=np.float64)
    local = threading.local()
    columns: dict[int, tuple] = {}
    lock = threading.Lock()

    def column_side(vacancies: np.ndarray) -> tuple:
        with lock:
            key = id(vacancies)
            if key not in columns:
                columns.clear()  # groups come in order: keep only the current ones
                columns[key] = (
                    vacancies,  # kept alive so that its id stays unique
                    c.vacancy_area[vacancies].astype(np.int64) if radius else none_i,
                    np.ascontiguousarray(c.vacancy_needs[vacancies], np.uint64)
                    if mandatory
                    else none_bits,
                    power_of[vacancies].astype(np.int64) if mandatory else none_i,
                )
            return columns[key][1:]

    def best(job: tuple[np.ndarray, np.ndarray, sp.csr_matrix]) -> tuple[np.ndarray, np.ndarray]:
        people, vacancies, vt = job
        n_cols = len(vacancies)
        padded = -(-n_cols // kernels.SPAN) * kernels.SPAN
        if getattr(local, "buffer", np.empty(0)).size < padded:
            local.buffer = np.zeros(padded, dtype=np.float32)
        col_area, col_needs, col_power = column_side(vacancies)
        idx = np.empty((len(people), width), dtype=np.int32)
        val = np.empty((len(people), width), dtype=np.float32)
        kernels.top_k_rows(
            people.astype(np.int64, copy=False),
            PE.indptr,
            PE.indices,
            PE.data,
            vt.indptr,
            vt.indices,
            vt.data,
            n_cols,
            width,
            radius,
            c.person_area[people].astype(np.int64) if radius else none_i,
            c.reach_km(people).astype(np.float64) if radius else none_f,
            col_area,
            area_km,
            mandatory,
            np.ascontiguousarray(c.person_has[people], np.uint64) if mandatory else none_bits,
            col_needs,
            col_power,
            power,
            local.buffer,
            idx,
            val,
        )
        return idx, val

    return best


def _run(run: Callable, jobs, threads: int) -> None:
    """Run the jobs, on ``threads`` threads, taking them from the generator one at a time.

    Not ThreadPoolExecutor.map: it takes every job at once, and with a radius each area group's
    job holds its own slice of VT, which would all be in memory together.
    """
    if threads <= 1:
        for job in jobs:
            run(job)
        return
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                job = next(jobs, None)
            if job is None:
                return
            run(job)

    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(worker) for _ in range(threads)]:
            future.result()


def one_person(
    pe_row: sp.spmatrix,
    VT: sp.spmatrix,
    k: int,
    *,
    person: int = 0,
    constraints: Constraints | None = None,
) -> TopK:
    """The best ``k`` vacancies of one person (``person`` indexes the constraints' arrays)."""
    row = (sp.csr_matrix(pe_row, dtype=np.float32) @ VT).toarray()
    if constraints is not None:
        constraints.apply(row, np.array([person]), np.arange(row.shape[1]))
    idx, val = _best(row, k)
    return TopK(idx, val)


def one_vacancy(
    v_row: sp.spmatrix,
    PE_T: sp.spmatrix,
    k: int,
    *,
    vacancy: int = 0,
    constraints: Constraints | None = None,
) -> TopK:
    """The best ``k`` people for one vacancy; ``PE_T`` is PE transposed (vocabulary x people)."""
    col = (sp.csr_matrix(v_row, dtype=np.float32) @ PE_T).toarray()
    if constraints is not None:
        column = np.ascontiguousarray(col.T)
        constraints.apply(column, np.arange(column.shape[0]), np.array([vacancy]))
        col = np.ascontiguousarray(column.T)
    idx, val = _best(col, k)
    return TopK(idx, val)


def _jobs(
    VT: sp.csr_matrix,
    n_people: int,
    block_size: int,
    constraints: Constraints | None,
    worth_cutting: Callable[[np.ndarray, np.ndarray], bool] | None = None,
):
    """Blocks of people with the vacancies they can reach.

    With a radius, people are grouped by area and each group is matched only against the
    vacancies within the group's largest radius: the others would score 0 anyway, so the result
    is the same and the product is smaller. Cutting VT down to those vacancies costs about as
    much as a few hundred people's products, so ``worth_cutting(group, vacancies)`` may decline
    it for a small group, which then gets every vacancy (the kernel checks each person's radius
    anyway).
    """
    everyone = np.arange(VT.shape[1])
    if constraints is None or constraints.area_km is None:
        for start in range(0, n_people, block_size):
            yield np.arange(start, min(start + block_size, n_people)), everyone, _padded(VT)
        return
    area = constraints.person_area
    order = np.argsort(area, kind="stable")
    bounds = np.flatnonzero(np.diff(area[order])) + 1
    vt_columns = None
    for group in np.split(order, bounds):
        group = np.sort(group)
        radius = constraints.reach_km(group).max()
        near = constraints.area_km[area[group[0]]][constraints.vacancy_area] <= radius
        vacancies = np.flatnonzero(near)
        if worth_cutting is None or worth_cutting(group, vacancies):
            if vt_columns is None:
                vt_columns = VT.tocsc()
            vt = _padded(vt_columns[:, vacancies].tocsr())
        else:
            vacancies, vt = everyone, _padded(VT)
        for start in range(0, len(group), block_size):
            yield group[start : start + block_size], vacancies, vt


def _padded(vt: sp.csr_matrix) -> sp.csr_matrix:
    """The same matrix with empty columns added up to a multiple of CHUNK (no copy)."""
    width = -(-vt.shape[1] // CHUNK) * CHUNK
    return sp.csr_matrix((vt.data, vt.indices, vt.indptr), shape=(vt.shape[0], width))


def _best(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k of each row of a dense score block, ties by column index.

    Chunk c holds the columns c, c + n_chunks, c + 2 n_chunks...: its maximum over a row is then
    an elementwise maximum of contiguous slices, which is fast.
    """
    n, m = scores.shape
    pad = (-m) % CHUNK
    if pad:
        scores = np.pad(scores, ((0, 0), (0, pad)))
    n_chunks = scores.shape[1] // CHUNK
    chunks = scores.reshape(n, CHUNK, n_chunks)
    maxima = chunks.max(axis=1)
    tiny = np.finfo(np.float32).tiny
    if k < n_chunks:
        bound = np.maximum(-np.partition(-maxima, k - 1, axis=1)[:, k - 1], tiny)
    else:  # fewer chunks than places: every positive score is a candidate
        bound = np.full(n, tiny, dtype=np.float32)
    rows, which = np.nonzero(maxima >= bound[:, None])
    values = chunks[rows, :, which].ravel()
    cols = (which[:, None] + n_chunks * np.arange(CHUNK)).ravel()
    rows = np.repeat(rows, CHUNK)
    keep = values >= bound[rows]
    return _first_k(rows[keep], cols[keep], values[keep], n, k)


def _first_k(rows, cols, values, n: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    first = np.searchsorted(rows, np.arange(n))
    rank = np.arange(len(rows)) - first[rows]
    keep = rank < k
    indices = np.full((n, k), -1, dtype=np.int32)
    scores = np.zeros((n, k), dtype=np.float32)
    indices[rows[keep], rank[keep]] = cols[keep]
    scores[rows[keep], rank[keep]] = values[keep]
    return indices, scores


def _rescore(people, idx, val, rerank: Rerank, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Rescore the candidates and keep the best k, ties by vacancy index."""
    new = np.where(idx >= 0, rerank(people, idx, val), 0).astype(np.float32)
    n, c = idx.shape
    rows = np.repeat(np.arange(n), c)
    valid = (idx.ravel() >= 0) & (new.ravel() > 0)
    return _first_k(rows[valid], idx.ravel()[valid], new.ravel()[valid], n, k)
