"""The taxonomy import: complete, idempotent, atomic, and clear about broken files."""

import gzip
import shutil

import pytest
from django.core.management import CommandError, call_command

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.taxonomy import services
from kohtaamo.taxonomy.enums import ConceptKind, RelationType
from kohtaamo.taxonomy.models import (
    BroaderRelation,
    Collection,
    Concept,
    Licence,
    OccupationSkill,
    SearchEntry,
    SkillRelation,
)

pytestmark = pytest.mark.django_db

OPERATE_FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"


def table_counts() -> dict[str, int]:
    return {
        "concepts": Concept.objects.count(),
        "broader": BroaderRelation.objects.count(),
        "occupation_skills": OccupationSkill.objects.count(),
        "skill_relations": SkillRelation.objects.count(),
        "licences": Licence.objects.count(),
        "search": SearchEntry.objects.count(),
    }


def test_all_of_esco_is_imported():
    active = Concept.objects.active()
    assert active.filter(kind=ConceptKind.SKILL).count() == 13_896
    assert active.filter(kind=ConceptKind.OCCUPATION).count() == 3_007
    assert active.filter(kind=ConceptKind.ISCO_GROUP).count() == 619
    assert OccupationSkill.objects.count() == 123_855
    assert SkillRelation.objects.count() == 5_899
    assert BroaderRelation.objects.count() == 24_273


def test_labels_are_in_three_languages():
    skill = Concept.objects.get(uri=OPERATE_FORKLIFT)
    assert (skill.label_fi, skill.label_sv, skill.label_en) == (
        "käyttää haarukkatrukkia",
        "köra gaffeltruck",
        "operate forklift",
    )


def test_isco_groups_have_codes_and_occupations_their_group():
    group = Concept.objects.get(kind=ConceptKind.ISCO_GROUP, code="9112")
    cleaner = Concept.objects.get(label_en="building cleaner", kind=ConceptKind.OCCUPATION)
    assert group in cleaner.broader.all()
    assert cleaner.code.startswith("9112")


def test_skill_hierarchy_and_collections_are_there():
    skill = Concept.objects.get(uri=OPERATE_FORKLIFT)
    assert skill.broader.exists()
    for slug in ("digital", "green", "language", "transversal"):
        assert Collection.objects.get(slug=slug).concepts.exists()


def test_essential_relations_count_how_widely_a_skill_is_needed():
    skill = Concept.objects.get(uri=OPERATE_FORKLIFT)
    essential = OccupationSkill.objects.filter(skill=skill, relation=RelationType.ESSENTIAL)
    assert skill.occupation_count == essential.count() > 0


def test_concepts_esco_relates_but_does_not_describe_are_kept_inactive():
    missing = Concept.objects.filter(is_active=False)
    assert missing.count() == 1
    assert OccupationSkill.objects.filter(occupation__in=missing).count() == 67
    assert not SearchEntry.objects.filter(uri__in=missing.values("uri")).exists()


def test_reimport_changes_nothing_and_keeps_ids():
    before = table_counts()
    skill_id = Concept.objects.get(uri=OPERATE_FORKLIFT).pk
    call_command("import_taxonomy", verbosity=0)
    assert table_counts() == before
    assert Concept.objects.get(uri=OPERATE_FORKLIFT).pk == skill_id


def test_import_is_audited_with_its_counts():
    call_command("import_taxonomy", verbosity=0)
    event = AuditEvent.objects.filter(action=AuditAction.IMPORT, object_type="taxonomy").first()
    assert event.detail["concepts"] == 18_170
    assert event.actor is None


def test_if_changed_skips_an_import_of_the_same_files(capsys):
    call_command("import_taxonomy", if_changed=True)
    assert "up to date" in capsys.readouterr().out


@pytest.fixture
def source(tmp_path):
    """A copy of the reference files that a test may break."""
    shutil.copytree(services.reference_dir() / "esco", tmp_path / "esco")
    shutil.copy(services.reference_dir() / "licences.json", tmp_path / "licences.json")
    return tmp_path


def rewrite_gz(path, transform):
    text = gzip.decompress(path.read_bytes()).decode()
    path.write_bytes(gzip.compress(transform(text).encode()))


def test_relation_to_an_unknown_concept_is_named_with_file_and_line(source):
    bogus = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
    rewrite_gz(
        source / "esco" / "occupation_skills.csv.gz",
        lambda text: text.replace(OPERATE_FORKLIFT, bogus, 1),
    )
    before = table_counts()
    with pytest.raises(CommandError) as error:
        call_command("import_taxonomy", source=source, verbosity=0)
    assert "occupation_skills.csv.gz: line" in str(error.value)
    assert f"unknown concept URI {bogus}" in str(error.value)
    assert table_counts() == before


def test_truncated_file_is_refused_and_nothing_changes(source):
    path = source / "esco" / "concepts.csv.gz"
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    before = table_counts()
    with pytest.raises(CommandError, match="concepts.csv.gz: cannot be read"):
        call_command("import_taxonomy", source=source, verbosity=0)
    assert table_counts() == before


def test_row_with_missing_fields_is_refused(source):
    rewrite_gz(source / "esco" / "broader.csv.gz", lambda text: text + "only-one-field\n")
    with pytest.raises(CommandError, match=r"broader.csv.gz: line \d+: expected 2 fields"):
        call_command("import_taxonomy", source=source, verbosity=0)


def test_licence_naming_an_unknown_skill_is_refused(source):
    path = source / "licences.json"
    path.write_text(path.read_text().replace("28cb374e-6261-4133-8371-f9a5470145da", "nope", 1))
    with pytest.raises(
        CommandError, match=r"licences.json: \[\d+\] trukkikortti: unknown ESCO skill"
    ):
        call_command("import_taxonomy", source=source, verbosity=0)


def test_failure_in_the_middle_of_writing_rolls_everything_back(source, monkeypatch):
    """Files that validate but a write that fails late: the earlier writes must not stay."""
    rewrite_gz(
        source / "esco" / "concepts.csv.gz",
        lambda text: text.replace("käyttää haarukkatrukkia", "MUUTETTU NIMI", 1),
    )

    def broken_index(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "rebuild_search_index", broken_index)
    with pytest.raises(RuntimeError, match="disk full"):
        services.import_taxonomy(source=source)
    assert Concept.objects.get(uri=OPERATE_FORKLIFT).label_fi == "käyttää haarukkatrukkia"


def test_licences_carry_course_length_validity_and_skills():
    expected = {
        "hygieniapassi", "tyoturvallisuuskortti", "ea1", "ea2", "tieturva-1", "trukkikortti",
        "tulityokortti", "sahkotyoturvallisuuskortti", "anniskelupassi", "ajokortti-b",
        "ajokortti-c", "ajokortti-ce", "ajokortti-d", "ammattipatevyys", "vartijakortti",
        "jarjestyksenvalvojakortti",
    }  # fmt: skip
    assert expected <= set(Licence.objects.values_list("code", flat=True))
    forklift = Licence.objects.get(code="trukkikortti")
    assert forklift.course_days > 0
    assert forklift.skills.filter(uri=OPERATE_FORKLIFT).exists()
    assert Licence.objects.get(code="ea1").validity_years == 3
    assert Licence.objects.get(code="ea2").requires.filter(code="ea1").exists()
