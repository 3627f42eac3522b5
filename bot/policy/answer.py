"""`answer(question)`: pick the rule that answers a staff question, or abstain.

Abstaining is the safe failure: a "Not covered" answer routes staff to the Policy and Program
branch, whereas a confident answer from the wrong rule could tell them to do something the
policy forbids. The thresholds below therefore lean towards abstaining.
"""

from __future__ import annotations

from functools import cache

from bot.policy import precedents as precedent_model
from bot.policy.knowledge import load_lexicon, load_rules
from bot.policy.language import looks_english
from bot.policy.models import AbstainReason, PolicyAnswer, Rule, RuleException, Verdict
from bot.policy.precedents import PrecedentModel, Ruling, default_model
from bot.policy.retrieval import PolicyIndex, Query, ScoredRule

# Below this ranking score ((BM25 + cue bonus) x coverage, see retrieval.py) no rule is a
# credible answer. Off-topic questions ("how do I calculate guideline support") share a word
# or two with the rules, which earns some BM25 but little coverage. On the evaluation set
# off-topic questions top out near 4 and answerable ones start above 5.
MIN_SCORE = 5.0
# A chatty question ("why exactly are we banned from messaging participants thru social media?
# seems like it'd be faster") spends most of its words on filler the rules do not contain, so
# its coverage, and with it its score, is low even when one rule plainly answers it. Such a rule
# is still trusted when it is a clear winner: one of its cues matched, it shares a lot of
# vocabulary with the question (BM25), and it scores well above the runner-up.
CLEAR_WINNER_MIN_SCORE = 2.5
CLEAR_WINNER_MIN_BM25 = 7.0
CLEAR_WINNER_LEAD = 2.0
# A question that asks why a rule exists ("but what's the actual reasoning behind that?") spends
# even more words on framing, and its answer ("Information", quoting the clause) permits nothing,
# so a smaller lead is trusted.
CLEAR_WINNER_LEAD_EXPLAINING = 1.5
# Below MIN_SCORE, a winner whose cue matched is still trusted when the runner-up, close behind,
# gives the same verdict and that verdict permits nothing: two prohibitions that both fit ("live chat about their cases on our
# page": no private chat, no case specifics on the page) agree on the answer.
AGREEING_MIN_SCORE = 4.0
AGREEING_MIN_SHARE = 0.6
# When a prohibition that matched several cues scores nearly as well as a permission that leads,
# the question is too close to call between them, and a wrong "allowed" is the costlier mistake.
PROHIBITION_TIE_SHARE = 0.9
PROHIBITION_TIE_MIN_CUES = 2
# A runner-up that gives the same verdict and scores at least this share of the winner is quoted
# too: rules that agree (the privacy duty and the duty to monitor, "release only when required by
# law" and "nobody without permission") are often both the clause staff are looking for.
ALSO_MIN_SHARE = 0.5
# How far down the ranking a rule whose exception the question asserts may come from to answer,
# and how close behind the winner it must score.
EXCEPTION_CONTENDERS = 4
EXCEPTION_MIN_SHARE = 0.5
# A prohibition that won without a cue may yield to the precedent model's permission only when no
# prohibition that did match a cue scores at least this share of it (precedents.py,
# UNCUED_PROHIBITION_PERMIT_MIN_PROBABILITY).
UNCUED_CONTENDER_SHARE = 0.5
# A rules' answer whose winner scores at least this much, and this many times the runner-up, is
# firm: the precedent model needs precedents.FIRM_OVERRULE_MIN_PROBABILITY to quote another rule.
FIRM_MIN_SCORE = 10.0
FIRM_LEAD = 2.0
# Only this many leading characters are read: a real question is short, and the cap keeps a
# pasted wall of text from costing more than a normal question.
MAX_QUESTION_CHARS = 2000


@cache
def default_index() -> PolicyIndex:
    """Built once per process from the shipped rules and lexicon."""
    return PolicyIndex(load_rules(), load_lexicon())


def warm_policy_engine() -> None:
    """Build the shipped index and load the precedent model now rather than on the first question."""
    default_index()
    default_model()


