"""A defect of a fact file, located as precisely as the parser allows (validate, yamlread)."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One defect of a fact file, located as precisely as the parser allows."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def said(self, lang: str) -> str:
        """The problem in the chosen language (its message is a messages.Message)."""
        from ..i18n import message

        return f"{self.where}: {message(self.message, lang)}"
