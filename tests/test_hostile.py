"""Hostile input on the command line: links, loops, FIFOs, unreadable entries, and document
text that tries to drive the terminal (escape codes) or Rich (markup in titles and names)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, seed

ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": "/tmp", "COLUMNS": "300"}


def koryo(*args: str, db: Path, unprivileged: bool = False, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    # Root reads every file: the unreadable cases run without the capabilities that allow it.
    drop = ["setpriv", f"--inh-caps=-{CAPS}", f"--bounding-set=-{CAPS}"] if unprivileged and os.geteuid() == 0 else []
    return subprocess.run(
        [*drop, sys.executable, "-m", "koryo", *args, "--db", str(db)], capture_output=True, text=True, cwd="/tmp",
        env=ENV, timeout=timeout,
    )


CAPS = "dac_override,-dac_read_search"


def test_links_loops_fifos_and_unreadable_entries_are_named_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(seed("000"), folder / "good.txt")
    (folder / "sub" / "inner.txt").write_text("In 1937 about 172,000 Koreans were deported.\n", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("a file outside the folder\n", encoding="utf-8")
    (folder / "secret").symlink_to(outside)
    (folder / "inside").symlink_to("good.txt")  # a link inside the folder: the file is read once
    (folder / "sub" / "loop").symlink_to("..")
    (folder / "self").symlink_to("self")
    (folder / "dangling").symlink_to("nowhere")
    os.mkfifo(folder / "fifo")
    (folder / "locked").mkdir()
    (folder / "locked" / "a.txt").write_text("never read\n", encoding="utf-8")
    (folder / "locked").chmod(0o000)
    (folder / "private.txt").write_text("not for everyone\n", encoding="utf-8")
    (folder / "private.txt").chmod(0o000)
    db = tmp_path / "k.db"
    run = koryo("ingest", str(folder), db=db, unprivileged=True, timeout=60)
    assert run.returncode == 1
    assert sorted(run.stderr.splitlines()) == sorted([
        f"{folder}/dangling: broken symbolic link (to nowhere); skipped",
        f"{folder}/fifo: a FIFO, not a document; skipped",
        f"{folder}/locked: folder cannot be read (Permission denied); skipped",
        f"{folder}/private.txt: cannot be read (Permission denied)",
        f"{folder}/secret: symbolic link to {outside}, outside {folder}; not followed (--follow-links follows it)",
        f"{folder}/self: symbolic link loop; skipped",
        f"{folder}/sub/loop: symbolic link loop (back to {folder}); skipped",
    ])
    assert "2 stored, 0 unchanged, 7 rejected" in run.stdout
    followed = koryo("ingest", str(folder), "--follow-links", db=tmp_path / "f.db", unprivileged=True, timeout=60)
    assert "outside" not in followed.stderr and "3 stored, 0 unchanged, 6 rejected" in followed.stdout


def test_unreadable_file_named_on_the_command_line_is_rejected_not_fatal(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(seed("000"), good)
    private = tmp_path / "private.txt"
    private.write_text("not for everyone\n", encoding="utf-8")
    private.chmod(0o000)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    run = koryo("ingest", str(private), str(fifo), str(good), db=tmp_path / "k.db", unprivileged=True, timeout=60)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"{fifo}: a FIFO, not a document; skipped", f"{private}: cannot be read (Permission denied)"]
    assert "1 stored, 0 unchanged, 2 rejected" in run.stdout


HOSTILE_MD = (
    "# Koryo [bold]saram[/] \x1b[2J\x1b]0;owned\x07 history\n\n"
    "Table 1. Deported [/] people \x1b[31mred\n\n"
    "Year\tPeople\n1937\t172,000\n1938\t171,000\n\n"
    "In 1937, 172,000 Koreans [red]were[/red] deported from Vladivostok \x1b[2J to Tashkent in Uzbekistan.\n"
)


def test_markup_and_escape_codes_in_documents_reach_no_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "[bold]odd[\\].md").write_text(HOSTILE_MD, encoding="utf-8")
    (folder / "[red]\x1b[2J.md").write_text(HOSTILE_MD.replace("1938", "1939"), encoding="utf-8")
    db = tmp_path / "k.db"
    runs = {"ingest": koryo("ingest", str(folder), db=db)}
    for args in (
        ["docs"], ["show", "1"], ["tables", "1"], ["checks"], ["timeline"], ["entity", "Tashkent"], ["flows"],
        ["conflicts"], ["conflicts", "--agreements"], ["search", "deported"], ["diff", "koryo [bold]saram[/] \x1b[2j\x1b]0;owned\x07 history"],
    ):
        runs[" ".join(args)] = koryo(*args, db=db)
    for name, run in runs.items():
        assert run.returncode == 0, (name, run.stderr)
        assert "Traceback" not in run.stderr, name
        assert not any(c in run.stdout + run.stderr for c in "\x1b\x07"), name
    assert "Koryo [bold]saram[/]" in runs["docs"].stdout and "[bold]odd[\\].md" in runs["docs"].stdout
    assert "[red][2J.md" in runs["ingest"].stdout
    assert runs["show 1"].stdout.startswith("Koryo [bold]saram[/] [2J]0;owned history  ([bold]odd[\\].md, markdown")
    assert "Table 1. Deported [/] people [31mred" in runs["tables 1"].stdout


def test_a_document_over_its_time_budget_is_rejected_and_the_others_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed("000"), folder / "a-small.txt")
    (folder / "b-large.md").write_text(seed("003").read_text(encoding="utf-8") * 20, encoding="utf-8")
    shutil.copy(seed("002"), folder / "c-small.txt")
    start = time.monotonic()
    run = koryo("ingest", str(folder), "--doc-timeout", "2", "--workers", "1", db=tmp_path / "k.db")
    assert time.monotonic() - start < 60
    assert run.returncode == 1
    assert run.stderr == f"{folder}/b-large.md: not read within 2 s; skipped (--doc-timeout gives it longer)\n"
    assert "2 stored, 0 unchanged, 1 rejected" in run.stdout
