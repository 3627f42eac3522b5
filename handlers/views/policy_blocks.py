"""Block Kit for a policy answer. Pure functions: PolicyAnswer in, JSON-ready dicts out.

The question is never passed in, so it cannot be echoed (no PII, no @channel injection).
Feedback buttons carry only the rule id, or "none" for an abstention.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from bot.policy.models import PolicyAnswer, Rule, Verdict
from bot.policy.render import (
    CONTACT_TEXT,
    POLICY_BRANCH,
    POLICY_BRANCH_PHONE,
    SENSITIVE_REMINDER,
    answer_conditions,
    citation_text,
    not_covered_details,
    not_covered_headline,
    related_summary,
    rule_verdict_note,
    verdict_label,
)
from handlers.ids import ActionId

Block = dict[str, Any]

# Block Kit limits (api.slack.com/reference/block-kit).
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_CONTEXT_TEXT = 2000
MAX_BUTTON_TEXT = 75
NO_RULE = "none"


class PolicyBlockId(StrEnum):
    """block_ids of a policy answer, so listeners can find or replace a block."""

    VERDICT = "policy_verdict"
    FEEDBACK = "policy_feedback"


def answer_blocks(answer: PolicyAnswer, *, sensitive_reminder: bool) -> list[Block]:
    rule = answer.rule
    if answer.abstained or rule is None:
        blocks = _not_covered_blocks(answer)
    else:
        blocks = _rule_blocks(answer, rule)
    if sensitive_reminder:
        blocks.append(_context(SENSITIVE_REMINDER))
    blocks.append(_feedback_actions(answer))
    return blocks[:MAX_BLOCKS]


def answer_text(answer: PolicyAnswer) -> str:
    """Notification / fallback text: verdict first, then the clause and citation or contact."""
    rule = answer.rule
    if answer.abstained or rule is None:
        reason = answer.abstain_reason
        return "\n".join(
            [f"*{verdict_label(Verdict.NOT_COVERED)}*", not_covered_headline(reason), CONTACT_TEXT]
        )
    return "\n".join(
        [
            _verdict_line(answer, rule),
            f"\u201c{_escape(rule.quote)}\u201d \u2014 {_escape(citation_text(rule))}",
        ]
    )


def _verdict_line(answer: PolicyAnswer, rule: Rule) -> str:
    """The bold verdict label and the rule title; below it, the rule's own verdict when the
    question's intent gave a different label ("Information" about a prohibition)."""
    line = f"*{verdict_label(answer.verdict)}* \u2014 {_escape(rule.title)}"
    note = rule_verdict_note(answer)
    return f"{line}\n{_escape(note)}" if note else line


def _rule_blocks(answer: PolicyAnswer, rule: Rule) -> list[Block]:
    blocks = [
        _section(_verdict_line(answer, rule), PolicyBlockId.VERDICT),
        _section(f">\u201c{_escape(rule.quote)}\u201d\n\u2014 _{_escape(citation_text(rule))}_"),
        _section(_escape(rule.explanation)),
    ]
    if also := answer.also:
        blocks.append(_section(f"*Also relevant:* {_escape(also.title)}\n>\u201c{_escape(also.quote)}\u201d\n"
                               f"\u2014 _{_escape(citation_text(also))}_"))
    if ground := answer.ground:
        blocks.append(_section(f"*The law behind it:* {_escape(ground.title)}\n>\u201c{_escape(ground.quote)}\u201d\n"
                               f"\u2014 _{_escape(citation_text(ground))}_"))
    heading, conditions = answer_conditions(answer)
    if conditions:
        bullets = "\n".join(f"\u2022 {_escape(c)}" for c in conditions)
        blocks.append(_section(f"*{heading}*\n{bullets}"))
    if rule.related_action:
        blocks.append(_section(f"*Next step:* {_escape(rule.related_action)}"))
    if answer.related:
        related = "\n".join(f"\u2022 {_escape(related_summary(r))}" for r in answer.related[:2])
        blocks.append(_context(f"*Related:*\n{related}"))
    return blocks


def _not_covered_blocks(answer: PolicyAnswer) -> list[Block]:
    reason = answer.abstain_reason
    contact = f"Ask the *{POLICY_BRANCH}* at *{POLICY_BRANCH_PHONE}*, or ask the policy team."
    return [
        _section(
            f"*{verdict_label(Verdict.NOT_COVERED)}* \u2014 {_escape(not_covered_headline(reason))}",
            PolicyBlockId.VERDICT,
        ),
        _section("\n".join([*(_escape(line) for line in not_covered_details(reason)), contact])),
    ]


def _feedback_actions(answer: PolicyAnswer) -> Block:
    value = answer.rule.id if answer.rule and not answer.abstained else NO_RULE
    buttons = []
    if answer.abstained or answer.rule is None:
        buttons.append(_button("Ask the policy team", ActionId.POLICY_ASK_TEAM, value, style="primary"))
    buttons += [
        _button("Helpful", ActionId.POLICY_HELPFUL, value),
        _button("Not helpful", ActionId.POLICY_NOT_HELPFUL, value),
    ]
    return {"type": "actions", "block_id": PolicyBlockId.FEEDBACK.value, "elements": buttons}


def _section(text: str, block_id: PolicyBlockId | None = None) -> Block:
    block: Block = {"type": "section", "text": {"type": "mrkdwn", "text": _clip(text, MAX_SECTION_TEXT)}}
    if block_id is not None:
        block["block_id"] = block_id.value
    return block


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(text, MAX_CONTEXT_TEXT)}]}


def _button(label: str, action_id: ActionId, value: str, *, style: str | None = None) -> Block:
    button: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": label[:MAX_BUTTON_TEXT]},
        "action_id": action_id.value,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def _escape(text: str) -> str:
    """Slack mrkdwn control characters; rule text should never be read as a link or mention."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
