"""Scoring a search query against one label: the rules of the taxonomy search, without Django.

A label is indexed as the lemmas of its words and the parts of its compounds. A query word
scores by how it meets the label:

    exact lemma of a label word              1.00   hygieniapassin -> hygieniapassi
    lemma of a compound part                 0.85   trukki -> haarukka|trukki
    part of the query compound in the label  0.70 x share of the query's parts it covers
                                                    (at least half of them):
                                                    asiakaspalvelutaidot -> asiakaspalvelu
    beginning of a label word or part        0.65   siivo -> siivooja (typing in progress)
    inside a label word                      0.45   when no morphology is available

Every query word must meet the label (AND). The mean is then weighted by how much of the
label the query covers, so `trukki` ranks "trukkikortti" above a five-word label that merely
mentions forklifts; by whether the label is the concept's preferred label; and by a prior the
caller gives (kind of concept, how widely a skill is used).
"""

from __future__ import annotations

from dataclasses import dataclass

from kohtaamo.lang.morphology import WordAnalysis, analyse

EXACT, PART, QUERY_PARTS, PREFIX, INFIX = 1.0, 0.85, 0.70, 0.65, 0.45
MIN_PREFIX = 3
MIN_INFIX = 4
MIN_COMPOUND_SHARE = 0.5
COVERAGE_WEIGHT = 0.45
ALT_LABEL_FACTOR = 0.92


@dataclass(frozen=True)
class IndexedLabel:
    """What the index keeps of one label."""

    words: tuple[str, ...]  # every lemma of every word
    parts: tuple[str, ...]  # compound parts of the words
    word_count: int

    @classmethod
    def from_text(cls, text: str, lang: str) -> IndexedLabel:
        return cls.from_analyses(analyse(text, lang))

    @classmethod
    def from_analyses(cls, analyses: list[WordAnalysis]) -> IndexedLabel:
        words: list[str] = []
        parts: list[str] = []
        for word in analyses:
            words.extend(lemma for lemma in word.lemmas if lemma not in words)
            parts.extend(part for part in word.parts if part not in parts)
        return cls(words=tuple(words), parts=tuple(parts), word_count=max(1, len(analyses)))


def query_terms(query: list[WordAnalysis]) -> set[str]:
    """The strings a candidate label must contain one of (for a database pre-filter).

    A term that contains another term is dropped: whatever contains `hygieniapassin` also
    contains `hygienia`, so the database is asked fewer, shorter questions.
    """
    terms: set[str] = set()
    for word in query:
        terms.update(t for t in (*word.lemmas, word.surface) if len(t) >= MIN_PREFIX)
        terms.update(t for t in word.parts if len(t) >= MIN_INFIX)
    return {t for t in terms if not any(other != t and other in t for other in terms)}


def word_score(word: WordAnalysis, label: IndexedLabel) -> float:
    forms = dict.fromkeys((*word.lemmas, word.surface))
    if any(form in label.words for form in forms):
        return EXACT
    if any(form in label.parts for form in forms):
        return PART
    pieces = (*label.words, *label.parts)
    if share := _compound_share(word.parts, set(pieces)):
        return QUERY_PARTS * share
    for form in forms:
        if len(form) >= MIN_PREFIX and any(piece.startswith(form) for piece in pieces):
            return PREFIX
    for form in forms:
        if len(form) >= MIN_INFIX and any(form in piece for piece in label.words):
            return INFIX
    return 0.0


def _compound_share(parts: tuple[str, ...], pieces: set[str]) -> float:
    """The largest share of a query compound's parts that the label holds as one piece.

    Runs of consecutive parts are glued back together, so `asiakas+palvelu` of
    `asiakaspalvelutaito` meets the label word `asiakaspalvelu` (2 of 3 parts); parts found
    apart count when every one is there. Shares under a half do not count: `kuljettaja` alone
    must not make every driver match `maanrakennuskoneenkuljettaja`.
    """
    n = len(parts)
    if n < 2:
        return 0.0
    if all(part in pieces for part in parts):
        return 1.0
    for size in range(n - 1, 0, -1):
        if size / n < MIN_COMPOUND_SHARE:
            break
        for start in range(n - size + 1):
            if "".join(parts[start : start + size]) in pieces:
                return size / n
    return 0.0


def match_score(
    query: list[WordAnalysis], label: IndexedLabel, *, preferred: bool = True, prior: float = 1.0
) -> float:
    """Score in [0, ~1.2]; 0 when some query word does not meet the label."""
    if not query:
        return 0.0
    scores = [word_score(word, label) for word in query]
    if min(scores) == 0.0:
        return 0.0
    mean = sum(scores) / len(scores)
    coverage = min(1.0, len(query) / label.word_count)
    score = mean * (1 - COVERAGE_WEIGHT + COVERAGE_WEIGHT * coverage)
    if not preferred:
        score *= ALT_LABEL_FACTOR
    return score * prior
