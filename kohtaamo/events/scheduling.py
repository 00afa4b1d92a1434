"""Interview schedules of matchmaking events: who meets whom, and in which slot (pure, no Django).

Two steps, as the issue asks. A min-cost flow chooses the pairs (source -> seeker -> employer
-> sink): it sees every rule except slot conflicts, so its optimum is an upper bound of the
whole problem. The chosen pairs are then placed in slots, an edge colouring of a bipartite
multigraph (an employer with capacity c is c nodes): with no per-person unavailability
König's theorem says the maximum degree in colours suffices, and Kempe-chain colouring places
every chosen pair. When people's own unavailability or fixed interviews make slots differ,
CP-SAT places the most valuable subset of what the chains could not; the pairs left out are
dropped and the flow is run again without them to fill the freed capacity.

The soft rules are lexicographic: (1) must-meet pairs, (2) each seeker with a fitting employer
gets a first interview, then up to ``min_interviews``, (3) total fit. They are one integer
cost: fit x 1000 plus weights each larger than everything below it can add up to.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np
from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

Pair = tuple[str, str]  # (seeker key, employer key)

FIT_SCALE = 1000
MAX_ROUNDS = 5  # flow and placement rounds when some chosen pairs cannot be placed
# CP-SAT often cannot prove that the pairs it leaves out are impossible and runs to its limit:
# all its calls share this part of the time limit (the Kempe chains and the flow are fast).
CP_SAT_SHARE = 0.3
WORKERS = 2


@dataclass(frozen=True)
class Seeker:
    key: str
    min_interviews: int = 1
    max_interviews: int = 3
    unavailable: frozenset[int] = frozenset()  # slots the person cannot attend


@dataclass(frozen=True)
class Employer:
    key: str
    capacity: int = 1  # tables (interviewers) per slot
    unavailable: frozenset[int] = frozenset()  # the employer's own breaks


@dataclass(frozen=True)
class Interview:
    seeker: str
    employer: str
    slot: int


@dataclass(frozen=True)
class Problem:
    seekers: tuple[Seeker, ...]
    employers: tuple[Employer, ...]
    slots: int  # slots 0..slots-1
    fit: Mapping[Pair, float]  # match quality 0..1; absent pair = does not fit
    breaks: frozenset[int] = frozenset()  # slots of the whole event without interviews
    must_meet: frozenset[Pair] = frozenset()  # wishes of either side (only fitting pairs)
    must_not_meet: frozenset[Pair] = frozenset()
    fixed: tuple[Interview, ...] = ()  # kept as they are (re-planning)


@dataclass(frozen=True)
class Schedule:
    interviews: tuple[Interview, ...]
    objective: float  # sum of fit of the interviews
    bound: float  # proven upper bound of the objective
    gap: float  # (bound - objective) / bound, 0.0 when proven optimal
    unmet_must_meet: tuple[Pair, ...]
    seekers_without_interview: tuple[str, ...]  # those with a fitting employer but none placed
    seconds: float


@dataclass(frozen=True)
class _Weights:
    """Integer weights of the lexicographic objective; each dominates all that is below it."""

    minimum: int
    first: int
    must: int

    @classmethod
    def for_units(cls, units: int) -> _Weights:
        units = max(units, 1)
        minimum = FIT_SCALE * units + 1
        first = (minimum + FIT_SCALE) * units + 1
        must = (first + minimum + FIT_SCALE) * units + 1
        return cls(minimum, first, must)

    def unit_bonus(self, seeker: Seeker, count: int) -> int:
        """What the seeker's ``count``-th interview (1-based) adds by rule 2."""
        return self.first * (count == 1) + self.minimum * (count <= seeker.min_interviews)


