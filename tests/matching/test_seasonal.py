"""Seasonal pairing: two seasonal jobs that together make a year, and employers who could share
a worker. Pure: plain dataclasses, no database."""

from datetime import date

from kohtaamo.matching.seasonal import (
    EmployerSeason,
    Season,
    SeasonalJob,
    SeasonParams,
    complementary_employers,
    covered_months,
    cycle_day,
    pair_jobs,
    pair_months,
    person_pairs,
    season_of,
)
from kohtaamo.matching.vectors import (
    Competence,
    PersonCompetences,
    Requirement,
    VacancyRequirements,
    build_index,
)

from .strategies import TODAY

ROVANIEMI = (66.50, 25.73)
KEMI = (65.74, 24.56)  # 125 road km from Rovaniemi
YEAR_ROUND_DAYS = 300
PARAMS = SeasonParams()
CARD = "urn:kohtaamo:licence:hygiene"

WINTER = (date(2026, 11, 30), date(2027, 4, 12))  # the winter tourism season
SUMMER = (date(2027, 6, 1), date(2027, 8, 31))  # a summer substitute
BUILDING = (date(2027, 5, 3), date(2027, 10, 15))  # the building season
SPRING = (date(2027, 2, 1), date(2027, 6, 30))  # overlaps the winter by two months


def season(period) -> Season:
    return season_of(*period, YEAR_ROUND_DAYS)


# Seasons --------------------------------------------------------------------------------------


def test_a_job_without_an_end_date_is_year_round_and_has_no_season():
    assert season_of(date(2027, 1, 4), None, YEAR_ROUND_DAYS) is None
    assert season_of(None, None, YEAR_ROUND_DAYS) is None


def test_a_job_as_long_as_year_round_work_has_no_season():
    assert season_of(date(2027, 1, 1), date(2027, 10, 27), YEAR_ROUND_DAYS) is None  # 300 days
    assert season_of(date(2027, 1, 1), date(2027, 10, 26), YEAR_ROUND_DAYS) is not None


def test_a_month_counts_from_ten_days_on():
    months = season(WINTER).months(PARAMS)
    assert months == {12, 1, 2, 3, 4}  # 30 November is one day: no; 1-12 April: yes


def test_the_season_is_read_on_the_annual_cycle():
    # The same season a year later covers the same days.
    later = season_of(date(2027, 11, 30), date(2028, 4, 12), YEAR_ROUND_DAYS)
    assert later.days == season(WINTER).days | {cycle_day(date(2028, 2, 29))}
    assert cycle_day(date(2028, 2, 29)) == cycle_day(date(2027, 2, 28))


def test_covered_months_of_a_whole_month():
    days = frozenset(range(cycle_day(date(2027, 2, 1)), cycle_day(date(2027, 2, 28)) + 1))
    assert covered_months(days, PARAMS) == {2}


# Pairs ----------------------------------------------------------------------------------------


def test_winter_and_summer_complement_each_other():
    months = pair_months(season(WINTER), season(SUMMER), PARAMS)
    assert months == {12, 1, 2, 3, 4, 6, 7, 8}


def test_winter_and_the_building_season_make_eleven_months():
    assert len(pair_months(season(WINTER), season(BUILDING), PARAMS)) == 11


def test_overlapping_seasons_do_not_pair():
    assert pair_months(season(WINTER), season(SPRING), PARAMS) is None


def test_an_overlap_of_two_weeks_is_allowed_and_more_is_not():
    summer = season((date(2027, 4, 1), date(2027, 8, 31)))  # 12 days with the winter
    assert pair_months(season(WINTER), summer, PARAMS) is not None
    two_weeks = season((date(2027, 3, 30), date(2027, 8, 31)))  # 14 days
    assert pair_months(season(WINTER), two_weeks, PARAMS) is not None
    longer = season((date(2027, 3, 29), date(2027, 8, 31)))  # 15 days
    assert pair_months(season(WINTER), longer, PARAMS) is None


def test_two_short_seasons_that_leave_too_many_months_do_not_pair():
    autumn = season((date(2027, 9, 1), date(2027, 10, 31)))
    assert pair_months(season(SUMMER), autumn, PARAMS) is None  # 5 months


def job_(row, period, score, potential=None, missing=0):
    return SeasonalJob(
        row=row,
        season=season(period),
        score=score,
        potential=score if potential is None else potential,
        missing_mandatory=missing,
        distance_km=0.0,
    )


def test_pairs_rank_by_months_then_by_the_weaker_score_then_by_the_sum():
    jobs = [
        job_(0, WINTER, 0.9),
        job_(1, SUMMER, 0.5),
        job_(2, SUMMER, 0.6),
        job_(3, BUILDING, 0.2),
    ]
    pairs = pair_jobs(jobs, PARAMS)
    assert [(p.first.row, p.second.row) for p in pairs] == [(0, 3), (0, 2), (0, 1)]
    assert pairs[0].months == (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12)
    assert pairs[0].gap_months == (11,)
    assert pairs[1].gap_months == (5, 9, 10, 11)


def test_the_earlier_season_is_the_first_job():
    pair = pair_jobs([job_(0, SUMMER, 0.5), job_(1, WINTER, 0.5)], PARAMS)[0]
    assert (pair.first.row, pair.second.row) == (1, 0)


