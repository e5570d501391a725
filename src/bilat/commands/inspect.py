"""One thing at a time: ``bilat event ID``, ``bilat document ID``,
``bilat documents`` and ``bilat forget ID``.

On a terminal the evidence is styled by Rich; elsewhere the marked stretches
are set off by ``⟦ ⟧`` so that a pipe or a file keeps them. ``--format json``
prints one JSON object instead.
"""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from bilat.commands.output import print_error
from bilat.commands.query import TABLE_LIMIT, DbOption, _err, _print_table, _session, _table, _take
from bilat.errors import BilatError

if TYPE_CHECKING:
    from bilat.store.documents import DocumentDetail
    from bilat.store.query import EventView

EXIT_OK, EXIT_FATAL = 0, 2
OPEN, CLOSE = "⟦", "⟧"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


ShowFormatOption = Annotated[
    ShowFormat, typer.Option("--format", case_sensitive=False, help="Output format.")
]


def _out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _marked(text: str, spans: list[tuple[int, int, str, str]], plain: bool) -> Text:
    """``text`` with each ``(start, end, style, tag)`` span styled and, when
    ``plain``, set off by ⟦ ⟧ with its tag."""
    if not plain:
        out = Text(text)
        for start, end, style, _ in spans:
            out.stylize(style, start, end)
        return out
    inserts: list[tuple[int, int, str]] = []
    for start, end, _, tag in spans:
        inserts.append((start, 1, OPEN))
        inserts.append((end, 0, f"{CLOSE}{tag}"))
    pieces: list[str] = []
    last = 0
    for at, _, mark in sorted(inserts, key=lambda i: (i[0], i[1])):
        pieces.append(text[last:at])
        pieces.append(mark)
        last = at
    pieces.append(text[last:])
    return Text("".join(pieces))


def _cue_spans(evidence: str, trigger: str | None) -> list[tuple[int, int, str, str]]:
    """Where the cue word of a report stands in its evidence (every place)."""
    if not trigger or not trigger.strip():
        return []
    pattern = re.compile(re.escape(trigger.strip()), re.IGNORECASE)
    return [(m.start(), m.end(), "bold reverse", "") for m in pattern.finditer(evidence)]


def _print_event(console: Console, e: EventView) -> None:
    plain = not console.is_terminal
    head = f"Event {e.id}: {e.type}" + (f" ({e.mode})" if e.mode else "") + f", {e.status}"
    console.print(Text(head, style="bold"))
    rows = [
        ("date", e.date or "not given"),
        ("countries", ", ".join(e.countries)),
        ("location", e.location or "not given"),
        ("topics", ", ".join(e.topics) or "none"),
        ("sources", str(e.n_sources)),
    ]
    if e.announced:
        rows.append(("announced", e.announced))
    if e.fulfilled_by is not None:
        rows.append(("fulfilled by", f"event {e.fulfilled_by.id} "
                                     f"({e.fulfilled_by.date or 'undated'})"))
    for name, value in rows:
        console.print(f"  {name:<13}{value}")
    console.print("  participants" + ("" if e.participants else " none"))
    for p in e.participants:
        extra = ", ".join(x for x in (p.country, p.title) if x)
        console.print(f"    {p.name}" + (f" ({extra})" if extra else ""))
    console.print(Text("Reports", style="bold"))
    for i, m in enumerate(e.mentions, 1):
        console.print(f"  {i}. {m.doc}, published {m.published or 'unknown'}, "
                      f"characters {m.start}-{m.end}")
        console.print(Text("     ") + _marked(m.text, _cue_spans(m.text, m.trigger), plain))


def event(
    event_id: Annotated[int, typer.Argument(help="An event id (as `bilat events` lists).")],
    fmt: ShowFormatOption = ShowFormat.text,
    db: DbOption = None,
) -> None:
    """Show one event: every field, and each report of it with the document,
    its date and the evidence, the cue word marked."""
    from bilat.store.query import get_event

    with _session(db) as session:
        found = get_event(session, event_id)
        if found is None:
            print_error(_err(), f"no event {event_id} (see `bilat events`)")
            raise typer.Exit(EXIT_FATAL)
        if fmt is ShowFormat.json:
            sys.stdout.write(json.dumps(found.to_dict(), ensure_ascii=False) + "\n")
        else:
            _print_event(_out(), found)


