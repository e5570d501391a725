"""Tokeniser adjustments that country matching needs.

spaCy splits a hyphen or slash between letters ("Russia-Ukraine" -> "Russia",
"-", "Ukraine") but not after an abbreviation's full stop, so "U.S.-China" or
"U.K./EU" stay one token and neither country is seen. One bounded infix rule
splits a hyphen or slash that follows a capital letter and a full stop.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

__all__ = ["split_abbreviation_compounds"]

ABBREVIATION_COMPOUND = r"(?<=[A-Z]\.)[-/](?=[A-Za-z])"


def split_abbreviation_compounds(nlp: Language) -> None:
    """Make ``nlp``'s tokeniser split "U.S.-China" into "U.S.", "-", "China"."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokeniser: left as it is
    current = getattr(tokenizer.infix_finditer, "__self__", None)  # the pipeline's own rules
    base = current.pattern if isinstance(current, re.Pattern) else None
    infixes = [base] if isinstance(base, str) else [str(p) for p in nlp.Defaults.infixes or []]
    tokenizer.infix_finditer = compile_infix_regex([*infixes, ABBREVIATION_COMPOUND]).finditer
