"""Near matches and the gaps that make them: which competences keep people from vacancies.

Definitions (the bottleneck pages and the API use these words):

* a requirement is checked when it is essential (every requirement when the vacancy marks none
  essential, as the reciprocal term of the score reads them) or mandatory;
* the person lacks a checked requirement when it is not met by the rule of score.is_met (a
  mandatory one only by holding it, any other from met_threshold of credit on);
* a near match is a person and a vacancy within the person's reach (pairs.reachable) where the
  vacancy is not suitable now (score < `suitable`, 0.25 as elsewhere) and would be suitable
  once the person held one or two (`max_gaps`) more of its checked requirements
  (unlock.with_offer: each as a confirmed certificate), either
  - all the checked requirements the person lacks, when they are one or two, or
  - the mandatory ones the person lacks, when they are one or two and the person meets at
    least half of the other checked requirements: the matching engine's kind of near match
    (pairs.is_near), where a missing licence keeps an otherwise good pair down (the other gaps
    are ones the vacancy can live with);
* its gaps are those one or two requirements.

Efficiency: the checked requirements each person lacks are counted for every pair at once as
two sparse products (people x vocabulary met, vacancies x vocabulary checked), so only pairs
with one or two gaps are scored; those are scored once now (one call per person) and once
after, per distinct set of gaps. Pure numpy and dataclasses: no database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .pairs import reachable
from .score import score_candidates
from .unlock import with_offer
from .vectors import MatchIndex, PersonCompetences, VacancyRequirements

MAX_GAPS = 2
BLOCK = 1024  # people per block of the gap counts: memory stays at a block x vacancies


@dataclass(frozen=True)
class NearMatch:
    person: int  # index into the people given (= row of index.pe)
    vacancy: int  # index into the vacancies given (= row of index.v)
    gaps: tuple[str, ...]  # the checked requirements the person lacks, in the vacancy's order


def checked_requirements(vacancy: VacancyRequirements) -> dict[str, bool]:
    """URI -> mandatory, for the requirements a gap is counted on, in the vacancy's order."""
    essentials = [r for r in vacancy.requirements if r.essential] or list(vacancy.requirements)
    checked: dict[str, bool] = {}
    for requirement in (*essentials, *(r for r in vacancy.requirements if r.mandatory)):
        checked[requirement.uri] = checked.get(requirement.uri, False) or requirement.mandatory
    return checked


def near_matches(
    index: MatchIndex,
    people: Sequence[PersonCompetences],
    vacancies: Sequence[VacancyRequirements],
    suitable: float = 0.25,
    max_gaps: int = MAX_GAPS,
) -> list[NearMatch]:
    """Every near match of these people (rows 0..n-1 of index.pe) and vacancies (rows of
    index.v), by person then vacancy."""
    checked = [checked_requirements(v) for v in vacancies]
    matrices = checked_matrices(index, checked)
    found: list[NearMatch] = []
    for start in range(0, len(people), BLOCK):
        stop = min(start + BLOCK, len(people))
        counts = lacking_counts(index, matrices, start, stop)
        mandatory = lacking_mandatory_counts(index, matrices, start, stop)
        within = reachable(people[start:stop], vacancies, index.params.distance_tolerance)
        few = ((counts >= 1) & (counts <= max_gaps)) | ((mandatory >= 1) & (mandatory <= max_gaps))
        candidates = within & few
        for offset in np.flatnonzero(candidates.any(axis=1)):
            i = start + int(offset)
            rows = np.flatnonzero(candidates[offset])
            found += _person_near(index, i, people[i], vacancies, checked, rows, suitable, max_gaps)
    return found


