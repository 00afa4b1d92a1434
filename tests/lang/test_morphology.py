import pytest

from kohtaamo.lang import morphology
from kohtaamo.lang.morphology import analyse, analyse_word, compound_parts


def test_voikko_is_the_finnish_backend_when_installed():
    assert morphology.backend("fi") == "voikko"


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("hygieniapassin", "hygieniapassi"),
        ("trukkikorttia", "trukkikortti"),
        ("asiakaspalvelutaidot", "asiakaspalvelutaito"),
        ("maanrakennuskoneenkuljettajaa", "maanrakennuskoneenkuljettaja"),
    ],
)
def test_inflected_finnish_words_get_their_base_form(word, lemma):
    assert analyse_word(word, "fi").lemma == lemma


def test_compound_is_split_into_the_base_forms_of_its_parts():
    assert analyse_word("haarukkatrukkia", "fi").parts == ("haarukka", "trukki")
    parts = analyse_word("maanrakennuskoneenkuljettaja", "fi").parts
    assert parts == ("maa", "rakennus", "kone", "kuljettaja")


def test_derivational_endings_stay_with_their_part():
    wordbases = "+työ(työ)+turva(turva)+llisu(+nen)+us(+us)+kortti(kortti)"
    assert compound_parts(wordbases) == ["työ", "turvallisuus", "kortti"]


def test_hyphenated_abbreviation_keeps_the_word_after_the_hyphen():
    word = analyse_word("b-ajokortti", "fi")
    assert "ajokortti" in word.parts


def test_unknown_tokens_are_kept_lowercased():
    (word,) = analyse("EA1", "fi")
    assert word.lemma == "ea1"


def test_swedish_and_english_use_simplemma():
    assert analyse_word("forklifts", "en").lemma == "forklift"
    assert morphology.backend("sv") == "simplemma"


def test_finnish_falls_back_to_simplemma_without_voikko(monkeypatch):
    monkeypatch.setattr(morphology, "_voikko", lambda: None)
    morphology.analyse_word.cache_clear()
    try:
        word = morphology.analyse_word("hygieniapassin", "fi")
        assert word.lemma == "hygieniapassi"
        assert morphology.backend("fi") == "simplemma"
    finally:
        morphology.analyse_word.cache_clear()


def test_unsupported_language_is_refused_clearly():
    with pytest.raises(ValueError, match="Unsupported language 'de'"):
        analyse("Gabelstapler", "de")
