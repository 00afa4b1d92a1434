import numpy as np
import pytest
from hypothesis import given, settings

from kohtaamo.matching.explain import explain
from kohtaamo.matching.params import MatchParams
from kohtaamo.matching.score import score_pair
from kohtaamo.matching.vectors import (
    Competence,
    PersonCompetences,
    Relations,
    Requirement,
    VacancyRequirements,
    build_index,
    expansion_links,
    strength,
)

from .strategies import TODAY, people, relations, vacancies

PARAMS = MatchParams()
CARD = "urn:kohtaamo:licence:hygiene"


def test_direct_evidence_names_the_competence_its_source_and_level():
    person = PersonCompetences((Competence("cook", level=4, source="counsellor"),))
    result = explain(person, VacancyRequirements((Requirement("cook"),)), {}, today=TODAY)
    (met,) = result.met
    assert (met.evidence_uri, met.evidence_source, met.evidence_level) == ("cook", "counsellor", 4)
    assert not met.partial and met.credit == pytest.approx(
        PARAMS.evidence_floor + (1 - PARAMS.evidence_floor) * 0.8 * 0.9
    )
    assert result.gaps == ()


def test_narrower_skill_meets_broader_requirement_partly():
    person = PersonCompetences((Competence("grill", level=5, source="certificate"),))
    links = expansion_links(Relations(broader=[("grill", "cook")]), PARAMS)
    (met,) = explain(person, VacancyRequirements((Requirement("cook"),)), links, today=TODAY).met
    assert met.partial and met.evidence_uri == "grill"
    assert met.credit == pytest.approx(PARAMS.hierarchy_credit)


def test_missing_hygiene_passport_is_a_gap_with_its_uri_and_kind():
    person = PersonCompetences((Competence("cook", level=5),))
    vacancy = VacancyRequirements(
        (Requirement("cook"), Requirement(CARD, "licence", mandatory=True, importance=3))
    )
    (gap,) = explain(person, vacancy, {}, today=TODAY).gaps
    assert (gap.uri, gap.kind, gap.mandatory, gap.importance) == (CARD, "licence", True, 3)


def test_related_skill_never_meets_a_mandatory_requirement():
    person = PersonCompetences((Competence("first_aid", level=5, source="certificate"),))
    links = expansion_links(Relations(broader=[("first_aid", CARD)]), PARAMS)
    vacancy = VacancyRequirements((Requirement(CARD, "licence", mandatory=True),))
    result = explain(person, vacancy, links, today=TODAY)
    assert result.met == () and result.gaps[0].credit == pytest.approx(0.5)


def test_weak_self_assessment_is_met_but_names_its_weak_evidence():
    person = PersonCompetences((Competence("cook", level=1, source="self", confirmed=False),))
    result = explain(person, VacancyRequirements((Requirement("cook"),)), {}, today=TODAY)
    (met,) = result.met
    assert (met.evidence_source, met.evidence_level) == ("self", 1)
    assert met.credit < 0.6  # and counts for little in the score


def test_an_ordinary_related_skill_alone_is_a_gap_with_partial_credit():
    person = PersonCompetences((Competence("cooking", level=3, source="self"),))
    links = expansion_links(Relations(related=[("cooking", "cook")]), PARAMS)
    result = explain(person, VacancyRequirements((Requirement("cook"),)), links, today=TODAY)
    assert result.met == ()
    assert 0 < result.gaps[0].credit < PARAMS.met_threshold


@settings(max_examples=150, deadline=None)
@given(people, vacancies(), relations)
def test_explanation_never_claims_what_the_person_does_not_have(person, vacancy, rel):
    links = expansion_links(rel, PARAMS)
    result = explain(person, vacancy, links, today=TODAY)
    asked = [r.uri for r in vacancy.requirements]
    assert sorted([m.uri for m in result.met] + [g.uri for g in result.gaps]) == sorted(asked)
    mandatory = {r.uri for r in vacancy.requirements if r.mandatory}
    for met in result.met:
        holdings = [
            c
            for c in person.competences
            if c.uri == met.evidence_uri and strength(c, PARAMS, TODAY) > 0
        ]
        assert holdings, "evidence not held (or expired)"
        assert any(
            c.source == met.evidence_source and c.level == met.evidence_level for c in holdings
        )
        if met.partial:
            assert met.uri not in mandatory
            assert links.get(met.evidence_uri, {}).get(met.uri, 0) > 0
        else:
            assert met.evidence_uri == met.uri
        assert met.credit > 0
        assert met.uri in mandatory or met.credit >= PARAMS.met_threshold


@settings(max_examples=100, deadline=None)
@given(people, vacancies(), relations)
def test_explained_credit_is_the_matrix_credit(person, vacancy, rel):
    index = build_index([person], [vacancy], rel, today=TODAY)
    result = explain(person, vacancy, index.links, today=TODAY)
    pe = index.pe.toarray()[0]
    for item in (*result.met, *result.gaps):
        assert item.credit == pytest.approx(float(pe[index.column[item.uri]]), abs=1e-5)


@settings(max_examples=50, deadline=None)
@given(people, vacancies(), relations)
def test_explanation_is_deterministic(person, vacancy, rel):
    links = expansion_links(rel, PARAMS)
    assert explain(person, vacancy, links, today=TODAY) == explain(
        person, vacancy, links, today=TODAY
    )
    assert np.isfinite([m.credit for m in explain(person, vacancy, links, today=TODAY).met]).all()


@settings(max_examples=100, deadline=None)
@given(people, vacancies(), relations)
def test_explanation_agrees_with_the_reciprocal_score(person, vacancy, rel):
    index = build_index([person], [vacancy], rel, today=TODAY)
    result = explain(person, vacancy, index.links, today=TODAY)
    essentials = {r.uri for r in vacancy.requirements if r.essential} or {
        r.uri for r in vacancy.requirements
    }
    met = sum(1 for m in result.met if m.uri in essentials)
    expected = met / len(essentials) if essentials else 0.0
    assert score_pair(index, person, vacancy, 0).reciprocal == pytest.approx(expected)
