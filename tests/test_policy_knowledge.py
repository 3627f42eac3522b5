"""The knowledge base: every rule quotes its source verbatim and cites it correctly."""

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml

from bot.policy import Verdict, check_knowledge_base, check_rules, load_rules, rules_by_id
from bot.policy.knowledge import LEXICON_PATH, RULES_DIR
from bot.policy.sources import CSSP_LETTER_16_04, DCSS_CONFIDENTIALITY_BROCHURE

# The verdict table agreed with the team; the held-out test set is written from it.
CANONICAL_VERDICTS = {
    "fc-17212-prevent-disclosure": Verdict.REQUIRED,
    "no-private-messaging": Verdict.NOT_ALLOWED,
    "no-personal-account": Verdict.NOT_ALLOWED,
    "agency-page-general-info": Verdict.ALLOWED_WITH_CONDITIONS,
    "no-case-specific-on-agency-page": Verdict.NOT_ALLOWED,
    "self-identify-on-agency-page": Verdict.REQUIRED,
    "monitor-and-remove-posts": Verdict.REQUIRED,
    "no-following-participants": Verdict.NOT_ALLOWED,
    "locate-with-public-postings": Verdict.ALLOWED_WITH_CONDITIONS,
    "independent-verification": Verdict.REQUIRED,
    "litigation-evidence": Verdict.ALLOWED_WITH_CONDITIONS,
    "no-other-case-management-use": Verdict.NOT_ALLOWED,
    "policy-questions-contact": Verdict.INFORMATION,
    "no-sharing-with-other-parent": Verdict.NOT_ALLOWED,
    "what-is-confidential": Verdict.INFORMATION,
    "release-only-when-required-by-law": Verdict.NOT_ALLOWED,
    "adhere-to-confidentiality": Verdict.REQUIRED,
    "respect-dignity-compassion": Verdict.REQUIRED,
    "brochure-contact-numbers": Verdict.INFORMATION,
    "dcss-confidentiality-commitment": Verdict.INFORMATION,
    "letter-issued-by": Verdict.INFORMATION,
    "letter-signed-by": Verdict.INFORMATION,
    "letter-letterhead": Verdict.INFORMATION,
    "brochure-published-by": Verdict.INFORMATION,
}


def _copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def _edit_rule(rules_dir: Path, rule_id: str, **changes: object) -> None:
    path = rules_dir / f"{rule_id}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_shipped_rules_pass_the_checker():
    assert check_knowledge_base() == []


def test_every_agreed_rule_exists_with_its_agreed_verdict():
    rules = rules_by_id()
    for rule_id, verdict in CANONICAL_VERDICTS.items():
        assert rule_id in rules, rule_id
        assert rules[rule_id].verdict is verdict, rule_id


def test_rule_fields_are_complete():
    for rule in load_rules():
        assert rule.examples and rule.synonyms and rule.explanation, rule.id
        assert len(rule.related) <= 2, rule.id
        if rule.verdict is Verdict.ALLOWED_WITH_CONDITIONS:
            assert rule.conditions, rule.id


def test_actions_point_to_the_right_commands():
    rules = rules_by_id()
    assert "/report-post" in (rules["monitor-and-remove-posts"].related_action or "")
    assert "/locate" in (rules["locate-with-public-postings"].related_action or "")


def test_statutes_are_cited_where_the_clause_names_them():
    rules = rules_by_id()
    assert rules["fc-17212-prevent-disclosure"].citation.statute == "FC § 17212"
    assert rules["independent-verification"].citation.statute == "22 CCR § 113100"


def test_letter_splits_into_two_pages_and_quotes_can_cross_the_break():
    assert CSSP_LETTER_16_04.page_count == 2
    assert DCSS_CONFIDENTIALITY_BROCHURE.page_count == 1
    assert CSSP_LETTER_16_04.find_quote("No other use of social media for case management is permitted.") == (2, 2)
    assert CSSP_LETTER_16_04.find_quote("as outlined in 22 CCR §113100.") == (1, 2)
    assert CSSP_LETTER_16_04.find_quote("Page 2") is None  # running headers are not text


def test_quotes_tolerate_whitespace_but_nothing_else():
    quote = "No other use of social media\n   for case management is permitted."
    assert CSSP_LETTER_16_04.find_quote(quote) == (2, 2)
    assert CSSP_LETTER_16_04.find_quote("No other use of social media for case work is permitted.") is None


