"""The input side: one document as read, with its metadata."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Document:
    """A document as read from disk or a JSON Lines record.

    ``text`` is the text exactly as read: every evidence offset points into it.

    ``id`` is the short id of the record contract (a file's name without its
    last extension, a JSON Lines record's own ``id``): it is shown to users and
    written as the record's ``doc``, and it may repeat across folders. ``key``
    is the document's identity, which does not repeat by accident: the source
    URL of an HTML page when the page names one, else the file's path relative
    to the folder given (``a/index.html``), for JSON Lines the file and the
    record's id (``feeds/wire.jsonl#42``). A store keeps one document per key.
    """

    id: str
    text: str
    source: str = ""
    title: str | None = None
    published: str | None = None
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    key: str = ""

    @property
    def identity(self) -> str:
        """The key, or the short id for a document made without one."""
        return self.key or self.id