_STYLES = {"event": "bold yellow underline", "fact": "bold cyan underline"}


def _print_document(console: Console, d: DocumentDetail) -> None:
    s = d.summary
    console.print(Text(f"Document {s.key}", style="bold"))
    for name, value in (("doc", s.doc), ("published", s.published), ("title", s.title),
                        ("source", s.source), ("url", s.url)):
        if value:
            console.print(f"  {name:<10}{value}")
    console.print(f"  {s.n_events} events, {s.n_facts} facts")
    console.print()
    marks = [(x.start, x.end, _STYLES[x.kind], f"{x.kind[0].upper()}{x.ref}") for x in d.spans]
    console.print(_marked(d.text, marks, not console.is_terminal))
    if d.spans:
        console.print()
        console.print(Text("Spans", style="bold"))
        for x in d.spans:
            console.print(f"  {x.kind[0].upper()}{x.ref:<6} {x.start}-{x.end}  {x.label}")


def document(
    ref: Annotated[str, typer.Argument(
        help="A document's key (as `bilat documents` lists), or its id when only one has it.")],
    fmt: ShowFormatOption = ShowFormat.text,
    db: DbOption = None,
) -> None:
    """Show a stored document's text with its events' (E) and facts' (F) spans marked."""
    from bilat.store.documents import document_detail

    with _session(db) as session:
        detail = document_detail(session, ref)
        if fmt is ShowFormat.json:
            sys.stdout.write(json.dumps(detail.to_dict(), ensure_ascii=False) + "\n")
        else:
            _print_document(_out(), detail)


def documents(
    fmt: Annotated[ListFormat, typer.Option("--format", case_sensitive=False,
                                            help="Output format.")] = ListFormat.table,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Rows at most.")] = None,
    db: DbOption = None,
) -> None:
    """List stored documents: key, id, source, published, events and facts."""
    from bilat.store.documents import iter_documents

    with _session(db) as session:
        if fmt is ListFormat.jsonl:
            for d in iter_documents(session, limit=limit):
                sys.stdout.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
            return
        shown = limit or TABLE_LIMIT
        rows, more = _take(iter_documents(session, limit=shown + 1), shown)
        table = _table("Documents", ["key", "doc", "published", "events", "facts", "source"])
        for d in rows:
            table.add_row(d.key, d.doc, d.published or "", str(d.n_events), str(d.n_facts),
                          d.source or d.url or "")
        _print_table(table, len(rows), more, "documents", shown)


def forget(
    ref: Annotated[str, typer.Argument(
        help="A document's key (as `bilat documents` lists), or its id when only one has it.")],
    db: DbOption = None,
) -> None:
    """Remove one document and everything only it supported, in one transaction."""
    from bilat.store import NoStoreError, open_existing_store
    from bilat.store.writer import forget as forget_document

    err = _err()
    try:
        store = open_existing_store(db)
    except NoStoreError as exc:
        print_error(err, f"{exc} (nothing to forget)")
        raise typer.Exit(EXIT_FATAL) from None
    except BilatError as exc:
        print_error(err, exc)
        raise typer.Exit(EXIT_FATAL) from None
    try:
        done = forget_document(store, ref)
    except BilatError as exc:
        print_error(err, exc)
        raise typer.Exit(EXIT_FATAL) from None
    finally:
        store.close()
    err.print(f"forgot {done.key} ({done.doc}): {done.mentions} event reports, {done.facts} "
              f"facts; {done.events} events only it reported are gone")


def register(app: typer.Typer) -> None:
    """Add the one-at-a-time commands to ``app``."""
    app.command("event")(event)
    app.command("document")(document)
    app.command("documents")(documents)
    app.command("forget")(forget)
