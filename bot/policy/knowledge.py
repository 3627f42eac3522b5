"""Loading the rule files (bot/policy/rules/<id>.yaml, one rule per file) and the query lexicon."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from bot.policy.models import Citation, Problem, Rule, RuleException, Verdict
from bot.policy.text import Lexicon

PACKAGE_DIR = Path(__file__).resolve().parent
RULES_DIR = PACKAGE_DIR / "rules"
LEXICON_PATH = PACKAGE_DIR / "lexicon.yaml"

_REQUIRED_TEXT_FIELDS = ("id", "title", "topic", "verdict", "quote", "explanation")
_LIST_FIELDS = (
    "conditions", "related", "examples", "synonyms", "cues", "overrides", "context", "contrary", "yields_to"
)
_KNOWN_FIELDS = frozenset(
    _REQUIRED_TEXT_FIELDS + _LIST_FIELDS + ("citation", "related_action", "exceptions", "override_min_coverage", "grounded_in")
)
_EXCEPTION_FIELDS = frozenset(("verdict", "summary", "conditions", "cues", "requesters", "answers_when", "negation_denies", "information_first"))


class KnowledgeBaseError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def rule_files(rules_dir: Path = RULES_DIR) -> list[Path]:
    return sorted(rules_dir.glob("*.yaml"))


def parse_rule(data: Any, where: str) -> tuple[Rule | None, list[Problem]]:
    """Build a Rule from one YAML mapping, or report every schema problem found in it."""
    if not isinstance(data, Mapping):
        return None, [Problem(where, "rule file must hold a mapping")]
    problems = [Problem(where, f"unknown field {key!r}") for key in data if key not in _KNOWN_FIELDS]
    for key in _REQUIRED_TEXT_FIELDS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(Problem(where, f"field {key!r} must be a non-empty string"))
    for key in _LIST_FIELDS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            problems.append(Problem(where, f"field {key!r} must be a list of strings"))
    action = data.get("related_action")
    if action is not None and (not isinstance(action, str) or not action.strip()):
        problems.append(Problem(where, "field 'related_action' must be a non-empty string or null"))
    verdict = _parse_verdict(data.get("verdict"))
    if verdict is None:
        allowed = ", ".join(f'"{v.value}"' for v in Verdict)
        problems.append(Problem(where, f"verdict {data.get('verdict')!r} is not one of {allowed}"))
    citation, citation_problems = _parse_citation(data.get("citation"), where)
    problems += citation_problems
    exceptions, exception_problems = _parse_exceptions(data.get("exceptions"), where)
    problems += exception_problems
    override_min_coverage = data.get("override_min_coverage")
    if override_min_coverage is not None and (
        isinstance(override_min_coverage, bool)
        or not isinstance(override_min_coverage, (int, float))
        or not 0 < override_min_coverage <= 1
    ):
        problems.append(Problem(where, "override_min_coverage must be a number in (0, 1]"))
    grounded_in = data.get("grounded_in")
    if grounded_in is not None and (not isinstance(grounded_in, str) or not grounded_in.strip()):
        problems.append(Problem(where, "grounded_in must be a rule id"))
    if problems:
        return None, problems
    assert verdict is not None and citation is not None
    rule = Rule(
        id=data["id"].strip(),
        title=data["title"].strip(),
        topic=data["topic"].strip(),
        verdict=verdict,
        quote=data["quote"].strip(),
        citation=citation,
        explanation=data["explanation"].strip(),
        conditions=_strings(data.get("conditions")),
        related_action=action.strip() if action else None,
        related=_strings(data.get("related")),
        examples=_strings(data.get("examples")),
        synonyms=_strings(data.get("synonyms")),
        cues=_strings(data.get("cues")),
        overrides=_strings(data.get("overrides")),
        context=_strings(data.get("context")),
        contrary=_strings(data.get("contrary")),
        yields_to=_strings(data.get("yields_to")),
        override_min_coverage=float(override_min_coverage) if override_min_coverage is not None else None,
        grounded_in=grounded_in.strip() if isinstance(grounded_in, str) else None,
        exceptions=exceptions,
    )
    return rule, []


def read_rules(rules_dir: Path = RULES_DIR) -> tuple[list[Rule], list[Problem]]:
    """Parse every rule file; unreadable files are reported, not raised."""
    rules: list[Rule] = []
    problems: list[Problem] = []
    for path in rule_files(rules_dir):
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except yaml.YAMLError as error:
            problems.append(Problem(path.name, f"invalid YAML: {error}"))
            continue
        rule, rule_problems = parse_rule(data, path.name)
        problems += rule_problems
        if rule is not None:
            if path.stem != rule.id:
                problems.append(Problem(path.name, f"file name must match the rule id {rule.id!r}"))
            rules.append(rule)
    if not rules and not problems:
        problems.append(Problem(str(rules_dir), "no rule files found"))
    return rules, problems


@cache
def load_rules() -> tuple[Rule, ...]:
    """The shipped rules, sorted by id. Raises KnowledgeBaseError if any file is malformed."""
    rules, problems = read_rules()
    if problems:
        raise KnowledgeBaseError(problems)
    return tuple(sorted(rules, key=lambda r: r.id))


@cache
def rules_by_id() -> Mapping[str, Rule]:
    """The shipped rules keyed by id (read-only)."""
    return MappingProxyType({rule.id: rule for rule in load_rules()})


@cache
def load_lexicon() -> Lexicon:
    """The query vocabulary in lexicon.yaml: word expansions and phrase meanings."""
    return read_lexicon(LEXICON_PATH)


def read_lexicon(path: Path) -> Lexicon:
    """Parse a lexicon file; YAML and pattern errors propagate (see checker.check_lexicon)."""
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    expansions = {str(k): tuple(str(v) for v in vs) for k, vs in data.get("expansions", {}).items()}
    phrases = [(str(item["pattern"]), str(item["means"]), item.get("not_when")) for item in data.get("phrases", [])]
    out_of_scope = [
        (str(item["topic"]), str(item["pattern"]), tuple(str(u) for u in item.get("unless", [])))
        for item in data.get("out_of_scope", [])
    ]
    return Lexicon(expansions, phrases, out_of_scope)


def _parse_verdict(value: Any) -> Verdict | None:
    try:
        return Verdict(value)
    except ValueError:
        return None


def _parse_citation(value: Any, where: str) -> tuple[Citation | None, list[Problem]]:
    if not isinstance(value, Mapping):
        return None, [Problem(where, "citation must be a mapping with document and page")]
    problems = []
    document, page, statute = value.get("document"), value.get("page"), value.get("statute")
    if not isinstance(document, str) or not document.strip():
        problems.append(Problem(where, "citation.document must be a non-empty string"))
    # bool is an int subclass; "page: yes" must not pass as page 1.
    if not isinstance(page, int) or isinstance(page, bool):
        problems.append(Problem(where, f"citation.page must be an integer, got {page!r}"))
    if statute is not None and not isinstance(statute, str):
        problems.append(Problem(where, "citation.statute must be a string or absent"))
    unknown = set(value) - {"document", "page", "statute"}
    problems += [Problem(where, f"unknown citation field {key!r}") for key in sorted(unknown)]
    if problems:
        return None, problems
    return Citation(document=document.strip(), page=page, statute=statute.strip() if statute else None), []


def _parse_exceptions(value: Any, where: str) -> tuple[tuple[RuleException, ...], list[Problem]]:
    """The optional `exceptions` list, each parsed by _parse_exception."""
    if value is None:
        return (), []
    if not isinstance(value, list):
        return (), [Problem(where, "exceptions must be a list")]
    parsed, problems = [], []
    for item in value:
        exception, item_problems = _parse_exception(item, where)
        problems += item_problems
        if exception is not None:
            parsed.append(exception)
    return tuple(parsed), problems


def _parse_exception(value: Any, where: str) -> tuple[RuleException | None, list[Problem]]:
    """One item of `exceptions`: verdict, summary, conditions, cues and requesters (regexes), and
    answers_when, negation_denies and information_first (booleans)."""
    if value is None:
        return None, []
    if not isinstance(value, Mapping):
        return None, [Problem(where, "exception must be a mapping")]
    problems = [
        Problem(where, f"unknown exception field {key!r}") for key in value if key not in _EXCEPTION_FIELDS
    ]
    verdict = _parse_verdict(value.get("verdict"))
    if verdict is None:
        problems.append(Problem(where, f"exception.verdict {value.get('verdict')!r} is not a verdict"))
    summary = value.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        problems.append(Problem(where, "exception.summary must be a non-empty string"))
    for key in ("conditions", "cues", "requesters"):
        items = value.get(key, [])
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            problems.append(Problem(where, f"exception.{key} must be a list of strings"))
    for key in ("answers_when", "negation_denies", "information_first"):
        if not isinstance(value.get(key, True), bool):
            problems.append(Problem(where, f"exception.{key} must be true or false"))
    if problems:
        return None, problems
    assert verdict is not None and isinstance(summary, str)
    return RuleException(
        verdict=verdict,
        summary=summary.strip(),
        conditions=_strings(value.get("conditions")),
        cues=_strings(value.get("cues")),
        requesters=_strings(value.get("requesters")),
        answers_when=value.get("answers_when", True),
        negation_denies=value.get("negation_denies", True),
        information_first=value.get("information_first", False),
    ), []


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v).strip() for v in (value or []) if str(v).strip())