def answer(question: str, index: PolicyIndex | None = None, precedents: PrecedentModel | None = None) -> PolicyAnswer:
    """The verdict for a staff question. The caller redacts PII before calling.

    PolicyAnswer.score is the winning rule's ranking score (0 when nothing matched); answers
    below MIN_SCORE abstain with "Not covered". The model learnt from the precedents
    (precedents.py) is consulted with the shipped rules; a caller with its own index passes its
    own model, or none.
    """
    if index is None:
        index, precedents = default_index(), precedents or default_model()
    text = (question or "")[:MAX_QUESTION_CHARS]
    if not text.strip():
        return _abstain(AbstainReason.EMPTY_QUESTION)
    if not looks_english(text):
        return _abstain(AbstainReason.UNSUPPORTED_LANGUAGE)
    query = index.parse(text)
    if not query.terms:
        return _abstain(AbstainReason.EMPTY_QUESTION)
    ranked = _prohibition_breaks_tie(index.rank(query))
    found = _from_rules(index, query, ranked)
    if precedents is None or query.out_of_scope:
        return found
    ruling = precedents.rule(query, index.rules_by_id)
    if ruling is None:
        return found
    return _follow_precedents(index, query, found, ruling, firm=_is_firm(ranked, found),
                              uncued=_is_uncued_prohibition(ranked, found))


def _from_rules(index: PolicyIndex, query: Query, ranked: list[ScoredRule]) -> PolicyAnswer:
    """The answer the rule ranking and the question's intent give."""
    ranked, (verdict, exception) = _exception_named_first(index, query, ranked)
    best = ranked[0]
    runner_up = ranked[1] if len(ranked) > 1 else None
    candidates = tuple(s.rule.id for s in ranked[:3])
    if query.out_of_scope:
        return _abstain(AbstainReason.OUT_OF_SCOPE, score=best.score, candidates=candidates)
    # The rule decides the clause; the question's intent decides the label (intent.py): "why..."
    # or "what happens..." gets "Information", an asserted exception gets the exception's verdict.
    confident = _is_confident(
        best, runner_up, explaining=query.asks_information, names_exception=exception is not None
    ) or _runner_up_agrees(index, query, best, runner_up, verdict)
    if not confident:
        return _abstain(AbstainReason.LOW_CONFIDENCE, score=best.score, candidates=candidates)
    return PolicyAnswer(
        verdict=verdict,
        rule=best.rule,
        related=_related(index, best.rule),
        score=round(best.score, 3),
        candidates=candidates,
        exception=exception,
        also=(also := _agreeing_runner_up(index, query, best, runner_up, verdict)),
        ground=_ground(index, best.rule, verdict, also),
    )


def _is_firm(ranked: list[ScoredRule], found: PolicyAnswer) -> bool:
    """The rules' answer comes from a clear winner: a high score, far ahead of the runner-up."""
    if found.rule_id is None or found.rule_id != ranked[0].rule.id:
        return False
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    return ranked[0].score >= FIRM_MIN_SCORE and ranked[0].score >= FIRM_LEAD * runner_up


def _is_uncued_prohibition(ranked: list[ScoredRule], found: PolicyAnswer) -> bool:
    """The rules' "Not allowed" comes from a winner none of whose cues matched (shared words only),
    and no close contender forbids it on a cue ("...show me the NCP's private posts")."""
    if found.verdict is not Verdict.NOT_ALLOWED or found.rule_id != ranked[0].rule.id or ranked[0].cues:
        return False
    return not any(
        other.cues and other.rule.verdict is Verdict.NOT_ALLOWED
        and other.score >= UNCUED_CONTENDER_SHARE * ranked[0].score
        for other in ranked[1:EXCEPTION_CONTENDERS]
    )


