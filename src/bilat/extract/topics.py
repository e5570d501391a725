"""Topics of an event, from the keyword lists in ``data/topics.json``."""

from __future__ import annotations

import re
from functools import cache

from bilat.record import TOPICS
from bilat.resources import load_json


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load_json("topics.json")
    out: dict[str, re.Pattern[str]] = {}
    for topic in TOPICS:
        words = data.get(topic, [])
        alts = []
        for w in sorted(words, key=len, reverse=True):
            if w.endswith("*"):
                alts.append(re.escape(w[:-1]) + r"[a-z]{0,20}")
            else:
                alts.append(re.escape(w))
        if alts:
            out[topic] = re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE)
    return out


def topics_of(text: str) -> set[str]:
    """The topics whose keywords occur in ``text``."""
    found: set[str] = set()
    for topic, pattern in _patterns().items():
        m = pattern.search(text)
        if m is None:
            continue
        short_lower = m.group().islower() and len(m.group()) <= 3
        # "un", "eu", "cis" count only as upper-case acronyms
        if topic == "multilateral" and short_lower and not any(
            x.group().isupper() for x in pattern.finditer(text)
        ):
            continue
        found.add(topic)
    return found


@cache
def topics_by_type() -> dict[str, frozenset[str]]:
    """Topics an event of a type has by its definition (``by_type`` in topics.json)."""
    table = load_json("topics.json").get("by_type", {})
    return {str(t): frozenset(str(x) for x in v if x in TOPICS) for t, v in table.items()}
