"""Job-title normalisation: a free job title to ranked ESCO occupations, without Django.

A title and an occupation label are compared as bags of analysed words: each title word meets
a label word by lemma (1.0), by consecutive compound parts (0.9) or by a compound head (0.8),
as in `kohtaamo.lang.extract`. The score is the F1 of the two coverages: how much of the title
the label explains and how much of the label the title says, so that "kokki" prefers "kokki"
to "pizzakokki", and "Senior Java developer (m/f)" still finds "Java developer" without its
noise words. A prior favours preferred labels.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kohtaamo.lang.extract import STOP_WORDS, WORD_RE, word_keys, word_set
from kohtaamo.lang.morphology import SUPPORTED_LANGUAGES, analyse_word
from kohtaamo.lang.vocabulary import VocabularyEntry

ALT_LABEL_FACTOR = 0.97
ALTERNATIVES_RE = re.compile(r"\s*(?:/|\||,|;|\btai\b|\beller\b|\bor\b)\s*")
# Words of job ads that say nothing about the occupation.
TITLE_NOISE = {
    "fi": word_set(
        "haemme etsimme kesätyöntekijä kesätyö määräaikainen vakituinen osa-aikainen"
    ),
    "sv": word_set("sökes söker söka vi till sommarjobb vikariat"),
    "en": word_set(
        "senior junior lead trainee intern internship wanted m f h part full time"
    ),
}  # fmt: skip


@dataclass(frozen=True)
class TitleMatch:
    uri: str
    label: str
    score: float


class TitleIndex:
    """Occupation labels analysed once, with an inverted index over all their word forms."""

    def __init__(self, entries: Iterable[VocabularyEntry]):
        self.entries = [e for e in entries if e.kind == "occupation"]
        self.words: list[list[dict[str, float]]] = []
        self.postings: dict[tuple[str, str], set[int]] = defaultdict(set)
        for number, entry in enumerate(self.entries):
            words = [word_keys(w) for w in _content_words(entry.label, entry.lang)]
            self.words.append(words)
            for keys in words:
                for key in keys:
                    self.postings[(entry.lang, key)].add(number)

    def rank(self, title: str, lang: str, limit: int = 10) -> list[TitleMatch]:
        """Best first. Alternatives ("Laitoshuoltaja / siivooja") are ranked each on its own."""
        if lang not in SUPPORTED_LANGUAGES:
            raise ValueError(f"Unsupported language {lang!r}; use fi, sv or en")
        best: dict[str, TitleMatch] = {}
        for alternative in ALTERNATIVES_RE.split(title):
            for match in self._rank_one(alternative, lang):
                if match.uri not in best or match.score > best[match.uri].score:
                    best[match.uri] = match
        return sorted(best.values(), key=lambda m: (-m.score, len(m.label)))[:limit]

    def guess_language(self, title: str) -> str:
        """The language whose occupation labels know most of the title's words.

        Function words tell the language of a sentence, but a title rarely has any ("kitchen
        porter", "städare"). Ties go to Finnish, then Swedish.
        """
        known = {
            lang: sum(
                any((lang, key) in self.postings for key in word_keys(word))
                for word in _content_words(title, lang)
            )
            for lang in SUPPORTED_LANGUAGES
        }
        return max(SUPPORTED_LANGUAGES, key=known.__getitem__)

    def _rank_one(self, title: str, lang: str) -> list[TitleMatch]:
        words = _content_words(title, lang)
        query = [word_keys(w) for w in words if not set(w.lemmas) & TITLE_NOISE[lang]]
        keys = {k for q in query for k in q}
        candidates = set().union(*(self.postings.get((lang, k), set()) for k in keys))
        matches = []
        for number in candidates:
            if (score := self._score(query, number)) > 0:
                entry = self.entries[number]
                matches.append(TitleMatch(entry.uri, entry.label, round(score, 4)))
        return matches

    def _score(self, query: list[dict[str, float]], number: int) -> float:
        label_words = self.words[number]
        title_hits = [max((_meet(q, w) for w in label_words), default=0.0) for q in query]
        label_hits = [max((_meet(q, w) for q in query), default=0.0) for w in label_words]
        precision = sum(title_hits) / len(title_hits) if title_hits else 0.0
        recall = sum(label_hits) / len(label_hits) if label_hits else 0.0
        if precision == 0 or recall == 0:
            return 0.0
        entry = self.entries[number]
        factor = entry.prior * (1.0 if entry.preferred else ALT_LABEL_FACTOR)
        return 2 * precision * recall / (precision + recall) * factor


def _meet(query_word: dict[str, float], label_word: dict[str, float]) -> float:
    """How well two analysed words meet: the best product of their key strengths."""
    return max((s * label_word[k] for k, s in query_word.items() if k in label_word), default=0.0)


def _content_words(text: str, lang: str):
    stop = STOP_WORDS.get(lang, frozenset())
    words = [analyse_word(w, lang) for w in WORD_RE.findall(_clean(text))]
    return [w for w in words if w.lemma not in stop]


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold()).strip()
