"""Plain-text rendering of answers, help and the topic list (terminal and `bot ask`).

Nothing here ever receives the question: an answer is built only from rule text, so a
question full of PII or "@channel" cannot be echoed back by construction.
Slack Block Kit rendering lives in handlers/views/policy_blocks.py and reuses these pieces.
"""

from __future__ import annotations

from functools import lru_cache

from bot.policy.knowledge import load_rules, rules_by_id
from bot.policy.models import AbstainReason, PolicyAnswer, Rule, Verdict
from bot.policy.sources import DOCUMENTS

POLICY_BRANCH = "Policy and Program branch"
POLICY_BRANCH_PHONE = "(916) 464-5883"
COVERED_DOCUMENTS = "CSSP Letter 16-04 on social media and the DCSS confidentiality brochure"
NOT_COVERED_TEXT = (
    f"The policy documents I know ({COVERED_DOCUMENTS}) do not answer this question, "
    "so I will not guess."
)
CONTACT_TEXT = f"Ask the {POLICY_BRANCH} at {POLICY_BRANCH_PHONE}, or ask the policy team."
LANGUAGE_TEXT = "I can only answer questions asked in English."
SENSITIVE_REMINDER = (
    "Reminder: never paste case data (SSNs, case numbers, dates of birth, phone numbers, "
    "emails) into Slack."
)

# Rules whose first example makes a good sample question for the help text.
_HELP_EXAMPLE_RULES = (
    "no-private-messaging",
    "locate-with-public-postings",
    "no-following-participants",
    "monitor-and-remove-posts",
    "no-sharing-with-other-parent",
)
_TOPIC_ORDER = (
    "Messaging and accounts",
    "Agency social media page",
    "Locate and evidence",
    "Confidentiality and disclosure",
    "Working with participants",
    "Contacts and scope",
)


def verdict_label(verdict: Verdict) -> str:
    return verdict.value


@lru_cache(maxsize=256)
def citation_text(rule: Rule) -> str:
    """E.g. "CSSP Letter 16-04 (March 1, 2016), p. 1; FC § 17212"."""
    citation = rule.citation
    document = DOCUMENTS.get(citation.document)
    name = document.cited_as if document else citation.document
    pages = f"p. {citation.page}"
    span = document.find_quote(rule.quote) if document else None
    if span and span[1] != span[0]:
        pages = f"pp. {span[0]}\u2013{span[1]}"
    text = f"{name}, {pages}"
    return f"{text}; {citation.statute}" if citation.statute else text


def conditions_heading(verdict: Verdict) -> str:
    """For a prohibition the conditions are the exceptions to it."""
    return "Exceptions" if verdict is Verdict.NOT_ALLOWED else "Conditions"


def rule_verdict_note(answer: PolicyAnswer) -> str | None:
    """When the question's intent changed the label (intent.py), the rule's own verdict.

    An "Information" answer about a prohibition must not read as permission, and an answer
    under a prohibition's exception must show the prohibition it is an exception to.
    """
    rule = answer.rule
    if rule is None or not answer.differs_from_rule:
        return None
    if answer.exception is not None:
        return f"The rule itself: {verdict_label(rule.verdict)}, {answer.exception.summary}."
    return f"The rule itself: {verdict_label(rule.verdict)}."


def answer_conditions(answer: PolicyAnswer) -> tuple[str, tuple[str, ...]]:
    """(heading, items): the exception's conditions when the question invoked it, else the rule's."""
    if answer.exception is not None:
        return "Conditions", answer.exception.conditions
    if answer.rule is None:
        return "Conditions", ()
    return conditions_heading(answer.rule.verdict), answer.rule.conditions


def related_summary(rule: Rule) -> str:
    """A related rule in one line, in its own words: staff often need the neighbouring clause too."""
    return f"{verdict_label(rule.verdict)}: {rule.title} \u2014 \u201c{rule.quote}\u201d"


def not_covered_headline(reason: AbstainReason | None) -> str:
    if reason is AbstainReason.EMPTY_QUESTION:
        return "I did not get a question."
    return NOT_COVERED_TEXT


def not_covered_details(reason: AbstainReason | None) -> list[str]:
    """Extra lines explaining why, shown between the headline and the contact line."""
    if reason is AbstainReason.EMPTY_QUESTION:
        return [f"Ask me a policy question, for example: \u201c{help_examples()[0]}\u201d"]
    if reason is AbstainReason.UNSUPPORTED_LANGUAGE:
        return [LANGUAGE_TEXT]
    return []


def render_text(answer: PolicyAnswer) -> str:
    """The answer for a terminal. The first line is the verdict label."""
    rule = answer.rule
    if answer.abstained or rule is None:
        reason = answer.abstain_reason
        return "\n".join(
            [
                verdict_label(Verdict.NOT_COVERED),
                not_covered_headline(reason),
                *not_covered_details(reason),
                CONTACT_TEXT,
            ]
        )
    lines = [f"{verdict_label(answer.verdict)} \u2014 {rule.title}"]
    if note := rule_verdict_note(answer):
        lines.append(note)
    lines += [
        "",
        f"  \u201c{rule.quote}\u201d",
        f"  \u2014 {citation_text(rule)}",
        "",
        rule.explanation,
    ]
    if also := answer.also:
        lines += ["", f"Also relevant: {also.title}", f"  \u201c{also.quote}\u201d", f"  \u2014 {citation_text(also)}"]
    if ground := answer.ground:
        lines += ["", f"The law behind it: {ground.title}", f"  \u201c{ground.quote}\u201d",
                  f"  \u2014 {citation_text(ground)}"]
    heading, conditions = answer_conditions(answer)
    if conditions:
        lines += ["", f"{heading}:", *(f"  - {c}" for c in conditions)]
    if rule.related_action:
        lines += ["", f"Next step: {rule.related_action}"]
    if answer.related:
        lines += ["", "Related:", *(f"  - {related_summary(r)}" for r in answer.related)]
    return "\n".join(lines)


def help_examples() -> list[str]:
    rules = rules_by_id()
    return [rules[r].examples[0] for r in _HELP_EXAMPLE_RULES if r in rules and rules[r].examples]


def help_text() -> str:
    """For `/policy` with no question."""
    lines = [
        "Ask me whether something is allowed under "
        f"{COVERED_DOCUMENTS}.",
        "I answer with a verdict, the exact clause and its citation. If the documents do not "
        f"answer it, I say so and point you to the {POLICY_BRANCH}, {POLICY_BRANCH_PHONE}.",
        "",
        "Try:",
        *(f"  /policy {example}" for example in help_examples()),
        "",
        "/policy list shows every rule. " + SENSITIVE_REMINDER,
    ]
    return "\n".join(lines)


def rules_by_topic() -> list[tuple[str, list[Rule]]]:
    groups: dict[str, list[Rule]] = {}
    for rule in load_rules():
        groups.setdefault(rule.topic, []).append(rule)
    order = {topic: i for i, topic in enumerate(_TOPIC_ORDER)}
    verdicts = list(Verdict)
    return [
        (topic, sorted(rules, key=lambda r: (verdicts.index(r.verdict), r.title)))
        for topic, rules in sorted(groups.items(), key=lambda g: (order.get(g[0], len(order)), g[0]))
    ]


def topics_text() -> str:
    """For `/policy list`: every rule grouped by topic, with its verdict."""
    lines: list[str] = []
    for topic, rules in rules_by_topic():
        if lines:
            lines.append("")
        lines.append(topic)
        lines += [f"  - {verdict_label(r.verdict)}: {r.title}" for r in rules]
    return "\n".join(lines)
