"""Block Kit around a policy answer: button references, escalation post, relayed reply.

Pure functions. The answer blocks themselves come from handlers.views.policy_blocks.
"""

from __future__ import annotations

from typing import Any

from bot.policy_desk import AskedQuestion, quote_for_slack
from handlers.views.policy_blocks import PolicyBlockId, answer_blocks, answer_text

REF_SEPARATOR = ":"


def answer_message(asked: AskedQuestion) -> dict[str, Any]:
    """`text` and `blocks` for an answer; its buttons carry the question's opaque ref."""
    blocks = answer_blocks(asked.answer, sensitive_reminder=asked.had_sensitive_data)
    for block in blocks:
        if block.get("block_id") == PolicyBlockId.FEEDBACK.value:
            for element in block.get("elements", []):
                element["value"] = f"{asked.ref}{REF_SEPARATOR}{element.get('value', '')}"
    text = answer_text(asked.answer)
    if asked.had_sensitive_data:
        text += "\nReminder: never paste case data into Slack."
    return {"text": text, "blocks": blocks}


def parse_button_value(value: str) -> tuple[str, str]:
    """`ref:rule_id` → (ref, rule_id); tolerate values from older messages without a ref."""
    ref, _, rule = (value or "").partition(REF_SEPARATOR)
    return (ref, rule) if rule else ("", ref)


def escalation_message(*, asker: str, redacted_question: str, surface: str) -> dict[str, Any]:
    intro = f"Question from <@{asker}> (asked via {surface}) that the policy documents do not answer:"
    return {
        "text": f"Policy question from <@{asker}> that the documents do not answer",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": intro}},
            {"type": "section", "text": {"type": "mrkdwn", "text": quote_for_slack(redacted_question)[:2900]}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text":
                "Reply in this thread: each reply is relayed to the asker by DM, with case data removed. "
                "Case data was also removed from the question before it was posted."}]},
        ],
    }


def relayed_reply(*, replier: str, reply_redacted: str, permalink: str | None) -> dict[str, Any]:
    where = f" (<{permalink}|thread>)" if permalink else ""
    header = f"The policy team (<@{replier}>) answered your question{where}:"
    return {
        "text": "The policy team answered your question",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": header}},
            {"type": "section", "text": {"type": "mrkdwn", "text": quote_for_slack(reply_redacted)[:2900]}},
        ],
    }
