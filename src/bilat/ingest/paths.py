"""Expanding the paths given by the user into the input files to read."""

from __future__ import annotations

import mimetypes
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bilat.errors import IngestError, IngestNotice
from bilat.ingest.remote import RemoteFile, file_url_path, url_scheme, walk_remote

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".rss", ".atom",
)
"""File name endings that bilat reads (compared case-insensitively)."""

EXPLICIT_SUFFIXES: tuple[str, ...] = (".xml",)
"""Endings read only from a file named on the command line, never found in a folder:
many feeds end in .xml, but so do sitemaps and every other XML file of a folder."""

_EXPECTED = "expected .txt, .html, .htm, .jsonl(.gz), .warc(.gz), .rss, .atom or .xml"

PathArg = str | os.PathLike[str]

InputPath = Path | RemoteFile
"""A file to read: local, or on an fsspec filesystem (``s3://bucket/a.html``)."""

# a scheme of two letters or more, then '//' ('/' once a pathlib.Path has folded it)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,15}:/")
_URL_SLASHES = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]{1,15}):/(?!/)")
_ARCHIVES = frozenset({
    "application/zip", "application/x-tar", "application/gzip", "application/x-gzip",
    "application/x-bzip2", "application/x-xz", "application/x-7z-compressed",
    "application/x-rar-compressed", "application/vnd.rar", "application/x-zip-compressed",
})


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read and the name it goes by: its path relative to the folder
    given (POSIX separators), or its file name when it was given itself."""

    path: InputPath
    key: str


class SkippedFiles(IngestNotice):
    """A notice, not a failure: files in a folder that bilat does not read
    (PDF, images, archives ...), counted by why."""

    def __init__(self, source: str, counts: Counter[str]) -> None:
        self.count = sum(counts.values())
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(counts.items()))
        noun = "file" if self.count == 1 else "files"
        super().__init__(
            source, f"skipped {self.count} {noun} bilat cannot read ({reasons}); {_EXPECTED}"
        )


def _kind(path: Path) -> str:
    """Why a file is not read, in words: its kind by suffix."""
    return _kind_of_name(path.name)


def _kind_of_name(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if not suffix:
        return "without a suffix"
    mime, encoding = mimetypes.guess_type(f"x{suffix}", strict=False)
    if encoding is not None or mime in _ARCHIVES:
        return f"archive ({suffix})"
    if mime == "application/pdf":
        return "PDF (.pdf)"
    if mime is not None and mime.startswith("image/"):
        return f"image ({suffix})"
    return f"unsupported type ({suffix})"


def is_url(arg: str) -> bool:
    """Whether ``arg`` looks like a URL (``https://...``), not a path."""
    return _URL.match(arg) is not None


def input_kind(path: InputPath, *, explicit: bool = False) -> str | None:
    """The ending among :data:`SUPPORTED_SUFFIXES` (and, for a file named
    explicitly, :data:`EXPLICIT_SUFFIXES`) that ``path`` has, or None."""
    name = path.name.lower()
    endings = SUPPORTED_SUFFIXES + (EXPLICIT_SUFFIXES if explicit else ())
    for ending in sorted(endings, key=len, reverse=True):
        if name.endswith(ending):
            return ending
    return None


def is_supported(path: Path) -> bool:
    """Tell whether ``path`` has one of the :data:`SUPPORTED_SUFFIXES`."""
    return input_kind(path) is not None


def _as_path_list(paths: Iterable[PathArg] | PathArg) -> Iterable[PathArg]:
    """Treat a lone string or path as a one-element list (a str is iterable too)."""
    if isinstance(paths, str | os.PathLike):
        return [paths]
    return paths


def _walk_dir(
    root: Path, top: Path, seen: set[tuple[int, int]], skipped: Counter[str]
) -> Iterator[InputFile | IngestError]:
    """Yield the supported files under ``root``, depth first, entries sorted by name.

    Only one directory listing per level is held in memory. Hidden entries (name
    starting with '.') are skipped. ``seen`` holds (device, inode) of the directories
    already walked, so that symbolic-link loops end. Files of other types are
    counted in ``skipped`` by kind. Keys are paths relative to ``top``.
    """
    try:
        stat = root.stat()
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            return
        seen.add(key)
        with os.scandir(root) as listing:
            entries = sorted(
                (entry for entry in listing if not entry.name.startswith(".")),
                key=lambda entry: entry.name,
            )
    except OSError as err:
        yield IngestError(str(root), f"cannot list directory: {err.strerror or err}")
        return
    for entry in entries:
        path = root / entry.name
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as err:
            yield IngestError(str(path), f"cannot inspect: {err.strerror or err}")
            continue
        if is_dir:
            yield from _walk_dir(path, top, seen, skipped)
        elif is_file and is_supported(path):
            yield InputFile(path, path.relative_to(top).as_posix())
        elif is_file:
            skipped[_kind(path)] += 1


def _walk_folder(folder: Path) -> Iterator[InputFile | IngestError]:
    """The files of one folder given, then a :class:`SkippedFiles` notice for
    the files it does not read, and an error when it holds nothing to read."""
    skipped: Counter[str] = Counter()
    found = False
    for item in _walk_dir(folder, folder, set(), skipped):
        found = found or isinstance(item, InputFile)
        yield item
    if skipped:
        yield SkippedFiles(str(folder), skipped)
    if not found:
        if skipped:
            yield IngestError(str(folder), f"no file to read in this folder; {_EXPECTED}")
        else:
            yield IngestError(str(folder), "empty folder: no file to read")


def walk_inputs(paths: Iterable[PathArg] | PathArg) -> Iterator[InputFile | IngestError]:
    """Expand ``paths`` into the files to read, each with its key (the path
    relative to the folder given, or the file name of a file given itself);
    problems are yielded as :class:`IngestError` (notices as :class:`SkippedFiles`)."""
    for arg in _as_path_list(paths):
        path = Path(arg)
        if path.is_dir():
            yield from _walk_folder(path)
        elif path.is_file():
            if input_kind(path, explicit=True) is not None:
                yield InputFile(path, path.name)
            else:
                kind = path.suffix or "(no suffix)"
                yield IngestError(str(path), f"unsupported file type {kind}; {_EXPECTED}")
        elif path.exists():
            yield IngestError(str(path), "not a regular file or directory")
        elif is_url(os.fspath(arg)):
            yield from _walk_url(os.fspath(arg))
        else:
            yield IngestError(str(path), "no such file or directory")


def _walk_url(arg: str) -> Iterator[InputFile | IngestError]:
    """The files a URL names: ``file://`` as a local path, ``http(s)://`` refused
    (a page to save first), any other scheme through fsspec."""
    url = _URL_SLASHES.sub(r"\1://", arg, count=1)
    scheme = url_scheme(url)
    if scheme in ("http", "https"):
        yield IngestError(
            url,
            "a URL, not a file or folder: bilat reads saved pages; save the page first "
            "(for example `curl -L -o page.html URL`) and give the file, or follow a "
            "site's feed with `bilat watch FEED_URL`",
        )
        return
    if scheme == "file":
        try:
            local = file_url_path(arg)
        except IngestError as err:
            yield err
            return
        if local.exists():
            yield from walk_inputs([local])
        else:
            yield IngestError(url, "no such file or directory")
        return
    skipped: Counter[str] = Counter()
    found = False
    for item in walk_remote(
        url,
        is_supported=lambda name: input_kind(Path(name)) is not None,
        kind=_kind_of_name,
        explicit_kind=lambda name: input_kind(Path(name), explicit=True) is not None,
    ):
        if isinstance(item, IngestError):
            yield item
            return
        if isinstance(item, Counter):
            skipped = item
            continue
        found = True
        yield InputFile(item[0], item[1])
    if skipped:
        yield SkippedFiles(url, skipped)
    if not found:
        yield IngestError(url, f"no file to read in this folder; {_EXPECTED}")


def walk_paths(paths: Iterable[PathArg] | PathArg) -> Iterator[InputPath | IngestError]:
    """Expand ``paths`` like :func:`iter_paths`, but yield errors instead of raising them."""
    for item in walk_inputs(paths):
        yield item.path if isinstance(item, InputFile) else item


def iter_paths(paths: Iterable[PathArg]) -> Iterator[InputPath]:
    """Expand files and folders into the input files to read, in argument order.

    Folders are walked recursively, entries sorted by name, and only files with a
    supported ending (:data:`SUPPORTED_SUFFIXES`) are kept; hidden files and folders
    (name starting with '.') inside folders are skipped. A file named explicitly must
    have a supported suffix.

    Raises:
        IngestError: for a path that does not exist, a file named explicitly with an
            unsupported suffix, a folder that cannot be listed or holds no file to
            read. The error is raised when the iteration reaches that argument.
    """
    for item in walk_paths(paths):
        if isinstance(item, SkippedFiles):
            continue
        if isinstance(item, IngestError):
            raise item
        yield item
