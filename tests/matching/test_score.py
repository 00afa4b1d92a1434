from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaamo.matching.params import MatchParams
from kohtaamo.matching.score import score_candidates, score_pair
from kohtaamo.matching.vectors import (
    Competence,
    LanguageRequirement,
    PersonCompetences,
    Requirement,
    VacancyRequirements,
    build_index,
)

from .strategies import TODAY, competences, people, relations, vacancies

ROVANIEMI = (66.50, 25.73)
KEMI = (65.74, 24.56)  # about 100 km away, 125 road km
CARD = "urn:kohtaamo:licence:hygiene"


def cook(**kwargs):
    held = (Competence("cook", level=5, source="certificate"),)
    return PersonCompetences(held, lat=ROVANIEMI[0], lon=ROVANIEMI[1], radius_km=50, **kwargs)


def restaurant(*extra, at=ROVANIEMI, **kwargs):
    requirements = (Requirement("cook"), *extra)
    return VacancyRequirements(requirements, "occ:cook", lat=at[0], lon=at[1], **kwargs)


def score(person, vacancy):
    return score_pair(build_index([person], [vacancy], today=TODAY), person, vacancy, 0)


def test_full_fit_nearby_scores_one():
    parts = score(cook(), restaurant())
    assert parts.coverage == pytest.approx(1.0)
    assert parts.score == pytest.approx(1.0)


def test_missing_mandatory_card_excludes_when_the_vacancy_says_so():
    parts = score(cook(), restaurant(Requirement(CARD, "licence", mandatory=True)))
    assert parts.constraint == 0 and parts.score == 0


def test_missing_mandatory_card_only_halves_when_the_vacancy_allows():
    vacancy = restaurant(
        Requirement(CARD, "licence", mandatory=True), exclude_on_missing_mandatory=False
    )
    parts = score(cook(), vacancy)
    assert parts.constraint == pytest.approx(MatchParams().mandatory_penalty)
    assert 0 < parts.score < parts.coverage


def test_missing_mandatory_language_excludes():
    vacancy = restaurant(languages=(LanguageRequirement("fi", "B1", mandatory=True),))
    assert score(cook(languages={"fi": "A2"}), vacancy).score == 0
    assert score(cook(languages={"fi": "native"}), vacancy).score == pytest.approx(1.0)


def test_vacancy_beyond_the_radius_is_penalised_and_far_beyond_excluded():
    near = score(cook(), restaurant(at=(66.75, 25.73))).score  # 28 km, 35 road km
    just_beyond = score(cook(), restaurant(at=(66.93, 25.73))).score  # 60 road km
    far = score(cook(), restaurant(at=KEMI)).score
    assert near == pytest.approx(1.0) and 0 < just_beyond < near
    assert far == 0


def test_part_time_vacancy_lowers_a_full_time_wish():
    full = score(cook(hours_wish="full"), restaurant()).score
    part = score(cook(hours_wish="full"), restaurant(working_time="part", hours_per_week=20))
    assert part.score < full and part.score >= MatchParams().hours_floor


def test_summer_job_lowers_a_year_round_wish():
    summer = restaurant(start_date=date(2027, 6, 1), end_date=date(2027, 8, 31))
    assert score(cook(season_wish="year_round"), summer).score < 1
    assert score(cook(season_wish="seasonal"), summer).score == pytest.approx(1.0)


def test_wished_occupation_ranks_first_between_equal_fits():
    person = PersonCompetences(
        (Competence("cook", level=3),), wished_occupations=frozenset({"occ:cook"})
    )
    wished = VacancyRequirements((Requirement("cook"),), "occ:cook")
    other = VacancyRequirements((Requirement("cook"),), "occ:waiter")
    index = build_index([person], [wished, other], today=TODAY)
    scores = score_candidates(index, person, [wished, other], np.array([0, 1]))
    assert scores.score[0] > scores.score[1]


def test_missing_essentials_rank_below_same_coverage_with_essentials_met():
    person = PersonCompetences((Competence("a", level=5, source="certificate"),))
    essential = VacancyRequirements((Requirement("a"), Requirement("b", essential=False)))
    optional = VacancyRequirements((Requirement("a", essential=False), Requirement("b")))
    index = build_index([person], [essential, optional], today=TODAY)
    scores = score_candidates(index, person, [essential, optional], np.array([0, 1]))
    assert scores.reciprocal[0] == 1 and scores.reciprocal[1] == 0
    assert scores.score[0] > scores.score[1]


@settings(max_examples=80, deadline=None)
@given(people, st.lists(vacancies(), min_size=1, max_size=5), relations)
def test_scores_are_deterministic_and_between_zero_and_one(person, vs, rel):
    rows = np.arange(len(vs))
    first = score_candidates(build_index([person], vs, rel, today=TODAY), person, vs, rows)
    again = score_candidates(build_index([person], vs, rel, today=TODAY), person, vs, rows)
    for name in ("score", "coverage", "reciprocal", "constraint", "distance", "season", "hours"):
        values = getattr(first, name)
        assert np.array_equal(values, getattr(again, name)), name
        assert ((values >= 0) & (values <= 1)).all(), name


@settings(max_examples=80, deadline=None)
@given(people, competences, st.lists(vacancies(), min_size=1, max_size=5), relations)
def test_adding_a_competence_never_lowers_coverage(person, extra, vs, rel):
    more = PersonCompetences((*person.competences, extra))
    index = build_index([person, more], vs, rel, today=TODAY)
    before = index.v @ index.pe[0].toarray()[0]
    after = index.v @ index.pe[1].toarray()[0]
    assert (after >= before - 1e-6).all()


def test_expired_mandatory_card_excludes():
    expired = Competence(CARD, "licence", 5, "certificate", expires_on=date(2026, 1, 1))
    person = PersonCompetences((Competence("cook", level=5), expired))
    vacancy = restaurant(Requirement(CARD, "licence", mandatory=True))
    assert score(person, vacancy).score == 0


def test_job_using_more_of_the_person_ranks_above_one_asking_little():
    held = tuple(Competence(s, level=5, source="certificate") for s in ("a", "b", "c", "d"))
    person = PersonCompetences(held)
    broad = VacancyRequirements(tuple(Requirement(s) for s in ("a", "b", "c", "d")))
    narrow = VacancyRequirements((Requirement("a"),))
    index = build_index([person], [broad, narrow], today=TODAY)
    scores = score_candidates(index, person, [broad, narrow], np.array([0, 1]))
    assert scores.coverage[0] == pytest.approx(scores.coverage[1])
    assert scores.use[0] == pytest.approx(1.0) and scores.use[1] == pytest.approx(0.25)
    assert scores.score[0] > scores.score[1]
