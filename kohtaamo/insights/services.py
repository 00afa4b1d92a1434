"""Importing the employment service statistics into the database.

All files are read and checked first (`kohtaamo.insights.statistics`), then written in one
transaction as upserts: a later file with new months adds them, a corrected month replaces
the old figures, and a broken file changes nothing.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kohtaamo.core.reference import reference_dir

from . import statistics
from .models import LabourStat
from .situation import protect_statistics

BATCH = 5000


def default_files() -> list[Path]:
    """Kohtaamo's compact copy of Lapland's statistics 2006-01..2023-10 (see NOTICE)."""
    folder = reference_dir() / "labour"
    return [folder / "lapland_by_occupation.csv.gz", folder / "areas.csv.gz"]


@dataclass(frozen=True)
class ImportReport:
    rows: int
    added: int
    updated: int
    first_month: date | None
    last_month: date | None
    areas: int
    unemployed_hidden: int = 0  # counts of the whole table hidden after the import
    vacancies_hidden: int = 0


def read_file(path: Path) -> list[statistics.StatRow]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as lines:
            return statistics.parse(lines, path.name)
    except (OSError, UnicodeDecodeError) as exc:
        raise statistics.StatisticsError([f"{path.name}: cannot be read ({exc})"]) from exc


@transaction.atomic
def import_files(paths: Iterable[Path]) -> ImportReport:
    """Check every file, then upsert every row and protect the whole table again
    (kohtaamo.insights.situation.protect_statistics); StatisticsError (nothing written)
    otherwise."""
    rows, problems = [], []
    for path in paths:
        try:
            rows += read_file(Path(path))
        except statistics.StatisticsError as exc:
            problems += exc.problems
    if problems:
        raise statistics.StatisticsError(problems)
    report = import_rows(rows)
    protection = protect_statistics()
    return replace(
        report,
        unemployed_hidden=protection.unemployed_hidden,
        vacancies_hidden=protection.vacancies_hidden,
    )


@transaction.atomic
def import_rows(rows: Iterable[statistics.StatRow]) -> ImportReport:
    rows = list(statistics.deduplicated(rows))
    before = LabourStat.objects.count()
    now = timezone.now()
    objects = [
        LabourStat(
            area=r.area, occupation=r.occupation, month=r.month, unemployed=r.unemployed,
            vacancies=r.vacancies, imported_at=now,
        )
        for r in rows
    ]  # fmt: skip
    for start in range(0, len(objects), BATCH):
        LabourStat.objects.bulk_create(
            objects[start : start + BATCH],
            update_conflicts=True,
            unique_fields=["area", "occupation", "month"],
            update_fields=["unemployed", "vacancies", "imported_at"],
        )
    added = LabourStat.objects.count() - before
    months = [r.month for r in rows]
    return ImportReport(
        rows=len(rows),
        added=added,
        updated=len(rows) - added,
        first_month=min(months, default=None),
        last_month=max(months, default=None),
        areas=len({r.area for r in rows}),
    )
