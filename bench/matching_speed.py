"""Benchmark: matching speed at national scale (batch top-k) and online, with baselines.

Data: bench/matching_data.py (300,000 people x 100,000 vacancies, 20-50 competences each drawn
from ESCO occupation-skill relations, partial credit through ESCO hierarchy and related skills).

- batch: kohtaamo.matching.batch.top_k (top-20 per person, the compiled kernel) on a sample of
  people (all with --full), extrapolated linearly to all people, plus the kernel's first calls
  (numba compilation, or loading it from the cache; --cold compiles into an empty cache) for the
  end-to-end figure; the previous scipy path (engine="scipy") on the same people in the same run
  (--scipy-sample), with and without constraints, checked to give identical indices and scores;
  the same blocks with a naive top-k (full np.argpartition of every dense row) as a baseline;
  then with the hard constraints (distance vs radius, mandatory licences).
- FAISS: exact IndexFlatIP on the dense vectors of the same data (dimension = vocabulary). The
  dense vacancy matrix would take 100,000 x vocabulary x 4 bytes (5.7 GB), so the database is
  added in shards of 20,000 vacancies and the shards' top-20 merged; searched for a sample of
  people and extrapolated linearly to all people.
- online: one person against all vacancies, one new vacancy against all people (p50/p95).

    .venv/bin/python bench/matching_speed.py            # samples, about 1.5 min
    .venv/bin/python bench/matching_speed.py --quick    # small data, seconds
    .venv/bin/python bench/matching_speed.py --full --cold --faiss-sample 2000 --scipy-sample 30000
"""

from __future__ import annotations

import argparse
import atexit
import importlib.util
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from matching_data import build  # noqa: E402

from kohtaamo.matching import batch  # noqa: E402

