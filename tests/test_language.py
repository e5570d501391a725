"""Documents in another language are recognised and skipped with a notice; English
ones, and texts too short to judge, are read. Texts invented for these tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bilat import read_documents
from bilat.document import Document
from bilat.errors import IngestNotice
from bilat.ingest.language import foreign_language
from bilat.options import Options
from tests.conftest import SAMPLES, SHARED

FRENCH = (
    "Le ministre des Affaires étrangères du Sénégal a reçu mardi à Dakar son homologue "
    "malien. Les deux responsables ont évoqué la sécurité dans la région du Sahel, le "
    "commerce transfrontalier et la coopération dans le domaine de l'énergie. Ils sont "
    "convenus de se retrouver à Bamako avant la fin de l'année pour une nouvelle session "
    "de la commission mixte."
)
SPANISH = (
    "El canciller de Chile se reunió el lunes en Lima con su homólogo peruano para "
    "revisar la agenda bilateral. Ambos ministros conversaron sobre el comercio, la "
    "integración energética y la cooperación fronteriza, y acordaron celebrar una nueva "
    "reunión del gabinete binacional en Santiago durante el próximo semestre."
)
ENGLISH = (
    "The foreign minister of Senegal received his Malian counterpart in Dakar on Tuesday. "
    "The two discussed security in the Sahel region, cross-border trade and cooperation in "
    "energy, and agreed to meet again in Bamako before the end of the year for a new "
    "session of the joint commission."
)


@pytest.mark.parametrize(
    "text, expected",
    [(FRENCH, "fr"), (SPANISH, "es"), (ENGLISH, None), ("Bonjour Dakar.", None)],
)
def test_foreign_language(text: str, expected: str | None) -> None:
    assert foreign_language(text) == expected


def test_a_folder_skips_other_languages_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    items = list(read_documents([tmp_path]))
    docs = [i for i in items if isinstance(i, Document)]
    notices = [i for i in items if isinstance(i, IngestNotice)]
    assert [d.id for d in docs] == ["en"]
    assert len(notices) == 1 and "'fr'" in str(notices[0]) and "fr.txt" in str(notices[0])
    # an empty language reads everything
    assert len(list(read_documents([tmp_path], Options(language="")))) == 2


def test_cli_notes_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "es.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "bilat", "extract", str(tmp_path), "-o", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr  # a notice, not a failure
    assert "es.txt" in proc.stderr and "'es'" in proc.stderr
    assert out.read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.parametrize("folder", [SAMPLES / "news", SHARED / "eval" / "dev" / "docs"])
def test_english_news_is_never_skipped(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    items = list(read_documents([folder]))
    assert not [i for i in items if isinstance(i, IngestNotice)]
