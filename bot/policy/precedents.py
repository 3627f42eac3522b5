"""Precedents: earlier staff questions with the answer the documents give them.

The rules say what the documents allow; they cannot list every way staff ask. A precedent is a
question written the way staff type it, labelled from the documents alone (verdict, and the
rules whose clause answers it) by people who never saw the engine (docs/policy-quality.md,
"Session 9"). When a new question reads like several precedents that agree, their answer is a
better guide to what the asker means than the rule ranking, which only sees words.

How the two combine (answer.py): the nearest precedents vote, by similarity, for a verdict and a
rule; the engine's own answer votes too, with a fixed weight. A different answer replaces the
engine's only when it wins a clear majority of the votes, can be rendered from the knowledge base
(the rule gives that verdict, or one of its exceptions does, or it is "Information" about the
rule), and does not permit what the engine found forbidden: precedents never turn a "Not allowed"
into an "allowed".

Similarity is the cosine of TF-IDF vectors over what the retriever reads of a question: the word
senses it affirms (after typo repair and the lexicon's synonyms) and the pairs of adjacent
cleaned words, which carry the intent the senses lose ("why can't", "can i", "do we have to").
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from bot.policy.models import Problem, Rule, Verdict
from bot.policy.retrieval import PolicyIndex, Query

PRECEDENTS_PATH = Path(__file__).resolve().parent / "precedents.yaml"

# How many nearest precedents vote. Measured by cross-validation over the sets (docs/policy-quality.md).
NEIGHBOURS = 5
# The engine's own answer counts as a vote of this weight; a precedent's vote is its cosine
# similarity (a close paraphrase scores 0.5 to 0.8).
ENGINE_WEIGHT = 0.3
# A different answer must win at least this share of all votes (the engine's included).
MIN_SHARE = 0.7
# Precedents that forbid what the rules permitted need less agreement: a wrong "allowed" is the
# costliest mistake, so a doubt about one is acted on.
FORBID_MIN_SHARE = 0.5
# Only a precedent at least this similar votes: below it, questions share a word or two and
# nothing of their meaning ("can i bring my dog to the office" and "can I bring up his case").
MIN_SIMILARITY = 0.2
# A ruling needs this many voting precedents, the nearest at least CLOSE_SIMILARITY: one or two
# look-alikes, or several that are only loosely alike, may share the question's words but not its point.
MIN_VOTERS = 3
CLOSE_SIMILARITY = 0.3


@dataclass(frozen=True, slots=True)
class Precedent:
    question: str
    verdict: Verdict
    # The rules whose clause answers it: several rules may quote the same sentence. Empty for
    # "Not covered".
    rules: tuple[str, ...]
    # The set of questions it came from, so an evaluation can leave a whole set out.
    source: str


@dataclass(frozen=True, slots=True)
class Ruling:
    """What the nearest precedents, with the engine's answer, vote for."""

    verdict: Verdict
    rule_id: str | None  # None for "Not covered"
    share: float  # of all votes, the engine's included
    neighbours: int  # how many precedents voted


def load_precedents(path: Path = PRECEDENTS_PATH) -> list[Precedent]:
    if not path.exists():
        return []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or []
    return [
        Precedent(
            question=item["question"],
            verdict=Verdict(item["verdict"]),
            rules=tuple(item.get("rules") or ()),
            source=item.get("source", ""),
        )
        for item in data
    ]


