"""Reading submitted modal state into plain values (shared by every feature's modals)."""

from __future__ import annotations

from datetime import date
from typing import Any


def read_state(view: dict[str, Any]) -> dict[str, Any]:
    """block_id → the value of its (single) input: str, date, list[str] or None."""
    values: dict[str, Any] = {}
    for block_id, actions in ((view.get("state") or {}).get("values") or {}).items():
        for element in actions.values():
            values[block_id] = _value(element)
    return values


def _value(element: dict[str, Any]) -> Any:
    kind = element.get("type")
    if kind in {"static_select", "radio_buttons", "external_select"}:
        option = element.get("selected_option")
        return option.get("value") if option else None
    if kind == "checkboxes":
        return [o.get("value") for o in element.get("selected_options") or []]
    if kind == "datepicker":
        raw = element.get("selected_date")
        try:
            return date.fromisoformat(raw) if raw else None
        except ValueError:
            return None
    return element.get("value")
