"""Reading WARC files, RSS/Atom feeds and gzip JSON Lines (issue 8, inputs).

Every file is built here: WARC files with warcio's own writer, feeds as XML text.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bilat import Document, Options
from bilat.errors import IngestError
from bilat.ingest import ReadStats, iter_paths, read_documents
from tests.schema_check import assert_valid_records

PAGE = """<!DOCTYPE html><html><head><title>{title}</title>
<meta property="og:site_name" content="Harbour Courier">
<meta property="article:published_time" content="{date}"></head>
<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>
<p>{body}</p>
<p>The two delegations also agreed to meet again next spring to review the results of the
programme and to widen it to the training of young teachers and engineers.</p>
</article><footer>Copyright Harbour Courier</footer></body></html>"""

ARTICLES = [
    ("https://courier.example/world/uruguay-finland",
     "Uruguay and Finland sign education accord", "2024-05-02",
     "The education ministers of Uruguay and Finland signed a cooperation agreement in "
     "Montevideo on Thursday, covering teacher exchanges and school design."),
    ("https://courier.example/world/nepal-bhutan",
     "Nepal and Bhutan hold border talks", "2024-05-03",
     "Officials of Nepal and Bhutan held talks in Kathmandu on Friday on trade across their "
     "shared mountain corridor and on new customs posts."),
]


def _response(
    writer: WARCWriter, url: str, body: bytes, status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8", date: str = "2024-05-04T08:30:00Z",
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def _write_warc(path: Path, gz: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        url, title, date, body = ARTICLES[0]
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
            warc_headers_dict={"WARC-Date": "2024-05-04T08:30:00Z"},
        )
        writer.write_record(request)
        _response(writer, url, PAGE.format(title=title, date=date, body=body).encode())
        _response(writer, "https://courier.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64),
                  content_type="image/png")
        _response(writer, "https://courier.example/gone", b"<html>gone</html>",
                  status="404 Not Found")
        _response(writer, "https://courier.example/moved", b"", status="301 Moved Permanently")
        _response(writer, "https://courier.example/empty", b"<html><body></body></html>")
        url, title, date, body = ARTICLES[1]
        _response(writer, url, PAGE.format(title=title, date=date, body=body).encode(),
                  date="2024-05-05T10:00:00Z")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_are_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gz=name.endswith(".gz"))
    stats = ReadStats()
    items = list(read_documents(path, Options(), stats))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.id for d in docs] == [a[0] for a in ARTICLES]
    first, second = docs
    assert first.url == ARTICLES[0][0]
    assert first.title == ARTICLES[0][1]
    assert first.published == "2024-05-02"
    assert "Montevideo" in first.text and "Home | World" not in first.text
    assert first.meta["fetched"] == "2024-05-04T08:30:00Z"
    assert first.meta["warc_record"].startswith("<urn:uuid:")
    assert second.meta["fetched"] == "2024-05-05T10:00:00Z"
    assert first.source.startswith(f"{path}@") and first.source != second.source
    # the empty page is a read error of its own record; the rest are skipped and counted
    assert len(errors) == 1 and "no main text" in errors[0].problem
    assert errors[0].source.startswith(f"{path}@")
    assert stats.skipped == {"non-HTML responses": 1, "HTTP status 404": 1,
                             "HTTP status 301": 1}
    assert stats.summary() == "1 HTTP status 301, 1 HTTP status 404, 1 non-HTML responses"


@pytest.mark.parametrize(
    "data", [b"this is not a WARC file at all\n", gzip.compress(b"WARC/1.0\r\nbroken")],
)
def test_unreadable_warc_is_one_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("Still read.", encoding="utf-8")
    items = list(read_documents([path, good]))
    assert isinstance(items[0], IngestError) and "WARC" in items[0].problem
    assert isinstance(items[-1], Document) and items[-1].text == "Still read."


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Lakeside Wire</title><link>https://wire.example/</link>
<description>World news</description>
<item><title>Peru and Chile agree port plan</title>
<link>https://wire.example/a/1</link><guid>wire-0001</guid>
<pubDate>Tue, 07 May 2024 23:30:00 -0300</pubDate>
<description>&lt;p&gt;Peru and Chile agreed on Tuesday to build a joint port.&lt;/p&gt;&lt;p&gt;The
ministers met in Lima.&lt;br/&gt;More talks follow.&lt;/p&gt;</description></item>
<item><title>Ghana and Togo talk power lines</title>
<link>https://wire.example/a/2</link>
<pubDate>Wed, 08 May 2024 09:00:00 GMT</pubDate>
<description>Ghana and Togo discussed new power lines in Accra.</description></item>
<item><title>Empty</title><link>https://wire.example/a/3</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Fjord Post</title>
<id>urn:fjord</id><updated>2024-06-01T00:00:00Z</updated>
<entry><title>Norway and Iceland sign fisheries deal</title>
<id>urn:fjord:1</id><link href="https://fjord.example/1"/>
<published>2024-06-01T07:00:00Z</published><updated>2024-06-02T07:00:00Z</updated>
<summary>Short teaser.</summary>
<content type="html">&lt;p&gt;Norway and Iceland signed a fisheries deal in Oslo.&lt;/p&gt;
</content>
</entry>
<entry><title>Updated only</title><id>urn:fjord:2</id>
<updated>2024-06-03T12:00:00Z</updated>
<summary type="text">Denmark and Sweden opened a bridge office.</summary></entry>
</feed>"""


