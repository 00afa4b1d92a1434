"""The recent picture of one occupation on competence profiles and mapping reports reads the
protected statistics: it never shows a hidden count, and a group too small to show gives way
to its broader group."""

from collections import Counter
from datetime import date

import pytest

from kohtaamo.insights.models import LabourStat
from kohtaamo.insights.situation import occupation_picture

pytestmark = pytest.mark.django_db


def stat(code: str, month: str) -> LabourStat:
    return LabourStat.objects.get(
        area="MK19", occupation=code, month=date.fromisoformat(month + "-01")
    )


def test_the_latest_month_shown_is_one_whose_counts_are_both_shown():
    found = occupation_picture("8342")  # earth-moving plant operators: some months protected
    assert found is not None and found.isco == "8342"
    row = stat("8342", found.latest_month)
    assert not row.unemployed_suppressed and not row.vacancies_suppressed
    assert (found.unemployed, found.vacancies) == (row.unemployed, row.vacancies)
    assert found.vacancies_12m >= 5 and found.unemployed_12m >= 5


def test_a_group_with_too_few_shown_months_gives_way_to_its_broader_group():
    last_year = LabourStat.objects.filter(
        area="MK19", month__gte=date(2022, 11, 1), vacancies_suppressed=True
    )
    hidden = Counter(
        code for code in last_year.values_list("occupation", flat=True) if len(code) == 4
    )
    small = sorted(code for code, months in hidden.items() if months > 6)
    assert small
    for code in small[:10]:
        found = occupation_picture(code)
        assert found is None or code.startswith(found.isco) and found.isco != code
        if found is not None:
            row = stat(found.isco, found.latest_month)
            assert not row.unemployed_suppressed and not row.vacancies_suppressed
