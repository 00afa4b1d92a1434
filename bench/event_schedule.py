"""Benchmark: the interview scheduler of matchmaking events (issue 8), against direct CP-SAT.

Instances are generated deterministically (numpy seed): a typical event (20 seekers x 2
employers x 6 slots), a big fair (300 x 40 x 18) and a stress instance (1,000 x 100 x 18). Each
seeker fits ~25 % of the employers (at least one: a coordinator registers seekers for an event
where someone fits them) with quality uniform(0.15, 1.0) rounded to 0.001, so that the integer
costs (fit x 1000) of both models are exact; tables 1-3 per employer; 3-5 interviews at most,
1 at least; one break slot in the middle; a few must-meet and must-not-meet pairs.

- ours: kohtaamo.events.scheduling.schedule() (min-cost flow for the pairs, then slotting),
  its objective (sum of fit), the flow's bound and the gap; violations() must be empty.
- baseline: the direct time-indexed CP-SAT model, a Boolean x[seeker, employer, slot] for every
  fitting pair and allowed slot, the same hard rules and the same lexicographic objective
  (must-meet pairs, then seekers' minimum interviews, then fit), 2 workers, time limit
  --baseline-limit (60 s), measured in the same run (model building included). Its fit bound is
  the solver's best bound minus the weights of the levels it reached: a bound on the fit of any
  schedule at least as good on the first two levels, as ours is.

    .venv/bin/python bench/event_schedule.py
    .venv/bin/python bench/event_schedule.py --only fair --baseline-limit 20
    .venv/bin/python bench/event_schedule.py --unavailable 0.1   # not in the issue: see generate()
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from ortools.sat.python import cp_model  # noqa: E402

from kohtaamo.events import scheduling  # noqa: E402

SCALE = 1000  # fit -> integer cost, as in the scheduler


@dataclass(frozen=True)
class Size:
    name: str
    seekers: int
    employers: int
    slots: int
    seed: int
    must_meet: int
    must_not_meet: int


SIZES = {
    "typical": Size("typical", 20, 2, 6, 8, 2, 1),
    "fair": Size("fair", 300, 40, 18, 80, 10, 10),
    "stress": Size("stress", 1000, 100, 18, 800, 30, 30),
}


def generate(size: Size, unavailable: float = 0.0) -> scheduling.Problem:
    """One deterministic event of the given size (see the module docstring).

    With ``unavailable`` > 0 every person misses each slot with that probability (drawn from
    a second generator, so the rest of the instance stays the same): availability is then not
    uniform, König's theorem no longer applies and some chosen pairs may not fit in slots.
    """
    rng = np.random.default_rng(size.seed)
    away = np.random.default_rng(size.seed + 1)

    def missed() -> frozenset[int]:
        return frozenset(np.flatnonzero(away.random(size.slots) < unavailable).tolist())

    seekers = tuple(
        scheduling.Seeker(
            key=f"s{i:04d}",
            min_interviews=1,
            max_interviews=int(rng.integers(3, 6)),
            unavailable=missed(),
        )
        for i in range(size.seekers)
    )
    employers = tuple(
        scheduling.Employer(key=f"e{j:03d}", capacity=int(rng.integers(1, 4)), unavailable=missed())
        for j in range(size.employers)
    )
    fit: dict[tuple[str, str], float] = {}
    for seeker in seekers:
        fits = rng.random(size.employers) < 0.25
        if not fits.any():
            fits[rng.integers(size.employers)] = True
        for j in np.flatnonzero(fits):
            fit[(seeker.key, employers[j].key)] = round(float(rng.uniform(0.15, 1.0)), 3)
    pairs = sorted(fit)
    chosen = rng.choice(len(pairs), size.must_meet + size.must_not_meet, replace=False)
    return scheduling.Problem(
        seekers=seekers,
        employers=employers,
        slots=size.slots,
        fit=fit,
        breaks=frozenset({size.slots // 2}),
        must_meet=frozenset(pairs[k] for k in chosen[: size.must_meet]),
        must_not_meet=frozenset(pairs[k] for k in chosen[size.must_meet :]),
    )


@dataclass
class Result:
    seconds: float
    objective: float
    bound: float
    gap: float
    levels: tuple[int, int, int]  # see levels()
    status: str
    violations: list[str]


def weights(problem) -> tuple[int, int, int]:
    """Weights making the objective lexicographic: must-meet > a first interview > interviews
    up to each seeker's minimum > fit; each exceeds the most that all levels below can add."""
    fit_max = SCALE * sum(s.max_interviews for s in problem.seekers)
    w_min = fit_max + 1
    w_first = w_min * sum(s.min_interviews for s in problem.seekers) + fit_max + 1
    w_must = w_first * len(problem.seekers) + w_first
    return w_must, w_first, w_min


