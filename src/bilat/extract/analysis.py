"""Sentence analysis: what a parsed block says, in plain data.

Turns a processed spaCy ``Doc`` of one text block into a list of
:class:`Sentence` objects with document-level character offsets: country
mentions (with their role), event triggers, dates, people with titles, and
tense cues. Everything downstream (events, facts) works on these objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from bilat.extract.actors import example_of_many, in_discussed_question, in_landmark
from bilat.extract.amounts import find_amounts
from bilat.extract.components import COUNTRIES, HOSTED, NON_STATE, PLANNED, TRIGGERS
from bilat.extract.mentions import (
    named_as_person,
    names_a_document,
    part_of_larger_name,
    part_of_person_name,
)
from bilat.extract.patterns import lexicon, lexicon_map, trigger_index
from bilat.gazetteer import load_cities, load_regions
from bilat.resources import load_json
from bilat.timex import DateMention, find_dates

_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is expected to|are expected to|is to|are to|to be held|to be signed"
    r"|is expected in|are expected in"
    r"|scheduled|is due|are due|due in|due to|planned|plans to|plan to|upcoming|forthcoming"
    r"|next (?:week|month|year)|intends? to|is set to|are set to|preparing to|expected to"
    r"|significance of|importance of|preparations? for|postponed|rescheduled|put off|delayed"
    r"|this (?:fall|autumn|spring|summer|winter))\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"^\s*(?:Earlier|Previously|Before that|In (?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December) \d{4}|In \d{4}|Last (?:year|month|week))\b"
    r"|\b(?:since|back in|date back)\b"
    r"|\b(?:recalled|recalling|recalls|reminded|reminding) that\b",  # an earlier act retold
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TitleLexicon:
    heads: frozenset[str]
    modifiers: frozenset[str]
    connectors: frozenset[str]
    honorifics: frozenset[str]
    non_actor_heads: frozenset[str]
    not_person_before: frozenset[str]
    place_prepositions: frozenset[str]
    offices: frozenset[str]
    particles: frozenset[str] = frozenset()
    reporter_heads: frozenset[str] = frozenset()
    spokesperson_heads: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    group_verbs: frozenset[str] = frozenset()
    depiction_nouns: frozenset[str] = frozenset()
    non_actor_modifiers: frozenset[str] = frozenset()
    non_actor_suffixes: frozenset[str] = frozenset()

    def honorific_at(self, doc: Doc, i: int, limit: int | None = None) -> int:
        """Tokens of the honorific opening at token ``i`` ("Datuk Seri", "Mr."), or 0;
        never past token ``limit``."""
        hi = len(doc) if limit is None else min(limit, len(doc))
        for n in (3, 2, 1):
            if i >= 0 and i + n <= hi and doc[i : i + n].text in self.honorifics:
                return n
        return 0

    def courtesy_at(self, doc: Doc, i: int, limit: int | None = None) -> int:
        """Like :meth:`honorific_at`, for honorifics that are no office ("Dr.",
        "Datuk Seri", not "President")."""
        n = self.honorific_at(doc, i, limit)
        return n if n and doc[i].lower_ not in self.heads else 0


@cache
def title_lexicon() -> TitleLexicon:
    data = load_json("titles.json")
    return TitleLexicon(
        heads=frozenset(w.lower() for w in data["heads"]),
        modifiers=frozenset(w.lower() for w in data["modifiers"]),
        connectors=frozenset(w.lower() for w in data["connectors"]),
        honorifics=frozenset(data["honorifics"]),
        non_actor_heads=frozenset(w.lower() for w in data["non_actor_heads"]),
        not_person_before=frozenset(w.lower() for w in data["name_followers_not_person"]),
        place_prepositions=frozenset(w.lower() for w in data["place_prepositions"]),
        offices=frozenset(w.lower() for w in data.get("offices", [])),
        particles=frozenset(data.get("name_particles", [])),
        reporter_heads=frozenset(w.lower() for w in data.get("reporter_heads", [])),
        spokesperson_heads=frozenset(w.lower() for w in data.get("spokesperson_heads", [])),
        group_nouns=frozenset(w.lower() for w in data.get("group_nouns", [])),
        group_verbs=frozenset(w.lower() for w in data.get("group_verbs", [])),
        depiction_nouns=frozenset(w.lower() for w in data.get("depiction_nouns", [])),
        non_actor_modifiers=frozenset(
            w.lower() for w in data.get("non_actor_modifiers", [])),
        non_actor_suffixes=frozenset(
            w.lower() for w in data.get("non_actor_suffixes", [])),
    )


@dataclass(slots=True)
class Mention:
    """A country mention. ``role`` is ``actor``, ``target`` (after "to"),
    ``nonactor`` (a demonym naming a department, a sea ...), ``landmark`` (a place
    told by the country it borders: "near the border with X"), ``topic``,
    ``location`` or ``dateline``."""

    iso3: str
    kind: str
    start: int
    end: int
    tok: int
    text: str
    role: str = "actor"


@dataclass(slots=True)
class Person:
    name: str
    start: int
    end: int
    tok: int
    title: str | None = None
    country: str | None = None
    title_tokens: tuple[int, int] | None = None


@dataclass(slots=True)
class Trigger:
    type: str
    mode: str | None
    strong: bool
    start: int
    end: int
    tok: int
    text: str
    anaphoric: bool = False
    clause_background: bool = False
    planned: bool = False  # a frame of the parse says it is announced ("will sign")
    pattern: str = ""  # the id of the trigger pattern that matched
    solo_label: str | None = None  # the type when one country does it alone
    parse_only: bool = False  # counts only when the parse gives it both parties
    hosted: bool = False  # what a kept invitation or agreement plans ("invited X to visit")


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    story: int
    block: int
    span: Span
    offset: int
    mentions: list[Mention] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    background: bool = False
    non_state: int = 0  # international bodies named (EU, UN ...)

    def tokens(self, start: int, end: int) -> Span | None:
        """The tokens of the document text ``start``-``end`` (offsets in the whole
        text, as mentions, people and triggers carry them)."""
        return self.span.doc.char_span(start - self.offset, end - self.offset,
                                       alignment_mode="expand")

    def future_near(self, tok: int, window: int = 10, skip: frozenset[int] = frozenset()) -> bool:
        """A future-tense cue in the clause around token ``tok``, not counting the tokens
        ``skip`` (what another event nested in its arguments says of itself)."""
        span = self.span
        doc = span.doc
        lo = max(span.start, tok - window)
        hi = min(span.end, tok + window)
        # stay inside the clause: stop at ';' and at sentence-internal "while"
        for i in range(tok - 1, lo - 1, -1):
            if doc[i].text in (";",) or doc[i].lower_ in ("while", "whereas"):
                lo = i + 1
                break
        for i in range(tok + 1, hi):
            if doc[i].text in (";",) or doc[i].lower_ in (
                "while", "whereas", "which", "whereby", "under", "that", "who"
            ):
                hi = i
                break
        words = (t.text for t in doc[lo:hi] if t.i not in skip)
        text = " ".join(words) if skip else doc[lo:hi].text
        return bool(_FUTURE.search(text))

    def char(self, tok: int) -> int:
        return self.offset + self.span.doc[tok].idx

    def countries(self) -> list[str]:
        seen: list[str] = []
        for m in self.mentions:
            if m.role in ("actor", "target") and m.iso3 not in seen:
                seen.append(m.iso3)
        return seen


#: dependencies that open a clause of its own
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis", "xcomp"})
_MAX_CLAUSE_CLIMB = 40  # steps from a token up to its sentence's root


def in_clause_of(tok: Token, top: Token) -> bool:
    """``tok`` stands in the clause ``top`` heads, no other clause between them."""
    for _ in range(_MAX_CLAUSE_CLIMB):
        if tok.i == top.i:
            return True
        if tok.dep_ in CLAUSE_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def analyse(doc: Doc, offset: int, story: int, block: int, dateline_end: int) -> list[Sentence]:
    """Sentences of one processed block, with document-level offsets."""
    sentences: list[Sentence] = []
    mentions = _mentions(doc, offset, dateline_end)
    triggers = _triggers(doc, offset)
    # the dateline names a place and an agency, never a person ("Lima, Apr 8 (Andina)")
    persons = [p for p in _persons(doc, offset, mentions) if p.start >= dateline_end]
    for sent in doc.sents:
        s = Sentence(
            start=offset + sent.start_char,
            end=offset + sent.end_char,
            text=sent.text,
            story=story,
            block=block,
            span=sent,
            offset=offset,
        )
        s.mentions = [m for m in mentions if sent.start <= m.tok < sent.end]
        s.triggers = [t for t in triggers if sent.start <= t.tok < sent.end]
        s.persons = [p for p in persons if sent.start <= p.tok < sent.end]
        s.dates = [
            DateMention(
                d.start + s.start, d.end + s.start, d.kind, d.year, d.month, d.day,
                d.weekday, d.rel, d.unit, d.count,
            )
            for d in find_dates(sent.text)
        ]
        s.background = bool(_BACKGROUND.search(sent.text))
        s.non_state = sum(
            1 for sp in doc.spans.get(NON_STATE, []) if sent.start <= sp.start < sent.end
        )
        sentences.append(s)
    return sentences


def _mentions(doc: Doc, offset: int, dateline_end: int) -> list[Mention]:
    lex = title_lexicon()
    out: list[Mention] = []
    country_toks = {i for sp in doc.spans.get(COUNTRIES, []) for i in range(sp.start, sp.end)}
    io_toks = {i for sp in doc.spans.get(NON_STATE, []) for i in range(sp.start, sp.end)}
    #: nouns an international body's name qualifies ("the IMF managing director", "the UN
    #: envoy"): an office of that body, whatever the nationality of who holds it
    io_heads = {t.head.i for t in doc if t.i in io_toks and t.dep_ in _IO_PARTS
                and t.head.i not in io_toks}
    for span in doc.spans.get(COUNTRIES, []):
        start = offset + span.start_char
        role = "actor"
        if start < dateline_end:
            role = "dateline"
        else:
            nxt = doc[span.end] if span.end < len(doc) else None
            prev = doc[span.start - 1] if span.start > 0 else None
            if span.kb_id_ == "demonyms" and nxt is not None:
                two = f"{nxt.lower_} {doc[span.end + 1].lower_}" if span.end + 1 < len(doc) else ""
                if nxt.lower_ in lex.non_actor_heads or two in lex.non_actor_heads:
                    role = "nonactor"
            if (prev is not None and prev.lower_ in lex.non_actor_modifiers) or (
                prev is not None and prev.text == "-" and span.start > 1
                and doc[span.start - 2].lower_ in lex.non_actor_modifiers
            ):
                role = "nonactor"  # "anti-American", "ethnic Albanians": no state acting
            if nxt is not None and nxt.text == "-" and span.end + 1 < len(doc) and (
                doc[span.end + 1].lower_ in lex.non_actor_suffixes
            ):
                role = "nonactor"  # "the Iran-backed militia", "US-made missiles"
            if prev is not None and prev.lower_ == "to" and role == "actor":
                role = "target"
            if role == "actor":
                role = _context_role(doc, span.start, span.end, span.kb_id_)
            if role == "actor" and _country_of_a_place(doc, span.start, span.end):
                role = "location"  # "held in Medellin, Colombia": where, not who
            if role == "actor" and span.kb_id_ == "capitals" and names_a_meeting(span.root):
                role = "location"  # "the Doha talks": where they met, not a party
            if span.kb_id_ == "capitals" and names_a_document(doc, span.start, span.end):
                role = "nonactor"  # "the Act of Brasilia", "the Minsk agreements"
            if role in ("actor", "target") and doc.has_annotation("DEP") and in_landmark(
                span.root
            ):
                role = "landmark"  # "near the border with X": where, not who
            if role in ("actor", "target") and doc.has_annotation("DEP") and example_of_many(
                span.root
            ):
                role = "nonactor"  # "all countries, including X": the many, not X
            elif role in ("actor", "target") and doc.has_annotation("DEP") and (
                in_discussed_question(span.root)
            ):
                role = "topic"  # "discussed how to help X": what is talked about
            if role in ("actor", "target") and doc.has_annotation("DEP") and (
                _in_international_office(span.root, io_heads)
            ):
                role = "nonactor"  # "the IMF chief, a Bulgarian national": no state acts
            if _inside_person(doc, span, country_toks) or named_as_person(doc, span, country_toks):
                role = "nonactor"  # "Victoria Nuland", "Douglas Hurd", "Chad Smith"
            elif part_of_larger_name(doc, span, country_toks):
                role = "nonactor"  # "South China Sea", "New Mexico", "Georgia Governor"
        out.append(
            Mention(span.label_, span.kb_id_, start, offset + span.end_char, span.start,
                    span.text, role)
        )
    out.extend(_city_mentions(doc, offset, dateline_end, country_toks))
    taken = country_toks | {i for m in out if m.kind == "cities"
                            for i in range(m.tok, m.tok + len(m.text.split()))}
    out.extend(_region_mentions(doc, offset, dateline_end, taken))
    return out


@cache
def _meeting_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in load_json("places.json")["event_nouns"])


def city_after_venue(tok: Token) -> bool:
    """"at State House, Entebbe": the word set off by a comma after a place a
    preposition names, in apposition to it (the city the venue is in)."""
    return tok.dep_ == "appos" and tok.head.dep_ == "pobj" and tok.i > 0 and (
        tok.doc[tok.i - 1].text == ",")


def names_a_meeting(tok: Token) -> bool:
    """"the Doha talks", "the Lima summit": a lone capital or city right before the
    meeting noun it modifies, read off the parse (not "the Washington-Moscow talks")."""
    doc = tok.doc
    head = tok.head
    return (tok.dep_ == "compound" and head.i == tok.i + 1 and head.lower_ in _meeting_nouns()
            and tok.i > 0 and doc[tok.i - 1].lower_ == "the")


def _city_mentions(
    doc: Doc, offset: int, dateline_end: int, country_toks: set[int]
) -> list[Mention]:
    """Cities of ``cities.json`` that the model reads as places ("an attack on Odesa",
    "a visit to Shanghai", "landed in Karachi"): their country, as a place or as the
    other party after "to", never as an actor by themselves."""
    cities = load_cities()
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or ent.text not in cities:
            continue
        if any(i in country_toks for i in range(ent.start, ent.end)):
            continue
        start = offset + ent.start_char
        if start < dateline_end:
            continue
        out.append(Mention(cities[ent.text], "cities", start, offset + ent.end_char, ent.start,
                           ent.text, _city_role(doc, ent.start, ent.end)))
    taken = {m.tok for m in out}
    for tok in doc:
        # a one-word city the model did not read as a place ("a missile attack on Odesa",
        # "drones struck Kharkiv"): only a proper noun that is the object of a verb or a
        # preposition (or the city after a venue's name), and no part of a longer name
        if (tok.i in taken or tok.i in country_toks or tok.pos_ != "PROPN"
                or tok.text not in cities or not (
                    tok.dep_ in ("pobj", "dobj") or city_after_venue(tok))
                or tok.ent_type_ not in ("", "PERSON", "GPE", "LOC")
                or (tok.ent_type_ and (tok.ent_iob_ != "B" or (
                    tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I")))
                or any(c.dep_ in ("compound", "poss", "flat") for c in tok.children)):
            continue
        start = offset + tok.idx
        if start < dateline_end:
            continue
        role = _city_role(doc, tok.i, tok.i + 1)
        out.append(Mention(cities[tok.text], "cities", start, start + len(tok.text), tok.i,
                           tok.text, role))
    return out


def _region_mentions(doc: Doc, offset: int, dateline_end: int, taken: set[int]) -> list[Mention]:
    """Provinces, states and regions of ``regions.json`` ("shelled villages in Kunar
    province", "flood victims in Khyber Pakhtunkhwa"): their country, as a place or as the
    other party after "to", like a city. A name counts only as a whole proper name, and only
    where the text says it is a region's: a subdivision noun after it ("Borno State") or
    before it ("the province of Balochistan"), or the model reads it as a place of its own
    (a GPE entity that is the name, with or without that noun)."""
    regions = load_regions()
    ents = {(ent.start, ent.end) for ent in doc.ents if ent.label_ == "GPE"}
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not tok.text[:1].isupper() or i in taken or tok.text not in regions.firsts:
            i += 1
            continue
        found = 0
        for n in range(min(regions.longest, len(doc) - i), 0, -1):
            if doc[i : i + n].text in regions.names and not any(
                j in taken for j in range(i, i + n)
            ):
                found = n
                break
        if not found:
            i += 1
            continue
        end = i + found
        prev = doc[i - 1] if i > 0 else None
        nxt = doc[end] if end < len(doc) else None
        head_after = nxt is not None and nxt.lower_ in regions.heads
        head_before = (prev is not None and prev.lower_ == "of" and i > 1
                       and doc[i - 2].lower_ in regions.heads)
        whole = ((prev is None or not _name_part(prev))
                 and (nxt is None or head_after or not _name_part(nxt)))
        entity = (i, end) in ents or (head_after and (i, end + 1) in ents)
        start = offset + tok.idx
        if whole and (head_after or head_before or entity) and start >= dateline_end:
            after = end + 1 if head_after else end
            role = _city_role(doc, i, end)
            if after < len(doc) and doc[after].lower_ in title_lexicon().heads:
                role = "nonactor"  # "Marsabit County Governor": an office of the region
            out.append(Mention(regions.names[doc[i:end].text], "regions", start,
                               offset + doc[end - 1].idx + len(doc[end - 1].text), i,
                               doc[i:end].text, role))
        i = end
    return out


_IO_PARTS = frozenset({"compound", "nmod", "poss"})
_MAX_OFFICE_CLIMB = 6


def _in_international_office(tok: Token, io_heads: set[int]) -> bool:
    """The country word stands inside the phrase of an international body's office, in the
    same clause ("the IMF managing director, a Bulgarian national"; "the UN envoy for Yemen,
    a Swedish diplomat"; "an IMF loan to Pakistan"): the body acts, not that country."""
    for _ in range(_MAX_OFFICE_CLIMB):
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX") or tok.dep_ in CLAUSE_DEPS:
            return False
        tok = tok.head
        if tok.i in io_heads:
            return True
    return False


def _name_part(tok: Token) -> bool:
    """A capitalised proper noun: a word of a longer name ("Great Lakes", "Rivers Hotel")."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


#: regnal numbers after a name ("Abdullah II", "Mohammed VI"); never a lone "I", "V" or "X"
_REGNAL = re.compile(r"(?:I{2,3}|IV|VI{0,3}|IX|XI{1,3})")
_NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr"})
#: entity types of the model that no word of a person's name has
_NOT_NAME_ENTS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "DATE", "TIME", "EVENT",
                            "PRODUCT", "LAW", "WORK_OF_ART", "CARDINAL", "ORDINAL"})

_PLACE_OR_TIME_ENTS = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME"})

_TOPIC_BEFORE = frozenset({"on", "about", "regarding", "over", "concerning", "against"})
_SITUATION = frozenset({"situation", "crisis", "war", "conflict", "developments", "events",
                        "settlement", "elections", "program", "programme", "issue", "question"})
#: "the previous round", "the fifth session": another event of a series, not the one told
_NEW_EVENT_WORDS = frozenset({"next", "upcoming", "forthcoming", "first", "second", "new",
                              "another", "previous", "preceding", "earlier", "past", "third",
                              "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})
_SKIPPABLE = frozenset({"the", "a", "an", "latest", "recent", "current", "ongoing", "new",
                        "alleged", "so-called", "continued", "renewed"})
_CURRENCY_AFTER = frozenset({"dollar", "dollars", "$", "cents"})


@cache
def _currency_nouns() -> frozenset[str]:
    """Words of money after a demonym ("Ugandan shillings", "Tunisian dinars"): the
    currency families of ``units.json`` and the last words of CLDR's currency names."""
    units = load_json("units.json")
    words = {w.lower() for forms in units["currency_families"].values() for w in forms
             if " " not in w and w.isalpha()}
    words |= {name.split()[-1].lower() for name in units["cldr_currency_words"]}
    # (words that are more often something else after a demonym: "the Brazilian won")
    words -= {w.lower() for w in units["cldr_not_words"]} | {"gold", "won", "sh"}
    return frozenset(_CURRENCY_AFTER | words)


def _city_role(doc: Doc, start: int, end: int) -> str:
    """A city is the other party after "to" ("a visit to Shanghai"), else a place."""
    if names_a_document(doc, start, end):
        return "nonactor"
    if _names_a_subdivision(doc, start, end):
        return "nonactor"  # "the districts of Rasht": a district's name, of no known country
    if start > 0 and doc[start - 1].lower_ == "to":
        return "target"
    role = _context_role(doc, start, end, "capitals")
    return "location" if role == "actor" else role


def _names_a_subdivision(doc: Doc, start: int, end: int) -> bool:
    """A city name beside a district noun (lexicon district_nouns): a district's name."""
    nouns = lexicon("district_nouns")
    if end < len(doc) and doc[end].lower_ in nouns:
        return True
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in nouns


def _country_of_a_place(doc: Doc, start: int, end: int) -> bool:
    """The mention ``start:end`` follows a place and a comma and ends its phrase, and the
    place is where something is ("in Medellin, Colombia, in June", "at Aqaba, Jordan."):
    it says whose the place is (not "after a meeting in Sochi, U.S. envoys said")."""
    if start < 2 or doc[start - 1].text != "," or (
        end < len(doc) and not (doc[end].is_punct or doc[end].pos_ == "ADP")
    ):
        return False
    place = next((e for e in doc.ents if e.end == start - 1 and e.label_ in ("GPE", "LOC", "FAC")),
                 None)
    return place is not None and _context_role(doc, place.start, place.end, "capitals") == (
        "location"
    )


def _inside_person(doc: Doc, span: Span, country_toks: set[int]) -> bool:
    """The mention is part of a longer PERSON entity: any capital ("Victoria
    Nuland"), a country name next to another name word ("Michael Jordan")."""
    if span.kb_id_ == "capitals":
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end:
                return ent.end - ent.start > span.end - span.start
            if ent.label_ == "PERSON" and ent.start == span.end and (
                span.start == 0 or doc[span.start - 1].pos_ not in ("ADP", "PROPN")
            ):
                return True  # "Santiago Pena Palacios": a first name the model left out
            if (ent.label_ in ("PERSON", "ORG") and ent.start == span.start
                    and ent.end > span.end and doc[span.end].pos_ == "PROPN"
                    and (ent.label_ == "PERSON" or ent.root.dep_ == "appos")):
                # the model's "her counterpart, Santiago Pena Palacios" (ORG): a longer
                # name; not "Baghdad University", an institution of the capital's country
                return True
        return False
    return span.kb_id_ == "names" and part_of_person_name(doc, span, country_toks)


def _context_role(doc: Doc, start: int, end: int, kind: str) -> str:
    """``topic`` for a country talked about ("talks on Iran", "the situation in
    Ukraine"), ``location`` for "in Brussels", ``nonactor`` for "US dollars"."""
    nxt = doc[end].lower_ if end < len(doc) else ""
    nxt2 = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    money = _currency_nouns()
    if nxt in money or (nxt == "-" and nxt2 in money):
        return "nonactor"
    j = start - 1
    while j >= 0 and start - j <= 3 and doc[j].lower_ in _SKIPPABLE:
        j -= 1
    prev = doc[j].lower_ if j >= 0 else ""
    if prev in _TOPIC_BEFORE:
        return "topic"
    if prev in ("in", "at"):
        before = doc[j - 1].lower_ if j >= 1 else ""
        if before in _SITUATION:
            return "topic"
        post = doc[j - 1] if j >= 1 else None
        if kind == "capitals" and post is not None and post.lemma_.lower() in lexicon(
            "mission_nouns"
        ) and not any(c.dep_ in ("poss", "amod", "compound") for c in post.lefts):
            # "opened an embassy in Tehran": the host of the post (not "the British
            # embassy in Tehran", where protesters gather)
            return "target"
        return "location"
    return "actor"


_QUOTES = frozenset({'"', "'", "\u201c", "\u201d", "\u00ab", "\u00bb"})
_TITLE_FILLERS = frozenset({"the", "of", "and", "a", "an", "in", "on", "for", "to", "with", "at"})


def _in_quoted_title(doc: Doc, span: Span) -> bool:
    """The trigger stands in a short quoted name whose words are capitalised ("the
    festival "Plovdiv Meets the World"", "the exhibition 'Where Cultures Meet'"), not at
    the head of its sentence: a title, not an act."""
    sent = span.sent
    if span.start == sent.start or not span[0].is_title:
        return False
    left = next((i for i in range(span.start - 1, max(sent.start, span.start - 8) - 1, -1)
                 if doc[i].text in _QUOTES), None)
    right = next((i for i in range(span.end, min(sent.end, span.end + 8))
                  if doc[i].text in _QUOTES), None)
    if left is None or right is None:
        return False
    words = [t for t in doc[left + 1 : right] if t.is_alpha]
    return bool(words) and all(t.is_title or t.lower_ in _TITLE_FILLERS for t in words)


def _asked_of(verb: Token, call: Token, through_conj: bool = False) -> bool:
    """The infinitive ``verb`` hangs below the verb ``call`` on the parse, not through
    another verb joined to it ("called on the minister and later went to the ceremony to
    present her credentials": the credentials hang on "went"); ``through_conj``: only
    through such a verb."""
    tok = verb
    joined = False
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        joined = joined or tok.dep_ == "conj"
        tok = tok.head
        if tok.i == call.i:
            return joined if through_conj else not joined
    return False


def _triggers(doc: Doc, offset: int) -> list[Trigger]:
    out: list[Trigger] = []
    planned = {(sp.start, sp.end) for sp in doc.spans.get(PLANNED, [])}
    hosted = {(sp.start, sp.end) for sp in doc.spans.get(HOSTED, [])}
    patterns = trigger_index()
    for span in doc.spans.get(TRIGGERS, []):
        etype, _, mode = span.label_.partition(":")
        prev = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
        pattern = patterns.get(span.id_)
        anaphoric = (pattern is not None and pattern.continues) or (
            bool(prev) and prev[-1] in ("the", "this", "that", "these", "its", "their")
            and span[0].lower_ not in _NEW_EVENT_WORDS
        )
        window = {t.lower_ for t in doc[max(0, span.start - 8) : span.start]}
        clause_background = bool(window & {"since", "earlier", "previously"}) or (
            span[0].lower_ in ("previous", "preceding", "earlier", "past")  # "the previous round"
        )
        if span.kb_id_ == "amount" and not _aid_amount(span):
            continue
        if _in_quoted_title(doc, span):
            continue  # the festival "Plovdiv Meets the World": a name, no act
        if etype == "RETREAT" and _new_goods_handed(span):
            etype = "AID"  # "handed over 40 patrol boats": given, not given back
        weak = span.kb_id_ in ("weak", "parse")
        if weak and etype in ("REQUEST", "CONSULT", "AGREE") and _firm(doc, span, etype):
            weak = False
        if etype == "CONSULT" and mode == "meeting":
            # "held phone talks", "a video meeting": the medium word inside the phrase
            mode = next((_media()[t.lower_] for t in span if t.lower_ in _media()), mode)
        calls_for = etype == "REQUEST" and span.text.lower().startswith("call") and any(
            t.lower_ == "for" for t in span)  # "called for the release of ...": a demand
        if calls_for and not any(c.start >= span.sent.start and c.end <= span.sent.end
                                 for c in doc.spans.get(COUNTRIES, [])):
            continue  # "had called for a 'no' vote": a call that names no country
        if etype == "REQUEST" and span.text.lower().startswith("call") and not calls_for:
            # (the asked act may follow an apposition: "calls on the Russian Federation, as
            # the state exercising control over the region, to release the detainees")
            # ("... to the ceremony to present her credentials": the infinitive of
            # another verb)
            rest = doc[span.end : min(span.sent.end, span.end + 40)]
            if not any(
                t.lower_ == "to" and i + 1 < len(rest) and rest[i + 1].tag_ in ("VB", "VBP")
                and (i < 14 or _asked_of(rest[i + 1], span.root))
                and not _asked_of(rest[i + 1], span.root, through_conj=True)
                for i, t in enumerate(rest)
            ):
                etype, mode = "CONSULT", "meeting"  # "called on the Prime Minister"
        out.append(
            Trigger(etype, mode or None, not weak, offset + span.start_char,
                    offset + span.end_char, span.start, span.text, anaphoric, clause_background,
                    # "will remain closed": a state that goes on, not an act to come
                    planned=(span.start, span.end) in planned
                    and not any(t.lemma_ in ("remain", "stay", "keep") for t in span),
                    pattern=span.id_,
                    solo_label=pattern.solo_label if pattern else None,
                    parse_only=span.kb_id_ == "parse",
                    hosted=(span.start, span.end) in hosted)
        )
    return out


@cache
def _media() -> dict[str, str]:
    """Word -> CONSULT mode, from ``consult_media`` in patterns/lexicons.json."""
    return {w: mode for mode, words in lexicon_map("consult_media").items() for w in words}


@cache
def _lexicon_pattern(name: str, whole_words: bool) -> re.Pattern[str]:
    """The words of lexicon ``name`` as one case-blind pattern: word starts ("donat"
    for donated, donations) or, with ``whole_words``, whole words only."""
    words = sorted(lexicon(name), key=len, reverse=True)
    end = r"\b" if whole_words else ""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")" + end,
                      re.IGNORECASE)


def _aid_cues() -> re.Pattern[str]:
    return _lexicon_pattern("aid_cues", whole_words=False)


def _aid_amount(span: Span) -> bool:
    """A giving verb that counts as aid: beside an amount in a sentence that speaks of
    aid ("handed over 12,000 tonnes of relief goods"), or a granting verb with a sum
    of money and no word of trade ("Australia provided A$20 million to Vanuatu")."""
    text = span.sent.text
    if _goods_counted(span) and not _trade_cues().search(text):
        return True  # "handed over 50 police vehicles", "sent twenty tonnes of rice"
    amounts = find_amounts(text)
    if not amounts:
        return False
    if _mentions_aid(text):
        return True
    if span.root.lemma_.lower() == "hand" and _goods_counted(span, one=True) and any(
        not a.physical for a in amounts
    ) and not _trade_cues().search(text):
        return True  # "handed over a field hospital worth $1.2 million to X"
    return (span.root.lemma_.lower() in lexicon("grant_verbs")
            and any(not a.physical for a in amounts) and not _trade_cues().search(text))


#: verbs whose counted object is given, not sold ("handed over", "airlifted")
_GIVING_VERBS = frozenset({"hand", "give", "send", "donate", "provide", "airlift", "fly"})


def _goods_counted(span: Span, one: bool = False) -> bool:
    """The giving verb's object is goods told by number or measure ("40 patrol boats",
    "200 tonnes of fertiliser", "twenty tonnes of food"), not troops, weapons or people
    (``non_goods_nouns`` in patterns/lexicons.json); with ``one``, also a single new
    thing ("a patrol vessel")."""
    verb = span.root
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _GIVING_VERBS:
        return False  # (goods delivered or shipped in numbers are as often sold)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] + [
        p for c in verb.children if c.lower_ in ("in", "over") and c.dep_ != "prep"
        for p in c.children if p.dep_ == "pobj"]  # "flew in twelve tonnes of water"
    if any(c.dep_ == "prt" and c.lower_ not in ("over", "in") for c in verb.children):
        return False  # "gave up 3.86 points"
    not_goods = frozenset(lexicon("non_goods_nouns"))
    counted = False
    for obj in objects:
        heads = [obj] + [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"]
        if any(t.lemma_.lower() in not_goods for h in heads for t in (h, *h.conjuncts)):
            return False
        counted = counted or any(
            c.dep_ == "nummod" or (c.dep_ in ("quantmod", "amod") and c.like_num)
            or (one and c.dep_ == "det" and c.lower_ in ("a", "an"))
            for c in obj.children)
    return counted


def _new_goods_handed(span: Span) -> bool:
    """"handed over 40 patrol boats to X", "handed over a patrol vessel": new things
    counted, with no definite article, possessor or participle (not "the two seized
    boats", "its trawlers", "the vessel") are a gift, not a return."""
    if span.root.lemma_.lower() not in ("hand", "give") or not _goods_counted(span, one=True):
        return False
    objects = [c for c in span.root.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(objects) and not any(
        (c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an"))
        or (c.tag_ == "VBN" and c.dep_ == "amod")  # "the seized boats"
        for o in objects for c in o.children
    ) and not _trade_cues().search(span.sent.text)


def _trade_cues() -> re.Pattern[str]:
    return _lexicon_pattern("trade_cues", whole_words=True)


def _mentions_aid(text: str) -> bool:
    """Words of giving: aid, donations, relief goods (``aid_cues`` in patterns/lexicons.json)."""
    return bool(_aid_cues().search(text))


def _firm(doc: Doc, span: Span, etype: str) -> bool:
    """A weak trigger made firm by its context: "asked X to ...", "the next
    (full) session", "agreed ... to"."""
    after = doc[span.end : min(len(doc), span.end + 10)]
    before = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
    if etype == "REQUEST":
        return any(t.lower_ == "to" and i + 1 < len(after) and after[i + 1].is_alpha
                   for i, t in enumerate(after))
    if etype == "CONSULT":
        return "next" in before
    if etype == "AGREE":
        return any(t.lower_ in ("to", "on", "that") for t in after[:6])
    return False


def _is_title_word(tok: Token, lex: TitleLexicon) -> bool:
    low = tok.lower_
    return low in lex.heads or low in lex.modifiers


def _title_before(
    doc: Doc, start: int, country_toks: set[int], end: int | None = None
) -> tuple[int, int] | None:
    """Token range of the title standing right before a name, if any: "Foreign
    Minister Dr. NAME" (a courtesy honorific between is skipped) or, for a name set
    off by commas ("Ireland's deputy prime minister, NAME, ..."), before the comma."""
    lex = title_lexicon()
    for _ in range(3):  # "Ambassador His Excellency Madam NAME"
        for j in range(max(0, start - 3), start):
            if lex.courtesy_at(doc, j, start) == start - j:
                start = j
                break
        else:
            break
    if end is not None and start > 1 and doc[start - 1].text == "," and _closed(doc, end):
        start -= 1  # an appositive name: the title stands before its comma
    if start > 2 and doc[start - 1].text == ")":
        for j in range(start - 2, max(0, start - 7), -1):
            if doc[j].text == "(":
                start = j  # "MEA Secretary (East) NAME": the title before the parenthesis
                break
    i = start - 1
    first = start
    has_head = False
    steps = 0
    while i >= 0 and steps < 16:
        tok = doc[i]
        low = tok.lower_
        if tok.is_space or "\n" in tok.text:
            break
        if low in lex.heads:
            has_head = True
            first = i
        elif low in lex.modifiers or i in country_toks or (low in lex.offices and tok.is_title):
            first = i  # an office inside a title ("Sovereignty Council chairman")
        elif has_head and tok.pos_ == "ADJ" and tok.is_lower:
            first = i  # "political analyst", "senior adviser"
        elif tok.text == "-" and tok.whitespace_ and i > 0 and doc[i - 1].whitespace_:
            break  # a dash between spaces ends a dateline ("BAKU - Azerbaijani Minister")
        elif low in lex.connectors or tok.text in ("'s", "’s"):
            pass
        elif tok.is_title and tok.is_alpha and has_head is False and i == start - 1:
            break
        elif tok.is_title and tok.is_alpha and i > 0 and (
            doc[i - 1].lower_ in lex.connectors or _is_title_word(doc[i - 1], lex)
            or (i - 1) in country_toks
            # two capitalised words ("... Affairs and Regional Integration of ...")
            or (i > 1 and doc[i - 1].is_title and doc[i - 1].is_alpha
                and doc[i - 2].lower_ in lex.connectors)
        ):
            first = i  # capitalised words inside a title ("Eastern Europe Division")
        else:
            break
        i -= 1
        steps += 1
    if not has_head:
        return None
    while first < start and doc[first].lower_ in lex.connectors:
        first += 1
    j = first - 1 if first > 0 and doc[first - 1].lower_ != "the" else first - 2
    if j >= 0 and doc[j].lower_ == "between":
        # "a meeting between the Ambassador and Economy Minister NAME": two parties
        ands = [k for k in range(first, start) if doc[k].lower_ == "and"]
        if ands:
            first = ands[-1] + 1
    return (first, start) if first < start else None


def _title_after(doc: Doc, end: int, country_toks: set[int]) -> tuple[int, int] | None:
    """Token range of an appositive title: "NAME, the Chinese Ambassador to Nigeria"."""
    lex = title_lexicon()
    if end >= len(doc) or doc[end].text != ",":
        return None
    i = end + 1
    first = i
    if i < len(doc) and doc[i].pos_ in ("CCONJ", "SCONJ"):
        return None  # "NAME, and the Albanian Prime Minister, NAME2"
    if i < len(doc) and doc[i].lower_ in ("the", "a", "an"):
        i += 1
        first = i
    has_head = False
    last = i
    steps = 0
    while i < len(doc) and steps < 16:
        tok = doc[i]
        low = tok.lower_
        if low in lex.heads:
            has_head = True
            last = i + 1
        elif low in lex.modifiers or i in country_toks:
            last = i + 1
        elif low in lex.connectors or tok.text in ("'s", "’s") or (tok.is_title and tok.is_alpha):
            pass
        elif not has_head and tok.pos_ == "ADJ" and tok.is_lower:
            pass  # "a political analyst"
        elif has_head and tok.text == "(" and _past_parenthesis(doc, i) > i:
            i = _past_parenthesis(doc, i)  # "Director General (Asia)"
            steps += 1
            continue
        elif has_head and tok.text == "," and _office_follows(doc, i + 1, lex):
            pass  # "Director General, Ministry of Foreign Affairs of Peru"
        else:
            break
        i += 1
        steps += 1
    if not has_head or last <= first:
        return None
    if last < len(doc) and doc[last].ent_type_ == "PERSON" and doc[last].is_title:
        return None  # "Meeting NAME, Armenian Prime Minister NAME2 said": NAME2's title
    return first, last


def _office_follows(doc: Doc, i: int, lex: TitleLexicon) -> bool:
    """An office ("Ministry", "the Department") opens at token ``i``."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    return i < len(doc) and doc[i].lower_ in lex.offices and doc[i].is_title


def _clean_name(span: Span, lex: TitleLexicon, country_toks: set[int]) -> tuple[int, int]:
    """Trim honorifics, title words and countries off the edges of a PERSON span."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e:
        n = lex.honorific_at(doc, s, e)
        if n:
            s += n
        elif (doc[s].lower_ in lex.heads or doc[s].lower_ in lex.modifiers
              or s in country_toks or doc[s].lower_ in lex.connectors):
            s += 1
        else:
            break
    while e > s and (doc[e - 1].text in ("'s", "’s", ",", ".") or doc[e - 1].is_punct):
        e -= 1
    return s, e


#: one word in mixed case that ends in two or more capitals ("BelTA", "KazTAG"): the
#: short name of an agency or firm, never a person's ("McDonald", "DeSantis" are)
_ACRONYM_TAIL = re.compile(r"[A-Z][a-z]+[A-Z]{2,}")


def _persons(doc: Doc, offset: int, mentions: list[Mention]) -> list[Person]:
    lex = title_lexicon()
    country_toks: set[int] = set()
    for m in mentions:
        if m.role == "nonactor" and m.kind == "capitals":
            continue  # part of a name ("Victoria Nuland")
        span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        if span is not None:
            country_toks.update(range(span.start, span.end))
    trigger_toks = {i for sp in doc.spans.get(TRIGGERS, []) for i in range(sp.start, sp.end)}
    bodies = {i for sp in doc.spans.get(NON_STATE, []) for i in range(sp.start, sp.end)}
    token_country: dict[int, str] = {}
    for m in mentions:
        if m.role in ("actor", "target"):
            span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
            if span is not None:
                token_country.update(dict.fromkeys(range(span.start, span.end), m.iso3))
    out: list[Person] = []
    seen: set[int] = set()
    candidates: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        s, e = _clean_name(ent, lex, country_toks)
        candidates.append((s, e))
    # names the model missed, right after a title head ("... of Mongolia N.Enkhtaivan")
    for i, tok in enumerate(doc[:-1]):
        after_head = tok.lower_ in lex.heads or ((
            (i in country_toks and i + 1 not in country_toks) or tok.lower_ in lex.offices
            # "Minister for Trade NAME", "Secretary of Commerce NAME"
            or (tok.lower_ in lex.modifiers and tok.is_title and i > 0
                and doc[i - 1].lower_ in ("for", "of"))
        ) and any(t.lower_ in lex.heads for t in doc[max(0, i - 10) : i]))
        if not after_head:
            continue
        j = _past_parenthesis(doc, i + 1)  # "Secretary (East) NAME"
        # "the Foreign Minister of Slovenia, NAME, ...": an appositive name
        appositive = j < len(doc) and doc[j].text == ","
        j += appositive
        for _ in range(3):  # "Foreign Minister Dr. NAME", "His Excellency Madam NAME"
            j += lex.courtesy_at(doc, j)
        k = j
        while k < len(doc) and k - j < 5 and (
            (doc[k].is_title and not doc[k].is_stop and k not in country_toks
             and doc[k].lower_ not in lex.heads and doc[k].lower_ not in lex.modifiers
             and not (appositive and doc[k].ent_type_ in _PLACE_OR_TIME_ENTS))
            or (doc[k].text == "-" and k > j and k + 1 < len(doc) and doc[k + 1].is_title
                and not doc[k].whitespace_ and not doc[k - 1].whitespace_)
            or (k > j and _REGNAL.fullmatch(doc[k].text) is not None)
        ):
            k += 1
        if appositive and not _closed(doc, k):
            continue  # no name set off by commas
        if k > j and (k - j >= 2 or "." in doc[j].text[1:-1]) and not any(
            s <= j < e for s, e in candidates
        ):
            candidates.append((j, k))
    # names the model missed, right before an appositive title ("NAME, Bhutan's Minister of")
    for i, tok in enumerate(doc):
        if tok.text != "," or i == 0 or _title_after(doc, i, country_toks) is None:
            continue
        k = i
        j = i
        while j > 0 and k - j < 5 and (
            _name_word(doc[j - 1], country_toks, lex, allow_org=True)
            or (doc[j - 1].is_upper and len(doc[j - 1]) == 1)  # "D N Dhungyel"
        ):
            j -= 1
        if k - j >= 2 and not any(s <= j < e or s < k <= e for s, e in candidates):
            candidates.append((j, k))
    places: set[int] = set()
    for s, e in _merge_touching(sorted(_extend(doc, s, e, country_toks, lex)
                                       for s, e in candidates)):
        if e <= s or s in seen:
            continue
        if e - s == 1 and _in_place_list(doc, s, country_toks, places):
            places.add(s)
            continue  # "in Baku, Fuzuli, and Shusha"
        if s > 0 and doc[s - 1].lower_ in lex.place_prepositions:
            continue  # "near Kara-Bulak", "in Kulaura": places the model took for people
        if any(t in country_toks for t in range(s, e)):
            continue
        words = [t for t in doc[s:e] if t.is_alpha or "." in t.text or "-" in t.text]
        if not words or not any(t.text[:1].isupper() for t in words):
            continue
        if e - s == 1 and _ACRONYM_TAIL.fullmatch(doc[s].text):
            continue  # "BelTA has learned", "told KazTAG": an agency, no person
        if all(t.lower_ in lex.heads or t.lower_ in lex.modifiers or t.lower_ in
               lex.connectors for t in doc[s:e]):
            continue
        if e < len(doc) and doc[e].lower_ in lex.not_person_before:
            continue  # "the Kalapani region", "the Akorda press service"
        if doc[e - 1].lower_ in lex.offices or doc[e - 1].lower_ in lex.group_nouns or any(
            t in bodies for t in range(s, e)
        ):
            continue  # a body, not a person ("the Sovereignty Council", "the United Nations")
        if _names_a_thing(doc, e, trigger_toks) or _depicted(doc, s, e, lex):
            continue  # "the Biden administration", "an effigy of President X"
        if e - s == 1 and e < len(doc) and doc[e].is_lower and doc[e].is_alpha and (
            e + 1 < len(doc) and doc[e + 1].lower_ in lex.not_person_before
        ):
            continue
        seen.update(range(s, e))
        name = doc[s:e].text.strip()
        person = Person(name, offset + doc[s].idx, offset + doc[e - 1].idx + len(doc[e - 1]), s)
        rng = _title_before(doc, s, country_toks, e)
        after = _title_after(doc, e, country_toks)
        if after and (rng is None or after[1] - after[0] > rng[1] - rng[0]):
            rng_country = rng
            rng = after
        else:
            rng_country = after
        if rng:
            person.title = doc[rng[0]:rng[1]].text.strip(" ,")
            person.title_tokens = rng
        if person.title and has_head(person.title, lex.reporter_heads):
            continue  # a correspondent or an analyst tells the news, takes no part in it
        person.country = _title_country(mentions, doc, offset, rng) or _title_country(
            mentions, doc, offset, rng_country
        ) or _name_of_country(doc, e, mentions, offset) or (
            token_country.get(s - 2) if s > 1 and doc[s - 1].text in ("'s", "’s") else None
        ) or _group_country(
            doc, s, e, token_country, lex, rng[0] if rng and rng[1] == s else None
        ) or _escort_country(doc, e, out, offset, lex) or (
            _speaks_for(doc, s, e, token_country) if person.title else None
        )
        out.append(person)
    return out


def _speaks_for(doc: Doc, s: int, e: int, token_country: dict[int, str]) -> str | None:
    """"New Zealand will provide $6.5 million, Foreign Minister W. P. announced": an
    official who tells what a country will do, in a clause whose subject is that
    country, speaks for it."""
    root = doc[s:e].root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ not in lexicon("reporting_verbs"):
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        found = {token_country[t.i] for c in subjects for t in c.subtree if t.i in token_country}
        if len(found) == 1:
            return found.pop()
    return None


def _merge_touching(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One name from pieces the model split ("Seyid" + "Abbas Mousavi")."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and out[-1][1] == s and e > s:
            out[-1] = (out[-1][0], e)
        elif out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _in_place_list(doc: Doc, s: int, country_toks: set[int], places: set[int]) -> bool:
    """A single word listed after a place: "in Baku, Fuzuli, and Shusha"."""
    j = s - 1
    saw_separator = False
    while j >= 0 and doc[j].text in (",", "and", "or"):
        saw_separator = True
        j -= 1
    if not saw_separator or j < 0:
        return False
    return j in country_toks or j in places or doc[j].ent_type_ in ("GPE", "LOC", "FAC")


def _extend(
    doc: Doc, s: int, e: int, country_toks: set[int], lex: TitleLexicon
) -> tuple[int, int]:
    """Grow a name over parts the model left out: a capitalised word right
    before it ("Seyid" Abbas Mousavi) and hyphenated parts (Park Jae"-hoon")."""
    while s > 0 and e - s < 5:
        tok = doc[s - 1]
        if (tok.is_title and tok.is_alpha and not tok.is_stop and (s - 1) not in country_toks
                and tok.lower_ not in lex.heads and tok.lower_ not in lex.modifiers
                and tok.text not in lex.honorifics
                and tok.ent_type_ not in ("GPE", "NORP", "DATE", "CARDINAL", "LOC")
                and s - 2 >= 0 and (doc[s - 2].lower_ in lex.heads or (s - 2) in country_toks)):
            s -= 1
        elif (_name_word(tok, country_toks, lex) and tok.dep_ == "compound"
              and s <= tok.head.i < e and tok.whitespace_
              and not any(lex.honorific_at(doc, j, s) == s - j for j in range(s - 3, s))):
            s -= 1  # a name word the parse joins to the name ("Do" Hung Viet)
        else:
            break
    while e + 1 < len(doc) and doc[e].text == "-" and not doc[e - 1].whitespace_ and (
        not doc[e].whitespace_ and doc[e + 1].is_alpha
    ):
        e += 2
    # the rest of a name the model cut: words the parse makes part of it ("Yoon Suk"
    # + "Yeol", compounds of the next word), particles ("bin", "van der") before a name
    # word, a regnal number or "Jr."
    while s < e < len(doc) and e - s < _MAX_NAME_TOKENS:
        tok = doc[e]
        if _REGNAL.fullmatch(tok.text) or tok.text in _NAME_SUFFIXES:
            e += 1
            break
        if (tok.text in lex.particles and e + 1 < len(doc)
                and _name_word(doc[e + 1], country_toks, lex)):
            e += 2
        elif (_name_word(tok, country_toks, lex) and doc[e - 1].dep_ == "compound"
              and doc[e - 1].head.i >= e and doc[e - 1].whitespace_):
            e += 1
        else:
            break
    return s, e


_MAX_NAME_TOKENS = 8


def _depicted(doc: Doc, s: int, e: int, lex: TitleLexicon) -> bool:
    """The person is what a thing shows or honours ("an effigy of Chinese President X",
    "the mausoleum of X"), read from the parse: the name hangs on "of" after such a noun."""
    root = doc[e - 1]
    for _ in range(3):
        if not s <= root.head.i < e:
            break
        root = root.head
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.i == root.i:
        return False
    noun = prep.head
    return noun.lemma_.lower() in lex.depiction_nouns or noun.lower_ in lex.depiction_nouns


def _names_a_thing(doc: Doc, e: int, trigger_toks: set[int]) -> bool:
    """The name only qualifies a common noun right after it ("the Biden administration",
    "the Ho Chi Minh memorial complex"): the parse makes its last word a modifier of a
    lower-case noun that is no event word ("the Putin-Xi meeting" still names people)."""
    last = doc[e - 1]
    head = last.head
    return (last.dep_ in ("compound", "amod", "nmod") and e <= head.i < e + 3
            and head.pos_ == "NOUN" and head.is_lower and head.i not in trigger_toks
            and all(t.is_lower or t.is_punct for t in doc[e : head.i]))


def _name_word(
    tok: Token, country_toks: set[int], lex: TitleLexicon, allow_org: bool = False
) -> bool:
    """A capitalised proper noun that may belong to a person's name (``allow_org``: also
    a word the model read as part of an organisation's name)."""
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha
            and tok.i not in country_toks and tok.lower_ not in lex.heads
            and tok.lower_ not in lex.modifiers and tok.text not in lex.honorifics
            and tok.lower_ not in lex.offices and tok.lower_ not in lex.connectors
            and (tok.ent_type_ not in _NOT_NAME_ENTS or (allow_org and tok.ent_type_ == "ORG"))
            and "\n" not in tok.text)


def _past_parenthesis(doc: Doc, i: int) -> int:
    """The token after a short parenthesis opening at ``i`` ("Secretary (East) NAME"), else i."""
    if i < len(doc) and doc[i].text == "(":
        for j in range(i + 1, min(len(doc), i + 6)):
            if doc[j].text == ")":
                return j + 1
    return i


def _closed(doc: Doc, end: int) -> bool:
    """A name set off after a title ends here: a comma or stop, or its verb follows when
    the writer left the closing comma out ("the Deputy Minister, NAME co-chaired ...")."""
    return end >= len(doc) or doc[end].text in (",", ".", ";") or (
        doc[end].pos_ in ("VERB", "AUX") and doc[end].is_lower
    )


def has_head(title: str, heads: frozenset[str]) -> bool:
    """The title contains one of ``heads`` as whole words ("Foreign Ministry spokesman")."""
    words = f" {' '.join(re.findall(r'[a-z]+', title.lower()[:300]))} "
    return any(f" {h} " in words for h in heads)


def _group_country(
    doc: Doc, s: int, e: int, token_country: dict[int, str], lex: TitleLexicon,
    title_start: int | None = None,
) -> str | None:
    """The country of the body a person leads or speaks for, read from the parse: "the
    Polish delegation led by NAME", "the Lithuanian side was represented by NAME", "a
    delegation of Russia's parliament headed by Speaker NAME" (when the parse hangs the
    name elsewhere, the participle right before "by" and the title still tell)."""
    b = title_start if title_start is not None else s
    if b > 1 and doc[b - 1].lower_ == "by" and doc[b - 2].tag_ == "VBN" and (
        doc[b - 2].lemma_.lower() in lex.group_verbs
    ):
        verb = doc[b - 2]
        if verb.dep_ == "acl":
            noun = verb.head
            for _ in range(3):  # "the delegation of Russia's State Duma headed by"
                found = _country_of_group(noun, token_country, lex, back=False)
                if found:
                    return found
                if noun.dep_ != "pobj" or noun.head.head.i == noun.head.i:
                    break
                noun = noun.head.head
    tok = doc[e - 1]
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return None
        if s <= head.i < e or head.pos_ == "ADP":
            tok = head
            continue
        if head.lemma_.lower() in lex.group_nouns and head.pos_ in ("NOUN", "PROPN"):
            return _country_of_group(head, token_country, lex)
        if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in lex.group_verbs:
            return None
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in lex.group_nouns:
                return _country_of_group(child, token_country, lex)
        tok = head
    return None


def escort_leaders(name_end: Token, verbs: frozenset[str]) -> list[Token]:
    """"X was accompanied by NAME", "X, accompanied by NAME": the words for X, read up
    the parse from the last word of NAME through "by" to the verb of ``verbs``."""
    tok = name_end
    for _ in range(3):
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in verbs:
            break
        if tok.pos_ != "ADP":
            return []
    else:
        return []
    leaders = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.dep_ == "acl":
        leaders.append(tok.head)  # the person the participle hangs on
    return leaders


def _escort_country(
    doc: Doc, e: int, before: list[Person], offset: int, lex: TitleLexicon
) -> str | None:
    """"X, accompanied by NAME", "X was accompanied by NAME": the country of the person
    X named before, read from the parse."""
    for leader in escort_leaders(doc[e - 1], lex.group_verbs):
        for p in before:
            if p.country and p.start <= offset + leader.idx < p.end:
                return p.country
    return None


def _country_of_group(
    noun: Token, token_country: dict[int, str], lex: TitleLexicon, back: bool = True
) -> str | None:
    """"the Polish delegation", "the delegation of the Vietnamese National Assembly";
    "the delegation" alone: the nearest earlier delegation of the block that has one."""
    for t in noun.doc[max(noun.left_edge.i, noun.i - 8) : noun.i]:
        if t.i in token_country and t.dep_ in ("amod", "compound", "nmod", "poss"):
            return token_country[t.i]  # "the Polish delegation", "Russia's State Duma"
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for obj in child.children:
                if obj.i in token_country:
                    return token_country[obj.i]
                for mod in obj.children:
                    if mod.i in token_country and mod.i < obj.i:
                        return token_country[mod.i]
    if back and any(c.lower_ == "the" for c in noun.children):
        lemma = noun.lemma_.lower()
        for i in range(noun.i - 1, max(-1, noun.i - 200), -1):
            t = noun.doc[i]
            if t.lemma_.lower() == lemma and t.pos_ == noun.pos_:
                found = _country_of_group(t, token_country, lex, back=False)
                if found:
                    return found
    return None


def _title_country(
    mentions: list[Mention], doc: Doc, offset: int, rng: tuple[int, int] | None
) -> str | None:
    if rng is None:
        return None
    lo = offset + doc[rng[0]].idx
    hi = offset + doc[rng[1] - 1].idx + len(doc[rng[1] - 1])
    for m in mentions:
        if lo <= m.start < hi and m.role == "actor":
            return m.iso3
    return None


def _name_of_country(doc: Doc, end: int, mentions: list[Mention], offset: int) -> str | None:
    """"President Tokayev of Kazakhstan": a country right after "of"."""
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        start = offset + doc[end + 1].idx
        for m in mentions:
            if m.start in (start, start + 4) and m.role == "actor":
                return m.iso3
    return None


def add_known_names(sent: Sentence, known: Callable[[str], bool]) -> list[Person]:
    """Surnames the model missed or took for an organisation ("Mamedov briefed
    ..."), found because the document already named that person."""
    lex = title_lexicon()
    doc = sent.span.doc
    taken = {i for p in sent.persons for i in range(p.tok, p.tok + len(p.name.split()))}
    mention_toks = {m.tok for m in sent.mentions}
    added: list[Person] = []
    for tok in sent.span:
        if (tok.i in taken or tok.i in mention_toks or not tok.is_title or not tok.is_alpha
                or tok.is_stop or tok.lower_ in lex.heads or tok.lower_ in lex.modifiers
                or tok.ent_type_ in ("GPE", "NORP", "DATE", "LOC", "FAC")):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.is_title and nxt.is_alpha:
            continue  # part of a longer name or an organisation
        if known(tok.text):
            start = sent.offset + tok.idx
            person = Person(tok.text, start, start + len(tok.text), tok.i)
            sent.persons.append(person)
            added.append(person)
    return added
