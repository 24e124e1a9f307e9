"""Content problems as values: collected, sorted, printed once."""

from __future__ import annotations

from dataclasses import dataclass

from .characters import printable


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the whole file is meant
    message: str
    hint: str = ""
    severity: str = "error"  # or "warning": allowed, probably not meant; it never stops a build

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def __str__(self) -> str:
        message = f"warning: {self.message}" if self.is_warning else self.message
        text = f"{self.path}:{self.line}: {message}" if self.line else f"{self.path}: {message}"
        # One printable line whatever a file's name or a quoted value holds: it reaches terminals and CI logs.
        return printable(f"{text}; {self.hint}" if self.hint else text)


def sort_problems(problems) -> list[Problem]:
    return sorted(set(problems))
