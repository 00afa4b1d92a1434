"""Lemmas and compound parts of words in Finnish, Swedish and English.

Finnish is analysed with Voikko (the Debian packages libvoikko1 and voikko-fi): it gives the
base form of an inflected word (`hygieniapassin` -> `hygieniapassi`) and the parts of a compound
(`haarukkatrukkia` -> `haarukka` + `trukki`). Where Voikko is not installed, simplemma gives
lemmas and no compound parts, and search falls back on substrings. Swedish and English use
simplemma. Results are cached per word: labels repeat the same words many times.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("fi", "sv", "en")
_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
# Derivational endings Voikko reports as separate bases ("+ja", "+us"): glued to the part before.
_DERIVATION = "+"


@dataclass(frozen=True)
class WordAnalysis:
    """One word of a text: its surface form, its base forms and its compound parts."""

    surface: str
    lemmas: tuple[str, ...]
    parts: tuple[str, ...] = ()

    @property
    def lemma(self) -> str:
        return self.lemmas[0]


def normalise(text: str) -> str:
    """Lower-case and NFC-normalise, keeping å, ä, ö (they are letters of their own in Finnish)."""
    return unicodedata.normalize("NFC", text).casefold().replace("’", "'")


def tokenize(text: str) -> list[str]:
    return _WORD_RE.findall(normalise(text))


def analyse(text: str, lang: str) -> list[WordAnalysis]:
    """Analyse every word of `text` in language `lang` (fi, sv or en)."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"Unsupported language {lang!r}; use one of {SUPPORTED_LANGUAGES}")
    return [analyse_word(word, lang) for word in tokenize(text)]


@lru_cache(maxsize=200_000)
def analyse_word(word: str, lang: str) -> WordAnalysis:
    if len(word) <= 2:  # letters and codes (B, D, CE): lemmatisers turn "d" into "det"
        return WordAnalysis(surface=word, lemmas=(word,))
    if lang == "fi" and (voikko := _voikko()) is not None:
        return _analyse_finnish(voikko, word)
    return _analyse_simplemma(word, lang)


def backend(lang: str) -> str:
    """Name of the analyser used for `lang`, for diagnostics and tests."""
    return "voikko" if lang == "fi" and _voikko() is not None else "simplemma"


@lru_cache(maxsize=1)
def _voikko():
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except (ImportError, OSError) as exc:  # library or dictionary missing
        log.warning("Voikko is not available (%s); Finnish falls back to simplemma", exc)
        return None


def _analyse_finnish(voikko, word: str) -> WordAnalysis:
    analyses = voikko.analyze(word)
    if not analyses:
        return _unknown_finnish(word)
    lemmas: list[str] = []
    parts: list[str] = []
    for analysis in analyses:
        base = normalise(analysis.get("BASEFORM", word))
        if base not in lemmas:
            lemmas.append(base)
        for part in compound_parts(analysis.get("WORDBASES", "")):
            if part not in parts and part != base:
                parts.append(part)
    for piece in _hyphen_pieces(word):  # "b-ajokortti" is also about "ajokortti"
        for lemma in analyse_word(piece, "fi").lemmas:
            if lemma not in parts:
                parts.append(lemma)
    return WordAnalysis(surface=word, lemmas=tuple(lemmas), parts=tuple(parts))


def _hyphen_pieces(word: str) -> list[str]:
    if "-" not in word:
        return []
    return [piece for piece in word.split("-") if len(piece) > 2]


def compound_parts(wordbases: str) -> list[str]:
    """Split Voikko's WORDBASES into the lemmas of a compound's parts.

    `+maan(maa)+rakennus(rakennus)+koneen(kone)+kuljetta(kuljettaa)+ja(+ja)` gives
    maa, rakennus, kone, kuljettaja: a derivational ending (a base starting with '+') is glued
    to the part before it, whose surface form then stands for the part.
    """
    groups: list[list[tuple[str, str]]] = []
    for segment in re.findall(r"\+([^+(]*)\(([^)]*)\)", wordbases):
        surface, base = segment
        if base.startswith(_DERIVATION) and groups:
            groups[-1].append((surface, base))
        elif surface or base:
            groups.append([(surface, base)])
    if len(groups) < 2:
        return []
    parts = []
    for group in groups:
        part = group[0][1] if len(group) == 1 else "".join(surface for surface, _ in group)
        part = normalise(part.strip("-"))
        if len(part) > 1:
            parts.append(part)
    return parts


# Case endings, longest first, for words the dictionary does not know ("Javalla", "Pythonilla").
_CASE_ENDINGS = (
    "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "na", "nä", "in",
    "n", "a", "ä", "t",
)  # fmt: skip


def _unknown_finnish(word: str) -> WordAnalysis:
    """Brand and foreign words inflect too: try the stems left by stripping a case ending."""
    found = _analyse_simplemma(word, "fi")
    lemmas = list(found.lemmas)
    for ending in _CASE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            lemmas.append(stem)
            if stem.endswith("i") and len(stem) >= 4 and stem[-2] not in "aeiouyäö":
                lemmas.append(stem[:-1])  # python+i+lla
            break
    return WordAnalysis(surface=word, lemmas=tuple(dict.fromkeys(lemmas)), parts=found.parts)


def _analyse_simplemma(word: str, lang: str) -> WordAnalysis:
    import simplemma

    lemma = normalise(simplemma.lemmatize(word, lang=lang))
    lemmas = (lemma,) if lemma == word else (lemma, word)
    parts = tuple(normalise(simplemma.lemmatize(p, lang=lang)) for p in _hyphen_pieces(word))
    return WordAnalysis(surface=word, lemmas=lemmas, parts=parts)
