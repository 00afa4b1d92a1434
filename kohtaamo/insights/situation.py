"""The situation picture from the employment service statistics (LabourStat).

What is read: an area's months of unemployed job seekers and open vacancies, in total or by
occupation group; the tension (open vacancies per unemployed job seeker: above 1 more jobs than
people, a shortage; well below 1 a surplus of people); the occupations in shortage and in
surplus over the last 12 months; the seasonal profile (the mean of each calendar month over the
period's years); and a Beveridge view (unemployed against vacancies, one point per year).

Privacy: the public source publishes the small counts too, but Kohtaamo shows none from 1 to 4
nor any that could be worked out from the others. `protect_statistics` sets the suppression
flags after each import (kohtaamo.insights.suppression says how); every reader here gives a
hidden count as None, and a ratio or a mean only when every count behind it is shown.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max, Min
from django.utils.translation import get_language

from kohtaamo.taxonomy.models import IscoGroup

from . import areas, labour, suppression
from .models import LabourStat

ALL = ""
TENSION_MONTHS = 12
MEANINGFUL_UNEMPLOYED = 20  # the fewest unemployed in a month for a group's tension to count
RANKED = 10  # occupations in shortage and in surplus
UPDATE_BATCH = 2000


# Protection --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProtectionReport:
    cells: int
    unemployed_hidden: int
    vacancies_hidden: int
    changed: int
    seconds: float


@transaction.atomic
def protect_statistics() -> ProtectionReport:
    """Set `unemployed_suppressed` and `vacancies_suppressed` over the whole table, month by
    month: counts 1-4 and whatever would let them be worked out through the area hierarchy
    (region, sub-regions, municipalities) or the occupation tree. Call after every import."""
    started = time.monotonic()
    family = areas.sub_areas()
    by_month: dict[date, dict] = defaultdict(dict)
    fields = ("pk", "area", "occupation", "month", "unemployed", "vacancies")
    flags = ("unemployed_suppressed", "vacancies_suppressed")
    for pk, area, occupation, month, *values in LabourStat.objects.values_list(
        *fields, *flags
    ).iterator(chunk_size=10000):
        by_month[month][(area, occupation)] = (pk, *values)
    changes: dict[tuple[bool, bool], list[int]] = defaultdict(list)
    hidden = [0, 0]
    for cells in by_month.values():
        relations = suppression.statistics_relations(cells, family)
        unemployed = suppression.hidden_cells({c: r[1] for c, r in cells.items()}, relations)
        vacancies = suppression.hidden_cells({c: r[2] for c, r in cells.items()}, relations)
        hidden[0] += len(unemployed)
        hidden[1] += len(vacancies)
        for cell, (pk, _u, _v, *old) in cells.items():
            new = (cell in unemployed, cell in vacancies)
            if new != tuple(old):
                changes[new].append(pk)
    for (u, v), pks in changes.items():
        for start in range(0, len(pks), UPDATE_BATCH):
            LabourStat.objects.filter(pk__in=pks[start : start + UPDATE_BATCH]).update(
                unemployed_suppressed=u, vacancies_suppressed=v
            )
    return ProtectionReport(
        cells=sum(len(c) for c in by_month.values()),
        unemployed_hidden=hidden[0],
        vacancies_hidden=hidden[1],
        changed=sum(len(p) for p in changes.values()),
        seconds=round(time.monotonic() - started, 2),
    )


# Reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One month as it may be shown: None for a hidden or unpublished count."""

    month: date
    unemployed: int | None
    vacancies: int | None
    unemployed_suppressed: bool = False
    vacancies_suppressed: bool = False

    @property
    def tension(self) -> float | None:
        """Open vacancies per unemployed job seeker; only when both counts are shown."""
        if self.unemployed and self.vacancies is not None:
            return round(self.vacancies / self.unemployed, 3)
        return None


@dataclass(frozen=True)
class Series:
    occupation: str  # "" = all occupations
    label: str
    points: list[Point]

    @property
    def any_suppressed(self) -> bool:
        return any(p.unemployed_suppressed or p.vacancies_suppressed for p in self.points)


def period_of(area_code: str) -> tuple[date, date] | None:
    """The first and the last month of the area's statistics; None when there are none."""
    found = LabourStat.objects.filter(area=area_code, occupation=ALL).aggregate(
        first=Min("month"), last=Max("month")
    )
    return None if found["first"] is None else (found["first"], found["last"])


def has_occupations(area_code: str) -> bool:
    return LabourStat.objects.filter(area=area_code).exclude(occupation=ALL).exists()


