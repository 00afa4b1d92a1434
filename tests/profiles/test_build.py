"""The profile builder on plain data: no database."""

import pytest

from kohtaamo.profiles.build import (
    ADDITION,
    ESSENTIAL,
    LATER,
    MAPPING,
    OPTIONAL,
    SIX_MONTHS,
    VACANCY,
    Ask,
    EscoSkills,
    Source,
    build_profile,
)

OCCUPATION = "occ:excavator"
OTHER_OCCUPATION = "occ:bulldozer"
DIG = "skill:dig"  # ESCO essential
LEVEL = "skill:level"  # ESCO optional
DRONE = "skill:drone"  # not in ESCO for the occupation
READ_PLANS = "skill:read-plans"  # ESCO essential, nobody asks
CARD = "licence:tyoturvallisuuskortti"
ESCO = {OCCUPATION: EscoSkills(frozenset({DIG, READ_PLANS}), frozenset({LEVEL}))}


def ask(employer, uri, *, source=VACANCY, source_id=None, kind="skill", **kwargs):
    return Ask(
        source=source,
        source_id=source_id or f"{source}-{employer}",
        employer_id=employer,
        uri=uri,
        kind=kind,
        **kwargs,
    )


def build(asks, **kwargs):
    return build_profile(occupations=[OCCUPATION], asks=asks, esco=ESCO, **kwargs)


def by_uri(profile):
    return {c.uri: c for c in profile.competences}


def test_one_employer_asking_in_a_mapping_and_a_vacancy_counts_once():
    profile = build(
        [
            ask("A", DIG, source=MAPPING, importance=3),
            ask("A", DIG, source=VACANCY, importance=3),
            ask("A", DIG, source=VACANCY, source_id="vacancy-A2", importance=3),
        ]
    )
    dig = by_uri(profile)[DIG]
    assert (profile.employers, profile.mappings, profile.vacancies) == (1, 1, 2)
    assert (dig.employers, dig.mappings, dig.vacancies) == (1, 1, 2)
    assert dig.weight == 1.0


def test_weight_is_the_mean_of_each_employers_strongest_ask():
    profile = build(
        [
            ask("A", DIG, importance=3, essential=True),  # 1.0
            ask("A", DIG, source_id="vacancy-A2", importance=1, essential=False),  # weaker
            ask("B", DIG, importance=2, essential=False),  # 0.75 * 0.5
            ask("C", LEVEL, importance=1),  # C asks nothing about digging: counts as 0
        ]
    )
    dig = by_uri(profile)[DIG]
    assert profile.employers == 3
    assert dig.weight == pytest.approx((1.0 + 0.375 + 0) / 3, abs=1e-4)
    assert dig.share == pytest.approx(2 / 3, abs=1e-4)
    assert by_uri(profile)[LEVEL].weight == pytest.approx(0.5 / 3, abs=1e-4)


def test_competences_are_ranked_by_weight_then_employers():
    profile = build(
        [
            ask("A", LEVEL, importance=3),
            ask("B", LEVEL, importance=3),
            ask("A", DIG, importance=1),
            ask("B", DRONE, importance=3),
        ]
    )
    assert [c.uri for c in profile.competences] == [LEVEL, DRONE, DIG]


def test_skills_are_compared_with_esco():
    profile = build(
        [ask("A", DIG), ask("A", LEVEL), ask("A", DRONE), ask("A", CARD, kind="licence")]
    )
    relation = {uri: c.esco_relation for uri, c in by_uri(profile).items()}
    assert relation == {DIG: ESSENTIAL, LEVEL: OPTIONAL, DRONE: ADDITION, CARD: None}


def test_essential_for_any_occupation_in_scope_wins_over_optional():
    esco = {**ESCO, OTHER_OCCUPATION: EscoSkills(frozenset({LEVEL}), frozenset())}
    profile = build_profile(
        occupations=[OCCUPATION, OTHER_OCCUPATION], asks=[ask("A", LEVEL)], esco=esco
    )
    assert profile.competences[0].esco_relation == ESSENTIAL


