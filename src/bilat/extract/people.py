"""People named in one document: one entry per person, whatever the spelling.

"Mammadyarov", "Mamedyarov" and "Elmar Mammadyarov" are one person; the
fullest name seen is the one reported, with the longest title and the first
country found for him.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from bilat.extract.analysis import Person
from bilat.record import Participant

_SIMILAR = 80.0


def fold(text: str) -> str:
    """Lower case, accents stripped, letters and digits only."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def surname(name: str) -> str:
    """The folded last word of a name: the key people are matched on."""
    parts = fold(name).split()
    return parts[-1] if parts else ""


@dataclass(slots=True)
class _Entry:
    name: str
    title: str | None
    country: str | None
    spellings: list[str]
    folded: str = ""  # fold(name), kept with the name
    surname: str = ""  # surname(name)


class PeopleRegistry:
    """Resolves the spellings of a person's name within one document."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        self._folded: dict[str, str] = {}  # fold() of the names asked about

    def _fold(self, name: str) -> str:
        folded = self._folded.get(name)
        if folded is None:
            folded = self._folded[name] = fold(name)
        return folded

    def _find(self, name: str, given: bool = True) -> _Entry | None:
        """The entry of ``name``: same surname, or a close spelling of it; with ``given``,
        a one-word name that opens exactly one longer name ("Mr. Xi" for Xi Jinping,
        "Prabowo" for Prabowo Subianto: family name first, or a name used alone)."""
        folded = self._fold(name)
        parts = folded.split()
        sur = parts[-1] if parts else ""
        if not sur:
            return None
        for e in self._entries:
            if e.surname == sur or e.folded == folded:
                return e
        for e in self._entries:
            esur = e.surname
            if len(sur) >= 5 and esur[:1] == sur[:1] and fuzz.ratio(esur, sur) >= _SIMILAR:
                return e
        if given and len(parts) == 1:
            opened = [e for e in self._entries if " " in e.folded and e.folded.split()[0] == sur]
            if len(opened) == 1:
                return opened[0]
            # "Lula" for Luiz Inacio Lula da Silva: a word inside exactly one longer name
            inside = [e for e in self._entries if len(sur) >= 4 and sur in e.folded.split()[1:-1]]
            if len(inside) == 1:
                return inside[0]
        return None

    def _rename(self, entry: _Entry, name: str) -> None:
        entry.name = name
        entry.folded = self._fold(name)
        parts = entry.folded.split()
        entry.surname = parts[-1] if parts else ""

    def add(self, person: Person) -> None:
        entry = self._find(person.name)
        if entry is None:
            entry = _Entry(person.name, person.title, person.country, [person.name])
            self._rename(entry, person.name)
            self._entries.append(entry)
            return
        if person.name not in entry.spellings:
            entry.spellings.append(person.name)
        if len(person.name.split()) > len(entry.name.split()):
            self._rename(entry, person.name)
        if person.title and (entry.title is None or len(person.title) > len(entry.title)):
            entry.title = person.title
        if entry.country is None and person.country:
            entry.country = person.country

    def knows_surname(self, word: str) -> bool:
        """``word`` is (a spelling of) the surname of someone already named."""
        return len(word) >= 4 and self._find(word, given=False) is not None

    def key(self, name: str) -> str:
        entry = self._find(name)
        return entry.folded if entry else self._fold(name)

    def country_of(self, name: str) -> str | None:
        entry = self._find(name)
        return entry.country if entry else None

    def title_of(self, name: str) -> str | None:
        """The longest title the document gives the person ("Schialer" after "Foreign
        Minister Elmer Schialer")."""
        entry = self._find(name)
        return entry.title if entry else None

    def titled(self) -> list[tuple[str, str, str | None]]:
        """(name, title, country) of everyone the document names with a title."""
        return [(e.name, e.title, e.country) for e in self._entries if e.title]

    def set_country(self, name: str, iso3: str) -> None:
        entry = self._find(name)
        if entry is not None and entry.country is None:
            entry.country = iso3

    def canonical(self, person: Person) -> Participant:
        entry = self._find(person.name)
        if entry is None:
            return Participant(person.name, person.title, person.country)
        # other spellings of the surname (a shorter form of the same name is no alias)
        full = entry.folded
        aliases = [
            s for s in entry.spellings
            if (f := self._fold(s)) != full and not full.endswith(f) and not full.startswith(f)
        ]
        return Participant(
            entry.name, entry.title or person.title, entry.country or person.country, aliases
        )