def test_a_near_pair_comes_after_the_pairs_that_can_be_taken_now():
    jobs = [
        job_(0, WINTER, 0.0, potential=0.9, missing=1),
        job_(1, BUILDING, 0.6),
        job_(2, WINTER, 0.3),
        job_(3, SUMMER, 0.3),
    ]
    pairs = pair_jobs(jobs, PARAMS)
    assert [p.near for p in pairs] == [False, False, True, True]
    assert [(p.first.row, p.second.row) for p in pairs[2:]] == [(0, 1), (0, 3)]


def test_a_job_appears_in_at_most_three_pairs():
    jobs = [job_(0, WINTER, 0.9)] + [job_(n, SUMMER, 0.5 - n / 100) for n in range(1, 6)]
    pairs = pair_jobs(jobs, PARAMS)
    assert len(pairs) == 3
    assert pair_jobs(jobs, PARAMS, limit=2)[-1].second.row == 2


# A person's pairs with the engine ------------------------------------------------------------


def cook(radius=50, season_wish="any", *extra):
    held = (Competence("cook", level=5, source="certificate"), *extra)
    return PersonCompetences(
        held, lat=ROVANIEMI[0], lon=ROVANIEMI[1], radius_km=radius, season_wish=season_wish
    )


def kitchen_job(period, at=ROVANIEMI, *extra):
    start, end = period if period else (None, None)
    return VacancyRequirements(
        (Requirement("cook"), *extra),
        "occ:cook",
        lat=at[0],
        lon=at[1],
        start_date=start,
        end_date=end,
    )


def pairs_of(person, jobs):
    index = build_index([person], jobs, today=TODAY)
    return person_pairs(index, person, jobs, PARAMS)


def test_a_cook_gets_a_winter_and_a_summer_kitchen():
    found = pairs_of(cook(), [kitchen_job(WINTER), kitchen_job(SUMMER)])
    assert found.within_reach == 2 and len(found.jobs) == 2
    assert [(p.first.row, p.second.row) for p in found.pairs] == [(0, 1)]
    assert found.pairs[0].first.score > PARAMS.score_floor


def test_year_round_jobs_are_not_paired():
    found = pairs_of(cook(), [kitchen_job(WINTER), kitchen_job(None), kitchen_job(SUMMER)])
    assert found.within_reach == 2
    assert {j.row for j in found.jobs} == {0, 2}


def test_a_job_beyond_the_radius_is_not_paired():
    found = pairs_of(cook(radius=50), [kitchen_job(WINTER), kitchen_job(SUMMER, at=KEMI)])
    assert found.within_reach == 1 and found.pairs == []


def test_someone_willing_to_move_reaches_everywhere():
    found = pairs_of(cook(radius=0), [kitchen_job(WINTER), kitchen_job(SUMMER, at=KEMI)])
    assert len(found.pairs) == 1


def test_a_job_the_person_cannot_do_is_not_paired():
    other = VacancyRequirements(
        (Requirement("drive a bus"),),
        lat=ROVANIEMI[0],
        lon=ROVANIEMI[1],
        start_date=SUMMER[0],
        end_date=SUMMER[1],
    )
    found = pairs_of(cook(), [kitchen_job(WINTER), other])
    assert found.within_reach == 2 and [j.row for j in found.jobs] == [0]
    assert found.pairs == []


def test_a_missing_card_makes_a_near_pair():
    card = Requirement(CARD, "licence", mandatory=True)
    found = pairs_of(cook(), [kitchen_job(WINTER, ROVANIEMI, card), kitchen_job(SUMMER)])
    (pair,) = found.pairs
    assert pair.near and pair.first.near and pair.first.score == 0
    assert pair.first.potential >= PARAMS.near_potential


def test_a_wish_for_year_round_work_does_not_lower_either_half():
    jobs = [kitchen_job(WINTER), kitchen_job(SUMMER)]
    any_wish = pairs_of(cook(), jobs).pairs[0]
    year_round = pairs_of(cook(season_wish="year_round"), jobs).pairs[0]
    assert year_round.first.score == any_wish.first.score
    assert year_round.second.score == any_wish.second.score


# Employers ------------------------------------------------------------------------------------


def employer(key, months, at=ROVANIEMI):
    return EmployerSeason(key, frozenset(months), at[0], at[1], from_vacancies=True)


def test_a_winter_hotel_and_a_building_firm_nearby_complement_each_other():
    (pair,) = complementary_employers(
        [employer(1, {12, 1, 2, 3, 4}), employer(2, {5, 6, 7, 8, 9, 10})], PARAMS
    )
    assert (pair.first.key, pair.second.key) == (1, 2)
    assert pair.gap_months == (11,) and pair.distance_km == 0


def test_employers_with_the_same_season_do_not_complement_each_other():
    assert not complementary_employers(
        [employer(1, {12, 1, 2, 3}), employer(2, {1, 2, 3, 4})], PARAMS
    )


def test_employers_far_apart_do_not_share_a_worker():
    far = (68.66, 27.54)  # Inari, some 300 road km from Rovaniemi
    assert not complementary_employers(
        [employer(1, {12, 1, 2, 3, 4}), employer(2, {5, 6, 7, 8, 9, 10}, at=far)], PARAMS
    )


def test_an_employer_without_a_season_or_a_place_is_left_out():
    without_place = EmployerSeason(3, frozenset({6, 7, 8}), None, None, from_vacancies=False)
    assert not complementary_employers(
        [employer(1, {12, 1, 2, 3, 4}), employer(2, set()), without_place], PARAMS
    )
