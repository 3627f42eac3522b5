"""Value types shared by the policy knowledge base, the retriever and the renderers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    """The only verdicts the bot may give. The value is the label staff see."""

    ALLOWED = "Allowed"
    ALLOWED_WITH_CONDITIONS = "Allowed with conditions"
    NOT_ALLOWED = "Not allowed"
    REQUIRED = "Required"
    INFORMATION = "Information"
    NOT_COVERED = "Not covered"

    @property
    def needs_conditions(self) -> bool:
        return self is Verdict.ALLOWED_WITH_CONDITIONS

    @property
    def permits(self) -> bool:
        """True for verdicts that tell staff they may go ahead."""
        return self in (Verdict.ALLOWED, Verdict.ALLOWED_WITH_CONDITIONS)


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a clause comes from: a known document, the page it starts on, an optional statute."""

    document: str
    page: int
    statute: str | None = None


@dataclass(frozen=True, slots=True)
class RuleException:
    """The exception a prohibition names ("unless ordered by a court"), or the permission a duty
    contains ("verification ... may come from any and all other resources"), as a rule file
    states it.

    When a question asserts it ("there is a court order saying...", "can I use the usual
    sources?") or asks when it applies, the answer carries `verdict` and these conditions
    instead of the rule's own verdict.
    """

    verdict: Verdict
    # Completes "The rule itself: Not allowed, ...": "except when a court orders the disclosure".
    summary: str
    conditions: tuple[str, ...]
    # Regular expressions (matched as whole words on text.clean() output) that assert it.
    cues: tuple[str, ...] = ()
    # Regular expressions naming who the exception is for ("law enforcement" for "with
    # authorized authorities"): their request invokes it unless the question denies it outright.
    requesters: tuple[str, ...] = ()
    # Whether asking when it applies ("when are we allowed to...") invokes it. A duty's permission
    # does not answer "when may I act on it?": the duty does.
    answers_when: bool = True
    # Whether a negation anywhere in the question ("no court order") denies it. A permission that
    # is asserted in negative words ("a general question, no case info in it") says False, and its
    # cues carry their own exclusions.
    negation_denies: bool = True
    # Whether a question about what the documents say ("what counts as verifying it?") is answered
    # "Information" rather than with this exception.
    information_first: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the knowledge base, loaded from bot/policy/rules/<id>.yaml."""

    id: str
    title: str
    topic: str
    verdict: Verdict
    quote: str
    citation: Citation
    explanation: str
    conditions: tuple[str, ...] = ()
    related_action: str | None = None
    related: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    # Phrases that signal this rule's intent strongly enough to earn a fixed score bonus.
    cues: tuple[str, ...] = ()
    # Broader rules this one carves an exception out of: when one of this rule's cues matches,
    # it must outrank them (a specific prohibition beats the general permission).
    overrides: tuple[str, ...] = ()
    # Words that set the scene this rule is about (e.g. "page", "comment" for the agency-page
    # rules). When the question contains none of them the rule is unlikely to be the answer,
    # however many of its other words match: a payment question is only an agency-page
    # question if a page, post or comment is involved.
    context: tuple[str, ...] = ()
    # Words that say the question is about something else ("a general question" for the
    # no-case-specifics rule): the rule is damped like a missing context unless a cue matched.
    contrary: tuple[str, ...] = ()
    # Lexicon meanings that say the rule does not apply even when its cues matched ("publicpart":
    # the question asks about the public part of an account whose rest is private).
    yields_to: tuple[str, ...] = ()
    # For a prohibition: how much of the question it must explain to override a permission it
    # lists in `overrides` when its cue matched, if not retrieval.PROHIBITION_MIN_COVERAGE (or the
    # lower PROHIBITION_MIN_COVERAGE_TWO_CUES when two cues matched). A named personal account ("my
    # personal LinkedIn") settles the question even in a long one.
    override_min_coverage: float | None = None
    # The rule whose clause is the legal ground of this one ("no case specifics on the page" rests on
    # FC § 17212): quoted beside it when the answer is the rule's own verdict.
    grounded_in: str | None = None
    # The exceptions (or permissions) the rule's clause contains, if a question can invoke them,
    # in the order they are tried (see intent.py).
    exceptions: tuple[RuleException, ...] = ()


class AbstainReason(StrEnum):
    EMPTY_QUESTION = "empty_question"
    UNSUPPORTED_LANGUAGE = "unsupported_language"
    LOW_CONFIDENCE = "low_confidence"
    # A known near-miss the documents do not address (PTO, paid ads, record retention...).
    OUT_OF_SCOPE = "out_of_scope"
    # The precedent model found it like the questions the documents do not answer (precedents.py).
    PRECEDENTS = "precedents"


@dataclass(frozen=True, slots=True)
class PolicyAnswer:
    """What the engine concluded. It deliberately holds no copy of the question."""

    verdict: Verdict
    rule: Rule | None
    related: tuple[Rule, ...] = ()
    score: float = 0.0
    abstained: bool = False
    abstain_reason: AbstainReason | None = None
    # Rule ids of the runner-up candidates, kept for evaluation and debugging only.
    candidates: tuple[str, ...] = field(default=(), compare=False)
    # Set when the question invoked the rule's exception; `verdict` is then the exception's.
    exception: RuleException | None = None
    # A close runner-up that answers with the same verdict: its clause is quoted too.
    also: Rule | None = None
    # The rule's `grounded_in` (the law it rests on), quoted too when the answer is the rule's own verdict.
    ground: Rule | None = None
    # Whether the answer is the precedent model's rather than the rules' own (precedents.py).
    precedents: bool = False

    @property
    def rule_id(self) -> str | None:
        return self.rule.id if self.rule else None

    @property
    def differs_from_rule(self) -> bool:
        """The verdict answers the question's intent, not the rule's own verdict (see intent.py)."""
        return self.rule is not None and self.verdict is not self.rule.verdict


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the knowledge base, as reported by the checker."""

    where: str  # a rule id or a file name
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"
