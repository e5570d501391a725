"""Events: from analysed sentences to one record per interaction.

For every sentence with an event trigger, a candidate is built (type, the two
countries taking part, date, mode, status, location, people, topics); then a
candidate either elaborates an event already found (same type and countries,
compatible date, mode and people) and is merged into it, or starts a new one.
Countries missing from a sentence ("the sides signed ...") come from the story:
the partner a country is most often named together with.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from bilat.extract.actors import actor_words, envoy_post
from bilat.extract.amounts import count_value
from bilat.extract.analysis import (
    CLAUSE_DEPS,
    Mention,
    Person,
    Sentence,
    Trigger,
    city_after_venue,
    escort_leaders,
    has_head,
    in_clause_of,
    names_a_meeting,
    title_lexicon,
)
from bilat.extract.components import SUPPRESSED
from bilat.extract.patterns import lexicon, lexicon_map, trigger_index
from bilat.extract.people import PeopleRegistry
from bilat.extract.roles import RoleReader, Roles, reporting_verb_of_its
from bilat.extract.topics import topics_by_type, topics_of
from bilat.gazetteer import load_cities
from bilat.record import EVENT_TYPES, Event, Evidence, Fact, Participant
from bilat.resources import load_json
from bilat.timex import DateMention, Published, weekday_of_yearless

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "3": 3, "4": 4, "5": 5}
#: types whose own date stands before the trigger ("urged X to ... by 2025")
_DATED_BEFORE_TRIGGER = {"AGREE", "REQUEST", "THREATEN"}
#: event types whose place is worth recording
_LOCATED = frozenset(EVENT_TYPES)
_PLURAL_ENVOYS = re.compile(
    r"\b(?:ambassadors|envoys|heads of mission|diplomats)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_COUNTERPART_OF = re.compile(r"\b(?:with|and)\s+(?:his|her|their)\s+$", re.IGNORECASE)
_BOTH_SIDES = re.compile(
    r"\b(?:two|both) (?:countries|sides|states|governments|ministers|leaders|presidents)\b"
    r"|\bthe sides\b|\bbilateral\b", re.IGNORECASE,
)
_CALLED_OFF = re.compile(
    r"\b(?:cancell?ed|call(?:ed|s)? off|scrapped|abandoned|calling off"
    r"|(?:will|would) not (?:take place|go ahead))\b",
    re.IGNORECASE,
)
#: ", Foreign Minister Ana Costa of " between two countries of a list
_LISTED_OFFICIAL = re.compile(
    r"^\s*(?:,|and|, and)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){1,8}of\s+(?:the\s+)?$"
)
#: verbal dealings between governments: with no subject named, their topic is politics
_DIPLOMATIC_TYPES = frozenset({"CONSULT", "SUPPORT", "AGREE", "ACCUSE", "REJECT", "REQUEST",
                               "SANCTION", "THREATEN", "CONCEDE"})
_FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "SANCTION"})
_VIOLENT = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
_DIPLOMATIC_SPAT = frozenset({"ACCUSE", "SANCTION", "REJECT", "THREATEN"})
_DIPLOMATIC = re.compile(
    r"\b(?:ambassadors?|envoys?|diplomats?|diplomatic|charg[eé] d'affaires|embass(?:y|ies)"
    r"|consul(?:ate)?s?|persona non grata|recall\w*|expel\w*|summon\w*)\b",
    re.IGNORECASE,
)
_THE_TWO = re.compile(
    r"\b(?:the two|both|the)\s+(?:foreign\s+)?(?:ministers|leaders|presidents|prime ministers"
    r"|heads of state|counterparts)\b", re.IGNORECASE,
)
_RECEIVE_WORDS = frozenset({"received", "receives", "receive", "receiving", "hosted", "hosts"})
_PERSON_OBJECT = re.compile(
    r"^\s+(?:in audience\s+)?(?:the|a|an|his|her|their)?\s*(?:[\w'’.-]+\s+){0,3}?"
    r"(?:ambassadors?|envoys?|delegations?|ministers?|president|prime minister|counterparts?"
    r"|heads?|chairman|speaker|secretary|officials?|representatives?|diplomats?|leaders?"
    r"|king|emir|crown prince|deputy|director|governor|guests?)\b",
    re.IGNORECASE,
)
_GOODS_RECEIVED = re.compile(
    r"\b(?:consignment|shipment|donation|cargo|batch|delivery|supplies|aid|assistance)\b",
    re.IGNORECASE,
)
_LOCATION_CUE = re.compile(r"\b(in|to|at|into|inside)\s+(?:the\s+)?$", re.IGNORECASE)
#: kinds of country mentions that may name a place
_COUNTRY_KINDS = frozenset({"names", "short_forms"})
_PLACE_KINDS = frozenset({"capitals", "cities"}) | _COUNTRY_KINDS


@dataclass(slots=True)
class StoryContext:
    """Which countries a story is about, and which go together."""

    counts: Counter[str] = field(default_factory=Counter)
    pairs: Counter[frozenset[str]] = field(default_factory=Counter)
    order: list[str] = field(default_factory=list)

    def add(self, countries: list[str]) -> None:
        for c in countries:
            self.counts[c] += 1
            if c not in self.order:
                self.order.append(c)
        distinct = list(dict.fromkeys(countries))
        for i, a in enumerate(distinct):
            for b in distinct[i + 1 :]:
                self.pairs[frozenset((a, b))] += 1

    def partner(self, iso3: str) -> str | None:
        best: tuple[int, int, int] | None = None
        choice = None
        for c in self.counts:
            if c == iso3:
                continue
            key = (self.pairs[frozenset((iso3, c))], self.counts[c], -self.order.index(c))
            if best is None or key > best:
                best, choice = key, c
        return choice

    def dyad(self) -> list[str]:
        if not self.pairs:
            return []
        pair, _ = max(
            self.pairs.items(),
            key=lambda kv: (kv[1], sum(self.counts[c] for c in kv[0])),
        )
        return sorted(pair)


@dataclass(slots=True)
class Draft:
    """An event being assembled from one or more sentences."""

    type: str
    countries: frozenset[str]
    status: str
    story: int
    start: int
    end: int
    block: int = -1  # the paragraph it was first told in
    mode: str | None = None
    explicit_mode: bool = False
    date: str | None = None
    date_precision: int = 0
    location: str | None = None
    location_rank: int = 0  # 2 a city, 1 a country (a city may replace it), 0 a venue
    participants: list[Person] = field(default_factory=list)
    topics: set[str] = field(default_factory=set)
    trigger: str = ""
    background: bool = False
    strong: bool = True
    the_two: bool = False  # "the two ministers", "the leaders" did it
    same_day: int = -1  # undated, told "on the same day" in the sentence starting here
    courtesy: bool = False  # a courtesy call: a meeting of its own beside a visit
    # one of several meetings told in one phrase ("separate meetings with A and with B"):
    # (sentence start, which counterpart); two of them never merge
    separate: tuple[int, int] | None = None
    own_phrase: tuple[int, int] | None = None  # (start, end) of that counterpart's phrase
    # the countries of the trigger verb's own subject ("after which Moscow expelled ...")
    doer: frozenset[str] = frozenset()
    agreed_on: bool = False  # what an invitation or agreement plans ("agreed to meet again")
    earlier: bool = False  # "the previous session": an occasion before the one of the story
    agent: frozenset[str] = frozenset()  # who did it, as the parse of its trigger reads it

    def to_event(self, text: str, registry: PeopleRegistry) -> Event:
        people: list[Participant] = []
        seen: set[str] = set()
        for p in self.participants:
            full = registry.canonical(p)
            key = registry.key(full.name)
            if key in seen:
                continue
            seen.add(key)
            people.append(full)
        mode = self.mode if self.type == "CONSULT" else None
        if self.type == "CONSULT" and mode is None:
            mode = "meeting"
        if self.type == "CONSULT" and len(self.countries) >= 3 and mode != "visit":
            mode = "multilateral"  # a meeting or call of three or more countries
        elif mode == "multilateral" and len(self.countries) < 3:
            # "on the sidelines of the summit, X met Y": two at a gathering of many
            mode = "meeting"
        return Event(
            type=self.type,
            countries=sorted(self.countries),
            evidence=Evidence.of(text, self.start, self.end),
            mode=mode,
            status=self.status,
            date=self.date,
            location=self.location if self.mode not in ("phone", "video") else None,
            participants=people,
            topics=sorted(self.topics),
            trigger=self.trigger,
        )


_SAME_DAY = re.compile(r"\b(?:the|that) same day\b", re.IGNORECASE)
_DAY_CHARS = len("2024-05-14")
_EARLIER_CUE = re.compile(r"\b(?:since|earlier|previously)\b", re.IGNORECASE)
_GOES_ON = re.compile(r"\b(?:remain|remains|stay|stays)\b", re.IGNORECASE)
_DAY_SPAN_JOINERS = frozenset({"and", "to", "-", "–", "through", "till", "until"})
#: directed acts that several countries each do to one other ("A and B expelled C's envoys")
_ONE_EACH = frozenset({"SANCTION", "ACCUSE", "THREATEN", "COERCE", "ASSAULT", "REJECT",
                       "PROTEST", "REQUEST"})
#: acts one side does to or for the other
_DIRECTED = _ONE_EACH | {"AID"}
#: states at which a directed act is no longer believed (a list from another clause)
_MAX_DIRECTED = 6
#: directed acts one side may answer in kind ("X expelled Y's envoy, after which Y expelled
#: X's"): told with different subjects, they are two events
_ANSWERED_IN_KIND = frozenset({"SANCTION", "ACCUSE", "THREATEN", "REJECT", "REQUEST"})
_MAX_CLIMB = 40  # steps from a token up to its sentence's root
_MAX_NAME_WORDS = 4  # words of a name in a roster of envoys


def _cancelled_noun(sent: Sentence, trig: Trigger) -> bool:
    """A trigger noun that the verb of its clause calls off, however far apart ("a protest
    planned outside the embassy on Sunday was called off by the organisers")."""
    span = sent.tokens(trig.start, trig.end)
    if span is None or span.root.pos_ not in ("NOUN", "PROPN"):
        return False
    root = span.root
    if root.dep_ not in ("nsubjpass", "dobj"):
        return False
    verb = root.head
    words = [verb.text, *(c.text for c in verb.children if c.dep_ == "prt")]
    aux = [c.text for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return bool(_CALLED_OFF.search(" ".join([*aux, *words])))


#: words that tell an act apart from another of its kind told beside it
_APART_WORDS = frozenset({"separate", "another", "second", "further"})


def _backdrops(sent: Sentence) -> frozenset[int]:
    """Tokens of the acts a meeting told apart is set in ("During the visit, X also met
    the Prime Minister": the visit, told before, is the backdrop, not a new act)."""
    out: set[int] = set()
    for trig in sent.triggers:
        setting = _setting(sent, trig) if trig.type == "CONSULT" else None
        if setting is not None:
            out.update(t.i for t in setting.subtree)
    return frozenset(out)


def _setting(sent: Sentence, trig: Trigger) -> Token | None:
    """"During the visit, X also met the Prime Minister": the phrase ("during the
    visit") that sets the verb, told with "also", in an act of its kind told before it;
    None otherwise."""
    root = sent.span.doc[trig.tok]
    if root.pos_ != "VERB" or not any(
        c.lower_ == "also" and c.dep_ == "advmod" for c in root.children
    ):
        return None
    earlier = {t.start for t in sent.triggers if t.start < trig.start and t.type == trig.type}
    return next((c for c in root.children
                 if c.dep_ == "prep" and c.lower_ in _SETTING_PREPS
                 and any(g.idx + sent.offset in earlier for g in c.subtree)), None)


#: prepositions that set a meeting in another act ("during the visit", "on the sidelines")
_SETTING_PREPS = frozenset({"during", "on", "at"})


def _told_apart(sent: Sentence, trig: Trigger) -> bool:
    """The trigger's own phrase says it is another act of the kind ("held a separate
    meeting", "another round of talks"), after a first one told in the sentence."""
    span = sent.tokens(trig.start, trig.end)
    if span is None or not any(
        t.start < trig.start and t.type == trig.type for t in sent.triggers
    ):
        return False
    root = span.root
    words = [*span, *root.children]
    if root.pos_ == "VERB":
        words += [g for c in root.children if c.dep_ == "dobj" for g in c.subtree]
    if _setting(sent, trig) is not None:
        return True  # "During the visit, X also met the Prime Minister": another meeting
    return any(t.lower_ in _APART_WORDS for t in words)


def _separate_acts(sent: Sentence, trig: Trigger) -> bool:
    """The trigger's own phrase says its acts were separate ("held separate telephone
    conversations with ...")."""
    span = sent.tokens(trig.start, trig.end)
    if span is None:
        return False
    markers = lexicon("separate_markers")
    return any(t.lower_ in markers for t in (*span, *span.root.children))


def _told_as_earlier(sent: Sentence, trig: Trigger) -> bool:
    """The trigger's noun is told as an occasion before another ("the previous, eleventh
    session", "the preceding round of talks": lexicon ``earlier_markers``)."""
    span = sent.tokens(trig.start, trig.end)
    if span is None:
        return False
    markers = set(lexicon("earlier_markers"))
    root = span.root
    return root.pos_ in ("NOUN", "PROPN") and any(
        t.lower_ in markers for t in (*span, *root.children) if t.dep_ in ("amod", "advmod")
        or t.i in range(span.start, span.end)
    )


def _own_subject(sent: Sentence, trig: Trigger) -> frozenset[str]:
    """Countries of the grammatical subject of the trigger's verb (through "responded by
    expelling", "moved to expel"); empty for a noun or a verb with no subject of its own."""
    inside = _subject_tokens(sent, trig)
    return frozenset(m.iso3 for m in sent.mentions if m.tok in inside)


def _state_does_it(sent: Sentence, trig: Trigger) -> bool:
    """One state is the subject of the act and another is named outside it ("Kyrgyzstan
    ordered all crossings on the Tajik frontier closed"), or the act was done to the
    nationals of a state ("three Colombian soldiers who had been detained"); not
    "prosecutors from Moldova and Romania ... detaining nine suspects"."""
    if _done_to(sent, trig):
        return True
    subject = _own_subject(sent, trig)
    inside = _subject_tokens(sent, trig)
    return len(subject) == 1 and any(m.iso3 not in subject and m.tok not in inside
                                     for m in sent.mentions if m.role != "dateline")


def _done_to(sent: Sentence, trig: Trigger) -> frozenset[str]:
    """Countries of whom a passive verb's act was done to ("two Thai rangers were
    captured", "three Colombian soldiers who had been detained")."""
    doc = sent.span.doc
    if not doc.has_annotation("DEP"):
        return frozenset()
    tok = doc[trig.tok]
    inside: set[int] = set()
    for c in tok.children:
        if c.dep_ != "nsubjpass":
            continue
        if c.tag_ == "WP" and tok.dep_ == "relcl":
            inside |= _noun_of_clause(tok)  # "soldiers who had been detained"
        else:
            inside |= {t.i for t in c.subtree}
    return frozenset(m.iso3 for m in sent.mentions if m.tok in inside)


def _noun_of_clause(clause: Token) -> set[int]:
    """The noun a relative clause is on with its modifiers ("three Colombian soldiers"
    of "... who had been detained")."""
    noun = clause.head
    return {noun.i} | {c.i for c in noun.children if c.dep_ in ("amod", "compound", "poss")}


def _subject_tokens(
    sent: Sentence, trig: Trigger, deps: frozenset[str] = frozenset({"nsubj", "agent"})
) -> frozenset[int]:
    """The tokens of the grammatical subject of the trigger's verb (see _own_subject);
    ``deps``: the relations that count as its subject."""
    tok = sent.span.doc[trig.tok]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "oprd", "attr", "xcomp", "ccomp"):
        tok = tok.head  # "declared a Russian attache persona non grata"
    for _ in range(3):
        if tok.pos_ not in ("VERB", "AUX"):
            return frozenset()
        subjects = [c for c in tok.children if c.dep_ in deps]
        if subjects:
            return frozenset(t.i for c in subjects for t in c.subtree)
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            tok = tok.head.head
        elif tok.dep_ in ("xcomp", "advcl") or (tok.dep_ == "conj" and tok.head.pos_ == "VERB"):
            tok = tok.head
        else:
            return frozenset()
    return frozenset()


#: who does a verb's act ("Speaking for the group, A, B and C urged ...": the model may
#: make the participle the clausal subject)
_ACTIVE_SUBJECTS = frozenset({"nsubj", "csubj"})
_RECIPROCAL = re.compile(r"\b(?:each other|one another|mutual|mutually)\b", re.IGNORECASE)


def _joint_subject(sent: Sentence, trig: Trigger) -> bool:
    """The trigger is a verb whose own subject holds the sentence's countries and whose
    act is not done to each other ("Chile and Peru condemned the attack on the ship";
    not "Chile and Peru accused each other", "traded accusations")."""
    tok = sent.span.doc[trig.tok]
    reciprocal = lexicon("reciprocal_verbs")
    if tok.pos_ != "VERB" or tok.lemma_ in reciprocal or tok.head.lemma_ in reciprocal:
        return False
    if _RECIPROCAL.search(sent.text):
        return False
    # a list or a plural ("Ghana and Togo", "the two leaders"), not one state and an
    # apposition on it ("Pakistan, a key U.S. ally, has refused ...")
    return any(
        c.dep_ in _ACTIVE_SUBJECTS and (
            c.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" for t in c.subtree)
        )
        for c in tok.children
    )


def _course_of_meeting(sent: Sentence, trig: Trigger) -> bool:
    """The trigger is a noun whose verb only tells its course ("the meeting began",
    "the session ended"; lexicon course_verbs)."""
    tok = sent.span.doc[trig.tok]
    return (tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass")
            and tok.head.lemma_ in lexicon("course_verbs"))


def _up_to_verb(tok: Token) -> list[Token]:
    """The path from ``tok`` up the parse to the verb it hangs on, at most three steps
    ("talks" -> "held"; "session" -> "at" -> "signed"), ending at that verb or where the
    climb stops."""
    path = [tok]
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
        path.append(tok)
    return path


def _the_pair(noun: Token) -> bool:
    """"both sides", "the two countries" (lexicon group_nouns): the pair the story is
    about."""
    return noun.lower_ in lexicon("group_nouns") and any(
        c.lower_ in ("both", "two") and c.dep_ in ("det", "predet", "nummod", "amod")
        for c in noun.children
    )


def _both_sides_addressed(sent: Sentence, trig: Trigger) -> bool:
    """The trigger verb's object, or the object of its preposition, is the pair."""
    tok = sent.span.doc[trig.tok]
    if tok.pos_ != "VERB":
        return False
    objects = [c for c in tok.children if c.dep_ in ("dobj", "dative")] + [
        g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    return any(_the_pair(o) for o in objects)


def _pair_subject(sent: Sentence, trig: Trigger) -> bool:
    """The subject of the trigger's verb is the pair (up to the verb a noun trigger
    hangs on: "the two countries went to war"), or people of it ("the foreign ministers
    of the two countries are to resume negotiations": through the verbs it is the
    complement of)."""
    tok = _up_to_verb(sent.span.doc[trig.tok])[-1]
    for n in range(3):
        for c in tok.children:
            if c.dep_ != "nsubj" and not (n and c.dep_ == "nsubjpass"):
                continue
            if _the_pair(c) or any(
                p.dep_ == "prep" and p.lower_ == "of"
                and any(o.dep_ == "pobj" and _the_pair(o) for o in p.children)
                for p in c.children
            ):
                return True
        if tok.dep_ != "xcomp":
            break
        tok = tok.head  # "are scheduled to resume": the subject of "scheduled"
    return False


def _the_two_people(sent: Sentence, trig: Trigger) -> bool:
    """The subject of the trigger's verb is two people told before ("the two", "both
    men", "the two ministers": lexicon ``pair_people_nouns``), not "the two countries"."""
    tok = _up_to_verb(sent.span.doc[trig.tok])[-1]
    people = lexicon("pair_people_nouns")
    for c in tok.children:
        if c.dep_ != "nsubj":
            continue
        if c.lower_ in ("two", "both") and not any(g.dep_ == "prep" for g in c.children):
            return True  # "The two agreed ...", "Both said ..."
        if c.lemma_.lower() in people and any(
            g.lower_ in ("two", "both") and g.dep_ in ("det", "predet", "nummod", "amod")
            for g in c.children
        ):
            return True
    return False


def _plural_subject(sent: Sentence, trig: Trigger) -> bool:
    """The trigger verb's subject is a plural noun ("the leaders", "both sides")."""
    tok = sent.span.doc[trig.tok]
    return any(c.dep_ == "nsubj" and c.tag_ == "NNS" for c in tok.children)


def _home_doer(sent: Sentence, trig: Trigger, home: str | None) -> frozenset[str]:
    """"The Foreign Office summoned the Afghan envoy" in a story told from Pakistan: a
    subject that names no country and no person is an office of the story's home."""
    inside = _subject_tokens(sent, trig)
    if home is None or not inside or any(m.tok in inside for m in sent.mentions) or any(
        p.tok in inside for p in sent.persons
    ):
        return frozenset()
    return frozenset({home})


def _relabelled(trig: Trigger) -> bool:
    """The trigger's type is not its pattern's: a dependency frame gave it."""
    pattern = trigger_index().get(trig.pattern or "")
    return pattern is not None and pattern.label != trig.type


def _stands_for(trig: Trigger) -> bool:
    """The trigger's pattern is a word that stands for an event told before it ("the
    next one is scheduled for 2026")."""
    pattern = trigger_index().get(trig.pattern or "")
    return pattern is not None and pattern.antecedent


class EventAssembler:
    """Builds the events of one document from its analysed sentences."""

    def __init__(
        self, text: str, published: str | None, registry: PeopleRegistry, dateline_end: int = -1,
        home: str | None = None, story_dates: dict[int, str] | None = None,
        story_homes: dict[int, str] | None = None, story_places: dict[int, str] | None = None,
    ) -> None:
        self.home = home
        #: the city each story's dateline opens with: where "signed here" happened
        self.story_places = story_places or {}
        self.page_home = home
        #: a digest's items told from elsewhere than the page ("GEORGETOWN, Guyana - ...")
        self.story_homes = story_homes or {}
        self.text = text
        self.dateline_end = dateline_end
        self.published = published
        self.pub = Published.parse(published)
        # a page of dated entries: each entry's days are told as of its own date line
        self.story_dates = story_dates or {}
        self.registry = registry
        self.drafts: list[Draft] = []
        self.sentences: list[Sentence] = []
        # meetings of several envoys whose countries a later roster of names gives
        # per sentence (by its start): the tokens of phrases that are what another event
        # is about ("preparations for the upcoming forum"); their tense is their own
        self.arguments: dict[int, frozenset[int]] = {}
        # who did each trigger's act, as the parse reads it (trigger start -> countries)
        self.agents: dict[int, frozenset[str]] = {}
        self.pending_envoys: list[
            tuple[int, Trigger, StoryContext, list[tuple[str, int]]]
        ] = []
        # the drafts each sentence (by its start) made or added to
        self.told_in: dict[int, list[Draft]] = {}
        # separate counterparts of the meeting triggers of the sentence being read
        self._parts_of: tuple[int, dict[int, list[frozenset[int]]]] = (-1, {})
        # the weekday of a year-less publication date, from the lead (None: not known)
        self.pub_weekday: int | None = None
        self._lead_seen = False

    # -- countries -------------------------------------------------------------
    def _sentence_countries(self, sent: Sentence) -> list[tuple[str, int]]:
        """(iso3, token) of every acting country in the sentence, people included."""
        doc = sent.span.doc
        envoys = frozenset(lexicon("envoy_nouns"))
        # "the French ambassador to Egypt" stands for France alone (RECORD.md)
        found: list[tuple[str, int]] = [
            (m.iso3, m.tok) for m in sent.mentions
            if m.role in ("actor", "target") and not envoy_post(doc, m.tok, envoys)
        ]
        for p in sent.persons:
            country = p.country or self.registry.country_of(p.name)
            if country:
                found.append((country, p.tok))
        return found

    def _choose(
        self, sent: Sentence, trig: Trigger, ctx: StoryContext, found: list[tuple[str, int]]
    ) -> list[frozenset[str]]:
        if trig.type == "CONSULT" and trig.mode == "visit":
            # "arrived in Accra from Nigeria": where the guest came from hosts nothing
            found = [(c, t) for c, t in found if not _came_from(sent, t)]
        # "ties were restored in May after mediation by Qatar": who takes part in an act
        # told as the time of this one takes no part in it
        adjuncts = _sequence_adjuncts(sent, trig.start)
        found = [(c, t) for c, t in found
                 if _sequence_adjuncts(sent, sent.char(t)) <= adjuncts]
        distinct = list(dict.fromkeys(c for c, _ in found))
        # "Ambassadors of Russia and China were received by ...": one event each
        groups = self._plural_envoys(sent)
        if groups:
            host = [c for c in distinct if c not in groups] or [
                p for g in groups if (p := ctx.partner(g)) and p not in groups
            ]
            if host:
                return [frozenset((g, host[0])) for g in groups]
        if len(distinct) < 2 and (
            (trig.type == "CONSULT" and trig.mode == "visit")
            or (trig.type == "PROTEST" and not self._crowd_from_elsewhere(sent))
        ):
            # "made a stop in Athens": the place visited is the host; "protesters in
            # Dhaka rallied against India's law": a crowd is of the place it gathers in
            for m in sorted(
                (m for m in sent.mentions if m.role == "location"),
                key=lambda m: abs(m.tok - trig.tok),
            ):
                if m.iso3 not in distinct:
                    found.append((m.iso3, m.tok))
                    distinct.append(m.iso3)
                if len(distinct) >= 2:
                    break
        if len(distinct) >= 2:
            ranked = sorted(
                distinct,
                key=lambda c: min(abs(t - trig.tok) for cc, t in found if cc == c),
            )
            chosen = set(ranked[:2])
            for group in self._coordinated(sent, trig):
                if chosen & set(group):
                    chosen |= set(group)
            if trig.type == "CONSULT" and self._home_completes_group(sent, chosen):
                chosen.add(str(self.home))
            return [frozenset(chosen)]
        group = self._group_of(sent, ctx)
        if len(group) > max(2, len(distinct)) and set(distinct) <= set(group):
            return [frozenset(group)]  # "the three countries agreed ..."
        if not trig.strong and not trig.hosted:
            # (a weak word an agreement plans is between those who agree: "the two agreed
            # that their joint commission would convene in Montevideo")
            return []
        if len(distinct) == 1 and self.home and self.home != distinct[0] and any(
            p.title and not p.country and not self.registry.country_of(p.name)
            for p in sent.persons
        ):
            # "Foreign Minister X held talks with the Minister of Hungary" in a story
            # told from X's country: the official named without a country is of it
            return [frozenset((distinct[0], self.home))]
        if len(distinct) == 1 and sent.non_state:
            return []  # the other party is an organisation ("EU ministers ... Lebanon")
        if len(distinct) == 1 and trig.type == "CONSULT" and trig.mode == "visit" and any(
            ent.label_ == "LOC" and ent.root.head.lower_ in ("in", "to", "of", "across")
            for ent in sent.span.ents
        ):
            return []  # "a tour of Africa", "visiting ... in the Gulf": no one country hosts
        if len(distinct) == 1 and _pair_subject(sent, trig) and len(ctx.dyad()) == 2:
            # "the ministers of the two countries will resume talks in Washington, with the
            # US Secretary of State to host them": the pair meets, its host is no party
            return [frozenset(ctx.dyad())]
        if len(distinct) == 1:
            partner = ctx.partner(distinct[0]) or self._host_city(sent, trig, distinct[0])
            return [frozenset((distinct[0], partner))] if partner else []
        if not distinct and _the_two_people(sent, trig):
            # "X spoke by phone with his Peruvian counterpart. The two agreed to ...": the
            # two people of the story's latest event, not the pair the story is about
            last = next((d for d in reversed(self.drafts) if d.story == sent.story), None)
            if last is not None and len(last.countries) == 2:
                return [last.countries]
        dyad = ctx.dyad()
        if not sent.persons and _course_of_meeting(sent, trig):
            return []  # "The meeting began at 10:05": how a meeting went, no meeting of its own
        if len(dyad) == 2 and (sent.background is False or _BOTH_SIDES.search(sent.text)):
            return [frozenset(dyad)]
        return []

    def _home_completes_group(self, sent: Sentence, chosen: set[str]) -> bool:
        """"X is to travel to Tokyo for a three-way session with his Japanese counterpart
        and the US deputy secretary" in a story told from Seoul: the group the sentence
        counts ("three-way", "trilateral") lacks one country, and an official named
        without one (or with the home's) is of the story's home."""
        if self.home is None or self.home in chosen:
            return False
        sizes, words = _group_adjectives()
        size = max((sizes[m.group().lower()] for m in words.finditer(sent.text)), default=0)
        return size == len(chosen) + 1 and any(
            p.title and (p.country or self.registry.country_of(p.name)) in (None, self.home)
            for p in sent.persons
        )

    @staticmethod
    def _aid_recipient(sent: Sentence, ctx: StoryContext, roles: Roles) -> str | None:
        """The one receiver of aid that several coordinated givers send: the one the
        parse names ("A, B and C provided aid to X"), else the country the sentence sends
        something to or for ("... left the port for Libya"), else the country the story
        names most."""
        if len(roles.sources) < 2:
            return None
        if roles.targets:  # "Norway, Sweden and Denmark provided aid to Sudan"
            return next(iter(roles.targets)) if len(roles.targets) == 1 and not (
                roles.targets & roles.sources) else None
        doc = sent.span.doc
        sent_to = {m.iso3 for m in sent.mentions
                   if m.iso3 not in roles.sources and m.role in ("actor", "target", "location")
                   and doc[m.tok].head.lower_ in ("to", "for", "into")}
        if len(sent_to) == 1:
            return next(iter(sent_to))
        ranked = [c for c, _ in ctx.counts.most_common() if c not in roles.sources]
        return ranked[0] if ranked and not sent_to else None

    @staticmethod
    def _parse_gives_nobody(reader: RoleReader, chosen: Trigger, other: Trigger) -> bool:
        """``chosen`` counts only with the parties its parse names and names fewer than
        two, while ``other``, of the same event, is no such trigger ("two soldiers were
        killed in border clashes between X and Y": the clashes tell the event)."""
        if not chosen.parse_only or other.parse_only:
            return False
        roles = reader.roles(chosen)
        return roles is None or len(roles.countries) < 2

    @staticmethod
    def _host_city(sent: Sentence, trig: Trigger, guest: str) -> str | None:
        """"The Chilean minister is expected in Lima for talks with his counterpart": in a
        story that names no other country, the country of the foreign city a guest
        travels to for the talks is the host (``travel_verbs`` in data/actors.json)."""
        span = sent.tokens(trig.start, trig.end)
        if trig.type != "CONSULT" or sent.non_state or span is None:
            return None
        verb = span.root
        for _ in range(3):  # talks -> for -> expected
            if verb.pos_ == "VERB" or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.lemma_.lower() not in actor_words().travel_verbs:
            return None
        cities = {m.tok: m.iso3 for m in sent.mentions
                  if m.kind in ("cities", "capitals") and m.role in ("location", "target")}
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "to", "at"):
                for obj in prep.children:
                    # a name of several words ("the White House") is known by its first
                    named = [cities[i] for i in range(obj.left_edge.i, obj.i + 1) if i in cities]
                    if obj.dep_ == "pobj" and named and named[-1] != guest:
                        return named[-1]
        return None

    @staticmethod
    def _crowd_from_elsewhere(sent: Sentence) -> bool:
        """A protest by a diaspora ("the Ethiopian diaspora demonstrated in front of the
        Egyptian embassy in Washington"): the crowd need not be of the place it gathers in.
        A crowd named by no country at a foreign mission is of the mission's post
        ("students marched to the Indian embassy in Kathmandu")."""
        return any(m.role == "nonactor" and m.kind == "demonyms" for m in sent.mentions)

    def _group_of(self, sent: Sentence, ctx: StoryContext) -> list[str]:
        """"the three countries", "all four sides": that many of the story's most
        named countries (``group_nouns`` in patterns/lexicons.json); "a trilateral
        meeting": three of them (``group_adjectives``); "the leaders" with no number,
        after a meeting of three or more: the countries of that meeting."""
        nouns = set(lexicon("group_nouns"))
        sizes = {w: int(n) for w, (n, *_) in lexicon_map("group_adjectives").items()}
        ranked = [k for k, _ in ctx.counts.most_common()]
        for tok in sent.span:
            n = sizes.get(tok.lower_, 0)
            if tok.lower_ in nouns:
                n = next((_NUMBERS[c.lower_] for c in tok.children
                          if c.dep_ == "nummod" and c.lower_ in _NUMBERS), 0)
                if not n and tok.tag_ in ("NNS", "NNPS") and any(
                    c.dep_ == "det" and c.lower_ == "the" for c in tok.children
                ):
                    group = next((d.countries for d in reversed(self.drafts)
                                  if d.story == sent.story and len(d.countries) >= 3
                                  and d.mode == "multilateral" and not d.background), None)
                    if group is not None:
                        return sorted(group)
            if n and len(ranked) >= n:
                return ranked[:n]
        return []

    def _coordinated(self, sent: Sentence, trig: Trigger | None = None) -> list[list[str]]:
        """Runs of country mentions joined by commas and "and": "Argentina,
        Brazil, Paraguay and Uruguay"; with ``trig``, not those of a relative clause or
        a phrase of time that does not hold it ("an agreement in which Venezuela and
        Guyana ...", "after talks with X")."""
        groups: list[list[str]] = []
        ms = [m for m in sent.mentions if m.role in ("actor", "target")]
        if trig is not None:
            own = _relative_clauses(sent, trig.start)
            ms = [m for m in ms if _relative_clauses(sent, m.start) <= own]
            # nor those of an act told as its time ("before his visit to Accra, the
            # Nigerian President phoned ...")
            adjuncts = _sequence_adjuncts(sent, trig.start)
            ms = [m for m in ms if _sequence_adjuncts(sent, m.start) <= adjuncts]
        current: list[str] = []
        for prev, m in zip([None, *ms], ms, strict=False):
            if prev is not None:
                between = self.text[prev.end : m.start].strip().lower()
                joined = between in ("and", ",", ", and", ", the", "and the", ", and the") or bool(
                    _LISTED_OFFICIAL.match(self.text[prev.end : m.start])
                )
                if joined:
                    if m.iso3 not in current:
                        current.append(m.iso3)
                    continue
            if len(current) >= 2:
                groups.append(current)
            current = [m.iso3]
        if len(current) >= 2:
            groups.append(current)
        return groups

    def _listed_envoys(self, sent: Sentence) -> list[tuple[str, Person]]:
        """The envoys of a list of two or more, each of another country ("Uruguay's
        Ambassador A, Kenya's Ambassador B and ..."), as (country, person)."""
        envoys = lexicon("envoy_nouns")
        found: dict[str, Person] = {}
        for p in sent.persons:
            country = p.country or self.registry.country_of(p.name)
            if country and p.title and any(w in envoys for w in p.title.lower().split()):
                found.setdefault(country, p)
        return list(found.items()) if len(found) >= 2 else []

    def _plural_envoys(self, sent: Sentence) -> list[str]:
        """Countries coordinated after a plural "ambassadors of"."""
        ms = [m for m in sent.mentions if m.role == "actor"]
        for i, m in enumerate(ms):
            before = self.text[max(sent.start, m.start - 40) : m.start]
            if not _PLURAL_ENVOYS.search(before):
                continue
            run = [m.iso3]  # "ambassadors of Indonesia, Qatar and Hungary": every one
            for left, right in itertools.pairwise(ms[i:]):
                between = self.text[left.end : right.start].strip().lower()
                if not (between in (",", "and", ", and", "the republic of")
                        or between.startswith("and")):
                    break
                run.append(right.iso3)
            if len(set(run)) >= 2:
                return list(dict.fromkeys(run))
        return []

    # -- attributes ------------------------------------------------------------
    def _date(self, sent: Sentence, trig: Trigger, future: bool) -> tuple[str | None, int]:
        apart = _days_apart(sent, trig)
        if apart is not None and any(d.start >= apart[1] for d in sent.dates):
            apart = None  # "hours after troops exchanged fire on Wednesday": its own day
        if apart is not None:
            # "..., a day after X met Y": the day of the clause before, counted back
            days, start = apart
            before = [d for d in sent.dates if d.end <= start and d.start >= self.dateline_end
                      and d.kind != "range_years"]
            published = self.story_dates.get(sent.story, self.published)
            value = before[-1].resolve(published, False) if before else None
            if value and len(value) == 10 and "X" not in value:
                moved = _date_of(value) - datetime.timedelta(days=days)
                return moved.isoformat(), before[-1].text_precision
        usable = [
            d for d in sent.dates
            if d.kind != "range_years" and d.start >= self.dateline_end
            and not self._inside_quantity_phrase(sent, d) and not _dates_another(sent, trig, d)
            and not _dates_another_noun(sent, trig, d)
            # "told a meeting that the two intend to double trade by 2030": what was
            # said or meant has its own time
            and not _in_complement(sent, trig, d, ("ccomp",))
        ]
        published = self.story_dates.get(sent.story, self.published)
        phrase = self.arguments.get(sent.start, frozenset())
        if trig.tok in phrase:
            # "protested on Wednesday over the seizure of a boat by X": what a complaint is
            # about is dated only inside its own phrase
            usable = [d for d in usable if (tok := sent.tokens(d.start, d.end)) is not None
                      and tok.start in phrase]
        if not future:
            # what has happened cannot be dated after the article
            usable = [d for d in usable if not self._after_publication(d, published)]
        # "met Abiy Ahmed, who visited Djibouti in March": a date in a relative clause
        # dates that clause's act, not the trigger outside it; and an act told in a
        # relative clause ("the trawler, which X seized last month, was released on
        # Wednesday") is not dated by the sentence's own act
        own = _relative_clauses(sent, trig.start)
        about = _telling_of(sent, trig)
        # (a clause with "who"/"which" on the object a verb pattern spans tells another
        # act: "handed back three soldiers who had been detained on Sunday")
        told = _verb_of(sent, about)
        strict = _about_a_thing(sent, own)
        usable = [d for d in usable
                  if strict <= _relative_clauses(sent, d.start, told) <= own
                  and _reduced_relatives(sent, d.start, about)
                  <= _reduced_relatives(sent, trig.start)]
        if trig.type in _DATED_BEFORE_TRIGGER:
            # "agreed to hold the next round in 2024", "agreed that the commission would
            # meet in August": the date is the future action's
            usable = [
                d for d in usable
                if (d.end <= trig.start
                    or not re.search(r"\bto\s", self.text[trig.end : d.start]))
                and not _in_complement(sent, trig, d)
            ]
        if trig.clause_background:
            # "on Saturday X hit back at Y's decision earlier this week to expel ...": the
            # act told as earlier is not dated by what comes before the word that says so
            window = self.text[max(sent.start, trig.start - 80) : trig.start]
            cue = max((m.start() for m in _EARLIER_CUE.finditer(window)), default=None)
            if cue is not None:
                floor = max(sent.start, trig.start - 80) + cue
                usable = [d for d in usable if d.start >= floor]
        if not usable:
            return None, 0
        # "a visit to Laos, which they had begun on May 15": the clause tells of the visit
        told_of = {
            id(d) for d in usable
            if _relative_clauses(sent, d.start) != _relative_clauses(sent, d.start, about)
        }
        head = _act_tokens(sent, trig)[1] if sent.span.doc.has_annotation("DEP") else None
        best: DateMention = min(
            usable, key=lambda d: (
                # "would run until mid-December": the end of a span, the last choice
                bool(_UNTIL.search(self.text[max(0, d.start - 12) : d.start])),
                self._reporting_date(d), id(d) not in told_of,
                # "met on Tuesday and held another round on Thursday": the date that
                # hangs on the act's own verb, before the nearest one
                _verb_rank(sent, d, head),
                _distance(d.start, d.end, trig)
            )
        )
        # "on Thursday and Friday", "on May 5 to 8": a span of days is dated by its first
        first = next((d for d in usable if d.end < best.start
                      and self.text[d.end : best.start].strip(" ,") in _DAY_SPAN_JOINERS), None)
        if first is not None and first.text_precision == best.text_precision:
            best = first
        value = self._resolve(best, published, future)
        precision = best.text_precision - (2 if self._reporting_date(best) else 0)
        if value and len(value) == 10 and "X" not in value:
            days = _days_ended(sent, trig, best)
            if days > 1:
                # "on Friday wrapped up a three-day visit": dated by its first day
                value = (_date_of(value) - datetime.timedelta(days=days - 1)).isoformat()
        return value, precision

    def _year_of(self, sent: Sentence) -> str | None:
        """The year the story of ``sent`` is told in (its entry's date line, else the
        article's)."""
        own = self.story_dates.get(sent.story)
        if own is not None:
            return own[:4]
        return None if self.pub.year is None else f"{self.pub.year:04d}"

    @staticmethod
    def _after_publication(d: DateMention, pub: str | None) -> bool:
        value = d.resolve(pub, False)
        if not value or not pub or "X" in value or "X" in pub:
            return False
        return value[: len(pub)] > pub[: len(value)]

    def _resolve(self, d: DateMention, published: str | None, future: bool) -> str | None:
        """The TIMEX of a date mention; a weekday against a year-less publication date
        whose own weekday the lead gave ("MOSCOW, June 18 ... said on Wednesday")."""
        value = d.resolve(published, future)
        if value is None and d.kind == "weekday" and published == self.published:
            value = weekday_of_yearless(d, published, self.pub_weekday, future)
        return value

    def _reporting_date(self, d: DateMention) -> bool:
        """"said on Tuesday", "On Sunday, the ministry said": when it was said."""
        before = self.text[max(0, d.start - 40) : d.start].lower()
        after = self.text[d.end : d.end + 40].lower()
        return bool(
            re.search(
                r"\b(?:said|told|reported|announced|stated|noted|released|issued)"
                r"(?:\s+[\w']+){0,3}?\s+(?:on\s+)?$",
                before,
            )
            or re.match(r"^,?\s+(?:the\s+)?[a-z' ]{0,30}\b(?:said|told|announced)\b", after)
        )

    def _inside_quantity_phrase(self, sent: Sentence, d: DateMention) -> bool:
        """"a programme for 2026", "the budget for 2024": the date says what a thing
        covers; not after a verb of scheduling ("scheduled for 2026", "postponed for
        May"), whose act it dates."""
        before = self.text[max(0, d.start - 12) : d.start].lower().rstrip()
        if not before.endswith(("for", "program", "programme", "plan")):
            return False
        span = sent.tokens(d.start, d.end)
        if before.endswith("for") and span is not None and span.start > sent.span.start:
            prep = span.doc[span.start - 1]
            if prep.lower_ == "for" and prep.head.lemma_ in lexicon("schedule_verbs"):
                return False
        return True

    @staticmethod
    def _country_names(sent: Sentence) -> set[str]:
        names = {m.text for m in sent.mentions if m.kind in _COUNTRY_KINDS}
        return names | {m.text for m in sent.mentions if m.kind == "demonyms"}

    def _location(self, sent: Sentence, trig: Trigger) -> tuple[str | None, int]:
        """Where the act took place, with its rank: 2 a city, 1 a country or region, 0 a
        venue (a palace, a ministry): the spec's place is the city, else the country."""
        best: tuple[int, str, int] | None = None
        # "envoys, who took up their missions in Tanzania, were received at ...": a
        # place in a relative clause is where that clause's act happened; and the place
        # of the sentence is not that of an act told in one of its relative clauses
        own = _relative_clauses(sent, trig.start)
        about = _token_range(sent, trig)  # "the bombings that X carried out inside Y"
        destination = self._destination(sent, trig)
        territory, venue_labels = _place_words()
        doc = sent.span.doc
        cities: dict[str, str] = {}  # place -> its country
        for m in sent.mentions:
            if m.kind == "demonyms" and m.tok + 1 < sent.span.end and (
                doc[m.tok + 1].lower_ in territory
            ) and _relative_clauses(sent, m.start, about) == own:
                # "on Rwandan territory", "inside Chilean airspace"
                before = self.text[max(sent.start, m.start - 12) : m.start]
                if re.search(r"\b(?:on|in|inside|into)\s+(?:the\s+)?$", before, re.IGNORECASE):
                    end = sent.offset + doc[m.tok + 1].idx + len(doc[m.tok + 1])
                    dist = abs(m.start - trig.end) + 200
                    if best is None or dist < best[0]:
                        best = (dist, self.text[m.start : end], 1)
                continue
            if m.role not in ("actor", "target", "location") or m.kind not in _PLACE_KINDS:
                continue
            if _relative_clauses(sent, m.start, about) != own:
                continue
            if _place_of_other_act(sent, trig, m.tok):
                continue  # "signed a memorandum and agreed the commission would meet in X"
            # a seat of government that is no city ("in the Kremlin"): a venue
            seat = m.kind == "capitals" and m.text not in load_cities()
            if m.kind in ("capitals", "cities") and not seat and _names_the_meeting(
                sent, trig, m.tok
            ):
                return m.text, 2  # "the Doha talks"
            if m.kind in ("capitals", "cities") and _on_trigger(sent, trig, m.tok):
                cities[m.text] = m.iso3
            before = self.text[max(sent.start, m.start - 12) : m.start]
            right_after_visit = trig.mode == "visit" and 0 <= m.start - trig.end <= 2
            cue = _LOCATION_CUE.search(before)
            if cue is not None and cue.group(1).lower() in ("to", "into") and (
                trig.mode != "visit" and not _hangs_on(sent, trig, m.start, m.end)
            ):
                cue = None  # "according to X", "ordered the envoy back to X"
            if cue is not None and _post_of(doc[m.tok]):
                cue = None  # "its ambassador in Caracas", "the embassy in Lima"
            if not (cue or right_after_visit or _venue_city(doc[m.tok])):
                continue
            if m.kind in _COUNTRY_KINDS and not (
                trig.mode == "visit" or right_after_visit
                or re.search(r"\b(?:to|in|into|inside)\s+(?:the\s+)?$", before)
            ):
                continue
            # a city is the place; a country only failing one; a seat only failing both
            dist = abs(m.start - trig.end) + (
                200 if m.kind in _COUNTRY_KINDS else 300 if seat else 0)
            if best is None or dist < best[0]:
                best = (dist, m.text, 1 if m.kind in _COUNTRY_KINDS else 0 if seat else 2)
        for ent in sent.span.ents:
            place = _city_in(ent)
            start = sent.offset + ent.start_char
            end = sent.offset + ent.end_char
            # "at the FSM Department of Foreign Affairs": a venue of a named country
            venue_of = next((m.text for m in sent.mentions if start <= m.start
                             and m.end <= end and m.kind not in ("capitals", "regions")), None)
            if ent.label_ not in ("GPE", "LOC", "FAC") and place is None and venue_of is None:
                continue
            before = self.text[max(sent.start, start - 12) : start]
            if not re.search(r"\b(?:in|at|into|inside)\s+(?:the\s+)?$", before):
                continue
            if any(m.start <= start < m.end for m in sent.mentions
                   if m.kind not in ("capitals", "regions")):
                continue  # a region is named as a place the way a city is ("Pasay City")
            if any(m.kind == "state_forms" and start <= m.start < end for m in sent.mentions):
                continue  # "arrived in the Kingdom earlier": no place named
            if _relative_clauses(sent, start, about) != own or _post_of(ent.root) or (
                _place_of_other_act(sent, trig, ent.root.i)
            ):
                continue
            # a venue ("the Itamaraty Palace") only failing a city or a country
            dist = abs(start - trig.end) + (5 if place or ent.label_ not in venue_labels
                                            else 300)
            # "at State House Dar es Salaam": the city, when the name ends in one
            name = place or (venue_of if ent.label_ == "ORG" else None) or ent.text.strip()
            if place and _on_trigger(sent, trig, ent.end - 1):
                cities[place] = load_cities().get(place, "")
            if best is None or dist < best[0]:
                rank = 2 if place or ent.label_ not in venue_labels else 0
                best = (dist, name, rank)
        if destination is not None:
            # "wrapping up a visit to Laos" after "arrived in Hanoi": where the visit
            # went, or a city of that country named with it
            iso3, name = destination
            city = next((c for c, where in cities.items() if where == iso3), None)
            return (city, 2) if city else (name, 1 if name in self._country_names(sent) else 2)
        if best is None and sent.story in self.story_places and _said_here(sent, trig):
            return self.story_places[sent.story], 2  # "was signed here on Tuesday"
        return (best[1], best[2]) if best else (None, 0)

    def _destination(self, sent: Sentence, trig: Trigger) -> tuple[str, str] | None:
        """(country, name) of the place a visit went to: the object of "to" on the
        visit word ("an official visit to Laos", "the trip to Ottawa")."""
        if trig.mode != "visit":
            return None
        doc = sent.span.doc
        span = sent.tokens(trig.start, trig.end)
        if span is None:
            return None
        for m in sent.mentions:
            if m.kind not in _PLACE_KINDS or m.role not in (
                "actor", "target", "location"
            ):
                continue
            tok = doc[m.tok]
            prep = tok.head
            if tok.dep_ == "pobj" and prep.lower_ == "to" and span.start <= prep.head.i < span.end:
                return m.iso3, m.text
        return None

    # -- assembly --------------------------------------------------------------
    def add_sentence(self, sent: Sentence, ctx: StoryContext) -> None:
        self.home = self.story_homes.get(sent.story, self.page_home)
        self.sentences.append(sent)
        if not self._lead_seen and self.dateline_end > 0 and sent.end > self.dateline_end:
            self._lead_seen = True
            self.pub_weekday = _lead_weekday(sent, self.pub)
        found = self._sentence_countries(sent)
        reader = RoleReader(sent, self.registry.country_of)
        by_key: dict[tuple[str, bool, str | None, frozenset[str]], Trigger] = {}
        # trigger words nested in another event's arguments neither make an event nor
        # lend it their mode ("discuss preparations for the upcoming forum")
        phrases = [reader.argument_phrase(t, sent.triggers) for t in sent.triggers]
        self.arguments[sent.start] = frozenset(i for p in phrases for i in p)
        arguments = {id(t) for t, p in zip(sent.triggers, phrases, strict=True) if p}
        sent.triggers = [t for t in sent.triggers if not reader.nested(t, sent.triggers)]
        sent.triggers = [t for t in sent.triggers if not _guest_marker(sent, t)]
        doers = {id(t): _own_subject(sent, t) if t.type in _ANSWERED_IN_KIND else frozenset()
                 for t in sent.triggers}
        backdrops = _backdrops(sent)
        for trig in sent.triggers:
            if self._complement(sent, trig) or trig.tok in backdrops:
                continue
            explicit = trig.mode if trig.mode not in (None, "meeting") else None
            if trig.pattern in _COURTESY_PATTERNS:
                explicit = "courtesy"  # a call of its own beside the talks of a visit
            if _told_apart(sent, trig) or _told_as_earlier(sent, trig):
                # "held a separate meeting", "another round", "the previous round"
                explicit = f"apart:{trig.start}"
            elif trig.type != "CONSULT" and _sequence_clauses(sent, trig.start):
                # "jets struck posts on Thursday, hours after troops exchanged fire on
                # Wednesday": the clause tells an act of its own (a meeting told so is
                # most often the visit's talks: "met hours after arriving")
                explicit = f"apart:{trig.start}"
            # an act answered in kind by another subject is another event
            doer = doers[id(trig)]
            if not any(t.type == trig.type and doers[id(t)] and not doers[id(t)] & doer
                       for t in sent.triggers):
                doer = frozenset()
            key = (trig.type, trig.clause_background, explicit, doer)
            current = by_key.get(key)
            if current is not None and trig.type == "CONSULT" and trig.strong and (
                current.strong and trig.planned != current.planned
            ):
                # "held talks on Thursday and agreed to hold the next round in Tunis":
                # the meeting an agreement plans is an occasion of its own (an act of
                # another type planned beside a done one goes on with it: "ratified the
                # pact, which is to enter into force in May")
                key = (trig.type, trig.clause_background, f"apart:{trig.start}", doer)
                current = None
            if current is not None and self._parse_gives_nobody(reader, trig, current):
                continue  # "soldiers were killed in clashes between X and Y": the clashes
            if current is None or (trig.strong and not current.strong) or (
                # what an agreement plans before a weak word of the same act ("agreed to
                # hold the first session of the joint commission in Dakar")
                trig.planned and not current.planned and not current.strong
            ) or (
                current.anaphoric and not trig.anaphoric and trig.strong
            ) or self._parse_gives_nobody(reader, current, trig):
                by_key[key] = trig
        explicit_statuses = {
            self._future(sent, t.tok) for k, t in by_key.items()
            if k[0] == "CONSULT" and k[2] and k[2] != "courtesy" and t.strong
            and not k[2].startswith("apart:")
            and not _relative_clauses(sent, t.start)  # "who visited Djibouti": another act
        }
        for key, trig in by_key.items():
            if key[0] == "CONSULT" and key[2] is None and (
                self._future(sent, trig.tok) in explicit_statuses
            ) and not _told_as_before(sent, trig) and len(self._counterparts(sent, trig)) < 2:
                continue  # "talks during the visit": the visit says how they met
            if trig.type not in actor_words().non_state_types and reader.non_state_subject(trig):
                continue  # "a Chinese mining company signed ...": no state acts
            if self._elaborates(sent, trig) or reader.held_by_no_state(trig):
                continue
            if reader.body_of_one_state(trig) and len({c for c, _ in found}) <= 1:
                continue  # "taken at a meeting of the National Security Bureau"
            roles = reader.roles(trig, own_phrase=id(trig) in arguments)
            if reader.visits_a_place(trig):
                continue  # "a Japanese minister visited the disputed islets"
            if self._one_country(sent, reader.one_country(trig)):
                continue  # "the Italian minister received the Italian ambassador to Brazil"
            if roles is not None:
                self.agents[trig.start] = roles.sources
            accused = self._doer_of_complained_act(sent, trig, roles)
            if accused is not None and roles is not None:
                # "Egypt and Saudi Arabia condemned the raid", "Mogadishu turned the
                # offer down": the act the story told last, done by its own doer, is what
                # they accuse or refuse
                for source in sorted(roles.sources - {accused}):
                    self._add_candidate(sent, trig, frozenset((source, accused)))
                continue
            if trig.solo_label and roles is not None and len(roles.sources) <= 1 and len(
                roles.countries - roles.reacting
            ) <= 1 and not reader.done_together(trig):
                trig = dataclasses.replace(trig, type=trig.solo_label, mode=None)
            if (roles is not None and roles.implicit and self.home
                    and not roles.targets - roles.sources
                    and len(roles.sources) >= 2 and self.home not in roles.sources
                    and trig.type in _ONE_EACH_WITH_HOME):
                # "the President received calls from the leaders of Uganda and Tanzania"
                # in a story told from Kenya: each of them with the home country
                for source in sorted(roles.sources):
                    self._add_candidate(sent, trig, frozenset((source, self.home)))
                continue
            if (roles is not None and trig.type == "CONSULT" and len(roles.sources) == 1
                    and len(roles.targets - roles.sources) >= 2
                    and (_separate_acts(sent, trig) or (trig.mode == "phone" and any(
                        t.lower_ == "both" for t in sent.span if t.idx + sent.offset > trig.start
                    ))) and not _joint_words_in(sent)
                    # ("with X and, separately, with Y": read as separate meetings already)
                    and not any(t.pos_ == "ADV" and t.lower_ in lexicon("separate_markers")
                                for t in sent.span)):
                # "spoke by phone with both the Thai and Cambodian ministers", "held
                # separate talks with the leaders of A and B": one call each (not "a call
                # with the presidents of A and B", one call of three)
                for target in sorted(roles.targets - roles.sources):
                    self._add_candidate(sent, trig, frozenset((*roles.sources, target)))
                continue
            envoys = self._listed_envoys(sent) if trig.type == "CONSULT" else []
            guests = {e for e, _ in envoys}
            host = (next((c for c, _ in found if c not in guests), None)
                    or _host_of_envoys(ctx, self.home, guests)) if envoys else None
            if host is not None:
                # "The credentials were presented by Uruguay's Ambassador A, Kenya's
                # Ambassador B and ...": one meeting each, with the host
                for country, _person in envoys:
                    draft = self._add_candidate(sent, trig, frozenset((country, host)))
                    if draft is not None:  # each envoy in his own meeting only
                        draft.participants = [
                            p for p in draft.participants
                            if not any(q is p and c != country for c, q in envoys)
                        ]
                continue
            if (roles is not None and len(roles.sources) == 1 and not roles.targets
                    and trig.type in _ONE_EACH and _both_sides_addressed(sent, trig)):
                # "France called on both sides to respect the ceasefire": the story's pair
                dyad = set(ctx.dyad())
                if len(dyad) == 2 and not dyad & roles.sources:
                    self._add_candidate(sent, trig, frozenset(roles.sources | dyad))
                    continue
                last = next((d for d in reversed(self.drafts) if d.story == sent.story), None)
                if last is not None and len(last.countries) == 2 and (
                    last.countries >= roles.sources
                ):
                    continue  # "X met Y. X's president asked the two ministries to ...": one
                    # of the pair urging both, its own side too, asks nothing of the other
            if (roles is not None and trig.type in _ONE_EACH and not roles.targets
                    and len(roles.sources) >= 2 and _joint_subject(sent, trig)):
                continue  # "A, B and C condemned the attacks": together, on no state named
            recipient = self._aid_recipient(sent, ctx, roles) if (
                trig.type == "AID" and roles is not None) else None
            if recipient is not None and roles is not None:
                # "Egypt, Algeria and Tunisia dispatched rescue teams ... for Libya": each
                # of the givers to the one receiver
                for source in sorted(roles.sources):
                    self._add_candidate(sent, trig, frozenset((source, recipient)))
                continue
            if roles is not None and len(roles.countries) >= 2 and not self._plural_envoys(sent):
                # who did it to whom, read off the parse; lists the parse broke up
                # ("Foreign Minister A of X, Foreign Minister B of Y ...") join in
                if (trig.type in _ONE_EACH and len(roles.sources) >= 2
                        and len(roles.targets) == 1 and not roles.sources & roles.targets):
                    # "A, B and C severed ties with D": each of them did it to D
                    for source in sorted(roles.sources):
                        self._add_candidate(sent, trig, frozenset((source, *roles.targets)))
                    continue
                chosen = set(roles.countries)
                for group in self._coordinated(sent, trig):
                    if chosen & set(group):
                        chosen |= set(group)
                if trig.type == "CONSULT" and self._home_completes_group(sent, chosen):
                    chosen.add(str(self.home))
                self._add_candidate(sent, trig, frozenset(chosen), answers=bool(roles.reacting))
                continue
            if (
                roles is not None and roles.implicit and len(roles.countries) == 1
                and self.home and self.home not in roles.countries
                and (trig.strong or trig.type == "CONSULT")  # "received a delegation of X"
            ):
                # "the Prime Minister received a call from X" in a story told from home
                self._add_candidate(sent, trig, frozenset((*roles.countries, self.home)))
                continue
            if trig.parse_only:
                # "told reporters": only the parse may name its parties; "the two
                # countries went to war": the pair the story is about
                pair = frozenset(ctx.dyad())
                if len(pair) == 2 and _pair_subject(sent, trig) and not found:
                    self._add_candidate(sent, trig, pair)
                continue
            targets = self._syntactic_targets(sent, trig)
            if roles is not None:
                # a party the parse found in what was refused or threatened ("removing its
                # ban on Singaporean poultry") though the mention reads as a topic
                known = {c for c, _ in found + targets}
                targets += [(c, trig.tok) for c in sorted(roles.targets | roles.sources)
                            if c not in known]
            named = {c for c, _ in found + targets}
            if trig.type in _ONE_EACH and _joint_subject(sent, trig) and (
                (len(named) >= 2 and {tok for _c, tok in found + targets}
                 <= _subject_tokens(sent, trig, _ACTIVE_SUBJECTS))
                or (not named and _plural_subject(sent, trig))
            ):
                # the parse missed the list, but every country is the subject's; or "the
                # leaders condemned terrorism": the two sides together, on no one named
                continue
            if self._envoys_without_countries(sent, trig, found):
                # decided when the story is read: a roster of the envoys may follow
                self.pending_envoys.append(
                    (len(self.sentences) - 1, trig, ctx, found + targets)
                )
                continue
            own_clause = self._relative_clause(sent, trig)
            if own_clause is not None and not any(
                m.tok in own_clause for m in sent.mentions if m.role != "dateline"
            ) and not any(p.tok in own_clause for p in sent.persons):
                # "the chancellor, who had faced criticism at home, travelled to Kyiv": an
                # act told in a relative clause that names no one of its own is no event
                continue
            if trig.type == "AID":
                # "equipment donated by Japan arrived in Kyiv": where the aid arrives
                targets = targets + [(m.iso3, m.tok) for m in sent.mentions
                                     if m.role == "location" and _arrived_at(sent, m.tok)]
            if trig.type in _FORCE_TYPES:
                # troops massed or fire opened "near the border with X": X is what they face
                targets = targets + [(m.iso3, m.tok) for m in sent.mentions
                                     if m.role == "landmark"]
            named = {c for c, _ in found + targets}
            if trig.type == "CONSULT" and len(named) < 2 and _told_as_earlier(sent, trig) and (
                not any(len(c) >= 2 for c in self._choose(sent, trig, ctx, found + targets))
            ):
                # "The previous session was held in Lima in 2019": the story's pair met
                pair = frozenset(ctx.dyad())
                if len(pair) == 2 and named <= pair:
                    self._add_candidate(sent, trig, pair)
                continue
            self._add_chosen(sent, trig, ctx, found + targets)
        if not by_key:
            self._attach_people(sent)

    @staticmethod
    def _relative_clause(sent: Sentence, trig: Trigger) -> frozenset[int] | None:
        """The tokens of the relative clause on a person that holds the trigger ("...,
        who had faced criticism at home, ..."), or None."""
        span = sent.tokens(trig.start, trig.end)
        if span is None or not sent.span.doc.has_annotation("DEP"):
            return None
        tok = span.root
        for _ in range(_MAX_CLIMB):
            if tok.dep_ == "relcl" and any(c.tag_ == "WP" for c in tok.children):
                own = {t.i for t in tok.subtree}
                if any(c.tag_ == "WP" and c.dep_ == "nsubjpass" for c in tok.children):
                    # "three Colombian soldiers who had been detained": whom it was done
                    # to is the noun the clause is on
                    own |= _noun_of_clause(tok)
                return frozenset(own)
            if tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    def _future(self, sent: Sentence, tok: int) -> bool:
        """A future cue around the trigger at ``tok``, not in a phrase that is what it is
        about ("met to discuss preparations for the upcoming forum" took place)."""
        arguments = self.arguments.get(sent.start, frozenset())
        skip = arguments if tok not in arguments else frozenset()
        doc = sent.span.doc
        if doc.has_annotation("DEP") and 0 <= tok < len(doc) and doc[tok].pos_ == "VERB":
            # "met on Monday to prepare next month's summit": a clause under the verb
            # (its purpose, what was said) tells of another act, not of this one's time
            skip = skip | frozenset(
                t.i for c in doc[tok].children if c.dep_ in CLAUSE_DEPS or (
                    # "accused X of preparing to annex": what it is accused of
                    c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children)
                ) for t in c.subtree
            )
        clauses = _relative_clauses(sent, sent.char(tok)) if 0 <= tok < len(doc) else None
        if clauses:
            # "X, who is on a state visit to Y, is expected to tour ...": a relative
            # clause keeps its own time (the innermost, if clauses nest)
            inside = min(({t.i for t in doc[c].subtree} for c in clauses), key=len)
            skip = skip | frozenset(i for i in range(sent.span.start, sent.span.end)
                                    if i not in inside)
        if sent.future_near(tok, skip=skip):
            return True
        # "are to sign a memorandum ... during the visit", "is expected to meet X, and to
        # address a business forum": the verb the trigger's phrase hangs on is to come
        if not doc.has_annotation("DEP") or not 0 <= tok < len(doc):
            return False
        t = doc[tok]
        for _ in range(6):
            if t.dep_ not in _PHRASE_DEPS or t.head.i == t.i:
                return False
            t = t.head
            if t.pos_ in ("VERB", "AUX") and t.i not in skip and sent.future_near(
                t.i, window=3, skip=skip
            ):
                return True
        return False

    def _one_country(self, sent: Sentence, country: str | None) -> bool:
        """Both sides of the act are of one country and the sentence names no other
        that could take part (the country an envoy is posted to takes none)."""
        if country is None:
            return False
        doc = sent.span.doc
        envoys = frozenset(lexicon("envoy_nouns"))
        others = {c for c, tok in self._sentence_countries(sent)
                  if not envoy_post(doc, tok, envoys)}
        return others <= {country}

    def _add_chosen(
        self, sent: Sentence, trig: Trigger, ctx: StoryContext, found: list[tuple[str, int]]
    ) -> None:
        for countries in self._choose(sent, trig, ctx, found):
            if len(countries) >= 2:
                self._add_candidate(sent, trig, countries)

    @staticmethod
    def _syntactic_targets(sent: Sentence, trig: Trigger) -> list[tuple[str, int]]:
        """Countries that a preposition hangs on the trigger as its other party
        ("sanctions on Belarus", "called on China", "struck targets in Syria"),
        though a country after "on" or "in" is otherwise a topic or a place; the
        prepositions per type are ``target_prepositions`` in patterns/lexicons.json."""
        preps = lexicon_map("target_prepositions").get(trig.type, ())
        if not preps:
            return []
        doc = sent.span.doc
        span = sent.tokens(trig.start, trig.end)
        if span is None:
            return []
        anchors = {t.i for t in span} | {span.root.head.i}
        tok = span.root
        for _ in range(3):  # "thousands of protesters ... rallied against X": their verb
            if tok.dep_ not in ("pobj", "prep", "nsubj") or tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.pos_ == "VERB":
                anchors.add(tok.i)
                break
        out: list[tuple[str, int]] = []
        for m in sent.mentions:
            if m.role not in ("topic", "location") and not (
                m.role == "landmark" and trig.type in _FORCE_TYPES
            ):
                continue
            tok = doc[m.tok]
            for _ in range(5):  # Iranian -> officials -> against -> sanctions
                head = tok.head
                if head.i == tok.i:
                    break
                if tok.dep_ == "prep" and tok.lower_ in preps and head.i in anchors:
                    out.append((m.iso3, m.tok))
                    break
                tok = head
        return out

    def _doer_of_complained_act(
        self, sent: Sentence, trig: Trigger, roles: Roles | None
    ) -> str | None:
        """The country that did what a complaint or a refusal is about, when it names
        the act but not its doer ("Kenya denounced the attack" after "Rwandan drones
        struck a market in DR Congo"; "Mogadishu turned the offer down" after "Kenya
        offered to host talks"): the one doer of the story's latest act of that type,
        else None. Not when the act's phrase names a country of its own ("condemned
        Uganda's decision") or the complaint names a party the act did not involve."""
        if trig.type not in ("ACCUSE", "REJECT") or roles is None or not roles.sources:
            return None
        span = sent.tokens(trig.start, trig.end)
        doc = sent.span.doc
        if span is None or not doc.has_annotation("DEP"):
            return None
        found = self._complained_act(span, trig.type)
        if found is None:
            return None
        phrase, etype = found
        if any(m.tok in phrase for m in sent.mentions):
            return None
        last = next((d for d in reversed(self.drafts) if d.story == sent.story
                     and d.type == etype), None)
        who = last.doer or last.agent if last is not None else frozenset()
        if last is None or len(who) != 1 or not roles.targets <= last.countries:
            return None
        doer = next(iter(who))
        return None if doer in roles.sources else doer

    @staticmethod
    def _complained_act(span: Span, etype: str) -> tuple[set[int], str] | None:
        """The phrase of the act a complaint (its object, an act suppressed as what it
        is about) or a refusal (its object noun of ``rejected_objects``) is about, and
        that act's type."""
        doc = span.doc
        if etype == "ACCUSE":
            objects = [sp for sp in doc.spans.get(SUPPRESSED, [])
                       if sp.id_ == "suppress.object.of.complaint"
                       and sp.root.head.i == span.root.i]
            if len(objects) != 1:
                return None
            return {t.i for t in objects[0].root.subtree}, objects[0].label_.partition(":")[0]
        kinds = {w: kind for kind, words in lexicon_map("rejected_objects").items()
                 for w in words}
        nouns = list({t.i: t for t in (*span, *(c for c in span.root.children
                                                if c.dep_ == "dobj"))
                      if t.pos_ == "NOUN" and t.lemma_.lower() in kinds}.values())
        if len(nouns) != 1 or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                      for c in nouns[0].children):
            return None  # only "the offer", "this proposal": one told before
        return {t.i for t in nouns[0].subtree}, kinds[nouns[0].lemma_.lower()]

    def _complement(self, sent: Sentence, trig: Trigger) -> bool:
        """A trigger that is what someone urged, invited or agreed to do ("urged
        Tajikistan to withdraw", "invited the side to take part in the forum"),
        or a reception of goods ("the consignment was received by ..."); not what a
        kept invitation or agreement plans (a frame with a host says so)."""
        if trig.hosted:
            return False
        for other in sent.triggers:
            if other is trig or other.start >= trig.start:
                continue
            if other.type in ("REQUEST", "AGREE", "THREATEN") and re.search(
                r"\bto\s", self.text[other.end : trig.start]
            ):
                return True
        lowered = trig.text.lower()
        if trig.type == "CONSULT" and lowered in _RECEIVE_WORDS:
            if _GOODS_RECEIVED.search(self.text[sent.start : trig.start]):
                return True
            return not self._receives_someone(sent, trig)
        return False

    def _receives_someone(self, sent: Sentence, trig: Trigger) -> bool:
        """"received the ambassador", "was received by the President", "hosted a
        delegation": the object of a reception is a person, not an award."""
        before = self.text[max(sent.start, trig.start - 12) : trig.start].lower()
        if re.search(r"\b(?:was|were|been|being)\s+$", before):
            return True
        after = self.text[trig.end : min(sent.end, trig.end + 60)]
        if any(trig.end <= p.start < trig.end + 40 for p in sent.persons):
            return True
        return bool(_PERSON_OBJECT.match(after))

    def _elaborates(self, sent: Sentence, trig: Trigger) -> bool:
        """"During the meeting, ...", "the joint drills would run ...": a definite
        reference to the latest event of the story adds to it, never a new event."""
        again = not trig.anaphoric and _told_again(sent, trig)
        if not (trig.anaphoric or again) or sent.background or trig.clause_background:
            return False
        if _told_as_earlier(sent, trig):
            return False  # "The previous session was held in Lima": another occasion
        if trig.type == "CONSULT" and trig.mode not in (None, "meeting"):
            return False
        # (what an agreement or invitation plans is planned though its own verb is not
        # future: "agreed to hold the first session in Dakar" is no word more on today's)
        future = trig.planned or self._future(sent, trig.tok)
        status = "planned" if future else "occurred"
        for old in reversed(self.drafts):
            if old.story != sent.story:
                break
            if again and (old is not self.drafts[-1] or old.date is not None):
                return False  # told again only to date the story's latest, undated act
            if old.type == trig.type and old.status == status and not old.background:
                old.topics |= _topics(sent)
                date, precision = self._date(sent, trig, old.status == "planned")
                if date and (old.date is None or precision > old.date_precision):
                    old.date, old.date_precision = date, precision
                names = {p.name for p in old.participants}
                for p in self._people_of(sent, trig):
                    country = p.country or self.registry.country_of(p.name)
                    if p.name not in names and (country is None or country in old.countries):
                        old.participants.append(p)
                self._fill_draft(old)
                return True
        return False

    def _add_candidate(
        self, sent: Sentence, trig: Trigger, countries: frozenset[str], answers: bool = False
    ) -> Draft | None:
        """The draft the trigger's event went into (a new one or one it merged into);
        ``answers``: the parse named the other side as whose act this one answers ("in
        reaction to a British warship's presence"), so the act is the news."""
        if _stands_for(trig):
            last = self.drafts[-1] if self.drafts else None
            if last is None or last.story != sent.story or last.type != trig.type:
                return None  # "the next one" after a tranche of aid is no meeting
            # "the next one" is of the series the story told last: its parties, its mode
            countries = last.countries
            trig = dataclasses.replace(trig, mode=last.mode)
        clause = self.text[max(sent.start, trig.start - 60) : min(sent.end, trig.end + 60)]
        cancels_its_object = bool(_CALLED_OFF.match(trig.text)) and " " in trig.text.strip()
        if (_CALLED_OFF.search(clause) or _cancelled_noun(sent, trig)) and not _relabelled(
            trig
        ) and not cancels_its_object:
            # (a pattern of the cancelling verb and its object is that act itself:
            # "cancelled $200 million of Laos's debt")
            # (a frame that read the parse has typed the act already: "abandoned its
            # mediation" is a withdrawal, SANCTION)
            if trig.type != "CONSULT":
                return None  # "the exercise was cancelled": nothing took or will take place
            # PLOVER: the cancellation of a meeting or a visit is a REJECT, done now
            trig = dataclasses.replace(trig, type="REJECT", mode=None, planned=False)
            return self._add_draft(sent, trig, countries, future=False)
        if trig.type in _VIOLENT and not answers and not self._violence_is_the_news(sent, trig):
            return None
        future = trig.planned or self._future(sent, trig.tok) or trig.text.lower().startswith(
            ("next", "upcoming", "forthcoming")
        )
        if _GOES_ON.search(trig.text):
            future = False  # "the embassy will remain closed": done, and it goes on
        if trig.type == "THREATEN" and _relabelled(trig):
            future = False  # "will close the border unless/if ...": the threat is made now
        if trig.type == "AGREE" and trig.text.lower().startswith("invit"):
            future = False
        return self._add_draft(sent, trig, countries, future)

    def _add_draft(
        self, sent: Sentence, trig: Trigger, countries: frozenset[str], future: bool
    ) -> Draft:
        status = "planned" if future else "occurred"
        date, precision = self._date(sent, trig, future)
        mode = trig.mode if trig.type == "CONSULT" else None
        courtesy = trig.type == "CONSULT" and trig.pattern in _COURTESY_PATTERNS
        explicit = mode not in (None, "meeting") or courtesy
        clauses = _relative_clauses(sent, trig.start)
        adjuncts = _sequence_adjuncts(sent, trig.start)
        parts = self._counterparts(sent, trig)
        apart = _told_apart(sent, trig)
        for t in sent.triggers:
            if len(parts) >= 2 or apart:
                break  # separate meetings during a visit are meetings of their own
            if (t.type == "CONSULT" and t.mode not in (None, "meeting") and not explicit
                    and self._future(sent, t.tok) == self._future(sent, trig.tok)
                    and _relative_clauses(sent, t.start) == clauses
                    and _sequence_adjuncts(sent, t.start) == adjuncts):
                # not across "after talks with X, Y phoned Z": the talks are an act of
                # their own, told as a time of the call
                mode, explicit = t.mode, True
        people = [
            p for p in self._people_of(sent, trig)
            if ((p.country or self.registry.country_of(p.name)) in countries
                or (p.country is None and self.registry.country_of(p.name) is None))
            # in an attack, a seizure, a protest the people named without an office are
            # victims, vessels or groups, not representatives of a country (an office
            # the story gave the person earlier counts: "Schialer said Peru expelled ...")
            and (p.title or self.registry.title_of(p.name) or trig.type not in _FORCE_TYPES)
        ]
        if len(parts) < 2 and trig.type == "CONSULT":
            # a visit told beside separate meetings ("a visit that will take in meetings
            # with A and with B"): their counterparts are theirs, not the visit's
            theirs = frozenset().union(*(
                part for t in sent.triggers if t is not trig
                for part in self._counterparts(sent, t)
            ))
            people = [p for p in people if p.tok not in theirs]
        people += self._titled_people(sent, trig, countries, people, date)
        location, rank = self._location(sent, trig) if trig.type in _LOCATED else (None, 0)
        draft = Draft(
            type=trig.type,
            countries=countries,
            status=status,
            story=sent.story,
            start=sent.start,
            end=sent.end,
            block=sent.block,
            mode=mode,
            explicit_mode=explicit,
            date=date,
            date_precision=precision,
            location=location,
            location_rank=rank,
            participants=people,
            topics=_topics(sent),
            trigger=trig.text,
            # "..., who visited Djibouti in March": an act told in passing
            background=sent.background or trig.clause_background or bool(clauses),
            strong=trig.strong,
            the_two=bool(_THE_TWO.search(self.text[sent.start : trig.start])),
            courtesy=courtesy,
            doer=(_own_subject(sent, trig) or _home_doer(sent, trig, self.home)) & countries,
            agreed_on=trig.hosted,
            earlier=_told_as_earlier(sent, trig),
            agent=self.agents.get(trig.start, frozenset()) & countries,
        )
        if date is None and _SAME_DAY.search(sent.text):
            draft.same_day = sent.start  # "on the same day on which X met Y"
        if len(parts) >= 2:
            # "held separate meetings with the president and the speaker": one each,
            # the people named in one counterpart's phrase with that one only
            named = frozenset().union(*parts)
            doc = sent.span.doc
            sides = self._sides_of_parts(sent, parts, countries)
            drafts = [
                dataclasses.replace(
                    draft, topics=set(draft.topics), separate=(sent.start, k),
                    countries=sides[k] if sides else countries,
                    # (told in a clause on the visit they belong to: not in passing)
                    background=sent.background or trig.clause_background,
                    participants=[p for p in people if p.tok not in named or p.tok in part],
                    own_phrase=(doc[min(part)].idx + sent.offset,
                                doc[max(part)].idx + len(doc[max(part)]) + sent.offset),
                )
                for k, part in enumerate(parts)
            ]
        else:
            drafts = [draft]
        merged = [self._merge_or_add(d) for d in drafts]  # every one, in order
        done = merged[0]
        self.told_in.setdefault(sent.start, []).append(done)
        return done

    def _sides_of_parts(
        self, sent: Sentence, parts: list[frozenset[int]], countries: frozenset[str]
    ) -> list[frozenset[str]]:
        """The countries of each of several calls or meetings with counterparts of
        different countries ("spoke with the Armenian minister and, separately, with
        Azerbaijan's"): the side they share and the counterpart's own; [] when the
        counterparts are not each of one other country."""
        owners = [(m.tok, m.iso3) for m in sent.mentions if m.role != "dateline"] + [
            (p.tok, c) for p in sent.persons
            if (c := p.country or self.registry.country_of(p.name))
        ]
        own = [{c for tok, c in owners if tok in part} & countries for part in parts]
        if any(len(o) != 1 for o in own) or len({next(iter(o)) for o in own}) != len(own):
            return []
        shared = countries - frozenset().union(*own)
        if not shared:
            return []
        return [shared | o for o in own]

    def _counterparts(self, sent: Sentence, trig: Trigger) -> list[frozenset[int]]:
        """:func:`_separate_counterparts` of a meeting trigger (none for other triggers),
        worked out once per trigger of the sentence being read."""
        if trig.type != "CONSULT" or trig.mode not in (None, "meeting", "phone"):
            return []
        if self._parts_of[0] != sent.start:
            self._parts_of = (sent.start, {})
        cache = self._parts_of[1]
        if trig.start not in cache:
            cache[trig.start] = _separate_counterparts(sent, trig)
        return cache[trig.start]

    def _people_of(self, sent: Sentence, trig: Trigger) -> list[Person]:
        """The people of the sentence who may take part in what ``trig`` tells: not
        those of another act told beside it ("Meeting with NAME, X stressed the
        importance of NAME2's planned visit", "the attack came on the day on which NAME
        held talks with NAME2"), nor a person named only to qualify someone else's
        office ("NAME's national security adviser, NAME2"); both read off the parse."""
        if not sent.span.doc.has_annotation("DEP") or not sent.persons:
            return list(sent.persons)
        heads = title_lexicon().heads
        acts = [(t, *_act_tokens(sent, t)) for t in sent.triggers]
        mine = next(((toks, top) for t, toks, top in acts if t is trig), None)
        if mine is None:
            return list(sent.persons)
        future = trig.planned or sent.future_near(trig.tok)
        out: list[Person] = []
        for p in sent.persons:
            span = sent.tokens(p.start, p.end)
            if span is None:
                out.append(p)
                continue
            root = span.root
            if root.dep_ == "poss" and root.head.lower_ in heads and not (
                span.start <= root.head.i < span.end
            ):
                continue  # "Obama's adviser, NAME": Obama qualifies the adviser's office
            if _of_another_act(sent, trig, root, acts, mine[1], future):
                continue
            out.append(p)
        return out

    def _titled_people(
        self, sent: Sentence, trig: Trigger, countries: frozenset[str], have: list[Person],
        date: str | None,
    ) -> list[Person]:
        """"The Kenyan foreign minister held talks ...", "a meeting between the Ambassador
        and NAME": an official named by title alone is the one person the document names
        with that title and of that country (none when two fit)."""
        doc = sent.span.doc
        if not doc.has_annotation("DEP") or (
            date and self._year_of(sent) is not None and date[:4] != self._year_of(sent)
        ):
            return []  # "... ever since the two countries established relations in 1951"
        lex = title_lexicon()
        named = self.registry.titled()
        if not named:
            return []
        taken: set[int] = set()
        for p in sent.persons:
            span = sent.tokens(p.start, p.end)
            if span is not None:
                taken.update(range(span.start, span.end))
            if p.title_tokens:
                taken.update(range(*p.title_tokens))
        country_at = {i: m.iso3 for m in sent.mentions if m.role in ("actor", "target")
                      for i in range(m.tok, m.tok + max(1, len(m.text.split())))}
        acts = [(t, *_act_tokens(sent, t)) for t in sent.triggers]
        mine = next((top for t, _, top in acts if t is trig), None)
        future = trig.planned or sent.future_near(trig.tok)
        keys = {self.registry.key(p.name) for p in have}
        out: list[Person] = []
        for tok in sent.span:
            if (tok.lower_ not in lex.heads or tok.pos_ not in ("NOUN", "PROPN")
                    or tok.tag_ in ("NNS", "NNPS") or tok.i in taken or tok.head.i in taken
                    or tok.ent_type_ == "PERSON"):
                continue
            kids = list(tok.children)
            if any(c.lower_ in ("a", "an", "former", "then", "late", "new", "next", "his",
                                "her", "their", "another") or c.dep_ == "appos"
                   or (c.ent_type_ == "PERSON" and c.dep_ in ("compound", "nmod"))
                   for c in kids):
                continue  # "a minister", "the former president", "his counterpart"
            words = [c.lower_ for c in kids if c.i < tok.i and c.dep_ in ("amod", "compound")
                     and (c.lower_ in lex.modifiers or c.lower_ in lex.heads)]
            phrase = f" {' '.join([*words, tok.lower_])} "
            owned = [country_at[c.i] for c in kids if c.i in country_at and c.dep_ in (
                "amod", "compound", "poss", "nmod")] + [
                country_at[g.i] for c in kids if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.i in country_at]
            country = owned[0] if owned else None
            if country is not None and country not in countries:
                continue
            if mine is None or _of_another_act(sent, trig, tok, acts, mine, future) or not (
                in_clause_of(tok, mine) or _speaker_of(tok, mine)
            ):
                continue  # "remarks by the French foreign minister had been hostile"
            fits = [(n, t, c) for n, t, c in named
                    if phrase in f" {' '.join(re.findall(r'[a-z]+', t.lower()[:200]))} "
                    and c is not None and (c == country if country else c in countries)]
            if len(fits) != 1 or self.registry.key(fits[0][0]) in keys:
                continue
            name, title, iso3 = fits[0]
            start = sent.offset + tok.idx
            out.append(Person(name, start, start + len(tok.text), tok.i, title, iso3))
            keys.add(self.registry.key(name))
        return out

    def _violence_is_the_news(self, sent: Sentence, trig: Trigger) -> bool:
        """An attack is an event when a country stands right by the word
        ("Armenian shelling", "attacks by X") and it is not given as the cause of
        something else ("power cuts caused by Russian attacks")."""
        before = self.text[max(sent.start, trig.start - 30) : trig.start].lower()
        if re.search(r"\b(?:caused by|because of|due to|amid|after|following)\b[^,;]{0,20}$",
                     before):
            return False
        span = sent.tokens(trig.start, trig.end)
        inside = range(span.start, span.end) if span is not None else range(0)

        def near(tok: int) -> bool:  # by the word, or inside a pattern of several words
            return abs(tok - trig.tok) <= 4 or tok in inside

        return any(
            near(m.tok) and m.role != "dateline" for m in sent.mentions
        ) or any(near(p.tok) for p in sent.persons) or _pair_subject(
            sent, trig
        ) or _own_forces_reported(sent, trig) or (
            # "Kyrgyzstan's government ordered all crossings closed": a state that does
            # it as the subject of its verb
            trig.type == "COERCE" and _state_does_it(sent, trig)
        )

    def _compatible(self, old: Draft, new: Draft) -> bool:
        if old.type != new.type or old.countries != new.countries or old.status != new.status:
            return False
        if old.date and new.date and not _dates_agree(old.date, new.date):
            return False
        if old.background != new.background and old.date != new.date and old.date and new.date:
            return False  # "expelled ... hitting back at the expulsion earlier this week"
        if new.date is None and old.date and new.background and not old.background:
            return False
        if old.date is None and new.date and new.background and not old.background:
            return False
        if old.separate and new.separate and old.separate != new.separate:
            return False
        if new.earlier and not old.earlier:
            return False  # "The previous session was held in April": not today's session
        if old.type in _ANSWERED_IN_KIND and old.doer and new.doer and not old.doer & new.doer:
            return False  # "X expelled Y's envoy, after which Y expelled X's": an answer
        if (old.separate or new.separate) and old.explicit_mode != new.explicit_mode:
            return False  # one of separate meetings joins a visit only as its talks (below)
        planned = old.status == "planned"
        if planned and old.location and new.location and old.location != new.location:
            return False
        explicit_both = old.explicit_mode and new.explicit_mode
        if old.type == "CONSULT" and explicit_both and old.mode != new.mode:
            return False
        if old.type == "SANCTION" and old.trigger.lower() != new.trigger.lower():
            return self._same_trigger_family(old.trigger, new.trigger)
        # a second meeting of one side with a different person of the other side
        old_people = {self.registry.key(p.name): p for p in old.participants}
        known = {p.country or self.registry.country_of(p.name) for p in new.participants}
        rest = sorted(new.countries - known)
        for p in new.participants:
            k = self.registry.key(p.name)
            if k in old_people:
                continue
            country = p.country or self.registry.country_of(p.name)
            if country is None and p.title and len(rest) == 1:
                country = rest[0]  # "Davis had a meeting with Prime Minister X" in Havana
            if country and any(
                (q.country or self.registry.country_of(q.name)) == country
                for q in old.participants
            ) and new.type == "CONSULT" and not new.explicit_mode:
                return False
        return True

    @staticmethod
    def _same_trigger_family(a: str, b: str) -> bool:
        def fam(t: str) -> str:
            t = t.lower()
            if "recall" in t or t.endswith((" back", " home")):
                return "recall"  # "ordered its ambassador back": a recall told otherwise
            return "expel"

        return fam(a) == fam(b)

    def _merge_or_add(self, new: Draft) -> Draft:
        for old in reversed(self.drafts):
            if old.story != new.story:
                continue
            if self._compatible(old, new):
                self._merge(old, new)
                self._fill_draft(old)
                return old
        self.drafts.append(new)
        self._fill_draft(new)
        return new

    @staticmethod
    def _merge(old: Draft, new: Draft) -> None:
        if new.date and (old.date is None or new.date_precision > old.date_precision):
            old.date, old.date_precision = new.date, new.date_precision
        if old.date is None and new.same_day >= 0:
            old.same_day = new.same_day
        if new.explicit_mode and not old.explicit_mode:
            old.mode, old.explicit_mode = new.mode, True
        if new.location and (old.location is None or new.location_rank > old.location_rank):
            # the spec's place is the city, the country only failing that, a venue last
            old.location, old.location_rank = new.location, new.location_rank
        names = {p.name for p in old.participants}
        old.participants.extend(p for p in new.participants if p.name not in names)
        old.topics |= new.topics
        old.strong = old.strong or new.strong
        old.the_two = old.the_two or new.the_two
        old.doer = old.doer or new.doer  # a headline's act, then told with its subject
        old.agent = old.agent or new.agent

    def _attach_people(self, sent: Sentence) -> None:
        """People named in a sentence without a trigger ("The delegation of X was
        led by ...") join the latest event of the story if their country fits."""
        if not sent.persons or not self.drafts:
            return
        last = self.drafts[-1]
        if last.story != sent.story or last.type != "CONSULT":
            return
        lowered = sent.text.lower()
        if not any(w in lowered for w in ("delegation", "led by", "headed by", "attended",
                                           "took part", "accompanied", "participated",
                                           "represented by")):
            return
        for p in sent.persons:
            country = (p.country or self._delegation_country(sent, p)
                       or self._escort_country(sent, p))
            if country is not None:
                p.country = country
            if country is None or country in last.countries:
                last.participants.append(p)
        last.topics |= _topics(sent)

    def _escort_country(self, sent: Sentence, person: Person) -> str | None:
        """"X was accompanied by NAME", "X, accompanied by NAME": the country of the
        person NAME goes with, read from the parse."""
        span = sent.tokens(person.start, person.end)
        if span is None:
            return None
        for leader in escort_leaders(span.root, title_lexicon().group_verbs):
            for p in sent.persons:
                if p is not person and p.start <= sent.offset + leader.idx < p.end:
                    return p.country or self.registry.country_of(p.name)
        return None

    def _delegation_country(self, sent: Sentence, person: Person) -> str | None:
        """"The delegation of X was led by ... NAME", "the Xian delegation by NAME"."""
        best: Mention | None = None
        for m in sent.mentions:
            if m.start > person.start or m.role != "actor":
                continue
            window = self.text[m.start : min(m.end + 30, person.start)].lower()
            window_before = self.text[max(0, m.start - 20) : m.start].lower()
            if "delegation" in window or "delegation of" in window_before:
                best = m
        return best.iso3 if best else None

    def add_figures(self, sent: Sentence, facts: Sequence[Fact]) -> None:
        """An aid figure the sentence states for a pair no AID event of the sentence holds
        ("two transport aircraft landed in Benghazi with 30 tonnes of relief goods"): the
        figure tells the giving, an AID event of its own, dated and placed as the sentence
        says (every aid figure of the development and blind gold has its AID event)."""
        for fact in facts:
            pair = frozenset(fact.countries)
            if fact.kind != "aid" or len(pair) != 2 or any(
                d.type == "AID" and d.countries == pair and sent.start <= d.start < sent.end
                for d in self.drafts
            ):
                continue
            span = sent.tokens(fact.evidence.start, fact.evidence.end)
            if span is None:
                continue
            root = span.root
            start = sent.offset + root.idx
            trig = Trigger("AID", None, True, start, start + len(root.text), root.i,
                           root.text, pattern="aid.figure")
            self._add_candidate(sent, trig, pair)

    def add_elaboration(self, sent: Sentence) -> None:
        """Topics of a sentence that continues the story without a trigger ("The
        sides also discussed energy ...") belong to what was discussed: the
        story's latest meeting, else its latest event."""
        if not self.drafts or sent.background:
            return
        in_story = [d for d in self.drafts if d.story == sent.story and not d.background]
        if not in_story:
            return
        # (not one of separate meetings told in one phrase: the story goes on about its
        # visit or talks as a whole)
        in_story = [d for d in in_story if d.own_phrase is None] or in_story
        consults = [d for d in in_story if d.type == "CONSULT" and d.status == "occurred"]
        target = consults[-1] if consults else in_story[-1]
        target.topics |= _topics(sent)
        self._new_date(sent, in_story[-1])

    def _new_date(self, sent: Sentence, last: Draft) -> None:
        """"The summit ... has been put off. The delay, until Oct. 2-4, was unavoidable":
        the day a put-off act is moved to dates it, as planned (over the day it was
        first planned for: "talks planned for next week have been put off")."""
        if last.status != "planned" or not any(
            t.lemma_.lower() in lexicon("postponement_nouns") for t in sent.span
        ):
            return
        published = self.story_dates.get(sent.story, self.published)
        for d in sent.dates:
            if _UNTIL.search(self.text[max(0, d.start - 12) : d.start]):
                value = self._resolve(d, published, True)
                if value:
                    last.date, last.date_precision = value, d.text_precision
                return

    def finish(self) -> list[Event]:
        # a directed act (one side accuses, sanctions, asks or helps the other) between six
        # or more states at once is a list of another clause read into it ("A, B, C, D and E
        # echoed calls for ..., while F's envoy condemned attacks on aid convoys")
        self.drafts = [d for d in self.drafts
                       if not (d.type in _DIRECTED and len(d.countries) >= _MAX_DIRECTED)]
        for d in self.drafts:
            if d.type in _DIPLOMATIC_SPAT and _DIPLOMATIC.search(
                self.text[d.start : d.end] + " " + d.trigger
            ):
                d.topics.add("politics")  # expelled envoys, summoned ambassadors
        self._resolve_envoys()
        self._talks_of_visits()
        by_type = topics_by_type()
        for d in self.drafts:
            if d.agreed_on and not d.topics:
                # the next round agreed on at talks is about what the talks were about
                d.topics = set().union(*(
                    o.topics for o in self.drafts if o.type == "CONSULT"
                    and o.status == "occurred" and o.story == d.story
                    and o.countries == d.countries))
            if d.own_phrase is not None and not d.topics:
                # one of separate meetings is about what its visit is about
                d.topics = set().union(*(o.topics for o in self.told_in.get(d.start, [])
                                         if o.own_phrase is None))
            d.topics |= by_type.get(d.type, frozenset())  # an attack is about security
            if d.type == "CONSULT" and d.mode == "multilateral" and len(d.countries) >= 3:
                d.topics.add("multilateral")  # a summit, forum or conference of many
            if not d.topics and d.type in _DIPLOMATIC_TYPES:
                d.topics.add("politics")  # relations between governments, no subject named
        self._fill_countries()
        self._fill_counterparts()
        self._fill_the_two()
        self._same_day()
        self._inherit_dates()
        self._story_day()
        return [d.to_event(self.text, self.registry) for d in self.drafts]

    # -- several envoys at once --------------------------------------------------
    def _envoys_without_countries(
        self, sent: Sentence, trig: Trigger, found: list[tuple[str, int]]
    ) -> bool:
        """"Five new ambassadors presented their credentials to the President": a
        meeting of several envoys whose countries the sentence does not name."""
        if trig.type != "CONSULT" or len({c for c, _ in found}) > 1 or self._plural_envoys(sent):
            return False
        nouns = set(lexicon("envoy_nouns"))
        return any(t.tag_ in ("NNS", "NNPS") and (t.lemma_.lower() in nouns or _heads_of_mission(t))
                   for t in sent.span)

    def _resolve_envoys(self) -> None:
        """One meeting per envoy of the roster told around the sentence ("The envoys
        are A of X, B from Y ..."), between the envoy's country and the host: the one
        country of the sentence, else the country the story is told from."""
        hosts: dict[int, str] = {}  # story -> the host of its envoys
        for si, trig, ctx, found in self.pending_envoys:
            sent = self.sentences[si]
            near = [
                self.sentences[j] for j in (*range(si + 1, si + 5), *range(si - 1, si - 3, -1))
                if 0 <= j < len(self.sentences) and self.sentences[j].story == sent.story
            ]
            roster = next((r for r in map(self._roster, near) if len(r) >= 2), [])
            listed = {c for c, _ in roster}
            own = [
                m.iso3 for m in sent.mentions
                if m.role in ("actor", "target", "location") and m.iso3 not in listed
            ]
            host = own[0] if own else hosts.get(sent.story) or (
                self.home if self.home not in listed else None
            )
            if not roster or host is None:
                # "attended by the ambassadors of both countries": no roster after all
                self._add_chosen(sent, trig, ctx, found)
                continue
            hosts[sent.story] = host
            for country, person in roster:
                draft = self._add_candidate(sent, trig, frozenset((country, host)))
                if draft is not None and all(p.name != person.name for p in draft.participants):
                    person.country = country
                    draft.participants.append(person)

    def _roster(self, sent: Sentence) -> list[tuple[str, Person]]:
        """(country, person) of a list of envoys: a name with its country after "of"
        or "from" ("Anna Lindqvist of Sweden, Kenji Mori from Japan"), or a person
        whose title gives the country ("the Ambassador of Chile, Rosa Diaz")."""
        doc = sent.span.doc
        lex = title_lexicon()
        country_toks = {m.tok for m in sent.mentions}
        pairs: dict[str, Person] = {}
        for m in sent.mentions:
            if m.role not in ("actor", "target"):
                continue
            # read in word order: the parse of a long list of names is often broken
            i = m.tok - 2
            if i < sent.span.start or doc[i + 1].lower_ not in ("of", "from"):
                continue
            left = i
            while (left - 1 >= sent.span.start and i - left < _MAX_NAME_WORDS
                   and doc[left - 1].pos_ == "PROPN"):
                left -= 1
            words = doc[left : i + 1]
            if any(t.pos_ != "PROPN" or t.lemma_.lower() in lex.heads
                   or t.i in country_toks for t in words):
                continue
            name = doc[i]
            start = sent.offset + doc[left].idx
            end = sent.offset + name.idx + len(name.text)
            person = next((p for p in sent.persons if p.start <= start < p.end), None) or Person(
                self.text[start:end], start, end, left
            )
            pairs.setdefault(m.iso3, person)
        for p in sent.persons:
            if p.country and p.country not in pairs and all(p is not q for q in pairs.values()):
                pairs[p.country] = p
        return list(pairs.items())

    def _fill_counterparts(self) -> None:
        """"... and the minister talked": a meeting with no named person for one
        side takes that side's only named participant of the story's other meetings
        of the same time ("the previous round took place in 2021", "a speaker last
        came four years ago" borrow nobody from today's talks or tomorrow's plans)."""
        for d in self.drafts:
            if d.type != "CONSULT" or d.status != "occurred" or d.background:
                continue
            present = {p.country or self.registry.country_of(p.name) for p in d.participants}
            for country in sorted(d.countries - present):
                names: dict[str, Person] = {}
                for other in self.drafts:
                    if other is d or other.story != d.story or other.type != "CONSULT":
                        continue
                    if other.status != d.status or (
                        d.date and other.date and not _dates_agree(d.date, other.date)
                    ):
                        continue
                    for p in other.participants:
                        if (p.country or self.registry.country_of(p.name)) == country:
                            names[self.registry.key(p.name)] = p
                if len(names) == 1:
                    d.participants.append(next(iter(names.values())))

    def _fill_the_two(self) -> None:
        """"The two ministers signed ...": the people of the story's meeting of
        the same countries take part in what "the two ministers" did."""
        for d in self.drafts:
            if d.participants or not d.the_two or d.background:
                continue
            anchors = [
                a for a in self.drafts
                if a is not d and a.story == d.story and a.countries == d.countries
                and a.participants and not a.background
            ]
            # the story's meeting first, else whatever named the two
            anchors.sort(key=lambda a: a.type != "CONSULT")
            if anchors:
                d.participants = list(anchors[0].participants)

    def _same_day(self) -> None:
        """"The attack came on the same day on which X held talks with Y": an undated act
        told "on the same day" happened on the day of another act of its sentence, else
        of the story's first act dated to the day that shares a country with it (so the
        order of background paragraphs does not move it in time)."""
        for d in self.drafts:
            if d.date is not None or d.same_day < 0:
                continue
            day = next((a for a in self.told_in.get(d.same_day, [])
                        if a is not d and a.date and len(a.date) == _DAY_CHARS), None) or next(
                (a for a in self.drafts
                 if a is not d and a.story == d.story and a.date and not a.background
                 and len(a.date) == _DAY_CHARS and a.countries & d.countries), None)
            if day is not None:
                d.date, d.date_precision = day.date, 3

    def _inherit_dates(self) -> None:
        """An undated event told around a dated one of the same story ("During the
        talks, the sides signed ...", "Later that day ...") happened then: it takes
        the date of the nearest earlier event sharing a country, or else of a
        later meeting of the same countries."""
        for i, d in enumerate(self.drafts):
            if d.date is not None or d.background:
                continue
            # its own paragraph first (nearest earlier, then later), else the story's
            # first dated event: never a neighbour from another paragraph, so the order
            # of background paragraphs does not move it in time
            here = [a for a in self.drafts if a.block == d.block and a is not d]
            anchor = (
                next((a for a in reversed(self.drafts[:i])
                      if a.block == d.block and self._anchors(a, d, same=False)), None)
                or next((a for a in here if self._anchors(a, d, same=False)), None)
                # (an act of three or more parties: only by an act of them all; and not
                # by one years before the story's time: "the agreement signed in 2006")
                or next((a for a in self.drafts if a is not d
                         and (len(d.countries) <= 2 or a.countries >= d.countries)
                         and self._anchors(a, d, same=False) and self._current(a)), None)
            )
            if anchor is not None:
                d.date = anchor.date
        for i, d in enumerate(self.drafts):
            if (d.location is not None and d.location_rank > 0) or d.background or (
                d.type not in _LOCATED | {"REQUEST"}
            ):
                continue
            # no place, or only a venue ("at the Torre Tagle Palace"): the city or country
            # of the story's meeting or visit of the same countries
            # (an earlier one, else one told in the same paragraph: "signed ... during
            # X's visit to Korea")
            earlier = list(reversed(self.drafts[:i]))
            later = [a for a in self.drafts[i + 1 :] if a.block == d.block]
            place = next(
                (a for a in (*earlier, *later)
                 if a.story == d.story and a.location and a.location_rank > 0
                 and a.countries == d.countries
                 and not (a.date and d.date and not _dates_agree(a.date, d.date))
                 and a.type == "CONSULT" and a.mode not in ("phone", "video")
                 and a.status == d.status and not a.background),
                None,
            )
            if place is not None:
                d.location, d.location_rank = place.location, place.location_rank

    def _talks_of_visits(self) -> None:
        """RECORD.md: a visit and the talks with the host counterpart are one event; other
        meetings during the visit (a courtesy call, talks with the president or the
        speaker) are events of their own, mode meeting. A meeting of the pair told after
        a visit of the story, within its first days, is those talks when it is with the
        counterpart ("held talks with his Portuguese counterpart", the same title on
        both sides) or names no one of another office."""
        for m in list(self.drafts):
            if m.type != "CONSULT" or m.mode not in (None, "meeting") or m.courtesy or (
                m.own_phrase is None and (m.background or m.status != "occurred")
            ):
                continue  # (a visit and a round of talks announced are two plans; a visit
                # "that will take in meetings with the counterpart and ..." is one plan)
            visit = next((
                v for v in self.drafts[: self.drafts.index(m)]
                if v.type == "CONSULT" and v.mode == "visit" and v.story == m.story
                and v.countries == m.countries and v.status == m.status and not v.background
                and _within_visit(v.date, m.date)
            ), None)
            if visit is None or not self._with_counterpart(visit, m):
                continue
            date, precision = visit.date, visit.date_precision
            self._merge(visit, m)
            if date is not None:  # the visit is dated by its first day
                visit.date, visit.date_precision = date, precision
            visit.mode, visit.explicit_mode = "visit", True
            self.drafts.remove(m)
            for told in self.told_in.values():
                for i, d in enumerate(told):
                    if d is m:
                        told[i] = visit

    def _with_counterpart(self, visit: Draft, meeting: Draft) -> bool:
        # one of separate meetings: only its own counterpart's phrase tells who it was with
        start, end = meeting.own_phrase or (meeting.start, meeting.end)
        if re.search(r"\bcounterparts?\b", self.text[start:end], re.IGNORECASE):
            return True
        ours, theirs = self._offices(meeting), self._offices(visit)
        if meeting.own_phrase is not None:
            # one of separate meetings ("with the prime minister and the speaker") is the
            # visit's talks only with the visitor's own office on the other side
            return any(
                offices & (ours.get(other) or theirs.get(other) or set())
                for country, offices in ours.items()
                for other in meeting.countries - {country}
            )
        if not ours:
            return True  # "the two sides held talks": the talks of the visit
        for country, offices in ours.items():
            others = [c for c in meeting.countries if c != country]
            if len(others) != 1:
                continue
            other = ours.get(others[0]) or theirs.get(others[0])
            if other and not offices & other:
                return False  # "he met Prime Minister X": not the visitor's counterpart
        return True

    def _offices(self, draft: Draft) -> dict[str, set[str]]:
        """The offices of the draft's participants, by country."""
        out: dict[str, set[str]] = {}
        for p in draft.participants:
            country = p.country or self.registry.country_of(p.name)
            title = p.title or self.registry.title_of(p.name)
            if country and title:
                out.setdefault(country, set()).add(_title_key(title))
        return out

    def _story_day(self) -> None:
        """"X thanked the ambassadors of A, B and C ... Several envoys, who this Sunday saw
        them off, were thanked as well": an act the story reports as done, with no date
        of its own nor of an act around it, happened on the story's day when the story
        names one day only (its text then says when; a story of several days does not),
        none of its acts told as news has a date (else ``_inherit_dates`` decides), and
        that day dates no other thing ("a decision taken on 4 March")."""
        dated = {d.story for d in self.drafts if d.date and not d.background}
        days: dict[int, set[str]] = {}
        for sent in self.sentences:
            published = self.story_dates.get(sent.story, self.published)
            for m in sent.dates:
                if m.start < self.dateline_end or m.kind == "range_years" or (
                    self._inside_quantity_phrase(sent, m)
                ) or _reduced_relatives(sent, m.start) or _modifies_a_noun(sent, m):
                    continue
                value = self._resolve(m, published, False)
                if value and not self._after_publication(m, published):
                    days.setdefault(sent.story, set()).add(value)
        for d in self.drafts:
            if d.date is not None or d.background or d.status != "occurred":
                continue
            told = days.get(d.story, set()) if d.story not in dated else set()
            if len(told) == 1 and len(day := next(iter(told))) == _DAY_CHARS:
                d.date, d.date_precision = day, 0

    def _current(self, anchor: Draft) -> bool:
        """The anchor's date lies in the year of publication or the one before (or
        either is unknown)."""
        year = (anchor.date or "")[:4]
        return not (year.isdigit() and self.pub.year and int(year) < self.pub.year - 1)

    @staticmethod
    def _anchors(anchor: Draft, d: Draft, same: bool) -> bool:
        if anchor.story != d.story or not anchor.date or anchor.background:
            return False
        if anchor.status != d.status:
            return False
        if same:
            return anchor.type == "CONSULT" and anchor.countries == d.countries
        return bool(anchor.countries & d.countries)

    def _fill_countries(self) -> None:
        for d in self.drafts:
            self._fill_draft(d)

    def _fill_draft(self, d: Draft) -> None:
        """A participant with no country of his own takes the event's other country. A
        spokesperson who reports a meeting, an attack or a seizure takes no part in it (he
        does in what he announces)."""
        if d.type == "CONSULT" or d.type in _VIOLENT:
            # nor in an attack or a seizure he reports
            spokes = title_lexicon().spokesperson_heads
            d.participants = [
                p for p in d.participants
                # (an office the story gave the person earlier counts: "..., Jansons said")
                if not has_head(p.title or self.registry.title_of(p.name) or "", spokes)
            ]
        known = {p.country or self.registry.country_of(p.name) for p in d.participants} - {None}
        for p in d.participants:
            if p.country is None and self.registry.country_of(p.name) is None:
                rest = sorted(d.countries - known)
                if len(rest) == 1:
                    p.country = rest[0]
                    known.add(rest[0])
                    self.registry.set_country(p.name, rest[0])


