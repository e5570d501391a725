"""The order of every list the store gives out, by a stable key.

The same inputs must give the same output, byte for byte, on SQLite and on
PostgreSQL, whether an ingest ran through or was killed and resumed. So no
list is left in the order rows happen to come back in, nor sorted by the
database (collations differ between backends): lists are sorted here, in
Python, by keys made of what the text says.

- The reports (mentions) of a merged event: earliest publication first
  (undated last), then by the document's identity, then in the order the
  document gives them.
- Participants: by role, then name, then title. In a PLOVER record the role
  is actor first, then the recipients in code order; elsewhere the position
  of the person's country among the event's countries (sorted codes); people
  of no country, or of a country not taking part, come last.
"""

from __future__ import annotations

from collections.abc import Sequence


def report_key(published: str | None, doc_key: str, row_id: int) -> tuple[bool, str, str, int]:
    """Sort key of one report of an event (see the module)."""
    return (published is None, published or "", doc_key, row_id)


def participant_key(
    country: str | None,
    name: str,
    title: str | None,
    countries: Sequence[str],
    actor: str | None = None,
) -> tuple[int, str, str]:
    """Sort key of one participant of an event with ``countries``: role, name, title."""
    if actor is not None and country == actor:
        rank = 0
    elif country is not None and country in countries:
        rank = 1 + list(countries).index(country)
    else:
        rank = len(countries) + 1
    return (rank, name, title or "")
