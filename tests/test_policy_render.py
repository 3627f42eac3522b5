"""Rendering: verdict first, citations, Not covered routing, buttons, and no echo of the question."""

import json
from pathlib import Path

from bot.policy import Verdict, answer, help_text, load_eval_cases, load_rules, render_text, topics_text
from bot.policy.models import PolicyAnswer
from handlers.ids import ActionId
from handlers.views.policy_blocks import answer_blocks, answer_text

EVAL_FILE = Path(__file__).with_name("policy_eval.yaml")
BRANCH_PHONE = "(916) 464-5883"


def _answer_for(rule_id: str) -> PolicyAnswer:
    """An answer for every shipped rule, built the way the engine builds it."""
    rule = next(r for r in load_rules() if r.id == rule_id)
    by_id = {r.id: r for r in load_rules()}
    return PolicyAnswer(verdict=rule.verdict, rule=rule, related=tuple(by_id[i] for i in rule.related))


def _all_answers() -> list[PolicyAnswer]:
    return [_answer_for(rule.id) for rule in load_rules()] + [answer(""), answer("PTO?"), answer("¿Puedo?")]


def _buttons(blocks: list[dict]) -> list[dict]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def _first_block_text(blocks: list[dict]) -> str:
    return blocks[0]["text"]["text"]


def test_first_line_holds_the_verdict_label():
    for result in _all_answers():
        label = result.verdict.value
        assert render_text(result).splitlines()[0].startswith(label)
        assert answer_text(result).splitlines()[0].startswith(f"*{label}*")
        assert _first_block_text(answer_blocks(result, sensitive_reminder=False)).startswith(f"*{label}*")


def test_rule_answer_shows_clause_citation_conditions_action_and_related():
    result = answer("can i look up the ncp on facebook to find where he works")
    rule = result.rule
    text = render_text(result)
    blocks_json = json.dumps(answer_blocks(result, sensitive_reminder=False), ensure_ascii=False)
    for rendered in (text, blocks_json):
        assert rule.quote in rendered
        assert "CSSP Letter 16-04" in rendered and "p. 1" in rendered
        assert all(condition in rendered for condition in rule.conditions)
        assert "Log it with /locate" in rendered
        assert all(related.title in rendered for related in result.related)


def test_clause_crossing_the_page_break_is_cited_as_both_pages():
    text = render_text(_answer_for("independent-verification"))
    assert "pp. 1\u20132; 22 CCR § 113100" in text


def test_not_covered_routes_to_the_policy_branch_with_a_button():
    result = answer("how do I calculate guideline support")
    assert result.verdict is Verdict.NOT_COVERED
    blocks = answer_blocks(result, sensitive_reminder=False)
    for rendered in (render_text(result), answer_text(result), json.dumps(blocks)):
        assert "Policy and Program branch" in rendered and BRANCH_PHONE in rendered
    assert "do not answer" in render_text(result)
    ask = [b for b in _buttons(blocks) if b["action_id"] == ActionId.POLICY_ASK_TEAM]
    assert len(ask) == 1 and ask[0]["value"] == "none"


def test_every_answer_has_feedback_buttons_carrying_only_the_rule_id():
    for result in _all_answers():
        buttons = {b["action_id"]: b["value"] for b in _buttons(answer_blocks(result, sensitive_reminder=True))}
        expected = result.rule.id if result.rule else "none"
        assert buttons[ActionId.POLICY_HELPFUL] == buttons[ActionId.POLICY_NOT_HELPFUL] == expected
        assert (ActionId.POLICY_ASK_TEAM in buttons) == (result.rule is None)


def test_sensitive_reminder_is_optional():
    result = answer("can i dm the ncp")
    with_reminder = json.dumps(answer_blocks(result, sensitive_reminder=True))
    without = json.dumps(answer_blocks(result, sensitive_reminder=False))
    assert "SSNs" in with_reminder and "case numbers" in with_reminder
    assert "SSNs" not in without


def test_rendered_output_never_contains_the_question():
    hostile = [
        "<!channel> @here can I DM ZZQX-9931 on fb? his ssn is 555-12-3456",
        "<@U0123ABC> cp Jane Zyxwv wants dad's address 123 Elm St, can I give it",
        "ZZQX-9931 how many PTO days",
    ]
    questions = hostile + [case.question for case in load_eval_cases(EVAL_FILE)]
    for question in questions:
        result = answer(question)
        blocks = json.dumps(answer_blocks(result, sensitive_reminder=True), ensure_ascii=False)
        for rendered in (render_text(result), answer_text(result), blocks):
            assert question not in rendered
            assert "ZZQX" not in rendered and "555-12-3456" not in rendered and "Zyxwv" not in rendered
            assert "<!channel>" not in rendered and "<@U0123ABC>" not in rendered


def test_blocks_respect_block_kit_limits():
    for result in _all_answers():
        blocks = answer_blocks(result, sensitive_reminder=True)
        assert len(blocks) <= 50
        for block in blocks:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= 3000
            for element in block.get("elements", []):
                if element.get("type") == "button":
                    assert len(element["text"]["text"]) <= 75
                    assert len(element["value"]) <= 2000


def test_help_text_has_examples_and_the_branch_contact():
    text = help_text()
    assert "/policy " in text and BRANCH_PHONE in text and "/policy list" in text


def test_topics_text_lists_every_rule_with_its_verdict():
    text = topics_text()
    for rule in load_rules():
        assert f"{rule.verdict.value}: {rule.title}" in text
