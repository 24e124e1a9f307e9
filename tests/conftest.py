"""Fixtures shared by the unit and build tests (helpers live in support.py, importable by name)."""

from support import problems_logged, project  # noqa: F401  (pytest finds fixtures by name)
