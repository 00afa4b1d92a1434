"""Which counts of the employment service statistics to hide (no Django: plain data in and out).

The public source publishes every count, also the small ones; Kohtaamo shows none from 1 to 4,
and no hidden count may be worked out from the shown ones. The statistics are hierarchical:
an area's total is the sum of its parts (the whole country of its regions, a region of its
sub-regions, a sub-region of its municipalities), and a region's occupation groups form a tree
(all occupations → level 1 → 2 → 3 → 4). Each such sum is a `Relation`. Where the published
parts do not add up to the total (the unknown occupation group "X", a municipality missing from
the geography), the difference is an unpublished *rest*: a hidden part of the relation that an
outsider can compute only when everything else is shown.

The relations form a tree (each count is the total of at most one relation per hierarchy and
a part of at most one), so a hidden count can be derived only through a relation where it is
the single unknown. The rule, applied to every relation until nothing changes:

* a relation may not have exactly one hidden non-zero count (it would follow from the others),
  unless that one is a rest of at least 5 (an unpublished count that is not small);
* when the total is shown, the hidden parts together may not add up to 1-4.

A leaking relation hides its smallest shown non-zero part (the total only when no part is
left), and every relation that shares the newly hidden count is checked again. Zeros are
always shown: they are about no one. A relation with a count that was not published (None)
or whose parts add up to more than the total (inconsistent data) is left out: nothing can be
differenced through it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

MINIMUM_COUNT = 5
ALL = ""  # occupation "": all occupations

Cell = Hashable


@dataclass(frozen=True)
class Relation:
    """total = sum(parts) (+ an unpublished rest)."""

    total: Cell
    parts: tuple[Cell, ...]


@dataclass(frozen=True)
class _Rest:
    """The unpublished difference between a relation's total and its published parts."""

    relation: int


@dataclass(frozen=True)
class _Entry:
    total: Cell
    parts: tuple[Cell, ...]  # the published parts, then the rest when it is not zero
    rest: _Rest | None


def is_small(count: int | None, minimum: int = MINIMUM_COUNT) -> bool:
    return count is not None and 0 < count < minimum


def hidden_cells(
    counts: Mapping[Cell, int | None],
    relations: Iterable[Relation],
    minimum: int = MINIMUM_COUNT,
) -> set[Cell]:
    """The cells of `counts` to hide (see the module's docstring); None = not published."""
    values: dict[Cell, int] = {c: v for c, v in counts.items() if v is not None}
    hidden: set[Cell] = {c for c, v in values.items() if is_small(v, minimum)}
    entries = _entries(counts, values, relations)
    member_of: dict[Cell, list[int]] = {}
    for n, entry in enumerate(entries):
        if entry.rest is not None:
            hidden.add(entry.rest)
        for cell in (entry.total, *entry.parts):
            member_of.setdefault(cell, []).append(n)
    pending = list(range(len(entries)))
    while pending:
        entry = entries[pending.pop()]
        cell = _leak_fix(entry, values, hidden, minimum)
        if cell is not None:
            hidden.add(cell)
            pending += member_of[cell]
    return {c for c in hidden if not isinstance(c, _Rest)}


def _entries(counts, values: dict, relations: Iterable[Relation]) -> list[_Entry]:
    """The relations that add up, with their rests (added to `values`)."""
    entries = []
    for relation in relations:
        parts = tuple(p for p in relation.parts if p in counts)
        if not parts or any(counts[c] is None for c in (relation.total, *parts)):
            continue
        rest = values[relation.total] - sum(values[p] for p in parts)
        if rest < 0:
            continue
        rest_cell = _Rest(len(entries)) if rest else None
        if rest_cell is not None:
            values[rest_cell] = rest
            parts += (rest_cell,)
        entries.append(_Entry(relation.total, parts, rest_cell))
    return entries


def _leak_fix(entry: _Entry, values, hidden: set, minimum: int) -> Cell | None:
    """The cell to hide so that this relation no longer leaks; None when it does not."""
    unknown = [c for c in (entry.total, *entry.parts) if c in hidden and values[c]]
    total_shown = entry.total not in hidden
    single = len(unknown) == 1 and not (unknown[0] == entry.rest and values[entry.rest] >= minimum)
    hidden_sum = sum(values[c] for c in unknown if c != entry.total)
    if not (single or (total_shown and is_small(hidden_sum, minimum))):
        return None
    shown = [c for c in entry.parts if c not in hidden and values[c]]
    if shown:
        return min(shown, key=lambda c: values[c])
    return entry.total if total_shown and values[entry.total] else None


def statistics_relations(cells: Iterable[tuple[str, str]], sub_areas: Mapping[str, Iterable[str]]):
    """The additive relations among one month's (area, occupation) cells: each area's total of
    its sub-areas (`sub_areas`: MK19 → SK191..., SK191 → KU698...), and in each area with
    occupation groups, all → level 1 and each group → its groups one level down."""
    cells = set(cells)
    relations = []
    for parent, children in sorted(sub_areas.items()):
        parts = tuple((child, ALL) for child in sorted(children) if (child, ALL) in cells)
        if (parent, ALL) in cells and parts:
            relations.append(Relation((parent, ALL), parts))
    by_area: dict[str, set[str]] = {}
    for area, occupation in cells:
        if occupation:
            by_area.setdefault(area, set()).add(occupation)
    for area, codes in sorted(by_area.items()):
        for parent in [ALL, *sorted(codes)]:
            children = sorted(
                c for c in codes if len(c) == len(parent) + 1 and c.startswith(parent)
            )
            if children and (area, parent) in cells:
                relations.append(Relation((area, parent), tuple((area, c) for c in children)))
    return relations
