"""Precedents (bot/policy/precedents.py): when earlier questions outvote the rules, and when they may not."""

import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

from bot.policy import AbstainReason, Verdict, answer, check_knowledge_base, default_index, load_rules, render_text
from bot.policy.precedents import (
    PRECEDENTS_PATH,
    Precedent,
    PrecedentBank,
    check_precedents,
    load_precedents,
    renderable,
)

TESTS = Path(__file__).parent
# Unrelated questions that give the small banks below a vocabulary, so that what the near
# questions share weighs something.
BACKGROUND = [
    Precedent("who signed the social media letter", Verdict.INFORMATION, ("letter-signed-by",), "bg"),
    Precedent("what number do parents call about their case", Verdict.INFORMATION, ("brochure-contact-numbers",), "bg"),
    Precedent("must we remove offensive comments from our page", Verdict.REQUIRED, ("monitor-and-remove-posts",), "bg"),
    Precedent("can i friend the ncp on facebook", Verdict.NOT_ALLOWED, ("no-following-participants",), "bg"),
    Precedent("can we post office closure hours on our page", Verdict.ALLOWED, ("post-general-information",), "bg"),
]


def _bank(*precedents: Precedent) -> PrecedentBank:
    return PrecedentBank([*precedents, *BACKGROUND], default_index())


def _like(question: str, verdict: Verdict, *rules: str, copies: int = 4) -> list[Precedent]:
    """`copies` precedents worded like `question` ("...", "... ?", "quick q: ...")."""
    forms = [question, f"{question}?", f"quick q: {question}", f"hey {question} thanks", f"so {question}"]
    return [Precedent(form, verdict, rules, "near") for form in forms[:copies]]


def _ask(question: str, bank: PrecedentBank):
    return answer(question, default_index(), bank)


def test_agreeing_precedents_outvote_the_rules_and_the_answer_quotes_their_rule():
    question = "is there a law that says we have to keep child support info confidential"
    assert answer(question, default_index()).verdict is Verdict.REQUIRED  # the rules alone: a duty
    bank = _bank(*_like(question, Verdict.INFORMATION, "fc-17212-prevent-disclosure"))
    result = _ask(question, bank)
    assert (result.verdict, result.rule_id, result.precedents) == (
        Verdict.INFORMATION, "fc-17212-prevent-disclosure", True)
    assert render_text(result).startswith("Information")


