"""App Home view (pure: builds Block Kit JSON, does no I/O)."""

from __future__ import annotations


def home_view() -> dict:
    return {
        "type": "home",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "Social media policy assistant"}},
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": (
                        "Ask whether something is allowed under *CSSP Letter 16-04* (social media use by LCSAs) "
                        "and the *DCSS confidentiality brochure*. Every answer quotes the rule it relies on.\n\n"
                        "• `/policy can I friend the NCP on Facebook?`\n"
                        "• Mention me in a channel, or send me a direct message.\n"
                        "• `/policy list` shows the topics I cover."
                    ),
                },
            },
            {"type": "divider"},
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": "Please do not paste case numbers, SSNs or other case data into Slack.",
                    }
                ],
            },
        ],
    }
