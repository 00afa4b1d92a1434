"""Matching quality: does a person built from an occupation find that occupation's vacancies?

Run: .venv/bin/python bench/matching_quality.py [--occupations 500] [--vacancies 2000]
     [--people 1000] [--seed 6] [--drop 0.3 --renamed 0.15 --unrelated 0.2]

Data, all from the real ESCO relations in data/reference/esco (no database), seeded:
* occupations: a random sample of those with at least 8 skills;
* vacancies: spread evenly over the occupations; each asks for 90 % of the occupation's
  essential skills (importance 2-3) and up to 6 of its optional ones (importance 1-2);
* people: each from one of the occupations: its essential and optional skills, 30 % dropped,
  15 % of the rest replaced by an ESCO neighbour (broader, narrower or related skill: the way a
  person's record names a skill differently from an ad), then 20 % unrelated skills added; the
  evidence is degraded: sources drawn as certificate 10 %, learning environment 10 %,
  counsellor 20 %, self 40 %, work history 20 %, levels 2-5, 20 % unconfirmed.

A vacancy is relevant to a person when it is of the person's occupation (4 per person at the
default sizes). Each person ranks every vacancy; recall@10 and nDCG@10 (binary gains) are
averaged over people. Ties are broken by vacancy order for every method alike.

Methods: the engine's coverage PE . V (kohtaamo.matching.vectors) and its fit with the
reciprocal and use terms (kohtaamo.matching.score formula without the place and time factors,
which the synthetic data does not have; checked against score_candidates on a sample); coverage
without the expansion (E = identity), to show what the ESCO links add; coverage with every held
skill at strength 1, to show what the (here random) evidence weighting costs; and the baseline,
plain Jaccard of the skill sets.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kohtaamo.lang.vocabulary import read_csv_gz  # noqa: E402
from kohtaamo.matching.params import MatchParams  # noqa: E402
from kohtaamo.matching.score import score_candidates  # noqa: E402
from kohtaamo.matching.vectors import (  # noqa: E402
    Competence,
    PersonCompetences,
    Relations,
    Requirement,
    VacancyRequirements,
    build_index,
    expand,
)

ESCO = Path(__file__).resolve().parent.parent / "data" / "reference" / "esco"
SOURCES = ["certificate", "learning_environment", "counsellor", "self", "work_history"]
SOURCE_SHARE = [0.1, 0.1, 0.2, 0.4, 0.2]
K = 10


def load_esco():
    skills = sorted(
        r["uri"]
        for r in read_csv_gz(ESCO / "concepts.csv.gz")
        if r["kind"] == "skill" and r["status"] == "released"
    )
    known = set(skills)
    occupations: dict[str, tuple[list[str], list[str]]] = {}
    for r in read_csv_gz(ESCO / "occupation_skills.csv.gz"):
        if r["skill_uri"] in known:
            essential, optional = occupations.setdefault(r["occupation_uri"], ([], []))
            (essential if r["relation"] == "essential" else optional).append(r["skill_uri"])
    broader = [
        (r["uri"], r["broader_uri"])
        for r in read_csv_gz(ESCO / "broader.csv.gz")
        if r["uri"] in known and r["broader_uri"] in known
    ]
    related = [
        (r["skill_uri"], r["related_uri"]) for r in read_csv_gz(ESCO / "skill_relations.csv.gz")
    ]
    return skills, occupations, Relations(broader=broader, related=related)


def neighbours(relations: Relations) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for a, b in (*relations.broader, *relations.related):
        result.setdefault(a, []).append(b)
        result.setdefault(b, []).append(a)
    return {uri: sorted(set(others)) for uri, others in result.items()}


def make_vacancies(rng, occupations, chosen, n):
    vacancies, labels = [], []
    for j in range(n):
        uri = chosen[j % len(chosen)]
        essential, optional = occupations[uri]
        asked = [
            Requirement(s, essential=True, importance=int(rng.integers(2, 4)))
            for s in essential
            if rng.random() < 0.9
        ]
        picked = rng.permutation(len(optional))[: int(rng.integers(0, 7))]
        asked += [
            Requirement(optional[i], essential=False, importance=int(rng.integers(1, 3)))
            for i in sorted(picked)
        ]
        vacancies.append(VacancyRequirements(tuple(asked), uri))
        labels.append(uri)
    return vacancies, np.array(labels)


def make_people(rng, occupations, chosen, skills, near, n, drop=0.3, renamed=0.15, unrelated=0.2):
    people, labels = [], []
    for _ in range(n):
        uri = chosen[int(rng.integers(len(chosen)))]
        own = [s for s in sum(occupations[uri], []) if rng.random() >= drop]
        named = []
        for s in own:
            if near.get(s) and rng.random() < renamed:
                s = near[s][int(rng.integers(len(near[s])))]
            named.append(s)
        named += [skills[i] for i in rng.integers(0, len(skills), round(unrelated * len(own)))]
        held = tuple(
            Competence(
                s,
                "skill",
                int(rng.integers(2, 6)),
                SOURCES[rng.choice(len(SOURCES), p=SOURCE_SHARE)],
                confirmed=bool(rng.random() >= 0.2),
            )
            for s in named
        )
        people.append(PersonCompetences(held))
        labels.append(uri)
    return people, np.array(labels)


def rank_metrics(scores: np.ndarray, relevant: np.ndarray) -> tuple[float, float]:
    """Mean recall@K and nDCG@K; scores and relevant are people x vacancies."""
    order = np.argsort(-scores, axis=1, kind="stable")[:, :K]
    hits = np.take_along_axis(relevant, order, axis=1).astype(np.float64)
    n_rel = relevant.sum(axis=1)
    recall = hits.sum(axis=1) / np.maximum(n_rel, 1)
    discount = 1 / np.log2(np.arange(2, K + 2))
    ideal = np.array([discount[: min(r, K)].sum() for r in n_rel])
    ndcg = (hits * discount).sum(axis=1) / np.maximum(ideal, 1e-12)
    return float(recall.mean()), float(ndcg.mean())


def jaccard(index, people, vacancies) -> np.ndarray:
    def binary(sets):
        rows = [i for i, s in enumerate(sets) for _ in s]
        cols = [index.column[u] for s in sets for u in s]
        return sp.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(len(sets), len(index.column))
        )

    ps = [sorted({c.uri for c in p.competences}) for p in people]
    vs = [sorted({r.uri for r in v.requirements}) for v in vacancies]
    bp, bv = binary(ps), binary(vs)
    inter = (bp @ bv.T).toarray()
    union = np.add.outer(np.array([len(s) for s in ps]), np.array([len(s) for s in vs])) - inter
    return inter / np.maximum(union, 1)


def fit(index, pe: np.ndarray, vacancies, coverage: np.ndarray, params: MatchParams):
    """The score formula's fit, vectorised: coverage, reciprocal (essentials met) and use."""
    rows, cols = [], []
    for j, v in enumerate(vacancies):
        essentials = [r for r in v.requirements if r.essential] or list(v.requirements)
        rows += [j] * len(essentials)
        cols += [index.column[r.uri] for r in essentials]
    ess = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vacancies), pe.shape[1]))
    met = (pe >= params.met_threshold).astype(np.float64)
    reciprocal = (ess @ met.T).T / np.maximum(np.asarray(ess.sum(axis=1)).ravel(), 1)
    p = index.p.astype(np.float64)
    asked = (index.v > 0).astype(np.float64)
    use = (asked @ p.T).toarray().T / np.maximum(np.asarray(p.sum(axis=1)), 1e-12)
    rest = 1 - params.reciprocal_weight - params.use_weight
    return rest * coverage + params.reciprocal_weight * reciprocal + params.use_weight * use


