"""Tests of bilat.ingest: real files written into tmp_path, no mocks."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilat.document import Document
from bilat.errors import IngestError
from bilat.ingest import (
    SUPPORTED_SUFFIXES,
    SkippedFiles,
    iter_paths,
    parse_published,
    read_documents,
)
from bilat.options import Options

RUSSIAN = "Министр иностранных дел России встретился с послом Франции в Москве.\n" * 3
FRENCH = "Le ministre a rencontré l'ambassadeur à Genève, où il a évoqué la sécurité.\n"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ministers meet in Vienna | Example News</title>
<meta property="og:title" content="Ministers meet in Vienna">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://news.example.org/2021/10/22/ministers-meet">
<meta property="article:published_time" content="2021-10-22T08:15:00Z">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Ministers meet in Vienna</h1>
<p>The foreign ministers of Austria and Slovenia met in Vienna on Friday to discuss
border cooperation and energy supplies for the coming winter.</p>
<p>Both sides agreed to set up a joint working group that will report back before the
end of the year, officials said after the talks.</p>
<p>The meeting was the first of its kind since the two countries signed a memorandum on
regional infrastructure three years ago.</p>
</article>
<footer>Copyright Example News. All rights reserved.</footer>
</body>
</html>
"""


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


def _read_all(*paths: Path | str, options: Options | None = None) -> list[Document | IngestError]:
    return list(read_documents(list(paths), options))


def _only_document(path: Path, options: Options | None = None) -> Document:
    items = _read_all(path, options=options)
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, Document), item
    return item


def _only_error(path: Path, options: Options | None = None) -> IngestError:
    items = _read_all(path, options=options)
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, IngestError), item
    return item


def _scorer_text(path: Path) -> str:
    """The text as the official scorer reads it."""
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        return handle.read()


# --- plain text: decoding -------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected_text", "expected_encoding"),
    [
        pytest.param(b"Talks in Ankara.\n", "Talks in Ankara.\n", "utf-8", id="utf-8"),
        pytest.param(
            codecs.BOM_UTF8 + b"Talks in Ankara.\n",
            "\ufeffTalks in Ankara.\n",
            "utf-8",
            id="utf-8-bom",
        ),
        pytest.param(
            "Gespräche in Zürich.\n".encode("utf-16"),
            "Gespräche in Zürich.\n",
            "utf-16",
            id="utf-16-bom",
        ),
        pytest.param(RUSSIAN.encode("cp1251"), RUSSIAN, None, id="cp1251"),
        pytest.param(FRENCH.encode("latin-1"), FRENCH, None, id="latin-1"),
    ],
)
def test_txt_decoding(
    tmp_path: Path, data: bytes, expected_text: str, expected_encoding: str | None
) -> None:
    path = _write(tmp_path / "doc.txt", data)
    doc = _only_document(path)
    assert doc.text == expected_text
    encoding = doc.meta["encoding"]
    if expected_encoding is not None:
        assert encoding == expected_encoding
    else:
        assert codecs.lookup(encoding).name != "utf-8"
    # the recorded encoding reproduces the text exactly
    with open(path, encoding=encoding, newline="") as handle:
        assert handle.read() == doc.text


def test_txt_newlines_and_whitespace_are_kept_exactly(tmp_path: Path) -> None:
    raw = "Line one.\r\n\r\n  Indented\tline.\r\nOld Mac\rline.\nUnix line.  \n"
    path = _write(tmp_path / "crlf.txt", raw)
    doc = _only_document(path)
    assert doc.text == raw
    assert doc.text == _scorer_text(path)
    for needle in ("Indented", "Old Mac", "Unix line"):
        start = doc.text.index(needle)
        assert _scorer_text(path)[start : start + len(needle)] == needle


