"""Derive the compact reference files in data/reference/ from the shared source data.

Run once when the sources change:  python scripts/build_reference_data.py ../shared/data
The outputs are committed; the product never reads the shared folder at run time.
"""

import csv
import gzip
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "reference"


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_gz_csv(path: Path, header: list[str], rows) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    # mtime=0 keeps the output byte-identical between runs.
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz,
        open_text(gz) as fh,
    ):
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


class open_text:
    def __init__(self, binary):
        import io

        self.fh = io.TextIOWrapper(binary, encoding="utf-8", newline="")

    def __enter__(self):
        return self.fh

    def __exit__(self, *exc):
        self.fh.flush()
        self.fh.detach()


def split_lines(value: str) -> list[str]:
    return [v.strip() for v in value.replace("\r", "").split("\n") if v.strip()]


def build_geo(src: Path) -> None:
    key = read_csv(src / "geo" / "municipality_key_2026.csv")
    lapland = {r["kunta"]: r for r in read_csv(src / "geo" / "lapland_21_municipalities.csv")}
    coords = {}
    for r in read_csv(src / "geo" / "municipality_central_localities.csv"):
        coords[r["kuntatunnus"].zfill(3)] = (r["Y"], r["X"])
    population: dict[str, tuple[int, str]] = {}
    for r in read_csv(src / "geo" / "sotkadata_population.csv"):
        code = r["municipality_code"].zfill(3)
        year = int(r["year"])
        if code not in population or int(population[code][0]) < year:
            population[code] = (year, r["primary.value"])
    rows = []
    for r in sorted(key, key=lambda r: r["kunta"].zfill(3)):
        code = r["kunta"].zfill(3)
        lat, lon = coords.get(code, ("", ""))
        year, pop = population.get(code, ("", ""))
        if code in lapland:  # the curated Lapland file wins for the region the product serves
            lap = lapland[code]
            lat, lon, year, pop = (
                lap["lat_wgs84"],
                lap["lon_wgs84"],
                lap["population_year"],
                lap["population"],
            )
        rows.append(
            [
                code,
                r["municipality_name_fi"],
                r["municipality_name_sv"],
                r["municipality_name_en"],
                r["maakunta_code"].zfill(2),
                r["maakunta_name_fi"],
                r["maakunta_name_sv"],
                r["maakunta_name_en"],
                r["seutukunta_code"].zfill(3),
                r["seutukunta_name_fi"],
                r["seutukunta_name_sv"],
                r["seutukunta_name_en"],
                r["tyollisyysalue_name_fi"],
                lat,
                lon,
                pop,
                year,
            ]
        )
    header = [
        "code", "name_fi", "name_sv", "name_en", "region_code", "region_fi", "region_sv",
        "region_en", "sub_region_code", "sub_region_fi", "sub_region_sv", "sub_region_en",
        "employment_area", "latitude", "longitude", "population", "population_year",
    ]  # fmt: skip
    n = write_gz_csv(OUT / "geo" / "municipalities.csv.gz", header, rows)
    print(f"geo: {n} municipalities")


def add_missing(rows: list[list[str]], concepts: list[list[str]], what: str) -> None:
    """ESCO v1.1.1 relates a few concepts that its own concept files lack.

    Keep every relation, and add each missing concept as an unlabelled placeholder with status
    `missing`, which the importer stores as inactive (never offered in search).
    """
    known = {c[1] for c in concepts}
    added = 0
    for row in rows:
        for uri in row[:2]:
            if uri.startswith("http") and uri not in known:
                kind = "occupation" if "/occupation/" in uri else "skill"
                label = f"ESCO {kind} {uri.rsplit('/', 1)[-1][:8]} (not in the v1.1.1 files)"
                concepts.append([kind, uri, "", "", "", "", "", label, "", "", "missing"])
                known.add(uri)
                added += 1
    if added:
        print(f"esco: {added} concepts named in {what} but missing from the concept files")


def hierarchy_groups(esco: Path) -> list[list[str]]:
    """Skill groups named only in skillsHierarchy_en.csv (levels 0-3)."""
    groups = []
    for r in read_csv(esco / "skillsHierarchy_en.csv"):
        for level in range(4):
            uri = r[f"Level {level} URI"]
            if uri:
                groups.append(
                    [
                        "skill_group",
                        uri,
                        r[f"Level {level} code"],
                        "",
                        "",
                        "",
                        "",
                        r[f"Level {level} preferred term"],
                        "",
                        "",
                        "released",
                    ]
                )
    return groups


