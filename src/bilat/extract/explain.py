"""Why extraction decided what it did on a piece of text: the trigger patterns that
matched (with their ids), what the dependency frames did to them, and the events
and facts that came out. ``bilat explain "TEXT"`` prints it."""

from __future__ import annotations

from typing import Any

from bilat.document import Document
from bilat.extract import Extractor
from bilat.extract.components import PLANNED, SUPPRESSED, TRIGGERS


def explain(extractor: Extractor, text: str, published: str | None = None) -> dict[str, Any]:
    """The triggers kept (text, type, strength, pattern id, planned), those a frame
    dropped (with the frame's id), and the record of ``text`` as one document."""
    doc = extractor.nlp(text)
    planned = {(s.start, s.end) for s in doc.spans.get(PLANNED, [])}
    record = extractor.extract_one(Document("explain", text, published=published))
    return {
        "triggers": [
            {"text": s.text, "label": s.label_, "strength": s.kb_id_, "pattern": s.id_,
             "planned": (s.start, s.end) in planned, "start": s.start_char, "end": s.end_char}
            for s in doc.spans.get(TRIGGERS, [])
        ],
        "suppressed": [
            {"text": s.text, "label": s.label_, "frame": s.id_, "start": s.start_char,
             "end": s.end_char}
            for s in doc.spans.get(SUPPRESSED, [])
        ],
        "record": record.to_dict(),
    }