@pytest.mark.parametrize(
    ("name", "expected_id"),
    [
        ("002_fba.txt", "002_fba"),
        ("report.v2.txt", "report.v2"),
        ("UPPER.TXT", "UPPER"),
        ("with space.txt", "with space"),
    ],
)
def test_txt_id_source_and_fields(tmp_path: Path, name: str, expected_id: str) -> None:
    path = _write(tmp_path / name, "Some text.\n")
    doc = _only_document(path)
    assert doc.id == expected_id
    assert doc.source == str(path)
    assert (doc.title, doc.published, doc.url) == (None, None, None)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4, "looks like a binary file", id="png"
        ),
        pytest.param(b"text\x00more text", "looks like a binary file", id="nul"),
        pytest.param(b"", "empty document", id="empty"),
        pytest.param(b" \r\n\t\n", "empty document", id="whitespace"),
    ],
)
def test_txt_unreadable(tmp_path: Path, data: bytes, problem: str) -> None:
    path = _write(tmp_path / "bad.txt", data)
    err = _only_error(path)
    assert err.source == str(path)
    assert err.problem.startswith(problem)


def test_long_document_is_not_truncated(tmp_path: Path) -> None:
    text = "Envoys met. " * 100
    doc = _only_document(_write(tmp_path / "long.txt", text), Options(max_chars=50))
    assert doc.text == text


# --- paths ----------------------------------------------------------------------------


def _make_tree(root: Path) -> None:
    for rel in (
        "b.txt",
        "a.txt",
        "z.html",
        "notes.pdf",
        "README",
        ".hidden.txt",
        ".git/inside.txt",
        "sub/c.htm",
        "sub/deep/d.jsonl",
        "sub/deep/e.TXT",
        "m/x.txt",
    ):
        _write(root / rel, "x")


def test_iter_paths_walks_folders_sorted_and_recursively(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _make_tree(root)
    single = _write(tmp_path / "single.txt", "x")
    got = list(iter_paths([single, root, str(root / "sub")]))
    assert got == [
        single,
        root / "a.txt",
        root / "b.txt",
        root / "m" / "x.txt",
        root / "sub" / "c.htm",
        root / "sub" / "deep" / "d.jsonl",
        root / "sub" / "deep" / "e.TXT",
        root / "z.html",
        root / "sub" / "c.htm",
        root / "sub" / "deep" / "d.jsonl",
        root / "sub" / "deep" / "e.TXT",
    ]


def test_iter_paths_accepts_a_single_string(tmp_path: Path) -> None:
    path = _write(tmp_path / "one.txt", "x")
    assert list(read_documents(str(path))) == list(read_documents([path]))
    assert len(list(read_documents(str(path)))) == 1


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path / ".hidden.txt", "Hidden but named.")
    assert list(iter_paths([path])) == [path]


@pytest.mark.parametrize(
    ("name", "create", "problem"),
    [
        (
            "paper.pdf",
            True,
            "unsupported file type .pdf; expected .txt, .html, .htm, .jsonl(.gz), .warc(.gz), "
            ".rss, .atom or .xml",
        ),
        (
            "README",
            True,
            "unsupported file type (no suffix); expected .txt, .html, .htm, .jsonl(.gz), "
            ".warc(.gz), .rss, .atom or .xml",
        ),
        ("missing.txt", False, "no such file or directory"),
        ("missing_dir", False, "no such file or directory"),
    ],
)
def test_bad_path_arguments(tmp_path: Path, name: str, create: bool, problem: str) -> None:
    bad = tmp_path / name
    if create:
        _write(bad, "x")
    good = _write(tmp_path / "good.txt", "Good text.")

    with pytest.raises(IngestError) as excinfo:
        list(iter_paths([bad, good]))
    assert excinfo.value.source == str(bad)
    assert excinfo.value.problem == problem

    items = _read_all(bad, good)  # read_documents reports the error and goes on
    assert len(items) == 2
    assert isinstance(items[0], IngestError)
    assert items[0].problem == problem
    assert str(items[0]) == f"{bad}: {problem}"
    assert isinstance(items[1], Document)
    assert items[1].text == "Good text."


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (
        ".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".rss", ".atom",
    )


# --- read_documents: order and streaming ------------------------------------------------