@cache
def _group_adjectives() -> tuple[dict[str, int], re.Pattern[str]]:
    """The sizes of lexicon ``group_adjectives`` ("trilateral": 3) and one pattern that
    finds them as whole words in a sentence's text ("three-way" is three tokens)."""
    sizes = {w.lower(): int(n) for w, (n, *_) in lexicon_map("group_adjectives").items()}
    words = "|".join(re.escape(w) for w in sorted(sizes, key=len, reverse=True))
    return sizes, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def _told_again(sent: Sentence, trig: Trigger) -> bool:
    """"... over the arrest of 27 fishermen. The fishermen were seized on Saturday near
    Abana": a sentence that names no country and tells the act of a definite noun phrase
    ("the fishermen", "the vessel") tells again an act the story has told."""
    if any(m.role in ("actor", "target") for m in sent.mentions) or any(
        p.country for p in sent.persons
    ):
        return False
    span = sent.tokens(trig.start, trig.end)
    if span is None or span.root.pos_ != "VERB" or not sent.span.doc.has_annotation("DEP"):
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"
        and any(g.dep_ == "det" and g.lower_ == "the" for g in c.children)
        for c in span.root.children
    )


def _place_of_other_act(sent: Sentence, trig: Trigger, tok: int) -> bool:
    """The place at token ``tok`` hangs by a preposition on the verb of a trigger of
    another type in the sentence ("signed ... and agreed that the commission would meet in
    Prague"): where that act happens, not this one."""
    doc = sent.span.doc
    t = doc[tok]
    if t.dep_ != "pobj" or t.head.dep_ != "prep":
        return False
    verb = t.head.head
    own = sent.tokens(trig.start, trig.end)
    if verb.pos_ not in ("VERB", "AUX") or (own is not None and (
        own.start <= verb.i < own.end or own.root.head.i == verb.i
    )):
        return False
    for other in sent.triggers:
        span = sent.tokens(other.start, other.end)
        if other is not trig and other.type != trig.type and span is not None and (
            span.start <= verb.i < span.end
        ):
            return True  # (an act of the same kind is the same act: "arrived for a visit")
    return False