def _follow_precedents(
    index: PolicyIndex, query: Query, found: PolicyAnswer, ruling: Ruling, *, firm: bool = False,
    uncued: bool = False,
) -> PolicyAnswer:
    """The precedent model's answer when it is probable enough (precedents.py), else `found`.

    It never permits what the rules found "Not allowed" on a cue of the prohibition: a wrong
    "allowed" there is the costliest mistake the bot can make. A prohibition that won on shared
    words alone (`uncued`) yields to a permission at UNCUED_PROHIBITION_PERMIT_MIN_PROBABILITY. To
    permit where the rules gave a duty or information, it must be surer than to change anything
    else; to forbid what the rules permitted, less sure; where the rules placed the question
    nowhere, its answer beats an abstention at a lower probability still. A
    clause the rules found `firm`ly ("answer... anonymously": the self-identification duty, far
    ahead of anything else) is swapped for another only when the model is very sure.
    """
    if (ruling.verdict, ruling.rule_id) == (found.verdict, found.rule_id):
        return found
    if ruling.verdict.permits and found.verdict is Verdict.NOT_ALLOWED and not uncued:
        return found
    if found.verdict is Verdict.NOT_COVERED:
        needed = precedent_model.ABSTAINED_MIN_PROBABILITY
    elif ruling.verdict is Verdict.NOT_ALLOWED and found.verdict.permits:
        needed = precedent_model.FORBID_MIN_PROBABILITY
    elif ruling.verdict.permits and found.verdict is Verdict.NOT_ALLOWED:
        needed = precedent_model.UNCUED_PROHIBITION_PERMIT_MIN_PROBABILITY
    elif ruling.verdict.permits and not found.verdict.permits:
        needed = precedent_model.PERMIT_MIN_PROBABILITY
    else:
        needed = precedent_model.MIN_PROBABILITY
    if firm and ruling.rule_id != found.rule_id:
        needed = max(needed, precedent_model.FIRM_OVERRULE_MIN_PROBABILITY)
    if ruling.probability < needed:
        return found
    if ruling.rule_id is None:
        return _abstain(AbstainReason.PRECEDENTS, score=found.score, candidates=found.candidates)
    rule = index.rules_by_id[ruling.rule_id]
    verdict = ruling.verdict
    asked, exception = index.verdict_for(rule, query)
    if asked is not verdict:
        exception = _exception_giving(rule, verdict)
    return PolicyAnswer(
        verdict=verdict,
        rule=rule,
        related=_related(index, rule),
        score=found.score,
        candidates=found.candidates,
        exception=exception,
        ground=_ground(index, rule, verdict, None),
        precedents=True,
    )


def _related(index: PolicyIndex, rule: Rule) -> tuple[Rule, ...]:
    return tuple(index.rules_by_id[r] for r in rule.related if r in index.rules_by_id)


def _exception_giving(rule: Rule, verdict: Verdict) -> RuleException | None:
    """The exception of `rule` whose verdict is `verdict`, when the rule's own verdict, "Information"
    or "Allowed" in principle (for a permission with conditions) do not already give it."""
    if verdict in (rule.verdict, Verdict.INFORMATION):
        return None
    return next((e for e in rule.exceptions if e.verdict is verdict), None)


def _prohibition_breaks_tie(ranked: list[ScoredRule]) -> list[ScoredRule]:
    """The ranking, with a cue-matched prohibition moved before a permission it nearly ties."""
    if len(ranked) < 2 or not ranked[0].rule.verdict.permits:
        return ranked
    runner_up = ranked[1]
    if (
        runner_up.rule.verdict is Verdict.NOT_ALLOWED
        and len(runner_up.cues) >= PROHIBITION_TIE_MIN_CUES
        and runner_up.score >= PROHIBITION_TIE_SHARE * ranked[0].score
    ):
        return [runner_up, ranked[0], *ranked[2:]]
    return ranked


