from kohtaamo.lang.labelmatch import EXACT, PART, IndexedLabel, match_score, query_terms
from kohtaamo.lang.morphology import analyse


def score(query: str, label: str, lang: str = "fi", **kwargs) -> float:
    return match_score(analyse(query, lang), IndexedLabel.from_text(label, lang), **kwargs)


def test_inflected_query_meets_the_base_form_exactly():
    assert score("hygieniapassin", "Hygieniapassi") == EXACT


def test_query_that_is_part_of_a_compound_scores_as_a_part():
    assert score("trukki", "trukkikortti") == PART


def test_label_the_query_covers_ranks_above_a_longer_one():
    assert score("trukki", "Trukkikortti") > score("trukki", "käyttää haarukkatrukkia")


def test_every_query_word_must_meet_the_label():
    assert score("trukki hygienia", "Trukkikortti") == 0.0


def test_typing_in_progress_matches_the_beginning_of_words():
    assert 0 < score("siivo", "laitossiivooja") < PART


def test_alternative_labels_rank_a_little_below_preferred_ones():
    assert score("forklift", "forklift", "en", preferred=False) < score(
        "forklift", "forklift", "en"
    )


def test_query_terms_are_the_shortest_strings_a_label_must_contain():
    assert query_terms(analyse("trukkia", "fi")) == {"trukki"}
    assert query_terms(analyse("hygieniapassin", "fi")) == {"hygienia", "passi"}


def test_part_of_a_query_compound_meets_a_shorter_label():
    assert score("asiakaspalvelutaidot", "asiakaspalvelu") > 0


def test_a_minor_part_of_a_query_compound_is_not_enough():
    assert score("maanrakennuskoneenkuljettaja", "linja-autonkuljettaja") == 0.0
