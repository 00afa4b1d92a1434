"""The situation picture: the source's numbers on the page, in the CSV and in the API, and
none of them a count of 1-4 or one that could be worked out from the others."""

import csv
import io
import re
from datetime import date

import pytest

from kohtaamo.insights import areas, services, situation, suppression
from kohtaamo.insights.models import LabourStat
from tests.insights.test_suppression import leaks

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def statistics(django_db_setup, django_db_blocker):
    """The session's statistics (imported and protected by import_labour_stats); imported
    again should another module have removed them."""
    with django_db_blocker.unblock():
        if not LabourStat.objects.filter(area="MK19").exists():
            services.import_files(services.default_files())


def cell(html: str, series: str, month: str, measure: str) -> str:
    """The cell's text, or "*" when the count is withheld (the product's one mark for it)."""
    found = re.search(
        rf'data-series="{series}" data-month="{month}" data-measure="{measure}">(.*?)</td>', html
    )
    assert found, f"no cell {series} {month} {measure}"
    return "*" if 'class="count-hidden"' in found.group(1) else found.group(1)


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


# Must show: the source's numbers -----------------------------------------------------------


def test_the_region_page_shows_2006_to_2023_equal_to_the_source(login, in_english):
    html = login("rovaniemi.coordinator").get("/regions/MK19/situation/").content.decode()
    # kohtaanto_ammateittain_maakunta_MK19_Lappi_2006_2023.csv: "5,2015-06-01,MK19,3021.0,508.0"
    assert cell(html, "5", "2015-06", "unemployed") == "3021"
    assert cell(html, "5", "2015-06", "vacancies") == "508"
    assert cell(html, "all", "2006-01", "unemployed")  # the first month
    assert cell(html, "all", "2023-10", "unemployed")  # and the last
    assert 'id="chart-main-svg"' in html and 'id="chart-shortage"' in html


def test_drilling_down_to_a_group_shows_its_sub_groups_as_the_source(login, in_english):
    client = login("rovaniemi.coordinator")
    html = client.get("/regions/MK19/situation/?group=522").content.decode()
    # "5223,2019-12-01,MK19,342.0,100.0"
    assert cell(html, "5223", "2019-12", "unemployed") == "342"
    assert cell(html, "5223", "2019-12", "vacancies") == "100"
    assert 'aria-current="page">522 ' in html
    rows = csv_rows(client.get("/regions/MK19/situation.csv?group=522"))
    (row,) = [r for r in rows if r["occupation"] == "5223" and r["month"] == "2019-12"]
    assert (row["table"], row["unemployed"], row["vacancies"]) == ("series", "342", "100")
    assert row["tension"] == "0.292"


def test_the_csv_and_the_api_give_the_same_numbers(login):
    client = login("rovaniemi.coordinator")
    rows = csv_rows(client.get("/regions/MK19/situation.csv"))
    (row,) = [r for r in rows if r["occupation"] == "5" and r["month"] == "2015-06"]
    assert (row["unemployed"], row["vacancies"]) == ("3021", "508")
    assert {r["table"] for r in rows} == {"series", "shortage", "surplus", "seasonal", "yearly"}
    api = client.get("/api/v1/regions/MK19/situation?from=2015-06&to=2015-06&group=5").json()
    assert api["area"] == {"code": "MK19", "name": "Lappi", "kind": "region"}
    assert api["months"] == ["2015-06"]
    group, *parts = api["series"]
    assert group["points"] == [
        {"month": "2015-06", "unemployed": 3021, "vacancies": 508, "tension": 0.168,
         "unemployed_suppressed": False, "vacancies_suppressed": False}
    ]  # fmt: skip
    assert [p["occupation"] for p in parts] == ["51", "52", "53", "54"]


