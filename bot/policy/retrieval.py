"""Ranking rules for a question.

score = (BM25 + cue bonus) x coverage

* BM25 (rank-bm25's BM25Okapi) over each rule's title, quote, explanation, examples and
  synonyms finds the rules that share the question's words.
* Cue bonus: BM25 alone confuses rules that share vocabulary (the locate rule and the
  no-follow rule both talk about participants' social media pages); a cue such as "friend"
  or "inbox" decides between them.
* Coverage (IDF-weighted share of the question's words the rule accounts for, like Lucene's
  old coordination factor) prefers the rule that explains the whole question over one that
  repeats a single word, and makes off-topic questions score low.
* Overrides: a specific prohibition whose cue matched is never outranked by the general
  permission it carves out of.
* Context: a rule that names the scene it applies to (the agency page rules need a page,
  post or comment) is damped when the question has none of it.
* Contrary words: a rule may name words that say the question is about something else ("in
  general" for the no-case-specifics rule); they damp it like a missing context, unless one of
  its cues matched. A lexicon meaning the rule yields to ("publicpart") damps it even then.
* Negation: a word the question denies ("we're not connected", "no case info") triggers
  no cue and earns no BM25 ("logged into the county account, not my personal" is not about
  personal accounts).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
from rank_bm25 import BM25Okapi

from bot.policy.intent import ExceptionCues, answer_verdict, asks_information
from bot.policy.models import Rule, RuleException, Verdict
from bot.policy.text import (
    Lexicon,
    TypoCorrector,
    clean,
    cleaned_words,
    negated_words,
    words,
)

CUE_BONUS = 2.5
MAX_CUES_COUNTED = 2
OVERRIDE_MARGIN = 0.5
OVERRIDE_MIN_SHARE = 0.5
# Telling staff "allowed" when a prohibition applies is the costliest mistake, so a prohibition
# whose cue matched beats a permission whenever it explains at least this much of the question,
# however its raw score compares.
PROHIBITION_MIN_COVERAGE = 0.5
# ...or this much when two or more of its cues matched (a rule may also set its own,
# Rule.override_min_coverage).
PROHIBITION_MIN_COVERAGE_TWO_CUES = 0.3
# How much a word the knowledge base has never seen weighs in coverage, as a multiple of the
# average IDF. Unknown words are what give off-topic questions away ("PTO", "garnishment"),
# but staff also use filler the rules do not contain ("all the time", "real quick").
UNKNOWN_WORD_WEIGHT = 1.0
# Words about who is asking or how the answer will be judged ("supervisor question", "is
# that a violation?", "is this kosher") say nothing about which rule applies; they count for
# neither coverage nor against it.
NEUTRAL_WORDS = frozenset(
    words(
        "supervisor supervisors sup sups manager mgr lead worker workers caseworker "
        "caseworkers staff staffer employee employees mod mods moderator admin "
        "veteran newbie rookie trainee director directors management leadership "
        "violation problem problems issue issues kosher legit appropriate acceptable "
        "fine cool "
        # Why they are asking: "prepping a training deck", "for the onboarding presentation".
        "prep prepping deck presentation onboarding "
        # Floating a plan: "idea for our unit", "we're thinking about opening...".
        "idea ideas thinking considering "
        "hire hires "
        # Asking for the reasoning ("what's the rationale the letter gives"): intent.py reads
        # it; it says nothing about which rule applies.
        "reason reasons reasoning rationale justification "
        # Conversational filler: "my sup keeps saying...", "what's the actual reasoning behind
        # that", "honestly", "bc policy".
        "saying actual actually honestly literally basically behind bc cuz "
        # "or is that off limits / a gray area?" (text.clean folds "off limits" into one token)
        "offlimits gray grey area wait trying explain explaining staffed understaffed shorthanded"
    )
)
# A pasted e-mail thread is not a question; beyond this many distinct words the extra
# tokens only add noise and time.
MAX_QUERY_TERMS = 80
# Score multiplier for a rule whose context words are all missing from the question.
CONTEXT_PENALTY = 0.35


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[str, ...]  # distinct content stems of the question, after typo repair
    senses: Mapping[str, tuple[str, ...]]  # term -> itself plus every stem it may stand for
    # The senses of the terms the question does not deny: what BM25, cues and context see.
    affirmed: frozenset[str] = frozenset()
    # The near-miss topic the question is about, when it is one the documents do not cover.
    out_of_scope: str | None = None
    # The cleaned question (text.clean), for the intent patterns in intent.py.
    cleaned: str = ""
    # Whether it asks what the documents say (intent.asks_information), read once per question.
    asks_information: bool = False


@dataclass(frozen=True, slots=True)
class ScoredRule:
    rule: Rule
    score: float  # what the ranking sorts on
    bm25: float
    coverage: float  # 0..1
    cues: tuple[str, ...]  # the cues that matched


def rule_document(rule: Rule) -> list[str]:
    """The bag of stems BM25 indexes for a rule; the title counts twice."""
    parts = [rule.title, rule.title, rule.quote, rule.explanation, *rule.examples, *rule.synonyms]
    return [token for part in parts for token in words(part)]


class PolicyIndex:
    """Everything needed to rank rules, precomputed once (build time ~10 ms)."""

    def __init__(self, rules: Sequence[Rule], lexicon: Lexicon) -> None:
        self.rules = tuple(rules)
        self.rules_by_id = {rule.id: rule for rule in self.rules}
        self._lexicon = lexicon
        documents = [rule_document(rule) for rule in self.rules]
        self._bm25 = BM25Okapi(documents)
        # A question's BM25 score is a sum over its terms, so each term's contribution to every
        # rule is computed once here; adding them in the same order as rank_bm25's get_scores
        # gives the same floats at a fraction of the cost.
        self._bm25_by_term = {term: self._bm25.get_scores([term]) for term in self._bm25.idf}
        words_by_rule = [
            frozenset(doc) | {t for cue in rule.cues for t in words(cue)}
            for rule, doc in zip(self.rules, documents, strict=True)
        ]
        # word -> bit mask of the rules whose text or cues contain it: coverage is then a few
        # integer operations per question word instead of a set lookup per rule and sense.
        self._rules_with_word: dict[str, int] = defaultdict(int)
        for position, vocabulary in enumerate(words_by_rule):
            for word in vocabulary:
                self._rules_with_word[word] |= 1 << position
        self._rules_with_word = dict(self._rules_with_word)
        self._cues = [_cue_token_sets(rule) for rule in self.rules]
        # Cue lookup from one of its stems: a question touches a handful of cues, not all ~300.
        self._cues_by_stem: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for position, cues in enumerate(self._cues):
            for number, (_, tokens) in enumerate(cues):
                self._cues_by_stem[min(tokens)].append((position, number))
        self._context = [_stems(rule.context) for rule in self.rules]
        self._contrary = [_stems(rule.contrary) for rule in self.rules]
        self._yields_to = [[frozenset(words(meaning)) for meaning in rule.yields_to] for rule in self.rules]
        self._exception_cues = {
            rule.id: tuple(ExceptionCues.compile(exception) for exception in rule.exceptions)
            for rule in self.rules
        }
        self._vocabulary = frozenset(t for doc in documents for t in doc) | lexicon.keys()
        # Neutral words are known words: "admin" must not be "corrected" to "admit".
        self._typos = TypoCorrector(self._vocabulary | NEUTRAL_WORDS)
        self._unknown_weight = statistics.fmean(self._bm25.idf.values()) * UNKNOWN_WORD_WEIGHT

    def parse(self, question: str) -> Query:
        cleaned = clean(question)
        correct = self._typos.correct
        terms = list(dict.fromkeys(correct(t) for t in cleaned_words(cleaned)))[:MAX_QUERY_TERMS]
        senses = {term: list(self._lexicon.expand([term])) for term in terms}
        denied = {correct(t) for t in negated_words(cleaned)}
        for span, meaning in self._lexicon.phrase_senses(cleaned):
            anchors = [t for t in dict.fromkeys(correct(w) for w in span) if t in senses]
            # A phrase with a denied word in it is denied as a whole: "not anyone's personal acct"
            # denies "personal account", so its meaning goes only to the denied word.
            anchors = [t for t in anchors if t in denied] or anchors
            extra = self._lexicon.expand(meaning)
            if anchors:
                for anchor in anchors:
                    senses[anchor] += extra
            else:  # the phrase was all stop words: its meaning stands on its own
                for term in meaning:
                    senses.setdefault(term, list(self._lexicon.expand([term])))
        frozen = {term: tuple(dict.fromkeys(values)) for term, values in senses.items()}
        affirmed = frozenset(
            t for term, values in frozen.items() if term not in denied for t in values
        )
        return Query(
            terms=tuple(frozen),
            senses=frozen,
            affirmed=affirmed,
            out_of_scope=self._lexicon.out_of_scope(cleaned, affirmed),
            cleaned=cleaned,
            asks_information=asks_information(cleaned),
        )

    def verdict_for(self, rule: Rule, query: Query) -> tuple[Verdict, RuleException | None]:
        """The verdict the question asks of rule: its own, "Information", or its exception's."""
        return answer_verdict(rule, query.cleaned, self._exception_cues.get(rule.id, ()), query.asks_information)

    def _coverages(
        self, weights: dict[str, float], senses: Mapping[str, tuple[str, ...]]
    ) -> list[float]:
        """Per rule, the IDF-weighted share of the question's words that the rule accounts for.

        Common words ("case", "parent") weigh little; words the knowledge base has never seen
        ("PTO", "garnishment") weigh like an average word, so an off-topic question cannot be
        carried by the one or two common words it shares with the rules.
        """
        total = sum(weights.values())
        if not total:
            return [0.0] * len(self.rules)
        known = self._rules_with_word
        masks = []
        for term in weights:
            mask = 0
            for sense in senses[term]:
                mask |= known.get(sense, 0)
            masks.append(mask)
        items = list(zip(weights.values(), masks, strict=True))
        return [
            sum(weight for weight, mask in items if mask >> position & 1) / total
            for position in range(len(self.rules))
        ]

    def _term_weight(self, term: str) -> float:
        # A lexicon key ("cp") weighs like its primary meaning ("participant"), not like a
        # rare secondary expansion ("custodial").
        if term.isdigit() and term not in self._vocabulary:
            return 0.0  # "10 min", "2 kids": counts carry no policy meaning
        if term in NEUTRAL_WORDS:
            return 0.0
        for candidate in self._lexicon.expand([term]):
            if candidate in self._bm25.idf:
                return self._bm25.idf[candidate]
        return self._unknown_weight

    def rank(self, query: Query) -> list[ScoredRule]:
        """All rules, best first. Ties break on rule id so results are deterministic."""
        bm25 = np.zeros(len(self.rules))
        for term in sorted(query.affirmed):
            contribution = self._bm25_by_term.get(term)
            if contribution is not None:
                bm25 += contribution
        weights = {term: self._term_weight(term) for term in query.terms}
        scored: dict[str, ScoredRule] = {}
        coverages = self._coverages(weights, query.senses)
        matched_cues = self._matched_cues(query.affirmed)
        for rule, base, cues, context, contrary, yields_to, share, numbers in zip(
            self.rules,
            bm25,
            self._cues,
            self._context,
            self._contrary,
            self._yields_to,
            coverages,
            matched_cues,
            strict=True,
        ):
            # A rule that yields to a meaning of the question counts none of its cues: they earn no
            # bonus and it overrides nothing.
            yielded = any(meaning <= query.affirmed for meaning in yields_to)
            matched = () if yielded else tuple(cues[number][0] for number in sorted(numbers))
            bonus = CUE_BONUS * min(len(matched), MAX_CUES_COUNTED)
            score = (float(base) + bonus) * share
            if context and not context & query.affirmed:
                score *= CONTEXT_PENALTY
            elif contrary & query.affirmed and not matched:
                score *= CONTEXT_PENALTY
            elif yielded:
                score *= CONTEXT_PENALTY
            scored[rule.id] = ScoredRule(rule, score, float(base), share, matched)
        _apply_overrides(scored)
        return sorted(scored.values(), key=lambda s: (-s.score, s.rule.id))

    def _matched_cues(self, affirmed: frozenset[str]) -> list[list[int]]:
        """Per rule, the numbers of its cues whose stems the question all affirms."""
        matched: list[list[int]] = [[] for _ in self.rules]
        for stem in affirmed:
            for position, number in self._cues_by_stem.get(stem, ()):
                if self._cues[position][number][1] <= affirmed:
                    matched[position].append(number)
        return matched


