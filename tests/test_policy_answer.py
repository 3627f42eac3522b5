"""The rules' own answers: verdicts, abstention and awkward inputs.

These tests pin what the rule files and the intent patterns read from a question, so they ask
the rules alone. The precedents that may outvote them (bot/policy/precedents.py) have their own
tests in test_policy_precedents.py.
"""

import json
from pathlib import Path

import pytest
import yaml

from bot.policy import AbstainReason, PolicyAnswer, Verdict, default_index
from bot.policy import answer as answer_with_precedents
from bot.policy.answer import MAX_QUESTION_CHARS
from bot.policy.knowledge import load_lexicon
from bot.policy.retrieval import MAX_QUERY_TERMS
from bot.policy.text import Lexicon, clean, compile_phrase, first_word_prefixes


def answer(question: str) -> PolicyAnswer:
    """The rules alone: an explicit index comes without the shipped precedents."""
    return answer_with_precedents(question, default_index())


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


def test_a_phrase_does_not_apply_where_its_not_when_pattern_matches():
    lexicon = Lexicon({}, [(r"(ncp)\b.{0,40}\b(cp)", "other parent", r"^(?=.*\bsearch\b)(?!.*\bgive\b)")])
    assert lexicon.phrase_senses("can i give the ncp the cp address") == [(("ncp", "cp"), ("other", "parent"))]
    assert lexicon.phrase_senses("can i search the ncp posts, the cp says he moved") == []
    assert lexicon.phrase_senses("can i search the ncp posts and give the cp his address")


@pytest.mark.parametrize(
    "question",
    [
        # Found by review of this session's changes: each was "Not allowed" before and must stay so.
        "found the NCP's new address on his public IG, can I email it to the CP?",
        "CP wants NCP's address. we've never had a court order on this case. is there any situation where we can "
        "release it?",
        "the judge said no, but can the NCP's info ever be shared with the CP?",
        "my coworker is helping me, can I show her my cousin's case?",
        "can I give the CP the NCP's address if I tell her it won't be shared with anyone?",
        "ok to follow parents on FB from our page and share links to the DCSS website with them?",
    ],
)
def test_this_sessions_carve_outs_do_not_permit_what_is_forbidden(question):
    assert answer(question).verdict is Verdict.NOT_ALLOWED
    assert answer_with_precedents(question).verdict is Verdict.NOT_ALLOWED


def test_serving_papers_through_social_media_is_forbidden_and_quotes_the_no_dm_clause_too():
    served = answer("Can I serve the NCP his summons & complaint thru FB messenger since we cant find him anywhere else?")
    assert served.verdict is Verdict.NOT_ALLOWED
    assert "no-private-messaging" in [served.rule_id, *(rule.id for rule in served.related)]
    assert answer("Can we serve the NCP through facebook since we can't find a physical address?").verdict is (
        Verdict.NOT_ALLOWED)


def test_related_rules_are_the_clauses_staff_ask_for_next():
    # A relative asking for the other parent's details: the brochure's "anyone without permission".
    grandma = answer("the kids' grandma called asking where the NCP works now so she can tell the CP. ok to tell her?")
    assert grandma.rule_id == "no-sharing-with-other-parent"
    assert "no-disclosure-without-permission" in [rule.id for rule in grandma.related]
    # "Which letter is it?": the Letter's subject line.
    letter = answer("which CSSP letter covers social media use by LCSAs?")
    assert letter.rule_id == "social-media-policy-scope"
    assert "letter-subject" in [rule.id for rule in letter.related]


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


def test_a_long_question_is_read_only_up_to_the_caps():
    # Speed is measured in bench/policy.py; here, what keeps a pasted wall of text cheap: only the
    # first MAX_QUESTION_CHARS are read and at most MAX_QUERY_TERMS distinct terms are ranked.
    question = ("my supervisor asked me to double check something. " * 80)[:3950] + " can I DM the NCP?"
    assert answer(question) == answer(question[:MAX_QUESTION_CHARS])
    wordy = " ".join(f"word{n}x" for n in range(500))
    assert len(default_index().parse(wordy).terms) == MAX_QUERY_TERMS


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
        "is it okay to check my work email on my personal phone",
    ],
)
def test_known_near_misses_abstain_as_out_of_scope(question):
    result = answer(question)
    _assert_not_covered(result, AbstainReason.OUT_OF_SCOPE)


def test_out_of_scope_topics_yield_to_a_real_policy_question():
    # Posting about a case on a personal account is a policy question, not a personal one.
    assert answer("can i post about the ncp's case on my personal fb").verdict is Verdict.NOT_ALLOWED


# --- Question intent (bot/policy/intent.py): the rule picks the clause, the question the label.


@pytest.mark.parametrize(
    ("question", "rule_id"),
    [
        # Why a rule exists
        ("a parent asked me why our office won't chat with her on instagram. what's the reason behind that", "no-private-messaging"),
        ("why is it not ok to send participants a private message on facebook", "no-private-messaging"),
        ("why aren't we allowed to DM parents on instagram", "no-private-messaging"),
        ("what's the reason we can't follow parents on the county twitter", "no-following-participants"),
        ("why do we have to take down comments that show a parent's case details", "monitor-and-remove-posts"),
        ("why are we required to say we're from child support when we comment on our page", "self-identify-on-agency-page"),
        # Which sources may be used
        ("what kinds of sources count when confirming a lead from someone's instagram", "independent-verification"),
        ("which resources are we supposed to use to double-check an employer lead from tiktok", "independent-verification"),
        # What happens
        ("what are the consequences if a worker leaks case info", "adhere-to-confidentiality"),
        ("what happens if a caseworker looks up a participant's case just out of curiosity", "no-disclosure-without-permission"),
    ],
)
def test_why_which_sources_and_what_happens_questions_get_information(question, rule_id):
    result = answer(question)
    assert (result.verdict, result.rule_id) == (Verdict.INFORMATION, rule_id)
    assert result.exception is None and result.differs_from_rule


@pytest.mark.parametrize(
    ("question", "verdict", "rule_id"),
    [
        # A yes/no question about the action wants the rule's verdict.
        ("can i message the cp on fb messenger? she prefers it", Verdict.NOT_ALLOWED, "no-private-messaging"),
        ("is it ok to chat with an NCP in instagram dms if he starts it", Verdict.NOT_ALLOWED, "no-private-messaging"),
        ("what happens if I DM the NCP? am I allowed?", Verdict.NOT_ALLOWED, "no-private-messaging"),
        ("can I reply on messenger? why is that a problem", Verdict.NOT_ALLOWED, "no-private-messaging"),
        ("do I have to confirm an employer I found on linkedin before using it", Verdict.REQUIRED, "independent-verification"),
        ("which resources do I check? is his facebook job good enough on its own?", Verdict.REQUIRED, "independent-verification"),
        # A suggestion is not a "why" question; nor is someone else's "why" about their case.
        ("why don't I just send the dad a quick DM, it's faster than a letter", Verdict.NOT_ALLOWED, "no-private-messaging"),
        ("the obligor messaged asking why his support went up, can I answer him in messenger", Verdict.NOT_ALLOWED, "no-private-messaging"),
        # "What does the policy say" about a duty stays the duty (the tuning set labels it so).
        ("does the policy say anything about protecting privacy since social media is public", Verdict.REQUIRED, "protect-privacy-on-social-media"),
    ],
)
def test_yes_no_and_look_alike_questions_keep_the_rule_verdict(question, verdict, rule_id):
    result = answer(question)
    assert (result.verdict, result.rule_id) == (verdict, rule_id)
    assert result.verdict is result.rule.verdict and not result.differs_from_rule


@pytest.mark.parametrize(
    ("question", "rule_id"),
    [
        ("the judge signed an order directing us to give the NCP's address to the CP. can we share it now?", "no-sharing-with-other-parent"),
        ("a judge order says the cp should receive the ncp's employer info. fine to send?", "no-sharing-with-other-parent"),
        ("if a court orders us to give the dad's employer to the mom, is that ok?", "no-sharing-with-other-parent"),
        ("under what circumstances can we hand out a participant's info to someone outside the case", "release-only-when-required-by-law"),
        ("the law requires us to release the records to the DA's office, can I send them?", "release-only-when-required-by-law"),
        # Someone's word for an order, or an order that may come later: the conditions say the
        # order itself must be checked (every independent writer answered these so).
        ("the NCP claims he has a court order that lets him see the CP's address. ok to give it to him?", "no-sharing-with-other-parent"),
        ("CP says she has a court order that lets her get the other parent's info. can we release it if that's true?", "no-sharing-with-other-parent"),
        ("his lawyer says they have a court order for it. can we release the CP's address if they send it over?", "no-sharing-with-other-parent"),
        ("If a judge actually orders it, can the other parent get the NCP's personal info from us?", "no-sharing-with-other-parent"),
        ("what if her lawyer gets a court order for the NCP's address - can we release it then?", "no-sharing-with-other-parent"),
        ("a sheriff's detective asked for an NCP's address and employer. do we give it to him or not?", "release-only-when-required-by-law"),
    ],
)
def test_an_asserted_exception_gives_its_verdict_and_conditions(question, rule_id):
    result = answer(question)
    assert (result.verdict, result.rule_id) == (Verdict.ALLOWED_WITH_CONDITIONS, rule_id)
    assert result.rule.verdict is Verdict.NOT_ALLOWED
    assert result.exception in result.rule.exceptions and result.exception.conditions


@pytest.mark.parametrize(
    "question",
    [
        # No order, a denied or doubted order, a question about needing one, the wrong order.
        "the ncp's mom is asking for his address, there's no court order, can I give it?",
        "can I tell the CP where he works?",
        "mom wants the dad's new phone number and there's no order from the court. can I give it?",
        "does the mom need a court order before we can tell her where the dad works?",
        "does she have a court order? can i give her his address",
        "the cp has a court order for child support saying he pays 400 a month, can I tell her where he works",
        "court order gives him visitation can i tell him her phone number",
        "the court ordered us to pay fees, can I give the cp his address",
        "the court order says nothing about the address, can I give it",
        "can i tell the cp the support amount ordered by the court",
        # No legal duty, a duty to do something else, a question.
        "since we're legally required to keep records, can I give the landlord the info?",
        # An authority's request, denied outright.
        "a cop with no subpoena and no warrant wants the ncp's address, can I give it",
        "the detective doesn't have any court order, can I still give him the obligor's address",
        # Not an authority: a reporter, a landlord, a private investigator.
        "a reporter from the news station wants the ncp's address, can I give it",
        "a private investigator hired by the ncp's ex wants his employer, can I tell him",
        # "when" that is not "when is it ever allowed"
        "when the cp calls, is it ok to tell her his employer?",
    ],
)
def test_a_merely_mentioned_court_or_law_keeps_not_allowed(question):
    result = answer(question)
    assert result.verdict is Verdict.NOT_ALLOWED, result.rule_id
    assert result.exception is None


