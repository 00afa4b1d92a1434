"""Text to competences without Django: a small vocabulary, real Finnish morphology."""

import pytest

from kohtaamo.lang.extract import (
    MENTION,
    MERIT,
    NEGATED,
    REQUIREMENT,
    ExtractionIndex,
    detect_language,
    extract,
)
from kohtaamo.lang.vocabulary import VocabularyEntry as E

FORKLIFT = "esco:operate-forklift"
CARD = "urn:kohtaamo:licence:trukkikortti"
HYGIENE = "urn:kohtaamo:licence:hygieniapassi"
CUSTOMER = "esco:customer-service"
CLEANER = "esco:cleaner"
SWEDISH = "esco:swedish"
LICENCE_B = "urn:kohtaamo:licence:ajokortti-b"

VOCABULARY = [
    E(FORKLIFT, "skill", "fi", "käyttää haarukkatrukkia"),
    E(FORKLIFT, "skill", "en", "operate forklift"),
    E(FORKLIFT, "skill", "sv", "köra gaffeltruck"),
    E(CARD, "licence", "fi", "Trukkikortti", prior=1.1),
    E(HYGIENE, "licence", "fi", "Hygieniapassi", prior=1.1),
    E(HYGIENE, "licence", "sv", "Hygienpass", prior=1.1),
    E(CUSTOMER, "skill", "fi", "asiakaspalvelu"),
    E(CLEANER, "occupation", "fi", "siivooja"),
    E(SWEDISH, "skill", "fi", "ruotsi"),
    E(LICENCE_B, "licence", "*", "B-ajokortti", preferred=False),
    E(LICENCE_B, "licence", "sv", "Körkort B"),
    E("urn:kohtaamo:licence:ajokortti-d", "licence", "sv", "Körkort D"),
    E("urn:kohtaamo:licence:tyoturvallisuuskortti", "licence", "fi", "Työturvallisuuskortti"),
    E("urn:kohtaamo:licence:sahko", "licence", "fi", "Sähkötyöturvallisuuskortti"),
    E("esco:welding", "skill", "fi", "hitsaus"),
]


@pytest.fixture(scope="module")
def index():
    return ExtractionIndex.build(VOCABULARY, checksum="test")


def found(text, index, **kwargs):
    return {s.uri: s for s in extract(text, index, **kwargs)}


def test_inflected_labels_are_found_with_their_evidence(index):
    text = "Edellytämme hygieniapassin ja trukkikorttia."
    result = found(text, index, lang="fi")
    assert result[HYGIENE].evidence == "hygieniapassin"
    assert text[result[HYGIENE].start : result[HYGIENE].end] == "hygieniapassin"
    assert CARD in result


def test_part_of_a_compound_meets_a_shorter_label(index):
    assert CUSTOMER in found("Hyvät asiakaspalvelutaidot", index, lang="fi")


def test_head_of_a_compound_meets_the_general_occupation(index):
    result = found("Haemme laitossiivoojaa", index, lang="fi")
    assert result[CLEANER].confidence < 1.0


def test_a_label_inside_a_longer_matched_word_is_not_suggested_too(index):
    result = found("Sähkötyöturvallisuuskortti vaaditaan", index, lang="fi")
    assert "urn:kohtaamo:licence:sahko" in result
    assert "urn:kohtaamo:licence:tyoturvallisuuskortti" not in result


def test_experience_of_something_names_that_something(index):
    assert "esco:welding" in found("Hitsauskokemusta arvostetaan", index, lang="fi")


def test_generic_verb_of_a_skill_label_may_be_missing(index):
    assert FORKLIFT in found("Kokemus haarukkatrukista", index, lang="fi")


def test_words_in_another_order_and_form_still_match(index):
    assert FORKLIFT in found("Gaffeltrucken ska du kunna köra", index, lang="sv")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Hygieniapassi vaaditaan.", REQUIREMENT),
        ("Hygieniapassi katsotaan eduksi.", MERIT),
        ("Hygieniapassia ei vaadita.", NEGATED),
        ("Hygieniapassi.", REQUIREMENT),
        ("Minulla on hygieniapassi.", MENTION),
    ],
)
def test_modality_comes_from_the_clause(index, text, modality):
    assert found(text, index, lang="fi")[HYGIENE].modality == modality


def test_each_clause_has_its_own_modality(index):
    text = "Trukkikortti vaaditaan, ruotsin kielen taito eduksi."
    result = found(text, index, lang="fi")
    assert result[CARD].modality == REQUIREMENT
    assert result[SWEDISH].modality == MERIT


def test_swedish_merit_and_requirement(index):
    result = found("Hygienpass krävs, körkort B är meriterande.", index, lang="sv")
    assert result[HYGIENE].modality == REQUIREMENT
    assert result[LICENCE_B].modality == MERIT
    assert "urn:kohtaamo:licence:ajokortti-d" not in result  # the class letter must match


def test_cv_text_mentions_by_default(index):
    result = found("Trukkikortti, hygieniapassi", index, lang="fi", default_modality=MENTION)
    assert {s.modality for s in result.values()} == {MENTION}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Haemme kokenutta kokkia, hygieniapassi vaaditaan.", "fi"),
        ("Vi söker en kock till vår restaurang, hygienpass krävs.", "sv"),
        ("We are looking for a cook with experience.", "en"),
    ],
)
def test_language_is_detected(text, lang):
    assert detect_language(text) == lang


def test_bad_input_is_refused_or_bounded(index):
    with pytest.raises(ValueError, match="Unsupported language 'de'"):
        extract("Gabelstapler", index, lang="de")
    assert extract("", index, lang="fi") == []
    assert extract("\x00\xff" * 1000, index, lang="fi") == []
    huge = "trukkikortti " * 100_000  # 1.3 MB: only the first 100,000 characters are read
    assert [s.uri for s in extract(huge, index, lang="fi")] == [CARD]


def test_index_round_trips_through_the_disk_cache(index, tmp_path):
    path = tmp_path / "index.pickle"
    index.save(path)
    assert ExtractionIndex.load(path, "test") is not None
    assert ExtractionIndex.load(path, "another version") is None
    path.write_bytes(b"not a pickle")
    assert ExtractionIndex.load(path, "test") is None