def test_checker_catches_a_corrupted_quote(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    _edit_rule(
        rules_dir,
        "no-private-messaging",
        quote="Direct communication with participants using private messages is allowed.",
    )
    problems = check_knowledge_base(rules_dir)
    assert {p.where for p in problems} == {"no-private-messaging"}
    assert any("not verbatim" in p.message for p in problems)


@pytest.mark.parametrize(
    ("broken_line", "expected"),
    [
        # An unclosed group, and a " #" that YAML reads as the start of a comment.
        ("  - pattern: (unclosed|group\n    means: whatever\n", "missing )"),
        ("  - pattern: asked (a case # about) it\n    means: whatever\n", "missing )"),
    ],
)
def test_checker_catches_a_lexicon_pattern_that_does_not_compile(tmp_path, broken_line, expected):
    text = LEXICON_PATH.read_text("utf-8").replace("phrases:\n", "phrases:\n" + broken_line, 1)
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text(text, "utf-8")
    problems = check_knowledge_base(lexicon_path=lexicon)
    assert [p.where for p in problems] == ["lexicon.yaml"]
    assert "does not load" in problems[0].message and expected in problems[0].message


def test_checker_catches_an_exception_whose_answers_when_is_not_a_boolean(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    exception = yaml.safe_load((rules_dir / "independent-verification.yaml").read_text("utf-8"))["exceptions"][0]
    _edit_rule(rules_dir, "independent-verification", exceptions=[{**exception, "answers_when": "no"}])
    problems = check_knowledge_base(rules_dir)
    assert any(p.where == "independent-verification.yaml" and "answers_when must be true or false" in p.message
               for p in problems)


@pytest.mark.parametrize("value", ["low", 0, 1.5, True])
def test_checker_catches_an_override_min_coverage_that_is_not_a_share(tmp_path, value):
    rules_dir = _copy_rules(tmp_path)
    _edit_rule(rules_dir, "no-personal-account", override_min_coverage=value)
    problems = [p for p in check_knowledge_base(rules_dir) if "override_min_coverage" in p.message]
    assert [(p.where, "must be a number in (0, 1]" in p.message) for p in problems] == [
        ("no-personal-account.yaml", True)]


@pytest.mark.parametrize("key", ["negation_denies", "information_first"])
@pytest.mark.parametrize("value", [True, "yes"])
def test_checker_catches_an_exception_flag_that_is_not_a_boolean(tmp_path, key, value):
    rules_dir = _copy_rules(tmp_path)
    exception = yaml.safe_load((rules_dir / "agency-page-general-info.yaml").read_text("utf-8"))["exceptions"][0]
    _edit_rule(rules_dir, "agency-page-general-info", exceptions=[{**exception, key: value}])
    problems = [p for p in check_knowledge_base(rules_dir) if key in p.message]
    assert len(problems) == (0 if value is True else 1)


@pytest.mark.parametrize("value", ["no-such-rule", "no-case-specific-on-agency-page"])
def test_checker_catches_a_grounded_in_that_is_not_another_rule(tmp_path, value):
    rules_dir = _copy_rules(tmp_path)
    _edit_rule(rules_dir, "no-case-specific-on-agency-page", grounded_in=value)
    problems = [p for p in check_knowledge_base(rules_dir) if "grounded_in" in p.message]
    assert [p.where for p in problems] == ["no-case-specific-on-agency-page"]


def test_checker_catches_a_yields_to_meaning_no_phrase_gives(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    _edit_rule(rules_dir, "locate-public-information-only", yields_to=["publicprat"])
    problems = check_knowledge_base(rules_dir)
    assert [(p.where, "no lexicon phrase means it" in p.message) for p in problems] == [
        ("locate-public-information-only", True)]


def test_checker_catches_a_one_word_change_in_memory():
    rules = list(load_rules())
    original = rules_by_id()["no-personal-account"]
    rules[rules.index(original)] = dataclasses.replace(
        original, quote=original.quote.replace("may not", "may")
    )
    assert [p.where for p in check_rules(rules)] == ["no-personal-account"]


def test_checker_catches_bad_citations(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    _edit_rule(rules_dir, "litigation-evidence", citation={"document": "CSSP Letter 16-04", "page": 1})
    _edit_rule(rules_dir, "respect-dignity-compassion", citation={"document": "DCSS brochure", "page": 3})
    _edit_rule(rules_dir, "what-is-confidential", citation={"document": "Some memo", "page": 1})
    _edit_rule(
        rules_dir,
        "independent-verification",
        citation={"document": "CSSP Letter 16-04", "page": 1, "statute": "CCR 113100"},
    )
    _edit_rule(rules_dir, "no-private-messaging", citation={"document": "CSSP Letter 16-04", "page": 1})
    messages: dict[str, str] = {}
    for problem in check_knowledge_base(rules_dir):
        messages[problem.where] = messages.get(problem.where, "") + problem.message + "\n"
    assert "starts on page 2" in messages["litigation-evidence"]
    assert "outside" in messages["respect-dignity-compassion"]
    assert "unknown document" in messages["what-is-confidential"]
    assert "not like" in messages["independent-verification"]
    assert "no statute" in messages["no-private-messaging"]


def test_checker_catches_schema_problems(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    _edit_rule(rules_dir, "litigation-evidence", conditions=[])
    _edit_rule(rules_dir, "what-is-confidential", verdict="Maybe")
    _edit_rule(rules_dir, "respect-dignity-compassion", id="no-private-messaging")
    _edit_rule(rules_dir, "adhere-to-confidentiality", related=["no-such-rule"])
    problems = check_knowledge_base(rules_dir)
    text = "\n".join(str(p) for p in problems)
    assert "litigation-evidence: verdict \"Allowed with conditions\" needs at least one condition" in text
    assert "what-is-confidential.yaml: verdict 'Maybe' is not one of" in text
    assert "no-private-messaging: rule id used 2 times" in text
    assert "related rule 'no-such-rule' does not exist" in text


def test_checker_rejects_not_covered_as_a_rule_verdict(tmp_path):
    rules_dir = _copy_rules(tmp_path)
    _edit_rule(rules_dir, "case-data-security", verdict="Not covered")
    assert any("reserved" in p.message for p in check_knowledge_base(rules_dir))