def test_information_and_exception_answers_still_show_the_rule_verdict():
    from bot.policy import render_text
    from handlers.views.policy_blocks import answer_blocks, answer_text

    why = answer("why is it not ok to send participants a private message on facebook")
    court = answer("the judge signed an order directing us to give the NCP's address to the CP. can we share it now?")
    for result, first in ((why, "Information"), (court, "Allowed with conditions")):
        text = render_text(result)
        blocks = answer_blocks(result, sensitive_reminder=False)
        verdict_block = blocks[0]["text"]["text"]
        assert text.splitlines()[0].startswith(first)
        assert verdict_block.startswith(f"*{first}*") and answer_text(result).startswith(f"*{first}*")
        for rendered in (text.splitlines()[1], verdict_block, answer_text(result)):
            assert "The rule itself: Not allowed" in rendered
    # The exception's conditions replace the rule's "Exceptions" list.
    text = render_text(court)
    assert "Conditions:" in text and "Exceptions:" not in text
    assert all(condition in text for condition in court.exception.conditions)
    # An answer with the rule's own verdict has no such line.
    assert "The rule itself" not in render_text(answer("can I DM the NCP on Facebook?"))
    # "Allowed" to the permission in principle still carries the rule's conditions.
    at_all = answer("can we use facebook to locate NCPs at all?")
    text = render_text(at_all)
    assert text.splitlines()[0].startswith("Allowed \u2014")
    assert "The rule itself: Allowed with conditions." in text
    assert all(condition in text for condition in at_all.rule.conditions)


def test_the_checker_rejects_a_malformed_exception():
    import dataclasses

    from bot.policy import check_rules, load_rules
    from bot.policy.models import RuleException

    rules = list(load_rules())
    rule = next(r for r in rules if r.exceptions)
    bad = RuleException(verdict=rule.verdict, summary="x", conditions=(), cues=("(unclosed",))
    problems = check_rules([dataclasses.replace(rule, exceptions=(bad,))])
    messages = " ".join(p.message for p in problems)
    assert "different, real verdict" in messages
    assert "needs at least one condition" in messages
    assert "not a valid regular expression" in messages


@pytest.mark.parametrize(
    ("pattern", "prefixes"),
    [
        ("(tell|told|telling) (that )?(i am|im)", {"tell", "told", "telling"}),
        ("appl(y|ies) to (me|us)", {"apply", "applies"}),
        ("phone no|(phone|cell) (number|#)", {"phone", "cell"}),
        ("genetic test\\w*|paternity", {"genetic", "paternity"}),
        ("(\\w+ )?for all", None),  # may start with any word: always tried
        ("(out there )?for everyone", None),
        ("[a-z]+ test", None),
        # Look-behinds take no characters: the words after them still name the beginnings.
        ("(?<!not about )(their|his) case", {"their", "his"}),
        ("(personal|(?<!its )own) account", {"personal", "own"}),
    ],
)
def test_a_phrase_pattern_names_the_word_beginnings_it_can_start_with(pattern, prefixes):
    found = first_word_prefixes(pattern)
    assert (None if found is None else set(found)) == prefixes


def test_the_phrase_prefilter_never_skips_a_pattern_that_matches():
    """Every shipped phrase and out-of-scope pattern, on every question in the evaluation sets."""
    lexicon_file = Path(__file__).parents[1] / "bot" / "policy" / "lexicon.yaml"
    raw = yaml.safe_load(lexicon_file.read_text())
    patterns = [p["pattern"] for p in raw["phrases"]] + [t["pattern"] for t in raw["out_of_scope"]]
    questions = [
        clean(case["question"])
        for path in sorted(Path(__file__).parent.glob("policy_*.yaml"))
        for case in yaml.safe_load(path.read_text())
    ]
    lexicon = load_lexicon()
    matched = 0
    for pattern in patterns:
        compiled, prefixes = compile_phrase(pattern), first_word_prefixes(pattern)
        for question in questions:
            if compiled.search(question):
                matched += 1
                assert prefixes is None or not prefixes.isdisjoint(lexicon._word_beginnings(question))
    assert matched > 500  # the check ran on real matches


