"""The interview scheduler as a specification: hard rules always, soft rules in their order."""

from collections import Counter
from dataclasses import replace
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kohtaamo.events.scheduling import (
    Employer,
    Interview,
    Problem,
    Schedule,
    Seeker,
    replan,
    schedule,
    violations,
)

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def problems(draw, max_seekers=8, max_employers=4, max_slots=6, uniform=False):
    """Random events; ``uniform``: no one's own unavailability (König: every chosen pair fits)."""
    slots = draw(st.integers(2, max_slots))
    slot_sets = st.frozensets(st.integers(0, slots - 1), max_size=slots - 1)
    breaks = draw(st.frozensets(st.integers(0, slots - 1), max_size=1))
    seekers = tuple(
        Seeker(
            f"s{i}",
            min_interviews=draw(st.integers(1, 2)),
            max_interviews=draw(st.integers(1, 3)),
            unavailable=frozenset() if uniform else draw(slot_sets),
        )
        for i in range(draw(st.integers(1, max_seekers)))
    )
    employers = tuple(
        Employer(
            f"e{j}",
            capacity=draw(st.integers(1, 2)),
            unavailable=frozenset() if uniform else draw(slot_sets),
        )
        for j in range(draw(st.integers(1, max_employers)))
    )
    fit = {
        (s.key, e.key): draw(st.integers(1, 1000)) / 1000
        for s in seekers
        for e in employers
        if draw(st.booleans())
    }
    pairs = sorted(fit)
    must_meet = draw(st.frozensets(st.sampled_from(pairs), max_size=2)) if pairs else frozenset()
    must_not = draw(st.frozensets(st.sampled_from(pairs), max_size=2)) if pairs else frozenset()
    return Problem(seekers, employers, slots, fit, breaks, must_meet, must_not - must_meet)


def tiny_problems(uniform):
    return problems(max_seekers=4, max_employers=3, max_slots=3, uniform=uniform)


def by_seeker(result: Schedule) -> Counter:
    return Counter(i.seeker for i in result.interviews)


# Hard rules


@FAST
@given(problems())
def test_no_seeker_is_double_booked(problem):
    result = schedule(problem)
    assert max(Counter((i.seeker, i.slot) for i in result.interviews).values(), default=0) <= 1
    for seeker in problem.seekers:
        assert by_seeker(result)[seeker.key] <= seeker.max_interviews


@FAST
@given(problems())
def test_no_table_over_capacity_and_no_pair_meets_twice(problem):
    result = schedule(problem)
    capacity = {e.key: e.capacity for e in problem.employers}
    for (employer, _), n in Counter((i.employer, i.slot) for i in result.interviews).items():
        assert n <= capacity[employer]
    assert max(Counter((i.seeker, i.employer) for i in result.interviews).values(), default=0) <= 1


@FAST
@given(problems())
def test_breaks_unavailability_must_not_meet_and_fit_are_honoured(problem):
    result = schedule(problem)
    seekers = {s.key: s for s in problem.seekers}
    employers = {e.key: e for e in problem.employers}
    for i in result.interviews:
        assert i.slot not in problem.breaks
        assert i.slot not in seekers[i.seeker].unavailable
        assert i.slot not in employers[i.employer].unavailable
        assert (i.seeker, i.employer) not in problem.must_not_meet
        assert problem.fit[i.seeker, i.employer] > 0
    assert violations(problem, result) == []


def test_violations_names_every_broken_rule():
    problem = Problem(
        (Seeker("s", max_interviews=1, unavailable=frozenset({2})),),
        (Employer("a"), Employer("b")),
        slots=4,
        fit={("s", "a"): 0.5},
        breaks=frozenset({3}),
        must_not_meet=frozenset({("s", "a")}),
        fixed=(Interview("s", "a", 1),),
    )
    broken = Schedule(
        (Interview("s", "a", 0), Interview("s", "b", 0), Interview("s", "a", 2)),
        0,
        0,
        0,
        (),
        (),
        0,
    )
    found = " | ".join(violations(problem, broken))
    for words in (
        "must-not-meet",
        "not a fitting pair",
        "unavailable",
        "meets a 2 times",
        "2 interviews in slot 0",
        "at most 1",
        "was not kept",
    ):
        assert words in found
    late = Schedule((Interview("s", "b", 3), Interview("s", "b", 9)), 0, 0, 0, (), (), 0)
    assert any("break" in v for v in violations(problem, late))
    assert any("outside" in v for v in violations(problem, late))