def _said_here(sent: Sentence, trig: Trigger) -> bool:
    """"here" tells where the trigger's act took place ("was signed here on Tuesday",
    "talks held here"): on the trigger's verb or the verb its noun hangs on."""
    span = sent.tokens(trig.start, trig.end)
    if span is None:
        return False
    # "signed here at the session": session -> at -> signed
    verbs = {t.i for t in span if t.pos_ in ("VERB", "AUX")} | {
        t.i for t in _up_to_verb(span.root)}
    return any(t.lower_ == "here" and t.dep_ == "advmod" and t.head.i in verbs
               for t in sent.span)


def _venue_city(tok: Token) -> bool:
    """"at State House, Entebbe": the city set off after a venue the act was in or at."""
    return city_after_venue(tok) and tok.head.head.lower_ in ("in", "at")


def _own_forces_reported(sent: Sentence, trig: Trigger) -> bool:
    """"Ukraine's General Staff said its forces had struck a depot": the attackers are
    named by "its", the country that reports the clause."""
    span = sent.tokens(trig.start, trig.end)
    if span is None or not sent.span.doc.has_annotation("DEP"):
        return False
    return any(reporting_verb_of_its(c) is not None for c in span.root.children)


def _heads_of_mission(tok: Token) -> bool:
    """"Four new heads of mission presented their letters": envoys, named by their post."""
    return tok.lemma_.lower() == "head" and any(
        c.dep_ == "prep" and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.lemma_.lower() == "mission" for g in c.children)
        for c in tok.children
    )


