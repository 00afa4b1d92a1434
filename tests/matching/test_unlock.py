"""Training that unlocks vacancies, as plain data: which offers count, what they unlock, in
which order; and the protection of counts about people."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaamo.matching.pairs import reachable
from kohtaamo.matching.params import MatchParams
from kohtaamo.matching.score import score_candidates
from kohtaamo.matching.unlock import (
    OfferPlace,
    certificate_competence,
    prepare,
    protect,
    unlocks_for,
    with_offer,
)
from kohtaamo.matching.vectors import (
    Competence,
    PersonCompetences,
    Requirement,
    VacancyRequirements,
    build_index,
)

from .strategies import TODAY, URIS, people, relations, vacancies

ROVANIEMI = (66.50, 25.73)
KEMI = (65.74, 24.56)  # about 125 road km from Rovaniemi
CARD = "urn:kohtaamo:licence:hygieniapassi"
SUITABLE = 0.25


def cook(radius_km=40, *extra):
    held = (Competence("cook", level=5, source="certificate"), *extra)
    return PersonCompetences(held, lat=ROVANIEMI[0], lon=ROVANIEMI[1], radius_km=radius_km)


def kitchen(*extra, at=ROVANIEMI):
    requirements = (Requirement("cook", importance=3), *extra)
    return VacancyRequirements(requirements, "occ:cook", lat=at[0], lon=at[1])


def needs_card():
    return kitchen(Requirement(CARD, kind="licence", mandatory=True))


def offer(key, uris=(CARD,), at=ROVANIEMI, days=10, remote=False):
    lat, lon = (None, None) if remote else at
    return OfferPlace(key, tuple(uris), lat, lon, remote, days)


def run(person, vacancies_, offers):
    index = build_index([person], vacancies_, today=TODAY)
    return unlocks_for(prepare(index, vacancies_, offers, SUITABLE), person)


def test_an_offer_giving_the_missing_mandatory_licence_unlocks_the_vacancy():
    [found] = run(cook(), [needs_card()], [offer("card")])
    assert found.offer == 0 and found.vacancies == (0,)
    assert found.closes == (CARD,)
    assert found.distance_km == 0.0 and found.days_to_close == 10


def test_an_offer_out_of_reach_does_not_count():
    assert run(cook(radius_km=40), [needs_card()], [offer("kemi", at=KEMI)]) == []


def test_remote_study_is_within_anyone_s_reach():
    [found] = run(cook(radius_km=40), [needs_card()], [offer("online", remote=True)])
    assert found.distance_km == 0.0


def test_no_radius_means_any_offer_can_be_reached():
    assert len(run(cook(radius_km=0), [needs_card()], [offer("kemi", at=KEMI)])) == 1


def test_no_unlock_is_counted_for_an_already_suitable_vacancy():
    holder = cook(40, Competence(CARD, kind="licence", source="self", confirmed=False))
    suitable_now = kitchen(Requirement(CARD, kind="licence", importance=1, essential=False))
    assert run(holder, [suitable_now], [offer("card")]) == []


def test_a_vacancy_beyond_the_person_s_reach_is_not_unlocked():
    far = kitchen(Requirement(CARD, kind="licence", mandatory=True), at=KEMI)
    assert run(cook(radius_km=40), [far], [offer("card")]) == []


def test_an_offer_of_what_the_person_already_holds_unlocks_nothing():
    holder = cook(40, Competence(CARD, kind="licence", source="certificate"))
    assert run(holder, [needs_card()], [offer("card")]) == []


def test_an_offer_of_something_no_vacancy_asks_for_unlocks_nothing():
    assert run(cook(), [needs_card()], [offer("other", uris=["skill:unrelated"])]) == []


def test_offers_rank_by_vacancies_unlocked_then_days_to_close_then_distance():
    forklift = "urn:kohtaamo:licence:trukkikortti"
    vacancies_ = [
        needs_card(),
        kitchen(Requirement(CARD, kind="licence", mandatory=True), Requirement("serve")),
        kitchen(Requirement(forklift, kind="licence", mandatory=True)),
    ]
    near = (66.45, 25.60)  # a few km from Rovaniemi
    offers = [
        offer("forklift-soon", uris=[forklift], days=2),
        offer("card-late", days=30),
        offer("card-near-soon", days=5, at=near),
        offer("card-here-soon", days=5),
    ]
    ranked = [offers[u.offer].key for u in run(cook(), vacancies_, offers)]
    assert ranked == ["card-here-soon", "card-near-soon", "card-late", "forklift-soon"]


def test_the_certificate_gives_each_kind_of_competence():
    assert certificate_competence(CARD).kind == "licence"
    assert certificate_competence("urn:eperusteet:unit:1").kind == "unit"
    assert certificate_competence("http://data.europa.eu/esco/skill/x").kind == "skill"
    assert certificate_competence(CARD).source == "certificate"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(people, min_size=1, max_size=3),
    st.lists(vacancies(), min_size=1, max_size=6),
    st.lists(st.lists(st.sampled_from(URIS), min_size=1, max_size=3, unique=True), max_size=4),
    relations,
)
def test_the_shortcuts_find_exactly_what_rescoring_every_vacancy_finds(
    persons, vacancies_, offer_uris, rels
):
    """Only vacancies touched by an offer's URIs are rescored, and bounds skip most of those:
    the result is the definition applied to every vacancy within reach."""
    params = MatchParams()
    index = build_index(persons, vacancies_, rels, params, TODAY)
    offers = [offer(f"o{n}", uris, remote=True) for n, uris in enumerate(offer_uris)]
    context = prepare(index, vacancies_, offers, SUITABLE)
    rows = np.arange(len(vacancies_))
    for i, person in enumerate(persons):
        found = {u.offer: set(u.vacancies) for u in unlocks_for(context, person)}
        reach = reachable([person], vacancies_, params.distance_tolerance)[0]
        now = score_candidates(index, person, vacancies_, rows).score
        for n, o in enumerate(offers):
            after = score_candidates(index, with_offer(person, o.uris), vacancies_, rows).score
            expected = {int(j) for j in rows if reach[j] and now[j] < SUITABLE <= after[j]}
            assert found.get(n, set()) == expected, (i, n)


# Protecting counts about people --------------------------------------------------------------


def test_a_small_count_is_hidden_and_zeros_are_shown():
    assert protect(20, [0, 20, 0]) == [False, False, False, False]
    assert protect(3, [3, 0]) == [True, True, False]


def test_a_single_small_part_hides_the_next_smallest_so_the_total_does_not_reveal_it():
    hidden = protect(30, [2, 8, 20])
    assert hidden == [False, True, True, False]


def test_hidden_parts_adding_up_to_a_small_number_hide_one_more():
    assert protect(30, [1, 2, 27, 0]) == [False, True, True, True, False]


def test_hidden_parts_that_add_up_to_five_are_enough():
    assert protect(40, [2, 3, 35]) == [False, True, True, False]


@given(st.lists(st.integers(0, 30), min_size=1, max_size=6))
def test_no_shown_count_and_no_difference_is_from_one_to_four(parts):
    total = sum(parts)
    hidden_total, *hidden = protect(total, parts)
    shown = [c for c, h in zip(parts, hidden, strict=True) if not h]
    assert all(c == 0 or c >= 5 for c in shown)
    if not hidden_total:
        assert total >= 5 or total == 0
        assert not 0 < total - sum(shown) < 5
