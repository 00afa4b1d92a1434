"""Reading uploaded tables and month lists, without a database."""

import io

import pytest
from openpyxl import Workbook

from kohtaamo.employers import tables


def test_semicolon_csv_with_bom_keeps_the_row_numbers_of_the_file():
    content = "\ufeffbusiness_id;name\n0210427-6;Oy A\n\n2900003-7;Oy B\n".encode()
    table = tables.read_table(content, "yritykset.csv")
    assert table.header == ["business_id", "name"]
    assert table.rows == [(2, ["0210427-6", "Oy A"]), (4, ["2900003-7", "Oy B"])]


def test_comma_csv_with_a_quoted_cell_over_two_lines():
    content = b'business_id,name\n0210427-6,"Oy\nA"\n2900003-7,B\n'
    table = tables.read_table(content, "x.CSV")
    assert [number for number, _cells in table.rows] == [2, 4]


def test_a_csv_not_in_utf8_is_refused_with_advice():
    with pytest.raises(tables.TableError, match="UTF-8"):
        tables.read_table("nimi;kunta\nKärppä;Kemi\n".encode("cp1252"), "x.csv")


def test_xlsx_numbers_come_back_as_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["business_id", "municipality", "peak_months"])
    sheet.append(["0210427-6", 698, 6.0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = tables.read_table(buffer.getvalue(), "x.xlsx")
    assert table.format == "xlsx"
    assert table.rows == [(2, ["0210427-6", "698", "6"])]


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(tables.TableError):
        tables.read_table(b"not a zip", "x.xlsx")


def test_other_file_types_are_refused():
    with pytest.raises(tables.TableError):
        tables.read_table(b"x", "x.xls")


@pytest.mark.parametrize(
    ("text", "months"),
    [("6,7,12", [6, 7, 12]), ("6-8", [6, 7, 8]), ("12-2", [1, 2, 12]), ("3; 3 4", [3, 4]),
     ("", [])],
)  # fmt: skip
def test_months(text, months):
    assert tables.parse_months(text) == months


@pytest.mark.parametrize("text", ["13", "0", "kesäkuu", "6-", "6-13"])
def test_bad_months(text):
    with pytest.raises(ValueError):
        tables.parse_months(text)


def test_export_cells_that_look_like_formulas_are_guarded_and_read_back():
    assert tables.csv_cell("=SUM(A1)") == "'=SUM(A1)"
    assert tables.csv_cell("+358 40 123") == "+358 40 123"
    table = tables.read_table(b"name\n'=SUM(A1)\n", "x.csv")
    assert table.rows == [(2, ["=SUM(A1)"])]