def _host_of_envoys(ctx: StoryContext, home: str | None, guests: set[str]) -> str | None:
    """Who receives envoys of ``guests``: the country the story is told from, else the
    story's partner of the first of them."""
    if home and home not in guests:
        return home
    partner = ctx.partner(sorted(guests)[0]) if guests else None
    return partner if partner and partner not in guests else None


def _on_trigger(sent: Sentence, trig: Trigger, tok: int) -> bool:
    """The place at token ``tok`` hangs by a preposition on the trigger or on the
    verb that governs it ("ended a visit to Ethiopia in Addis Ababa")."""
    about = _token_range(sent, trig)
    if about is None:
        return False
    doc = sent.span.doc
    heads = set(about) | {doc[i].head.i for i in about}
    t = doc[tok]
    for _ in range(3):  # Ababa -> Addis? -> in -> ended
        if t.dep_ == "prep" and t.head.i in heads:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


#: dependencies that keep a trigger inside the phrase of the verb above it (its object,
#: a prepositional phrase, a verb joined to it or its infinitive)
_PHRASE_DEPS = frozenset({"pobj", "prep", "dobj", "conj", "xcomp", "compound", "nsubjpass"})

#: words that make a date the end of a span ("until mid-December", "through June")
_UNTIL = re.compile(r"\b(?:until|till|through|to)\s{1,3}(?:mid-?\s{0,2})?$", re.IGNORECASE)

