"""Regions and sub-regions named by their Statistics Finland codes, as the pages and the API
take them: "19" or "MK19" is a region (maakunta), "191" or "SK191" a sub-region (seutukunta)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from .models import Region, SubRegion

REGION_PREFIX, SUB_REGION_PREFIX = "MK", "SK"


class UnknownArea(LookupError):
    """A code that names no region or sub-region."""


@dataclass(frozen=True)
class Area:
    key: str  # MK19 or SK191: unique over both kinds
    code: str  # 19 or 191
    kind: str  # region or sub_region
    name: str
    region_code: str

    @property
    def municipalities(self) -> Q:
        """A filter on Municipality for the area's municipalities."""
        field = "region__code" if self.kind == "region" else "sub_region__code"
        return Q(**{field: self.code})


def resolve_area(code: str) -> Area:
    """The region or sub-region of a code; UnknownArea when there is none."""
    raw = (code or "").strip().upper()
    if raw.startswith(REGION_PREFIX) or (raw.isdigit() and len(raw) == 2):
        region = Region.objects.filter(code=raw.removeprefix(REGION_PREFIX)).first()
        if region is not None:
            return Area(
                REGION_PREFIX + region.code, region.code, "region", region.name, region.code
            )
    elif raw.startswith(SUB_REGION_PREFIX) or (raw.isdigit() and len(raw) == 3):
        sub = (
            SubRegion.objects.select_related("region")
            .filter(code=raw.removeprefix(SUB_REGION_PREFIX))
            .first()
        )
        if sub is not None:
            return Area(
                SUB_REGION_PREFIX + sub.code, sub.code, "sub_region", sub.name, sub.region.code
            )
    raise UnknownArea(f"No region or sub-region with the code {code!r}")


def areas_of_municipalities() -> dict[int, tuple[str, str]]:
    """Municipality pk -> (its region's key, its sub-region's key): where a person living there
    is counted in the area totals (training impact, bottlenecks)."""
    from .models import Municipality

    return {
        pk: (REGION_PREFIX + region, SUB_REGION_PREFIX + sub)
        for pk, region, sub in Municipality.objects.values_list(
            "pk", "region__code", "sub_region__code"
        )
    }


def sub_regions_of_regions() -> dict[str, list[str]]:
    """Region key -> its sub-regions' keys, for protecting a region's counts with its parts."""
    found: dict[str, list[str]] = {}
    for sub, region in SubRegion.objects.values_list("code", "region__code"):
        found.setdefault(REGION_PREFIX + region, []).append(SUB_REGION_PREFIX + sub)
    return found