def build_esco(src: Path) -> None:
    esco = src / "esco-v1.1.1"
    labels = {r["conceptUri"]: r for r in read_csv(esco / "labels_fi_sv_en.csv")}
    concepts = []
    for r in read_csv(esco / "ISCOGroups_en.csv"):
        lab = labels.get(r["conceptUri"], {})
        concepts.append(
            [
                "isco_group",
                r["conceptUri"],
                r["code"],
                "",
                "",
                lab.get("label_fi", ""),
                lab.get("label_sv", ""),
                r["preferredLabel"],
                "|".join(split_lines(r["altLabels"])),
                r["description"].strip(),
                "released",
            ]
        )
    for r in read_csv(esco / "skillGroups_en.csv"):
        concepts.append(
            [
                "skill_group",
                r["conceptUri"],
                r["code"],
                "",
                "",
                "",
                "",
                r["preferredLabel"],
                "|".join(split_lines(r["altLabels"])),
                r["description"].strip(),
                "released",
            ]
        )
    known_groups = {c[1] for c in concepts}
    for group in hierarchy_groups(esco):
        if group[1] not in known_groups:
            concepts.append(group)
            known_groups.add(group[1])
    for r in read_csv(esco / "occupations_en.csv"):
        lab = labels[r["conceptUri"]]
        concepts.append(
            [
                "occupation",
                r["conceptUri"],
                r["code"],
                "",
                "",
                lab["label_fi"],
                lab["label_sv"],
                r["preferredLabel"],
                "|".join(split_lines(r["altLabels"])),
                r["description"].strip(),
                "released",
            ]
        )
    for r in read_csv(esco / "skills_en.csv"):
        lab = labels[r["conceptUri"]]
        concepts.append(
            [
                "skill",
                r["conceptUri"],
                "",
                r["skillType"],
                r["reuseLevel"],
                lab["label_fi"],
                lab["label_sv"],
                r["preferredLabel"],
                "|".join(split_lines(r["altLabels"])),
                r["description"].strip(),
                "released",
            ]
        )

    broader = []
    for name in ("broaderRelationsOccPillar.csv", "broaderRelationsSkillPillar.csv"):
        for r in read_csv(esco / name):
            broader.append([r["conceptUri"], r["broaderUri"]])
    add_missing(broader, concepts, "broader relations")
    n = write_gz_csv(OUT / "esco" / "broader.csv.gz", ["uri", "broader_uri"], broader)
    print(f"esco: {n} broader relations")

    rel = [
        [r["occupationUri"], r["skillUri"], r["relationType"]]
        for r in read_csv(esco / "occupationSkillRelations.csv")
    ]
    add_missing(rel, concepts, "occupation-skill relations")
    n = write_gz_csv(
        OUT / "esco" / "occupation_skills.csv.gz", ["occupation_uri", "skill_uri", "relation"], rel
    )
    print(f"esco: {n} occupation-skill relations")

    rel = [
        [r["originalSkillUri"], r["relatedSkillUri"], r["relationType"]]
        for r in read_csv(esco / "skillSkillRelations.csv")
    ]
    add_missing(rel, concepts, "skill-skill relations")
    n = write_gz_csv(
        OUT / "esco" / "skill_relations.csv.gz", ["skill_uri", "related_uri", "relation"], rel
    )
    print(f"esco: {n} skill-skill relations")

    members = defaultdict(list)
    for slug, name in (
        ("digital", "digitalSkillsCollection_en.csv"),
        ("digcomp", "digCompSkillsCollection_en.csv"),
        ("green", "greenSkillsCollection_en.csv"),
        ("language", "languageSkillsCollection_en.csv"),
        ("transversal", "transversalSkillsCollection_en.csv"),
        ("research", "researchSkillsCollection_en.csv"),
        ("research_occupations", "researchOccupationsCollection_en.csv"),
    ):
        for r in read_csv(esco / name):
            members[slug].append(r["conceptUri"])
    add_missing([[uri] for uris in members.values() for uri in uris], concepts, "collections")
    rows = [[slug, uri] for slug, uris in members.items() for uri in uris]
    n = write_gz_csv(OUT / "esco" / "collections.csv.gz", ["collection", "uri"], rows)
    print(f"esco: {n} collection memberships")

    header = (
        "kind,uri,code,skill_type,reuse_level,label_fi,label_sv,label_en,alt_labels_en,"
        "description_en,status"
    )
    n = write_gz_csv(OUT / "esco" / "concepts.csv.gz", header.split(","), concepts)
    print(f"esco: {n} concepts")


def count(value: str) -> int:
    return int(float(value)) if value.strip() else 0


def build_labour(src: Path) -> None:
    """Lapland's month-end unemployed job seekers and open vacancies, by occupation and by area."""
    stats = src / "labour-stats"
    rows = read_csv(stats / "kohtaanto_ammateittain_maakunta_MK19_Lappi_2006_2023.csv")
    n = write_gz_csv(
        OUT / "labour" / "lapland_by_occupation.csv.gz",
        ["isco", "month", "unemployed", "vacancies"],
        (
            [
                r["ammattiryhma"],
                r["time"][:7],
                count(r["TYOTTOMATLOPUSSA"]),
                count(r["AVPAIKATLOPUSSA"]),
            ]
            for r in rows
        ),
    )
    print(f"labour: {n} occupation-months")
    lapland = {
        "KU" + r["kunta"].zfill(3) for r in read_csv(src / "geo" / "lapland_21_municipalities.csv")
    }
    rows = read_csv(stats / "kohtaanto_alueittain_kunta_seutukunta_maakunta_2006_2023.csv")
    n = write_gz_csv(
        OUT / "labour" / "areas.csv.gz",
        ["area", "month", "unemployed", "vacancies"],
        (
            [r["alue"], r["time"][:7], count(r["TYOTTOMATLOPUSSA"]), count(r["AVPAIKATLOPUSSA"])]
            for r in rows
            if r["alue"] in lapland or r["alue"].startswith(("SK19", "MK"))
        ),
    )
    print(f"labour: {n} area-months")
    with open(stats / "nace_codes_dot_notated.json", encoding="utf-8") as fh:
        import json

        codes = json.load(fh)
    n = write_gz_csv(OUT / "labour" / "nace_codes.csv.gz", ["code"], ([c] for c in codes))
    print(f"labour: {n} industry codes")


if __name__ == "__main__":
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    build_geo(source)
    build_esco(source)
    build_labour(source)