def levels(problem, chosen) -> tuple[int, int, int]:
    """(must-meet pairs placed, seekers with an interview, interviews up to the minimums)."""
    placed = {(s, e) for s, e, _ in chosen}
    counts: dict[str, int] = {}
    for s, _, _ in chosen:
        counts[s] = counts.get(s, 0) + 1
    minimum = sum(min(counts.get(k.key, 0), k.min_interviews) for k in problem.seekers)
    return len(problem.must_meet & placed), len(counts), minimum


def allowed_slots(problem, seeker, employer) -> list[int]:
    closed = problem.breaks | seeker.unavailable | employer.unavailable
    return [t for t in range(problem.slots) if t not in closed]


def build_baseline(problem):
    """The direct time-indexed model: x[s, e, t] for every fitting pair and allowed slot."""
    model = cp_model.CpModel()
    x = baseline_variables(model, problem)
    add_hard_rules(model, problem, x)
    add_objective(model, problem, x)
    return model, x


def baseline_variables(model, problem) -> dict:
    x = {}
    for seeker in problem.seekers:
        for employer in problem.employers:
            pair = (seeker.key, employer.key)
            if problem.fit.get(pair, 0.0) <= 0.0 or pair in problem.must_not_meet:
                continue
            for t in allowed_slots(problem, seeker, employer):
                x[(*pair, t)] = model.new_bool_var(f"x_{seeker.key}_{employer.key}_{t}")
    return x


def grouped(x: dict, key) -> dict:
    groups: dict = {}
    for index, var in x.items():
        groups.setdefault(key(index), []).append(var)
    return groups


def add_hard_rules(model, problem, x) -> None:
    capacity = {e.key: e.capacity for e in problem.employers}
    most = {s.key: s.max_interviews for s in problem.seekers}
    for fixed in problem.fixed:
        model.add(x[(fixed.seeker, fixed.employer, fixed.slot)] == 1)
    for group in grouped(x, lambda i: (i[0], i[2])).values():
        model.add_at_most_one(group)
    for (employer, _), group in grouped(x, lambda i: (i[1], i[2])).items():
        model.add(sum(group) <= capacity[employer])
    for group in grouped(x, lambda i: (i[0], i[1])).values():
        model.add_at_most_one(group)
    for seeker, group in grouped(x, lambda i: i[0]).items():
        model.add(sum(group) <= most[seeker])


def add_objective(model, problem, x) -> None:
    """Must-meet pairs, then interviews up to each seeker's minimum, then fit (lexicographic)."""
    w_must, w_first, w_min = weights(problem)
    terms = [round(SCALE * problem.fit[(s, e)]) * var for (s, e, _), var in x.items()]
    per_seeker = grouped(x, lambda i: i[0])
    reached = {}
    for seeker in problem.seekers:
        mine = per_seeker.get(seeker.key)
        if mine and seeker.min_interviews > 0:
            reached[seeker.key] = model.new_int_var(0, seeker.min_interviews, f"u_{seeker.key}")
            model.add(reached[seeker.key] <= sum(mine))
            first = model.new_bool_var(f"first_{seeker.key}")
            model.add(first <= sum(mine))
            terms.extend([w_min * reached[seeker.key], w_first * first])
    per_pair = grouped(x, lambda i: (i[0], i[1]))
    for pair in problem.must_meet:
        terms.extend(w_must * var for var in per_pair.get(pair, []))
    model.maximize(sum(terms))


def run_baseline(problem, limit: float) -> tuple[Result, float]:
    started = time.perf_counter()
    model, x = build_baseline(problem)
    built = time.perf_counter() - started
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    seconds = time.perf_counter() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        nan = float("nan")
        return Result(seconds, nan, nan, nan, (0, 0, 0), solver.status_name(status), []), built
    chosen = [key for key, var in x.items() if solver.boolean_value(var)]
    interviews = tuple(scheduling.Interview(s, e, t) for s, e, t in chosen)
    fit = sum(round(SCALE * problem.fit[(s, e)]) for s, e, _ in chosen)
    placed = {(s, e) for s, e, _ in chosen}
    must, covered, minimum = levels(problem, chosen)
    w_must, w_first, w_min = weights(problem)
    reached = w_must * must + w_first * covered + w_min * minimum
    fit_bound = solver.best_objective_bound - reached
    gap = (fit_bound - fit) / fit_bound if fit_bound > 0 else 0.0
    as_schedule = scheduling.Schedule(
        interviews=interviews,
        objective=fit / SCALE,
        bound=fit_bound / SCALE,
        gap=gap,
        unmet_must_meet=tuple(sorted(problem.must_meet - placed)),
        seekers_without_interview=(),
        seconds=seconds,
    )
    return Result(
        seconds,
        fit / SCALE,
        fit_bound / SCALE,
        gap,
        (must, covered, minimum),
        solver.status_name(status),
        scheduling.violations(problem, as_schedule) + own_check(problem, interviews),
    ), built


