"""Imports every table module so that `SQLModel.metadata` is complete (Alembic, tests)."""

from sqlmodel import SQLModel

from storage import leads, models, policy, reports  # noqa: F401

metadata = SQLModel.metadata