def _stems(phrases: Sequence[str]) -> frozenset[str]:
    return frozenset(t for phrase in phrases for t in words(phrase))


def _cue_token_sets(rule: Rule) -> list[tuple[str, frozenset[str]]]:
    """Each cue as a set of stems; cues that reduce to the same stems count once."""
    by_tokens: dict[frozenset[str], str] = {}
    for cue in rule.cues:
        tokens = frozenset(words(cue))
        if tokens and tokens not in by_tokens:
            by_tokens[tokens] = cue
    return [(cue, tokens) for tokens, cue in by_tokens.items()]


@cache
def _cue_tokens(rule: Rule) -> frozenset[frozenset[str]]:
    return frozenset(tokens for _, tokens in _cue_token_sets(rule))


def _has_own_cue(exception: ScoredRule, general: Rule) -> bool:
    """Only a cue the general rule lacks signals the exception.

    "can I tell her" matches the "tell" cue of both the other-parent rule and the release
    rule; it says nothing about which of the two applies, so it must not trigger an override.
    """
    own = _cue_tokens(general)
    return any(frozenset(words(cue)) not in own for cue in exception.cues)


def _outranks(exception: ScoredRule, general: ScoredRule) -> bool:
    if exception.score >= OVERRIDE_MIN_SHARE * general.score:
        return True
    minimum = exception.rule.override_min_coverage or PROHIBITION_MIN_COVERAGE
    if len(exception.cues) >= 2:
        # Two of its cues ("repost an NCP's public post": following, linking) are a surer sign.
        minimum = min(minimum, PROHIBITION_MIN_COVERAGE_TWO_CUES)
    return (
        exception.rule.verdict is Verdict.NOT_ALLOWED
        and general.rule.verdict.permits
        and exception.coverage >= minimum
    )


def _apply_overrides(scored: dict[str, ScoredRule]) -> None:
    """Demote a general rule below a cue-matched exception that carves out of it.

    The exception must be a serious candidate, or a stray cue on an unrelated rule would flip
    the answer: it needs OVERRIDE_MIN_SHARE of the general rule's score, or, when it is a
    prohibition overriding a permission, PROHIBITION_MIN_COVERAGE of the question.
    """
    # Repeat so chains settle; scores only ever go down, and the checker rejects cycles.
    for _ in range(len(scored)):
        changed = False
        for rule_id in sorted(scored, key=lambda r: (-scored[r].score, r)):
            item = scored[rule_id]
            if not item.cues:
                continue
            for general_id in item.rule.overrides:
                general = scored.get(general_id)
                if general is None or general.score < item.score:
                    continue
                if not _has_own_cue(item, general.rule):
                    continue
                if _outranks(item, general):
                    scored[general_id] = replace(general, score=item.score - OVERRIDE_MARGIN)
                    changed = True
        if not changed:
            return
