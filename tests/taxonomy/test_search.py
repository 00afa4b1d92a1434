"""The searches issue #2 names, on the real taxonomy."""

import pytest

from kohtaamo.taxonomy.search import search

pytestmark = pytest.mark.django_db

OPERATE_FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
FORKLIFT_CARD = "urn:kohtaamo:licence:trukkikortti"
HYGIENE_PASSPORT = "urn:kohtaamo:licence:hygieniapassi"


def top(query, n=3, **kwargs):
    return search(query, limit=n, **kwargs)


@pytest.mark.parametrize("lang", ["fi", None])
def test_trukki_finds_operate_forklift_and_the_forklift_card(lang):
    uris = [hit.uri for hit in top("trukki", lang=lang)]
    assert OPERATE_FORKLIFT in uris
    assert FORKLIFT_CARD in uris


def test_inflected_hygieniapassin_finds_the_hygiene_passport_first():
    assert top("hygieniapassin", lang="fi")[0].uri == HYGIENE_PASSPORT


def test_siivooja_finds_cleaning_occupations():
    hits = top("siivooja", lang="fi")
    assert all(hit.kind == "occupation" and "siivooja" in hit.label for hit in hits)


def test_kind_filter_returns_only_that_kind():
    hits = search("trukki", kinds=["licence"])
    assert [hit.uri for hit in hits] == [FORKLIFT_CARD]


def test_swedish_and_english_labels_are_searched():
    assert top("gaffeltruck", lang="sv")[0].uri == OPERATE_FORKLIFT
    assert OPERATE_FORKLIFT in [hit.uri for hit in top("forklift", lang="en")]


def test_labels_are_returned_in_the_search_language():
    hit = next(h for h in top("gaffeltruck", lang="sv") if h.uri == OPERATE_FORKLIFT)
    assert hit.label == "köra gaffeltruck"


def test_abbreviations_of_licences_are_found():
    assert top("EA1")[0].uri == "urn:kohtaamo:licence:ea1"
    assert top("B-ajokortti", lang="fi")[0].uri == "urn:kohtaamo:licence:ajokortti-b"


def test_results_are_best_first_and_each_concept_once():
    hits = search("asiakaspalvelu", limit=20)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert len({hit.uri for hit in hits}) == len(hits)


def test_empty_or_meaningless_queries_return_nothing():
    assert search("   ") == []
    assert search("qqqzzzxxy") == []


def test_qualification_units_are_searchable_by_inflected_words():
    hits = search("maarakennuskoneiden", lang="fi", kinds=["unit"], limit=3)
    assert hits and all(hit.uri.startswith("urn:eperusteet:tutkinnonosa:") for hit in hits)
    assert "Maarakennuskoneiden käyttö" in [hit.label for hit in hits]