class _Event:
    """The problem's derived facts: allowed slots, fitting pairs, what fixed interviews hold."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.seekers = {s.key: s for s in problem.seekers}
        self.employers = {e.key: e for e in problem.employers}
        open_slots = frozenset(range(problem.slots)) - problem.breaks
        self.seeker_slots = {k: open_slots - s.unavailable for k, s in self.seekers.items()}
        self.employer_slots = {k: open_slots - e.unavailable for k, e in self.employers.items()}
        self.fixed = tuple(problem.fixed)
        self.fixed_count: dict[str, int] = defaultdict(int)
        self.seeker_busy: dict[str, set[int]] = defaultdict(set)
        self.table_use: dict[tuple[str, int], int] = defaultdict(int)
        for i in self.fixed:
            self.fixed_count[i.seeker] += 1
            self.seeker_busy[i.seeker].add(i.slot)
            self.table_use[i.employer, i.slot] += 1
        fixed_pairs = {(i.seeker, i.employer) for i in self.fixed}
        self.fitting = [p for p in sorted(problem.fit) if self._fits(p)]
        self.candidates = [p for p in self.fitting if p not in fixed_pairs]

    def _fits(self, pair: Pair) -> bool:
        seeker, employer = pair
        return (
            seeker in self.seekers
            and employer in self.employers
            and self.problem.fit[pair] > 0
            and pair not in self.problem.must_not_meet
        )

    def free_slots(self, seeker: str) -> frozenset[int]:
        return self.seeker_slots[seeker] - self.seeker_busy[seeker]

    def table_free(self, employer: str, slot: int) -> int:
        return max(self.employers[employer].capacity - self.table_use[employer, slot], 0)

    def pair_slots(self, pair: Pair) -> list[int]:
        seeker, employer = pair
        shared = self.free_slots(seeker) & self.employer_slots[employer]
        return sorted(t for t in shared if self.table_free(employer, t) > 0)

    def room(self, seeker: str) -> int:
        """Interviews the seeker can still take: the maximum and the free slots both limit it."""
        left = self.seekers[seeker].max_interviews - self.fixed_count[seeker]
        return max(min(left, len(self.free_slots(seeker))), 0)

    def pair_value(self, pair: Pair, weights: _Weights) -> int:
        fit = round(self.problem.fit[pair] * FIT_SCALE)
        return fit + weights.must * (pair in self.problem.must_meet)

    def priority_value(self, interviews: Iterable[Interview], weights: _Weights) -> int:
        """The weighted rules 1 and 2 of a whole schedule (fixed interviews included)."""
        count: dict[str, int] = defaultdict(int)
        pairs = set()
        for i in interviews:
            count[i.seeker] += 1
            pairs.add((i.seeker, i.employer))
        value = weights.must * len(pairs & self.problem.must_meet)
        for key, n in count.items():
            seeker = self.seekers[key]
            value += sum(weights.unit_bonus(seeker, k) for k in range(1, n + 1))
        return value


def _choose_pairs(event: _Event, pairs: list[Pair], weights: _Weights) -> tuple[list[Pair], int]:
    """The min-cost flow: the best pairs ignoring slot conflicts, and its (maximised) value."""
    flow = min_cost_flow.SimpleMinCostFlow()
    seeker_node = {k: 2 + n for n, k in enumerate(event.seekers)}
    employer_node = {k: 2 + len(seeker_node) + n for n, k in enumerate(event.employers)}
    tails, heads, caps, costs = [], [], [], []

    def arc(tail: int, head: int, cap: int, cost: int) -> None:
        if cap > 0:
            tails.append(tail), heads.append(head), caps.append(cap), costs.append(cost)

    units = 0
    for key, seeker in event.seekers.items():
        room, done = event.room(key), event.fixed_count[key]
        units += room
        for count in range(done + 1, done + room + 1):
            arc(0, seeker_node[key], 1, -weights.unit_bonus(seeker, count))
    for key in event.employers:
        cap = sum(event.table_free(key, t) for t in event.employer_slots[key])
        arc(employer_node[key], 1, cap, 0)
    arc(0, 1, units, 0)
    first_pair_arc = len(tails)
    for pair in pairs:
        arc(seeker_node[pair[0]], employer_node[pair[1]], 1, -event.pair_value(pair, weights))
    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int64),
        np.array(heads, dtype=np.int64),
        np.array(caps, dtype=np.int64),
        np.array(costs, dtype=np.int64),
    )
    flow.set_node_supply(0, units)
    flow.set_node_supply(1, -units)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    used = flow.flows(np.arange(first_pair_arc, len(tails)))
    chosen = [p for p, f in zip(pairs, used, strict=True) if f > 0]
    return chosen, -flow.optimal_cost()


def _place_by_kempe_chains(event: _Event, pairs: list[Pair]) -> dict[Pair, int]:
    """Slots by Kempe chains: with uniform availability every pair is placed (König).

    Nodes are the seekers and the employers' tables (an employer of capacity c is c tables,
    each given a balanced share of its pairs); a slot taken by a fixed interview is simply not
    usable at that node. A pair takes a slot free at both ends; when there is none, slot ``a``
    free at the seeker and ``b`` free at the table, the a/b alternating path from the table is
    flipped (if its far end may use the other slot) and the pair takes ``a``.
    """
    tables = _tables(event, pairs)
    usable = {("s", k): set(event.free_slots(k)) for k in event.seekers}
    for node, slots in tables.usable.items():
        usable[node] = slots
    at: dict[tuple, dict[int, tuple]] = defaultdict(dict)  # node -> slot -> other end
    order = sorted(pairs, key=lambda p: p not in event.problem.must_meet)
    placed_nodes = {}
    for pair in order:
        u, v = ("s", pair[0]), tables.of[pair]
        if _colour(u, v, usable, at):
            placed_nodes[pair] = (u, v)
    return {p: _slot_of(at, u, v) for p, (u, v) in placed_nodes.items()}


@dataclass
class _Tables:
    of: dict[Pair, tuple]
    usable: dict[tuple, set[int]]


def _tables(event: _Event, pairs: list[Pair]) -> _Tables:
    """Split each employer into tables, fixed interviews on the first ones, pairs balanced."""
    usable = {}
    for key, employer in event.employers.items():
        for n in range(employer.capacity):
            usable["t", key, n] = {
                t for t in event.employer_slots[key] if n >= event.table_use[key, t]
            }
    load: dict[tuple, int] = defaultdict(int)
    of = {}
    for pair in pairs:
        employer = event.employers[pair[1]]
        nodes = [("t", pair[1], n) for n in range(employer.capacity)]
        node = max(nodes, key=lambda x: len(usable[x]) - load[x])
        load[node] += 1
        of[pair] = node
    return _Tables(of, usable)


def _colour(u: tuple, v: tuple, usable: dict, at: dict) -> bool:
    free_u = usable[u] - at[u].keys()
    free_v = usable[v] - at[v].keys()
    common = free_u & free_v
    if common:
        _join(u, v, min(common), at)
        return True
    for a in sorted(free_u & usable[v]):
        for b in sorted(free_v & usable[u]):
            if _flip(v, a, b, usable, at):
                _join(u, v, a, at)
                return True
            if _flip(u, b, a, usable, at):
                _join(u, v, b, at)
                return True
    return False


def _flip(v: tuple, a: int, b: int, usable: dict, at: dict) -> bool:
    """Swap a and b along the alternating path from v, unless its end cannot use the other."""
    path, node, colour = [], v, a
    while colour in at[node]:
        other = at[node][colour]
        path.append((node, other, colour))
        node, colour = other, (b if colour == a else a)
    if path and (a if path[-1][2] == b else b) not in usable[node]:
        return False
    for x, y, c in path:
        del at[x][c], at[y][c]
    for x, y, c in path:
        _join(x, y, b if c == a else a, at)
    return True


def _join(u: tuple, v: tuple, slot: int, at: dict) -> None:
    at[u][slot] = v
    at[v][slot] = u


def _slot_of(at: dict, u: tuple, v: tuple) -> int:
    return next(t for t, other in at[u].items() if other == v)


def _place_exactly(
    event: _Event, pairs: list[Pair], hint: dict[Pair, int], weights: _Weights, seconds: float
) -> dict[Pair, int]:
    """CP-SAT over the allowed (pair, slot) combinations: the most valuable placeable subset.

    ``pairs`` come from the flow, so no seeker has more than their room: only slots are decided.
    """
    model = cp_model.CpModel()
    x = {
        (p, t): model.new_bool_var(f"x{n}_{t}")
        for n, p in enumerate(pairs)
        for t in event.pair_slots(p)
    }
    by_pair, by_seeker_slot, by_table = defaultdict(list), defaultdict(list), defaultdict(list)
    for (pair, t), var in x.items():
        by_pair[pair].append(var)
        by_seeker_slot[pair[0], t].append(var)
        by_table[pair[1], t].append(var)
        model.add_hint(var, hint.get(pair) == t)
    for group in (*by_pair.values(), *by_seeker_slot.values()):
        model.add_at_most_one(group)
    for (employer, t), group in by_table.items():
        model.add(sum(group) <= event.table_free(employer, t))
    model.maximize(_placement_value(model, event, by_pair, weights))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = WORKERS
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return hint
    found = {pair: t for (pair, t), var in x.items() if solver.boolean_value(var)}
    # Stopped by the time limit, CP-SAT may return less than the hint it was given: never
    # give up pairs the colouring had placed (they would be dropped from the next rounds).
    return max(found, hint, key=lambda placed: _value(event, placed, weights))


def _placement_value(model, event: _Event, by_pair, weights: _Weights):
    """Pair values plus rule 2 bonuses for the interviews each seeker ends up with."""
    terms = [event.pair_value(p, weights) * sum(vs) for p, vs in by_pair.items()]
    per_seeker = defaultdict(list)
    for pair, vs in by_pair.items():
        per_seeker[pair[0]].extend(vs)
    for key, vs in per_seeker.items():
        seeker, done = event.seekers[key], event.fixed_count[key]
        for count in range(done + 1, done + min(len(vs), event.room(key)) + 1):
            bonus = weights.unit_bonus(seeker, count)
            if bonus:
                reached = model.new_bool_var(f"n_{key}_{count}")
                model.add(sum(vs) >= count - done).only_enforce_if(reached)
                terms.append(bonus * reached)
    return sum(terms)


def schedule(problem: Problem, *, time_limit: float = 10.0) -> Schedule:
    """The interview schedule: every hard rule kept, the soft rules optimised in their order.

    With uniform availability (breaks only) the result is optimal and ``gap`` is 0. Otherwise
    CP-SAT gets at most ``CP_SAT_SHARE`` of ``time_limit`` and ``bound`` bounds the fit of the
    lexicographic optimum; a shortfall on rules 1 and 2 shows in ``unmet_must_meet`` and
    ``seekers_without_interview``, not in ``gap``.
    """
    start = time.perf_counter()
    event = _Event(problem)
    weights = _Weights.for_units(sum(event.room(k) for k in event.seekers))
    pairs = list(event.candidates)
    best: dict[Pair, int] = {}
    best_value, bound_value = -1, None
    exact_until = start + CP_SAT_SHARE * time_limit
    for _ in range(MAX_ROUNDS):
        chosen, flow_value = _choose_pairs(event, pairs, weights)
        bound_value = flow_value if bound_value is None else bound_value
        placed = _place_by_kempe_chains(event, chosen)
        left = exact_until - time.perf_counter()
        if len(placed) < len(chosen) and left > 0:
            placed = _place_exactly(event, chosen, placed, weights, left)
        best, best_value = _better(event, weights, (best, best_value), placed)
        dropped = set(chosen) - set(placed)
        if not dropped:
            break
        pairs = [p for p in pairs if p not in dropped]
    return _result(event, best, weights, bound_value or 0, start)


def _better(event: _Event, weights: _Weights, best: tuple, placed: dict[Pair, int]) -> tuple:
    value = _value(event, placed, weights)
    return (placed, value) if value > best[1] else best


def _interviews(event: _Event, placed: dict[Pair, int]) -> list[Interview]:
    new = [Interview(s, e, t) for (s, e), t in placed.items()]
    return sorted([*event.fixed, *new], key=lambda i: (i.slot, i.employer, i.seeker))


def _value(event: _Event, placed: dict[Pair, int], weights: _Weights) -> int:
    """The flow's objective for a placement (fixed interviews are outside the flow)."""
    fits = sum(
        event.pair_value(p, weights) - weights.must * (p in event.problem.must_meet) for p in placed
    )
    fixed_part = event.priority_value(event.fixed, weights)
    return fits + event.priority_value(_interviews(event, placed), weights) - fixed_part


