"""The demo project's indicator table, as a spreadsheet (the issue's must-show): the XLSX a
project member downloads opens with openpyxl and holds the table with the demo's figures,
and no count from 1 to 4 in it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kohtaamo.esf.models import Project
from kohtaamo.esf.services import XLSX_HEADER_ROW

pytestmark = pytest.mark.django_db


def test_the_demo_project_s_xlsx_opens_with_the_indicator_table(login, in_english):
    project = Project.objects.get(code="S30634")
    response = login("rovaniemi.coordinator").get(
        reverse("www:project_indicators_xlsx", kwargs={"public_id": project.public_id})
    )

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][:2] == ["Project code", "S30634"]
    header = rows[XLSX_HEADER_ROW - 1]
    assert header[0] == "Indicator" and len(header) == 8
    table = {row[0]: row[1:] for row in rows[XLSX_HEADER_ROW:] if row[0] and len(row) > 1}
    entered = next(values for label, values in table.items() if label.startswith("Participants"))
    assert entered[:3] == [108, 46, 62]  # total, women, men: the project
    numbers = [v for values in table.values() for v in values if isinstance(v, int)]
    assert numbers and not [n for n in numbers if 1 <= n <= 4]
    assert "*" in [v for values in table.values() for v in values]  # small cells suppressed
