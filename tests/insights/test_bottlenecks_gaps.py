"""Near matches and their gaps (kohtaamo.matching.gaps), the bottleneck tally and the cell
protection, as pure functions: no database."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaamo.insights.bottlenecks import ALL, Tally, protected_rows, tally_near
from kohtaamo.insights.cell_protection import Relation, derivable, protect_cells
from kohtaamo.matching.explain import explain
from kohtaamo.matching.gaps import (
    NearMatch,
    checked_matrices,
    checked_requirements,
    lacking_counts,
    near_matches,
)
from kohtaamo.matching.vectors import (
    Competence,
    LanguageRequirement,
    PersonCompetences,
    Requirement,
    VacancyRequirements,
    build_index,
)

TODAY = date(2026, 11, 23)
A, B, C = "urn:test:skill:a", "urn:test:skill:b", "urn:test:skill:c"
X, Y, Z = "urn:test:skill:x", "urn:test:skill:y", "urn:test:skill:z"
CARD = "urn:kohtaamo:licence:test-card"
ROVANIEMI = (66.50, 25.73)


def _person(*uris, lat=ROVANIEMI[0], lon=ROVANIEMI[1], radius=40.0) -> PersonCompetences:
    return PersonCompetences(
        competences=tuple(Competence(u, level=5, source="certificate") for u in uris),
        lat=lat,
        lon=lon,
        radius_km=radius,
    )


def _vacancy(*requirements, lat=ROVANIEMI[0], lon=ROVANIEMI[1], **fields) -> VacancyRequirements:
    return VacancyRequirements(requirements=tuple(requirements), lat=lat, lon=lon, **fields)


def _essential(uri: str, **fields) -> Requirement:
    kind = "licence" if uri.startswith("urn:kohtaamo:licence:") else "skill"
    return Requirement(uri, kind=kind, essential=True, importance=3, **fields)


def _near(people, vacancies):
    index = build_index(people, vacancies, today=TODAY)
    return near_matches(index, people, vacancies, suitable=0.25)


FITS = _vacancy(_essential(A), _essential(B))
ONE_GAP = _vacancy(_essential(A), _essential(B), _essential(CARD, mandatory=True))
THREE_GAPS = _vacancy(_essential(A), _essential(X), _essential(Y), _essential(Z))


def test_a_vacancy_one_licence_away_is_a_near_match_with_that_gap():
    assert _near([_person(A, B)], [ONE_GAP]) == [NearMatch(0, 0, (CARD,))]


def test_a_vacancy_three_requirements_away_is_not_counted():
    assert _near([_person(A, B)], [THREE_GAPS]) == []


def test_a_missing_licence_is_the_gap_when_only_the_licence_keeps_the_vacancy_down():
    """The matching engine's near match: the person meets most of it, the mandatory card is
    what keeps the score down, and two other essentials the vacancy can live without."""
    card_first = _vacancy(
        _essential(A),
        _essential(B),
        _essential(C),
        _essential(X),
        _essential(Y),
        _essential(CARD, mandatory=True),
    )
    assert _near([_person(A, B, C)], [card_first]) == [NearMatch(0, 0, (CARD,))]


def test_three_missing_licences_are_not_a_near_match():
    cards = [f"urn:kohtaamo:licence:card-{n}" for n in range(3)]
    three = _vacancy(_essential(A), _essential(B), *(_essential(c, mandatory=True) for c in cards))
    assert _near([_person(A, B)], [three]) == []


def test_a_suitable_vacancy_is_not_a_near_match():
    assert _near([_person(A, B)], [FITS, ONE_GAP]) == [NearMatch(0, 1, (CARD,))]


def test_two_missing_requirements_are_both_gaps_when_closing_them_makes_it_suitable():
    two_gaps = _vacancy(_essential(A), _essential(CARD, mandatory=True), _essential(X))
    [match] = _near([_person(A, B, C)], [two_gaps])
    assert match.gaps == (CARD, X)


def test_a_vacancy_suitable_despite_two_missing_essentials_is_not_a_near_match():
    assert _near([_person(A)], [_vacancy(_essential(A), _essential(X), _essential(Y))]) == []


def test_a_vacancy_beyond_reach_is_not_a_near_match():
    far = _vacancy(*ONE_GAP.requirements, lat=60.17, lon=24.94)  # Helsinki
    assert _near([_person(A, B)], [far]) == []


def test_a_vacancy_that_a_missing_mandatory_language_excludes_is_not_a_near_match():
    swedish = _vacancy(
        *ONE_GAP.requirements, languages=(LanguageRequirement("sv", "B1", mandatory=True),)
    )
    assert _near([_person(A, B)], [swedish]) == []


def test_the_gaps_counted_at_once_are_the_essential_gaps_of_the_explanation():
    people = [_person(A), _person(A, B), _person(B, X), _person()]
    vacancies = [
        FITS,
        ONE_GAP,
        THREE_GAPS,
        _vacancy(_essential(C), Requirement(X, essential=False)),
    ]
    index = build_index(people, vacancies, today=TODAY)
    checked = [checked_requirements(v) for v in vacancies]
    counts = lacking_counts(index, checked_matrices(index, checked), 0, len(people))
    for i, person in enumerate(people):
        for j, vacancy in enumerate(vacancies):
            gaps = explain(person, vacancy, index.links, index.params, TODAY).gaps
            assert counts[i, j] == sum(1 for g in gaps if g.uri in checked[j]), (i, j)


# The tally and its protection --------------------------------------------------------------


def test_a_near_match_counts_in_the_persons_areas_its_occupation_group_and_all():
    tally = tally_near([NearMatch(0, 0, (CARD,))], [("MK19", "SK191")], ["5"])
    assert set(tally.people) == {
        (area, group, CARD) for area in ("MK19", "SK191") for group in (ALL, "5")
    }
    assert tally.vacancies["SK191", "5", CARD] == {0}


def test_a_person_without_a_home_area_is_not_counted():
    assert not tally_near([NearMatch(0, 0, (CARD,))], [None], ["5"]).people


def _tally(people_by_sub: dict[str, int], group: str = "5") -> Tally:
    tally = Tally()
    person = 0
    for sub, n in people_by_sub.items():
        for _ in range(n):
            for area in ("MK19", sub):
                for g in (ALL, group):
                    tally.people[area, g, CARD].add(person)
                    tally.vacancies[area, g, CARD].add(person % 7)
            person += 1
    return tally


def test_a_sub_region_of_two_people_hides_the_other_sub_region_too_but_not_the_region():
    rows = protected_rows(_tally({"SK191": 6, "SK192": 2}), {"MK19": ["SK191", "SK192"]})
    shown = {(r.area, r.occupation): r.people for r in rows if not r.suppressed}
    assert shown == {("MK19", ALL): 8, ("MK19", "5"): 8}
    assert all(r.people is None and r.vacancies is None for r in rows if r.suppressed)


def test_stored_counts_are_never_1_to_4():
    rows = protected_rows(
        _tally({"SK191": 12, "SK192": 3, "SK193": 9}), {"MK19": ["SK191", "SK192", "SK193"]}
    )
    for row in rows:
        assert row.people is None or row.people >= 5
        assert row.vacancies is None or row.vacancies == 0 or row.vacancies >= 5


# Cell protection -------------------------------------------------------------------------------


def _table(values: list[list[int]]):
    """A table with row and column totals and its relations."""
    counts = {}
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            counts[r, c] = value
        counts[r, "t"] = sum(row)
    for c in range(len(values[0])):
        counts["t", c] = sum(row[c] for row in values)
    counts["t", "t"] = sum(map(sum, values))
    rows = [*range(len(values)), "t"]
    columns = [*range(len(values[0])), "t"]
    relations = [Relation((r, "t"), tuple((r, c) for c in columns[:-1])) for r in rows] + [
        Relation(("t", c), tuple((r, c) for r in rows[:-1])) for c in columns
    ]
    return counts, relations


def test_a_single_small_cell_of_a_row_takes_another_with_it():
    counts, relations = _table([[10, 3, 8], [7, 9, 12]])
    hidden = protect_cells(counts, relations)
    assert (0, 1) in hidden and len([c for c in hidden if c[0] == 0]) >= 2
    assert not derivable(counts, relations, hidden)


def test_zeros_are_shown():
    counts, relations = _table([[0, 6], [7, 0]])
    assert protect_cells(counts, relations) == frozenset()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 12), min_size=2, max_size=4), min_size=2, max_size=5).filter(
        lambda rows: len({len(r) for r in rows}) == 1
    )
)
def test_no_shown_count_is_small_and_no_hidden_one_is_derivable(values):
    counts, relations = _table(values)
    hidden = protect_cells(counts, relations)
    assert all(not 0 < counts[c] < 5 for c in counts if c not in hidden)
    assert not derivable(counts, relations, hidden)


def test_derivable_finds_a_cell_that_is_the_total_minus_the_shown_parts():
    counts = {"t": 9, "a": 6, "b": 3}
    relation = [Relation("t", ("a", "b"))]
    assert derivable(counts, relation, {"b"}) == {"b"}
    assert derivable(counts, relation, {"a", "b"}) == set()
