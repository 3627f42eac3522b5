"""Precedents and the model learnt from them (bot/policy/precedents.py): when it overrules the
rules, and when it may not. Small models are trained here with the build script's own code."""

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest
import yaml

from bot.policy import AbstainReason, Verdict, answer, check_knowledge_base, default_index, load_rules, render_text
from bot.policy import precedents as precedent_model
from bot.policy.precedents import (
    PRECEDENTS_PATH,
    Precedent,
    PrecedentModel,
    check_precedents,
    default_model,
    features,
    fingerprint,
    load_precedents,
    renderable,
)

TESTS = Path(__file__).parent
LAW_QUESTION = "is there a law that says we have to keep child support info confidential"
# Unrelated questions that give the small models below other classes to tell apart.
BACKGROUND = [
    Precedent("who signed the social media letter", Verdict.INFORMATION, ("letter-signed-by",), "bg"),
    Precedent("what number do parents call about their case", Verdict.INFORMATION, ("brochure-contact-numbers",), "bg"),
    Precedent("must we remove offensive comments from our page", Verdict.REQUIRED, ("monitor-and-remove-posts",), "bg"),
    Precedent("can i friend the ncp on facebook", Verdict.NOT_ALLOWED, ("no-following-participants",), "bg"),
    Precedent("can we post office closure hours on our page", Verdict.ALLOWED, ("post-general-information",), "bg"),
]


