"""The input side: one document as read, with its metadata."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Document:
    """A document as read from disk or a JSON Lines record.

    ``text`` is the text exactly as read: every evidence offset points into it.
    """

    id: str
    text: str
    source: str = ""
    title: str | None = None
    published: str | None = None
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