@pytest.mark.parametrize(
    ("question", "verdict", "rule_id"),
    [
        # A clear winner is trusted even when filler words keep its score low.
        ("why exactly can't staff be messaging participants thru social media, seems slower to call",
         Verdict.INFORMATION, "no-private-messaging"),
        # Which law applies is information, even when the law is a duty; what it requires is the
        # duty itself.
        ("which section of the family code is it that keeps case info from being disclosed",
         Verdict.INFORMATION, "fc-17212-prevent-disclosure"),
        ("which code section puts the duty on us to prevent disclosure of case info",
         Verdict.INFORMATION, "fc-17212-prevent-disclosure"),
        ("what does 17212 require us to do with case info",
         Verdict.REQUIRED, "fc-17212-prevent-disclosure"),
        ("is there a law that says we have to keep child support info confidential",
         Verdict.REQUIRED, "fc-17212-prevent-disclosure"),
        # A denied word ("not my personal") says what the question is not about.
        ("can i check the obligor's public FB to see if he moved? i'm logged into the county acct, not my personal",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # A group the agency would run for parents is another case-management use, not an
        # agency page.
        ("can we create a private facebook group for our NCPs to share reminders about their cases",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        # Whether a permission exists at all is answered with the permission itself; its
        # conditions are still shown.
        ("can we still use facebook to locate NCPs at all?",
         Verdict.ALLOWED, "locate-with-public-postings"),
        # Asking for the reasoning, with a lot of framing around it.
        ("my lead keeps telling us we cant chat w/ parents on social media but whats the actual reasoning behind that",
         Verdict.INFORMATION, "no-private-messaging"),
        # Naming one parent and denying the other is no other-parent question.
        ("can i look up the CP on social media to find her new address? she's the one we lost track of, not the NCP",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # Past the uses the Letter names is its "no other use", not its scope statement.
        ("besides our agency page and using social media as a locate tool, is there any other case mgmt use we're allowed to do?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("apart from the agency page and locate, does 16-04 permit any other case management use of social media?",
         Verdict.INFORMATION, "no-other-case-management-use"),
        # What the brochure tells parents is information staff pass on ("handout", "pamphlet").
        ("what does the pamphlet say about where parents' case info is kept?",
         Verdict.INFORMATION, "case-data-security"),
        ("do our dcss materials say anything about how sensitive a parent's involvement is?",
         Verdict.INFORMATION, "respect-dignity-compassion"),
        # Accountable under the law: what the law holds staff to; on the hook: the duty.
        ("if i accidentally share case info am i accountable under the law?",
         Verdict.INFORMATION, "adhere-to-confidentiality"),
        ("am i personally on the hook for following the confidentiality rules?",
         Verdict.REQUIRED, "adhere-to-confidentiality"),
        # A staff investigator introducing themself is not the police asking for a release.
        ("im an investigator - can i use the NCP's public linkedin to track down his employer for an IWO?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("a private investigator called wanting the CP's address, can I give it to him?",
         Verdict.NOT_ALLOWED, "release-only-when-required-by-law"),
        # Whether the policy lets us do one thing is asked of that thing's rule, not of the
        # Letter's scope statement; the scope answers questions about the policy itself.
        ("does the state policy let us use social media as a locate tool?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("we want to start a facebook group for the parents on our caseload to get case updates, is that permitted under state policy?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("is the social media policy about outreach or about using social media to work cases?",
         Verdict.INFORMATION, "social-media-policy-scope"),
        # How the parent came across (crying, calm) does not make the request for the other
        # parent's address a question about respect.
        ("CP at the front counter today was crying, she needs the NCP's new address for custody papers. its in the system. can I just write it down for her?",
         Verdict.NOT_ALLOWED, "no-sharing-with-other-parent"),
        # "No social media at all" is about the participant, not the permission in principle.
        ("the obligor has no facebook at all but his sister's public IG shows his new job. can I use her public posts to find his employer?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # Reaching parents through a messaging app is private messaging.
        ("one of our workers uses snapchat to remind NCPs about their hearings since they ignore letters. is that ok?",
         Verdict.NOT_ALLOWED, "no-private-messaging"),
        # A staff member's own duty, asked against the agency's.
        ("new here. is keeping case info confidential just an agency-level thing or am i personally on the hook?",
         Verdict.REQUIRED, "adhere-to-confidentiality"),
        # How often to check the page is the duty to monitor it.
        ("new mod here. how often do i need to look at our page? is checking it once a month ok?",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        # The permission inside the duty to verify: the usual sources will do. When one may act
        # on a post is still answered by the duty.
        ("found his new employer on linkedin. to confirm it can I just use the usual stuff we always use, like calling the employer?",
         Verdict.ALLOWED, "independent-verification"),
        ("when are we allowed to update the address from a facebook post?",
         Verdict.REQUIRED, "independent-verification"),
        # "Nothing about their own case" denies the case-specific reading; a general question from
        # the public is the page's plain permission (session 8: 30 of 40 recent writers said Allowed).
        ("someone asked on our page how to apply for services - nothing about their own case. ok to answer in the comments?",
         Verdict.ALLOWED, "agency-page-general-info"),
        # A denied phrase is denied as a whole: "not anyone's personal acct".
        ("using the county account (not anyone's personal acct), can I check the NCP's public IG for his address?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # The agency's "own" pages are not anyone's personal account; having one is Allowed.
        ("are LCSAs even allowed to have their own social media pages?",
         Verdict.ALLOWED, "agency-page-general-info"),
        # "Fair game" asks about the permission in principle.
        ("is linkedin fair game as a locate tool or only facebook?",
         Verdict.ALLOWED, "locate-with-public-postings"),
        ("found the NCP's employer on LinkedIn. can I confirm it using the usual stuff we use for any lead, like calling the employer?",
         Verdict.ALLOWED, "independent-verification"),
        ("someone asked in the comments of our page 'what do I need to bring to open a case?' can I answer it there?",
         Verdict.ALLOWED, "agency-page-general-info"),
        # "What's the risk" is the Letter's "could lead to a breach".
        ("why exactly does the state care if we message parents on social media? what's the risk?",
         Verdict.INFORMATION, "no-private-messaging"),
        ("how does the brochure describe a parent's involvement in the program - is it considered sensitive?",
         Verdict.INFORMATION, "respect-dignity-compassion"),
        # Calling a parent a deadbeat to his face is about respect, not a public shaming post.
        ("my coworker keeps calling one of the obligors a deadbeat to his face on the phone. isnt there something about how we have to treat parents?",
         Verdict.REQUIRED, "respect-dignity-compassion"),
        # The staff member's own duty, against the system's safeguards.
        ("am i personally on the hook for confidentiality or is that just on IT and the CSE system?",
         Verdict.REQUIRED, "adhere-to-confidentiality"),
        ("whats 16-04 even about? my sup told me to read it",
         Verdict.INFORMATION, "social-media-policy-scope"),
        ("found an address on his public FB. can i confirm it thru the usual stuff like DMV or postal verification?",
         Verdict.ALLOWED, "independent-verification"),
        # An account that is no one's own: the personal-account rule needs a personal account.
        ("can I use linkedin to figure out where the obligor works now? I'd log in with the county's account",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # Payments as a topic, asked in general, are a general question; a parent's own payment
        # in the comments is still case-specific.
        ("someone commented on our county page asking in general how wage withholding works, nothing about their own case. ok to answer on the page?",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("someone commented asking why her payment is late, can we reply in the comments?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-case-specific-on-agency-page"),
        ("is an LCSA permitted to maintain its own page on social media at all?",
         Verdict.ALLOWED, "agency-page-general-info"),
        # "Any reason we can't?" asks whether it is allowed, not for the reasoning.
        ("what if we texted hearing reminders to parents through FB messenger since they never open mail? any reason we can't?",
         Verdict.NOT_ALLOWED, "no-private-messaging"),
        ("sup - does anyone actually have to watch our agency FB page? we check it maybe once a month",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("when I reply to comments on our agency page I usually just write 'Hi! - Jen'. is that enough or do I need to say something more?",
         Verdict.REQUIRED, "self-identify-on-agency-page"),
        # How parents pay is not in the documents.
        ("NCP asked if he can Venmo his payments to us instead of going through the SDU. is that a thing?",
         Verdict.NOT_COVERED, None),
        # A doubted order, then asked about the real one: the exception's conditions.
        ("does she really have a court order letting her get the NCP's address? if she actually brings in the order can we share it then?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # Why social media in particular: "due to the shared and public nature of social media".
        ("why does the state treat social media as extra risky for privacy vs other tools?",
         Verdict.INFORMATION, "protect-privacy-on-social-media"),
        ("what law is 16-04 based on? need the cite for a memo",
         Verdict.INFORMATION, "fc-17212-prevent-disclosure"),
        ("big picture, what's the baseline obligation for an LCSA whenever it uses social media?",
         Verdict.REQUIRED, "protect-privacy-on-social-media"),
        # Incident handling is not in the documents.
        ("my work laptop with case files got stolen out of my car. what's the breach reporting process?",
         Verdict.NOT_COVERED, None),
        # The question names the other-parent rule's exception: that rule answers, not the general
        # release rule that scores a little higher on "release".
        ("CP came to the front desk with a court order that says the agency has to give her the other parent's address. can we release it?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("training new hires - is social media actually an approved locate tool or is that a gray area?",
         Verdict.ALLOWED, "locate-with-public-postings"),
        ("what law is the social media policy actually based on? need it for my slides",
         Verdict.INFORMATION, "fc-17212-prevent-disclosure"),
        # A location tag is a geotag, not tagging a participant.
        ("ncp posts tiktoks from his apartment complex, account is public, location tag and everything. ok to use that for locate?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # May the lead be acted on? The permission, with verifying first as its condition; "can
        # I just..." or any word about verifying or needing asks about the duty itself.
        ("found the obligor's new employer on his public linkedin. can I send the IWO to that employer based on that?",
         Verdict.ALLOWED_WITH_CONDITIONS, "independent-verification"),
        ("found the NCP's employer on his public FB. can I just update the employer in CSE today?",
         Verdict.REQUIRED, "independent-verification"),
        ("found the NCP's new address on his public FB. can I go ahead and update it in CSE and send the docs there?",
         Verdict.REQUIRED, "independent-verification"),
        ("found his employer on FB, do I need to verify it before I send the IWO?",
         Verdict.REQUIRED, "independent-verification"),
        ("the CP's family law attorney sent over a court order directing that the CP get the NCP's address. are we allowed to release it now?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # A DA's investigator is one of the authorities the release rule names.
        ("DA investigator from the next county called asking for an obligor's employer info for a criminal case. can I release it?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        # The Letter named as the authority says nothing about which rule applies; the NCP's
        # employer is a locate target, not a third party asking for information.
        ("can I use facebook to figure out an NCP's current employer? is that OK under 16-04?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("the NCP's employer called asking for his address, can I tell them?",
         Verdict.NOT_ALLOWED, "release-only-when-required-by-law"),
        ("whats the point of 16-04 in one line",
         Verdict.INFORMATION, "social-media-policy-scope"),
        ("can we do appointment interviews with parents over Zoom or Teams now?",
         Verdict.NOT_COVERED, None),
        # The public part of an account whose rest is private is what the Letter allows; any way
        # around the privacy settings is still not.
        ("the obligor's IG is locked but his girlfriend has a public page and her posts show him at his new job. can I use her posts for locate?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("his IG is private but his public profile pic shows his work truck. can I send a friend request to see more?",
         Verdict.NOT_ALLOWED, "locate-public-information-only"),
        ("the ncp's account is private. can i make a fake public profile to see his posts?",
         Verdict.NOT_ALLOWED, "locate-public-information-only"),
        ("the NCP's profile is locked down but his new wife's page is totally public and she tags the town they live in. can I use her posts to locate him?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("ncp's account is private but i found his public tiktok. can i follow it from the agency account?",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        # A certified order asserted for the other parent's contact: its conditions, not an abstention.
        ("CP brought in a certified court order that says we're to give her the other parent's contact info for visitation service. ok to release then?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # One action resting on the lead is the permission; two at once ("update it and send") the duty.
        ("found the NCP's new employer on his LinkedIn!! can i go ahead and send the IWO to them today?",
         Verdict.ALLOWED_WITH_CONDITIONS, "independent-verification"),
        ("as the new social media coordinator, am I allowed to respond to the questions people leave in comments on our LCSA Facebook page?",
         Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info"),
        ("is there a required turnaround time for responding to general questions on our agency FB page? like 24 hrs?",
         Verdict.NOT_COVERED, None),
        ("in general, what's the reasoning behind extra privacy precautions when LCSAs use social media?",
         Verdict.INFORMATION, "protect-privacy-on-social-media"),
        ("working from a coffee shop today - is it ok to access CSE on the cafe's public wifi if I'm on VPN?",
         Verdict.NOT_COVERED, None),
        # A page going live is a launch, not where someone lives.
        ("we're launching our agency's social media pages next month. before go-live, does the state put any responsibility on us around participant privacy?",
         Verdict.REQUIRED, "protect-privacy-on-social-media"),
        # A yes/no set aside ("not asking if we can DM them, I know we can't") is not asked.
        ("not asking IF we can DM participants, I know we can't. I just need the reasoning behind the no-DM rule for our onboarding deck.",
         Verdict.INFORMATION, "no-private-messaging"),
        ("NCP is in the wind, no good address in months. his TikTok has geotagged vids from a gym in Fresno, all public. can i use that to figure out where he's actually at?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # "Can I delete it, or is that censorship?" is answered by the duty itself (session 8: 5 writers
        # of 9 said Required, 3 Allowed).
        ("NCP left a comment on our IG page full of cussing and calling the CP names. can i delete it or is that censorship?",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("do we have to remove offensive comments on our page?",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("A CP posted the NCP's full SSN and their case # in a comment on our FB page. what do i do??",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("who pays for genetic testing when the alleged father requests it?",
         Verdict.NOT_COVERED, None),
        ("found the NCP's new job on his FB. can I confirm it thru EDD / new hire data and then call the employer?",
         Verdict.ALLOWED, "independent-verification"),
        # A message sent to confirm a lead is still a private message.
        ("can I send the obligor a LinkedIn InMail to confirm he still works there",
         Verdict.NOT_ALLOWED, "no-private-messaging"),
        # A general question in the comments is what the page may answer.
        ("someone left a comment on our county FB page asking how support orders work in general, ok to answer in the comments?",
         Verdict.ALLOWED, "agency-page-general-info"),
        # Someone posted a parent's details on our page: moderation, not disclosure.
        ("the obligee commented on our page with the obligor's phone number and employer, should we just leave it?",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        # Both parents named: one parent's information going to the other.
        ("the obligor asked me for the obligee's new phone number, can i give it",
         Verdict.NOT_ALLOWED, "no-sharing-with-other-parent"),
        # A court's order to release is the exception of the release rule (required by law).
        ("the commissioner ordered that the obligee's address be released to the obligor's attorney, can we send it",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        # Session 4.
        # Locate work from a personal account is child support activity, however it is phrased.
        ("can I check where the obligor works now from my own linkedin premium account, it shows more",
         Verdict.NOT_ALLOWED, "no-personal-account"),
        # A subpoena served on the agency is the release rule's exception, and so is a request from
        # an authority the clause names: its conditions say a request alone is not enough.
        ("we were served a subpoena for a participant's case file, what does the brochure say about releasing it",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("a police officer called asking for an obligor's address, can i give it",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("a detective is asking for the obligor's address and says the law requires us to give it. can I?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("are we required by law to give the police info?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("local PD called asking for an obligor's address for an investigation, can I give it over the phone?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        # A hypothetical court order of release is the other-parent rule's exception.
        ("can the obligee's lawyer get the obligor's address if a judge orders it?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # The brochure's opening promise is a rule of its own.
        ("what does DCSS promise parents about keeping their information safe",
         Verdict.INFORMATION, "dcss-confidentiality-commitment"),
        # Session 5. A participant's relative asking is a stranger to the case: the permission
        # clause, which every independent writer quoted, not the release rule's.
        ("the ncp's grandma called, says she wants to help him pay. can i tell her how much he owes",
         Verdict.NOT_ALLOWED, "no-disclosure-without-permission"),
        # Posting general material on the agency page is the clause's plain permission (6 of 6
        # independent writers); setting the page up or answering people on it has conditions.
        ("ok to put up a flyer for the paternity clinic on our county instagram",
         Verdict.ALLOWED, "post-general-information"),
        ("we want to launch a tiktok for the office, what are the rules",
         Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info"),
        ("someone commented on our county fb page asking how do I apply for services, no case details. can i reply there",
         Verdict.ALLOWED, "agency-page-general-info"),
        # Naming and shaming, ads aimed at particular parents, asking the public where someone
        # is: other uses of social media for case management.
        ("can we post the names of our worst delinquent payors on the agency page",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("can we run targeted ads on facebook at the obligors who owe the most",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("can i ask in a local community facebook group if anyone knows where the ncp works now",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        # "Protected by law or just policy?" is the brochure's "confidential and protected by law".
        ("a parent asked me if her case info is protected by actual law or just by our internal policy",
         Verdict.INFORMATION, "what-is-confidential"),
        # An order directing disclosure, however many words name what it covers.
        ("we got a court order directing that the cp be given the ncp's health insurance info, ok to send it",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # Someone's private details in a comment on our page: moderation. The agency account
        # following parents is following them.
        ("somebody posted their ex's SSN and home address in a comment on our agency page, what do I do",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("ok for our agency account to follow the ncps on our caseload so we get a heads up when they post a new job?",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        # Set 11's general misses: asking whether an exception ever applies; nobody watching the
        # page; how to treat an upset parent (not the licence near miss); what binds the court.
        ("is there ever a situation where we can give one parent's info to the other parent?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("we set up a page last year and honestly nobody checks it, are we supposed to be watching it?",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("an ncp yelled at me about his license suspension, what's the standard for how we treat participants?",
         Verdict.REQUIRED, "respect-dignity-compassion"),
        ("if we submit screenshots of the ncp's public posts at a hearing, is the court required to accept them?",
         Verdict.INFORMATION, "litigation-evidence"),
        # Who decides is a question about what the documents say.
        ("who decides whether a screenshot of a public post can be used as evidence",
         Verdict.INFORMATION, "litigation-evidence"),
        # Session 8. Whether social media may be used for locate at all (off limits, a no-go,
        # banned, statewide) is the permission itself; one participant's profile keeps the conditions.
        ("wait is social media totally off limits for locate now or can we still use it",
         Verdict.ALLOWED, "locate-with-public-postings"),
        ("new locate worker - are we even allowed to use social media sites for locate, or is that a no go?",
         Verdict.ALLOWED, "locate-with-public-postings"),
        ("is using social media as a locate tool allowed statewide, or is that a county-by-county thing?",
         Verdict.ALLOWED, "locate-with-public-postings"),
        ("obligor's FB is friends only but his employer shows publicly in the intro. can i use that for locate or is that off limits?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # Having a page, and a general question on it: Allowed; asking for the ground rules keeps
        # the conditions.
        ("Is our county allowed to have pages on more than one platform, like FB and X and YouTube?",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("our director wants to start a county FB page. are we even allowed to have one and are there strings attached?",
         Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info"),
        ("someone asked on our page 'what r ur office hours and do u take walk ins' - ok to answer that publicly?",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("someone commented 'why hasnt my payment posted, case #12345' - can i reply w/ her balance in the comments?",
         Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
        # The usual verification sources, named as "the same way" or "like any other lead".
        ("found the NCP's employer on linkedin. can I confirm it the normal way (EDD, new hire) like any other lead?",
         Verdict.ALLOWED, "independent-verification"),
        ("if i find an address on fb, can i verify it the same way we verify any other address?",
         Verdict.ALLOWED, "independent-verification"),
        # A term of the trade is a general question; "set it up and forget it" is about monitoring;
        # tagging parents in payment reminders is case management, not a payment method.
        ("someone on our page asked whats the difference btwn a CP and an NCP. fine to answer in the comments?",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("who's supposed to watch our agency page? mgmt wants to set it up and forget it",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("Can we use social media to send payment reminders to NCPs, like a post tagging them?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("can we post general info on FB like how to request a review of your order?",
         Verdict.ALLOWED, "post-general-information"),
        ("NCP's attorney says he's getting a court order for the CP's contact info. if he does get one, can we share it then?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # A question that says it is generic is the general question, whatever its quoted words.
        ("someone on our page asked 'how do i request a review of my order?' - totally generic, no case details. ok to answer in the comments?",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("We've got an intern running our page who posts as a generic 'community resources' persona. does policy require our replies to say who we are?",
         Verdict.REQUIRED, "self-identify-on-agency-page"),
        # Who the confidentiality requirements bind: everyone in the program.
        ("do ALL program staff (clerical, fiscal, not just caseworkers) have to follow the confidentiality reqs?",
         Verdict.REQUIRED, "adhere-to-confidentiality"),
        # What the documents say: which information locate may look for, who decides, why, to what.
        ("what kind of info are we allowed to look for on social media when we're doing locate? just addresses or more than that",
         Verdict.INFORMATION, "locate-with-public-postings"),
        ("who ultimately decides whether social media posts get used as evidence at a hearing, us or the judge?",
         Verdict.INFORMATION, "litigation-evidence"),
        ("brochure says staff are 'held accountable' - accountable to what exactly?",
         Verdict.INFORMATION, "adhere-to-confidentiality"),
        # Two prohibitions that both fit agree on the answer, even below the confidence threshold.
        ("can we do live chat on our FB page with customers about their specific cases if we verify their identity first?",
         Verdict.NOT_ALLOWED, "no-private-messaging"),
        # Another state agency is one of the "authorized authorities" a request may come from; a
        # parent who has gone missing is a locate question.
        ("Another state agency is requesting case info and says they're legally entitled to it. can we release?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("Are LCSA workers allowed to use facebook to help locate an NCP who's gone missing?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # A parent's question relayed to be answered from the brochure is what the brochure says;
        # asking about our own action keeps the verdict.
        ("customer asked if DCSS will ever give her info to her ex. what's the official answer per the brochure?",
         Verdict.INFORMATION, "no-sharing-with-other-parent"),
        ("customer asked for her ex's address. per the brochure, can we give it to her?",
         Verdict.NOT_ALLOWED, "no-sharing-with-other-parent"),
        # Whether the check needs a special source: no, the usual ones will do.
        ("do we have to use only certain sources to verify stuff found on FB or can we use any of our normal verification resources?",
         Verdict.ALLOWED, "independent-verification"),
        ("can i verify the employer i found on FB using EDD base wage data or does it have to be some special SM verification source",
         Verdict.ALLOWED, "independent-verification"),
        # What the brochure says: where case info is kept, the sensitivity line, DCSS's priority,
        # the exact wording, the legal reasoning.
        ("where does a participant's case info actually live? CP asked and I wasn't sure",
         Verdict.INFORMATION, "case-data-security"),
        ("brochure q: is a parent's info kept in some central system or just in our local files?",
         Verdict.INFORMATION, "case-data-security"),
        ("what does the brochure intro say DCSS's priority is re: customer info",
         Verdict.INFORMATION, "dcss-confidentiality-commitment"),
        ("the brochure has a line about DCSS understanding people's situations being sensitive - whats the exact wording?",
         Verdict.INFORMATION, "respect-dignity-compassion"),
        ("policy team q: what's the legal reasoning for saying private messages with participants could breach confidentiality?",
         Verdict.INFORMATION, "no-private-messaging"),
        # Answering people on the page in general: the page's permission, whose conditions quote
        # the self-identify and monitoring clauses.
        ("can I reply to ppl's comments on our county FB page or is that off limits",
         Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info"),
        ("can i reply to ppl who comment on our agencys fb page?",
         Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info"),
        # Tagging parents from the agency page is following or linking to them: never "allowed",
        # even when a permission ("hearing") scores about as well.
        ("idea for the team mtg: what if we post hearing reminders on TikTok and tag the parents who have court dates this week?",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        ("Can I @ mention / tag the NCP in a post on our agency page to get his attention?",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        ("can the agency page like or follow an NCP's business page so we get updates on his sales",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        ("lost contact with a CP for months and mail keeps coming back. can we look at her public FB to figure out where she is now?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("state auditor is requesting some case records and cited the statute that authorizes it. ok to provide?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("NCP wants his ex's current address. his attorney says they're getting a court order. once there's an order can we release it?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # Launching a page and asking what privacy requires: the privacy duty, not the permission.
        ("we're about to launch a twitter/X account for our LCSA - is there anything we HAVE to do re privacy?",
         Verdict.REQUIRED, "protect-privacy-on-social-media"),
        ("Can our LCSA have a twitter/X account in addition to FB, just to post general program info?",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("trying to explain to staff why we're so strict about social media. what reason does the letter give?",
         Verdict.INFORMATION, "protect-privacy-on-social-media"),
        ("sup - who's responsible for keeping an eye on the agency SM pages, us at the LCSA or state DCSS?",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        # A parent's own case question in the comments, asked only whether to reply: a general
        # reply is allowed; replying with the details, or to someone asking about another's case, is not.
        ("CP posted on our page 'why didnt i get my payment this month??' can we reply on the page?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-case-specific-on-agency-page"),
        ("Someone commented on our FB post: 'why hasn't my payment posted yet, I paid Monday!!' Can I reply to her in the comments as the page?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-case-specific-on-agency-page"),
        ("someone commented 'why hasnt my payment posted' - can i reply in the comments with her payment status?",
         Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
        ("someone on our agency IG asked 'whats my arrears balance' under a post, can we just answer it there?",
         Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
        # Answering the case question itself ("can we answer that?") is disclosing it.
        ("Someone commented on our post asking 'why hasn't my support payment posted yet, case ending 4471'. Can we answer that in the comments?",
         Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
        # Linking to a participant's page, or inviting particular participants to events: never allowed.
        ("Can we share a link to the NCP's business FB page in our post about local employers hiring?",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        ("Can we use FB event invites to notify specific participants of their court dates?",
         Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
        ("page admin q: someone asked in the comments 'do i need a lawyer to open a case?' ok to answer that publicly",
         Verdict.ALLOWED, "agency-page-general-info"),
        # The agency's "own" page is not a personal account; papers served through FB are case
        # management; protected details posted on our wall are to be removed.
        ("County PIO is asking - does DCSS even let LCSAs have our own Facebook page?",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("is it ok to use FB to send the NCP his summons and complaint? process server says he won't answer the door",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("a parent posted a pic of their court order on our wall - names, case #, address all visible. whats the move",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("we dont have a comms person. whose job is it to watch our page for bad posts, or is it optional?",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("We found the NCP's employer on his public LinkedIn. Can we confirm it w/ our usual verification sources (EDD) before sending the IWO?",
         Verdict.ALLOWED, "independent-verification"),
        # "A legit locate tool" asks for the permission; reposting a parent's post is linking to it;
        # a general graphic is the posting permission; what the Letter means by a term, and which
        # regulation applies, are Information.
        ("is social media a legit locate tool for LCSAs or is that off limits now",
         Verdict.ALLOWED, "locate-with-public-postings"),
        ("NCP keeps posting about his vacations. could the agency repost his post on our page to kinda shame him into paying?",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        ("Can we post a graphic on our page letting parents know DCSS keeps their info confidential? just general messaging",
         Verdict.ALLOWED, "post-general-information"),
        ("what does the letter mean by 'private communication systems'? what are the examples",
         Verdict.INFORMATION, "no-private-messaging"),
        ("quick one - is 22 CCR 113100 the reg for verifying locate info from social media?",
         Verdict.INFORMATION, "independent-verification"),
        # What the Letter is called: its subject line.
        ("whats the subject line on CSSP 16-04", Verdict.INFORMATION, "letter-subject"),
        ("is there an official state letter on LCSAs using social media? what's it called",
         Verdict.INFORMATION, "letter-subject"),
        ("are we allowed to use social media to locate people at all? new to the locate unit",
         Verdict.ALLOWED, "locate-with-public-postings"),
        # Round 4 of session 8 (sets 66, 68, 69, 71).
        ("just to confirm, social media is allowed as a locate tool right?",
         Verdict.ALLOWED, "locate-with-public-postings"),
        ("Is LinkedIn ok to use for locate? trying to figure out where an obligor is employed now",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("can staff answer parent questions in the comments on our agency FB page?",
         Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info"),
        ("Can DCSS release case info to other govt agencies?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("can we post reminders for specific customers on our page, like 'J.D. your hearing is tomorrow at 9'?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("what can we actually look for on social media when doing locate? just address or also jobs/assets?",
         Verdict.INFORMATION, "locate-with-public-postings"),
        ("What does 16-04 say is the actual risk of messaging someone directly on social media?",
         Verdict.INFORMATION, "no-private-messaging"),
        ("Do we actually need someone watching the agency IG or is it set it and forget it once we post",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("someone commented on our page asking how the guideline calc works and how to apply for services. can we respond publicly to that kind of thing?",
         Verdict.ALLOWED, "agency-page-general-info"),
        # Round 5 of session 8 (misses of the sets read so far).
        ("our DDA is asking whether 16-04 restricts using NCP's public FB posts about his side business income as evidence in the mod hearing",
         Verdict.ALLOWED, "litigation-evidence"),
        ("our atty has a screenshot of the NCP's public post bragging about his cash side jobs. can we still use it in litigation even tho 16-04 limits social media use",
         Verdict.ALLOWED, "litigation-evidence"),
        ("if a judge orders it, can we give the CP the NCP's personal info? or is that never ever allowed",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("an investigator from another agency called asking for a participant's employment info. brochure says we don't release info... is there any exception to that?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("can we use the chat feature on our FB page to help ppl with their specific cases as long as they verify their identity first?",
         Verdict.NOT_ALLOWED, "no-private-messaging"),
        ("Can we share a link on the agency page to an NCP's GoFundMe so people know he has money coming in?",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        ("so my sup says we can use social media for 'anything that helps the case'. is that right??",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("NCP wants the CP's cell # so he can text her about pickups. no court order. can i just give it to him?",
         Verdict.NOT_ALLOWED, "no-sharing-with-other-parent"),
        ("if someone comments 'do you guys handle paternity testing?' on our page can we reply publicly w/ a general answer",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("LCSA page on LinkedIn - permitted?", Verdict.ALLOWED, "agency-page-general-info"),
        # Round 6 of session 8 (sets 57, 62, 64, 72).
        ("Should we follow the CP on twitter so we know if she moves again? she never updates her address",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        ("is someone supposed to actually be watching our LCSA page regularly or do we just post announcements and forget about it",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("do we really have to be compassionate with NCPs who owe tens of thousands? asking for a very frustrated team lol",
         Verdict.REQUIRED, "respect-dignity-compassion"),
        ("we're setting up a TikTok for the LCSA. is there anything we HAVE to do to protect participant privacy on there",
         Verdict.REQUIRED, "protect-privacy-on-social-media"),
        ("In 16-04 what exactly is the risk w/ DMing someone? trying to explain to a new hire",
         Verdict.INFORMATION, "no-private-messaging"),
        ("CWS social worker called asking for one of our NCP's employer info for a dependency case. can I tell her anything?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("CP asking: 'can the other parent EVER get my info?' what do i tell her",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("can info we find on social media be used in litigation, or is it strictly for locate?",
         Verdict.ALLOWED, "litigation-evidence"),
        ("Our county wants to launch an Instagram and an X account for the child support office. Is that OK under state policy?",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("what's DCSS's mission according to the confidentiality brochure? making a poster for the lobby",
         Verdict.INFORMATION, "dcss-confidentiality-commitment"),
        # Two cues of a prohibition override a permission even in a long question (an unsafe answer
        # on fresh set 78).
        ("can i repost an NCP's public post on our agency acct? its a pic of him at his new job lol, thought it'd motivate others",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        # Round 7 of session 8 (sets 73, 74, 76, 78).
        ("NCP's gf posted public pics tagging him at their new apartment complex. can i use her public post to locate him?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("new page moderator here - anything specific I have to do when I post replies from the agency page?",
         Verdict.REQUIRED, "self-identify-on-agency-page"),
        ("is monitoring our agency's social media pages actually part of the policy, or is it optional when we're short staffed?",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("why does 16-04 say social media is a privacy risk in the first place?",
         Verdict.INFORMATION, "protect-privacy-on-social-media"),
        ("county counsel wants to know: can social media info ever be used in litigation or does 16-04 ban it?",
         Verdict.ALLOWED, "litigation-evidence"),
        ("can we post a general reminder on FB that payments can be made online?",
         Verdict.ALLOWED, "post-general-information"),
        ("thinking of tagging NCPs in a public FB reminder post that payments are due. good idea or not allowed?",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        ("is 16-04 about staff social media use in general or specifically case mgmt?",
         Verdict.INFORMATION, "social-media-policy-scope"),
        ("for verifying stuff i found on fb, can i use any of the sources we normally use to confirm case info or is there a special list",
         Verdict.ALLOWED, "independent-verification"),
        ("another county dept (not law enforcement) emailed asking for employment info on one of our participants. do we just send it over?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("We're drafting a moderation guide for the people who run our page. What are staff actually allowed to say when they reply to the public?",
         Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info"),
        ("We want to use Snapchat to send payment reminders to NCPs, our younger customers are all on there. thoughts?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("new hire here - whats the main statute 16-04 is built on?",
         Verdict.INFORMATION, "fc-17212-prevent-disclosure"),
        ("Our LCSA is thinking about an Instagram account to share general program info. Is there state policy that lets us do that?",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("CP is furious: 'did you tell my ex where I work??' what does the brochure say about sharing info with the other parent",
         Verdict.INFORMATION, "no-sharing-with-other-parent"),
        ("whats the customer phone # and TTY from the confidentiality brochure? want to put it in our page's About section",
         Verdict.INFORMATION, "brochure-contact-numbers"),
        # Someone asking about another person, relayed with "what can I tell her?", is still a request.
        ("obligor's mom keeps calling wanting to know his employer and how much he owes. what can i tell her",
         Verdict.NOT_ALLOWED, "no-disclosure-without-permission"),
        # Round 8 of session 8 (sets 61, 65, 67, 70).
        ("Can I use facebook to try and figure out where an NCP is working? hes been dodging us for like 6 months and nothing in the usual databases",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("im the new moderator for our county page. someone posted a CP's full name and case # in the comments while ranting about the NCP. what am i supposed to do w/ it?",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("CP is asking us for the NCP's new address. there IS a court order saying she gets it. are we ok to share?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("our page mgr wants to share a CP's public gofundme post about her kids on the agency page. she's one of our customers. ok?",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        ("we got a request from an outside agency for a participant's info. does the brochure say when DCSS will release info?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("whats the one line summary of what 16-04 is for? supervisor just forwarded it w/ no context lol",
         Verdict.INFORMATION, "social-media-policy-scope"),
        ("worker in my unit asks: if we confirm the social media info through our normal sources, can we rely on it in the case after that?",
         Verdict.ALLOWED_WITH_CONDITIONS, "independent-verification"),
        ("why does 16-04 treat social media as so risky in the first place? is it bc its public?",
         Verdict.INFORMATION, "protect-privacy-on-social-media"),
        ("can we answer general questions on our page about how payments work, like what payment options there are?",
         Verdict.ALLOWED, "agency-page-general-info"),
        ("family law court just ordered disclosure of the NCP's address to the CP. ok to release it now?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # Three unsafe answers on fresh sets 82, 83, 86 (only those lines read): one-on-one case reviews
        # over a live stream; updating the address "w/o checking anything else"; a comment with the
        # case number, "can we answer in the comments?".
        ("our LCSA wants to do IG live one-on-one case reviews w/ participants who opt in. permitted?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("Can I update the NCP's address in CSE straight from his FB check-in w/o checking anything else? we're swamped",
         Verdict.REQUIRED, "independent-verification"),
        ("someone commented on our page 'why hasn't my payment posted?? case #xxxx'. can we answer in the comments?",
         Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
        # Round 9 of session 8 (sets 82, 83, 85, 86).
        ("CP posted on our page wall 'my ex John D owes $40k and works at XYZ plumbing'. delete or leave it?",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("can we post in local FB groups (buy/sell, community boards) to reach NCPs about their cases?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("judge ordered us in the FOAH to give the NCP's address to the CP. we're ok to share it right?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("I'm new to running our page. when I reply to comments is there anything I'm required to say about who I am?",
         Verdict.REQUIRED, "self-identify-on-agency-page"),
        ("the CP asked us to link to her GoFundMe for her kid's medical bills from our page. she's asking us to! allowed?",
         Verdict.NOT_ALLOWED, "no-following-participants"),
        ("our attorney asked if social media stuff is off limits in court now bc of 16-04. is it?",
         Verdict.ALLOWED, "litigation-evidence"),
        # Round 10 of session 8 (sets 75, 77, 79, 80).
        ("ok so I found the NCP's job on FB, then confirmed it thru EDD wage data and a call to the employer. good to use it now?",
         Verdict.ALLOWED, "independent-verification"),
        ("Are all of us (clerks and front desk too, not just caseworkers) on the hook for following the confidentiality rules?",
         Verdict.REQUIRED, "adhere-to-confidentiality"),
        ("Can we verify an employer we found on IG using our normal new hire / EDD checks, same as any other lead?",
         Verdict.ALLOWED, "independent-verification"),
        ("whats the purpose of the agency page per policy, like what are we actually supposed to use it for",
         Verdict.INFORMATION, "agency-page-general-info"),
        ("page moderator here, are we on the hook for watching what people post on our page or just our own posts",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("child welfare social worker is requesting our case info on an NCP for a dependency matter. ok to send it over?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        # Two unsafe answers on fresh sets 90 and 94 (only those lines read): asking neighbors on
        # Nextdoor where a parent lives is case management; acting on a post "right away" is the
        # verification duty, not the permission to act once verified.
        ("NCP's public FB says he's living in Reno now. can I update the address in CSE right away off that?",
         Verdict.REQUIRED, "independent-verification"),
        # Session 9 (unsafe answers on fresh sets): answering "him/her/them" in the comments answers their
        # case question; notifying participants of their court dates, or sending them case status updates,
        # is case management on social media, not a general post or a lead to act on.
        ("NCP commented publicly on our FB why hasnt my modification been processed - can we answer him in the comments?",
         Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
        ("supervisor q: can workers use FB events/posts to notify NCPs of their court dates?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("could we use FB to send case status updates to CPs who opt in?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        # A staff member's "their own" account is a personal account (an unsafe answer on held-out set 163).
        ("can a caseworker use their own twitter acct to answer general child support questions from the public?",
         Verdict.NOT_ALLOWED, "no-personal-account"),
        # A named personal account settles it even when most of a long question is about the task.
        ("Can I use my personal LinkedIn just to look up an employer's payroll address for an IWO? Not looking at the NCP at all, just the company.",
         Verdict.NOT_ALLOWED, "no-personal-account"),
        ("The NCP's own profile is private but his cousin publicly posted a pic tagging him at his job. can I use that for locate?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # "He just started" is the post's news, not "can I just...": one action on the lead.
        ("found a public FB post from the obligor saying he just started at Home Depot!! can i send the IWO off that post?",
         Verdict.ALLOWED_WITH_CONDITIONS, "independent-verification"),
        # Session 10. A profile that "isn't set to private" is public.
        ("can i look up an NCP on facebook to see where he works now? his profile isn't set to private",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        ("his profile is set to private, can I ask a coworker to look", Verdict.NOT_ALLOWED,
         "locate-public-information-only"),
        # "apply for services" is not service of process.
        ("PIO wants to post general info on our page like how to apply for services and the ways to make a payment. ok?",
         Verdict.ALLOWED, "agency-page-general-info"),
        # A live Q&A is a broadcast, not where someone lives (the locate rule's "live"): the rules
        # alone abstain, and the shipped precedent model answers "Not allowed", no case specifics.
        ("PIO wants to do a FB Live Q&A where people can ask about their own cases live. is that ok?",
         Verdict.NOT_COVERED, None),
        # An order to give the information is the other-parent rule's exception.
        ("we got a court order to give cp's address to the other side. ok to do?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # "no matter what" denies nothing; a subpoena is legal process.
        ("we got a subpoena for an NCP's payment history. are we able to release it or is it all confidential no matter what",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        # Authorities asking: the release rule's conditions (only if a law requires it).
        ("PD called asking for an ncp's address, says its for a warrant. ok to give?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("court liaison - the DA's office (criminal nonsupport case) is asking for our case info on an NCP. can we give it to them?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("we got a request for case records from another govt office. are we allowed to hand stuff over?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("a reporter called asking about the ncp's case, can I release anything?",
         Verdict.NOT_ALLOWED, "release-only-when-required-by-law"),
        # A requester in the question does not lift a prohibition it plainly describes.
        ("An investigator from another county's DA office suggested we make a fake FB profile to friend the NCP so we "
         "can see his private posts. is that something we can do?", Verdict.NOT_ALLOWED, "locate-public-information-only"),
        # "What do I tell her?" about a worried parent asks what the brochure promises...
        ("a CP is scared the NCP will get her info from us. what can I tell her about that?",
         Verdict.INFORMATION, "no-sharing-with-other-parent"),
        ("CP asked me if her info can EVER be given to the other parent. what do I tell her?",
         Verdict.INFORMATION, "no-sharing-with-other-parent"),
        # ...unless the other side asks for someone's details.
        ("the cp wants to know where the ncp works, what can I tell her about his job?",
         Verdict.NOT_ALLOWED, "no-sharing-with-other-parent"),
        # An order to release, however it is phrased, is the other-parent rule's exception; "we
        # normally don't share" states the rule and denies nothing.
        ("court just ordered that the NCP's address be released to the CP. are we ok to give it to her now?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("court issued an order to release the NCP's address to the CP for the custody case. can we give it to her?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("We sent the CP's health insurance info to the NCP after the family court ordered it so he could add the kids "
         "to his plan. I know we normally don't share between parents - was this one ok?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("Got a court order in the custody matter directing disclosure of the NCP's address to the CP. can we share it now?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("Judge signed an order yesterday directing the LCSA to disclose the NCP's employer info to the CP. Order is in "
         "the file. Are we good to release it now?", Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # "Can we ever...? or is it a hard no" asks when the exception applies.
        ("can we ever give the CP the NCP's address? or is it a hard no",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("can i give the cp the ncp's address?", Verdict.NOT_ALLOWED, "no-sharing-with-other-parent"),
        ("the ncp says the court ordered child support, can I give him the cp's address?",
         Verdict.NOT_ALLOWED, "no-sharing-with-other-parent"),
        # The usual sources, named, verify a social media lead.
        ("found an address for the NCP off a snapchat post. to verify it can I use DMV records like I would for any "
         "other lead?", Verdict.ALLOWED, "independent-verification"),
        ("ok to verify FB info w usual case sources?", Verdict.ALLOWED, "independent-verification"),
        # Commenting on a participant's own post to reach him is case management by social media...
        ("can I leave a comment on an NCP's public tiktok like 'call your child support office' so he knows we're "
         "looking for him?", Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("Worker couldn't reach the NCP by phone or mail so she commented on one of his public FB posts from the agency "
         "account asking him to call our office. Nothing about the case in the comment. Reviewing this now - within "
         "policy?", Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        # ...reading the comments on it is locate, and replying to his story is a private message.
        ("can I look at the comments on the ncp's public post to find where he works",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # What DCSS tells customers is what the brochure says.
        ("CP is worried her ex will get her info thru us. what does DCSS tell customers about who can see their "
         "personal info?", Verdict.INFORMATION, "no-sharing-with-other-parent"),
        # Checking how the kids are doing is not locate: another case management use.
        ("caseworker q: can I use social media to kind of check in on how the kids are doing? like a wellness check",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("CP is claiming $1,200/mo in childcare costs. can i check her public IG to see if the kids are actually in "
         "daycare?", Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        # Other public programs and agencies asking: the release rule's conditions; "not our office" denies nothing.
        ("District Attorney's criminal unit (not our office) wants our case file for a PC 270 nonsupport prosecution. "
         "can we hand it over?", Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("county social services (CalWORKs) worker called asking for the NCP's employer for their eligibility case. can "
         "i give it to her?", Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("Other state's IV-D agency wants our NCP's employer info for their interstate case. Is it ok to share?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        # General questions quoted from the page's comments: how a relative applies, the phone number, how to pay.
        ("someone replied to our FB post asking 'whats the phone number for child support?' can we just reply in the "
         "thread w/ the number", Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info"),
        ("commenter on our page asked 'do yall take payments in person or online only?' fine to answer right there?",
         Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info"),
        # A persona instead of saying who we are.
        ("PIO wants to run our page as a 'concerned parent' persona to seem more relatable instead of saying it's the "
         "child support agency. ok?", Verdict.REQUIRED, "self-identify-on-agency-page"),
        # Session 11. Both parents named in a locate question: nothing is handed to either of them...
        ("ok to search the NCP's public IG to figure out where he's living now? CP thinks he moved to AZ",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # ...until something is: then it is the other-parent rule again.
        ("CP sent us a screenshot of the NCP's public FB showing his new job. can I tell the CP where he works?",
         Verdict.NOT_ALLOWED, "no-sharing-with-other-parent"),
        # What must happen before a finding is used is the duty to verify.
        ("do we have to verify an address I got off NCP's public IG before we use it?",
         Verdict.REQUIRED, "independent-verification"),
        ("A worker pulled an address from a public FB post. Before it goes in the system, what's required?",
         Verdict.REQUIRED, "independent-verification"),
        ("do I need a second source before I act on a job I saw on the obligor's public FB?",
         Verdict.REQUIRED, "independent-verification"),
        # "I told her no" reports an answer and denies no exception; an order to exchange contact info is one.
        ("CP wants the NCP's new address bc she's filing for custody. i told her no but is there ANY situation where "
         "we can give it to her?", Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("can I give the CP's new phone # to the NCP? judge ordered the parents to exchange contact info",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # "An X account just for the LCSA" is an agency page, not a personal account.
        ("our county wants to start an X account just for the LCSA. are we even allowed to do that?",
         Verdict.ALLOWED, "agency-page-general-info"),
        # "The child support awareness month event" is no one's case.
        ("can we post reminders about the child support awareness month event on the agency FB page?",
         Verdict.ALLOWED, "post-general-information"),
        # What a statute is, and what locate may look for, are information.
        ("people keep saying FC 17212 - what is that?", Verdict.INFORMATION, "fc-17212-prevent-disclosure"),
        ("what kinds of info r we allowed to look for on social media for locate? just address?",
         Verdict.INFORMATION, "locate-with-public-postings"),
        # A public post used for the guideline calculation is a question of using social media.
        ("My worker found a public FB post where the obligor advertises his mobile auto detailing business. She wants "
         "to use it to set income for the guideline calc. ok?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # Checking who the kids live with, or a daycare claim, is case management, not locate.
        ("CP says the kids actually live with grandma most of the time now. I was thinking of scrolling her public FB "
         "to see who the kids are living with before I decide whether to close the case. Is that allowed?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("CP says she pays a lot for daycare and wants it added in the guideline calc. I was going to check her public "
         "IG to see if the kid is actually in daycare. Is that a valid use?",
         Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        # Doubts about oneself deny no exception: an officer asking gets the release rule's conditions.
        ("A deputy from the sheriff's office called the front desk asking for an NCP's home address and phone. He "
         "sounded legit but I've never dealt w/ this before. Can I just give it to him?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("Got a written request from a DA investigator for an NCP's last known address for a criminal matter. Not sure "
         "if that's a party we can share with. Can I release it?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        # An order directing the disclosure, however it is worded, and "when (if ever)".
        ("The court in the custody case just issued an order directing the LCSA to disclose the NCP's address to the "
         "CP. CP brought a copy to the lobby. Can we give her the address now?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("NCP's atty served us w/ a subpoena and says the judge ordered us to turn over the CP's employer info. can we "
         "provide it?", Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("NCP keeps asking us for the CP's address and phone so he can see the kids. when (if ever) can we release "
         "that to him?", Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        # A relative asking how much he "still owes" asks for details.
        ("Got a call from a woman saying she's the NCP's new wife and wants to know how much he still owes so they can "
         "budget. She's not a party to the case. What can I tell her?",
         Verdict.NOT_ALLOWED, "no-disclosure-without-permission"),
        ("why r we not allowed to DM participants anyway, seems easier", Verdict.INFORMATION, "no-private-messaging"),
        ("found a possible employer on someone's IG, what must I do before I use it?",
         Verdict.REQUIRED, "independent-verification"),
        # "Short with" someone is about respect.
        ("i was a little short with the NCP on the phone, is that a problem", Verdict.REQUIRED,
         "respect-dignity-compassion"),
        # "He just started at Acme" is a job; the office's holiday closure is a general post.
        ("the NCP's public post says he just started at Acme. can I use it for locate?",
         Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # Coworkers who work the case with you have permission; a curious one does not.
        ("coworker from another unit is helping me w a backlog, is it ok to discuss my cases with her?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-disclosure-without-permission"),
        ("is it ok to talk over a tricky case with a coworker at the next desk?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-disclosure-without-permission"),
        ("can I show a coworker from another unit a parent's file", Verdict.NOT_ALLOWED,
         "no-disclosure-without-permission"),
        # Passing on what the brochure promises is allowed; giving out someone's details is not.
        ("nervous CP at intake asked if her ex will get her info. ok to tell her it won't go to the other parent unless "
         "a court orders it?", Verdict.ALLOWED, "no-sharing-with-other-parent"),
        ("ok to tell a parent at intake that the medical info they give us is kept confidential?",
         Verdict.ALLOWED, "what-is-confidential"),
        ("ok to give parents the 1-866 number for their local office when they ask how to reach us?",
         Verdict.ALLOWED, "brochure-contact-numbers"),
        ("can I give the NCP the CP's phone number?", Verdict.NOT_ALLOWED, "no-sharing-with-other-parent"),
        ("what's DCSS's mailing address on the 16-04 letterhead?", Verdict.INFORMATION, "letter-letterhead"),
        # Asking to skip the check is asking about the duty, whatever sources it names.
        ("can I print the NCP's public FB 'about' page showing his employer and put it in the file as confirmed "
         "employment without checking w the employer or anything else", Verdict.REQUIRED, "independent-verification"),
        ("can verification of a social media lead come from our standard case sources?",
         Verdict.ALLOWED, "independent-verification"),
        # "My gut says no" denies nothing; "if there's a court order?" and "when the law requires it" name exceptions.
        ("a detective from the sheriff's office called asking for the obligor's address and employer. my gut says no "
         "but is there any situation where we can release it?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("NCP wants the CP's address, can we give it if there's a court order?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("can we release case records to authorities when the law requires it?",
         Verdict.ALLOWED_WITH_CONDITIONS, "release-only-when-required-by-law"),
        ("what's the agency page supposed to be for per the letter? case stuff or only general info",
         Verdict.INFORMATION, "agency-page-general-info"),
        # Someone in the worker's own life asking; keeping tabs on parents; working from home on a locate.
        ("my neighbor knows one of my CPs and asked me how her case is going. can I mention anything?",
         Verdict.NOT_ALLOWED, "no-disclosure-without-permission"),
        ("supervisor q: can my team use social media to keep tabs on parents on an ongoing basis, like checking if an "
         "NCP is complying with his order?", Verdict.NOT_ALLOWED, "no-other-case-management-use"),
        ("I'm WFH and the county laptop blocks FB, so can I use my own account on my phone just to look at public "
         "posts for a locate?", Verdict.NOT_ALLOWED, "no-personal-account"),
        # A link to the state's website is general information; a tag someone else put on him is a public post.
        ("can we post links to the DCSS website and general payment options on our county FB page",
         Verdict.ALLOWED, "post-general-information"),
        ("NCP's new gf has a public IG and keeps posting pics of them at their new place, he's tagged in them. ok to "
         "use that for an address lead?", Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # An order that "says we can give it out", or that she is "entitled to" it, is the exception.
        ("ncp's ex wants his address. she has a court order that says we can give it out. ok?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("Can I mail the CP the NCP's employer info if there's a court order saying she's entitled to it?",
         Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("when did the social media policy letter come out?", Verdict.INFORMATION, "letter-issued-by"),
        ("does the brochure tell parents we wont share their stuff with the other parent",
         Verdict.INFORMATION, "no-sharing-with-other-parent"),
        ("our agency page - is it meant for answering case questions or just general stuff?",
         Verdict.INFORMATION, "agency-page-general-info"),
        ("what info is the social media letter saying we can look for when using social media for locate",
         Verdict.INFORMATION, "locate-with-public-postings"),
        # Naming parents who are behind on our page discloses their cases.
        ("director floated doing a 'pay your support' post on X naming NCPs who are way behind. is that ok?",
         Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
        # Temps on the phones still follow confidentiality; a court order posted on our wall is a post to moderate;
        # saying who we are is not branding.
        ("we have a couple temps answering phones this month. do they have to follow the case confidentiality rules "
         "too?", Verdict.REQUIRED, "adhere-to-confidentiality"),
        ("someone posted a pic of their court order on our facebook wall, should we leave it up or delete it",
         Verdict.REQUIRED, "monitor-and-remove-posts"),
        ("does the agency account have to identify itself as child support when it posts/replies, or is just the "
         "county logo fine?", Verdict.REQUIRED, "self-identify-on-agency-page"),
        # Verifying first, then acting: the permission's conditions, before whether the usual sources do.
        ("supervisor question - worker spotted a CP's new address in a public TikTok video. can we update the case "
         "address with it if we confirm it through our usual verification sources first?",
         Verdict.ALLOWED_WITH_CONDITIONS, "independent-verification"),
        # A bilingual question is answered; accents fold ("dirección").
        ("Is it allowed to use social media to track down a CP who stopped responding, para encontrar su dirección "
         "actual?", Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"),
        # Protected information posted on our page, however the page is named.
        ("An NCP posted on our county child support FB page with his full case number and SSN asking why his payment "
         "wasn't applied. Do we have to do anything about that post?", Verdict.REQUIRED, "monitor-and-remove-posts"),
        # "Any way he could get it?", "can his info ever be shared?", an order she "actually has" or he "comes back with".
        ("CP is scared the NCP is going to get her new address from us. is there any way he could get it through the "
         "case?", Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("can the NCP's info ever be shared with the CP?", Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("CP at the counter in tears, says she has a court order now that lets her get the NCP's info. if she actually "
         "has that order are we ok to give it to her?", Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"),
        ("got a likely address for an NCP from his public IG. do I need to do anything before I use it?",
         Verdict.REQUIRED, "independent-verification"),
        # Explaining someone's arrears in a public reply is no licence question.
        ("NCP commented asking why his license got suspended. can I reply publicly and explain his arrears balance",
         Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
        ("when 16-04 talks about using SM as a locate tool, what kinds of info does it mean? just address?",
         Verdict.INFORMATION, "locate-with-public-postings"),
        # An offensive meme is a post to remove, not a question about our own branding.
        ("troll posted a really offensive meme on our page, do we have to take it down", Verdict.REQUIRED,
         "monitor-and-remove-posts"),
        # IMing a parent, or a group chat about a payment plan, is private messaging.
        ("cp keeps IMing me on fb asking for updates, ok to answer her there since she started it?",
         Verdict.NOT_ALLOWED, "no-private-messaging"),
        ("can I start a group chat on FB w/ both parents to try to work out a payment plan",
         Verdict.NOT_ALLOWED, "no-private-messaging"),
        # Asked to "confirm the name" of his employer is asked to disclose it, not to verify a lead.
        ("im in call center - CP says she already knows the NCP's employer and just wants me to confirm the name. can I?",
         Verdict.NOT_ALLOWED, "release-only-when-required-by-law"),
        # Answering with her balance because she posted her case number is still a case-specific answer.
        ("CP already posted her own case number in a comment on our page asking about her balance. since she made it "
         "public can I just answer with her balance there?", Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
        ("what's 22 CCR 113100 got to do with the social media policy", Verdict.INFORMATION,
         "independent-verification"),
        ("when did DCSS put out the social media policy letter and what's the letter number", Verdict.INFORMATION,
         "letter-issued-by"),
        # A post calling on someone by name is about that person's case; a reply sending people to the phone is not.
        ("can we post on the agency page 'John Doe, please contact our office regarding your case'?",
         Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"),
    ],
)
def test_general_rules_from_the_tuning_rounds(question, verdict, rule_id):
    result = answer(question)
    assert (result.verdict, result.rule_id) == (verdict, rule_id)


@pytest.mark.parametrize(
    "question",
    [
        "is it ok to run the ncp through truepeoplesearch or beenverified to find an address",
        "if a hacker got into the case system, who do we have to notify and how fast",
        # Session 4.
        "does the front office take money orders or only cashier's checks",
        "a parent asked me where she can pay online, what site do I give her",
        "is HIPAA the law that covers the medical info in our files",
        "my supervisor sent me a linkedin connection request, can I accept it",
        "can I post about my kid's soccer game on my personal instagram? nothing to do with work",
        "what's the phone greeting we're supposed to use when answering calls",
        "can the county subpoena tiktok for the obligor's account records",
        # Session 8: a plain text message from a work phone is not social media.
        "can i text a CP from my county work cell to remind her about her appt?",
        "can I text the NCP from my county cell about his court date? regular SMS, not social media",
        # Listing one's job on a personal profile is not about any case.
        "Can staff list 'Child Support Specialist at X County DCSS' on their personal LinkedIn profile?",
        # Work email on a personal phone is device policy, not the Letter.
        "is there a policy on staff checking work email on their personal phones?",
        # Approvals before launching or searching are not in the documents.
        "Does the county need board of sups approval before launching an LCSA TikTok?",
        "do I need supervisor approval before I run a social media locate search on an NCP?",
        # Shared logins and training requirements are not in the documents.
        "do we have a policy on sharing the login for the agency FB admin acct? 3 of us use the same pw rn",
        "Is there mandatory training before a worker can moderate the county's FB page?",
        "Does the Safe at Home address confidentiality program change anything about how we record a CP's address?",
        "Is there a training requirement before staff can moderate the agency social media page?",
        "what OT code do we use for moderating the page after hours/weekends?",
        "hi all, is texting participants via SMS from county cell phones covered by the social media letter? trying to set up appt reminders",
        "Do we have to notify participants that we searched their social media?",
        # Blocking users, and DCSS sign-off before launching, are not in the documents.
        "can we block a user who keeps spamming our agency page, or are we only supposed to delete the posts?",
        "Do we need DCSS sign-off before launching a county child support tiktok account or can we just start one",
        # Maps and property tools, and hiring a vendor to run the page, are not in the documents.
        "Are we allowed to use Google Street View to check out an address before sending a process server?",
        "can we hire an outside marketing contractor to run our agency social media accounts?",
        # Who signs off on launching a page is not in the documents.
        "do we need sign off from the county PIO before we launch our agency page or can the LCSA just do it",
        "do we need county counsel sign-off before we launch an agency social media page?",
        # Casework procedure is not in the documents.
        "cp moved to nevada and ncp is still here. how do i open an interstate (uifsa) case?",
        "whats the process for sending a wage garnishment to a new employer, and how long does the employer have?",
        # Session 11: press interviews and the office's own hours are not in the documents.
        "reporter from the local TV station called asking to interview someone about our collections numbers. do I "
        "need director approval before I say yes?",
        "is our office closed for Cesar Chavez Day?",
        # Who administers the page, and a worker's own lawyer, are the office's questions.
        "Who at our LCSA is allowed to have admin rights on the agency FB page?",
        "NCP says he's going to sue me personally. does the county give me a lawyer?",
        "what hours is the 1-866 number staffed? customer wants to call after work",
    ],
)
def test_new_near_miss_topics_are_not_covered(question):
    _assert_not_covered(answer(question), AbstainReason.OUT_OF_SCOPE)


def test_what_a_question_is_about_is_read_from_who_does_what():
    index = default_index()
    # An employer's payroll person is not our payroll; a short paycheck is not rudeness.
    assert index.parse("do i have to follow the confidentiality rules even on a call with an employer's payroll "
                       "person?").out_of_scope is None
    _assert_not_covered(answer("my paycheck was short this month, who do I contact"))
    # Someone's case number posted on our page is protected information to remove.
    posted = index.parse("an employer posted on our FB page w/ an employee's full name and case # complaining "
                         "about the wage withholding. what do i need to do w/ that post?")
    assert {"protect", "remov"} <= posted.affirmed


@pytest.mark.parametrize(
    "question", ["can we text parents reminders over social media?", "can i text the ncp on whatsapp about his appt"]
)
def test_texting_through_social_media_or_an_app_is_still_private_messaging(question):
    assert (answer(question).verdict, answer(question).rule_id) == (Verdict.NOT_ALLOWED, "no-private-messaging")


@pytest.mark.parametrize(
    ("question", "rule_id", "quoted"),
    [
        # The documents' own facts are rules too: they quote the header, signature and back page.
        ("whose signature is at the bottom of the social media letter", "letter-signed-by", "VICKIE K. CONTRERAS"),
        ("which officials was cssp 16-04 sent to, and when", "letter-issued-by", "ALL BOARDS OF SUPERVISORS"),
        ("what's the motto printed on the back of the parents' confidentiality brochure",
         "brochure-published-by", "An Investment in the Future of Our Children"),
    ],
)
def test_questions_about_the_documents_themselves_quote_them(question, rule_id, quoted):
    result = answer(question)
    assert (result.verdict, result.rule_id) == (Verdict.INFORMATION, rule_id)
    assert quoted in result.rule.quote


def test_asking_whom_to_contact_about_the_letter_is_not_asking_who_signed_it():
    assert answer("who at the state do I call with questions about letter 16-04").rule_id == "policy-questions-contact"


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        # Whether the Letter limits evidence is its plain "no": Allowed (session 8: 21 writers of 35);
        # whether we may use a post is the rule's verdict, with the court's discretion.
        ("does 16-04 limit how our attorneys use facebook posts as evidence in court", Verdict.ALLOWED),
        ("so does that mean our attorneys can't use his public fb photos at trial?", Verdict.ALLOWED),
        ("atty wants his public IG posts (new boat) as evidence at the hearing. does the policy block that?", Verdict.ALLOWED),
        ("can our attorney use the obligor's public facebook posts as evidence at the hearing",
         Verdict.ALLOWED_WITH_CONDITIONS),
        # Which regulation exists is Information; a duty phrased as "gotta" stays Required.
        ("is there a regulation that spells out how we confirm what we find on social media", Verdict.INFORMATION),
        ("is there a law that says we gotta keep child support info confidential", Verdict.REQUIRED),
        # Session 5: the reason or the risk behind a rule, and what a term covers, are Information;
        # a suggestion ("why don't I just...") and a question about one finding are not.
        ("why is DMing a parent a problem even if she messaged us first", Verdict.INFORMATION),
        ("honestly why cant we just DM people, it would be faster", Verdict.INFORMATION),
        ("whats the actual legal risk of chatting one on one with the ncp in IG DMs", Verdict.INFORMATION),
        ("what counts as a valid source to verify an address i found on fb", Verdict.INFORMATION),
        ("what sources am i allowed to use to confirm something i saw on social media", Verdict.INFORMATION),
        ("does a geotagged post count as verified employment on its own", Verdict.REQUIRED),
    ],
)
def test_what_a_document_permits_is_information_and_a_duty_stays_required(question, verdict):
    assert answer(question).verdict is verdict


def test_posting_general_material_is_not_a_question_about_a_participant():
    # "post", "public" and "account" are the posting rule's words, but this asks about an NCP.
    assert answer("tbh is watching an NCP's IG stories ok? his account is public").rule_id != "post-general-information"


def test_only_a_close_runner_up_with_the_same_verdict_is_quoted_too():
    agreeing = answer("the obligee's new husband called and wants to know how much the obligor pays, can i tell him")
    assert agreeing.also is not None and agreeing.also.id != agreeing.rule_id
    assert agreeing.also.verdict is agreeing.verdict is Verdict.NOT_ALLOWED
    assert answer("can I DM the NCP on facebook").also is None  # a clear winner
    for question in ["can I DM the NCP on facebook", "is it ok to check the obligor's public instagram for his job",
                     "who do i call with questions about the social media letter"]:
        result = answer(question)
        assert result.also is None or result.also.verdict is result.verdict or result.differs_from_rule


@pytest.mark.parametrize(
    ("inflected", "base"),
    [("living", "live"), ("lived", "live"), ("giving", "give"), ("making", "make"), ("noted", "note"),
     ("stopped", "stop"), ("posted", "post"), ("shipped", "ship")],
)
def test_a_short_stem_that_lost_its_e_gets_it_back(inflected, base):
    from bot.policy.text import words

    assert words(inflected) == words(base)


def test_where_a_parent_is_living_is_a_locate_question():
    result = answer("can we use instagram to work out where the obligor is living these days")
    assert (result.verdict, result.rule_id) == (Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings")


def test_a_payment_history_request_is_a_disclosure_question_and_venmo_is_a_near_miss():
    assert answer("the obligee's uncle wants her payment history, can I give it to him").verdict is Verdict.NOT_ALLOWED
    _assert_not_covered(answer("can parents send their support through zelle"), AbstainReason.OUT_OF_SCOPE)


def test_an_order_in_someones_words_asserts_the_exception_and_a_denied_one_does_not():
    from bot.policy.intent import ExceptionCues, exception_applies
    from bot.policy.knowledge import rules_by_id

    rule = rules_by_id()["no-sharing-with-other-parent"]
    cues = ExceptionCues.compile(rule.exceptions[0])
    assert exception_applies(clean("she has a court order that says the agency has to give her his address"), cues)
    assert exception_applies(clean("she says the court ordered that we give her his address"), cues)
    assert not exception_applies(clean("she says the court ordered that we give her his address, but there's no order in the file"), cues)


def test_a_relative_asking_about_someone_elses_case_in_the_comments_gets_no_answer():
    # Two prohibitions fit (no case specifics on the page, no disclosure without permission);
    # either is the right clause, and neither may become "allowed".
    result = answer("the ncp's sister commented on our agency fb page asking when her brother's court date is. "
                    "can i answer her in the comments")
    assert result.verdict is Verdict.NOT_ALLOWED
    assert result.rule_id in ("no-case-specific-on-agency-page", "no-disclosure-without-permission")


def test_a_chatbot_on_the_county_website_is_not_the_letters_chat():
    # The Letter's "instant messages or chat" are a social media communication system; a website
    # chatbot is a question for the policy team.
    _assert_not_covered(answer("Can we put an AI chatbot on the county website to answer parents' questions?"))


def test_asking_neighbors_on_nextdoor_where_a_parent_lives_is_not_allowed():
    # An unsafe "Allowed with conditions" on fresh set 90: the locate permission scored close. The
    # answer is a prohibition, and the case-management clause is quoted (as the rule or beside it).
    result = answer("Are LCSAs allowed to post on Nextdoor asking neighbors if they know where an NCP is living now?")
    assert result.verdict is Verdict.NOT_ALLOWED
    quoted = {result.rule_id, result.also.id if result.also else None}
    assert "no-other-case-management-use" in quoted


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        # Found in review of session 8's changes: each was answered permissively by a cue or fold that
        # matched too much. None may be "allowed".
        ("She has no court order. Can we make an exception and give her the NCP address?", Verdict.NOT_ALLOWED),
        ("Can I make an exception and release the NCP's SSN to the reporter who called?", Verdict.NOT_ALLOWED),
        ("we havent called the employer and confirmed it yet, ok to use it?", Verdict.REQUIRED),
        ("I havent looked and verified anything yet. can I update it?", Verdict.REQUIRED),
        ("A parent asked about her case in our page comments. Can I answer with her case status? No names.",
         Verdict.NOT_ALLOWED),
        ("Can I reply to a parent's comment about their case on our page, nothing personal?", Verdict.NOT_ALLOWED),
        ("Someone from another department asked me for the NCP's home address, can I give it to them?",
         Verdict.NOT_ALLOWED),
        ("does the policy keep us from friending the NCP to get evidence for court?", Verdict.NOT_ALLOWED),
        ("she swears she has a court order letting her get his address, can I give it?", Verdict.NOT_ALLOWED),
        ("The CP is worried. Can I tell her his address per the brochure?", Verdict.NOT_ALLOWED),
        ("she wont say why she needs his address. we give it out?", Verdict.NOT_ALLOWED),
        # ...and what the changes were for still holds.
        ("brochure says DCSS doesn't release info. is there any exception to that? a detective is asking",
         Verdict.ALLOWED_WITH_CONDITIONS),
    ],
)
def test_review_cases_are_not_answered_permissively(question, verdict):
    assert answer(question).verdict is verdict


def test_a_most_wanted_post_is_not_allowed_and_quotes_the_law_it_rests_on():
    from bot.policy.render import render_text
    from bot.policy_desk import ask
    from handlers.views.policy_desk import answer_message

    question = "can our page post a 'most wanted deadbeat parents' list with names and photos? other states do it"
    result = answer(question)
    assert result.verdict is Verdict.NOT_ALLOWED
    assert result.ground is not None and result.ground.id == "fc-17212-prevent-disclosure"
    clause = "requires LCSAs to prevent the disclosure of confidential child support information"
    assert clause in render_text(result)
    assert clause in json.dumps(answer_message(ask(question)))
    # An exception's verdict is not the rule's own, so the ground is not quoted for it.
    general = answer("CP posted on our page 'why didnt i get my payment this month??' can we reply on the page?")
    assert general.verdict is Verdict.ALLOWED_WITH_CONDITIONS and general.ground is None