def groups_below(area_code: str, group: str = ALL) -> list[str]:
    """The occupation groups one level below `group` ("" = all: the level-1 groups)."""
    codes = (
        LabourStat.objects.filter(area=area_code, occupation__startswith=group)
        .exclude(occupation=ALL)
        .order_by()
        .values_list("occupation", flat=True)
        .distinct()
    )
    return sorted(c for c in codes if len(c) == len(group) + 1)


def groups_of_level(area_code: str, level: int) -> list[str]:
    codes = LabourStat.objects.filter(area=area_code, occupation__regex=rf"^\d{{{level}}}$")
    return sorted(codes.order_by().values_list("occupation", flat=True).distinct())


def occupation_labels(codes: Iterable[str]) -> dict[str, str]:
    """The ISCO-08 group names in the current language (the code when there is none)."""
    codes = set(codes) - {ALL}
    field = {"fi": "label_fi", "sv": "label_sv"}.get((get_language() or "en")[:2], "label_en")
    found = dict(IscoGroup.objects.filter(code__in=codes).values_list("code", field))
    english = dict(IscoGroup.objects.filter(code__in=codes).values_list("code", "label_en"))
    return {c: found.get(c) or english.get(c) or c for c in codes}


def series(
    area_code: str, occupations: Sequence[str], start: date, end: date, all_label: str = ""
) -> list[Series]:
    """The months from `start` to `end` of each occupation group, in the given order."""
    rows = LabourStat.objects.filter(
        area=area_code, occupation__in=occupations, month__range=(start, end)
    ).order_by("month")
    points: dict[str, list[Point]] = {code: [] for code in occupations}
    for row in rows:
        points[row.occupation].append(_point(row))
    labels = occupation_labels(occupations)
    return [
        Series(code, labels.get(code, all_label) if code else all_label, points[code])
        for code in occupations
    ]


def _point(row: LabourStat) -> Point:
    return Point(
        month=row.month,
        unemployed=None if row.unemployed_suppressed else row.unemployed,
        vacancies=None if row.vacancies_suppressed else row.vacancies,
        unemployed_suppressed=row.unemployed_suppressed,
        vacancies_suppressed=row.vacancies_suppressed,
    )


# Tension: shortage and surplus -------------------------------------------------------------


@dataclass(frozen=True)
class Tension:
    occupation: str
    label: str
    tension: float  # over the last TENSION_MONTHS months
    unemployed: int  # in the last month
    vacancies: int


@dataclass(frozen=True)
class TensionRanking:
    level: int
    first: date
    last: date
    shortage: list[Tension]  # the highest tension first
    surplus: list[Tension]  # the lowest tension first
    ranked: int  # groups with enough people and every count shown


def tension_ranking(area_code: str, level: int, last: date, limit: int = RANKED) -> TensionRanking:
    """The occupation groups of a level by their tension over the 12 months up to `last`.

    A group is ranked only when each of its 24 counts is shown (a sum over months could
    otherwise reveal a hidden one) and it had at least MEANINGFUL_UNEMPLOYED unemployed in
    every month, so that one vacancy more or less does not swing the ratio."""
    first = _months_before(last, TENSION_MONTHS - 1)
    codes = groups_of_level(area_code, level)
    found = []
    for one in series(area_code, codes, first, last):
        points = one.points
        if len(points) != TENSION_MONTHS or any(
            p.unemployed is None or p.vacancies is None or p.unemployed < MEANINGFUL_UNEMPLOYED
            for p in points
        ):
            continue
        ratio = sum(p.vacancies for p in points) / sum(p.unemployed for p in points)
        end = points[-1]
        found.append(
            Tension(one.occupation, one.label, round(ratio, 3), end.unemployed, end.vacancies)
        )
    ordered = sorted(found, key=lambda t: (-t.tension, t.occupation))
    surplus = sorted(found, key=lambda t: (t.tension, t.occupation))
    return TensionRanking(level, first, last, ordered[:limit], surplus[:limit], len(found))


