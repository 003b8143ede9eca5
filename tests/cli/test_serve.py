"""``sphinx-superoffice serve`` on a loopback port: a page is served, and an edit to a
shared include under ``common/includes`` (outside the language tree) rebuilds it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import command, copy_slice, needs_corpus

pytest.importorskip("sphinx_autobuild")
pytestmark = [pytest.mark.corpus, needs_corpus]

PAGE = "document/templates/merge-fields/quote.html"
INCLUDE = "common/includes/merge-field/table-quote.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, process: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "serve stopped"
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_after_an_edit_to_a_shared_include(tmp_path: Path) -> None:
    root = copy_slice(tmp_path / "superoffice")
    assert subprocess.run(command("init", root), check=False).returncode == 0
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        command("serve", root, "--language", "no", "--port", str(port)),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: sphinx-autobuild's workers too
    )
    url = f"http://127.0.0.1:{port}/{PAGE}"
    try:
        assert wait_for(url, "quote/approvalRegisteredBy", process, 120), "no first page"
        include = root / INCLUDE
        include.write_text(
            include.read_text("utf-8") + "| quote/servedLive | Served live | Edited |\n",
            "utf-8",
        )
        assert wait_for(url, "quote/servedLive", process, 120), "no rebuild"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
        log.close()
    output = (tmp_path / "serve.log").read_text("utf-8", errors="replace")
    assert f"Serving on http://127.0.0.1:{port}" in output
