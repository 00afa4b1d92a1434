"""Protecting the statistics' hierarchy: no count 1-4 shown, none derivable from the others."""

import random

from kohtaamo.esf.indicators import Relation as LinearRelation
from kohtaamo.esf.indicators import derivable
from kohtaamo.insights.suppression import (
    Relation,
    hidden_cells,
    is_small,
    statistics_relations,
)

SUB_AREAS = {"MK19": ["SK191", "SK194"], "SK191": ["KU698", "KU683"], "SK194": ["KU583", "KU742"]}


def leaks(counts: dict, hidden: set, relations: list[Relation]) -> list:
    """Shown counts of 1-4 and hidden non-zero counts that an outsider could derive exactly
    (a linear system, solved exactly by kohtaamo.esf), the rests of unpublished parts
    included as unknowns."""
    problems = [c for c, v in counts.items() if is_small(v) and c not in hidden]
    values, unknown, linear = dict(counts), set(hidden), []
    for n, relation in enumerate(relations):
        parts = [p for p in relation.parts if p in counts]
        rest = counts[relation.total] - sum(counts[p] for p in parts)
        if rest < 0:
            continue
        if rest:
            values[("rest", n)] = rest
            unknown.add(("rest", n))
            parts.append(("rest", n))
        linear.append(LinearRelation(relation.total, tuple(parts)))
    for cell in derivable(values, unknown, linear):
        small_rest = cell[0] == "rest" and is_small(values[cell])
        if values[cell] and (cell[0] != "rest" or small_rest):
            problems.append(cell)
    return problems


def test_a_small_municipality_is_hidden_with_a_neighbour_so_the_sub_region_total_stays():
    counts = {
        ("MK19", ""): 300, ("SK191", ""): 200, ("SK194", ""): 100,
        ("KU698", ""): 180, ("KU683", ""): 20, ("KU583", ""): 3, ("KU742", ""): 97,
    }  # fmt: skip
    relations = statistics_relations(counts, SUB_AREAS)
    hidden = hidden_cells(counts, relations)
    assert ("KU583", "") in hidden  # 3: fewer than 5
    assert ("KU742", "") in hidden  # else SK194 - KU742 = 3
    assert ("SK194", "") not in hidden and ("MK19", "") not in hidden
    assert leaks(counts, hidden, relations) == []


def test_the_occupation_tree_is_protected_at_every_level():
    counts = {
        ("MK19", ""): 1000, ("MK19", "5"): 600, ("MK19", "9"): 400,
        ("MK19", "52"): 598, ("MK19", "51"): 2,
        ("MK19", "522"): 598, ("MK19", "5223"): 590, ("MK19", "5221"): 8,
        ("MK19", "511"): 2, ("MK19", "5111"): 2,
    }  # fmt: skip
    relations = statistics_relations(counts, {})
    hidden = hidden_cells(counts, relations)
    assert {("MK19", "51"), ("MK19", "511"), ("MK19", "5111")} <= hidden
    assert ("MK19", "52") in hidden  # 5 - 52 would give 51
    assert leaks(counts, hidden, relations) == []


def test_an_unpublished_rest_of_1_to_4_is_protected_but_one_of_5_or_more_is_not():
    # The level-1 groups add up to 997: the unknown group "X" of 3 is not published, and
    # showing every group would reveal it.
    small_rest = {("MK19", ""): 1000, ("MK19", "5"): 600, ("MK19", "9"): 397}
    relations = statistics_relations(small_rest, {})
    hidden = hidden_cells(small_rest, relations)
    assert hidden == {("MK19", "9")}
    assert leaks(small_rest, hidden, relations) == []
    large_rest = {("MK19", ""): 1000, ("MK19", "5"): 600, ("MK19", "9"): 380}
    assert hidden_cells(large_rest, statistics_relations(large_rest, {})) == set()


def test_zeros_are_shown_and_parts_adding_up_to_more_than_the_total_are_no_relation():
    counts = {("SK194", ""): 10, ("KU583", ""): 0, ("KU742", ""): 11}
    hidden = hidden_cells(counts, statistics_relations(counts, SUB_AREAS))
    assert hidden == set()


def test_unpublished_counts_are_left_alone():
    counts = {("SK194", ""): 100, ("KU583", ""): None, ("KU742", ""): 3}
    assert hidden_cells(counts, statistics_relations(counts, SUB_AREAS)) == {("KU742", "")}


def test_random_hierarchies_never_leak_and_the_answer_is_always_the_same():
    rng = random.Random(9)
    for _ in range(60):
        counts = _random_tree(rng)
        relations = statistics_relations(counts, {})
        hidden = hidden_cells(counts, relations)
        assert leaks(counts, hidden, relations) == []
        shuffled = dict(rng.sample(list(counts.items()), len(counts)))
        assert hidden_cells(shuffled, statistics_relations(shuffled, {})) == hidden


def _random_tree(rng: random.Random) -> dict:
    """An occupation tree of levels 1-3 with many small groups and an unknown rest."""
    counts = {}
    for first in "1359":
        for second in "12":
            for third in "123":
                counts[("MK19", first + second + third)] = rng.choice([0, 1, 2, 3, 4, 6, 9, 25])
            code = first + second
            counts[("MK19", code)] = sum(counts[("MK19", code + t)] for t in "123")
        counts[("MK19", first)] = sum(counts[("MK19", first + s)] for s in "12")
    level_1 = sum(counts[("MK19", f)] for f in "1359")
    counts[("MK19", "")] = level_1 + rng.choice([0, 2, 7])
    return counts
