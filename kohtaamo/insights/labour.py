"""Lapland's employment service statistics: unemployed job seekers and open vacancies at month end.

Read from the compact copy in data/reference/labour (see NOTICE). Pure functions over plain
data; issue 9's import into the database builds on the same files. Occupation codes are the
Finnish classification of occupations 2010 (ISCO-08 based, levels 1-4, "0" for armed forces).
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Month:
    month: str  # "2023-10"
    unemployed: int
    vacancies: int


@dataclass(frozen=True)
class OccupationPicture:
    """The recent picture of one occupation group in the region."""

    isco: str
    latest_month: str
    unemployed: int  # in the latest month
    vacancies: int
    unemployed_12m: float  # average of the last 12 months
    vacancies_12m: float
    peak_months: list[int]  # calendar months with the most vacancies over the last 5 years

    @property
    def tension(self) -> float | None:
        """Vacancies per unemployed job seeker over the last 12 months (above 1: shortage)."""
        return round(self.vacancies_12m / self.unemployed_12m, 2) if self.unemployed_12m else None


def _read(path: Path, key: str) -> dict[str, list[Month]]:
    series: dict[str, list[Month]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            series[row[key]].append(
                Month(row["month"], int(row["unemployed"]), int(row["vacancies"]))
            )
    for months in series.values():
        months.sort(key=lambda m: m.month)
    return dict(series)


@lru_cache(maxsize=4)
def occupation_series(folder: Path) -> dict[str, list[Month]]:
    """ISCO code -> months, for the whole region of Lapland."""
    return _read(folder / "lapland_by_occupation.csv.gz", "isco")


@lru_cache(maxsize=4)
def area_series(folder: Path) -> dict[str, list[Month]]:
    """Area code (KU698, SK191, MK19...) -> months."""
    return _read(folder / "areas.csv.gz", "area")


def picture(months: list[Month], isco: str = "") -> OccupationPicture | None:
    if not months:
        return None
    last = months[-12:]
    recent = months[-60:]
    by_month: dict[int, int] = defaultdict(int)
    for m in recent:
        by_month[int(m.month[5:7])] += m.vacancies
    ranked = sorted(by_month, key=lambda k: (-by_month[k], k))
    top = by_month[ranked[0]] if ranked else 0
    peaks = sorted(k for k in ranked[:3] if top and by_month[k] >= 0.8 * top)
    return OccupationPicture(
        isco=isco,
        latest_month=months[-1].month,
        unemployed=months[-1].unemployed,
        vacancies=months[-1].vacancies,
        unemployed_12m=round(sum(m.unemployed for m in last) / len(last), 1),
        vacancies_12m=round(sum(m.vacancies for m in last) / len(last), 1),
        peak_months=peaks,
    )


def vacancy_mix(folder: Path, *, year: str = "2022", level: int = 4) -> dict[str, float]:
    """Average month-end open vacancies in Lapland in `year`, by occupation code of `level`."""
    mix = {}
    for code, months in occupation_series(folder).items():
        if len(code) != level:
            continue
        values = [m.vacancies for m in months if m.month.startswith(year)]
        if values and (average := sum(values) / len(values)) > 0:
            mix[code] = average
    return mix
