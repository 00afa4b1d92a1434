from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaamo.matching.params import MatchParams
from kohtaamo.matching.vectors import (
    Competence,
    PersonCompetences,
    Relations,
    Requirement,
    VacancyRequirements,
    build_index,
    strength,
)

from .strategies import TODAY, people, relations, vacancies

PARAMS = MatchParams()


def person(*competences):
    return PersonCompetences(tuple(competences))


def vacancy(*requirements):
    return VacancyRequirements(tuple(requirements))


def test_strength_is_the_floor_plus_level_times_source_times_confidence():
    held = Competence("s", level=4, source="counsellor", confidence=0.5)
    floor = PARAMS.evidence_floor
    assert 0 < floor < 1
    assert strength(held, PARAMS, TODAY) == pytest.approx(floor + (1 - floor) * 4 / 5 * 0.9 * 0.5)


def test_unconfirmed_competence_counts_half_of_its_evidence():
    held = Competence("s", level=5, source="certificate", confirmed=False)
    floor = PARAMS.evidence_floor
    assert strength(held, PARAMS, TODAY) == pytest.approx(floor + (1 - floor) * 0.5)


def test_without_a_floor_strength_is_the_evidence_alone():
    held = Competence("s", level=4, source="counsellor", confidence=0.5)
    assert strength(held, MatchParams(evidence_floor=0), TODAY) == pytest.approx(4 / 5 * 0.9 * 0.5)


def test_expired_licence_gives_nothing():
    card = Competence(
        "urn:kohtaamo:licence:x", "licence", 5, "certificate", expires_on=date(2026, 1, 1)
    )
    assert strength(card, PARAMS, TODAY) == 0


def test_certificate_outweighs_self_assessment_outweighs_work_history():
    values = [
        strength(Competence("s", source=s), PARAMS, TODAY)
        for s in ("certificate", "self", "work_history")
    ]
    assert values == sorted(values, reverse=True)


def test_rare_requirement_weighs_more_than_common_one():
    common, rare = Requirement("common"), Requirement("rare")
    index = build_index([], [vacancy(common, rare), vacancy(common), vacancy(common)], today=TODAY)
    row = index.v[0].toarray()[0]
    assert row[index.column["rare"]] > row[index.column["common"]]


def test_hierarchy_gives_half_and_relation_less_credit():
    index = build_index(
        [person(Competence("narrow", level=5, source="certificate"))],
        [vacancy(Requirement("broad"), Requirement("related"), Requirement("narrow"))],
        Relations(broader=[("narrow", "broad")], related=[("narrow", "related")]),
        today=TODAY,
    )
    pe = index.pe.toarray()[0]
    assert pe[index.column["narrow"]] == pytest.approx(1.0)
    assert pe[index.column["broad"]] == pytest.approx(PARAMS.hierarchy_credit)
    assert pe[index.column["related"]] == pytest.approx(PARAMS.related_credit)


def test_credit_from_several_related_skills_is_capped_at_one():
    held = [Competence(f"r{i}", level=5, source="certificate") for i in range(5)]
    index = build_index(
        [person(*held)],
        [vacancy(Requirement("target"))],
        Relations(related=[(f"r{i}", "target") for i in range(5)]),
        today=TODAY,
    )
    assert index.pe.toarray()[0][index.column["target"]] == pytest.approx(1.0)


def test_essential_key_requirement_outweighs_optional_minor_one():
    index = build_index(
        [],
        [vacancy(Requirement("a", importance=3), Requirement("b", essential=False, importance=1))],
        today=TODAY,
    )
    row = index.v[0].toarray()[0]
    assert row[index.column["a"]] == pytest.approx(6 * row[index.column["b"]])


@settings(max_examples=60, deadline=None)
@given(st.lists(people, max_size=4), st.lists(vacancies(), min_size=1, max_size=4), relations)
def test_matrices_respect_the_contract(ps, vs, rel):
    index = build_index(ps, vs, rel, today=TODAY)
    sums = np.asarray(index.v.sum(axis=1)).ravel()
    for v, total in zip(vs, sums, strict=True):
        assert total == pytest.approx(1.0 if v.requirements else 0.0, abs=1e-5)
    assert index.pe.dtype == np.float32 and index.v.dtype == np.float32
    assert (index.pe.data >= 0).all() and (index.pe.data <= 1).all()
    assert (index.rarity > 0).all() and (index.rarity <= 1).all()
    assert index.vocabulary == sorted(index.vocabulary)
    for i, p in enumerate(ps):
        assert np.array_equal(index.person_row(p), index.pe[i].toarray()[0])