def test_read_documents_streams_in_input_order(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    _write(folder / "2.txt", "Second.")
    _write(folder / "1.txt", "First.")
    _write(folder / "3.jsonl", '{"id": "j1", "text": "Third."}\n{"id": "j2", "text": "Fourth."}\n')
    last = _write(tmp_path / "last.txt", "Last.")
    stream = read_documents([folder, tmp_path / "nope.txt", last])
    assert isinstance(stream, Iterator)
    first = next(stream)
    assert isinstance(first, Document)
    assert first.id == "1"
    rest = list(stream)
    assert [item.id if isinstance(item, Document) else "ERR" for item in rest] == [
        "2",
        "j1",
        "j2",
        "ERR",
        "last",
    ]


# --- JSON Lines -----------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "Alpha text.", "title": "Alpha", "url": "https://x.org/a"}),
        "{not json",
        "",
        json.dumps(["an", "array"]),
        json.dumps({"text": "No id."}),
        json.dumps({"id": "", "text": "Empty id."}),
        json.dumps({"id": "e1", "text": "   "}),
        json.dumps({"id": 42, "text": "Integer id.", "published": "2021-10-22"}),
        "   ",
        json.dumps({"id": "x1", "text": "Extra keys.", "outlet": "Wire", "rank": 3, "tags": ["a"]}),
        json.dumps({"id": "a1", "text": "Duplicate id passes."}),
        json.dumps({"id": True, "text": "Boolean id."}),
        json.dumps({"id": "t1", "text": 7}),
        json.dumps({"id": "n1", "text": "Bad title.", "title": 5}),
    ]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    raw += b'{"id": "bad-utf8", "text": "caf\xe9"}\n'
    raw += json.dumps({"id": "last", "text": "Line\r\nwith CRLF inside."}).encode()  # no final \n
    path = _write(tmp_path / "news.jsonl", raw)

    items = _read_all(path)
    got = [
        (item.source, "doc", item.id) if isinstance(item, Document) else (item.source, "err", "")
        for item in items
    ]
    assert got == [
        (f"{path}:1", "doc", "a1"),
        (f"{path}:2", "err", ""),
        (f"{path}:4", "err", ""),
        (f"{path}:5", "err", ""),
        (f"{path}:6", "err", ""),
        (f"{path}:7", "err", ""),
        (f"{path}:8", "doc", "42"),
        (f"{path}:10", "doc", "x1"),
        (f"{path}:11", "doc", "a1"),
        (f"{path}:12", "err", ""),
        (f"{path}:13", "err", ""),
        (f"{path}:14", "err", ""),
        (f"{path}:15", "err", ""),
        (f"{path}:16", "doc", "last"),
    ]
    errors = {
        item.source.rsplit(":", 1)[1]: item for item in items if isinstance(item, IngestError)
    }
    assert errors["2"].problem.startswith("bad JSON")
    assert errors["4"].problem == "expected a JSON object, got list"
    assert errors["5"].problem == "missing 'id'"
    assert errors["6"].problem == "empty 'id'"
    assert errors["7"].problem == "empty 'text'"
    assert "news.jsonl:15" in str(errors["15"])
    assert errors["15"].problem.startswith("not valid UTF-8")

    docs = {item.source.rsplit(":", 1)[1]: item for item in items if isinstance(item, Document)}
    assert (docs["1"].title, docs["1"].url, docs["1"].text) == (
        "Alpha",
        "https://x.org/a",
        "Alpha text.",
    )
    assert docs["8"].published == "2021-10-22"
    assert docs["10"].meta == {"outlet": "Wire"}
    assert docs["16"].text == "Line\r\nwith CRLF inside."


def test_jsonl_with_bom_and_crlf_line_ends(tmp_path: Path) -> None:
    raw = codecs.BOM_UTF8 + b'{"id": "1", "text": "One."}\r\n{"id": "2", "text": "Two."}\r\n'
    items = _read_all(_write(tmp_path / "bom.jsonl", raw))
    assert [(d.id, d.text) for d in items if isinstance(d, Document)] == [
        ("1", "One."),
        ("2", "Two."),
    ]
    assert len(items) == 2


def test_jsonl_overlong_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    options = Options(max_chars=10)  # line limit: 10 * 12 = 120 bytes
    long_line = json.dumps({"id": "big", "text": "x" * 5000})
    raw = f'{long_line}\n{{"id": "after", "text": "Still read."}}\n'
    path = _write(tmp_path / "long.jsonl", raw)
    items = _read_all(path, options=options)
    assert len(items) == 2
    assert isinstance(items[0], IngestError)
    assert items[0].source == f"{path}:1"
    assert items[0].problem.startswith("line too long")
    assert isinstance(items[1], Document)
    assert (items[1].id, items[1].source) == ("after", f"{path}:2")