def _exception_named_first(
    index: PolicyIndex, query: Query, ranked: list[ScoredRule]
) -> tuple[list[ScoredRule], tuple[Verdict, RuleException | None]]:
    """The ranking, with a close contender whose exception the question asserts moved before a
    prohibition, or a general statement, that has none; and the verdict of the rule now first.

    "She brought a court order saying the agency has to give her the other parent's address" names
    the other-parent rule's exception ("unless ordered by a court"); the general release rule, or
    DCSS's general confidentiality commitment, may still score a little higher on their words.
    """
    best = ranked[0]
    asked = index.verdict_for(best.rule, query)
    if asked not in ((Verdict.NOT_ALLOWED, None), (Verdict.INFORMATION, None)):
        return ranked, asked
    plain_prohibition = best.rule.verdict is Verdict.NOT_ALLOWED and not best.rule.exceptions
    if plain_prohibition and len(best.cues) > PROHIBITION_TIE_MIN_CUES:
        # A prohibition without exceptions that the question plainly describes ("a fake profile to
        # see his private posts") is not jumped because a requester in it fits another rule's exception.
        return ranked, asked
    for position in range(1, min(EXCEPTION_CONTENDERS, len(ranked))):
        contender = ranked[position]
        if contender.score < EXCEPTION_MIN_SHARE * best.score:
            break
        if contender.rule.verdict is not Verdict.NOT_ALLOWED:
            continue  # only a prohibition's own exception may move it: a permission never jumps one
        contender_asked = index.verdict_for(contender.rule, query)
        if contender_asked[1] is not None:
            return [contender, *ranked[:position], *ranked[position + 1:]], contender_asked
    return ranked, asked


def _agreeing_runner_up(
    index: PolicyIndex, query: Query, best: ScoredRule, runner_up: ScoredRule | None, verdict: Verdict
) -> Rule | None:
    """The runner-up rule when it is close and answers with the same verdict, else None.

    Only a rule that agrees is shown: a close runner-up with another verdict is a doubt about the
    answer, and quoting it would read as a second opinion.
    """
    if runner_up is None or runner_up.score < ALSO_MIN_SHARE * best.score:
        return None
    if index.verdict_for(runner_up.rule, query)[0] is not verdict:
        return None
    return runner_up.rule


def _ground(index: PolicyIndex, rule: Rule, verdict: Verdict, also: Rule | None) -> Rule | None:
    """The rule `rule` is grounded in, when the answer gives the rule's own verdict (and it is not
    already quoted as the agreeing runner-up)."""
    if rule.grounded_in is None or verdict is not rule.verdict:
        return None
    ground = index.rules_by_id.get(rule.grounded_in)
    return None if also is not None and ground is not None and also.id == ground.id else ground


def _is_confident(
    best: ScoredRule, runner_up: ScoredRule | None, *, explaining: bool, names_exception: bool
) -> bool:
    """Above MIN_SCORE, or a clear winner (see CLEAR_WINNER_*).

    A question that asserts the winner's exception ("she brought a certified court order saying
    we're to give her his contact info") is about that rule whatever the runner-up scores: the
    exception's conditions say what must still be checked.
    """
    if best.score >= MIN_SCORE:
        return True
    lead = CLEAR_WINNER_LEAD_EXPLAINING if explaining else CLEAR_WINNER_LEAD
    return (
        bool(best.cues)
        and best.score >= CLEAR_WINNER_MIN_SCORE
        and best.bm25 >= CLEAR_WINNER_MIN_BM25
        and (names_exception or runner_up is None or best.score >= lead * runner_up.score)
    )


def _runner_up_agrees(
    index: PolicyIndex, query: Query, best: ScoredRule, runner_up: ScoredRule | None, verdict: Verdict
) -> bool:
    """See AGREEING_MIN_SCORE."""
    return (
        runner_up is not None
        and not verdict.permits
        and bool(best.cues)
        and best.score >= AGREEING_MIN_SCORE
        and runner_up.score >= AGREEING_MIN_SHARE * best.score
        and index.verdict_for(runner_up.rule, query)[0] is verdict
    )


def _abstain(
    reason: AbstainReason, *, score: float = 0.0, candidates: tuple[str, ...] = ()
) -> PolicyAnswer:
    return PolicyAnswer(
        verdict=Verdict.NOT_COVERED,
        rule=None,
        score=round(score, 3),
        abstained=True,
        abstain_reason=reason,
        candidates=candidates,
    )
