"""Which pairs are kept for the pages: best and near lists, reach, one vacancy only."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaamo.matching.pairs import Limits, reachable, score_pairs
from kohtaamo.matching.vectors import (
    Competence,
    PersonCompetences,
    Requirement,
    VacancyRequirements,
    build_index,
)

from .strategies import TODAY, people, vacancies

ROVANIEMI = (66.50, 25.73)
KEMI = (65.74, 24.56)  # 125 road km from Rovaniemi
CARD = "urn:kohtaamo:licence:hygiene"


def cook(radius=50, *extra):
    held = (Competence("cook", level=5, source="certificate"), *extra)
    return PersonCompetences(held, lat=ROVANIEMI[0], lon=ROVANIEMI[1], radius_km=radius)


def job(*requirements, at=ROVANIEMI, exclude=True):
    return VacancyRequirements(
        tuple(requirements),
        "occ:cook",
        lat=at[0],
        lon=at[1],
        exclude_on_missing_mandatory=exclude,
    )


def run(persons, jobs, limits=Limits()):  # noqa: B008
    index = build_index(persons, jobs, today=TODAY)
    return {(p.person, p.vacancy): p for p in score_pairs(index, persons, jobs, limits)}


def test_a_missing_mandatory_card_makes_a_near_match_not_a_match():
    pairs = run([cook()], [job(Requirement("cook"), Requirement(CARD, "licence", mandatory=True))])
    pair = pairs[(0, 0)]
    assert pair.score == 0 and pair.potential > 0.25 and pair.missing_mandatory == 1
    assert pair.person_near and not pair.person_best
    assert pair.vacancy_near and not pair.vacancy_best


def test_holding_the_card_makes_it_a_match():
    card = Competence(CARD, kind="licence", source="certificate")
    pairs = run(
        [cook(50, card)], [job(Requirement("cook"), Requirement(CARD, "licence", mandatory=True))]
    )
    assert pairs[(0, 0)].person_best and not pairs[(0, 0)].person_near


def test_a_vacancy_beyond_reach_is_not_scored():
    pairs = run([cook(radius=50)], [job(Requirement("cook"), at=KEMI), job(Requirement("cook"))])
    assert list(pairs) == [(0, 1)]
    assert reachable([cook(radius=0)], [job(at=KEMI)], 0.5).all()  # no radius: anywhere


def test_best_lists_keep_the_highest_scores_up_to_the_limit():
    jobs = [job(Requirement("cook"), *(Requirement(f"x{i}") for i in range(n))) for n in range(5)]
    pairs = run([cook()], jobs, Limits(best=2))
    best = sorted(v for (_, v), p in pairs.items() if p.person_best)
    assert best == [0, 1]  # fewest unmet requirements first


def test_only_vacancies_limits_the_scoring_to_those_rows():
    persons, jobs = [cook(), cook()], [job(Requirement("cook")), job(Requirement("cook"))]
    index = build_index(persons, jobs, today=TODAY)
    pairs = score_pairs(index, persons, jobs, only_vacancies=np.array([1]))
    assert {p.vacancy for p in pairs} == {1} and len(pairs) == 2


@settings(max_examples=40, deadline=None)
@given(st.lists(people, min_size=1, max_size=4), st.lists(vacancies(), min_size=1, max_size=6))
def test_flags_agree_with_the_scores(persons, jobs):
    limits = Limits(best=3, near=2, vacancy_best=3, vacancy_near=2)
    index = build_index(persons, jobs, today=TODAY)
    pairs = score_pairs(index, persons, jobs, limits)
    for pair in pairs:
        assert 0 <= pair.score <= pair.potential + 1e-9 <= 1 + 1e-9
        if pair.person_best or pair.vacancy_best:
            assert pair.score > 0
        if pair.person_near or pair.vacancy_near:
            assert pair.missing_mandatory > 0 and pair.potential >= limits.near_potential
    for i in range(len(persons)):
        mine = [p for p in pairs if p.person == i]
        best = [p.score for p in mine if p.person_best]
        rest = [p.score for p in mine if not p.person_best]
        assert len(best) <= limits.best
        if best and rest:
            assert min(best) >= max(rest)
