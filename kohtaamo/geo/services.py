"""Importing municipalities, sub-regions and regions from data/reference/geo."""

import csv
import gzip
import io
from pathlib import Path

from django.db import transaction

from kohtaamo.core.errors import ReferenceDataError
from kohtaamo.geo.models import Municipality, Region, SubRegion

COLUMNS = [
    "code", "name_fi", "name_sv", "name_en", "region_code", "region_fi", "region_sv",
    "region_en", "sub_region_code", "sub_region_fi", "sub_region_sv", "sub_region_en",
    "employment_area", "latitude", "longitude", "population", "population_year",
]  # fmt: skip


def read_municipalities(path: Path) -> list[dict]:
    try:
        with gzip.open(path, "rb") as raw:
            reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
            if reader.fieldnames != COLUMNS:
                raise ReferenceDataError(f"{path.name}: line 1: unexpected columns")
            rows = []
            for row in reader:
                rows.append(_checked(row, path.name, reader.line_num))
            return rows
    except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
        raise ReferenceDataError(f"{path.name}: cannot be read: {exc}") from exc


def _checked(row: dict, name: str, line: int) -> dict:
    where = f"{name}: line {line}"
    if not (row["code"].isdigit() and len(row["code"]) == 3):
        raise ReferenceDataError(f"{where}: municipality code {row['code']!r} is not 3 digits")
    try:
        for key in ("latitude", "longitude"):
            row[key] = float(row[key]) if row[key] else None
        for key in ("population", "population_year"):
            row[key] = int(float(row[key])) if row[key] else None
    except ValueError as exc:
        raise ReferenceDataError(f"{where}: {exc}") from exc
    return row


@transaction.atomic
def import_geo(path: Path) -> int:
    rows = read_municipalities(path)
    regions, sub_regions = {}, {}
    for row in rows:
        code = row["region_code"]
        if code not in regions:
            regions[code], _ = Region.objects.update_or_create(
                code=code,
                defaults={f"name_{lang}": row[f"region_{lang}"] for lang in ("fi", "sv", "en")},
            )
        code = row["sub_region_code"]
        if code not in sub_regions:
            defaults = {f"name_{lang}": row[f"sub_region_{lang}"] for lang in ("fi", "sv", "en")}
            sub_regions[code], _ = SubRegion.objects.update_or_create(
                code=code, defaults={**defaults, "region": regions[row["region_code"]]}
            )
        Municipality.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "region": regions[row["region_code"]],
                "sub_region": sub_regions[row["sub_region_code"]],
                "employment_area": row["employment_area"],
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "population": row["population"],
                "population_year": row["population_year"],
            },
        )
    return len(rows)