def features(query: Query) -> Counter[str]:
    found: Counter[str] = Counter(f"s:{sense}" for sense in query.affirmed)
    words = query.cleaned.split()
    found.update(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    return found


def renderable(rule: Rule, verdict: Verdict) -> bool:
    """Whether the answer "`verdict`, quoting `rule`" can be given as intent.py gives answers: the
    rule's own verdict, one of its exceptions', "Information" about it, or plain "Allowed" for a
    permission with conditions asked about in principle."""
    if verdict is rule.verdict or verdict is Verdict.INFORMATION:
        return True
    if rule.verdict is Verdict.ALLOWED_WITH_CONDITIONS and verdict is Verdict.ALLOWED:
        return True
    return any(exception.verdict is verdict for exception in rule.exceptions)


class PrecedentBank:
    """The precedents, indexed for cosine similarity (built once per process, ~1 s)."""

    def __init__(self, precedents: Sequence[Precedent], index: PolicyIndex) -> None:
        known = index.rules_by_id
        # A precedent naming a rule the knowledge base no longer has cannot be rendered.
        self.precedents = [p for p in precedents if all(r in known for r in p.rules)]
        self._index = index
        counted = [features(index.parse(p.question)) for p in self.precedents]
        df = Counter(key for found in counted for key in found)
        n = len(counted)
        self._idf = {key: math.log((n + 1) / (count + 1)) for key, count in df.items()}
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for position, found in enumerate(counted):
            for key, weight in self._vector(found).items():
                postings[key].append((position, weight))
        self._postings = {
            key: (np.array([p for p, _ in items], dtype=np.int32), np.array([w for _, w in items]))
            for key, items in postings.items()
        }

    def __len__(self) -> int:
        return len(self.precedents)

    def _vector(self, found: Counter[str]) -> dict[str, float]:
        weights = {k: (1 + math.log(c)) * self._idf[k] for k, c in found.items() if k in self._idf}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {k: w / norm for k, w in weights.items()}

    def nearest(self, query: Query, k: int = NEIGHBOURS) -> list[tuple[Precedent, float]]:
        if not self.precedents:
            return []
        vector = self._vector(features(query))
        if not vector:
            return []
        # One bincount over the query's posting lists: the sparse dot product with every precedent.
        postings = [self._postings[key] for key in vector]
        similarity = np.bincount(
            np.concatenate([positions for positions, _ in postings]),
            weights=np.concatenate([weights * vector[key] for key, (_, weights) in zip(vector, postings)]),
            minlength=len(self.precedents),
        )
        k = min(k, len(similarity))
        kth = np.partition(similarity, len(similarity) - k)[len(similarity) - k]
        close_enough = np.flatnonzero(similarity >= max(kth, MIN_SIMILARITY))
        # Most similar first, equal similarities in file order: the same question always gets the same voters.
        top = sorted(close_enough, key=lambda i: (-similarity[i], i))[:k]
        return [(self.precedents[i], float(similarity[i])) for i in top]

    def rule(self, query: Query, engine_verdict: Verdict, engine_rule: str | None,
             candidates: Iterable[str] = ()) -> Ruling | None:
        """The answer the nearest precedents and the engine's answer vote for, or None when no
        precedent is near. Ties go to the engine's rule, then to the ranking's order."""
        nearest = self.nearest(query)
        if len(nearest) < MIN_VOTERS or nearest[0][1] < CLOSE_SIMILARITY:
            return None
        votes: Counter[tuple[Verdict, str | None]] = Counter()
        for precedent, similarity in nearest:
            for rule_id in precedent.rules or (None,):
                votes[(precedent.verdict, rule_id)] += similarity
        votes[(engine_verdict, engine_rule)] += ENGINE_WEIGHT
        total = sum(similarity for _, similarity in nearest) + ENGINE_WEIGHT
        order = {rule_id: i for i, rule_id in enumerate(candidates)}
        rules = self._index.rules_by_id

        def preference(item: tuple[tuple[Verdict, str | None], float]) -> tuple:
            (verdict, rule_id), weight = item
            return (-weight, rule_id != engine_rule, order.get(rule_id, len(order)), rule_id or "")

        for (verdict, rule_id), weight in sorted(votes.items(), key=preference):
            if rule_id is None and verdict is not Verdict.NOT_COVERED:
                continue
            if rule_id is not None and not renderable(rules[rule_id], verdict):
                continue
            return Ruling(verdict=verdict, rule_id=rule_id, share=weight / total, neighbours=len(nearest))
        return None


@cache
def default_bank() -> PrecedentBank:
    from bot.policy.answer import default_index  # answer.py imports this module

    return PrecedentBank(load_precedents(), default_index())


def check_precedents(precedents: Sequence[Precedent], rules: Sequence[Rule]) -> list[Problem]:
    """Every precedent names known rules, its verdict can be given quoting each of them, and a
    "Not covered" precedent names none."""
    by_id = {rule.id: rule for rule in rules}
    problems = []
    for number, precedent in enumerate(precedents, 1):
        where = f"precedents.yaml #{number}"
        if precedent.verdict is Verdict.NOT_COVERED:
            if precedent.rules:
                problems.append(Problem(where, "a 'Not covered' precedent names no rule"))
            continue
        if not precedent.rules:
            problems.append(Problem(where, f"a {precedent.verdict.value!r} precedent must name its rule"))
        for rule_id in precedent.rules:
            if rule_id not in by_id:
                problems.append(Problem(where, f"unknown rule {rule_id!r}"))
            elif not renderable(by_id[rule_id], precedent.verdict):
                problems.append(Problem(where, f"{rule_id!r} cannot answer {precedent.verdict.value!r}"))
    return problems
