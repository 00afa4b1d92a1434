"""What leaves the project: the XLSX (read back with openpyxl), the CSV and the API. No count
of 1-4 people ever appears; the XLSX holds the table; every export is audited."""

import csv
import io

import pytest
from openpyxl import load_workbook

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.esf import indicators
from kohtaamo.esf.services import XLSX_HEADER_ROW
from tests.esf.conftest import END, START

pytestmark = pytest.mark.django_db

PERIOD = f"from={START.isoformat()}&to={END.isoformat()}"


def small(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 5


def xlsx_table(content: bytes) -> tuple[list, list[list]]:
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = XLSX_HEADER_ROW - 1  # the headings are in the interface language
    body = rows[header + 1 : header + 1 + len(indicators.ROWS)]
    return rows[header], body


def test_the_xlsx_opens_and_holds_the_table(login, project, participants, in_english):
    response = login("rovaniemi.coordinator").get(
        f"/projects/{project.public_id}/indicators.xlsx?{PERIOD}"
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [v for r in sheet.iter_rows(values_only=True) for v in r if v is not None]
    assert "TEST701" in values and "Testihanke" in values
    header, body = xlsx_table(response.content)
    assert header == [
        "Indicator",
        "Total",
        "Women",
        "Men",
        "Other or not told",
        "Under 30",
        "30–54",
        "Over 54",
    ]
    assert body[0][0] == "Participants entered"
    assert body[0][1] == 15 and isinstance(body[0][1], int)  # numbers as numbers
    assert body[0][4] == "*"  # two "other": suppressed
    assert any("1–4" in str(v) for v in values)  # the note on suppression


def test_no_small_cell_in_the_xlsx(login, project, participants):
    response = login("rovaniemi.coordinator").get(
        f"/projects/{project.public_id}/indicators.xlsx?{PERIOD}"
    )
    _header, body = xlsx_table(response.content)
    cells = [v for r in body for v in r[1:]]
    assert len(cells) == len(indicators.ROWS) * len(indicators.COLUMNS)
    assert not any(small(v) for v in cells)
    assert "*" in cells


def test_no_small_cell_in_the_csv(login, project, participants):
    response = login("rovaniemi.coordinator").get(
        f"/projects/{project.public_id}/indicators.csv?{PERIOD}"
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["indicator", "label", *indicators.COLUMNS]
    assert [r[0] for r in rows[1:]] == list(indicators.ROWS)
    cells = [v for r in rows[1:] for v in r[2:]]
    assert not any(v.isdigit() and 0 < int(v) < 5 for v in cells)
    assert rows[1][2] == "15" and "*" in cells


def test_no_small_cell_in_the_api(login, project, participants):
    response = login("rovaniemi.coordinator").get(
        f"/api/v1/projects/{project.public_id}/indicators?{PERIOD}"
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["from"], data["to"]) == (START.isoformat(), END.isoformat())
    cells = [cell for row in data["rows"] for cell in row["cells"].values()]
    assert not any(small(c["value"]) for c in cells)
    assert all((c["value"] is None) == c["suppressed"] for c in cells)
    entered = next(r for r in data["rows"] if r["indicator"] == "entered")
    assert entered["cells"]["total"] == {"value": 15, "suppressed": False}
    assert entered["cells"]["other_or_not_told"] == {"value": None, "suppressed": True}


def test_no_small_cell_in_any_period(login, project, participants):
    """Each month of the year alone: the small numbers differ, none shows."""
    api = login("rovaniemi.coordinator")
    for month in range(1, 13):
        period = f"from=2025-{month:02d}-01&to=2025-{month:02d}-28"
        data = api.get(f"/api/v1/projects/{project.public_id}/indicators?{period}").json()
        assert not any(small(c["value"]) for r in data["rows"] for c in r["cells"].values())


def test_the_api_xlsx_is_the_same_table(login, project, participants, in_english):
    response = login("rovaniemi.coordinator").get(
        f"/api/v1/projects/{project.public_id}/indicators.xlsx?{PERIOD}"
    )
    assert response.status_code == 200
    _header, body = xlsx_table(response.content)
    assert body[0][1] == 15 and not any(small(v) for r in body for v in r[1:])


def test_exports_are_audited(login, project, participants):
    api = login("rovaniemi.coordinator")
    before = AuditEvent.objects.filter(action=AuditAction.EXPORT).count()
    api.get(f"/projects/{project.public_id}/indicators.csv")
    api.get(f"/projects/{project.public_id}/indicators.xlsx")
    events = AuditEvent.objects.filter(action=AuditAction.EXPORT).order_by("pk")[before:]
    assert [e.detail["format"] for e in events] == ["csv", "xlsx"]
    assert all(e.object_type == "esf.project" for e in events)


def test_bad_dates_give_422_naming_the_query_parameter(login, project):
    api = login("rovaniemi.coordinator")
    response = api.get(f"/api/v1/projects/{project.public_id}/indicators?from=2025-13-01")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "from"]
    response = api.get(
        f"/api/v1/projects/{project.public_id}/indicators?from=2025-06-01&to=2025-01-01"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "to"]


def test_the_project_list_of_the_api(login, project, client):
    assert client.get("/api/v1/projects").status_code == 401
    codes = [p["code"] for p in login("rovaniemi.coordinator").get("/api/v1/projects").json()]
    assert "TEST701" in codes


def test_outsiders_get_404_and_analysts_see_the_aggregates(login, project, participants):
    url = f"/api/v1/projects/{project.public_id}/indicators"
    assert login("kemi.coordinator").get(url).status_code == 404
    assert "TEST701" not in [
        p["code"] for p in login("kemi.coordinator").get("/api/v1/projects").json()
    ]
    assert login("ely.analyst").get(url).status_code == 200