def test_jsonl_deeply_nested_json_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n")
    err = _only_error(path)
    assert err.source == f"{path}:1"


# --- HTML -----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_main_text_and_metadata(tmp_path: Path, suffix: str) -> None:
    path = _write(tmp_path / f"vienna{suffix}", ARTICLE_HTML)
    doc = _only_document(path)
    assert doc.id == "vienna"
    assert doc.source == str(path)
    assert doc.title == "Ministers meet in Vienna"
    assert doc.published == "2021-10-22"
    assert doc.url == "https://news.example.org/2021/10/22/ministers-meet"
    assert doc.meta["outlet"] == "Example News"
    assert doc.meta["encoding"] == "utf-8"
    assert "foreign ministers of Austria and Slovenia" in doc.text
    assert "joint working group" in doc.text
    assert "Home" not in doc.text
    assert "All rights reserved" not in doc.text


def test_html_legacy_encoding(tmp_path: Path) -> None:
    html = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Vienna on Friday", "Vienna (Wien, Österreich) on Friday"
    )
    doc = _only_document(_write(tmp_path / "legacy.html", html.encode("cp1252")))
    assert "Wien, Österreich" in doc.text


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        pytest.param(
            "<html><head><title>Empty</title></head><body></body></html>",
            "no main text found in HTML",
            id="empty-body",
        ),
        pytest.param("\x00\x01\x02<html>", "looks like a binary file", id="binary"),
    ],
)
def test_html_unusable(tmp_path: Path, html: str, problem: str) -> None:
    path = _write(tmp_path / "bad.html", html)
    assert _only_error(path).problem == problem


def test_html_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path / "huge.html", ARTICLE_HTML)
    err = _only_error(path, Options(max_chars=100))
    assert err.problem.startswith("file too large")


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(
            "<html><head><title>Deep</title></head><body>"
            + "<div>" * 10_000
            + "<p>The envoy arrived in Rome on Tuesday for talks with his counterpart.</p>"
            + "</div>" * 10_000
            + "</body></html>",
            id="10k-nested-divs",
        ),
        pytest.param(
            "<html><head><title>One line</title></head><body><p>"
            + "talks " * 875_000
            + "</p></body></html>",
            id="5MB-single-line",
        ),
    ],
)
def test_hostile_html_completes(tmp_path: Path, html: str) -> None:
    path = _write(tmp_path / "hostile.html", html)
    items = _read_all(path)
    assert len(items) == 1
    assert isinstance(items[0], Document | IngestError)


def test_symlink_loop_in_folder_ends(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _write(root / "sub" / "a.txt", "x")
    try:
        (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    except OSError:
        pytest.skip("symbolic links not available")
    got = list(iter_paths([root]))
    assert got == [root / "sub" / "a.txt"]


# --- identity: the key of each document (issue 9) ---------------------------------------


def test_keys_are_paths_relative_to_the_folder_given(tmp_path: Path) -> None:
    root = tmp_path / "saved"
    _write(root / "east" / "note.txt", "Kenya and Uganda signed a transit accord.")
    _write(root / "west" / "note.txt", "Chile and Peru held talks on fisheries.")
    _write(root / "feeds" / "wire.jsonl",
           json.dumps({"id": 7, "text": "Laos and Vietnam met."}) + "\n")
    single = _write(tmp_path / "elsewhere" / "note.txt", "Fiji and Tonga met.")
    docs = [d for d in _read_all(root, single) if isinstance(d, Document)]
    assert [(d.id, d.key) for d in docs] == [
        ("note", "east/note.txt"),
        ("7", "feeds/wire.jsonl#7"),
        ("note", "west/note.txt"),
        ("note", "note.txt"),  # a file given itself goes by its name
    ]
    assert docs[0].identity == "east/note.txt"
    assert Document(id="x", text="t").identity == "x"  # made without a key: the short id


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://news.example.org/2021/10/22/ministers-meet", None),
        ("https://news.example.org/", "page.html"),  # a home page is no article's address
    ],
)
def test_html_key_is_the_pages_own_url(tmp_path: Path, url: str, key: str | None) -> None:
    html = ARTICLE_HTML.replace("https://news.example.org/2021/10/22/ministers-meet", url)
    doc = _only_document(_write(tmp_path / "page.html", html))
    assert doc.key == (key or url)


