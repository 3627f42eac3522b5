"""Every Slack action_id, callback_id and block_id the bot uses, in one place.

Listeners, view builders and tests import these members, so a renamed ID cannot
silently break a button that is already posted in a channel.
"""

from enum import StrEnum


class Command(StrEnum):
    POLICY = "/policy"
    REPORT_POST = "/report-post"
    LOCATE = "/locate"


class ActionId(StrEnum):
    # policy answers
    POLICY_ASK_TEAM = "policy_ask_team"
    POLICY_HELPFUL = "policy_helpful"
    POLICY_NOT_HELPFUL = "policy_not_helpful"


class CallbackId(StrEnum):
    REPORT_POST_SHORTCUT = "report_post_for_removal"