def _result(
    event: _Event, placed: dict[Pair, int], weights: _Weights, flow_value: int, start: float
) -> Schedule:
    """Objective, proven bound and gap.

    The flow's value bounds the weighted sum of every feasible schedule, so the optimum (which
    is at least as good as ours on rules 1 and 2) has fit at most the flow's value minus our
    rule-1-and-2 value; the flow of fit alone bounds it as well.
    """
    interviews = _interviews(event, placed)
    problem = event.problem
    objective = sum(problem.fit[i.seeker, i.employer] for i in interviews)
    fixed_fit = sum(problem.fit[i.seeker, i.employer] for i in event.fixed)
    ours = _value(event, placed, weights)
    new_fit_milli = sum(round(problem.fit[p] * FIT_SCALE) for p in placed)
    if ours >= flow_value:
        bound = objective
    else:
        lexicographic = fixed_fit + (flow_value - ours + new_fit_milli) / FIT_SCALE
        bound = max(min(lexicographic, _fit_cap(event)), objective)
    met = {(i.seeker, i.employer) for i in interviews}
    with_one = {i.seeker for i in interviews}
    fitting_seekers = {s for s, _ in event.fitting}
    return Schedule(
        interviews=tuple(interviews),
        objective=objective,
        bound=bound,
        gap=(bound - objective) / bound if bound > 0 else 0.0,
        unmet_must_meet=tuple(sorted(problem.must_meet - met)),
        seekers_without_interview=tuple(
            k for k in event.seekers if k in fitting_seekers - with_one
        ),
        seconds=time.perf_counter() - start,
    )