#: prepositions that tell an act as one before or after the sentence's own
_SEQUENCE_PREPS = frozenset({"after", "following", "before"})


#: acts a home official receives from several countries at once, one pair each
_ONE_EACH_WITH_HOME = frozenset({"CONSULT", "SUPPORT", "REQUEST", "AID"})

def _arrived_at(sent: Sentence, tok: int) -> bool:
    """The place at ``tok`` is where something arrived or landed ("arrived in Kyiv",
    "landed at Port Sudan"), on the parse."""
    doc = sent.span.doc
    if not doc.has_annotation("DEP") or not 0 <= tok < len(doc):
        return False
    prep = doc[tok].head
    return (prep.dep_ == "prep" and prep.lower_ in ("in", "at", "to")
            and prep.head.lemma_.lower() in lexicon("delivery_arrival_verbs"))


def _told_as_before(sent: Sentence, trig: Trigger) -> bool:
    """"After talks with NAME, NAME2 phoned ...": the talks are an act of their own,
    done before the one the sentence tells (read off the parse)."""
    span = sent.tokens(trig.start, trig.end)
    if span is None or not sent.span.doc.has_annotation("DEP"):
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _SEQUENCE_PREPS


#: what a relative pronoun is when the clause tells of a thing or a person ("the trawler,
#: which X seized", "Abiy, who visited"), not of a time or a circumstance ("when",
#: "in the course of which", "where")
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _about_a_thing(sent: Sentence, clauses: frozenset[int]) -> frozenset[int]:
    """The relative clauses (by verb) of ``clauses`` that tell in the past of a thing or
    a person, their relative pronoun being subject or object ("which X seized", "who
    visited"): what they tell is not dated by the sentence around them (a visit someone
    "is paying" goes on at the time of the sentence)."""
    doc = sent.span.doc
    return frozenset(
        v for v in clauses
        if doc[v].tag_ in ("VBD", "VBN") and not any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "MD")
            for c in doc[v].children
        ) and any(c.tag_ in ("WDT", "WP") and c.dep_ in _ARGUMENT_DEPS
                  for c in doc[v].subtree if c.i < v)
    )


