"""The pure indicator table: hand-counted values, and suppression that hides every count of
1-4 people and cannot be undone by differencing (examples and hypothesis properties)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaamo.esf import indicators as ind
from kohtaamo.esf.indicators import COLUMNS, RELATIONS, ParticipantRow

START, END = date(2025, 1, 1), date(2025, 12, 31)


def people(n, gender, age, entry, exit_date=None, status="", licences=0, entrepreneur=0):
    return [
        ParticipantRow(
            gender=gender,
            age_at_entry=age,
            entry_date=entry,
            exit_date=exit_date,
            exit_status=status,
            licences=licences,
            new_entrepreneur=k < entrepreneur,
        )
        for k in range(n)
    ]


def fixture_rows():
    """18 participants; counted by hand in the test below."""
    return [
        *people(6, "female", 25, date(2025, 2, 1), date(2025, 10, 1), "employed_company", 1),
        *people(5, "male", 40, date(2025, 3, 1), date(2025, 11, 1), "work_trial"),
        *people(2, "other", 60, date(2025, 4, 1)),
        *people(3, "female", 56, date(2024, 12, 1), date(2025, 6, 1), "studying", 0, 1),
        *people(1, "male", 30, date(2025, 5, 5), date(2026, 2, 1), "unemployed"),
        *people(1, "female", 54, START, END, ""),  # both on the period's bounds, no exit status
    ]


def row(table, name):
    return [table.counts[(name, column)] for column in COLUMNS]


def test_indicators_of_a_hand_built_fixture_equal_hand_counts():
    table = ind.compute(fixture_rows(), START, END)
    #                                   total W   M  other <30 30-54 >54
    assert row(table, "entered") == [15, 7, 6, 2, 6, 7, 2]
    assert row(table, "exited") == [15, 10, 5, 0, 6, 6, 3]
    assert row(table, "employed") == [6, 6, 0, 0, 6, 0, 0]
    assert row(table, "employed_company") == [6, 6, 0, 0, 6, 0, 0]
    assert row(table, "employed_municipality") == [0] * 7
    assert row(table, "work_trial") == [5, 0, 5, 0, 0, 5, 0]
    assert row(table, "studying") == [3, 3, 0, 0, 0, 0, 3]
    assert row(table, "unemployed") == [0] * 7  # left after the period
    assert row(table, "exit_status_missing") == [1, 1, 0, 0, 0, 1, 0]
    assert row(table, "licences") == [6, 6, 0, 0, 6, 0, 0]
    assert row(table, "new_entrepreneurs") == [1, 1, 0, 0, 0, 0, 1]


def test_age_groups_are_under_30_30_to_54_and_55_and_older():
    assert [ind.age_column(a) for a in (29, 30, 54, 55)] == [
        "under_30",
        "age_30_54",
        "age_30_54",
        "over_54",
    ]


def test_suppression_hides_small_counts_and_their_complements():
    table = ind.suppress(ind.compute(fixture_rows(), START, END))
    assert table.value("entered", "total") == 15
    assert table.value("entered", "other_or_not_told") is None  # 2
    # 15 - 7 shown women would give men + other: the men are hidden too.
    assert table.value("entered", "men") is None
    assert table.value("exit_status_missing", "total") is None
    assert table.value("studying", "total") is None
    assert ind.check_protected(table) == []


def test_zeros_are_shown():
    table = ind.suppress(ind.compute(fixture_rows(), START, END))
    assert table.value("employed_municipality", "total") == 0


def test_a_single_hidden_cell_is_never_left_alone_in_a_relation():
    counts = {(r, c): 0 for r in ind.ROWS for c in COLUMNS}
    counts.update({("entered", "total"): 20, ("entered", "women"): 17, ("entered", "men"): 3})
    counts.update({("entered", "under_30"): 20})
    table = ind.suppress(ind.IndicatorTable(START, END, counts))
    assert table.value("entered", "men") is None
    assert table.value("entered", "women") is None or table.value("entered", "total") is None


# Properties ---------------------------------------------------------------------------------

STATUSES = [*sorted(ind.EXIT_STATUSES), ""]
person = st.builds(
    ParticipantRow,
    gender=st.sampled_from(["female", "male", "other", "not_told"]),
    age_at_entry=st.integers(16, 70),
    entry_date=st.dates(date(2024, 6, 1), date(2025, 12, 31)),
    exit_date=st.none() | st.dates(date(2025, 1, 1), date(2026, 6, 30)),
    exit_status=st.sampled_from(STATUSES),
    licences=st.integers(0, 2),
    new_entrepreneur=st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(person, max_size=60))
def test_no_shown_cell_is_between_1_and_4(rows):
    table = ind.suppress(ind.compute(rows, START, END))
    for _row, values in ind.as_rows(table):
        assert not any(v is not None and 0 < v < ind.MINIMUM_COUNT for v in values)


@settings(max_examples=60, deadline=None)
@given(st.lists(person, max_size=60))
def test_no_hidden_non_zero_cell_can_be_derived(rows):
    table = ind.suppress(ind.compute(rows, START, END))
    assert ind.check_protected(table) == []
    for relation in RELATIONS:
        hidden = [c for c in relation.cells if table.is_suppressed(*c)]
        assert len(hidden) != 1 or table.counts[hidden[0]] == 0
        if not table.is_suppressed(*relation.total):
            under_total = sum(table.counts[p] for p in relation.parts if table.is_suppressed(*p))
            assert not 0 < under_total < ind.MINIMUM_COUNT


@settings(max_examples=60, deadline=None)
@given(st.lists(person, max_size=60))
def test_the_relations_hold_in_every_computed_table(rows):
    table = ind.compute(rows, START, END)
    for relation in RELATIONS:
        parts = sum(table.counts[p] for p in relation.parts)
        assert table.counts[relation.total] == parts