def _fit_cap(event: _Event) -> float:
    """The most fit any schedule can have: the flow with fit alone, slot conflicts relaxed."""
    _, fit_milli = _choose_pairs(event, event.candidates, _Weights(0, 0, 0))
    return sum(event.problem.fit[i.seeker, i.employer] for i in event.fixed) + fit_milli / FIT_SCALE


def replan(previous: Schedule, problem: Problem, *, time_limit: float = 10.0) -> Schedule:
    """Re-plan after cancellations: unaffected interviews stay in place, freed tables refill.

    An interview of ``previous`` is kept when its seeker and employer are still there, the pair
    still may meet, the slot is still allowed for both and the employer's (maybe lowered)
    capacity and the seeker's maximum still leave room for it, in the order of ``previous``.
    """
    event = _Event(replace(problem, fixed=()))
    kept = list(problem.fixed)
    use, count, busy = defaultdict(int), defaultdict(int), defaultdict(set)
    for i in kept:
        use[i.employer, i.slot] += 1
        count[i.seeker] += 1
        busy[i.seeker].add(i.slot)
    fitting = set(event.fitting)
    for i in previous.interviews:
        pair = (i.seeker, i.employer)
        if i in kept or pair not in fitting:
            continue
        if i.slot not in event.seeker_slots[i.seeker] & event.employer_slots[i.employer]:
            continue
        if (
            i.slot in busy[i.seeker]
            or use[i.employer, i.slot] >= event.employers[i.employer].capacity
            or count[i.seeker] >= event.seekers[i.seeker].max_interviews
        ):
            continue
        kept.append(i)
        use[i.employer, i.slot] += 1
        count[i.seeker] += 1
        busy[i.seeker].add(i.slot)
    return schedule(replace(problem, fixed=tuple(kept)), time_limit=time_limit)


