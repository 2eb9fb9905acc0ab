"""One entity across scripts, as a reader sees it: documents in English, Russian and Korean name
the same person; `koryo entity` and the entity page list the names it was written with, per script."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from koryo.ingest import ingest
from koryo.store import Store
from koryo.web.app import create_app
from tests.test_cli import koryo

DOCS = {
    "en.txt": "In 1945 Kim Il Sung returned to Pyongyang, and Hong Beom-do was remembered in Kazakhstan.\n",
    "ru.txt": "В 1945 году Ким Ир Сен вернулся в Пхеньян, а Хон Бом До помнили в Казахстане.\n",
    "ko.txt": "1945년 김일성이 평양으로 돌아왔고, 홍범도 장군은 카자흐스탄에서 기억되었다.\n",
}


def _store(tmp_path: Path) -> str:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "koryo.db")
    store = Store(db)
    assert [o.status for o in ingest(store, [str(folder)])] == ["stored"] * 3
    store.close()
    return db


def test_entity_names_by_script_in_the_cli_and_on_its_page(tmp_path: Path) -> None:
    db = _store(tmp_path)
    run = koryo("entity", "Ким Ир Сен", db=db)
    assert run.returncode == 0, run.stderr
    assert "Kim Il-sung  (person, 3 mentions in 3 documents)" in run.stdout
    assert "also written: Latin: Kim Il Sung · Hangul: 김일성 · Cyrillic: Ким Ир Сен" in run.stdout
    page = TestClient(create_app(db, warm=False)).get("/entities/person:kim-il-sung")
    assert page.status_code == 200
    assert "also written: Latin: Kim Il Sung · Hangul: 김일성 · Cyrillic: Ким Ир Сен" in page.text
