"""Which language a document is written in (py3langid, a maintained fork of langid.py
whose model ships inside the package: nothing is downloaded).

bilat's rules read English. A document recognised with confidence as written in
another language is skipped with a notice naming the language, instead of being
read as English and coded into nonsense.
"""

from __future__ import annotations

from functools import cache
from typing import Any

#: the first this many characters are enough to tell a language
_SAMPLE = 4000
#: below this many letters a text is too short to judge: it is read
_MIN_LETTERS = 200


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the language of ``text`` and the confidence (0-1)."""
    lang, prob = _identifier().classify(text[:_SAMPLE])
    return str(lang), float(prob)


def foreign_language(text: str, expected: str = "en", confidence: float = 0.9) -> str | None:
    """The language of ``text`` when it is, with at least ``confidence``, not
    ``expected``; None for a text in the expected language or too short to tell."""
    sample = text[:_SAMPLE]
    if sum(1 for c in sample if c.isalpha()) < _MIN_LETTERS:
        return None
    lang, prob = language_of(sample)
    return lang if lang != expected and prob >= confidence else None
