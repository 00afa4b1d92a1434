"""Reading the employment service statistics: the four layouts, and errors that say where."""

import io
from datetime import date

import pytest

from kohtaamo.insights.statistics import StatisticsError, StatRow, deduplicated, parse

SOURCE_OCCUPATIONS = (
    "ammattiryhma,time,alue,TYOTTOMATLOPUSSA,AVPAIKATLOPUSSA,code_level,"
    "kokomaa_TYOTTOMATLOPUSSA,kokomaa_AVPAIKATLOPUSSA\n"
    "5223,2019-12-01,MK19,342.0,100.0,4,209398.0,51871.0\n"
)
SOURCE_AREAS = (
    "alue,time,TYOTTOMATLOPUSSA,AVPAIKATLOPUSSA,region_level,kokomaa_TYOTTOMATLOPUSSA,"
    "kokomaa_AVPAIKATLOPUSSA\nKU698,2023-10-01,2699.0,1403.0,kunta,255810.0,42296.0\n"
)


def read(text: str) -> list[StatRow]:
    return parse(io.StringIO(text), "test.csv")


def test_the_source_layouts_as_statistics_finland_publishes_them():
    assert read(SOURCE_OCCUPATIONS) == [StatRow("MK19", "5223", date(2019, 12, 1), 342, 100)]
    assert read(SOURCE_AREAS) == [StatRow("KU698", "", date(2023, 10, 1), 2699, 1403)]


def test_the_compact_layouts_of_the_repository():
    assert read("isco,month,unemployed,vacancies\n9629,2023-10,32,11\n") == [
        StatRow("MK19", "9629", date(2023, 10, 1), 32, 11)
    ]
    assert read("area,month,unemployed,vacancies\nSK191,2020-04,6202,\n") == [
        StatRow("SK191", "", date(2020, 4, 1), 6202, None)  # empty: not published
    ]


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ("5223,2019-13-01,MK19,342.0,100.0", "line 2, column time: “2019-13-01” is not a month"),
        ("5223,2019-12-01,MX19,342.0,100.0", "line 2, column alue: “MX19” is not an area code"),
        ("52x3,2019-12-01,MK19,342.0,100.0", "line 2, column ammattiryhma: “52x3”"),
        ("5223,2019-12-01,MK19,-1,100.0", "line 2, column TYOTTOMATLOPUSSA: “-1” is not a count"),
        ("5223,2019-12-01,MK19,3.5,100.0", "column TYOTTOMATLOPUSSA: “3.5” is not a count"),
        ("5223,2019-12-01,MK19,342.0,many", "column AVPAIKATLOPUSSA: “many” is not a number"),
    ],
)
def test_a_bad_row_is_named_by_file_line_and_column(row, where):
    header = "ammattiryhma,time,alue,TYOTTOMATLOPUSSA,AVPAIKATLOPUSSA\n"
    with pytest.raises(StatisticsError) as error:
        read(header + row + "\n")
    assert error.value.problems[0].startswith("test.csv, ")
    assert where in error.value.problems[0]


def test_every_bad_row_is_reported_not_only_the_first():
    header = "area,month,unemployed,vacancies\n"
    with pytest.raises(StatisticsError) as error:
        read(header + "KU698,2023-10,1,1\nKU698,20231,1,1\nXX,2023-10,1,1\n")
    assert [p.split(",")[1].strip() for p in error.value.problems] == ["line 3", "line 4"]


def test_unknown_columns_are_refused_with_what_was_expected():
    with pytest.raises(StatisticsError, match="unknown columns.*expected"):
        read("kunta,kuukausi,tyottomat\nRovaniemi,2023-10,2699\n")


def test_a_later_row_of_the_same_month_wins():
    first = StatRow("MK19", "", date(2023, 10, 1), 1, 1)
    corrected = StatRow("MK19", "", date(2023, 10, 1), 2, 2)
    assert list(deduplicated([first, corrected])) == [corrected]
