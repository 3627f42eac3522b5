"""A str enum whose members carry a display label: ``NAME = "stored value", "Label shown in Slack"``.

The value is what the database and Slack payloads hold; the label is only ever shown to people,
so it can be reworded without a migration.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledStrEnum(StrEnum):
    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member
