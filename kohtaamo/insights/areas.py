"""Areas of the statistics by their Statistics Finland codes: MK19 (region), SK191 (sub-region),
KU698 (municipality). A bare number is read as geo.areas reads it: "19" a region, "191" a
sub-region; a municipality needs its prefix, since "698" alone would be ambiguous with the
three-digit sub-region codes."""

from __future__ import annotations

from dataclasses import dataclass

from kohtaamo.geo.models import Municipality, Region, SubRegion

REGION, SUB_REGION, MUNICIPALITY = "region", "sub_region", "municipality"


class UnknownArea(LookupError):
    """A code that names no region, sub-region or municipality."""


@dataclass(frozen=True)
class StatArea:
    code: str  # MK19, SK191, KU698: the area of LabourStat
    kind: str
    name: str
    parent: StatArea | None = None

    @property
    def number(self) -> str:
        return self.code[2:]


def resolve(code: str) -> StatArea:
    """The area of a code; UnknownArea when there is none."""
    raw = (code or "").strip().upper()
    if raw.isdigit() and len(raw) in (2, 3):
        raw = ("MK" if len(raw) == 2 else "SK") + raw
    prefix, number = raw[:2], raw[2:]
    if prefix == "MK":
        region = Region.objects.filter(code=number).first()
        if region is not None:
            return StatArea(raw, REGION, region.name)
    elif prefix == "SK":
        sub = SubRegion.objects.select_related("region").filter(code=number).first()
        if sub is not None:
            return StatArea(raw, SUB_REGION, sub.name, _region(sub.region))
    elif prefix == "KU":
        found = Municipality.objects.select_related("sub_region__region").filter(code=number)
        if (municipality := found.first()) is not None:
            sub = municipality.sub_region
            parent = StatArea("SK" + sub.code, SUB_REGION, sub.name, _region(sub.region))
            return StatArea(raw, MUNICIPALITY, municipality.name, parent)
    raise UnknownArea(f"No region, sub-region or municipality with the code {code!r}")


def _region(region: Region) -> StatArea:
    return StatArea("MK" + region.code, REGION, region.name)


def children(area: StatArea) -> list[StatArea]:
    """The sub-regions of a region, the municipalities of a sub-region."""
    if area.kind == REGION:
        subs = SubRegion.objects.filter(region__code=area.number)
        return [StatArea("SK" + s.code, SUB_REGION, s.name, area) for s in subs]
    if area.kind == SUB_REGION:
        found = Municipality.objects.filter(sub_region__code=area.number)
        return [StatArea("KU" + m.code, MUNICIPALITY, m.name, area) for m in found]
    return []


def sub_areas() -> dict[str, list[str]]:
    """The additive area hierarchy of the statistics: SSS → MKxx, MKxx → SKxxx, SKxxx → KUxxx."""
    family: dict[str, list[str]] = {"SSS": []}
    for code in Region.objects.values_list("code", flat=True):
        family["SSS"].append("MK" + code)
    for code, region in SubRegion.objects.values_list("code", "region__code"):
        family.setdefault("MK" + region, []).append("SK" + code)
    for code, sub in Municipality.objects.values_list("code", "sub_region__code"):
        family.setdefault("SK" + sub, []).append("KU" + code)
    return family