def _joint_words_in(sent: Sentence) -> bool:
    """The sentence says an act was done together ("a joint call", "trilateral")."""
    joint = lexicon("joint_words")
    return any(t.lower_ in joint for t in sent.span)


def _verb_rank(sent: Sentence, d: DateMention, head: Token | None) -> int:
    """0 for a date on the act's own verb, 2 for one on a verb coordinated with it, 1
    when the parse says neither (or there is none)."""
    if head is None:
        return 1
    hangs = _hangs_on_verb(sent, d, head)
    return 1 if hangs is None else (0 if hangs else 2)


def _hangs_on_verb(sent: Sentence, d: DateMention, head: Token) -> bool | None:
    """The date is an adjunct of ``head`` ("held talks on Thursday"): True; of a verb
    coordinated with it ("met on Tuesday and held talks"): False; None when the parse
    says neither."""
    span = sent.tokens(d.start, d.end)
    if span is None or head.pos_ not in ("VERB", "AUX"):
        return None
    tok = span.root
    for _ in range(3):
        if tok.dep_ not in ("pobj", "prep", "npadvmod", "nummod", "compound"):
            break
        tok = tok.head
    if tok.i == head.i:
        return True
    coordinated = (head.dep_ == "conj" and head.head.i == tok.i) or (
        tok.dep_ == "conj" and tok.head.i == head.i
    )
    return False if coordinated else None


