"""Country forms that are part of a larger proper name.

A country's name, capital or demonym is often a piece of the name of
something else: a sea or a river ("South China Sea", "Gulf of Guinea",
"Lake Chad"), a place of another country ("New Mexico", "Northern Ireland",
"Latin America"), a state of the same name ("Georgia Governor ..."), or a
person ("Michael Jordan", "Chad Smith"). Such a mention is not the country
acting. The decision rests on structure: the spaCy entity the form sits in and
the words beside it inside that entity, and the data file
``mention_context.json`` (geographic head nouns, titles of state officials).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from bilat.resources import load_json

__all__ = ["part_of_larger_name", "part_of_person_name"]

_PLACE_LABELS = ("GPE", "LOC", "FAC")
_CONNECTORS = frozenset({"of", "to", "for", "in", "from", "and", "'s"})


@dataclass(frozen=True, slots=True)
class _Words:
    feature_heads: frozenset[str]
    subnational_heads: frozenset[str]
    title_words: frozenset[str]  # heads, modifiers and honorifics of titles.json
    title_heads: frozenset[str]  # heads and honorifics only ("New" is a modifier)
    personal_honorifics: frozenset[str]  # "Ms", "Mr": a surname follows
    name_particles: frozenset[str]  # "de", "van", "bin": inside a person's name
    region_prefixes: frozenset[str]  # "Central", "Latin", "Inter": a region's adjective
    document_heads: frozenset[str]  # "Act", "Treaty", "agreements": a document a city names


@cache
def _words() -> _Words:
    data = load_json("mention_context.json")
    titles = load_json("titles.json")
    title_words = {w.lower() for key in ("heads", "modifiers", "honorifics") for w in titles[key]}
    return _Words(
        feature_heads=frozenset(w.lower() for w in data["feature_heads"]),
        subnational_heads=frozenset(w.lower() for w in data["subnational_heads"]),
        title_words=frozenset(title_words),
        title_heads=frozenset(
            w.lower() for key in ("heads", "honorifics") for w in titles[key]
        ),
        personal_honorifics=frozenset(w.lower() for w in data["personal_honorifics"]),
        name_particles=frozenset(
            w.lower() for w in titles["name_particles"] if " " not in w
        ),
        region_prefixes=frozenset(w.lower() for w in data["region_prefixes"]),
        document_heads=frozenset(w.lower() for w in data["document_heads"]),
    )


def names_a_document(doc: Doc, start: int, end: int) -> bool:
    """The place ``start:end`` names a treaty, accord or format: after a capitalised
    document noun and "of" ("the Act of Brasilia", "Treaty of Asuncion"), or right
    before a document noun ("the Minsk agreements", "the Jeddah platform")."""
    heads = _words().document_heads

    def head(tok: Token) -> bool:  # "the Lausanne and Paris treaties": plurals too
        return tok.lower_ in heads or tok.lemma_.lower() in heads

    if start >= 2 and doc[start - 1].lower_ == "of":
        noun = doc[start - 2]
        if noun.is_title and head(noun):
            return True
    return end < len(doc) and head(doc[end])


def part_of_larger_name(doc: Doc, span: Span, country_toks: set[int]) -> bool:
    """The country form ``span`` is a piece of the proper name of a sea or river,
    of another place, or of a same-named state (``country_toks``: the tokens of
    every country mention of ``doc``)."""
    return (
        _geographic_feature(doc, span)
        or _state_official(doc, span)
        or _inside_place_name(doc, span, country_toks)
        or _regional_adjective(doc, span, country_toks)
    )


def _regional_adjective(doc: Doc, span: Span, country_toks: set[int]) -> bool:
    """A demonym right after a capitalised region word, or after one and a hyphen:
    "Central American", "Latin American", "Inter-American" name a region."""
    if span.kb_id_ != "demonyms" or span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.text in ("-", "\u2010", "\u2011") and span.start >= 2:
        before = doc[span.start - 2]
    return (before.is_title and before.i not in country_toks
            and before.lower_ in _words().region_prefixes)


def named_as_person(doc: Doc, span: Span, country_toks: set[int]) -> bool:
    """The form is a surname after a courtesy word ("Ms Holland said", "Mr. Jordan"), or a
    capital after a name particle inside a name ("Rodrigo de Lima Baena Soares"),
    whatever the entity recogniser made of the name."""
    if span.start == 0:
        return False
    words = _words()
    before = doc[span.start - 1]
    if before.lower_.rstrip(".") in words.personal_honorifics and before.is_title:
        return True
    return (
        span.kb_id_ == "capitals" and span.start >= 2 and before.lower_ in words.name_particles
        and before.is_lower and _name_word(doc[span.start - 2], country_toks)
    )


def part_of_person_name(doc: Doc, span: Span, country_toks: set[int]) -> bool:
    """The form is a piece of a PERSON entity, next to another name word inside
    it ("Michael Jordan", "Chad Smith"); a title beside it ("Kenya President
    Ruto" taken as one entity) does not count."""
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end:
            if ent.end - ent.start <= span.end - span.start:
                return False
            before = doc[span.start - 1] if span.start > 0 else None
            if before is not None and not _name_word(before, country_toks) and (
                before.lower_ in _CONNECTORS
                or (before.lower_ in _words().title_words and span.start > ent.start)
            ):
                return False  # "Ambassador to Azerbaijan Seyid Abbas Mousavi"
            # (a title right before a name that starts with the form is the person's
            # title: "envoy Chad Morgan")
            neighbours = []
            if span.start > ent.start:
                neighbours.append(doc[span.start - 1])
            if span.end < ent.end:
                neighbours.append(doc[span.end])
            # a name made of two country words ("Georgia Jordan") is a name too
            return any(_name_word(t, country_toks) or (
                t.i in country_toks and t.is_alpha and t.is_title and ent.end - ent.start == 2
            ) for t in neighbours)
    return False


def _name_word(tok: Token, country_toks: set[int], place: bool = False) -> bool:
    """A capitalised word that is neither a title word nor a country mention
    (in a place name only title heads count as title words: "New Mexico")."""
    words = _words()
    return (
        tok.is_alpha
        and tok.is_title
        and tok.i not in country_toks
        and tok.lower_ not in (words.title_heads if place else words.title_words)
        and tok.lower_ != "the"
    )


def _geographic_feature(doc: Doc, span: Span) -> bool:
    """"X Sea", "X River"; "Lake X", "Mount X"; "Gulf of X", "Sea of the X"."""
    heads = _words().feature_heads

    def head(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_title and doc[i].lower_ in heads

    if head(span.end) or head(span.start - 1):
        return True
    j = span.start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 1 and doc[j].lower_ == "of" and head(j - 1)


def _state_official(doc: Doc, span: Span) -> bool:
    """A country NAME followed directly by a state official's title ("Georgia
    Governor Jane Doe"): the name of a same-named state. Not after "of" ("the
    Central Bank of Nigeria Governor") and not inside an organisation."""
    if span.kb_id_ != "names" or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    if not nxt.is_title or nxt.lower_ not in _words().subnational_heads:
        return False
    if span.start > 0 and doc[span.start - 1].lower_ == "of":
        return False
    return not any(
        ent.label_ == "ORG" and ent.start <= span.start and span.end <= ent.end
        for ent in doc.ents
    )


def _inside_place_name(doc: Doc, span: Span, country_toks: set[int]) -> bool:
    """Inside a longer place entity, after another name word ("New Mexico",
    "Northern Ireland", "Latin America"). A word after the form does not count:
    "the Kenya Embassy", "the Central Asia + China Summit" are the country's."""
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS:
            continue
        if not (ent.start <= span.start and span.end <= ent.end):
            continue
        return span.start > ent.start and _name_word(doc[span.start - 1], country_toks, True)
    return False