# Soft rules


def test_every_seeker_with_a_fitting_employer_gets_an_interview_before_fit_is_maximised():
    strong = [Seeker(f"s{i}", max_interviews=3) for i in range(3)]
    weak = Seeker("weak", max_interviews=3)
    fit = {(s.key, e): 0.9 for s in strong for e in ("a", "b")} | {("weak", "a"): 0.2}
    problem = Problem((*strong, weak), (Employer("a"), Employer("b")), slots=3, fit=fit)
    result = schedule(problem)
    assert by_seeker(result)["weak"] == 1
    assert result.seekers_without_interview == ()
    assert result.objective == pytest.approx(5 * 0.9 + 0.2)
    assert result.gap == 0.0


@FAST
@given(problems(uniform=True))
def test_a_seeker_is_left_without_interview_only_when_their_employers_are_full(problem):
    result = schedule(problem)
    open_slots = problem.slots - len(problem.breaks)
    per_employer = Counter(i.employer for i in result.interviews)
    for key in result.seekers_without_interview:
        for e in problem.employers:
            pair = (key, e.key)
            if pair in problem.fit and pair not in problem.must_not_meet:
                assert per_employer[e.key] == e.capacity * open_slots


def test_must_meet_pairs_are_placed_even_against_better_fits():
    seekers = tuple(Seeker(f"s{i}", max_interviews=1) for i in range(4))
    fit = {("s0", "a"): 0.9, ("s1", "a"): 0.9, ("s2", "a"): 0.9, ("s3", "a"): 0.1}
    problem = Problem(
        seekers, (Employer("a"),), slots=3, fit=fit, must_meet=frozenset({("s3", "a")})
    )
    result = schedule(problem)
    assert ("s3", "a") in {(i.seeker, i.employer) for i in result.interviews}
    assert result.unmet_must_meet == ()
    assert len(result.seekers_without_interview) == 1


@FAST
@given(problems(uniform=True))
def test_gap_is_zero_when_availability_is_uniform(problem):
    result = schedule(problem)
    assert result.gap == 0.0
    assert result.bound == result.objective


def test_pairs_that_cannot_share_a_slot_are_dropped_and_the_gap_reported():
    """Both employers are there only in slot 0: the flow chooses both, one slot takes one."""
    only_first = frozenset({1})
    problem = Problem(
        (Seeker("s", max_interviews=2),),
        (Employer("a", unavailable=only_first), Employer("b", unavailable=only_first)),
        slots=2,
        fit={("s", "a"): 0.8, ("s", "b"): 0.4},
    )
    result = schedule(problem)
    assert result.interviews == (Interview("s", "a", 0),)
    assert result.bound == pytest.approx(1.2)
    assert result.gap == pytest.approx(0.4 / 1.2)


# Optimality against brute force


def lexicographic(problem: Problem, pairs) -> tuple:
    """(must-meet placed, seekers with one, interviews up to the minimum, fit in thousandths)."""
    minimum = {s.key: s.min_interviews for s in problem.seekers}
    count = Counter(s for s, _ in pairs)
    return (
        len(set(pairs) & problem.must_meet),
        len(count),
        sum(min(n, minimum[s]) for s, n in count.items()),
        sum(round(problem.fit[p] * 1000) for p in pairs),
    )


def placeable(problem: Problem, pairs) -> bool:
    seekers = {s.key: s for s in problem.seekers}
    employers = {e.key: e for e in problem.employers}
    busy, use = set(), Counter()

    def place(k):
        if k == len(pairs):
            return True
        s, e = pairs[k]
        for t in range(problem.slots):
            if (
                t in problem.breaks
                or t in seekers[s].unavailable
                or t in employers[e].unavailable
                or (s, t) in busy
                or use[e, t] >= employers[e].capacity
            ):
                continue
            busy.add((s, t))
            use[e, t] += 1
            if place(k + 1):
                return True
            busy.discard((s, t))
            use[e, t] -= 1
        return False

    return place(0)


def brute_force_best(problem: Problem) -> tuple:
    """The lexicographic optimum: the best set of pairs that can be placed at all."""
    pairs = [p for p in sorted(problem.fit) if p not in problem.must_not_meet]
    maximum = {s.key: s.max_interviews for s in problem.seekers}
    subsets = (
        c
        for r in range(len(pairs) + 1)
        for c in combinations(pairs, r)
        if all(n <= maximum[s] for s, n in Counter(s for s, _ in c).items())
    )
    for subset in sorted(subsets, key=lambda c: lexicographic(problem, c), reverse=True):
        if placeable(problem, list(subset)):
            return lexicographic(problem, subset)
    raise AssertionError("the empty schedule is always placeable")


