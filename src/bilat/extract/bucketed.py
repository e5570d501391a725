"""Token patterns matched only where their first word occurs.

spaCy's ``Matcher`` starts every pattern at every token of a text, so its time grows
with the number of patterns times the number of tokens; with a few hundred trigger
patterns that was most of the matching time. Most trigger patterns begin with one
given lemma or lower-case form. :class:`BucketedMatcher` keeps one small ``Matcher``
per such first word (and one for the patterns that can begin anywhere) and, for a
text, runs only the matchers whose first word the text contains.

The matches are the ones the single ``Matcher`` holding every pattern finds: a
pattern that begins with a word can match only where that word is. Their order
differs; callers that resolve overlaps in match order (``filter_spans`` keeps the
first of two identical spans) get the matches sorted by start, end and the order
in which the patterns were added, which is the single matcher's order for two
patterns of fixed length that match the same tokens. When two patterns with an
operator (``?``, ``*`` ...) match the same tokens their order may depend on the
matcher's state machine, so the text is then matched again with the single matcher.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

Match = tuple[int, int, int]


class BucketedMatcher:
    """Patterns grouped by the lemma or form their first token must have."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._by_attr: dict[int, dict[int, Matcher]] = {LEMMA: {}, LOWER: {}}
        self._anywhere = Matcher(vocab)
        self._rank: dict[int, int] = {}
        self._has_op: set[int] = set()

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one token pattern (already validated elsewhere) under ``key``."""
        key_id = self.vocab.strings.add(key)
        self._rank.setdefault(key_id, len(self._rank))
        if any("OP" in tok for tok in pattern):
            self._has_op.add(key_id)
        self._matcher_for(pattern).add(key, [pattern])

    def _matcher_for(self, pattern: list[dict[str, Any]]) -> Matcher:
        first = pattern[0] if pattern else {}
        if "OP" not in first:
            for attr, name in ((LEMMA, "LEMMA"), (LOWER, "LOWER")):
                value = first.get(name)
                if isinstance(value, str):
                    bucket = self._by_attr[attr]
                    value_id = self.vocab.strings.add(value)
                    if value_id not in bucket:
                        bucket[value_id] = Matcher(self.vocab)
                    return bucket[value_id]
        return self._anywhere

    def __call__(self, doc: Doc, fallback: Callable[[Doc], list[Match]]) -> list[Match]:
        """``(key, start, end)`` of every match in ``doc``, sorted by start, end and
        pattern order; ``fallback`` (the single matcher) decides when two patterns
        with operators match the same tokens."""
        found: set[Match] = set()
        if len(self._anywhere):
            found.update(self._anywhere(doc))
        for attr, bucket in self._by_attr.items():
            if not bucket:
                continue
            for value in set(doc.to_array(attr).tolist()):
                matcher = bucket.get(value)
                if matcher is not None:
                    found.update(matcher(doc))
        rank = self._rank
        out = sorted(found, key=lambda m: (m[1], m[2], rank[m[0]]))
        for a, b in pairwise(out):
            if a[1:] == b[1:] and (a[0] in self._has_op or b[0] in self._has_op):
                return fallback(doc)
        return out
