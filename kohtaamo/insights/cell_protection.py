"""Which counts of a family of tables to hide so that no count of 1-4 is shown or derivable.

Pure: plain dicts of cells in, a set of hidden cells out. Used for the skill bottlenecks and the
foresight tables (an area and its sub-regions, rows and columns with totals), which are too
large for the exact search of kohtaamo.esf.indicators.hide_cells (its elimination runs in
Python for every candidate): here the search is local and the proof global.

1. Primary suppression: every count from 1 to minimum - 1, and the `unpublished` cells.
2. Local rule, for every relation total = sum(parts), until nothing changes: when exactly one
   non-zero cell of the relation is hidden (it is the total minus the others), or the hidden
   non-zero parts add up to 1..minimum - 1 under a shown total, the smallest shown non-zero
   part (else the total) is hidden too.
3. Proof: the hidden non-zero cells are the unknowns of the linear system of all relations
   (shown cells and zeros are known); a cell is derivable when every vector of the system's
   null space is 0 in its place (numpy SVD). For each derivable cell, the smallest shown
   non-zero cell of one of its relations is hidden, and back to 2.

Relations that are not exact sums (people counted in several groups) may be given too: they
only make the protection more cautious. Zeros are shown: they are about no one.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np

from kohtaamo.esf.indicators import Relation
from kohtaamo.matching.unlock import MINIMUM_COUNT, is_small

__all__ = ["Relation", "derivable", "protect_cells"]


def protect_cells(
    counts: dict[Hashable, int],
    relations: Sequence[Relation],
    minimum: int = MINIMUM_COUNT,
    unpublished: Iterable[Hashable] = (),
) -> frozenset:
    """The cells to hide (see the module). Every cell of a relation must be in counts."""
    hidden = {cell for cell, count in counts.items() if is_small(count, minimum)}
    hidden.update(unpublished)
    while True:
        _local(counts, relations, hidden, minimum)
        leaks = derivable(counts, relations, hidden)
        partner = next(
            (p for c in sorted(leaks, key=repr) if (p := _partner(counts, relations, hidden, c))),
            None,
        )
        if partner is None:  # nothing derivable, or nothing shown left to hide
            return frozenset(hidden)
        hidden.add(partner)


def _local(counts, relations, hidden: set, minimum: int) -> None:
    changed = True
    while changed:
        changed = False
        for relation in relations:
            cells = relation.cells
            secret = [c for c in cells if c in hidden and counts[c]]
            if not secret:
                continue
            parts = sum(counts[p] for p in relation.parts if p in hidden)
            total_shown = relation.total not in hidden
            if len(secret) == 1 or (total_shown and is_small(parts, minimum)):
                chosen = _smallest_shown(counts, relation, hidden)
                if chosen is not None:
                    hidden.add(chosen)
                    changed = True


def _smallest_shown(counts, relation: Relation, hidden: set):
    shown = [p for p in relation.parts if p not in hidden and counts[p]]
    if shown:
        return min(shown, key=lambda c: (counts[c], repr(c)))
    if relation.total not in hidden and counts[relation.total]:
        return relation.total
    return None


def _partner(counts, relations, hidden: set, cell):
    """The smallest shown non-zero cell of a relation of `cell`, else of any relation; None
    when every non-zero cell is hidden."""
    found = [
        chosen
        for relation in relations
        if cell in relation.cells
        and (chosen := _smallest_shown(counts, relation, hidden)) is not None
    ] or [c for r in relations for c in r.cells if c not in hidden and counts[c]]
    return min(found, key=lambda c: (counts[c], repr(c))) if found else None


def derivable(counts: dict, relations: Sequence[Relation], hidden: Iterable) -> set:
    """The hidden non-zero cells whose value follows from the shown ones and the relations."""
    unknown = sorted((c for c in set(hidden) if counts.get(c)), key=repr)
    if not unknown:
        return set()
    column = {cell: n for n, cell in enumerate(unknown)}
    rows = []
    for relation in relations:
        row = np.zeros(len(unknown))
        for cell, sign in ((relation.total, -1.0), *((p, 1.0) for p in relation.parts)):
            if cell in column:
                row[column[cell]] += sign
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    _u, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((singular > 1e-9 * max(singular.max(), 1.0)).sum())
    null = vt[rank:]
    if not len(null):
        return set(unknown)
    determined = np.all(np.abs(null) < 1e-9, axis=0)
    return {unknown[n] for n in np.flatnonzero(determined)}