def test_sub_regions_and_municipalities_are_totals_only(login, in_english):
    client = login("kemi.coordinator")
    html = client.get("/regions/KU698/situation/").content.decode()
    assert 'id="situation-totals-only"' in html and "situation-parts" not in html
    # kohtaanto_alueittain_*.csv: "KU698,2023-10-01,2699.0,1403.0"
    assert cell(html, "all", "2023-10", "unemployed") == "2699"
    assert cell(html, "all", "2023-10", "vacancies") == "1403"
    api = client.get("/api/v1/regions/SK191/situation?from=2020-04&to=2020-04").json()
    assert api["by_occupation"] is False
    assert api["series"][0]["points"][0]["unemployed"] == 6202  # the source: 6202 / 812
    assert api["series"][0]["points"][0]["vacancies"] == 812


# Privacy ----------------------------------------------------------------------------------


def test_no_count_of_1_to_4_is_left_shown_in_the_table():
    for measure in ("unemployed", "vacancies"):
        small = LabourStat.objects.filter(**{f"{measure}__range": (1, 4)})
        assert small.exists()  # the source has them...
        assert not small.filter(**{f"{measure}_suppressed": False}).exists()  # ...never shown


@pytest.mark.parametrize("month", [date(2006, 1, 1), date(2015, 6, 1), date(2023, 10, 1)])
def test_no_hidden_count_can_be_worked_out_from_its_area_or_group(month):
    rows = LabourStat.objects.filter(month=month)
    family = areas.sub_areas()
    relations = suppression.statistics_relations({(r.area, r.occupation) for r in rows}, family)
    for measure in ("unemployed", "vacancies"):
        counts = {(r.area, r.occupation): getattr(r, measure) for r in rows}
        hidden = {(r.area, r.occupation) for r in rows if getattr(r, f"{measure}_suppressed")}
        assert leaks(counts, hidden, relations) == []


def test_pelkosenniemi_and_savukoski_vacancies_are_hidden_together(login, in_english):
    def vacancies(area):
        return LabourStat.objects.get(area=area, occupation="", month=date(2015, 6, 1))

    # June 2015: Savukoski 4 vacancies, Pelkosenniemi 5; with Pelkosenniemi shown, the
    # sub-region of Itä-Lappi (SK194) minus its other municipalities would give Savukoski's 4.
    savukoski, pelkosenniemi = vacancies("KU742"), vacancies("KU583")
    assert (savukoski.vacancies, pelkosenniemi.vacancies) == (4, 5)
    assert savukoski.vacancies_suppressed and pelkosenniemi.vacancies_suppressed
    client = login("rovaniemi.coordinator")
    html = client.get("/regions/KU583/situation/").content.decode()
    assert cell(html, "all", "2015-06", "vacancies") == "*"
    rows = csv_rows(client.get("/regions/KU583/situation.csv"))
    (june,) = [r for r in rows if r["table"] == "series" and r["month"] == "2015-06"]
    assert (june["vacancies"], june["vacancies_suppressed"]) == ("", "true")
    assert june["unemployed"] and june["unemployed_suppressed"] == "false"
    api = client.get("/api/v1/regions/KU742/situation?from=2015-06&to=2015-06").json()
    point = api["series"][0]["points"][0]
    assert (point["vacancies"], point["vacancies_suppressed"], point["tension"]) == (
        None,
        True,
        None,
    )


def test_no_page_csv_or_api_answer_has_a_count_of_1_to_4(login):
    client = login("ely.analyst")
    for code in ("MK19", "SK194", "KU742"):
        for row in csv_rows(client.get(f"/regions/{code}/situation.csv")):
            for field in ("unemployed", "vacancies", "unemployed_mean", "vacancies_mean"):
                assert row[field] == "" or not 0 < float(row[field]) < 5, (code, row)
        for series in client.get(f"/api/v1/regions/{code}/situation?level=4").json()["series"]:
            for point in series["points"]:
                for field in ("unemployed", "vacancies"):
                    assert point[field] is None or not 1 <= point[field] <= 4, (code, point)


def test_protecting_again_changes_nothing():
    assert situation.protect_statistics().changed == 0


# Access and input --------------------------------------------------------------------------


