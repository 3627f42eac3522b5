"""answer(): verdicts, abstention and awkward inputs."""

import time

import pytest

from bot.policy import AbstainReason, PolicyAnswer, Verdict, answer, default_index


def _assert_not_covered(result: PolicyAnswer, reason: AbstainReason | None = None) -> None:
    assert result.verdict is Verdict.NOT_COVERED
    assert result.abstained and result.rule is None and result.related == ()
    if reason is not None:
        assert result.abstain_reason is reason


@pytest.mark.parametrize(
    ("question", "verdict", "rule_id"),
    [
        ("can I DM the NCP on Facebook?", Verdict.NOT_ALLOWED, "no-private-messaging"),
        ("ok to send the obligor a friend request?", Verdict.NOT_ALLOWED, "no-following-participants"),
        ("can i check his public insta to see where he works", Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("someone posted their SSN on our agency page", Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("what's the TTY number for parents", Verdict.INFORMATION, "brochure-contact-numbers"),
    ],
)
def test_answers_with_the_rule_and_its_verdict(question, verdict, rule_id):
    result = answer(question)
    assert (result.verdict, result.rule_id, result.abstained) == (verdict, rule_id, False)
    assert result.verdict is result.rule.verdict
    assert len(result.related) <= 2
    assert all(r.id != rule_id for r in result.related)


@pytest.mark.parametrize(
    "question",
    [
        "obligee wants to know if the obligor got a new job, can I share that with her",
        "i'm logged into my personal instagram, can i look up where the ncp works",
        "can I friend the dad on facebook to see where he works now",
        "his profile is friends only, can I make a second account to see it",
        "one of my workers used her personal FB to look up an NCP's employer, is that ok?",
        "ok to screenshot the ncp's public posts and send them to the cp",
        "can our county page post a photo of the ncp's new truck to shame him",
    ],
)
def test_a_prohibition_beats_the_permission_it_carves_out_of(question):
    # Each question also matches the locate permission; saying "allowed" would be the
    # costliest possible mistake.
    assert answer(question).verdict is Verdict.NOT_ALLOWED


def test_phrases_carry_meaning_that_single_words_do_not():
    assert answer("do I have to say I'm with child support when I reply on our page").rule_id == (
        "self-identify-on-agency-page"
    )
    assert answer("a parent cussed me out on the phone, do I still have to be polite").rule_id == (
        "respect-dignity-compassion"
    )


@pytest.mark.parametrize("question", ["", "   ", "\n\t ", "?!?", "[SSN] [case number]"])
def test_empty_or_redacted_only_question_abstains_without_error(question):
    _assert_not_covered(answer(question), AbstainReason.EMPTY_QUESTION)


def test_none_is_treated_as_empty():
    _assert_not_covered(answer(None), AbstainReason.EMPTY_QUESTION)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "question",
    [
        "¿Puedo enviarle un mensaje al padre por Facebook sobre su caso?",
        "Tôi có thể nhắn tin cho phụ huynh qua Facebook không?",
        "我可以在脸书上给家长发消息吗？",
        "Pwede ko bang i-message ang magulang sa Facebook?",
        "Можно ли написать родителю в Facebook?",
    ],
)
def test_other_languages_abstain(question):
    _assert_not_covered(answer(question), AbstainReason.UNSUPPORTED_LANGUAGE)


@pytest.mark.parametrize(
    "question",
    ["how many PTO days do I get", "how do I calculate guideline support", "where do I park"],
)
def test_off_topic_questions_abstain(question):
    result = answer(question)
    _assert_not_covered(result)
    assert result.abstain_reason in (AbstainReason.LOW_CONFIDENCE, AbstainReason.OUT_OF_SCOPE)


def test_long_question_is_answered_quickly():
    question = ("my supervisor asked me to double check something. " * 80)[:3950] + " can I DM the NCP?"
    assert len(question) >= 3950
    start = time.perf_counter()
    result = answer(question)
    assert time.perf_counter() - start < 0.05
    assert result.verdict in set(Verdict)


def test_four_thousand_characters_of_noise_abstains():
    _assert_not_covered(answer("x" * 4000))
    _assert_not_covered(answer(("lorem ipsum dolor sit amet " * 200)[:4000]))


def test_redaction_placeholders_do_not_change_the_answer():
    plain = answer("the cp wants the ncp's address, can I give it to her")
    redacted = answer("the cp [NAME] wants the ncp's address [ADDRESS] for [case number], can I give it to her")
    assert plain.rule_id == redacted.rule_id == "no-sharing-with-other-parent"


def test_answers_are_deterministic():
    question = "ncp messaged our page on messenger can i reply"
    assert len({answer(question) for _ in range(5)}) == 1


def test_one_answer_takes_well_under_five_milliseconds():
    default_index()  # built once, outside the timed loop
    questions = ["can i follow the ncp on tiktok", "who do I call about this policy", "parking?"] * 100
    start = time.perf_counter()
    for question in questions:
        answer(question)
    average_ms = (time.perf_counter() - start) * 1000 / len(questions)
    assert average_ms < 2.5


@pytest.mark.parametrize(
    ("question", "rule_id"),
    [
        # A denied word triggers no cue: "not friends" is no friend request.
        ("we're not friends on fb, can i still check his public page for his job", "locate-with-public-postings"),
        ("i don't follow her, can i look at her public tiktok to see where she lives", "locate-with-public-postings"),
        # ...but the same word un-negated still does.
        ("we're not friends yet, can I send the NCP a friend request", "no-following-participants"),
    ],
)
def test_a_negated_word_does_not_trigger_its_rule(question, rule_id):
    assert answer(question).rule_id == rule_id


def test_agency_page_rules_need_a_page_post_or_comment():
    # Balance and payments alone are not an agency-page question.
    assert answer("the ncp's sister phoned asking what he owes, can i tell her").rule_id != (
        "no-case-specific-on-agency-page"
    )
    assert answer("ncp asked under our fb post what his balance is, can i reply there").rule_id == (
        "no-case-specific-on-agency-page"
    )


@pytest.mark.parametrize(
    "question",
    [
        "can i brag on my own insta that i just passed probation at the county?",
        "how long are we supposed to hold on to printouts of public posts? retention?",
        "is there budget to boost our agency fb posts",
        "can we get a dedicated moderator for the county page",
        "how do i put in a PTO request",
        "calc says 400/mo with 20% timeshare, normal?",
    ],
)
def test_known_near_misses_abstain_as_out_of_scope(question):
    result = answer(question)
    _assert_not_covered(result, AbstainReason.OUT_OF_SCOPE)


def test_out_of_scope_topics_yield_to_a_real_policy_question():
    # Posting about a case on a personal account is a policy question, not a personal one.
    assert answer("can i post about the ncp's case on my personal fb").verdict is Verdict.NOT_ALLOWED