def _dates_another(sent: Sentence, trig: Trigger, d: DateMention) -> bool:
    """"... leave behind the friction around the elections two months ago": a date
    counted back dates only an act of its own clause ("X seized two months ago")."""
    if d.kind != "ago" or not sent.span.doc.has_annotation("DEP"):
        return False
    span = sent.tokens(d.end - 1, d.end)
    return span is not None and not in_clause_of(span[0], _act_tokens(sent, trig)[1])


def _modified_noun(sent: Sentence, d: DateMention) -> Token | None:
    """The noun the date modifies ("the 2016 ruling", "Chile's 2019 decision",
    "Tuesday's talks"), or None."""
    if not sent.span.doc.has_annotation("DEP"):
        return None
    span = sent.tokens(d.start, d.end)
    if span is None:
        return None
    root = span.root
    noun = root.head
    if root.dep_ not in ("nummod", "compound", "amod", "poss", "npadvmod") or noun.i == root.i:
        return None
    if noun.pos_ not in ("NOUN", "PROPN") or span.start <= noun.i < span.end:
        return None
    return noun


def _in_complement(
    sent: Sentence, trig: Trigger, d: DateMention, deps: tuple[str, ...] = ("ccomp", "xcomp")
) -> bool:
    """The date stands in the clause the trigger's verb takes as its content (``deps``:
    "agreed that the commission would meet in August", "demanded that X leave by
    Friday", "agreed to hold the next round in 2024")."""
    span = sent.tokens(trig.start, trig.end)
    where = sent.tokens(d.start, d.end)
    if span is None or where is None or not sent.span.doc.has_annotation("DEP"):
        return False
    verb = span.root
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "nsubjpass"):
        verb = verb.head  # "reached an agreement that ..."
    # (not a clause the trigger's own words reach into: "allowed X to visit")
    clauses = [c for c in verb.children
               if c.dep_ in deps and not span.start <= c.i < span.end]
    return any(c.left_edge.i <= where.root.i <= c.right_edge.i for c in clauses)


def _dates_another_noun(sent: Sentence, trig: Trigger, d: DateMention) -> bool:
    """"lodged a protest over ... the 2016 arbitral award": a date that modifies a noun
    other than the trigger's ("the 2016 ruling", "the 2023 attack") dates that noun's
    thing, not the act; "the 2019 talks" dates its trigger."""
    noun = _modified_noun(sent, d)
    if noun is not None and noun.pos_ == "PROPN" and noun.dep_ in ("nmod", "compound") and (
        noun.head.pos_ == "NOUN"
    ):
        noun = noun.head  # "the 1966 Geneva and 1899 Paris treaties": the treaties' year
    if noun is None or noun.pos_ != "NOUN" or noun.ent_type_ in ("DATE", "TIME"):
        return False
    about = _token_range(sent, trig)
    return about is not None and noun.i not in about


