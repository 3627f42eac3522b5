"""Consistency checks for the knowledge base (backs `bot policies check`).

The bot's promise is that every answer quotes a real clause with a real citation, so these
checks treat a quote that is not verbatim in its source as a defect, not a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import yaml

from bot.policy.knowledge import LEXICON_PATH, RULES_DIR, read_lexicon, read_rules
from bot.policy.models import Problem, Rule, RuleException, Verdict
from bot.policy.precedents import PRECEDENTS_PATH, check_precedents, load_precedents
from bot.policy.sources import DOCUMENTS
from bot.policy.text import Lexicon, words

MAX_RELATED = 2
_RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# "FC § 17212", "22 CCR § 113100", "WIC § 11475.1"
STATUTE_PATTERN = re.compile(r"^(?:\d+ )?[A-Z]{2,5} § \d+(?:\.\d+)*$")
_SECTION_IN_TEXT = re.compile(r"§\s*(\d+(?:\.\d+)*)")


def check_knowledge_base(
    rules_dir: Path = RULES_DIR, lexicon_path: Path = LEXICON_PATH, precedents_path: Path = PRECEDENTS_PATH
) -> list[Problem]:
    """Every problem in the rule files, the lexicon and the precedents; an empty list means all is well."""
    rules, problems = read_rules(rules_dir)
    lexicon, lexicon_problems = _load_lexicon(lexicon_path)
    if lexicon is not None:
        lexicon_problems = _yields_to_unknown_meanings(rules, lexicon)
    return problems + check_rules(rules) + lexicon_problems + _precedent_problems(precedents_path, rules)


def _precedent_problems(path: Path, rules: Sequence[Rule]) -> list[Problem]:
    try:
        precedents = load_precedents(path)
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as error:
        return [Problem(path.name, f"cannot be read: {error}")]
    return check_precedents(precedents, rules)


def check_lexicon(path: Path = LEXICON_PATH) -> list[Problem]:
    """The lexicon must load: a broken pattern would otherwise only show when the bot starts."""
    return _load_lexicon(path)[1]


def _load_lexicon(path: Path) -> tuple[Lexicon | None, list[Problem]]:
    try:
        return read_lexicon(path), []
    except (yaml.YAMLError, re.error, KeyError, TypeError, AttributeError) as error:
        return None, [Problem(path.name, f"the lexicon does not load: {type(error).__name__}: {error}")]


def _yields_to_unknown_meanings(rules: Sequence[Rule], lexicon: Lexicon) -> list[Problem]:
    """A `yields_to` meaning no lexicon phrase produces would silently never apply."""
    produced = lexicon.meanings
    return [
        Problem(rule.id, f"yields_to {meaning!r}: no lexicon phrase means it")
        for rule in rules
        for meaning in rule.yields_to
        if not set(words(meaning)) <= produced
    ]


def check_rules(rules: Sequence[Rule]) -> list[Problem]:
    problems: list[Problem] = []
    counts = Counter(rule.id for rule in rules)
    problems += [Problem(rid, f"rule id used {n} times") for rid, n in sorted(counts.items()) if n > 1]
    known_ids = set(counts)
    for rule in rules:
        problems += _check_rule(rule, known_ids)
    problems += _override_cycles(rules)
    return problems


def _override_cycles(rules: Sequence[Rule]) -> list[Problem]:
    """Overrides must form no cycle, or ranking could not settle on a winner."""
    edges = {rule.id: set(rule.overrides) for rule in rules}
    problems = []
    for start in sorted(edges):
        seen, stack = set(), list(edges[start])
        while stack:
            current = stack.pop()
            if current == start:
                problems.append(Problem(start, "overrides lead back to this rule (cycle)"))
                break
            if current not in seen:
                seen.add(current)
                stack.extend(edges.get(current, ()))
    return problems


def _check_rule(rule: Rule, known_ids: set[str]) -> list[Problem]:
    found: list[str] = []
    if not _RULE_ID.match(rule.id):
        found.append("id must be lower-case words joined by hyphens")
    if not isinstance(rule.verdict, Verdict):
        found.append(f"verdict {rule.verdict!r} is not a Verdict")
    elif rule.verdict is Verdict.NOT_COVERED:
        found.append('"Not covered" is reserved for abstentions, not rules')
    elif rule.verdict.needs_conditions and not rule.conditions:
        found.append(f'verdict "{rule.verdict}" needs at least one condition')
    found += _citation_and_quote_problems(rule)
    if len(rule.related) > MAX_RELATED:
        found.append(f"at most {MAX_RELATED} related rules, got {len(rule.related)}")
    for other in rule.related:
        if other == rule.id:
            found.append("a rule cannot be related to itself")
        elif other not in known_ids:
            found.append(f"related rule {other!r} does not exist")
    if rule.grounded_in is not None and (rule.grounded_in == rule.id or rule.grounded_in not in known_ids):
        found.append(f"grounded_in rule {rule.grounded_in!r} does not exist or is the rule itself")
    for other in rule.overrides:
        if other == rule.id or other not in known_ids:
            found.append(f"overridden rule {other!r} does not exist or is the rule itself")
    if rule.overrides and not rule.cues:
        found.append("a rule with overrides needs cues, which are what trigger the override")
    if not rule.examples:
        found.append("needs at least one example question")
    found += [_cue_problem(cue) for cue in rule.cues if _cue_problem(cue)]
    found += _exception_problems(rule)
    return [Problem(rule.id, message) for message in found]


def _exception_problems(rule: Rule) -> list[str]:
    """An exception must change the verdict, state its conditions and have valid cue patterns."""
    found: list[str] = []
    for exception in rule.exceptions:
        found += _one_exception_problems(rule, exception)
    return found


def _one_exception_problems(rule: Rule, exception: RuleException) -> list[str]:
    found: list[str] = []
    if exception.verdict in (rule.verdict, Verdict.NOT_COVERED, Verdict.INFORMATION):
        found.append(f'exception verdict "{exception.verdict}" must be a different, real verdict')
    if not exception.conditions:
        found.append("an exception needs at least one condition")
    for kind, patterns in (("cue", exception.cues), ("requester", exception.requesters)):
        for cue in patterns:
            try:
                pattern = re.compile(cue)
            except re.error as error:
                found.append(f"exception {kind} {cue!r} is not a valid regular expression: {error}")
                continue
            if pattern.search(""):
                found.append(f"exception {kind} {cue!r} matches an empty question")
    return found


def _cue_problem(cue: str) -> str:
    """A cue must keep all its words; "who ask" silently shrinking to "who" fires everywhere."""
    typed = cue.split()
    kept = words(cue)
    if not kept:
        return f"cue {cue!r} has no searchable words"
    if len(kept) < len(typed):
        return f"cue {cue!r} loses stop words and would match more than intended"
    return ""


def _citation_and_quote_problems(rule: Rule) -> list[str]:
    citation = rule.citation
    document = DOCUMENTS.get(citation.document)
    if document is None:
        known = ", ".join(f'"{name}"' for name in DOCUMENTS)
        return [f"unknown document {citation.document!r} (known: {known})"]
    found: list[str] = []
    if not 1 <= citation.page <= document.page_count:
        found.append(f"page {citation.page} is outside {document.name} (1-{document.page_count})")
    span = document.find_quote(rule.quote)
    if span is None:
        found.append(f"quote is not verbatim in {document.name}")
    elif span[0] != citation.page:
        found.append(f"quote starts on page {span[0]}, citation says page {citation.page}")
    found += _statute_problems(rule)
    return found


def _statute_problems(rule: Rule) -> list[str]:
    statute = rule.citation.statute
    sections_in_quote = set(_SECTION_IN_TEXT.findall(rule.quote))
    if statute is None:
        if sections_in_quote:
            return [f"quote names § {', '.join(sorted(sections_in_quote))} but citation has no statute"]
        return []
    if not STATUTE_PATTERN.match(statute):
        return [f'statute {statute!r} is not like "FC § 17212" or "22 CCR § 113100"']
    cited_section = _SECTION_IN_TEXT.search(statute)
    if cited_section and cited_section.group(1) not in sections_in_quote:
        return [f"statute {statute!r} is not named in the quoted clause"]
    return []
