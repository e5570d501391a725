"""Who can act for a state: the word classes of ``data/actors.json``.

A private party (a company, students, farmers) makes no state event by itself; a
country that only tells where a place lies ("near the border with X") is no party.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from bilat.resources import load_json


@dataclass(frozen=True, slots=True)
class ActorWords:
    """The word classes of ``data/actors.json``: who can act for a state."""

    non_state_nouns: frozenset[str]
    collective_nouns: frozenset[str]
    non_state_types: frozenset[str]
    state_modifiers: frozenset[str]
    landmark_nouns: frozenset[str]
    landmark_prepositions: frozenset[str]
    nesting_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    travel_verbs: frozenset[str]
    nesting_on_trigger: frozenset[str]
    nesting_on_noun: frozenset[str]
    example_heads: frozenset[str]
    question_verbs: frozenset[str]


@cache
def actor_words() -> ActorWords:
    data = load_json("actors.json")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    return ActorWords(
        non_state_nouns=words("non_state_nouns"),
        collective_nouns=words("collective_nouns"),
        non_state_types=frozenset(str(w) for w in data["non_state_types"]),
        state_modifiers=words("state_modifiers"),
        landmark_nouns=words("landmark_nouns"),
        landmark_prepositions=words("landmark_prepositions"),
        nesting_prepositions=words("nesting_prepositions"),
        place_nouns=words("place_nouns"),
        travel_verbs=words("travel_verbs"),
        nesting_on_trigger=words("nesting_on_trigger"),
        nesting_on_noun=words("nesting_on_noun"),
        example_heads=words("example_heads"),
        question_verbs=words("question_verbs"),
    )


def in_landmark(tok: Token) -> bool:
    """The country word ``tok`` only tells where a place lies ("stationed near the
    border with Venezuela", "along the Cambodian border"): it hangs on a landmark
    noun that is itself the object of a preposition of nearness."""
    words = actor_words()
    if tok.dep_ == "pobj" and tok.head.lower_ in ("with", "of"):
        prep = tok.head
        noun = prep.head
        before = tok.doc[prep.i - 1] if prep.i > 0 else noun
        if before.lemma_.lower() in words.landmark_nouns:
            noun = before  # the parse hung "with X" on the verb: "visited a camp near the border"
    elif tok.dep_ in ("amod", "compound", "poss", "nmod"):
        noun = tok.head
    else:
        return False
    if noun.lemma_.lower() not in words.landmark_nouns or noun.dep_ != "pobj":
        return False
    prep = noun.head
    near = words.landmark_prepositions
    return prep.lower_ in near or (prep.lower_ == "to" and prep.head.lower_ in near)


def example_of_many(tok: Token) -> bool:
    """The country word ``tok`` is one example of many ("all countries, including
    Vietnam", "nations such as Ghana and Togo", "partners like Chile"): it hangs, itself
    or as a conjunct, on "including", "like" or "such as" under a plural noun of
    ``example_heads``, so the act is addressed to the many, not to it."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    marker = prep.lower_ in ("including", "like") or (
        prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
    )
    noun = prep.head
    return (marker and prep.dep_ == "prep" and noun.tag_ in ("NNS", "NNPS")
            and noun.lemma_.lower() in actor_words().example_heads)


def in_discussed_question(tok: Token) -> bool:
    """The country word ``tok`` is inside the question a verb of talking takes
    ("discussed how to help Sudan", "considered whether Sudan should join") or that
    follows "about" ("a question about how the US could help Sudan"): the clause opens
    with "how", "whether" or "what", so the country is what is talked about, not a party."""
    verbs = actor_words().question_verbs
    clause = tok.head
    for _ in range(6):
        if clause.head.i == clause.i:
            return False
        if clause.pos_ in ("VERB", "AUX") and clause.dep_ in ("ccomp", "xcomp", "pcomp") and any(
            c.lower_ in ("how", "whether", "what") and c.dep_ in ("advmod", "mark", "dobj")
            for c in clause.children
        ):
            if clause.dep_ == "pcomp":  # "a question about how the US could help X"
                return clause.head.lower_ in ("about", "on", "over", "regarding", "concerning")
            return clause.head.lemma_.lower() in verbs
        clause = clause.head
    return False


def envoy_post(doc: Doc, i: int, envoys: frozenset[str]) -> bool:
    """The country word at token ``i`` is where an envoy is posted ("the Italian
    ambassador to Brazil", "envoy to the United States"), however the parse hangs it:
    it stands for no party (RECORD.md: an ambassador acts for the country he represents).
    ``envoys``: the lemmas of the envoy nouns."""
    j = i - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 1 and doc[j].lower_ == "to" and doc[j - 1].lemma_.lower() in envoys