def test_precedents_never_turn_a_prohibition_into_a_permission():
    question = "can i dm the ncp on facebook messenger"
    bank = _bank(*_like(question, Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"))
    result = _ask(question, bank)
    assert (result.verdict, result.rule_id, result.precedents) == (
        Verdict.NOT_ALLOWED, "no-private-messaging", False)


def test_precedents_never_give_a_permission_to_a_question_the_rules_could_not_place():
    question = "can i bring my dog to the office on fridays"
    assert answer(question, default_index()).abstained
    bank = _bank(*_like(question, Verdict.ALLOWED, "post-general-information"))
    assert _ask(question, bank).verdict is Verdict.NOT_COVERED


def test_precedents_may_forbid_what_the_rules_permitted():
    question = "ok to post our holiday closure hours on the agency page"
    assert answer(question, default_index()).verdict is Verdict.ALLOWED
    bank = _bank(*_like(question, Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"))
    result = _ask(question, bank)
    assert (result.verdict, result.rule_id) == (Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page")


def test_precedents_found_not_covered_make_the_bot_say_so():
    question = "if a worker leaks case info are they accountable"
    assert not answer(question, default_index()).abstained
    result = _ask(question, _bank(*_like(question, Verdict.NOT_COVERED)))
    assert (result.verdict, result.abstain_reason) == (Verdict.NOT_COVERED, AbstainReason.PRECEDENTS)
    assert "(916) 464-5883" in render_text(result)


def test_two_look_alikes_are_not_enough():
    question = "is there a law that says we have to keep child support info confidential"
    bank = _bank(*_like(question, Verdict.INFORMATION, "fc-17212-prevent-disclosure", copies=2))
    assert _ask(question, bank).verdict is Verdict.REQUIRED


def test_precedents_that_disagree_leave_the_rules_answer():
    question = "is there a law that says we have to keep child support info confidential"
    split = [*_like(question, Verdict.INFORMATION, "fc-17212-prevent-disclosure", copies=2),
             *(_like(question, Verdict.NOT_COVERED, copies=5)[2:])]
    assert _ask(question, _bank(*split)).verdict is Verdict.REQUIRED


def test_an_exception_verdict_from_precedents_carries_the_exceptions_conditions():
    question = "There's a court order directing release of the CP's address to the NCP. Ok to give it now?"
    assert answer(question, default_index()).rule_id == "release-only-when-required-by-law"
    bank = _bank(*_like(question, Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"))
    result = _ask(question, bank)
    assert (result.verdict, result.rule_id) == (Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent")
    assert result.exception is not None and result.exception.conditions
    assert "The rule itself: Not allowed" in render_text(result)


def test_a_label_the_rule_cannot_give_is_never_rendered():
    rules = {rule.id: rule for rule in load_rules()}
    assert not renderable(rules["no-private-messaging"], Verdict.REQUIRED)
    assert renderable(rules["no-private-messaging"], Verdict.INFORMATION)
    assert renderable(rules["no-sharing-with-other-parent"], Verdict.ALLOWED_WITH_CONDITIONS)
    assert renderable(rules["locate-with-public-postings"], Verdict.ALLOWED)
    problems = check_precedents(
        [Precedent("q", Verdict.REQUIRED, ("no-private-messaging",), "x"),
         Precedent("q", Verdict.NOT_ALLOWED, ("no-such-rule",), "x"),
         Precedent("q", Verdict.NOT_COVERED, ("no-private-messaging",), "x"),
         Precedent("q", Verdict.ALLOWED, (), "x")],
        load_rules(),
    )
    assert [p.message for p in problems] == [
        "'no-private-messaging' cannot answer 'Required'",
        "unknown rule 'no-such-rule'",
        "a 'Not covered' precedent names no rule",
        "a 'Allowed' precedent must name its rule",
    ]


def test_the_checker_reports_an_unreadable_precedents_file(tmp_path):
    broken = tmp_path / "precedents.yaml"
    broken.write_text("- question: q\n  verdict: Maybe\n  rules: []\n")
    problems = check_knowledge_base(precedents_path=broken)
    assert [p.where for p in problems] == ["precedents.yaml"]
    assert "cannot be read" in problems[0].message


def test_the_shipped_precedents_pass_the_checker():
    precedents = load_precedents()
    assert len(precedents) >= 4000
    assert check_precedents(precedents, load_rules()) == []


def _build_script():
    spec = importlib.util.spec_from_file_location("build_precedents", TESTS.parent / "scripts" / "build_precedents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_precedents_are_rebuilt_from_the_labelled_sets():
    """precedents.yaml is generated: edit the sets in tests/ and run scripts/build_precedents.py."""
    built, _dropped = _build_script().build_bank()
    assert yaml.safe_load(PRECEDENTS_PATH.read_text(encoding="utf-8")) == built


def test_no_held_out_question_is_a_precedent():
    """The gated acceptance sets, the evaluation set, its holdout and the session-9 measuring sets
    still measure questions the bot has never seen."""
    script = _build_script()
    held_out = [TESTS / name for name in sorted(script.HELD_OUT) if (TESTS / name).exists()]
    assert len(held_out) >= 5
    bank = {script.squash(p.question) for p in load_precedents()}
    for path in held_out:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            assert script.squash(case["question"]) not in bank, (path.name, case["question"])


async def test_a_slash_command_answered_by_precedents_quotes_their_rule(bot):
    """Through the real endpoint: the rules alone cannot place this question; the shipped
    precedents (staff asking why private messages are banned) answer it."""
    question = "why cant we just message ppl on social media? seems way faster than mailing letters"
    assert answer(question, default_index()).abstained
    response = await bot.command("/policy", question)
    assert response.status == 200
    message = json.loads(await response.text())
    first_line = message["blocks"][0]["text"]["text"].splitlines()[0]
    assert re.match(r"\*Information\*", first_line)
    rendered = json.dumps(message)
    assert "direct communication with participants using private communication systems" in rendered
    assert "The rule itself: Not allowed" in rendered


@pytest.mark.parametrize("question", [
    "can i DM the ncp on fb to ask where he works now",
    "can i follow the NCP on instagram from my personal account",
    "can I tell the CP where the NCP lives now",
    "can i just change the NCP's address in CSE based on his public FB post",
])
def test_prohibitions_stay_prohibitions_with_the_shipped_precedents(question):
    assert not answer(question).verdict.permits