def _separate_counterparts(sent: Sentence, trig: Trigger) -> list[frozenset[int]]:
    """The tokens of each counterpart of a meeting told as several ("held separate
    meetings with the president and the speaker", "met separately with A and with B",
    "is to hold meetings with A and with B"), or [] for one meeting ("met the president
    and the foreign minister")."""
    span = sent.tokens(trig.start, trig.end)
    if span is None or not sent.span.doc.has_annotation("DEP"):
        return []
    head = span.root
    verb = head.head if head.dep_ in ("dobj", "nsubjpass", "pobj") else head
    near = [head] if verb is head else [head, verb]
    if head.dep_ == "prep" or (head.dep_ == "pobj" and verb.dep_ == "prep"):
        verb = head.head if head.dep_ == "prep" else verb.head
        near.append(verb)  # "spoke by telephone with A and, separately, with B"
    if verb.dep_ == "xcomp":
        near.append(verb.head)  # "is to hold meetings with A, and with B": on "is"
    markers = set(lexicon("separate_markers"))
    # "calls from A and B": each call has its caller
    calls = head.lemma_ in lexicon("message_nouns") and head.tag_ == "NNS"
    partners = ("with", "from") if calls else ("with",)
    # "with A and with B": the parse hangs the second "with" on the first or on the verb
    heads = [c for t in near for c in t.children
             if c.dep_ in ("prep", "conj") and c.lower_ in partners]
    if heads:
        # (or on a word above the trigger: "for a visit that will take in meetings with A
        # and with B", the second "with" read as joined to "for")
        heads += [t for t in sent.span if t.lower_ == "with" and t.dep_ == "conj"
                  and t.i > head.i and t.head.is_ancestor(head)]
    withs = sorted({w.i: w for h in heads for w in (h, *h.conjuncts)
                    if w.lower_ in partners}.values(), key=lambda w: w.i)
    firsts = [o for w in withs for o in w.children if o.dep_ == "pobj"]
    if not withs and verb.lemma_ == "meet" and verb.pos_ == "VERB":
        firsts = [o for o in verb.children if o.dep_ == "dobj"]
    objects = [o for first in firsts for o in (first, *first.conjuncts) if o.i >= first.i]
    marked = (
        len(withs) >= 2
        or (head.lemma_ == "meeting" and head.tag_ == "NNS")
        or calls
        or any(c.lemma_.lower() in markers for t in near for c in t.children)
    )
    heads_of_titles = title_lexicon().heads
    if len(objects) < 2 or not marked or not all(
        o.pos_ == "PROPN" or o.ent_type_ == "PERSON"
        or (o.lower_ in heads_of_titles and o.tag_ == "NN")  # one office holder each
        or any(t.ent_type_ == "PERSON" for t in o.subtree)  # "his counterpart A. B."
        for o in objects
    ):
        return []  # ("meetings with local authorities as well as other activities")
    out: list[frozenset[int]] = []
    for o in objects:
        others = {t.i for p in objects if p is not o and p.i > o.i for t in p.subtree}
        out.append(frozenset(t.i for t in o.subtree if t.i not in others))
    return out


def _days_ended(sent: Sentence, trig: Trigger, d: DateMention) -> int:
    """How many days the stay lasted whose end the date tells ("on Friday wrapped up a
    three-day visit", "ended a 4-day trip on Sunday"), or 0."""
    span = sent.tokens(trig.start, trig.end)
    if span is None or not sent.span.doc.has_annotation("DEP"):
        return 0
    stay = span.root
    verb = stay.head
    if stay.dep_ not in ("dobj", "nsubjpass") or verb.lemma_ not in lexicon("span_end_verbs"):
        return 0
    when = sent.tokens(d.start, d.end)
    if when is None or not in_clause_of(when.root, verb) or when.root.is_ancestor(stay):
        return 0
    for t in stay.children:
        if t.lower_ in ("day", "days") or t.lemma_ == "day":
            count = next((c for c in t.children if c.dep_ == "nummod"), None)
            return count_value(count.text) or 0 if count is not None else 0
    return 0


def _days_apart(sent: Sentence, trig: Trigger) -> tuple[int, int] | None:
    """For an act told in a clause "N days after ..." or "N days before ..." (days,
    hours, a week), how many days it came before the rest of the sentence (negative:
    after it) and where the clause starts; None for any other act."""
    doc = sent.span.doc
    if not doc.has_annotation("DEP"):
        return None
    top = _act_tokens(sent, trig)[1]
    mark = None
    for _ in range(4):  # "met ... on the sidelines of": the clause of the verb above
        mark = next((c for c in top.children if c.dep_ == "mark"
                     and c.lower_ in ("after", "before")), None)
        if mark is not None or top.pos_ in ("VERB", "AUX") or top.head.i == top.i:
            break
        top = top.head
    if mark is None:
        return None
    unit = next((c for t in (top, mark) for c in t.children if c.dep_ == "npadvmod"
                 and c.lemma_.lower() in ("day", "hour", "week")), None)
    if unit is None:
        return None
    count = next((c for c in unit.children if c.dep_ == "nummod"), None)
    n = 1 if count is None else count_value(count.text)
    if n is None:
        return None
    days = {"day": n, "week": 7 * n, "hour": 0}[unit.lemma_.lower()]
    first = min(unit.left_edge.i, mark.i)
    return (days if mark.lower_ == "after" else -days), doc[first].idx + sent.offset


def _came_from(sent: Sentence, tok: int) -> bool:
    """The word at ``tok`` names where a journey started: the object of "from" on a
    verb of travel ("arrived in Accra from Nigeria", "flew to Quito from Colombia")."""
    doc = sent.span.doc
    if not doc.has_annotation("DEP") or not 0 <= tok < len(doc):
        return False
    t = doc[tok]
    while t.dep_ == "compound" and t.head.i != t.i:
        t = t.head
    prep = t.head
    return (t.dep_ == "pobj" and prep.lower_ == "from" and prep.head.pos_ == "VERB"
            and prep.head.lemma_.lower() in lexicon("travel_verbs"))


def _modifies_a_noun(sent: Sentence, d: DateMention) -> bool:
    return _modified_noun(sent, d) is not None


#: trigger patterns of a courtesy or farewell call
_COURTESY_PATTERNS = frozenset({"consult.courtesy"})
#: days a visit's talks may follow its first day
_VISIT_DAYS = 7


def _guest_marker(sent: Sentence, trig: Trigger) -> bool:
    """"received visiting Lao Deputy Prime Minister ...", "met the visiting minister":
    "visiting" before the guest marks who came, not how this meeting was held, when
    the sentence tells the meeting by another word and not as one with the guest's
    counterpart ("received his visiting Cambodian counterpart" is the visit's talks)."""
    if trig.type != "CONSULT" or trig.text.lower() != "visiting":
        return False
    doc = sent.span.doc
    if trig.tok <= sent.span.start or trig.tok + 1 >= sent.span.end:
        return False
    before, after = doc[trig.tok - 1], doc[trig.tok + 1]
    if before.pos_ not in ("VERB", "DET", "PRON") or after.pos_ not in ("PROPN", "ADJ", "NOUN"):
        return False
    if any(t.lemma_.lower() == "counterpart" for t in sent.span):
        return False
    offices: dict[str, set[str]] = {}
    for p in sent.persons:
        if p.title and p.country:
            offices.setdefault(p.country, set()).add(_title_key(p.title))
    sides = list(offices.values())
    if len(sides) == 2 and sides[0] & sides[1]:
        return False  # "talks between President A and visiting President B"
    return any(t is not trig and t.type == "CONSULT" for t in sent.triggers)


def _within_visit(first: str | None, then: str | None) -> bool:
    """``then`` is the first day of the visit or one of the days after it."""
    if first is None or then is None:
        return True
    if len(first) != _DAY_CHARS or len(then) != _DAY_CHARS:
        return _dates_agree(first, then)
    try:
        a, b = _date_of(first), _date_of(then)
    except ValueError:
        return first == then
    return 0 <= (b - a).days <= _VISIT_DAYS


def _date_of(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _title_key(title: str) -> str:
    """A title without its country words ("Portuguese Foreign Minister" -> "foreign
    minister"): the office it names."""
    words = re.findall(r"[a-z]+", title.lower()[:200])
    lex = title_lexicon()
    skip = {"his", "her", "its", "their", "new", "newly", "outgoing", "incoming", "former"}
    kept = [w for w in words if w in lex.heads or (w in lex.modifiers and w not in skip)]
    return " ".join(kept) or " ".join(words)


def _telling_of(sent: Sentence, trig: Trigger) -> range | None:
    """The tokens a relative clause may tell of when it tells of the trigger: the
    trigger's own, and for a visit the place it went to ("a visit to Laos, which they
    had begun on May 15")."""
    about = _token_range(sent, trig)
    doc = sent.span.doc
    if about is None or trig.mode != "visit":
        return about
    ends = [t.i for i in about for p in doc[i].children
            if p.dep_ == "prep" and p.lower_ == "to" for t in p.children if t.dep_ == "pobj"]
    return range(about.start, max([about.stop - 1, *ends]) + 1)


def _verb_of(sent: Sentence, about: range | None) -> range | None:
    """``about`` narrowed to its head word when that is a verb (a verb pattern that
    spans its object), else ``about``."""
    doc = sent.span.doc
    if about is None or not doc.has_annotation("DEP"):
        return about
    root = doc[about.start : about.stop].root
    return range(root.i, root.i + 1) if root.pos_ == "VERB" else about


def _act_tokens(sent: Sentence, trig: Trigger) -> tuple[frozenset[int], Token]:
    """The tokens of a trigger with, for a noun, the verb it is the object or the
    passive subject of ("held a meeting", "talks were held"); and the token that heads
    the act (that verb, else the trigger's own head word)."""
    span = sent.tokens(trig.start, trig.end)
    doc = sent.span.doc
    if span is None:
        return frozenset(), doc[trig.tok]
    toks = set(range(span.start, span.end))
    top = span.root
    if top.pos_ in ("NOUN", "PROPN") and top.dep_ in ("dobj", "attr", "nsubjpass") and (
        top.head.pos_ in ("VERB", "AUX") and top.head.i != top.i
    ):
        top = top.head
        toks.add(top.i)
    elif top.dep_ == "nsubj" and top.head.lemma_ == "be" and top.head.i != top.i:
        # "the next round is to be held in Minsk in 2024": the verb of what is to be
        done = next((c for c in top.head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"),
                    None)
        if done is not None:
            top = done
            toks.add(top.i)
    return frozenset(toks), top


def _of_another_act(
    sent: Sentence, trig: Trigger, tok: Token,
    acts: list[tuple[Trigger, frozenset[int], Token]], top: Token, future: bool,
) -> bool:
    """The word ``tok`` (a person's name or title) belongs to another act of the sentence
    than ``trig`` (whose act is headed by ``top``): one of another type or status that
    neither frames it nor is framed by it."""
    owner = _owning_act(tok, acts)
    if owner is None or owner[0] is trig:
        return False
    other, _, its_top = owner
    differs = other.type != trig.type or (
        other.planned or sent.future_near(other.tok)
    ) != future
    # "signed during NAME's visit": the other act frames this one; "NAME promised to
    # phone NAME2": this one is what the other says
    framed = top.left_edge.i <= its_top.i <= top.right_edge.i or (
        its_top.left_edge.i <= top.i <= its_top.right_edge.i
    )
    return differs and not framed


def _speaker_of(tok: Token, top: Token) -> bool:
    """``tok`` is the subject of the verb that says the clause ``top`` is in ("the
    Foreign Minister said that Mexico condemns ...")."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(c.dep_ == "ccomp" and c.left_edge.i <= top.i <= c.right_edge.i
               for c in tok.head.children)


def _owning_act(
    tok: Token, acts: list[tuple[Trigger, frozenset[int], Token]]
) -> tuple[Trigger, frozenset[int], Token] | None:
    """The act whose words a person's name hangs on first, climbing the parse from
    the name: the subject, object or possessor of a trigger, or inside its phrase."""
    for _ in range(_MAX_CLIMB):
        owners = [a for a in acts if tok.i in a[1]]
        if owners:
            return owners[0]
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


@cache
def _place_words() -> tuple[frozenset[str], frozenset[str]]:
    """(territory nouns, venue entity labels) of ``data/places.json``."""
    data = load_json("places.json")
    return (frozenset(w.lower() for w in data["territory_nouns"]),
            frozenset(data["venue_labels"]))


def _names_the_meeting(sent: Sentence, trig: Trigger, tok: int) -> bool:
    """"the Doha talks": the city names the place of the meeting the trigger is."""
    if trig.type != "CONSULT":
        return False
    t = sent.span.doc[tok]
    span = sent.tokens(trig.start, trig.end)
    return span is not None and span.start <= t.head.i < span.end and names_a_meeting(t)


def _hangs_on(sent: Sentence, trig: Trigger, start: int, end: int) -> bool:
    """The place's preposition hangs right on the trigger or on its verb ("sent aid to
    X", "flew into X"), not on another word ("according to X")."""
    place = sent.tokens(start, end)
    about = _token_range(sent, trig)
    if place is None or about is None:
        return False
    doc = sent.span.doc
    heads = set(about) | {doc[i].head.i for i in about}
    root = place.root
    return root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i in heads


def _post_of(tok: Token) -> bool:
    """The place names where an envoy or a mission sits ("its ambassador in Caracas",
    "the embassy in Lima"), not where an act happened."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    noun = prep.head
    lemma = noun.lemma_.lower()
    return lemma in lexicon("envoy_nouns") or lemma in lexicon("mission_nouns")


def _token_range(sent: Sentence, trig: Trigger) -> range | None:
    span = sent.tokens(trig.start, trig.end)
    return range(span.start, span.end) if span is not None else None


def _city_in(ent: Span) -> str | None:
    """The known city an entity's name ends with ("State House Dar es Salaam" ->
    "Dar es Salaam"), as the text spells it."""
    cities = load_cities()
    for i in range(ent.start, ent.end):
        tail = ent.doc[i : ent.end]
        if tail.text in cities:
            return tail.text
    return None


def _relative_clauses(
    sent: Sentence, char: int, about: range | None = None
) -> frozenset[int]:
    """The relative clauses ("..., who visited Djibouti in March") that hold the
    character ``char``, as the token indices of their verbs; not those that tell of
    the tokens ``about`` ("a visit to Laos, which they had begun on May 15")."""
    return _clauses_holding(sent, char, about, lambda tok: tok.dep_ == "relcl" and any(
        # a clause opened by "who", "which", "where", "that": not a parse that took
        # a dateline for the noun a clause tells of
        c.tag_ in ("WDT", "WP", "WP$", "WRB") or c.lower_ == "that"
        for c in tok.subtree if c.i < tok.i  # "who", "in which", "whose envoy"
    ))


def _sequence_adjuncts(sent: Sentence, char: int) -> frozenset[int]:
    """The phrases of time told by another act ("after talks with X", "following a
    meeting in Riga", "before his visit") that hold the character ``char``, as the token
    indices of their prepositions."""
    return _clauses_holding(sent, char, None, lambda tok: (
        tok.dep_ == "prep" and tok.lower_ in _SEQUENCE_PREPS
    ))


def _sequence_clauses(sent: Sentence, char: int) -> frozenset[int]:
    """The clauses of time told by another act ("hours after troops exchanged fire",
    "before X recalled its envoy") that hold the character ``char``, as the token
    indices of their verbs."""
    return _clauses_holding(sent, char, None, lambda tok: (
        tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "before")
                                    for c in tok.children)
    ))


def _reduced_relatives(
    sent: Sentence, char: int, about: range | None = None
) -> frozenset[int]:
    """The participle clauses on a noun ("a decision taken by the leaders on 29 January")
    that hold the character ``char``, as the token indices of their verbs; not those on
    the tokens ``about`` ("the meeting held on Monday" tells of the trigger)."""
    return _clauses_holding(sent, char, about, lambda tok: (
        tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN")
        # "in a communique released on Wednesday, the ministry declared ...": the
        # statement's date is that of the act it tells
        and tok.head.lemma_.lower() not in lexicon("statement_nouns")
    ))


def _clauses_holding(
    sent: Sentence, char: int, about: range | None, is_clause: Callable[[Token], bool]
) -> frozenset[int]:
    """The verbs of the clauses (``is_clause``) on the way up the parse from the
    character ``char``, except clauses on the tokens ``about``."""
    doc = sent.span.doc
    if not doc.has_annotation("DEP"):
        return frozenset()
    span = sent.tokens(char, char + 1)
    if span is None:
        return frozenset()
    tok = span[0]
    out: set[int] = set()
    for _ in range(_MAX_CLIMB):
        if is_clause(tok) and not (about is not None and tok.head.i in about):
            out.add(tok.i)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return frozenset(out)


def _topics(sent: Sentence) -> set[str]:
    """The topics of a sentence: its keywords, and working within an international
    body (the UN, the EU, ASEAN ... named in it) is ``multilateral``."""
    found = topics_of(_without_offices(sent))
    if sent.non_state:
        found.add("multilateral")
    return found


def _without_offices(sent: Sentence) -> str:
    """The sentence's text with the words that name an office blanked ("their irrigation
    ministers", "the Agriculture Minister"): an office says who acts, not what about."""
    doc = sent.span.doc
    if not doc.has_annotation("DEP"):
        return sent.text
    heads = title_lexicon().heads
    chars = list(sent.text)
    for tok in sent.span:
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in heads and tok.i < tok.head.i:
            start = tok.idx - (sent.start - sent.offset)
            for k in range(max(0, start), min(len(chars), start + len(tok.text))):
                chars[k] = " "
    return "".join(chars)


def _dates_agree(a: str, b: str) -> bool:
    """Equal, or one names a period that contains the other."""
    return a.startswith(b) or b.startswith(a)


def _distance(start: int, end: int, trig: Trigger) -> int:
    if end <= trig.start:
        return trig.start - end
    if start >= trig.end:
        return start - trig.end
    return 0


def _lead_weekday(sent: Sentence, pub: Published) -> int | None:
    """The weekday the lead of a story published on a day without a year names, when it
    names exactly one ("MOSCOW, June 18 ... told reporters on Wednesday"): agency copy
    tells the news of its dateline's day."""
    if pub.year is not None or pub.month is None or pub.day is None:
        return None
    days = {d.weekday for d in sent.dates if d.kind == "weekday" and d.weekday is not None}
    plain = all(d.rel is None and d.day is None for d in sent.dates if d.kind == "weekday")
    return days.pop() if len(days) == 1 and plain else None