def ours(problem: Problem, result: Schedule) -> tuple:
    return lexicographic(problem, [(i.seeker, i.employer) for i in result.interviews])


@FAST
@given(tiny_problems(uniform=True))
def test_objective_equals_the_brute_force_optimum_on_tiny_events(problem):
    result = schedule(problem)
    assert ours(problem, result) == brute_force_best(problem)
    assert result.gap == 0.0


@FAST
@given(tiny_problems(uniform=False))
def test_bound_is_never_below_the_optimum_when_people_are_unavailable(problem):
    result = schedule(problem)
    best = brute_force_best(problem)
    assert violations(problem, result) == []
    assert ours(problem, result) <= best
    assert result.bound >= best[3] / 1000 - 1e-9
    if ours(problem, result) == best:
        assert result.objective == pytest.approx(best[3] / 1000)


# Re-planning


def test_replan_after_a_cancellation_keeps_every_other_interview_in_its_slot():
    seekers = tuple(Seeker(f"s{i}", max_interviews=1) for i in range(4))
    fit = {(s.key, "a"): 0.5 + i / 10 for i, s in enumerate(seekers)}
    problem = Problem(seekers, (Employer("a"),), slots=4, fit=fit, breaks=frozenset({1}))
    first = schedule(problem)
    assert first.seekers_without_interview == ("s0",)
    cancelled = next(i for i in first.interviews if i.seeker == "s3")
    after = replace(problem, seekers=seekers[:3])
    second = replan(first, after)
    assert set(first.interviews) - {cancelled} <= set(second.interviews)
    assert Interview("s0", "a", cancelled.slot) in second.interviews
    assert violations(after, second) == []


@FAST
@given(problems(), st.data())
def test_replan_keeps_unaffected_interviews_when_seekers_and_tables_go(problem, data):
    first = schedule(problem)
    gone = data.draw(st.frozensets(st.sampled_from([s.key for s in problem.seekers])))
    lowered = data.draw(st.sampled_from([e.key for e in problem.employers]))
    employers = tuple(
        replace(e, capacity=max(e.capacity - 1, 0)) if e.key == lowered else e
        for e in problem.employers
    )
    after = replace(
        problem, seekers=tuple(s for s in problem.seekers if s.key not in gone), employers=employers
    )
    second = replan(first, after)
    assert violations(after, second) == []
    unaffected = {i for i in first.interviews if i.seeker not in gone and i.employer != lowered}
    assert unaffected <= set(second.interviews)
    for e in employers:
        kept = [i for i in first.interviews if i.employer == e.key and i.seeker not in gone]
        for slot, n in Counter(i.slot for i in kept).items():
            assert sum(1 for i in second.interviews if i in kept and i.slot == slot) == min(
                n, e.capacity
            )


class SolverOutOfTime:
    """CP-SAT stopped by its time limit with a poor first solution: nothing placed."""

    def __init__(self):
        self.parameters = type("Parameters", (), {})()

    def solve(self, model):
        from ortools.sat.python import cp_model

        return cp_model.FEASIBLE

    def boolean_value(self, var):
        return False


def test_a_time_limited_exact_placement_never_loses_what_the_colouring_placed(monkeypatch):
    """Regression: CP-SAT stopped by its time limit once returned fewer pairs than the
    colouring it was hinted with, and the next rounds dropped the lost pairs for good."""
    from kohtaamo.events import scheduling

    seekers = tuple(
        Seeker(f"s{i}", max_interviews=2, unavailable=frozenset({i % 3})) for i in range(6)
    )
    employers = (Employer("e0", capacity=2), Employer("e1", unavailable=frozenset({1})))
    fit = {(s.key, e.key): 0.5 for s in seekers for e in employers}
    event = scheduling._Event(Problem(seekers, employers, 3, fit))
    weights = scheduling._Weights.for_units(sum(event.room(k) for k in event.seekers))
    chosen, _flow = scheduling._choose_pairs(event, list(event.candidates), weights)
    coloured = scheduling._place_by_kempe_chains(event, chosen)
    assert coloured
    monkeypatch.setattr(scheduling.cp_model, "CpSolver", SolverOutOfTime)

    placed = scheduling._place_exactly(event, chosen, coloured, weights, seconds=1.0)

    assert placed == coloured
