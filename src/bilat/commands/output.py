"""Printing shared by the CLI commands (the library itself never prints)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text


def print_error(console: Console, message: object) -> None:
    """One ``error:`` line on ``console``: the message is not read as markup
    (a file may be called ``[draft].txt``) and is never wrapped."""
    console.print(
        Text.assemble(("error:", "red"), " ", str(message)), highlight=False, soft_wrap=True
    )


def print_note(console: Console, message: object) -> None:
    """One ``note:`` line on ``console`` (something the user should know that is
    no failure), printed like :func:`print_error`."""
    console.print(
        Text.assemble(("note:", "yellow"), " ", str(message)), highlight=False, soft_wrap=True
    )
