"""Text to competences: find skills, occupations, licences and units named in free text.

Pure Python, no Django: the product builds an `ExtractionIndex` from its vocabulary once and
caches it to disk; `extract` then reads job ads, CVs and counsellors' notes in milliseconds.

How a label is found in text
----------------------------
Every label is analysed like the text (`kohtaamo.lang.morphology`): lemmas and compound parts,
minus stop words. A label matches a clause of the text when each of its content words meets a
word of the clause, in any order and form, within a small window:

    the word's lemma                      1.00  hygieniapassin -> hygieniapassi
    consecutive parts of a compound       0.90  asiakaspalvelutaidot -> asiakaspalvelu
    the head (last part) of a compound    0.80  laitossiivoojaa -> siivooja

A generic verb at the start of a skill label ("käyttää haarukkatrukkia", "operate forklift")
may be missing from the text: job ads name the thing, not the act. Labels are triggered by
their rarest word (the anchor), so common words cost nothing.

Each match gets the modality of its clause: a requirement (vaaditaan, krävs, required), a merit
(eduksi, meriterande, is a plus), negated (ei vaadita, krävs inte, not required), or, in a CV or
note, a mention. A clause without a cue takes the text's default.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from kohtaamo.core.cache import load_pickle, save_pickle
from kohtaamo.lang.morphology import SUPPORTED_LANGUAGES, WordAnalysis, analyse_word
from kohtaamo.lang.vocabulary import ANY_LANGUAGE, VocabularyEntry


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


LEMMA, GLUED, HEAD = 1.0, 0.9, 0.8
MISSING_LIGHT_VERB = 0.8
ALT_LABEL_FACTOR = 0.95
MAX_TEXT_CHARS = 100_000
MAX_GAP = 4  # words between the matched words of one label, beyond the label's own length
MIN_CONFIDENCE = 0.45
INDEX_FORMAT = 5

STOP_WORDS = {
    "fi": word_set("ja tai sekä eli ym jne the of on ei"),
    "sv": word_set("och eller att i på för med av en ett den det som till"),
    "en": word_set("and or the of to in a an for with on at by from as into their its be have do"),
}
# Generic verbs that open skill labels; a text may name the object alone.
LIGHT_VERBS = {
    "fi": word_set("käyttää tehdä hoitaa huolehtia noudattaa suorittaa toteuttaa soveltaa ajaa"),
    "sv": word_set("använda utföra hantera sköta tillämpa följa köra"),
    "en": word_set("operate use perform apply carry conduct undertake handle follow drive"),
}
# Heads that say "experience of", "skill in": the part before them names the competence.
GENERIC_HEADS = word_set("kokemus taito osaaminen tuntemus tietämys tieto erfarenhet kunskap")
QUALIFIER_RE = re.compile(r"\s*\([^)]*\)")
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
CLAUSE_BREAK_RE = re.compile(r"[.!?;:\n•·–—()]+|,(?=\s)|\s-\s")


@dataclass(frozen=True)
class Suggestion:
    """A concept the text names, with the words that show it."""

    uri: str
    kind: str
    label: str  # the label that matched, in the text's language where possible
    start: int  # character span of the evidence in the text
    end: int
    evidence: str
    confidence: float
    modality: str  # requirement, merit, negated, mention
    whole_word: bool = True  # every word met by its lemma, not by a part of a compound
    method: str = "label"  # "label": the text names it; "meaning": ranked by what it says


class _Pattern(NamedTuple):
    entry: int  # index into ExtractionIndex.entries
    tokens: tuple[tuple[str, ...], ...]  # each content word's lemmas
    light: bool  # starts with a generic verb that may be missing from the text


@dataclass
class ExtractionIndex:
    """The analysed vocabulary. Build once with `build`, keep with `save` / `load`."""

    entries: list[VocabularyEntry]
    patterns: list[_Pattern]
    anchors: dict[tuple[str, str], list[int]]  # (lang, lemma) -> patterns anchored there
    checksum: str = ""
    format: int = INDEX_FORMAT

    @classmethod
    def build(cls, entries: Iterable[VocabularyEntry], checksum: str = "") -> ExtractionIndex:
        entries = list(entries)
        entries += [e for e in map(_without_qualifier, entries) if e is not None]
        patterns = [_pattern(i, entry) for i, entry in enumerate(entries)]
        patterns = [p for p in patterns if p is not None]
        return cls(entries, patterns, _anchors(entries, patterns), checksum)

    def save(self, path: Path) -> None:
        save_pickle(path, self)

    @classmethod
    def load(cls, path: Path, checksum: str = "") -> ExtractionIndex | None:
        """The cached index, or None when missing, stale or of another format."""
        index = load_pickle(path)
        if not isinstance(index, cls) or index.format != INDEX_FORMAT:
            return None
        return index if index.checksum == checksum else None


def _without_qualifier(entry: VocabularyEntry) -> VocabularyEntry | None:
    """ "Python (tietokoneohjelmointi)" is also found as plain "Python", a little less surely."""
    if "(" not in entry.label:
        return None
    bare = QUALIFIER_RE.sub(" ", entry.label).strip()
    if not bare or bare == entry.label:
        return None
    return entry._replace(label=bare, preferred=False, prior=entry.prior * 0.95)


def _content_words(text: str, lang: str) -> list[WordAnalysis]:
    analyser_lang = "fi" if lang == ANY_LANGUAGE else lang
    words = [analyse_word(w, analyser_lang) for w in WORD_RE.findall(_normalise(text))]
    stop = STOP_WORDS.get(analyser_lang, frozenset())
    return [w for w in words if w.lemma not in stop]


def _pattern(index: int, entry: VocabularyEntry) -> _Pattern | None:
    words = _content_words(entry.label, entry.lang)
    if not words or all(len(w.lemma) < 3 for w in words):
        return None  # nothing specific enough to find in a text
    lang = "fi" if entry.lang == ANY_LANGUAGE else entry.lang
    light = len(words) > 1 and words[0].lemma in LIGHT_VERBS.get(lang, frozenset())
    return _Pattern(
        entry=index,
        tokens=tuple(w.lemmas for w in words),
        light=light,
    )


def _anchors(entries, patterns) -> dict[tuple[str, str], list[int]]:
    """Index each pattern under its rarest content word."""
    frequency: dict[str, int] = defaultdict(int)
    for pattern in patterns:
        for lemmas in pattern.tokens:
            for lemma in lemmas:
                frequency[lemma] += 1
    anchors: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, pattern in enumerate(patterns):
        lang = entries[pattern.entry].lang
        candidates = range(1 if pattern.light else 0, len(pattern.tokens))
        position = min(candidates, key=lambda i: min(frequency[x] for x in pattern.tokens[i]))
        for lemma in pattern.tokens[position]:
            anchors[(lang, lemma)].append(number)
    return dict(anchors)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().replace("’", "'")


# Modality ----------------------------------------------------------------------------------

REQUIREMENT, MERIT, NEGATED, MENTION = "requirement", "merit", "negated", "mention"
MODALITIES = (REQUIREMENT, MERIT, NEGATED, MENTION)
MERIT_CUES = {
    "fi": word_set(
        "etu eduksi plussa plussaa arvostaa arvostamme toivottava toivoa hyöty hyödyksi"
    ),
    "sv": word_set("meriterande merit plus önskvärd önskvärt önskemål fördel"),
    "en": word_set("plus advantage advantageous nice preferred desirable bonus asset ideally"),
}
REQUIREMENT_CUES = {
    "fi": word_set(
        "vaatia vaadita edellyttää edellytetä pakollinen välttämätön vaatimus edellytys "
        "tarvita tarvitse"
    ),
    "sv": word_set("krav krävas kräva krävs obligatorisk nödvändig nödvändigt behövas behövs"),
    "en": word_set("require required requirement must mandatory essential necessary needed"),
}  # fmt: skip
NEGATION_CUES = {
    "fi": word_set("ei eivät emme en eikä eivätkä"),
    "sv": word_set("inte inget ingen ej"),
    "en": word_set("not no without"),
}
FIRST_PERSON_CUES = {
    "fi": word_set("minulla minä olen osaan omaan suoritin työskentelin toimin"),
    "sv": word_set("jag min mitt mina"),
    "en": word_set("i my me"),
}


ABSENCE_CUES = {
    "fi": word_set("puuttua puuttuu"),
    "sv": word_set("saknas sakna saknar"),
    "en": word_set("lack lacks lacking missing"),
}
CONJUNCTIONS = {
    "fi": word_set("ja sekä tai mutta"),
    "sv": word_set("och samt eller men"),
    "en": word_set("and or but"),
}


def _forms(words: list[WordAnalysis]) -> set[str]:
    return {form for w in words for form in (*w.lemmas, w.surface)}


def segment_modality(words: list[WordAnalysis], lang: str) -> str | None:
    """What the cue words of a stretch of text say, or None when it has no cue."""
    forms = _forms(words)
    if forms & ABSENCE_CUES[lang]:
        return NEGATED
    merit = bool(forms & MERIT_CUES[lang])
    if forms & NEGATION_CUES[lang] and not merit:
        return NEGATED  # "ei vaadita", "ei ole", "krävs inte", "no licence"
    if merit:
        return MERIT
    return REQUIREMENT if forms & REQUIREMENT_CUES[lang] else None


def clause_modalities(words: list[WordAnalysis], lang: str, default: str) -> list[str]:
    """The modality of each word of a clause.

    The clause is cut at conjunctions; a stretch without a cue takes the cue of the next
    stretch that has one ("trukkikortti ja B-ajokortti vaaditaan"), else of the previous one
    ("vaatimuksena trukkikortti ja tulityökortti"), else the text's default.
    """
    if default == REQUIREMENT and _forms(words) & FIRST_PERSON_CUES[lang]:
        default = MENTION
    bounds = [0] + [i for i, w in enumerate(words) if w.lemma in CONJUNCTIONS[lang]] + [len(words)]
    segments = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    cues = [segment_modality(words[a:b], lang) for a, b in segments]
    result = []
    for number, (a, b) in enumerate(segments):
        following = [c for c in cues[number:] if c]
        preceding = [c for c in cues[:number] if c]
        cue = following[0] if following else preceding[-1] if preceding else default
        result.extend([cue] * (b - a))
    return result


# Language ----------------------------------------------------------------------------------

LANGUAGE_HINTS = {
    "fi": word_set(
        "ja on ei tai että se ovat olla kanssa myös sekä työ haemme vaaditaan eduksi kokemus "
        "taito osaaminen työhön olet"
    ),
    "sv": word_set(
        "och är att som med för av på ett en det har inte krävs vi söker till du meriterande "
        "erfarenhet"
    ),
    "en": word_set(
        "and the is to of with for in a you we are experience required our will be an as"
    ),
}  # fmt: skip


def detect_language(text: str) -> str:
    """fi, sv or en by function words; Finnish when nothing tells."""
    words = WORD_RE.findall(_normalise(text[:5000]))
    scores = {lang: sum(w in hints for w in words) for lang, hints in LANGUAGE_HINTS.items()}
    if "å" in text.lower():
        scores["sv"] += 2
    best = max(scores, key=lambda lang: (scores[lang], lang == "fi"))
    return best if scores[best] > 0 else "fi"


# Extraction --------------------------------------------------------------------------------


@dataclass
class _TextWord:
    start: int
    end: int
    analysis: WordAnalysis
    keys: dict[str, float] = field(default_factory=dict)


def word_keys(word: WordAnalysis) -> dict[str, float]:
    keys = dict.fromkeys((*word.lemmas, word.surface), LEMMA)
    parts = word.parts
    for size in range(2, len(parts)):
        for start in range(len(parts) - size + 1):
            keys.setdefault("".join(parts[start : start + size]), GLUED)
    if len(parts) > 1:
        keys.setdefault(parts[-1], HEAD)
        if parts[-1] in GENERIC_HEADS:  # hitsauskokemus: the experience is of welding
            keys.setdefault("".join(parts[:-1]), GLUED)
    return keys


def _clauses(text: str, lang: str) -> list[list[_TextWord]]:
    clauses = []
    position = 0
    for piece in CLAUSE_BREAK_RE.split(text):
        offset = text.find(piece, position)
        position = offset + len(piece)
        words = []
        for match in WORD_RE.finditer(_normalise(piece)):
            analysis = analyse_word(match.group(), lang)
            words.append(
                _TextWord(
                    offset + match.start(), offset + match.end(), analysis, word_keys(analysis)
                )
            )
        if words:
            clauses.append(words)
    return clauses


def extract(
    text: str,
    index: ExtractionIndex,
    *,
    lang: str = "detect",
    kinds: Iterable[str] | None = None,
    default_modality: str = REQUIREMENT,
    limit: int = 50,
) -> list[Suggestion]:
    """Ranked suggestions for `text`; each concept once, with its best evidence.

    `default_modality` is what a clause without a cue states: `requirement` for a job ad,
    `mention` for a CV or a note. Raises ValueError on an unknown language or modality.
    """
    if lang == "detect":
        lang = detect_language(text)
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"Unsupported language {lang!r}; use fi, sv, en or detect")
    if default_modality not in MODALITIES:
        raise ValueError(f"Unknown modality {default_modality!r}; use one of {MODALITIES}")
    text = text[:MAX_TEXT_CHARS]
    wanted = set(kinds) if kinds else None
    best: dict[str, Suggestion] = {}
    for clause in _clauses(text, lang):
        modalities = clause_modalities([w.analysis for w in clause], lang, default_modality)
        for suggestion in _without_inner_matches(
            list(_clause_matches(clause, text, lang, index, wanted, modalities))
        ):
            current = best.get(suggestion.uri)
            if current is None or suggestion.confidence > current.confidence:
                best[suggestion.uri] = suggestion
    ranked = sorted(best.values(), key=lambda s: (-s.confidence, s.start, s.uri))
    return ranked[:limit]


def _without_inner_matches(matches: list[Suggestion]) -> list[Suggestion]:
    """Drop a match that only repeats part of a word another label matched whole.

    "sähkötyöturvallisuuskortti" is the electrical safety card, not also the occupational
    safety card that its last three parts spell.
    """
    whole = {(m.start, m.end) for m in matches if m.whole_word}
    return [m for m in matches if m.whole_word or (m.start, m.end) not in whole]


def _clause_matches(clause, text, lang, index, wanted, modalities):
    found: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for position, word in enumerate(clause):
        for key, strength in word.keys.items():
            found[key].append((strength, position))
    tried: set[int] = set()
    for key in found:
        for table_lang in (lang, ANY_LANGUAGE):
            for number in index.anchors.get((table_lang, key), ()):
                if number in tried:
                    continue
                tried.add(number)
                pattern = index.patterns[number]
                entry = index.entries[pattern.entry]
                if wanted and entry.kind not in wanted:
                    continue
                if match := _match(pattern, entry, found, clause, text, modalities):
                    yield match


def _match(pattern, entry, found, clause, text, modalities) -> Suggestion | None:
    strengths, positions = [], []
    for i, lemmas in enumerate(pattern.tokens):
        strength, position = _best_word(lemmas, found)
        if position is None:
            if i == 0 and pattern.light:
                strengths.append(MISSING_LIGHT_VERB)
                continue
            return None
        strengths.append(strength)
        positions.append(position)
    gap = max(positions) - min(positions) + 1 - len(set(positions))
    if gap > MAX_GAP:
        return None
    confidence = math.prod(strengths) ** (1 / len(strengths)) * entry.prior
    confidence *= (1.0 if entry.preferred else ALT_LABEL_FACTOR) * (1 - 0.04 * gap)
    confidence *= min(1.15, 1 + 0.05 * (len(positions) - 1))  # longer matches are more specific
    if confidence < MIN_CONFIDENCE:
        return None
    start, end = clause[min(positions)].start, clause[max(positions)].end
    return Suggestion(
        uri=entry.uri,
        kind=entry.kind,
        label=entry.label,
        start=start,
        end=end,
        evidence=text[start:end],
        confidence=round(min(confidence, 1.0), 3),
        modality=modalities[max(positions)],
        whole_word=min(strengths) == LEMMA,
    )


def _best_word(lemmas, found) -> tuple[float, int | None]:
    best: tuple[float, int | None] = (0.0, None)
    for lemma in lemmas:
        for strength, position in found.get(lemma, ()):
            if strength > best[0]:
                best = (strength, position)
    return best