def test_esco_essentials_nobody_asked_for_are_listed_apart():
    esco = {**ESCO, OTHER_OCCUPATION: EscoSkills(frozenset({READ_PLANS, "skill:x"}), frozenset())}
    profile = build_profile(
        occupations=[OCCUPATION, OTHER_OCCUPATION], asks=[ask("A", DIG)], esco=esco
    )
    assert [(u.uri, u.occupations) for u in profile.unasked_essentials] == [
        (READ_PLANS, 2),
        ("skill:x", 1),
    ]


def test_licences_show_the_share_of_employers_and_of_vacancies_requiring_them():
    profile = build(
        [
            ask("A", CARD, kind="licence", source=MAPPING),
            ask("B", CARD, kind="licence"),
            ask("C", CARD, kind="licence", essential=False),
            ask("D", DIG),
        ]
    )
    (card,) = profile.licences
    assert (card.employers, card.share) == (3, 0.75)
    assert (card.vacancies, card.vacancy_share) == (1, pytest.approx(1 / 3, abs=1e-4))


def test_sources_without_asks_count_for_employers_and_openings():
    sources = [
        Source(MAPPING, "m1", "A", openings_now=2, openings_later=3),
        Source(VACANCY, "v1", "B", is_open=True, openings_now=1),
        Source(VACANCY, "v2", "B"),
    ]
    profile = build([ask("A", DIG, source=MAPPING, source_id="m1")], sources=sources)
    assert (profile.employers, profile.mappings, profile.vacancies) == (2, 1, 2)
    assert (profile.open_vacancies, profile.openings_now, profile.openings_later) == (1, 3, 3)
    assert by_uri(profile)[DIG].share == 0.5


def test_area_keeps_only_sources_and_asks_located_there():
    asks = [ask("A", DIG, municipality="698"), ask("B", LEVEL, municipality="240")]
    profile = build(asks, area=frozenset({"240"}))
    assert profile.employers == 1
    assert [c.uri for c in profile.competences] == [LEVEL]


def test_needs_for_the_coming_years_are_rising():
    profile = build(
        [
            ask("A", DRONE, source=MAPPING, horizon=LATER),
            ask("B", DRONE, source=MAPPING, horizon=LATER),
            ask("C", DRONE, source=MAPPING, horizon=SIX_MONTHS),
            ask("A", DIG, source=MAPPING, horizon=LATER),
            ask("B", DIG),
            ask("C", DIG),
        ]
    )
    drone, dig = by_uri(profile)[DRONE], by_uri(profile)[DIG]
    assert (drone.now, drone.later, drone.rising) == (1, 2, True)
    assert (dig.now, dig.later, dig.rising) == (2, 1, False)
    assert [c.uri for c in profile.rising] == [DRONE]


def test_an_empty_profile_still_lists_the_esco_essentials():
    profile = build([])
    assert profile.employers == 0
    assert profile.competences == []
    assert {u.uri for u in profile.unasked_essentials} == {DIG, READ_PLANS}


def test_esco_comparison_uses_the_occupations_employers_asked_about():
    esco = {**ESCO, OTHER_OCCUPATION: EscoSkills(frozenset({"skill:push"}), frozenset({DRONE}))}
    sources = [Source(VACANCY, "v1", "A", occupations=frozenset({OCCUPATION}))]
    profile = build_profile(
        occupations=[OCCUPATION, OTHER_OCCUPATION],
        asks=[ask("A", DRONE, source_id="v1")],
        esco=esco,
        sources=sources,
    )
    assert profile.compared_with == [OCCUPATION]
    assert profile.competences[0].esco_relation == ADDITION
    assert "skill:push" not in {u.uri for u in profile.unasked_essentials}
