"""Importing the statistics into the database: the repository's copy, later months, and a
broken file that changes nothing."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from kohtaamo.insights import services
from kohtaamo.insights.models import LabourStat
from kohtaamo.insights.statistics import StatisticsError

pytestmark = pytest.mark.django_db
HEADER = "ammattiryhma,time,alue,TYOTTOMATLOPUSSA,AVPAIKATLOPUSSA,code_level\n"


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """Kohtaamo's copy of Lapland 2006-01..2023-10 imported again over the test database's
    import (the same rows: nothing changes for the other modules)."""
    with django_db_blocker.unblock():
        return services.import_files(services.default_files())


def value(area: str, occupation: str, month: date) -> tuple:
    row = LabourStat.objects.get(area=area, occupation=occupation, month=month)
    return row.unemployed, row.vacancies


def test_the_copy_holds_lapland_2006_to_2023_as_the_source(imported):
    assert (imported.first_month, imported.last_month) == (date(2006, 1, 1), date(2023, 10, 1))
    # Checked by hand against the source files of Statistics Finland:
    # kohtaanto_ammateittain_maakunta_MK19_Lappi_2006_2023.csv "5223,2019-12-01,MK19,342.0,100.0"
    assert value("MK19", "5223", date(2019, 12, 1)) == (342, 100)
    assert value("MK19", "5", date(2015, 6, 1)) == (3021, 508)
    # kohtaanto_alueittain_*.csv "KU698,2023-10-01,2699.0,1403.0", "SK191,2020-04-01,6202.0,812.0"
    assert value("KU698", "", date(2023, 10, 1)) == (2699, 1403)
    assert value("SK191", "", date(2020, 4, 1)) == (6202, 812)
    months = LabourStat.objects.series("MK19", "").count()
    assert months == (2023 - 2006) * 12 + 10  # every month of the region


def test_importing_again_adds_nothing(imported):
    count = LabourStat.objects.count()
    report = services.import_files(services.default_files())
    assert (report.added, report.updated) == (0, imported.rows)
    assert LabourStat.objects.count() == count


def test_later_months_in_the_source_layout_are_added_and_a_corrected_month_replaced(
    imported, tmp_path
):
    later = tmp_path / "kohtaanto_ammateittain_maakunta_MK19_Lappi_2023_11.csv"
    later.write_text(
        HEADER + "9629,2023-11-01,MK19,35.0,14.0,4\n9629,2023-10-01,MK19,33.0,11.0,4\n",
        encoding="utf-8",
    )
    call_command("import_labour_stats", str(later), verbosity=0)
    assert value("MK19", "9629", date(2023, 11, 1)) == (35, 14)
    assert value("MK19", "9629", date(2023, 10, 1)) == (33, 11)  # the correction


def test_a_broken_file_changes_nothing_and_says_where(imported, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "9629,2023-12-01,MK19,40.0,9.0,4\n", encoding="utf-8")
    broken = tmp_path / "broken.csv"
    broken.write_text(HEADER + "9629,2023-12-01,MK19,forty,9.0,4\n", encoding="utf-8")
    count = LabourStat.objects.count()
    with pytest.raises(CommandError, match=r"broken.csv, line 2, column TYOTTOMATLOPUSSA"):
        call_command("import_labour_stats", str(good), str(broken), verbosity=0)
    assert LabourStat.objects.count() == count  # not even the good file's month
    assert not LabourStat.objects.filter(month=date(2023, 12, 1)).exists()


def test_a_missing_file_is_an_error_naming_it(imported, tmp_path):
    with pytest.raises(StatisticsError, match="nowhere.csv: cannot be read"):
        services.import_files([tmp_path / "nowhere.csv"])
