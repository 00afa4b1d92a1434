"""The impact follow-up as a pure computation: who is in a quarter's cohort, who counts as
employed 3 and 6 months later, which quarters are published, and that small
counts are hidden so that none can be worked out by subtraction."""

from datetime import date

import pytest

from kohtaamo.esf.indicators import derivable
from kohtaamo.insights.impact import (
    ALL,
    EndedStep,
    Quarter,
    add_months,
    cohort,
    follow_up,
    published_quarters,
    quarter_table,
    relations,
)

Q2 = Quarter(2024, 2)
TODAY = date(2026, 11, 23)  # the demo's today


def step(person, service="work_trial", started=date(2024, 4, 1), ended=date(2024, 5, 15)):
    return EndedStep(person, service, started, ended, order=person)


def check_protected(table):
    """No shown count 1-4, and no hidden non-zero count that follows from the shown ones."""
    for cell, count in table.counts.items():
        assert cell in table.hidden or not 0 < count < 5, cell
    for cell in derivable(table.counts, table.hidden, relations(table.services)):
        assert table.counts[cell] == 0, cell


def test_six_of_seven_employed_three_months_later_are_counted():
    steps = [step(n) for n in range(7)]
    employment = {n: [date(2024, 7, 1)] for n in range(6)}
    table = quarter_table(steps, employment, Q2)
    assert table.counts[(ALL, "people")] == 7
    assert table.counts[(ALL, "employed_3m")] == 6
    assert table.counts[(ALL, "employed_6m")] == 6
    # The one person without work would follow from 7 - 6: they are not both shown.
    assert table.value(ALL, "people") is None or table.value(ALL, "employed_3m") is None
    check_protected(table)


def test_a_large_enough_cohort_is_shown_with_its_share():
    steps = [step(n) for n in range(12)]
    employment = {n: [date(2024, 6, 1)] for n in range(7)}
    employment[7] = [date(2024, 10, 1)]  # later than 3 months, within 6
    table = quarter_table(steps, employment, Q2)
    assert table.value(ALL, "people") == 12
    assert table.value(ALL, "employed_3m") == 7
    assert table.share(ALL, 3) == pytest.approx(7 / 12)
    # 8 by 6 months: one more than by 3, which would name a single person: hidden.
    assert table.counts[(ALL, "employed_6m")] == 8
    assert table.value(ALL, "employed_6m") is None
    assert table.share(ALL, 6) is None  # shares only from shown counts
    check_protected(table)


def test_the_window_runs_from_the_start_of_the_step_to_months_after_its_end():
    steps = [step(n) for n in range(4)]
    employment = {
        0: [date(2024, 4, 20)],  # during the step: counts
        1: [date(2024, 3, 1)],  # before the step: does not
        2: [date(2024, 8, 15)],  # exactly 3 months after the end: counts
        3: [date(2024, 8, 16)],  # a day later: only at 6 months
    }
    table = quarter_table(steps, employment, Q2, minimum=1)  # no suppression
    assert table.counts[(ALL, "employed_3m")] == 2
    assert table.counts[(ALL, "employed_6m")] == 3


def test_each_person_counts_once_a_quarter_under_the_first_step_that_ended():
    steps = [
        step(1, "job_club", ended=date(2024, 6, 20)),
        step(1, "work_trial", ended=date(2024, 4, 10)),
        step(1, "pay_subsidy", ended=date(2024, 7, 2)),  # next quarter
    ]
    assert cohort(steps, Q2)[1].service == "work_trial"
    table = quarter_table(steps, {}, Q2, minimum=1)
    assert table.counts[(ALL, "people")] == 1
    assert table.counts[("work_trial", "people")] == 1
    assert ("job_club", "people") not in table.counts


def test_service_rows_add_up_and_a_small_one_cannot_be_subtracted():
    steps = [step(n, "work_trial") for n in range(9)] + [step(n, "job_club") for n in range(9, 12)]
    table = quarter_table(steps, {}, Q2)
    assert table.counts[(ALL, "people")] == 12
    assert table.value("job_club", "people") is None
    # 12 - 9 would give the 3 of the job club: the work trials are hidden too (or the total).
    assert table.value("work_trial", "people") is None or table.value(ALL, "people") is None
    check_protected(table)


def test_a_small_cohort_is_hidden():
    table = quarter_table([step(n) for n in range(3)], {0: [date(2024, 5, 1)]}, Q2)
    assert table.value(ALL, "people") is None
    assert table.value(ALL, "employed_3m") is None
    check_protected(table)


def test_only_quarters_with_final_results_are_published_newest_first():
    """6 months after the quarter: 1/2026 on 30.9.2026, 2/2026 only on 31.12.2026."""
    steps = [step(1, ended=date(2025, 10, 10)), step(2, ended=date(2026, 11, 1))]
    assert [q.key for q in published_quarters(steps, TODAY)] == ["2026Q1", "2025Q4"]
    assert published_quarters(steps, date(2026, 12, 31))[0].key == "2026Q2"
    tables = follow_up(steps, {}, TODAY)
    assert [t.quarter.key for t in tables] == ["2026Q1", "2025Q4"]
    assert tables[0].value(ALL, "people") == 0  # nobody: a zero is shown


def test_months_are_added_on_the_calendar():
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2024, 5, 15), 6) == date(2024, 11, 15)
    assert add_months(date(2024, 12, 31), 1) == date(2025, 1, 31)


def test_quarters_follow_each_other():
    assert Quarter(2026, 4).next() == Quarter(2027, 1)
    assert (Quarter(2025, 1).first_day, Quarter(2025, 1).last_day) == (
        date(2025, 1, 1),
        date(2025, 3, 31),
    )