def violations(problem: Problem, schedule: Schedule) -> list[str]:
    """Every broken hard rule of ``schedule`` as a sentence; empty when it keeps them all."""
    event = _Event(replace(problem, fixed=()))
    found = []
    pairs, seeker_slot, table, count = (
        defaultdict(int),
        defaultdict(int),
        defaultdict(int),
        defaultdict(int),
    )
    for i in schedule.interviews:
        found.extend(_interview_violations(event, i))
        pairs[i.seeker, i.employer] += 1
        seeker_slot[i.seeker, i.slot] += 1
        table[i.employer, i.slot] += 1
        count[i.seeker] += 1
    found += [f"{s} meets {e} {n} times" for (s, e), n in pairs.items() if n > 1]
    found += [f"{s} has {n} interviews in slot {t}" for (s, t), n in seeker_slot.items() if n > 1]
    for (e, t), n in table.items():
        if e in event.employers and n > event.employers[e].capacity:
            found.append(
                f"{e} has {n} interviews in slot {t}, capacity {event.employers[e].capacity}"
            )
    for s, n in count.items():
        if s in event.seekers and n > event.seekers[s].max_interviews:
            found.append(f"{s} has {n} interviews, at most {event.seekers[s].max_interviews}")
    kept = set(schedule.interviews)
    found += [f"fixed interview {i} was not kept" for i in problem.fixed if i not in kept]
    return found


def _interview_violations(event: _Event, i: Interview) -> list[str]:
    problem = event.problem
    if i.seeker not in event.seekers or i.employer not in event.employers:
        return [f"{i} names an unknown seeker or employer"]
    found = []
    if not 0 <= i.slot < problem.slots:
        found.append(f"{i} is outside the event's slots")
    if i.slot in problem.breaks:
        found.append(f"{i} is in a break")
    if i.slot in event.seekers[i.seeker].unavailable:
        found.append(f"{i} is when {i.seeker} is unavailable")
    if i.slot in event.employers[i.employer].unavailable:
        found.append(f"{i} is when {i.employer} is unavailable")
    pair = (i.seeker, i.employer)
    if pair in problem.must_not_meet:
        found.append(f"{i} is a must-not-meet pair")
    elif problem.fit.get(pair, 0) <= 0:
        found.append(f"{i} is not a fitting pair")
    return found