def test_rss_entries_are_articles(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_documents(path))
    first, second, empty = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.url, first.title) == (
        "wire-0001", "https://wire.example/a/1", "Peru and Chile agree port plan")
    assert first.published == "2024-05-08"  # 23:30 at UTC-3 is the 8th in UTC
    assert first.text == (
        "Peru and Chile agreed on Tuesday to build a joint port.\n\n"
        "The ministers met in Lima.\nMore talks follow.\n"
    )
    assert first.source == f"{path}#1" and first.meta["outlet"] == "Lakeside Wire"
    assert second.id == "https://wire.example/a/2"  # no guid: the link
    assert second.published == "2024-05-08"
    assert second.text == "Ghana and Togo discussed new power lines in Accra.\n"
    assert isinstance(empty, IngestError) and empty.source == f"{path}#3"


def test_atom_content_wins_over_summary(tmp_path: Path) -> None:
    path = tmp_path / "post.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = list(read_documents(path))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "Norway and Iceland signed a fisheries deal in Oslo.\n"
    assert (first.id, first.url, first.published) == (
        "urn:fjord:1", "https://fjord.example/1", "2024-06-01")
    assert second.published == "2024-06-03"  # updated, when nothing was published
    assert second.text == "Denmark and Sweden opened a bridge office.\n"


def test_xml_feed_is_read_when_named_not_in_folders(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(ATOM, encoding="utf-8")
    with pytest.raises(IngestError, match="no file to read in this folder"):
        list(iter_paths([tmp_path]))  # a folder's .xml files are not picked up
    assert len([d for d in read_documents(feed) if isinstance(d, Document)]) == 2


@pytest.mark.parametrize(
    ("text", "problem"),
    [("<html><body>not a feed</body></html>", "not a readable RSS or Atom feed"),
     ("plain words, no markup", "not a readable RSS or Atom feed"),
     ("<rss><channel><item><title>x</ti", "feed entry has neither id nor link")],
)
def test_unreadable_feed(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "x.rss"
    path.write_text(text, encoding="utf-8")
    (item,) = list(read_documents(path))
    assert isinstance(item, IngestError) and problem in item.problem


def test_truncated_feed_keeps_its_whole_entries(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_text(RSS[: RSS.index("<item><title>Ghana") + 40], encoding="utf-8")
    items = list(read_documents(path))
    assert isinstance(items[0], Document) and items[0].id == "wire-0001"


def test_gzip_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    lines = [json.dumps({"id": "g1", "text": "First."}), "{broken",
             json.dumps({"id": "g2", "text": "Second.", "published": "2024-01-02"})]
    path.write_bytes(gzip.compress("\n".join(lines).encode() + b"\n"))
    items = list(read_documents(path))
    assert [i.id if isinstance(i, Document) else i.source for i in items] == [
        "g1", f"{path}:2", "g2"]


def test_truncated_gzip_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"".join(
        json.dumps({"id": f"c{i}", "text": "Some words here. " * 50}).encode() + b"\n"
        for i in range(200)))
    path.write_bytes(data[: len(data) // 2])
    items = list(read_documents(path))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], IngestError) and "cannot read file" in items[-1].problem


def test_cli_extracts_warc_and_feed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write_warc(folder / "a.warc.gz", gz=True)
    (folder / "b.rss").write_text(RSS, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "bilat", "extract", str(folder), "-o", str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 1, proc.stderr  # the empty page and the empty entry
    assert "skipped WARC records: 1 HTTP status 301, 1 HTTP status 404, 1 non-HTML" in (
        proc.stderr)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"] for r in records] == [
        ARTICLES[0][0], ARTICLES[1][0], "wire-0001", "https://wire.example/a/2"]
    assert records[0]["url"] == ARTICLES[0][0] and records[0]["published"] == "2024-05-02"
    assert any(e["countries"] == ["CHL", "PER"] for e in records[2]["events"])
    assert_valid_records(records)
