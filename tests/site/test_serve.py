"""`make serve` after a mistake: the preview keeps the last good site, shows the French errors on every
page, never leaves the browser waiting, and recovers once the file is fixed (a real `mkdocs serve`)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.oracles import norm
from tests.site.test_example_roadmap import copy_example

pytestmark = pytest.mark.slow

FICHE = "actions/01-former-aidants-exemple.yml"
BANNER = "Aperçu non mis à jour : 1 erreur dans les données."
REQUEST_TIMEOUT = 15  # a page that takes longer is a hung browser
WAIT = 180  # for a (re)build on a busy machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, condition, server: subprocess.Popen) -> str:
    """Poll `url` until `condition(page)`; every request must answer promptly."""
    deadline = time.monotonic() + WAIT
    page = ""
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve s'est arrêté"
        try:
            page = _get(url)
        except (TimeoutError, urllib.error.URLError) as error:
            if isinstance(error, TimeoutError) or isinstance(error.reason, TimeoutError):
                pytest.fail(f"{url} ne répond pas en {REQUEST_TIMEOUT} s : le navigateur resterait bloqué")
            page = ""  # not serving yet
        except ConnectionError:
            page = ""
        if condition(page):
            return page
        time.sleep(0.5)
    pytest.fail(f"{url} : condition non atteinte en {WAIT} s ; dernière page : {page[:300]!r}")


@pytest.fixture
def server(tmp_path):
    project = copy_example(tmp_path / "exemple")
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                               cwd=project, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        yield project, f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_a_mistake_keeps_the_last_good_site_with_the_error_on_every_page(server):
    project, base, process = server
    fiche_url = base + "actions/former-aidants-exemple/"
    good = _wait_for(fiche_url, lambda page: "Former les aidants" in page, process)
    assert "lne-erreurs" not in good

    path = project / FICHE
    text = path.read_text(encoding="utf-8")
    assert "    montant: 1200\n" in text
    path.write_text(text.replace("    montant: 1200\n", "    montant: 1.200\n"), encoding="utf-8")
    broken = _wait_for(fiche_url, lambda page: BANNER in norm(page), process)
    broken = norm(broken)
    assert f"{FICHE}:" in broken and "« 1.200 » est ambigu" in broken
    assert "1 200" in broken  # the last good version of the fiche, under the errors
    assert BANNER in norm(_get(base))  # on every page, hand-written ones included

    path.write_text(text, encoding="utf-8")
    fixed = _wait_for(fiche_url, lambda page: "Former les aidants" in page and BANNER not in norm(page), process)
    assert "lne-erreurs" not in fixed


def test_the_preview_searches_the_current_data(server):
    """`make serve` indexes each rebuild (the plugin's on_post_build writes into the preview's folder): the
    served search index changes with an edited fiche, and the synonyms are served beside it."""
    project, base, process = server
    fiche_url = base + "actions/former-aidants-exemple/"
    _wait_for(fiche_url, lambda page: "Former les aidants" in page, process)
    entry = json.loads(_get(base + "pagefind/pagefind-entry.json"))
    assert "synonymes" in json.loads(_get(base + "pagefind/synonymes.json"))

    path = project / FICHE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Former les aidants", "Former les aidants zéphyrins", 1), encoding="utf-8")
    _wait_for(fiche_url, lambda page: "zéphyrins" in page, process)
    changed = _wait_for(base + "pagefind/pagefind-entry.json", lambda page: page and json.loads(page) != entry,
                        process)
    hash_ = json.loads(changed)["languages"]["fr"]["hash"]
    with urllib.request.urlopen(base + f"pagefind/pagefind.{hash_}.pf_meta", timeout=REQUEST_TIMEOUT) as meta:
        assert meta.status == 200 and meta.read()  # the index the browser will load: the new one
