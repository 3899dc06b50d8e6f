"""Errors a user sees as one line: the file and what is wrong with it."""

from __future__ import annotations


class ZhengceError(Exception):
    """A document could not be processed; str() is the one-line message for the user."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class ReadError(ZhengceError):
    """The file could not be read as a policy document (empty, binary, encrypted, truncated...)."""