def _months_before(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


# Seasonal profile and Beveridge view -------------------------------------------------------


@dataclass(frozen=True)
class Mean:
    """A mean of months (a calendar month over years, or a year's months); None when a count
    behind it is hidden or missing, or when the mean is between 0 and 5."""

    key: int  # the calendar month 1-12, or the year
    unemployed_mean: float | None
    vacancies_mean: float | None
    months: int


def seasonal_profile(points: Sequence[Point]) -> list[Mean]:
    """The mean of each calendar month over the years of `points`."""
    return _means(points, lambda p: p.month.month, range(1, 13))


def yearly(points: Sequence[Point]) -> list[Mean]:
    """One mean per year: the points of the Beveridge view, joined in time order."""
    years = sorted({p.month.year for p in points})
    return _means(points, lambda p: p.month.year, years)


def _means(points: Sequence[Point], key, keys: Iterable[int]) -> list[Mean]:
    grouped: dict[int, list[Point]] = defaultdict(list)
    for point in points:
        grouped[key(point)].append(point)
    return [
        Mean(
            k,
            _mean([p.unemployed for p in grouped[k]]),
            _mean([p.vacancies for p in grouped[k]]),
            len(grouped[k]),
        )
        for k in keys
    ]


def _mean(values: list[int | None]) -> float | None:
    """None also for a mean between 0 and 5: not a count, but read as one (as in the
    situation room), so it is held to the same rule."""
    if not values or any(v is None for v in values):
        return None
    mean = round(sum(values) / len(values), 1)
    return None if 0 < mean < suppression.MINIMUM_COUNT else mean


# Periods and the page's selection ----------------------------------------------------------

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


def parse_month(text: str) -> date:
    """ "2015-06" → date(2015, 6, 1); ValueError otherwise."""
    year, _, month = (text or "").strip().partition("-")
    if (
        len(year) != 4
        or len(month) != 2
        or not (year + month).isdigit()
        or not (1 <= int(month) <= 12)
    ):
        raise ValueError(f"“{text}” is not a month (YYYY-MM)")
    return date(int(year), int(month), 1)


@dataclass(frozen=True)
class Selection:
    """What a situation page or API call shows: an area's months from `start` to `end`, the
    chosen occupation group ("" = all) and the groups one level below it."""

    area_code: str
    start: date
    end: date
    group: str
    parts: list[str]  # the sub-groups shown beside the group

    @property
    def codes(self) -> list[str]:
        return [self.group, *self.parts]


def select(area_code: str, start: date, end: date, group: str = ALL, level: int | None = None):
    """The selection; `level` (1-4) lists every group of that level instead of the
    sub-groups. ValueError naming `group` for a group the area has no statistics of."""
    if group and not LabourStat.objects.filter(area=area_code, occupation=group).exists():
        raise ValueError(f"No statistics of the occupation group “{group}” here")
    if level is not None and not group:
        parts = groups_of_level(area_code, level)
    else:
        parts = groups_below(area_code, group)
    return Selection(area_code, start, end, group, parts)


def group_path(group: str) -> list[str]:
    """The groups above `group` and itself: "522" → ["5", "52", "522"]."""
    return [group[:n] for n in range(1, len(group) + 1)]


# One occupation's recent picture (competence profiles, mapping reports) ----------------------


def occupation_picture(isco: str, area_code: str = "MK19") -> labour.OccupationPicture | None:
    """The recent picture of the most specific group of `isco` (4 digits down to 1) from its
    shown counts only: the latest month with both counts shown, the means of the shown months
    among the last 12 (at least 6 of each, and a mean of 0 or at least 5) and the peak months
    of the shown vacancies of the last 60. A function of shown counts reveals no hidden one;
    when a group has too few shown months, a profile or a mapping report names the broader
    group rather than a small or protected count."""
    for length in range(min(len(isco), 4), 0, -1):
        rows = list(
            LabourStat.objects.filter(area=area_code, occupation=isco[:length]).order_by("-month")[
                :60
            ]
        )
        if found := _picture(isco[:length], rows):
            return found
    return None


def _picture(code: str, rows: list[LabourStat]) -> labour.OccupationPicture | None:
    """rows: the group's last months, newest first."""
    points = [_point(r) for r in rows]
    latest = next((p for p in points if p.unemployed is not None and p.vacancies is not None), None)
    unemployed = [p.unemployed for p in points[:12] if p.unemployed is not None]
    vacancies = [p.vacancies for p in points[:12] if p.vacancies is not None]
    if latest is None or min(len(unemployed), len(vacancies)) < 6:
        return None
    means = [round(sum(v) / len(v), 1) for v in (unemployed, vacancies)]
    if any(0 < m < suppression.MINIMUM_COUNT for m in means):
        return None
    by_month: dict[int, int] = defaultdict(int)
    for p in points:
        by_month[p.month.month] += p.vacancies or 0
    ranked = sorted(by_month, key=lambda k: (-by_month[k], k))
    top = by_month[ranked[0]] if ranked else 0
    return labour.OccupationPicture(
        isco=code,
        latest_month=f"{latest.month:%Y-%m}",
        unemployed=latest.unemployed,
        vacancies=latest.vacancies,
        unemployed_12m=means[0],
        vacancies_12m=means[1],
        peak_months=sorted(k for k in ranked[:3] if top and by_month[k] >= 0.8 * top),
    )