K = 20


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def timed(fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - started


def naive_top_k(pe, vt, k, block_size):
    """Baseline: the same sparse product per block, then argpartition of every dense row."""
    n = pe.shape[0]
    out = np.empty((n, k), dtype=np.int32)
    for start in range(0, n, block_size):
        block = (pe[start : start + block_size] @ vt).toarray()
        part = np.argpartition(-block, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(block, part, axis=1)
        order = np.lexsort((part, -vals), axis=1)
        out[start : start + block_size] = np.take_along_axis(part, order, axis=1)
    return out


def faiss_top_k(pe_sample, v, k, shard):
    import faiss

    faiss.omp_set_num_threads(2)
    queries = pe_sample.toarray()
    best_d = np.full((queries.shape[0], 0), 0, dtype=np.float32)
    best_i = np.full((queries.shape[0], 0), 0, dtype=np.int64)
    add_s = search_s = 0.0
    for start in range(0, v.shape[0], shard):
        started = time.perf_counter()
        index = faiss.IndexFlatIP(v.shape[1])
        index.add(v[start : start + shard].toarray())
        add_s += time.perf_counter() - started
        started = time.perf_counter()
        dist, idx = index.search(queries, k)
        search_s += time.perf_counter() - started
        del index
        best_d = np.concatenate([best_d, dist], axis=1)
        best_i = np.concatenate([best_i, idx + start], axis=1)
        order = np.lexsort((best_i, -best_d), axis=1)[:, :k]
        best_d = np.take_along_axis(best_d, order, axis=1)
        best_i = np.take_along_axis(best_i, order, axis=1)
    return best_i, best_d, add_s, search_s


def constraints_of(data, people=None):
    people = slice(None) if people is None else slice(0, people)
    return batch.Constraints(
        person_area=data.person_area[people],
        vacancy_area=data.vacancy_area,
        area_km=data.area_km,
        person_radius_km=data.person_radius_km[people],
        person_has=data.person_has[people],
        vacancy_needs=data.vacancy_needs,
        vacancy_missing_factor=data.vacancy_missing_factor,
        radius_tolerance=0.5,
    )


def bench_batch(data, vt, args):
    n_people = data.pe.shape[0]
    sample = n_people if args.full else min(args.sample, n_people)
    pe = data.pe[:sample]
    scale = n_people / sample
    # The kernel's first calls compile it (or load it from numba's cache): timed apart, and
    # counted once in the end-to-end figure.
    _, first = timed(batch.top_k, pe[:1], vt, K)
    _, first_c = timed(batch.top_k, pe[:1], vt, K, constraints=constraints_of(data, 1))
    print(
        f"kernel first calls (compile{' into an empty cache' if args.cold else ' or cache load'}):"
        f" {first + first_c:.1f} s"
    )
    result, secs = timed(batch.top_k, pe, vt, K, args.block, threads=args.threads)
    total = secs * scale + first + first_c
    print(
        f"batch top-{K}, {sample:,} people x {vt.shape[1]:,} vacancies, {args.threads} threads: "
        f"{secs:.1f} s -> all {n_people:,} people: {secs * scale:.0f} s "
        f"({sample / secs:,.0f} people/s); end-to-end with the first calls: {total:.0f} s"
    )
    bench_scipy(data, vt, result, args)
    one = timed(batch.top_k, pe[: args.naive], vt, K, args.block)[1]
    naive_idx, naive = timed(naive_top_k, pe[: args.naive], vt, K, args.block)
    same = np.mean(naive_idx == result.indices[: args.naive])
    print(
        f"  baseline numpy dense per block (full argpartition), {args.naive:,} people, 1 thread: "
        f"{naive:.1f} s vs top_k {one:.1f} s (x{naive / one:.2f}); same lists: {same:.1%}"
    )
    c_sample = n_people if args.full else min(args.constrained, n_people)
    _, c_secs = timed(
        batch.top_k,
        data.pe[:c_sample],
        vt,
        K,
        args.block,
        threads=args.threads,
        constraints=constraints_of(data, c_sample),
    )
    print(
        f"  with constraints (radius, mandatory licences), {c_sample:,} people: {c_secs:.1f} s "
        f"-> all people: {c_secs * n_people / c_sample:.0f} s"
    )
    print(f"  peak memory so far: {peak_gib():.2f} GiB")
    return result, total


def bench_scipy(data, vt, result, args):
    """The previous implementation (engine="scipy"), on the same people, in the same run."""
    n = min(args.scipy_sample, data.pe.shape[0])
    pe = data.pe[:n]
    for label, c in (("all pairs", None), ("with constraints", constraints_of(data, n))):
        kw = {"threads": args.threads, "constraints": c}
        ours, t_ours = timed(batch.top_k, pe, vt, K, args.block, **kw)
        ref, t_ref = timed(batch.top_k, pe, vt, K, args.block, engine="scipy", **kw)
        same = np.array_equal(ours.indices, ref.indices) and np.array_equal(ours.scores, ref.scores)
        if c is None:
            same = same and np.array_equal(ours.indices, result.indices[:n])
        print(
            f"  previous scipy path (engine='scipy'), {label}, {n:,} people, {args.threads} "
            f"threads: {t_ref:.1f} s vs kernel {t_ours:.1f} s (x{t_ref / t_ours:.1f}); "
            f"identical indices and scores: {'yes' if same else 'NO'}"
        )


def bench_faiss(data, result, ours_all_s, args):
    sample = min(args.faiss_sample, data.pe.shape[0])
    (idx, dist, add_s, search_s), secs = timed(faiss_top_k, data.pe[:sample], data.v, K, args.shard)
    n_people = data.pe.shape[0]
    total = add_s + search_s * n_people / sample
    top_ours = result.indices[:sample]
    agree = np.mean([len(set(a) & set(b)) / K for a, b in zip(idx, top_ours, strict=True)])
    print(
        f"FAISS IndexFlatIP (exact, faiss-cpu, 2 threads), dim {data.v.shape[1]:,}, "
        f"{sample:,} people, shards of {args.shard:,}: add {add_s:.1f} s, search "
        f"{search_s:.1f} s -> all {n_people:,} people ~{total:.0f} s (extrapolated); "
        f"ours / FAISS = {ours_all_s / total:.3f} (x{total / ours_all_s:.1f} faster); "
        f"same top-{K}: {agree:.1%}"
    )
    print(f"  peak memory so far: {peak_gib():.2f} GiB")


def bench_online(data, vt, args):
    pe_t = data.pe.T.tocsr()
    rng = np.random.default_rng(1)
    c = constraints_of(data)
    for name, runs in (
        ("one person vs all vacancies", "person"),
        ("one vacancy vs all people", "v"),
    ):
        times = []
        for _ in range(args.online):
            if runs == "person":
                i = int(rng.integers(data.pe.shape[0]))
                _, t = timed(batch.one_person, data.pe[i], vt, K, person=i, constraints=c)
            else:
                j = int(rng.integers(data.v.shape[0]))
                _, t = timed(batch.one_vacancy, data.v[j], pe_t, K, vacancy=j, constraints=c)
            times.append(t * 1000)
        p50, p95 = np.percentile(times, [50, 95])
        print(f"online {name} (with constraints): p50 {p50:.1f} ms, p95 {p95:.1f} ms")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small data, a few seconds")
    parser.add_argument("--full", action="store_true", help="all people in the batch")
    parser.add_argument("--people", type=int, default=300_000)
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=30_000)
    parser.add_argument("--naive", type=int, default=2_000)
    parser.add_argument("--constrained", type=int, default=30_000)
    parser.add_argument("--scipy-sample", type=int, default=10_000)
    parser.add_argument(
        "--cold", action="store_true", help="compile the kernel into an empty numba cache"
    )
    parser.add_argument("--faiss-sample", type=int, default=1_000)
    parser.add_argument("--shard", type=int, default=20_000)
    parser.add_argument("--block", type=int, default=512)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--online", type=int, default=200)
    parser.add_argument("--no-faiss", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.people, args.vacancies, args.sample, args.naive = 3_000, 5_000, 3_000, 500
        args.constrained, args.scipy_sample = 3_000, 1_000
        args.faiss_sample, args.shard, args.online = 200, 2_500, 20
    if args.cold:  # read by numba when it is first imported (kohtaamo.matching.kernels)
        cold = tempfile.mkdtemp(prefix="numba-cold-")
        atexit.register(shutil.rmtree, cold, ignore_errors=True)
        os.environ["NUMBA_CACHE_DIR"] = cold
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    data = build(args.people, args.vacancies)
    vt = data.v.T.tocsr()
    print(
        f"data: {args.people:,} people ({data.pe.nnz / data.pe.shape[0]:.0f} competences with "
        f"partial credit each) x {args.vacancies:,} vacancies "
        f"({data.v.nnz / data.v.shape[0]:.0f} requirements each), vocabulary "
        f"{len(data.vocabulary):,}; built in {data.build_seconds:.1f} s; "
        f"peak {peak_gib():.2f} GiB"
    )
    result, ours_all = bench_batch(data, vt, args)
    if args.no_faiss:
        pass
    elif importlib.util.find_spec("faiss") is None:
        print("FAISS baseline skipped: install the bench extra (pip install -e '.[bench]')")
    else:
        bench_faiss(data, result, ours_all, args)
    bench_online(data, vt, args)
    print(f"peak memory (max RSS): {peak_gib():.2f} GiB; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
