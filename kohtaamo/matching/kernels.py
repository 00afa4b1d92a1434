"""Compiled kernel of the batch top-k (numba): one person at a time, no dense score block.

Why: scipy's general sparse product (``PE_block @ VT``) builds a sparse result in two passes and
the batch then copies it into a dense block and scans that again; at national scale (300,000 x
100,000) this was most of the time. Here each person's coverage of every vacancy is accumulated
straight into one dense float32 row (100,000 floats, 400 kB: stays in the core's L2), the hard
constraints are applied to the few scores that could still enter the top-k, and an exact top-k
is kept with a running threshold, so the row is read once and then cleared.

Exactness: the row is accumulated in the same order as scipy's ``csr_matmat`` (the person's
stored competences in turn, each adding its VT row), with a float32 multiply and a float32 add
(no fused multiply-add: numba does not contract without fastmath), so every score is bit for bit
the one of the scipy path (``batch.top_k(..., engine="scipy")``), and the order is the same:
best first, equal scores by column, positive (normal) scores only.

The kernel is compiled on first use and cached next to this module (or in numba's user-wide
cache when the package directory is read-only); where no cache location can be written at all it
is compiled in memory on each start.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# Scores must be at least the smallest normal float32, as in the scipy path: a score is kept
# when it is strictly above this (the largest subnormal).
BELOW_TINY = np.nextafter(np.finfo(np.float32).tiny, np.float32(0))
SPAN = 64  # columns tested at once against the threshold before looking at any one of them


def _jit(fn=None, **options):
    """numba's njit, releasing the GIL (the batch runs blocks on threads), cached on disk.

    Caching saves the compilation (about a second) on every later start; numba raises at
    decoration when it finds no writable place for the cache, and then the kernel is compiled in
    memory instead of failing the import.
    """
    if fn is None:
        return lambda f: _jit(f, **options)
    try:
        return njit(nogil=True, cache=True, **options)(fn)
    except RuntimeError:  # numba found no writable cache location: compile in memory
        return njit(nogil=True, **options)(fn)


@_jit
def _popcount(x):
    """Set bits of a uint64 (the missing mandatory requirements)."""
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2)) & np.uint64(0x3333333333333333))
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return (x * np.uint64(0x0101010101010101)) >> np.uint64(56)


@_jit
def top_k_rows(
    rows,
    pe_indptr,
    pe_indices,
    pe_data,
    vt_indptr,
    vt_indices,
    vt_data,
    n_cols,
    k,
    radius,
    row_area,
    row_reach,
    col_area,
    area_km,
    mandatory,
    row_has,
    col_needs,
    col_power,
    power,
    buffer,
    out_idx,
    out_val,
):
    """Exact top-``k`` columns of ``PE[rows] @ VT`` after the hard constraints.

    ``buffer`` (float32, all zero, at least ``n_cols`` rounded up to a multiple of ``SPAN``:
    the columns past ``n_cols`` stay 0, so the scan needs no tail loop) is the dense row; it is
    left all zero. ``out_idx`` / ``out_val`` ([len(rows), k]) receive the columns (-1 where
    fewer matched) and scores. Constraints, when ``radius``: column j is dropped when
    ``area_km[row_area[r], col_area[j]] > row_reach[r]``; when ``mandatory``: the score is
    multiplied by ``power[col_power[j], m]``, m = the bits of ``col_needs[j]`` missing from
    ``row_has[r]`` (in float64, then rounded to float32, as numpy does). Every factor must lie
    in 0..1 (the caller checks): a constraint then never raises a score, so a score that does
    not beat the current k-th best before the constraints is skipped without checking them.
    """
    if buffer.shape[0] < -(-n_cols // SPAN) * SPAN:
        raise ValueError("buffer shorter than n_cols rounded up to SPAN")
    for r in range(rows.shape[0]):
        person = rows[r]
        for p in range(pe_indptr[person], pe_indptr[person + 1]):
            c = pe_indices[p]
            w = pe_data[p]
            for q in range(vt_indptr[c], vt_indptr[c + 1]):
                # Unsigned: no check for a negative (from the end) index, about 10 % faster.
                buffer[np.uint64(vt_indices[q])] += w * vt_data[q]
        for i in range(k):
            out_idx[r, i] = -1
            out_val[r, i] = 0
        filled = 0
        threshold = BELOW_TINY
        for start in range(0, n_cols, SPAN):
            # Any of the span above the threshold? An int32 OR over a fixed count of a slice,
            # which LLVM turns into a few vector compares (with buffer[start + t], or over
            # range(start, start + SPAN), it emits gathers or scalar code: 10x slower).
            span = buffer[start : start + SPAN]
            hit = np.int32(0)
            for t in range(SPAN):
                hit |= np.int32(span[t] > threshold)
            if not hit:
                continue
            for t in range(SPAN):
                j = start + t
                s = buffer[j]
                if s <= threshold:
                    continue
                if radius and area_km[row_area[r], col_area[j]] > row_reach[r]:
                    continue
                if mandatory:
                    missing = 0
                    for word in range(col_needs.shape[1]):
                        missing += _popcount(col_needs[j, word] & ~row_has[r, word])
                    if missing:
                        s = np.float32(np.float64(s) * power[col_power[j], missing])
                        if s <= threshold:
                            continue
                # The new column is the largest so far, so it goes after the equal scores.
                i = filled if filled < k else k - 1
                while i > 0 and out_val[r, i - 1] < s:
                    out_val[r, i] = out_val[r, i - 1]
                    out_idx[r, i] = out_idx[r, i - 1]
                    i -= 1
                out_val[r, i] = s
                out_idx[r, i] = j
                if filled < k:
                    filled += 1
                if filled == k:
                    threshold = out_val[r, k - 1]
        buffer[:n_cols] = 0


@_jit
def row_work(rows, pe_indptr, pe_indices, vt_indptr):
    """Multiply-adds of ``top_k_rows`` for these rows (the VT entries their competences reach).

    Tells the batch whether cutting VT down to an area group's reachable vacancies pays off.
    """
    total = 0
    for person in rows:
        for p in range(pe_indptr[person], pe_indptr[person + 1]):
            c = pe_indices[p]
            total += vt_indptr[c + 1] - vt_indptr[c]
    return total
