"""Ranking ESCO skills for an English sentence and ESCO occupations for an English job title.

Two kinds of evidence are added up, per concept, over all its labels (preferred and alternative):

- lexical: the lemmatised content words of each label, weighted by how rare they are among labels
  (idf). A sentence expresses a skill when it holds the words of one of the skill's labels, so a
  skill scores the share of a label's weight that the sentence contains, plus a little for the
  weight itself ("JavaScript" found whole beats half of "use JavaScript frameworks"). A job title
  and an occupation label are both short, so there the overlap is symmetric (a cosine).
- semantic, when `kohtaamo.lang.semantic` has its encoder: the cosine between the text and each
  label, which finds "operate forklift" in "drive forklift trucks in a warehouse".

The weights are round numbers chosen on the development sets (bench/skill_extraction.py and
bench/job_titles.py); results changed little around them. Without the encoder the lexical score
alone ranks, with lower figures. Everything here takes and returns plain data, no Django.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kohtaamo.lang.morphology import analyse
from kohtaamo.lang.semantic import Encoder, LabelEmbeddings
from kohtaamo.lang.vocabulary import read_csv_gz

# Words that carry no skill of their own; rare content words are weighted by idf anyway.
FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "and", "or", "of", "the", "to", "in", "on", "for", "with", "by", "at"),
        *("as", "from", "into", "per", "via", "its", "their", "your", "our", "be", "is"),
        *("are", "this", "that", "these", "those", "other", "such", "than", "not", "no"),
        *("any", "all", "etc"),
    }
)
SKILL_LEXICAL_WEIGHT = 0.2  # lexical evidence against a cosine in [0, 1]
SKILL_MATCHED_WEIGHT = 0.03  # per unit of idf found, on top of the share of the label
SKILL_PRIOR_WEIGHT = 0.02  # skills many occupations need come a little first
TITLE_LEXICAL_WEIGHT = 0.1
PREFERRED_LABEL_BONUS = 0.02  # a title that equals a preferred label beats an alternative one


@dataclass(frozen=True)
class Concept:
    """An ESCO skill or occupation as ranking sees it."""

    uri: str
    preferred: str
    alternatives: tuple[str, ...] = ()
    prior: float = 0.0  # in [0, 1]: how widely the concept is used


def concepts_from_rows(rows: Iterable[tuple[str, str, Iterable[str], int]]) -> list[Concept]:
    """Concepts from (URI, English preferred label, alternative labels, occupations using it).

    The product reads the rows from its database, benchmarks from data/reference; both get the
    concepts sorted by URI, so that the same labels come in the same order and share one cache
    of label embeddings. A skill's prior grows with the logarithm of the number of occupations
    that need it; occupations have none (pass 0).
    """
    rows = sorted((r for r in rows if r[1].strip()), key=lambda row: row[0])
    top = math.log1p(max((count for *_, count in rows), default=0)) or 1.0
    return [
        Concept(uri, label.strip(), _distinct(alternatives, label.strip()), math.log1p(count) / top)
        for uri, label, alternatives, count in rows
    ]


def load_esco_concepts(esco_dir: Path, kind: str) -> list[Concept]:
    """Released skills or occupations with their English labels, from data/reference/esco."""
    usage = Counter()
    if kind == "skill":
        usage = Counter(
            row["skill_uri"] for row in read_csv_gz(esco_dir / "occupation_skills.csv.gz")
        )
    return concepts_from_rows(
        (row["uri"], row["label_en"], row["alt_labels_en"].split("|"), usage[row["uri"]])
        for row in read_csv_gz(esco_dir / "concepts.csv.gz")
        if row["kind"] == kind and row["status"] == "released"
    )


def _distinct(labels: Iterable[str], preferred: str) -> tuple[str, ...]:
    seen = {preferred.casefold()}
    kept = []
    for label in (label.strip() for label in labels):
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            kept.append(label)
    return tuple(kept)


def flat_labels(concepts: Sequence[Concept]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every label of every concept, grouped by concept: (labels, owner index, is preferred)."""
    labels, owner, preferred = [], [], []
    for index, concept in enumerate(concepts):
        for position, label in enumerate((concept.preferred, *concept.alternatives)):
            labels.append(label)
            owner.append(index)
            preferred.append(position == 0)
    return labels, np.array(owner, dtype=np.int32), np.array(preferred)


def content_terms(text: str) -> list[str]:
    """Lemmas (and hyphen parts) of the words of `text` that can carry meaning."""
    terms = []
    for word in analyse(text, "en"):
        if word.lemma in FUNCTION_WORDS or (len(word.lemma) < 2 and not word.lemma.isdigit()):
            continue
        terms.append(word.lemma)
        terms.extend(word.parts)
    return terms


def _idf(labels: int, with_term: int) -> float:
    """BM25's idf: never negative, so that a common word still counts a little."""
    return math.log(1 + (labels - with_term + 0.5) / (with_term + 0.5))


