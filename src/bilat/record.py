"""The output side: the document record of ``shared/spec/RECORD.md``.

Field names and meanings are fixed by the spec; ``to_dict`` produces exactly the
JSON shape the scorer and every export read. Extra fields are allowed and kept
small (``confidence``, ``trigger``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
CONSULT_MODES = ("meeting", "visit", "phone", "video", "multilateral")
STATUSES = ("occurred", "planned")
TOPICS = (
    "politics", "trade", "investment", "energy", "transport", "technology", "defense",
    "security", "health", "environment", "education", "culture", "agriculture", "multilateral",
)
FACT_KINDS = ("trade_turnover", "exports", "supply", "investment", "aid")
DIRECTED_FACT_KINDS = frozenset({"exports", "supply", "aid"})


@dataclass(slots=True)
class Evidence:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        """The span ``text[start:end]``, trimmed of surrounding white space."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Participant:
    name: str
    title: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)  # other spellings in the same text

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "title": self.title, "country": self.country}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        return out


@dataclass(slots=True)
class Event:
    type: str
    countries: list[str]
    evidence: Evidence
    mode: str | None = None
    status: str = "occurred"
    date: str | None = None
    location: str | None = None
    participants: list[Participant] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    trigger: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode if self.type == "CONSULT" else None,
            "status": self.status,
            "countries": sorted(set(self.countries)),
            "date": self.date,
            "location": self.location,
            "participants": [p.to_dict() for p in self.participants],
            "topics": [t for t in TOPICS if t in self.topics],
            "evidence": self.evidence.to_dict(),
            "trigger": self.trigger,
        }


@dataclass(slots=True)
class Fact:
    kind: str
    countries: list[str]
    value: float
    unit: str
    evidence: Evidence
    period: str | None = None

    def to_dict(self) -> dict[str, Any]:
        countries = (
            list(self.countries) if self.kind in DIRECTED_FACT_KINDS else sorted(self.countries)
        )
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "kind": self.kind,
            "countries": countries,
            "value": value,
            "unit": self.unit,
            "period": self.period,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(slots=True)
class Record:
    doc: str
    published: str | None
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    title: str | None = None
    source: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc": self.doc,
            "published": self.published,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "events": [e.to_dict() for e in self.events],
            "facts": [f.to_dict() for f in self.facts],
        }
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out