def lacking_counts(index: MatchIndex, matrices, start: int, stop: int) -> np.ndarray:
    """people[start:stop] x vacancies: how many checked requirements each person lacks
    (matrices: checked_matrices)."""
    soft, mandatory = matrices
    pe = index.pe[start:stop].tocsr(copy=True)
    pe.data = (np.round(pe.data.astype(np.float64), 6) >= index.params.met_threshold).astype(
        np.float64
    )
    held = index.p[start:stop].tocsr(copy=True)
    held.data = (held.data > 0).astype(np.float64)
    met = (pe @ soft.T).toarray() + (held @ mandatory.T).toarray()
    asked = np.asarray(soft.sum(axis=1)).ravel() + np.asarray(mandatory.sum(axis=1)).ravel()
    return np.rint(asked[None, :] - met).astype(np.int64)


def lacking_mandatory_counts(index: MatchIndex, matrices, start: int, stop: int) -> np.ndarray:
    """people[start:stop] x vacancies: how many mandatory requirements each person lacks."""
    _soft, mandatory = matrices
    held = index.p[start:stop].tocsr(copy=True)
    held.data = (held.data > 0).astype(np.float64)
    asked = np.asarray(mandatory.sum(axis=1)).ravel()
    return np.rint(asked[None, :] - (held @ mandatory.T).toarray()).astype(np.int64)


def checked_matrices(index: MatchIndex, checked: list[dict[str, bool]]):
    """Two 0/1 matrices vacancies x vocabulary: the checked requirements met by credit, and the
    mandatory ones met only by holding them."""
    cells: dict[bool, tuple[list[int], list[int]]] = {False: ([], []), True: ([], [])}
    for row, requirements in enumerate(checked):
        for uri, is_mandatory in requirements.items():
            cells[is_mandatory][0].append(row)
            cells[is_mandatory][1].append(index.column[uri])
    shape = (len(checked), len(index.vocabulary))
    return tuple(
        sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        for rows, cols in (cells[False], cells[True])
    )


def lacking(
    index: MatchIndex, pe_row: np.ndarray, held_row: np.ndarray, checked: dict[str, bool]
) -> tuple[str, ...]:
    """The checked requirements a person lacks (dense PE and P rows of the person)."""
    threshold = index.params.met_threshold
    gaps = []
    for uri, is_mandatory in checked.items():
        col = index.column[uri]
        met = held_row[col] > 0 if is_mandatory else round(float(pe_row[col]), 6) >= threshold
        if not met:
            gaps.append(uri)
    return tuple(gaps)


def _closable(gaps: tuple[str, ...], checked: dict[str, bool], max_gaps: int) -> tuple[str, ...]:
    """The gaps a near match is tried with: all of them when few, else the mandatory ones when
    few and the person meets at least half of the other checked requirements (a pair that
    only a card keeps down, not one where the card is all the person would have)."""
    if len(gaps) <= max_gaps:
        return gaps
    mandatory = tuple(uri for uri in gaps if checked[uri])
    others = sum(1 for is_mandatory in checked.values() if not is_mandatory)
    if len(mandatory) > max_gaps or 2 * (len(gaps) - len(mandatory)) > others:
        return ()
    return mandatory


def _person_near(index, i, person, vacancies, checked, rows, suitable, max_gaps) -> list[NearMatch]:
    """One person's near matches among candidate rows (each with one or two gaps)."""
    pe_row = index.pe[i].toarray()[0]
    held_row = index.p[i].toarray()[0]
    now = score_candidates(index, person, [vacancies[j] for j in rows], rows, pe_row=pe_row)
    by_gaps: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in rows[now.score < suitable].tolist():
        gaps = _closable(lacking(index, pe_row, held_row, checked[j]), checked[j], max_gaps)
        if gaps:
            by_gaps[gaps].append(j)
    found = []
    for gaps, group in by_gaps.items():
        after = score_candidates(
            index, with_offer(person, gaps), [vacancies[j] for j in group], np.array(group)
        ).score
        found += [NearMatch(i, j, gaps) for j, s in zip(group, after, strict=True) if s >= suitable]
    return sorted(found, key=lambda m: m.vacancy)