class LexicalIndex:
    """Content terms of each label, with their idf among all labels."""

    def __init__(self, labels: Sequence[str]) -> None:
        postings: dict[str, list[int]] = {}
        label_terms = [dict.fromkeys(content_terms(label)) for label in labels]
        for index, terms in enumerate(label_terms):
            for term in terms:
                postings.setdefault(term, []).append(index)
        n = len(labels)
        self.idf = {
            t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in postings.items()
        }
        self.postings = {term: np.array(rows, dtype=np.int32) for term, rows in postings.items()}
        self.weight = np.array([sum(self.idf[t] for t in terms) or 1.0 for terms in label_terms])

    def matched(self, text: str) -> tuple[np.ndarray, float]:
        """The idf weight of each label found in `text`, and the weight of the text's terms."""
        found = np.zeros(len(self.weight))
        text_weight = 0.0
        for term in set(content_terms(text)):
            if term in self.postings:
                found[self.postings[term]] += self.idf[term]
                text_weight += self.idf[term]
        return found, text_weight

    def coverage(self, text: str) -> np.ndarray:
        """Per label: share of its weight found in `text`, plus a little per unit found."""
        found, _ = self.matched(text)
        return found / self.weight + SKILL_MATCHED_WEIGHT * found

    def overlap(self, text: str) -> np.ndarray:
        """Per label: idf-weighted cosine between the terms of `text` and of the label."""
        found, text_weight = self.matched(text)
        return found / np.sqrt(max(text_weight, 1e-9) * self.weight)


@dataclass
class ConceptIndex:
    """What ranking needs of one kind of concept: built once, then read by every query."""

    concepts: list[Concept]
    owner: np.ndarray  # the concept of each label; labels are grouped by concept
    starts: np.ndarray  # index of each concept's first label
    preferred: np.ndarray
    lexical: LexicalIndex
    prior: np.ndarray
    embeddings: LabelEmbeddings | None = None

    by_uri: dict[str, Concept] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_uri = {concept.uri: concept for concept in self.concepts}

    def concept(self, uri: str) -> Concept:
        return self.by_uri[uri]

    def per_concept(self, label_scores: np.ndarray) -> np.ndarray:
        """The best score of each concept's labels."""
        return np.maximum.reduceat(label_scores, self.starts)

    def semantic(self, text: str) -> np.ndarray | None:
        """Per label: cosine with `text`; a label not embedded gets its preferred label's."""
        if self.embeddings is None:
            return None
        cosines = self.embeddings.scores(self.embeddings.encoder.query([text]))[0]
        return cosines if len(cosines) == len(self.owner) else cosines[self.owner]


def build_index(
    concepts: Sequence[Concept],
    encoder: Encoder | None = None,
    cache_dir: Path | None = None,
    *,
    embed_alternatives: bool = True,
    cached_only: bool = False,
) -> ConceptIndex:
    """Index the concepts' labels; embed them too when an encoder is given (cached in cache_dir).

    With `embed_alternatives=False` only preferred labels are embedded: for skills (99,000
    labels, 14,000 of them preferred) that is seven times less time, disk and memory for the
    same figures within noise, since the lexical index still reads every alternative label.
    For job titles all labels gain 2.4 points of accuracy@5 for ten times the build time and
    memory (bench/job_titles.py). With `cached_only`, embeddings not yet in the cache are not
    built (that takes minutes): the index is then lexical, as without an encoder.
    """
    labels, owner, preferred = flat_labels(concepts)
    embeddings = None
    if encoder is not None:
        embedded = labels if embed_alternatives else [c.preferred for c in concepts]
        if cached_only:
            embeddings = LabelEmbeddings.from_cache(embedded, encoder, cache_dir)
        else:
            embeddings = LabelEmbeddings.build(embedded, encoder, cache_dir)
    return ConceptIndex(
        concepts=list(concepts),
        owner=owner,
        starts=np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]),
        preferred=preferred,
        lexical=LexicalIndex(labels),
        prior=np.array([concept.prior for concept in concepts], dtype=np.float32),
        embeddings=embeddings,
    )


def rank_skills(sentence: str, index: ConceptIndex, k: int = 10) -> list[tuple[str, float]]:
    """The k skills a job-ad or CV sentence most likely expresses: (URI, score), best first."""
    if not sentence.strip():
        return []
    lexical = SKILL_LEXICAL_WEIGHT * index.lexical.coverage(sentence)
    semantic = index.semantic(sentence)
    scores = index.per_concept(lexical if semantic is None else lexical + semantic)
    if semantic is None:  # without the encoder, only skills with words in the sentence
        scores[scores <= 0] = -np.inf
    return _top(index, scores + SKILL_PRIOR_WEIGHT * index.prior, k)


def rank_occupations(title: str, index: ConceptIndex, k: int = 10) -> list[tuple[str, float]]:
    """The k occupations a free job title most likely names: (URI, score), best first.

    Titles are lower-cased first: ads often shout them ("KITCHEN ASSISTANT"), which the encoder
    reads less well.
    """
    title = title.strip().lower()
    if not title:
        return []
    lexical = TITLE_LEXICAL_WEIGHT * index.lexical.overlap(title)
    semantic = index.semantic(title)
    if semantic is None:  # without the encoder, only occupations with words of the title
        lexical[lexical <= 0] = -np.inf
    scores = lexical + PREFERRED_LABEL_BONUS * index.preferred
    return _top(index, index.per_concept(scores if semantic is None else scores + semantic), k)


def _top(index: ConceptIndex, scores: np.ndarray, k: int) -> list[tuple[str, float]]:
    k = min(k, len(scores))
    if k <= 0:
        return []
    best = np.argpartition(-scores, k - 1)[:k]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(index.concepts[i].uri, float(scores[i])) for i in best if np.isfinite(scores[i])]