def test_staff_and_analysts_see_it_job_seekers_and_unknown_areas_get_404(client, login):
    response = client.get("/regions/MK19/situation/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert login("ely.analyst").get("/regions/19/situation/").status_code == 200
    assert login("ely.analyst").get("/regions/698/situation/").status_code == 404  # SK698
    assert login("ely.analyst").get("/regions/MK19/situation/?group=99").status_code == 404
    seeker = login("demo.seeker")  # kept in their own view, as on every staff page
    for url in ("/regions/MK19/situation/", "/regions/MK19/situation.csv"):
        response = seeker.get(url)
        assert response.status_code == 302 and response["Location"].endswith("/oma/")
    assert seeker.get("/api/v1/regions/MK19/situation").status_code == 404


def test_a_bad_month_is_named(login, in_english):
    client = login("rovaniemi.coordinator")
    html = client.get("/regions/MK19/situation/?from=2015-13").content.decode()
    assert 'id="error-summary"' in html and "Give the month as YYYY-MM" in html
    response = client.get("/api/v1/regions/MK19/situation?from=2015-13")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "from"]
    response = client.get("/api/v1/regions/MK19/situation?group=99")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "group"]
    assert client.get("/api/v1/regions/KU999/situation").status_code == 404


def test_the_period_chooses_the_months_and_the_ranking_its_level(login, in_english):
    html = (
        login("rovaniemi.coordinator")
        .get("/regions/MK19/situation/?from=2019-01&to=2020-12&level=2")
        .content.decode()
    )
    months = set(re.findall(r'data-series="all" data-month="(\d{4}-\d{2})"', html))
    assert min(months) == "2019-01" and max(months) == "2020-12" and len(months) == 24
    ranking = situation.tension_ranking("MK19", 2, date(2020, 12, 1))
    assert ranking.shortage and ranking.shortage[0].tension >= ranking.surplus[0].tension
    assert all(len(t.occupation) == 2 for t in ranking.shortage)
    assert f">{ranking.shortage[0].occupation} {ranking.shortage[0].label}</a>" in html


def test_the_seasonal_profile_and_yearly_means_need_every_count_shown():
    points = [
        situation.Point(date(2020, 1, 1), 10, 5),
        situation.Point(date(2021, 1, 1), 20, None, vacancies_suppressed=True),
        situation.Point(date(2021, 2, 1), 30, 6),
        situation.Point(date(2021, 3, 1), 30, 0),
        situation.Point(date(2022, 3, 1), 30, 7),
    ]
    january, february, march, *_ = situation.seasonal_profile(points)
    assert (january.unemployed_mean, january.vacancies_mean) == (15.0, None)  # one hidden
    assert (february.unemployed_mean, february.vacancies_mean) == (30.0, 6.0)
    assert march.vacancies_mean is None  # 3.5: read as a count, so held to the same rule
    yearly = [(y.key, y.vacancies_mean) for y in situation.yearly(points)]
    assert yearly == [(2020, 5.0), (2021, None), (2022, 7.0)]


def test_an_import_protects_the_new_months_too(tmp_path):
    later = tmp_path / "kohtaanto_alueittain_2023_11.csv"
    later.write_text(
        "alue,time,TYOTTOMATLOPUSSA,AVPAIKATLOPUSSA\n"
        "SK194,2023-11-01,900.0,40.0\nKU742,2023-11-01,60.0,3.0\nKU583,2023-11-01,50.0,9.0\n",
        encoding="utf-8",
    )
    report = services.import_files([later])
    assert report.vacancies_hidden >= 2
    rows = {r.area: r for r in LabourStat.objects.filter(month=date(2023, 11, 1))}
    assert rows["KU742"].vacancies_suppressed  # 3
    # The rest of Itä-Lappi (40 - 3 - 9 = 28) is unpublished here, so Pelkosenniemi may stay.
    assert not rows["KU583"].vacancies_suppressed and not rows["SK194"].vacancies_suppressed
