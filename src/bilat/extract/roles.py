"""Actors from syntactic roles: which countries take part in what a trigger says.

The dependency parse tells who did it and to whom. For a trigger's head word
(``span.root``) the *sources* are its subject (or the agent of a passive: "was
received by X") and, for a noun ("talks", "sanctions", "visit"), its possessor,
its adjective or compound ("Chilean talks", "the Peru visit") and "of X", and the
subject of the light verb that governs it ("held talks", "imposed sanctions");
the *targets* are its objects and the objects of the prepositions that name the
other party ("with X", "to X", and per type ``target_prepositions`` of
``patterns/lexicons.json``: "sanctions on X", "attack against X").

Each of those words stands for countries through its own noun phrase: a country
name or demonym in it ("Uzbekistan's Ambassador", "the Kazakh minister",
"the Foreign Minister of Chile"), a person of known country ("Lavrov"), and every
conjunct of it ("Chile, Peru and Bolivia", "the Chilean and Peruvian ministers").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from bilat.extract.actors import actor_words, envoy_post
from bilat.extract.analysis import Sentence, Trigger, in_clause_of, title_lexicon
from bilat.extract.patterns import lexicon, lexicon_map
from bilat.resources import load_json

#: dependents that are part of a noun phrase naming its country
_NP_PARTS = frozenset({"compound", "amod", "poss", "nmod", "appos", "npadvmod"})
#: prepositions whose object is always the other party, whatever the type
_PARTNER_PREPS = frozenset({"with", "to"})
#: prepositions of a trigger noun that name who does it ("talks of X", "a strike by X")
_NOUN_SIDE_PREPS = frozenset({"of", "by", "from", "between"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "iobj", "attr", "oprd"})
#: how far up a noun trigger climbs to its governing verb ("held talks")
_LIGHT_VERB_DEPS = frozenset({"dobj", "nsubjpass", "pobj", "attr"})
_MAX_DEPTH = 4
#: prepositions that tell an act done before or after the verb's ("after talks with X")
_SEQUENCE_PREPS = frozenset({"after", "following", "before"})
#: prepositions that tell by what means the verb's talk went ("spoke by telephone with X")
_MEANS_PREPS = frozenset({"by", "over", "via"})
#: prepositions that tell an act the verb's subject opposes, not does ("voted against sanctions")
_OPPOSING_PREPS = frozenset({"against"})
#: steps up the parse from a trigger to the trigger whose argument it may be
_MAX_CLIMB = 8
#: types whose verb names what is threatened, asked or refused in an infinitive
_ASKING = frozenset({"THREATEN", "REQUEST", "REJECT"})
#: types of a complaint, aimed at whoever is asked to put its cause right
_BLAMING = frozenset({"ACCUSE", "PROTEST"})
#: types whose noun may come "from" one side to the other left unnamed ("a call from X")
_MESSAGES = frozenset({"CONSULT", "SUPPORT", "AGREE", "REQUEST"})
#: types whose act may answer another country's act, which names the other party
_REACTING = frozenset({"MOBILIZE", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "REJECT",
                       "ACCUSE", "PROTEST"})
#: trigger words of an act done jointly or alone (drills: COOPERATE or MOBILIZE)
_JOINT_OR_SOLO = frozenset({"exercise", "drill", "manoeuvre", "maneuver", "patrol"})
#: "in reaction to", "in response to", "in retaliation for"
_ANSWER_NOUNS = frozenset({"reaction", "response", "retaliation", "reply", "answer",
                           "riposte", "protest"})
#: pronouns that stand for a person taking part
_PERSONAL = frozenset({"he", "him", "she", "her", "they", "them"})


@dataclass(frozen=True, slots=True)
class Roles:
    sources: frozenset[str]
    targets: frozenset[str]
    #: a party is an official or a pronoun named without a country ("the Prime
    #: Minister received a call from X", "a call came to him"): in a story told
    #: from one country, most often of that country
    implicit: bool = False
    #: targets named only as whose act this one answers ("exercises in reaction to a
    #: British warship's presence"): no party to a joint act, so no sign of one
    reacting: frozenset[str] = frozenset()

    @property
    def countries(self) -> frozenset[str]:
        return self.sources | self.targets


class RoleReader:
    """Reads the countries of a sentence's triggers off its parse."""

    def __init__(self, sent: Sentence, country_of: Callable[[str], str | None]) -> None:
        self.sent = sent
        self.doc = sent.span.doc
        self.token_country: dict[int, str] = {}
        for m in sent.mentions:
            if m.role in ("dateline", "nonactor", "landmark") or (
                m.role == "location" and m.kind == "capitals"
            ):
                continue  # "the Doha talks": where they met, no party
            span = sent.tokens(m.start, m.end)
            if span is not None:
                for t in span:
                    self.token_country.setdefault(t.i, m.iso3)
        self.mention_role = {m.tok: m.role for m in sent.mentions}
        #: every country or capital named as a place ("in Tashkent"), for bodies placed there
        self.place_country: dict[int, str] = {
            m.tok: m.iso3 for m in sent.mentions if m.role not in ("dateline", "nonactor")
        }
        for p in sent.persons:
            country = p.country or country_of(p.name)
            if not country:
                continue
            span = sent.tokens(p.start, p.end)
            if span is not None:
                for t in span:
                    self.token_country.setdefault(t.i, country)

    def roles(self, trig: Trigger, own_phrase: bool = False) -> Roles | None:
        """``own_phrase``: the trigger is what another event is about ("after Turkish
        drills"): the verb that governs it is that event's, not its own."""
        span = self.sent.tokens(trig.start, trig.end)
        if span is None or not self.doc.has_annotation("DEP"):
            return None
        return self._roles(span, trig.type, parse_only=trig.parse_only, own_phrase=own_phrase)

    def non_state_subject(self, trig: Trigger) -> bool:
        """Who does it is a private party, not a state ("a Chinese mining company
        signed", "Kenyan students arrived"): every conjunct of the subject of the
        trigger (or of the verb that governs a trigger noun) is a noun of
        ``non_state_nouns`` with no state modifier ("a state-owned company")."""
        span = self.sent.tokens(trig.start, trig.end)
        if span is None or not self.doc.has_annotation("DEP"):
            return False
        root = span.root
        heads = [root]
        if root.pos_ in ("NOUN", "PROPN") and root.dep_ in _LIGHT_VERB_DEPS:
            heads.append(root.head if root.dep_ != "pobj" else root.head.head)
        subjects = [c for h in heads for c in h.children if c.dep_ in _SUBJECTS]
        subjects = [
            # "the ensemble, which is visiting Europe": who "which" stands for
            h.head if s.tag_ in ("WDT", "WP") and h.dep_ == "relcl" else s
            for h in heads for s in h.children if s in subjects
        ]
        if (not subjects and root.dep_ == "acl" and root.pos_ == "VERB" and root.tag_ == "VBG"
                and _non_state(root.head, conjuncts=False)):
            return True  # "Filipino workers visiting the country": the noun it is on
        if root.pos_ == "NOUN" and trig.type == "CONSULT":
            # "the visit of an Indian business delegation": who makes it
            visitors = [p for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj"]
            if visitors and all(_non_state(v, conjuncts=False) for v in visitors):
                return True
        if subjects and all(_firm_name(s, strict=False) and s.i not in self.token_country
                            for s in subjects):
            # "Saudi Aramco signed an agreement with Hyundai Heavy Industries": two
            # companies' deal (a name alone does not tell a firm from an agency, its
            # partner being a firm too does)
            holders = heads + [c for h in heads for c in h.children if c.dep_ == "dobj"]
            partners = [p for h in holders for c in h.children
                        if c.dep_ == "prep" and c.lower_ == "with"
                        for p in c.children if p.dep_ == "pobj"]
            if partners and all(_firm_name(p) for p in partners):
                return True
        return bool(subjects) and all(_non_state(s) for s in subjects)

    def nested(self, trig: Trigger, others: Iterable[Trigger]) -> bool:
        """A trigger told inside another event's arguments ("rejected the terms for
        reopening the border", "ratified the extradition treaty", "summoned the envoy
        after a minister visited the islets") is what that event is about, not an event
        of its own: the word modifies the other trigger's object, or the path up the parse to the
        other trigger passes a nesting preposition (``data/actors.json``) or an
        "after" clause. Unless its own phrase names who does it ("preparations for the
        visit of the Slovenian president"). A relative clause or a coordinated verb is
        a clause of its own."""
        span = self.sent.tokens(trig.start, trig.end)
        if span is None or not self.doc.has_annotation("DEP"):
            return False
        host, phrase = self._nesting(span, self._outer(span, trig, others))
        if host is None:
            return False
        root = span.root
        if trig.type in ("ASSAULT", "COERCE") and any(
            c.dep_ in ("relcl", "acl") and c.lemma_.lower() in lexicon("harm_verbs")
            for c in root.children
        ):
            return False  # "a protest note over a drone strike that killed three civilians"
        if root.dep_ == "pobj" and root.head.lower_ in _SEQUENCE_PREPS and any(
            c.dep_ == "prep" and c.lower_ == "with"
            and any(t.i in self.token_country for t in c.subtree)
            for c in root.children
        ):
            return False  # "after talks with X, Y phoned Z": an act of its own, Y's with X
        # its own actor of another country than those the sentence names around the
        # phrase ("Kyrgyzstan praised the delivery of Russian aid"), or a phrase that
        # names both its sides ("the visit of the Slovenian president to Vienna"), makes
        # it an event of its own
        own = self._own_sources(span.root)
        around = {c for i, c in self.token_country.items()
                  if self.sent.span.start <= i < self.sent.span.end and i not in phrase}
        if own - around:
            return False
        return len(self._roles(span, trig.type, own_phrase=True).countries | own) < 2

    def argument_phrase(self, trig: Trigger, others: Iterable[Trigger]) -> frozenset[int]:
        """The tokens of the phrase that holds ``trig`` as what another event is about
        ("preparations for the upcoming forum" in "met to discuss preparations for the
        upcoming forum"), empty when it is no such argument."""
        span = self.sent.tokens(trig.start, trig.end)
        if span is None or not self.doc.has_annotation("DEP"):
            return frozenset()
        host, phrase = self._nesting(span, self._outer(span, trig, others))
        return phrase if host is not None else frozenset()

    def _outer(
        self, span: Span, trig: Trigger, others: Iterable[Trigger]
    ) -> dict[int, Trigger]:
        """The tokens of the other triggers of the sentence, each to its trigger."""
        inner = set(range(span.start, span.end))
        outer: dict[int, Trigger] = {}
        for o in others:
            o_span = self.sent.tokens(o.start, o.end)
            if o is not trig and o_span is not None:
                for i in range(o_span.start, o_span.end):
                    if i not in inner:
                        outer.setdefault(i, o)
        return outer

    def _nesting(
        self, span: Span, outer: dict[int, Trigger]
    ) -> tuple[Trigger | None, frozenset[int]]:
        """The trigger of ``outer`` whose argument the trigger ``span`` is (None when it
        is no argument), and the phrase that holds it."""
        if not outer:
            return None, frozenset()
        words = actor_words()
        root = span.root
        phrase: Token = root
        # "ratified the extradition treaty": a modifier of the other trigger's object
        inside = root.dep_ in ("compound", "amod") and root.pos_ in ("NOUN", "PROPN") and (
            root.head.dep_ in ("dobj", "nsubjpass") and root.head.head.i in outer
        )
        tok = root
        for _ in range(_MAX_CLIMB):
            if tok.dep_ in ("parataxis", "ROOT", "relcl") or tok.head.i == tok.i or (
                tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")
            ):
                # a clause of its own ("countries which stage ...", "met and signed");
                # a noun joined to another stays in its phrase ("talks on the bridge and
                # joint patrols")
                return None, frozenset()
            word, head = tok.lower_, tok.head
            if tok.dep_ == "prep" and (
                word in words.nesting_prepositions
                or (word in words.nesting_on_trigger and (
                    head.i in outer or (head.dep_ == "dobj" and head.head.i in outer)
                ))
                or (word in words.nesting_on_noun and head.i not in outer)
            ):
                inside = True
                if head.i not in outer:
                    phrase = head  # "preparations for the forum"
            elif tok.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in words.nesting_prepositions for c in tok.children
            ):
                inside = True  # "after a Japanese minister visited the islets"
                phrase = tok
            tok = head
            if tok.i in outer:
                # "rallied against US sanctions": the preposition may end the trigger
                inside = inside or (tok.dep_ == "prep" and tok.lower_ in words.nesting_prepositions)
                return (outer[tok.i] if inside else None), frozenset(t.i for t in phrase.subtree)
        return None, frozenset()

    def _own_sources(self, root: Token) -> set[str]:
        """Who does what a word says, in its own phrase: a verb's subject, a noun's
        possessor, adjective or compound, "of X", "by X"."""
        out: set[str] = set()
        for child in root.children:
            if child.dep_ in _SUBJECTS or (
                root.pos_ in ("NOUN", "PROPN") and child.dep_ in _NP_PARTS
            ):
                out |= self.np(child)
            elif child.dep_ == "agent" or (
                child.dep_ == "prep" and child.lower_ in ("of", "by", "from")
                and root.pos_ in ("NOUN", "PROPN")
            ):
                out |= self._pobjs(child)
        return out

    def visits_a_place(self, trig: Trigger) -> bool:
        """A visit verb whose object is a place of ``place_nouns`` that names no country
        ("a Japanese minister visited the disputed islets", "visited troops"): no visit
        to another country."""
        span = self.sent.tokens(trig.start, trig.end)
        if trig.mode != "visit" or span is None or not self.doc.has_annotation("DEP"):
            return False
        verb = span.root
        if verb.pos_ == "NOUN" and self._countryless_noun_visit(verb):
            return True
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        places = actor_words().place_nouns
        return verb.pos_ == "VERB" and bool(objects) and all(
            o.lemma_.lower() in places
            and not any(t.i in self.token_country  # "a plant in Germany"
                        # (not a word of a name: "the Ethiopian Airlines headquarters")
                        and not (t.dep_ in ("amod", "compound") and t.head.pos_ == "PROPN")
                        for t in o.subtree)
            for o in objects
        ) and not any(
            c.dep_ == "prep" and c.lower_ in ("to", "in", "with") and self._pobjs(c)
            for c in verb.children
        )

    def _countryless_noun_visit(self, noun: Token) -> bool:
        """A visit noun whose own phrase says who went and where, neither of them a
        country ("the Dalai Lama's visit to Arunachal Pradesh"): the sentence's other
        countries took no part in it."""
        owners = [c for c in noun.children if c.dep_ == "poss"]
        dests = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "to"
                 for p in c.children if p.dep_ == "pobj"]
        return bool(owners) and bool(dests) and all(
            o.pos_ == "PROPN" and not self.np(o) for o in owners
        ) and all(
            d.pos_ == "PROPN" and not any(t.i in self.token_country for t in d.subtree)
            for d in dests
        )

    def one_country(self, trig: Trigger) -> str | None:
        """The one country of both sides of a verb: its subject and its object (or
        "with" partner) name the same country and nothing else ("the Italian prime
        minister received the Italian ambassador to Brazil")."""
        span = self.sent.tokens(trig.start, trig.end)
        if span is None or not self.doc.has_annotation("DEP"):
            return None
        verb = span.root
        if verb.pos_ != "VERB":
            return None
        sides: list[set[str]] = [set(), set()]
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                sides[0] |= self.np(child)
            elif child.dep_ == "dobj" or (
                child.dep_ == "prep" and child.lower_ == "with"
            ):
                found = self.np(child) if child.dep_ == "dobj" else self._pobjs(child)
                sides[1] |= found
        if len(sides[0]) == 1 and sides[0] == sides[1]:
            return next(iter(sides[0]))
        return None

    def done_together(self, trig: Trigger) -> bool:
        """The act is joint: "joint", "jointly", "together", "combined" by it, or a
        partner after "with" on it or on its verb."""
        span = self.sent.tokens(trig.start, trig.end)
        if span is None:
            return True
        words = set(lexicon("joint_words"))
        around = [*span, *span.root.children, span.root.head, *span.root.head.children]
        return any(t.lower_ in words for t in around) or any(
            t.dep_ == "prep" and t.lower_ == "with" and t.head.i in (span.root.i, span.root.head.i)
            for t in around
        )

    def _roles(
        self, span: Span, etype: str, parse_only: bool = False, own_phrase: bool = False
    ) -> Roles:
        """Who does the act of ``span`` (sources) and to whom (targets); the verb's
        object names the other party even where the pattern spans it ("told his Dutch
        counterpart"). ``own_phrase``: only the trigger's own phrase, not the verb that
        governs a trigger noun; ``parse_only``: the trigger counts only with parties the
        parse gives, and a country its preposition names counts though it reads as a
        topic or a place ("war against X", "war in X")."""
        preps = _PARTNER_PREPS | set(lexicon_map("target_prepositions").get(etype, ()))
        heads: list[Token] = [span.root]
        root = span.root
        told = self._relative_teller(root)
        if own_phrase:
            pass
        elif told is not None:
            # "backs the summit that South Korea is planning with China": the relative
            # clause tells who holds it, not the verb the noun hangs on
            heads += [told] + [c for c in told.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        elif root.pos_ in ("NOUN", "PROPN") and root.dep_ in _LIGHT_VERB_DEPS and not (
            root.dep_ == "pobj" and root.head.lower_ in _SEQUENCE_PREPS | _OPPOSING_PREPS
        ):  # "after talks with X, Y phoned Z", "backs X against the blockade by Y": the
            # verb tells another act
            verb = root.head if root.dep_ != "pobj" else root.head.head
            if verb.pos_ in ("VERB", "AUX") and verb.i != root.i:
                heads.append(verb)
        elif root.dep_ == "prep" and root.lower_ in _MEANS_PREPS and etype == "CONSULT" and (
            root.head.pos_ in ("VERB", "AUX")
        ):
            heads.append(root.head)  # "spoke by telephone with X": the verb it tells how
        elif root.pos_ in ("NOUN", "PROPN") and root.dep_ == "nsubj" and (
            root.head.lemma_.lower() in lexicon("arrival_verbs")
        ):
            heads.append(root.head)  # "a call came to him from X"
        sources: set[str] = set()
        targets: set[str] = set()
        slots: list[Token] = []
        senders: set[str] = set()
        if root.dep_ == "acl" and root.head.dep_ == "ROOT" and root.head.pos_ in ("NOUN", "PROPN"):
            # a sentence with no verb but this one ("An Angolan envoy mediated between ...",
            # "British tanker seized by Iran"): the noun it hangs on takes part
            sources |= self.np(root.head)
        for head in heads:
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
            for child in head.children:
                dep = child.dep_
                if dep in _SUBJECTS:
                    sources |= self.np(child)
                    slots.append(child)
                elif dep == "nsubjpass":
                    targets |= self.np(child)
                    slots.append(child)
                elif dep == "agent" or (passive and dep == "prep" and child.lower_ == "by"):
                    sources |= self._pobjs(child)
                    slots.extend(c for c in child.children if c.dep_ == "pobj")
                elif dep in _OBJECTS:  # also one the pattern spans ("sentenced two
                    # Tajik citizens", "told his Dutch counterpart")
                    targets |= self.np(child)
                    slots.append(child)
                    if etype in ("ASSAULT", "COERCE"):
                        # "struck hideouts in Afghanistan's Khost province": where what was
                        # struck lies
                        targets |= self._placed_in(child)
                    if etype == "CONCEDE":  # "expressed regret for the suffering caused to X"
                        for prep in child.children:
                            if prep.dep_ == "prep" and prep.lower_ == "for":
                                targets |= self._harmed(prep)
                elif dep == "prep" and child.lower_ == "from" and head.i != root.i and (
                    head.lemma_.lower() in lexicon("arrival_verbs")
                ):
                    sources |= self._pobjs(child)  # "a call came to him from X"
                elif dep == "prep" and child.lower_ in preps:
                    if self._envoy_post(child):
                        continue  # "met Indonesia's envoy to Australia": his post, not a party
                    # a trigger only the parse may give parties reads "war against X",
                    # "war in X" though the mention reads as a topic or a place
                    targets |= self._pobjs(child, topics=parse_only and head.i == root.i)
                    slots.extend(c for c in child.children if c.dep_ == "pobj")
                    if etype == "CONCEDE" and child.lower_ == "for":
                        targets |= self._harmed(child)
                    if etype in ("ASSAULT", "COERCE", "AID") and child.lower_ not in (
                        "in", "inside"
                    ):
                        # "fired rounds at a checkpoint in the province of Balochistan",
                        # "food parcels to displaced families in Idlib" (not "injured in an
                        # accident in X": the accident is no target)
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                targets |= self._placed_in(pobj)
                elif head.i == root.i and root.pos_ in ("NOUN", "PROPN") and (
                    dep in _NP_PARTS or (dep == "prep" and child.lower_ in _NOUN_SIDE_PREPS)
                ):
                    # "clashes between X and Y": both sides, though they read as topics
                    found = self._pobjs(child, topics=child.lower_ == "between") if (
                        dep == "prep") else self.np(child)
                    sources |= found
                    if dep == "prep" and child.lower_ == "from":
                        senders |= found
        if not sources:
            sources |= self._reporter_of_pronoun(heads)
        if etype in _ASKING:
            # "threatened to impose sanctions on Uganda", "urged Chile to lift its ban": the
            # other party may stand in the act threatened, asked or agreed
            acts = [c for c in root.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
            if root.head.lemma_ == "be" and root.dep_ in ("prep", "acomp", "attr"):
                # "removing the sanctions on Burma is out of the question"
                acts += [c for c in root.head.children if c.dep_ == "csubj" and c.pos_ == "VERB"]
            for xcomp in acts:
                sub = set(lexicon_map("target_prepositions").get("SANCTION", ())) | preps
                for child in xcomp.children:
                    if child.dep_ in _OBJECTS:
                        targets |= self.np(child)
                        for grand in child.children:  # "impose sanctions on Uganda"
                            if grand.dep_ == "prep" and grand.lower_ in sub:
                                targets |= self._pobjs(grand, topics=True)
                    elif child.dep_ == "prep" and child.lower_ in sub:
                        targets |= self._pobjs(child, topics=True)
        last = span[-1]
        if len(span) > 1 and last.dep_ == "prep" and last.head.i == root.i:
            # the pattern ends in the verb's preposition ("calls on the Russian
            # Federation to ..."): its object is the other party, though it reads as a topic
            targets |= self._pobjs(last, topics=True)
        missions = lexicon("mission_nouns")
        for tok in span:
            if tok.i == root.i:
                continue
            for child in tok.children:  # "severed ties with Qatar", "its embassy in Iran"
                if child.dep_ == "prep" and child.i not in range(span.start, span.end) and (
                    child.lower_ in preps
                    or (child.lower_ in ("in", "to") and tok.lemma_.lower() in missions)
                ):
                    # "concern over Ukraine's new law": the country the phrase is about
                    targets |= self._pobjs(child, topics=True)
        if etype == "SANCTION" and not targets:
            targets |= self._recalled_from_post(span)
        for tok in span:
            if tok.lemma_.lower() in ("invitation", "invite") and not targets:
                # "declined an invitation to attend the inauguration in Caracas": the host
                # is the country of the place the guest was asked to
                targets |= self._invited_to(tok)
        verb = heads[-1]
        if verb.dep_ == "conj" and verb.pos_ == "VERB" and not any(
            c.dep_ in _SUBJECTS or c.dep_ == "nsubjpass" for c in verb.children
        ):
            # "A and B severed ties with C and closed their airspace": a shared subject
            for c in verb.head.children:
                if c.dep_ in _SUBJECTS:
                    sources |= self.np(c)
        if etype in _BLAMING and not targets and not parse_only:
            targets |= self._asked_to_redress(verb)
        implicit = any(self._implicit(t) for t in slots if t.i not in range(span.start, span.end))
        if senders and not targets and not slots and etype in _MESSAGES:
            implicit = True  # "a letter from the Japanese Prime Minister": to the story's own
        if etype == "MOBILIZE":
            # "mobilised reservists for a possible war against Iraq": the act prepared for
            # names whom the forces face
            for head in heads:
                for prep in head.children:
                    if prep.dep_ != "prep" or prep.lower_ != "for":
                        continue
                    for noun in prep.children:
                        if noun.dep_ != "pobj":
                            continue
                        for part in noun.children:
                            if part.dep_ == "prep" and part.lower_ in ("against", "on"):
                                targets |= self._pobjs(part, topics=True) - sources
        reacting: set[str] = set()
        if etype in _REACTING or root.lemma_.lower() in _JOINT_OR_SOLO:
            for head in heads:
                reacting |= self._answered(head) - sources - targets
        return Roles(frozenset(sources), frozenset(targets | reacting), implicit,
                     frozenset(reacting))

    def _reporter_of_pronoun(self, heads: list[Token]) -> set[str]:
        """"Peru's foreign minister said she had spoken by phone with ...": a personal
        pronoun that is the subject of what a reporting verb's subject said stands for
        that subject."""
        out: set[str] = set()
        reporting = lexicon("reporting_verbs")
        for head in heads:
            if head.dep_ != "ccomp" or head.head.lemma_.lower() not in reporting:
                continue
            if not any(c.dep_ in _SUBJECTS and c.lower_ in _PERSONAL and c.tag_ == "PRP"
                       for c in head.children):
                continue
            for c in head.head.children:
                if c.dep_ in _SUBJECTS:
                    out |= self.np(c)
        return out

    def _asked_to_redress(self, verb: Token) -> set[str]:
        """"condemned the arrest and called on X to free them", "denounced the incursion
        and urged X to withdraw": a complaint that names no one is aimed at the party a
        coordinated verb of asking (lexicon ``redress_verbs``, sharing its subject) asks to
        put it right."""
        if verb.pos_ not in ("VERB", "AUX"):
            return set()
        asked: set[str] = set()
        redress = lexicon("redress_verbs")
        for other in _conjuncts(verb):
            if other.i == verb.i or other.lemma_.lower() not in redress or any(
                c.dep_ in _SUBJECTS for c in other.children
            ) or not any(c.dep_ == "xcomp" for c in other.children):
                continue
            for child in other.children:
                if child.dep_ in _OBJECTS:
                    asked |= self.np(child)
                elif child.dep_ in ("prep", "prt") and child.lower_ in ("on", "upon"):
                    asked |= self._pobjs(child, topics=True)
        return asked

    def _answered(self, head: Token) -> set[str]:
        """Countries whose act ``head`` answers: "in reaction to a British warship's
        presence", "in retaliation for the seizure of a ship by Britain" (the doer
        after "by" when the act names one, else the act's own phrase)."""
        out: set[str] = set()
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.lemma_.lower() not in _ANSWER_NOUNS:
                    continue
                for to in noun.children:
                    if to.dep_ != "prep" or to.lower_ not in ("to", "for", "against"):
                        continue
                    for act in to.children:
                        if act.dep_ != "pobj":
                            continue
                        agents = [b for b in act.children if b.dep_ == "prep" and b.lower_ == "by"]
                        if agents:
                            for b in agents:
                                out |= self._pobjs(b)
                        else:
                            out |= self.np(act)
        return out

    def _harmed(self, prep: Token) -> set[str]:
        """Who was harmed by what an apology or regret is for ("remorse for the suffering
        caused to the people of Korea", "for the atrocities committed against X")."""
        out: set[str] = set()
        for wrong in prep.children:
            if wrong.dep_ != "pobj":
                continue
            for done in wrong.children:
                if done.dep_ == "acl" and done.pos_ == "VERB":
                    for to in done.children:
                        if to.dep_ == "prep" and to.lower_ in ("to", "on", "upon", "against"):
                            out |= self._pobjs(to, topics=True)  # "inflicted on X"
        return out

    def _placed_in(self, noun: Token) -> set[str]:
        """Countries of the place a noun is said to be in ("hideouts in Afghanistan's
        Khost province", "positions inside Syria")."""
        out: set[str] = set()
        for c in noun.subtree:
            if c.dep_ != "prep" or c.lower_ not in ("in", "inside") or not in_clause_of(c, noun):
                continue  # "camps of armed groups in Iraq", not "... that fled to Iraq"
            for p in c.children:
                if p.dep_ == "pobj":
                    out |= {self.place_country[t.i] for t in p.subtree
                            if t.i in self.place_country}
        return out

    def _invited_to(self, invitation: Token) -> set[str]:
        """Countries of the places in the clause an invitation asks its guest to ("to
        attend the inauguration in Caracas", "to visit Hanoi")."""
        out: set[str] = set()
        for clause in invitation.children:
            if clause.dep_ in ("acl", "xcomp", "relcl") and clause.pos_ == "VERB":
                for t in clause.subtree:
                    if t.i in self.place_country and (
                        t.dep_ == "dobj" or (t.dep_ == "pobj" and t.head.lower_ in ("in", "to"))
                    ):
                        out.add(self.place_country[t.i])
        return out

    def _relative_teller(self, root: Token) -> Token | None:
        """The verb of a relative clause on the trigger noun whose own subject names a
        country ("the talks Nigeria is preparing with Niger"), else None."""
        found = self._relative_clause_subject(root)
        return found[0] if found is not None and self.np(found[1]) else None

    def _relative_clause_subject(self, root: Token) -> tuple[Token, Token] | None:
        """(verb, subject) of a relative clause on the trigger noun with a subject of its
        own, a noun phrase rather than a pronoun ("the summit the North is planning"),
        else None."""
        if root.pos_ not in ("NOUN", "PROPN"):
            return None
        for child in root.children:
            if child.dep_ == "relcl" and child.pos_ in ("VERB", "AUX") and not any(
                (c.dep_ in _OBJECTS and c.tag_ not in ("WDT", "WP"))
                or (c.dep_ == "prep" and any(g.tag_ in ("WDT", "WP") for g in c.children))
                for c in child.children
            ):  # the noun is what the clause's verb does; not "during which X did Y"
                for c in child.children:
                    if c.dep_ in _SUBJECTS and c.pos_ in ("NOUN", "PROPN"):
                        return child, c
        return None

    def held_by_no_state(self, trig: Trigger) -> bool:
        """The trigger noun's relative clause says who holds it, and that is no country
        ("backs the talks the rebels are holding with Colombia", "the summits the North
        is planning"): the verb the noun hangs on says nothing of its parties."""
        span = self.sent.tokens(trig.start, trig.end)
        if span is None or not self.doc.has_annotation("DEP"):
            return False
        found = self._relative_clause_subject(span.root)
        return found is not None and not self.np(found[1])

    def body_of_one_state(self, trig: Trigger) -> bool:
        """A meeting of a named body of one state ("a meeting of the National Security
        Bureau", "an emergency Monetary Policy Committee meeting"): an organisation named
        in the meeting's own phrase, with no country and no word of a joint body in it."""
        span = self.sent.tokens(trig.start, trig.end)
        if span is None or trig.type != "CONSULT" or not self.doc.has_annotation("DEP"):
            return False
        root = span.root
        owners = [c for c in root.children if c.dep_ == "compound"] + [
            p for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj"
        ]
        joint = set(lexicon("joint_words")) | set(lexicon("joint_body_words"))
        for owner in owners:
            words = [t for t in owner.subtree if t.i not in range(span.start, span.end)]
            if owner.ent_type_ != "ORG" or not all(
                t.ent_type_ == "ORG" or not t.is_alpha or t.lower_ == "the" for t in words
            ):
                continue
            if any(t.i in self.token_country or t.lower_.split("-")[0] in joint
                   for t in words):
                continue
            return True
        return False

    def _recalled_from_post(self, span: Span) -> set[str]:
        """"recalled its ambassador in Algiers", "recalled its charge d'affaires to Iraq":
        the post of an envoy a sanction removes is its other party, whether the parse hangs
        the place on the envoy or on the verb."""
        envoys = frozenset(lexicon("envoy_nouns"))
        out: set[str] = set()
        for tok in span:
            if tok.lemma_.lower() not in envoys or tok.dep_ not in ("dobj", "nsubjpass"):
                continue
            for owner in (tok, tok.head):
                for child in owner.children:
                    if child.dep_ == "prep" and child.lower_ in ("in", "to"):
                        out |= self._pobjs(child, topics=True)
                        out |= {self.place_country[p.i] for p in child.children
                                if p.dep_ == "pobj" and p.i in self.place_country}
        return out

    def _envoy_post(self, prep: Token) -> bool:
        """"met Indonesia's envoy to Australia" with "to Australia" hung on the verb."""
        envoys = frozenset(lexicon("envoy_nouns"))
        return prep.lower_ == "to" and any(
            envoy_post(self.doc, c.i, envoys) for c in prep.children if c.dep_ == "pobj"
        )

    def _implicit(self, tok: Token) -> bool:
        """An official or a pronoun with no country in its phrase ("the Prime
        Minister", "him"); not a country, a person of known country or an office
        that names its country."""
        if self.np(tok):
            return False
        if tok.lower_ in _PERSONAL and tok.tag_ == "PRP":
            return True
        if tok.ent_type_ == "PERSON":
            return True  # "Ilham Aliyev received ..." with no country named
        heads = title_lexicon().heads
        if any(c.dep_ == "appos" and c.lemma_.lower() in heads for c in tok.children):
            return True  # "His Highness the Amir"
        if tok.lemma_.lower() in lexicon("force_nouns") and tok.tag_ == "NNS":
            return True  # "450 additional troops were deployed to the border with X"
        # "the Head of State", not "the minister in Kabul"
        return tok.lemma_.lower() in heads and not any(
            c.dep_ == "prep" and any(p.i in self.place_country for p in c.subtree)
            for c in tok.children
        )

    def _pobjs(self, prep: Token, topics: bool = False) -> set[str]:
        """Countries of a preposition's object; ``topics``: a country the mention
        reader took for a topic ("sanctions on Uganda") counts too."""
        out: set[str] = set()
        for c in prep.children:
            if c.dep_ in ("pobj", "pcomp"):
                out |= self.np(c)
                if topics:  # "on Uganda", "on Armenian flights"
                    for t in (c, *(p for p in c.children if p.dep_ in _NP_PARTS)):
                        if t.i in self.token_country:
                            out.add(self.token_country[t.i])
        return out

    def np(self, tok: Token, depth: int = 0, seen: set[int] | None = None) -> set[str]:
        """Countries a noun phrase stands for (its head, parts, "of X", conjuncts)."""
        seen = set() if seen is None else seen
        if tok.i in seen or depth > _MAX_DEPTH:
            return set()
        seen.add(tok.i)
        out: set[str] = set()
        if tok.i in self.token_country and self.mention_role.get(tok.i) not in ("topic",):
            out.add(self.token_country[tok.i])
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
            # "the United Kingdom, which lately sent a ship": the noun the clause is on
            out |= self.np(tok.head.head, depth + 1, seen)
        named = tok.i in self.token_country and tok.pos_ == "PROPN"
        for c in tok.children:
            if c.dep_ == "appos" and named and c.pos_ == "NOUN":
                continue  # "Pakistan, a key U.S. ally, ...": a description of the state
            if c.dep_ in _NP_PARTS or (c.dep_ == "compound"):
                out |= self.np(c, depth + 1, seen)
            elif c.dep_ == "prep" and (c.lower_ in ("of", "from") or (
                c.lower_ in ("in", "to") and tok.lemma_.lower() in lexicon("mission_nouns")
            )):
                # "the Foreign Minister of Chile"; "Ghana's embassy in Burkina Faso"
                for p in c.children:
                    if p.dep_ == "pobj":
                        out |= self.np(p, depth + 1, seen)
                        if c.lower_ == "in" and p.i in self.place_country:
                            out.add(self.place_country[p.i])  # "an embassy in Tehran"
            elif c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head"):
                # "a delegation led by the Speaker of the Senate of Pakistan"
                for a in c.children:
                    if a.dep_ == "agent":
                        out |= self._pobjs(a)
        if not out:
            out |= self._teller_of_clause(tok, depth, seen)
        if not out and tok.lemma_.lower() in lexicon("authority_nouns"):
            # "a court in Tashkent", "border guards in Georgia": a body of the place's state
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    out |= {self.place_country[p.i] for p in c.children
                            if p.dep_ == "pobj" and p.i in self.place_country}
        for conj in _conjuncts(tok):
            out |= self.np(conj, depth + 1, seen)
        return out


    def _teller_of_clause(self, subject: Token, depth: int, seen: set[int]) -> set[str]:
        """"Ukraine's General Staff said its forces had struck a depot": the owner that
        "its" names in a reported clause's subject is who reports it."""
        saying = reporting_verb_of_its(subject)
        if saying is None:
            return set()
        return {c for s in saying.children if s.dep_ in _SUBJECTS
                for c in self.np(s, depth + 1, seen)}


def reporting_verb_of_its(subject: Token) -> Token | None:
    """The verb of saying whose complement clause has ``subject``, a noun owned by "its"
    or "their" ("Ukraine said its forces had struck ..."): the one who says it owns the
    subject; None for any other subject."""
    verb = subject.head
    if subject.dep_ not in _SUBJECTS or not any(
        c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subject.children
    ):
        return None
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in lexicon("reporting_verbs"):
        return None
    return verb.head


def _firm_name(tok: Token, strict: bool = True) -> bool:
    """A named organisation that is no state body ("South Korea's Hyundai Heavy
    Industries"; not "the Foreign Ministry", "the Government of Kenya"). ``strict``:
    the model read it as an organisation; else any name the model took for no person
    or place ("Saudi Aramco", "KazMunayGas", which the small model misses)."""
    if tok.pos_ != "PROPN" or (strict and tok.ent_type_ != "ORG") or (
        tok.ent_type_ in ("PERSON", "GPE", "LOC", "FAC")
        or tok.lemma_.lower() in title_lexicon().heads
    ):
        return False
    return _state_bodies().search(" ".join(t.lower_ for t in tok.subtree)) is None


@cache
def _state_bodies() -> re.Pattern[str]:
    """The heads of ``state_bodies`` in data/facts.json as one pattern (built once)."""
    words = sorted((str(w).lower() for w in load_json("facts.json")["state_bodies"]),
                   key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _non_state(subject: Token, conjuncts: bool = True) -> bool:
    """Every conjunct of ``subject`` (only itself when not ``conjuncts``) is a private
    party: a noun of ``non_state_nouns``, a group of such people, or a noun whose
    compound is one ("a business delegation", "a student group")."""
    words = actor_words()
    for tok in (subject, *(_conjuncts(subject) if conjuncts else ())):
        if any(c.dep_ in ("compound", "nmod") and c.lemma_.lower() in words.non_state_nouns
               for c in tok.children) and tok.lemma_.lower() not in words.non_state_nouns:
            continue  # "a Japanese business delegation", "the ensemble "Mbira Dzenharira""
        if tok.dep_ == "appos" and tok.head.lemma_.lower() in words.non_state_nouns:
            continue  # the name of one: "the ensemble "Adowa Voices", which is visiting"
        if tok.lemma_.lower() in words.collective_nouns:
            # "a team of Egyptian doctors": what the team is made of
            members = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"]
            if members and all(_non_state(m) for m in members):
                continue
            return False
        if tok.lemma_.lower() not in words.non_state_nouns:
            # "Chad Johnson, a former American footballer,": a name that its apposition
            # says is a private person
            appos = [c for c in tok.children if c.dep_ == "appos"]
            if not (tok.pos_ == "PROPN" and appos and all(_non_state(a) for a in appos)):
                return False
            continue
        if any(w.lower_ in words.state_modifiers for left in tok.lefts for w in left.subtree):
            return False  # "a state-owned company", "the national airline"
    return True


def _conjuncts(tok: Token) -> Iterable[Token]:
    return (c for c in tok.conjuncts if c.i != tok.i)
