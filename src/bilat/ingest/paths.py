"""Expanding the paths given by the user into the input files to read."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from bilat.errors import IngestError

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".rss", ".atom",
)
"""File name endings that bilat reads (compared case-insensitively)."""

EXPLICIT_SUFFIXES: tuple[str, ...] = (".xml",)
"""Endings read only from a file named on the command line, never found in a folder:
many feeds end in .xml, but so do sitemaps and every other XML file of a folder."""

_EXPECTED = "expected .txt, .html, .htm, .jsonl(.gz), .warc(.gz), .rss, .atom or .xml"

PathArg = str | os.PathLike[str]


def input_kind(path: Path, *, explicit: bool = False) -> str | None:
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


def _walk_dir(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path | IngestError]:
    """Yield the supported files under ``root``, depth first, entries sorted by name.

    Only one directory listing per level is held in memory. Hidden entries (name
    starting with '.') are skipped. ``seen`` holds (device, inode) of the directories
    already walked, so that symbolic-link loops end.
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
            yield from _walk_dir(path, seen)
        elif is_file and is_supported(path):
            yield path


def walk_paths(paths: Iterable[PathArg] | PathArg) -> Iterator[Path | IngestError]:
    """Expand ``paths`` like :func:`iter_paths`, but yield errors instead of raising them.

    This is what :func:`bilat.ingest.read_documents` uses, so that one bad argument
    does not stop the run.
    """
    for arg in _as_path_list(paths):
        path = Path(arg)
        if path.is_dir():
            yield from _walk_dir(path, set())
        elif path.is_file():
            if input_kind(path, explicit=True) is not None:
                yield path
            else:
                kind = path.suffix or "(no suffix)"
                yield IngestError(str(path), f"unsupported file type {kind}; {_EXPECTED}")
        elif path.exists():
            yield IngestError(str(path), "not a regular file or directory")
        else:
            yield IngestError(str(path), "no such file or directory")


def iter_paths(paths: Iterable[PathArg]) -> Iterator[Path]:
    """Expand files and folders into the input files to read, in argument order.

    Folders are walked recursively, entries sorted by name, and only files with a
    supported ending (:data:`SUPPORTED_SUFFIXES`) are kept; hidden files and folders
    (name starting with '.') inside folders are skipped. A file named explicitly must
    have a supported suffix.

    Raises:
        IngestError: for a path that does not exist, a file named explicitly with an
            unsupported suffix, or a folder that cannot be listed. The error is raised
            when the iteration reaches that argument.
    """
    for item in walk_paths(paths):
        if isinstance(item, IngestError):
            raise item
        yield item