# --- published dates in JSON Lines (issue 9) --------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-03", "2023-05-03"),
        ("2023-05", "2023-05"),
        ("2023", "2023"),
        ("XXXX-05-03", "XXXX-05-03"),
        ("2023-05-03T23:30:00-05:00", "2023-05-03"),  # the date as written, in its zone
        ("2023-05-03T01:15:00Z", "2023-05-03"),
        ("2023-05-03 08:00:00+03:00", "2023-05-03"),
        ("Wed, 03 May 2023 10:00:00 +0200", "2023-05-03"),
        ("Fri, 1 Dec 2023 22:10:05 GMT", "2023-12-01"),
        ("May 3, 2023", "2023-05-03"),
        ("3 May 2023", "2023-05-03"),
        ("Thursday, May 4th, 2023", "2023-05-04"),
        ("September 2022", "2022-09"),
        (" 2023-05-03 ", "2023-05-03"),
    ],
)
def test_published_accepted_forms(value: str, expected: str) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    ["yesterday", "3 days ago", "sometime last spring", "2023-13-45", "31 February 2023",
     "Q2 2023", "", "12", "2023-05-03" * 20, "XXXX", "next Friday"],
)
def test_published_refused_forms(value: str) -> None:
    with pytest.raises(ValueError, match="'published' is not a date") as info:
        parse_published(value)
    assert repr(value[:20]).strip("'") in str(info.value)


def test_jsonl_bad_published_is_a_line_error_naming_the_value(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.jsonl", "".join(json.dumps(r) + "\n" for r in [
        {"id": "a", "text": "Ghana and Togo met.", "published": "May 3, 2023"},
        {"id": "b", "text": "Benin and Niger met.", "published": "around Easter"},
    ]))
    first, second = _read_all(path)
    assert isinstance(first, Document) and first.published == "2023-05-03"
    assert isinstance(second, IngestError)
    assert second.source == f"{path}:2"
    assert "'around Easter'" in second.problem and "Benin" not in str(second)


# --- what a folder holds that bilat cannot read (issue 9) -------------------------------


def test_folder_says_how_many_files_were_skipped_and_why(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    _write(root / "story.txt", "Kenya and Uganda met.")
    for name in ("report.pdf", "scan.PDF", "photo.jpg", "sub/chart.png", "old.zip", "x.tar.gz",
                 "notes.docx", "README"):
        _write(root / name, b"\x00binary")
    items = _read_all(root)
    assert [type(i).__name__ for i in items] == ["Document", "SkippedFiles"]
    notice = items[1]
    assert isinstance(notice, SkippedFiles) and notice.count == 8
    assert notice.source == str(root)
    assert notice.problem.startswith("skipped 8 files bilat cannot read (")
    for reason in ("2 PDF (.pdf)", "1 image (.jpg)", "1 image (.png)", "1 archive (.zip)",
                   "1 archive (.gz)", "1 unsupported type (.docx)", "1 without a suffix"):
        assert reason in notice.problem, notice.problem
    assert list(iter_paths([root])) == [root / "story.txt"]  # a notice is no error


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ((), "empty folder: no file to read"),
        ((".hidden.txt",), "empty folder: no file to read"),
        (("a.pdf",), "no file to read in this folder; expected .txt, .html, .htm, .jsonl(.gz), "
         ".warc(.gz), .rss, .atom or .xml"),
    ],
)
def test_folder_with_nothing_to_read_says_so(
    tmp_path: Path, files: tuple[str, ...], problem: str
) -> None:
    root = tmp_path / "inbox"
    root.mkdir()
    for name in files:
        _write(root / name, "x")
    errors = [i for i in _read_all(root) if not isinstance(i, SkippedFiles)]
    assert len(errors) == 1 and isinstance(errors[0], IngestError)
    assert (errors[0].source, errors[0].problem) == (str(root), problem)


@pytest.mark.parametrize("url", ["https://example.org/news/1.html", "http://example.org"])
def test_a_url_given_as_a_path_gets_a_clear_message(url: str) -> None:
    for arg in (url, Path(url)):  # the command line hands over a Path
        (item,) = _read_all(arg)
        assert isinstance(item, IngestError)
        assert item.problem.startswith("a URL, not a file or folder"), item.problem
        assert item.source == url
