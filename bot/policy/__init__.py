"""Policy-answer engine: cited verdicts from CSSP Letter 16-04 and the DCSS confidentiality
brochure, or an honest "Not covered". Pure domain code; no Slack I/O.

    from bot.policy import answer, render_text
    print(render_text(answer("can I DM the NCP on Facebook?")))
"""

from bot.policy.answer import answer, default_index, warm_policy_engine
from bot.policy.checker import check_knowledge_base, check_rules
from bot.policy.evaluation import EvalCase, EvalMiss, EvalReport, evaluate, format_report, load_eval_cases
from bot.policy.knowledge import load_rules, rules_by_id
from bot.policy.models import AbstainReason, Citation, PolicyAnswer, Problem, Rule, Verdict
from bot.policy.render import help_text, render_text, topics_text

__all__ = [
    "AbstainReason",
    "Citation",
    "EvalCase",
    "EvalMiss",
    "EvalReport",
    "PolicyAnswer",
    "Problem",
    "Rule",
    "Verdict",
    "answer",
    "check_knowledge_base",
    "check_rules",
    "default_index",
    "evaluate",
    "format_report",
    "help_text",
    "load_eval_cases",
    "load_rules",
    "render_text",
    "rules_by_id",
    "topics_text",
    "warm_policy_engine",
]