def own_check(problem, interviews) -> list[str]:
    """The hard rules checked here again, independently of scheduling.violations()."""
    seekers = {s.key: s for s in problem.seekers}
    employers = {e.key: e for e in problem.employers}
    problems = []
    per_slot: dict = {}
    pairs = [(i.seeker, i.employer) for i in interviews]
    for i in interviews:
        seeker, employer = seekers.get(i.seeker), employers.get(i.employer)
        if seeker is None or employer is None or problem.fit.get((i.seeker, i.employer), 0) <= 0:
            problems.append(f"not a fitting pair: {i}")
        elif i.slot in allowed_slots(problem, seeker, employer):
            per_slot.setdefault(("s", i.seeker, i.slot), []).append(i)
            per_slot.setdefault(("e", i.employer, i.slot), []).append(i)
        else:
            problems.append(f"slot not allowed: {i}")
    for (kind, key, slot), group in per_slot.items():
        most = 1 if kind == "s" else employers[key].capacity
        if len(group) > most:
            problems.append(f"{key} has {len(group)} interviews in slot {slot}")
    if len(set(pairs)) < len(pairs) or problem.must_not_meet & set(pairs):
        problems.append("a pair meets twice or a must-not-meet pair meets")
    for seeker in problem.seekers:
        if sum(1 for s, _ in pairs if s == seeker.key) > seeker.max_interviews:
            problems.append(f"{seeker.key} over max_interviews")
    return problems


def run_ours(problem, limit: float) -> Result:
    started = time.perf_counter()
    result = scheduling.schedule(problem, time_limit=limit)
    seconds = time.perf_counter() - started
    chosen = [(i.seeker, i.employer, i.slot) for i in result.interviews]
    return Result(
        seconds,
        result.objective,
        result.bound,
        result.gap,
        levels(problem, chosen),
        "optimal" if result.gap == 0 else "feasible",
        scheduling.violations(problem, result) + own_check(problem, result.interviews),
    )


def describe(size: Size, problem) -> str:
    return (
        f"{size.name}: {size.seekers:,} seekers x {size.employers} employers x {size.slots} slots"
        f" (break at {size.slots // 2}), {len(problem.fit):,} fitting pairs, "
        f"{sum(e.capacity for e in problem.employers)} tables, "
        f"{len(problem.must_meet)} must-meet, {len(problem.must_not_meet)} must-not-meet"
    )


def consistent(ours: Result, base: Result) -> str:
    """Neither objective may exceed the other's bound (fit is rounded to 0.001 in both)."""
    eps = 1e-6
    ok = ours.objective <= base.bound + eps and base.objective <= ours.bound + eps
    return "yes" if ok else "NO"


def bound(r: Result) -> str:
    """A fit bound above 10^6 means the solver has not proved the first levels it reached."""
    return f"{r.bound:.3f}" if r.bound < 1e6 else f"{r.bound:.2e} (levels unproven)"


def row(name: str, who: str, r: Result, extra: str) -> str:
    vio = "none" if not r.violations else f"{len(r.violations)}: {r.violations[0]}"
    return (
        f"| {name} | {who} | {r.seconds:.3f} | {r.objective:.3f} | {bound(r)} | {r.gap:.4%} "
        f"| {r.levels[0]} | {r.levels[1]} | {r.status} | {vio} | {extra} |"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=sorted(SIZES), help="one instance only")
    parser.add_argument("--baseline-limit", type=float, default=60.0)
    parser.add_argument("--limit", type=float, default=10.0, help="time limit of schedule()")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--unavailable",
        type=float,
        default=0.0,
        help="probability that a person misses a slot (0: uniform availability, as in the issue)",
    )
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    names = [args.only] if args.only else list(SIZES)
    lines = []
    for name in names:
        size = SIZES[name]
        problem = generate(size, args.unavailable)
        print(describe(size, problem), flush=True)
        ours = run_ours(problem, args.limit)
        lines.append(row(name, "ours", ours, ""))
        print(lines[-1], flush=True)
        if args.no_baseline:
            continue
        base, built = run_baseline(problem, args.baseline_limit)
        ratio = base.seconds / ours.seconds if ours.seconds > 0 else float("inf")
        same = base.levels == ours.levels
        lines.append(
            row(
                name,
                f"CP-SAT {args.baseline_limit:g} s",
                base,
                f"model {built:.1f} s; baseline/ours time x{ratio:.1f}; "
                f"same first levels: {'yes' if same else 'NO'}; "
                f"bounds consistent: {consistent(ours, base) if same else 'n/a'}",
            )
        )
        print(lines[-1], flush=True)
    print()
    print(
        "| instance | solver | seconds | objective (sum of fit) | bound | gap | must-meet placed "
        "| seekers with an interview | status | violations | notes |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(lines))
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