def _build_script():
    spec = importlib.util.spec_from_file_location("build_precedents", TESTS.parent / "scripts" / "build_precedents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _model(tmp_path, *precedents: Precedent) -> PrecedentModel:
    """A model trained, as the shipped one is, on `precedents` and the background questions."""
    path = tmp_path / "model.npz"
    np.savez(path, fingerprint=np.array("test"), **_build_script().train([*precedents, *BACKGROUND]))
    return PrecedentModel(path)


def _like(question: str, verdict: Verdict, *rules: str, copies: int = 4) -> list[Precedent]:
    """`copies` precedents worded like `question`."""
    forms = [question, f"{question}?", f"quick q: {question}", f"hey {question} thanks", f"so {question}"]
    return [Precedent(form, verdict, rules, "near") for form in forms[:copies]]


def _ask(question: str, model: PrecedentModel):
    return answer(question, default_index(), model)


def test_a_probable_answer_replaces_the_rules_and_quotes_its_rule(tmp_path):
    assert answer(LAW_QUESTION, default_index()).verdict is Verdict.REQUIRED  # the rules alone: a duty
    model = _model(tmp_path, *_like(LAW_QUESTION, Verdict.INFORMATION, "fc-17212-prevent-disclosure"))
    result = _ask(LAW_QUESTION, model)
    assert (result.verdict, result.rule_id, result.precedents) == (
        Verdict.INFORMATION, "fc-17212-prevent-disclosure", True)
    assert render_text(result).startswith("Information")


def test_a_close_prohibition_on_a_cue_keeps_the_uncued_winner_from_yielding():
    # A winner that matched no cue may yield to the model's permission only if no prohibition close behind
    # matched one ("...show me the NCP's private posts": the public-information-only rule on "private").
    from types import SimpleNamespace

    from bot.policy.answer import _is_uncued_prohibition
    from bot.policy.retrieval import ScoredRule

    rules = default_index().rules_by_id
    winner = ScoredRule(rules["no-personal-account"], 10.0, 10.0, 0.8, ())
    contender = ScoredRule(rules["locate-public-information-only"], 8.0, 8.0, 0.6, ("private",))
    found = SimpleNamespace(verdict=Verdict.NOT_ALLOWED, rule_id="no-personal-account")
    assert not _is_uncued_prohibition([winner, contender], found)
    assert _is_uncued_prohibition([winner, ScoredRule(contender.rule, 8.0, 8.0, 0.6, ())], found)
    assert not _is_uncued_prohibition([ScoredRule(winner.rule, 10.0, 10.0, 0.8, ("own account",)), contender], found)
    question = ("if i cant find anything public on social media, can I have the CP log into her FB and show me the "
                "NCP's private posts?")
    assert answer(question).verdict is Verdict.NOT_ALLOWED


def test_the_model_never_permits_what_the_rules_forbid_on_a_cue(tmp_path):
    question = "can i dm the ncp on facebook messenger"
    assert default_index().rank(default_index().parse(question))[0].cues  # the prohibition's own cue matched
    model = _model(tmp_path, *_like(question, Verdict.ALLOWED_WITH_CONDITIONS, "locate-with-public-postings"))
    ruling = model.rule(default_index().parse(question), default_index().rules_by_id)
    assert ruling.verdict.permits and ruling.probability > precedent_model.UNCUED_PROHIBITION_PERMIT_MIN_PROBABILITY
    result = _ask(question, model)
    assert (result.verdict, result.rule_id, result.precedents) == (
        Verdict.NOT_ALLOWED, "no-private-messaging", False)


def test_a_prohibition_that_won_on_shared_words_alone_yields_only_to_a_probable_permission(tmp_path, monkeypatch):
    question = "are we ok to answer questions people send to our agency X account in replies?"
    ranked = default_index().rank(default_index().parse(question))
    found = answer(question, default_index())
    assert (found.verdict, found.rule_id) == (Verdict.NOT_ALLOWED, ranked[0].rule.id)
    assert ranked[0].cues == ()  # none of the prohibition's cues matched
    model = _model(tmp_path, *_like(question, Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info"))
    probability = model.rule(default_index().parse(question), default_index().rules_by_id).probability
    monkeypatch.setattr(precedent_model, "UNCUED_PROHIBITION_PERMIT_MIN_PROBABILITY", probability + 0.01)
    assert _ask(question, model).verdict is Verdict.NOT_ALLOWED
    monkeypatch.setattr(precedent_model, "UNCUED_PROHIBITION_PERMIT_MIN_PROBABILITY", probability - 0.01)
    result = _ask(question, model)
    assert (result.verdict, result.rule_id) == (Verdict.ALLOWED_WITH_CONDITIONS, "agency-page-general-info")


def test_a_permission_the_rules_did_not_give_needs_the_higher_probability(tmp_path, monkeypatch):
    assert answer(LAW_QUESTION, default_index()).verdict is Verdict.REQUIRED
    model = _model(tmp_path, *_like(LAW_QUESTION, Verdict.ALLOWED, "post-general-information"))
    probability = model.rule(default_index().parse(LAW_QUESTION), default_index().rules_by_id).probability
    monkeypatch.setattr(precedent_model, "PERMIT_MIN_PROBABILITY", probability + 0.01)
    assert _ask(LAW_QUESTION, model).verdict is Verdict.REQUIRED
    monkeypatch.setattr(precedent_model, "PERMIT_MIN_PROBABILITY", probability - 0.01)
    result = _ask(LAW_QUESTION, model)
    assert (result.verdict, result.rule_id) == (Verdict.ALLOWED, "post-general-information")


def test_where_the_rules_abstain_a_less_probable_answer_is_enough(tmp_path, monkeypatch):
    question = "can i bring my dog to the office on fridays"
    assert answer(question, default_index()).abstained
    split = [*_like(question, Verdict.ALLOWED, "post-general-information", copies=3),
             *(_like(question, Verdict.NOT_COVERED, copies=5)[3:])]
    model = _model(tmp_path, *split)
    probability = model.rule(default_index().parse(question), default_index().rules_by_id).probability
    assert precedent_model.ABSTAINED_MIN_PROBABILITY <= probability < precedent_model.PERMIT_MIN_PROBABILITY
    result = _ask(question, model)
    assert (result.verdict, result.rule_id, result.precedents) == (Verdict.ALLOWED, "post-general-information", True)
    monkeypatch.setattr(precedent_model, "ABSTAINED_MIN_PROBABILITY", probability + 0.01)
    assert _ask(question, model).abstained


def test_a_clear_winner_of_the_rules_is_swapped_for_another_rule_only_when_the_model_is_very_sure(tmp_path, monkeypatch):
    question = "is it fine to answer general questions on our agency insta kind of anonymously, without saying who we are?"
    found = answer(question, default_index())
    assert (found.verdict, found.rule_id) == (Verdict.REQUIRED, "self-identify-on-agency-page")
    model = _model(tmp_path, *_like(question, Verdict.ALLOWED, "agency-page-general-info"))
    probability = model.rule(default_index().parse(question), default_index().rules_by_id).probability
    assert probability >= precedent_model.MIN_PROBABILITY
    monkeypatch.setattr(precedent_model, "FIRM_OVERRULE_MIN_PROBABILITY", probability + 0.01)
    assert _ask(question, model).rule_id == "self-identify-on-agency-page"
    monkeypatch.setattr(precedent_model, "FIRM_OVERRULE_MIN_PROBABILITY", probability - 0.01)
    assert _ask(question, model).rule_id == "agency-page-general-info"


def test_the_model_may_forbid_what_the_rules_permitted(tmp_path):
    question = "ok to post our holiday closure hours on the agency page"
    assert answer(question, default_index()).verdict is Verdict.ALLOWED
    model = _model(tmp_path, *_like(question, Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page"))
    result = _ask(question, model)
    assert (result.verdict, result.rule_id) == (Verdict.NOT_ALLOWED, "no-case-specific-on-agency-page")


def test_precedents_found_not_covered_make_the_bot_say_so(tmp_path):
    question = "if a worker leaks case info are they accountable"
    assert not answer(question, default_index()).abstained
    result = _ask(question, _model(tmp_path, *_like(question, Verdict.NOT_COVERED)))
    assert (result.verdict, result.abstain_reason) == (Verdict.NOT_COVERED, AbstainReason.PRECEDENTS)
    assert "(916) 464-5883" in render_text(result)


def test_an_improbable_answer_leaves_the_rules_answer(tmp_path):
    split = [*_like(LAW_QUESTION, Verdict.INFORMATION, "fc-17212-prevent-disclosure", copies=2),
             *(_like(LAW_QUESTION, Verdict.NOT_COVERED, copies=4)[2:])]
    model = _model(tmp_path, *split)
    assert model.rule(default_index().parse(LAW_QUESTION), default_index().rules_by_id).probability < 0.7
    assert _ask(LAW_QUESTION, model).verdict is Verdict.REQUIRED


def test_an_exception_verdict_from_the_model_carries_the_exceptions_conditions(tmp_path):
    question = "There's a court order directing release of the CP's address to the NCP. Ok to give it now?"
    assert answer(question, default_index()).rule_id == "release-only-when-required-by-law"
    model = _model(tmp_path, *_like(question, Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent"))
    result = _ask(question, model)
    assert (result.verdict, result.rule_id) == (Verdict.ALLOWED_WITH_CONDITIONS, "no-sharing-with-other-parent")
    assert result.exception is not None and result.exception.conditions
    assert "The rule itself: Not allowed" in render_text(result)


def test_the_numpy_model_gives_the_probabilities_the_trained_one_does(tmp_path):
    script = _build_script()
    precedents = [*_like(LAW_QUESTION, Verdict.INFORMATION, "fc-17212-prevent-disclosure"), *BACKGROUND]
    vectorizer, tfidf, fitted, classes = script.fit(precedents)
    model = _model(tmp_path, *_like(LAW_QUESTION, Verdict.INFORMATION, "fc-17212-prevent-disclosure"))
    index = default_index()
    for question in [LAW_QUESTION, "can i friend the ncp", "who signed it", "nothing in common at all"]:
        expected = fitted.predict_proba(tfidf.transform(vectorizer.transform([dict(features(index.parse(question)))])))[0]
        by_class = {classes[c]: p for c, p in zip(fitted.classes_, expected)}
        for verdict, rule_id, probability in model.probabilities(index.parse(question)):
            assert probability == pytest.approx(by_class[(verdict.value, rule_id or "")], abs=2e-3)


def test_the_shipped_model_is_trained_on_the_shipped_precedents():
    """A changed set, lexicon or rule file changes the features: rebuild with scripts/build_precedents.py."""
    model = default_model()
    assert model is not None
    assert model.fingerprint == fingerprint()


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
    assert len(precedents) >= 5000
    assert check_precedents(precedents, load_rules()) == []


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
    """Through the real endpoint: the rules alone cannot place this question; the shipped model
    (learnt from staff asking why private messages are banned) answers it."""
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
def test_prohibitions_stay_prohibitions_with_the_shipped_model(question):
    assert not answer(question).verdict.permits
