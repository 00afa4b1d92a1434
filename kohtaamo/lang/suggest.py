"""Text to suggestions, as the product makes them: label matches plus, in English, meaning.

`kohtaamo.lang.extract` finds the concepts whose labels a text names, in any of the three
languages, with the words that show each. An English job-ad sentence often expresses a skill
in other words ("keep the warehouse tidy and stock rotated"); for English text the skills that
`kohtaamo.lang.english.rank_skills` ranks highest for each sentence are added, with the
sentence as their evidence. That ranker is the one measured on the English development sets
(bench/skill_extraction.py, which also measures this module as a whole).

A ranked skill's confidence is an estimate of the chance that it is right, from a logistic fit
of right/wrong against the ranker's score and the score's distance from the sentence's best
(fitted with `bench/skill_extraction.py --calibrate` on the development sets: with the encoder,
a suggestion above 0.4 was right about half the time). Label matches keep their own
confidence, which is mostly higher: when a label's words are in the text, the text names it.
Measured on the development sets, label matches and ranked skills together rank better than
either alone.

Pure Python, no Django.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kohtaamo.lang import english
from kohtaamo.lang.extract import (
    REQUIREMENT,
    WORD_RE,
    ExtractionIndex,
    Suggestion,
    clause_modalities,
    detect_language,
    extract,
)
from kohtaamo.lang.morphology import analyse_word

SENTENCE_RE = re.compile(r"[^.!?;\n•]+")
# Ranked skills per sentence. All five are kept, however unlikely: a person confirms each, and
# on the development sets any cut-off lost more right skills than it saved wrong ones (keeping
# only those above 0.1 cost 8 points of RP@5 on the house set).
SENTENCE_TOP = 5
MAX_SENTENCE_CHARS = 600  # longer "sentences" are lists without stops: cut, not skipped
# Ranking costs about 15 ms a sentence with the encoder, so only the start of a text is ranked
# (some 200 sentences, a few seconds at worst); label matching reads all of it.
MAX_RANKED_CHARS = 20_000
# Logistic fit (bias, score, distance from the sentence's best score), per ranking mode.
CALIBRATION = {
    "semantic": (-13.1, 11.41, -16.36),
    "lexical": (-3.23, 9.42, -11.89),
}


@dataclass(frozen=True)
class EnglishRankers:
    """The English skill ranker's index, with label embeddings when the encoder is there."""

    skills: english.ConceptIndex

    @property
    def mode(self) -> str:
        return "lexical" if self.skills.embeddings is None else "semantic"


def suggest(
    text: str,
    index: ExtractionIndex,
    *,
    lang: str = "detect",
    rankers: EnglishRankers | None = None,
    kinds: Iterable[str] | None = None,
    default_modality: str = REQUIREMENT,
    limit: int = 50,
) -> list[Suggestion]:
    """Label matches, and for English text skills ranked by meaning; best first, each once.

    Raises ValueError on an unknown language or modality (from `extract`, which runs first).
    """
    lang = detect_language(text) if lang == "detect" else lang
    kinds = set(kinds) if kinds else None
    options = {"lang": lang, "kinds": kinds, "default_modality": default_modality}
    found = extract(text, index, limit=limit, **options)
    if lang != "en" or rankers is None or (kinds and "skill" not in kinds):
        return found
    ranked = ranked_skills(text, rankers, default_modality)
    return merge([found, ranked], limit)


def ranked_skills(text: str, rankers: EnglishRankers, default_modality: str) -> list[Suggestion]:
    """For each sentence, the skills the ranker puts first, with its estimated confidence."""
    suggestions = []
    for sentence in SENTENCE_RE.finditer(text[:MAX_RANKED_CHARS]):
        start, end = _trimmed(sentence, text)
        if end - start < 3 or not WORD_RE.search(text[start:end]):
            continue
        end = min(end, start + MAX_SENTENCE_CHARS)
        evidence = text[start:end]
        modality = _modality(evidence, default_modality)
        ranked = english.rank_skills(evidence, rankers.skills, k=SENTENCE_TOP)
        if not ranked:
            continue
        best = ranked[0][1]
        suggestions += [
            Suggestion(
                uri=uri,
                kind="skill",
                label=rankers.skills.concept(uri).preferred,
                start=start,
                end=end,
                evidence=evidence,
                confidence=round(calibrated(rankers.mode, score, best - score), 3),
                modality=modality,
                whole_word=False,
                method="meaning",
            )
            for uri, score in ranked
        ]
    return suggestions


def calibrated(mode: str, score: float, distance: float) -> float:
    bias, weight, distance_weight = CALIBRATION[mode]
    return 1 / (1 + math.exp(-(bias + weight * score + distance_weight * distance)))


def merge(lists: Iterable[list[Suggestion]], limit: int) -> list[Suggestion]:
    """Each concept once, with its most confident evidence; best first."""
    best: dict[str, Suggestion] = {}
    for suggestions in lists:
        for s in suggestions:
            current = best.get(s.uri)
            if current is None or s.confidence > current.confidence:
                best[s.uri] = s
    return sorted(best.values(), key=lambda s: (-s.confidence, s.start, s.uri))[:limit]


def _trimmed(match: re.Match, text: str) -> tuple[int, int]:
    start, end = match.span()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _modality(sentence: str, default: str) -> str:
    """The sentence's cue ("is a plus", "not required"), from its last words' modality."""
    words = [analyse_word(w, "en") for w in WORD_RE.findall(sentence.casefold())]
    return clause_modalities(words, "en", default)[-1] if words else default
