"""Precedents: earlier staff questions with the answer the documents give them, and a model
learnt from them.

The rules say what the documents allow; they cannot list every way staff ask. A precedent is a
question written the way staff type it, labelled from the documents alone (verdict, and the
rules whose clause answers it) by people who never saw the engine (docs/policy-quality.md,
"Session 9"). From thousands of them scripts/build_precedents.py trains a classifier (multinomial
logistic regression over TF-IDF features) that maps a question to a verdict and a rule; it ships
as precedent_model.npz and needs only numpy to run.

How it combines with the rules (answer.py): the model's most probable answer replaces the rules'
only when it is probable enough (more so to permit, less so to forbid), can be rendered from the
knowledge base (the rule gives that verdict, or one of its exceptions does, or it is "Information"
about the rule), and never permits what the rules found "Not allowed".

Features are what the retriever reads of a question: the word senses it affirms (after typo
repair and the lexicon's synonyms), the pairs of adjacent cleaned words, which carry the
intent the senses lose ("why can't", "can i", "do we have to"), and the cleaned text's runs of
four characters, which still match a word the typo repair missed or a phrase split oddly
("acct", "fb's", "dm'd").
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import yaml

from bot.policy.knowledge import LEXICON_PATH, rule_files
from bot.policy.models import Problem, Rule, Verdict
from bot.policy.retrieval import Query

PRECEDENTS_PATH = Path(__file__).resolve().parent / "precedents.yaml"
MODEL_PATH = Path(__file__).resolve().parent / "precedent_model.npz"
# Bump when features() changes: the shipped model is then stale until rebuilt.
FEATURES_VERSION = "senses+bigrams+char4/1"

# The model's answer replaces the rules' when at least this probable (the early sets' writers,
# and the eval set, answer some questions by other conventions: below 0.7 they lose more than the
# newer sets gain, docs/policy-quality.md "Session 9")...
MIN_PROBABILITY = 0.7
# ...or this probable when it forbids what the rules permitted: a doubt about a permission is acted on...
FORBID_MIN_PROBABILITY = 0.5
# ...or this probable when it permits what the rules called a duty or information.
PERMIT_MIN_PROBABILITY = 0.8
# It never permits what the rules found "Not allowed" on a cue of the prohibition ("friend",
# "DM", "other parent"). A prohibition that won on shared words alone ("reply on the agency page
# to a mom asking how modifications work": the no-case-specifics rule) is a weaker finding: there
# the model's permission stands at this much, as high as any permission over the rules needs, and
# only if no close contender forbids it on a cue (answer.UNCUED_CONTENDER_SHARE). At 0.5 it righted
# two more of 1,600 held-out answers (session 11), but a permission over a prohibition should never
# need less than one over a duty.
UNCUED_PROHIBITION_PERMIT_MIN_PROBABILITY = 0.8
# When the rules place the question nowhere (they would answer "Not covered"), the model's answer
# stands at this much: on 1,280 questions neither had seen it was right far more often than the
# abstention, and gave no "allowed" where the documents say "Not allowed" (docs/policy-quality.md,
# "Session 10").
ABSTAINED_MIN_PROBABILITY = 0.3
# To quote another rule than a clear winner of the rules' ranking (answer.FIRM_MIN_SCORE), it must
# be this sure: "can we answer general questions on our page anonymously?" is the self-
# identification duty, however much of the question reads like answering general questions.
FIRM_OVERRULE_MIN_PROBABILITY = 0.9


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
    """The model's answer for a question."""

    verdict: Verdict
    rule_id: str | None  # None for "Not covered"
    probability: float


def load_precedents(path: Path = PRECEDENTS_PATH) -> list[Precedent]:
    if not path.exists():
        return []
    stat = path.stat()
    return list(_read_precedents(path, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=4)
def _read_precedents(path: Path, _mtime_ns: int, _size: int) -> tuple[Precedent, ...]:
    """Parsed once per version of the file (~1 s for ~10,000): `bot policies check` both checks and
    counts them, and a rewritten file has a new modification time or size."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or []
    return tuple(
        Precedent(
            question=item["question"],
            verdict=Verdict(item["verdict"]),
            rules=tuple(item.get("rules") or ()),
            source=item.get("source", ""),
        )
        for item in data
    )


def features(query: Query) -> Counter[str]:
    found: Counter[str] = Counter(f"s:{sense}" for sense in query.affirmed)
    words = query.cleaned.split()
    found.update(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    text = f" {' '.join(words)} "
    found.update(f"c:{text[i:i + 4]}" for i in range(len(text) - 3))
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


class PrecedentModel:
    """The trained classifier: TF-IDF weights, then one linear score per (verdict, rule) class."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        with np.load(path, allow_pickle=False) as data:
            self._column = {name: i for i, name in enumerate(data["features"].tolist())}
            self._idf = data["idf"].astype(np.float64)
            # Stored transposed (a row per feature): a question gathers its features' rows, which
            # are contiguous this way, instead of a few entries from every class's row.
            self._weights_by_feature = np.ascontiguousarray(data["coef"].astype(np.float64).T)
            self._intercept = data["intercept"].astype(np.float64)
            self._labels = [
                (Verdict(verdict), rule or None)
                for verdict, rule in zip(data["verdicts"].tolist(), data["rules"].tolist(), strict=True)
            ]
            self.fingerprint = str(data["fingerprint"])

    def _probability(self, query: Query) -> np.ndarray:
        """The probability of each class (in self._labels' order)."""
        column = self._column
        found = [(index, count) for key, count in features(query).items() if (index := column.get(key)) is not None]
        scores = self._intercept.copy()
        if found:
            columns = np.array([index for index, _ in found])
            # sklearn's TfidfTransformer(sublinear_tf=True) then an l2 norm, as in training.
            weights = (1 + np.log([count for _, count in found])) * self._idf[columns]
            scores += (weights / np.linalg.norm(weights)) @ self._weights_by_feature[columns]
        exp = np.exp(scores - scores.max())
        return exp / exp.sum()

    def probabilities(self, query: Query) -> list[tuple[Verdict, str | None, float]]:
        """Every class, most probable first."""
        probability = self._probability(query)
        return [(*self._labels[i], float(probability[i])) for i in np.argsort(-probability, kind="stable")]

    def rule(self, query: Query, rules: Mapping[str, Rule]) -> Ruling | None:
        """The most probable answer that the knowledge base can render, or None."""
        probabilities = self._probability(query)
        for i in np.argsort(-probabilities, kind="stable")[:3]:
            (verdict, rule_id), probability = self._labels[i], float(probabilities[i])
            if rule_id is None and verdict is Verdict.NOT_COVERED:
                return Ruling(verdict=verdict, rule_id=None, probability=probability)
            if rule_id in rules and renderable(rules[rule_id], verdict):
                return Ruling(verdict=verdict, rule_id=rule_id, probability=probability)
        return None


def fingerprint(precedents_path: Path = PRECEDENTS_PATH) -> str:
    """What the model was trained from: the precedents, and everything that turns a question into
    features (lexicon, rule files, FEATURES_VERSION). A model with another fingerprint is stale."""
    digest = hashlib.sha256(FEATURES_VERSION.encode())
    for path in [precedents_path, LEXICON_PATH, *rule_files()]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def default_model() -> PrecedentModel | None:
    return PrecedentModel() if MODEL_PATH.exists() else None


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