def check_against_engine(index, people, vacancies, fitted, rng) -> float:
    """Largest difference between the vectorised fit and score.score_candidates (sample)."""
    worst = 0.0
    for i in rng.integers(0, len(people), 20):
        rows = rng.integers(0, len(vacancies), 5)
        chosen = [vacancies[j] for j in rows]
        engine = score_candidates(index, people[i], chosen, rows, index.pe[i].toarray()[0])
        worst = max(worst, float(np.abs(engine.score - np.minimum(fitted[i, rows], 1)).max()))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--occupations", type=int, default=500)
    parser.add_argument("--vacancies", type=int, default=2000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--drop", type=float, default=0.3, help="share of skills dropped")
    parser.add_argument(
        "--renamed", type=float, default=0.15, help="share named by an ESCO neighbour instead"
    )
    parser.add_argument(
        "--unrelated", type=float, default=0.2, help="unrelated skills added, share of the rest"
    )
    parser.add_argument("--floor", type=float, default=None, help="MatchParams.evidence_floor")
    args = parser.parse_args()
    started = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    skills, occupations, relations = load_esco()
    eligible = sorted(u for u, (e, o) in occupations.items() if len(e) + len(o) >= 8)
    chosen = [eligible[i] for i in sorted(rng.choice(len(eligible), args.occupations, False))]
    vacancies, vacancy_occ = make_vacancies(rng, occupations, chosen, args.vacancies)
    near = neighbours(relations)
    people, person_occ = make_people(
        rng, occupations, chosen, skills, near, args.people, args.drop, args.renamed, args.unrelated
    )
    loaded = time.perf_counter()
    params = MatchParams(**({"evidence_floor": args.floor} if args.floor is not None else {}))
    index = build_index(people, vacancies, relations, params)
    built = time.perf_counter()
    relevant = person_occ[:, None] == vacancy_occ[None, :]
    pe = index.pe.toarray().astype(np.float64)
    coverage = (index.v.astype(np.float64) @ pe.T).T
    direct = expand(index.p, sp.identity(len(index.vocabulary), format="csr", dtype=np.float32))
    coverage_direct = (index.v.astype(np.float64) @ direct.toarray().astype(np.float64).T).T
    fitted = fit(index, pe, vacancies, coverage, params)
    evidence_blind = expand((index.p > 0).astype(np.float32), index.e).toarray().astype(np.float64)
    coverage_blind = (index.v.astype(np.float64) @ evidence_blind.T).T
    results = [
        ("baseline: Jaccard of skill sets", jaccard(index, people, vacancies)),
        ("coverage without ESCO expansion (E = I)", coverage_direct),
        ("coverage PE . V (engine)", coverage),
        ("coverage, evidence ignored (P binary)", coverage_blind),
        ("fit: coverage + reciprocal + use (engine)", fitted),
    ]
    print(
        f"{args.people} people x {args.vacancies} vacancies from {args.occupations} "
        f"occupations, seed {args.seed}, noise drop {args.drop} renamed {args.renamed} "
        f"unrelated {args.unrelated}; vocabulary {len(index.vocabulary)}, "
        f"E {index.e.nnz} entries"
    )
    print(f"{'method':45} {'recall@10':>10} {'nDCG@10':>10}")
    for name, scores in results:
        recall, ndcg = rank_metrics(scores, relevant)
        print(f"{name:45} {recall:10.3f} {ndcg:10.3f}")
    worst = check_against_engine(index, people, vacancies, fitted, rng)
    print(f"vectorised fit vs score.score_candidates on 100 pairs: max difference {worst:.1e}")
    done = time.perf_counter()
    print(
        f"data {loaded - started:.1f} s, index {built - loaded:.1f} s, "
        f"scoring {done - built:.1f} s, total {done - started:.1f} s"
    )


if __name__ == "__main__":
    main()
