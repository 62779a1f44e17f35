"""The redirection rules (site/_redirections.conf) as a real nginx reads them: `nginx -t` on a configuration
built as the README's server block, for the real site and for generated edge cases. A rules file nginx
refuses would stop every site of the server at its next reload (a map did, for any key longer than 46
characters: roadmap_site/publish.py).

Without nginx the test is skipped, except under CI (CI=true), where it fails: CI installs nginx (.ci/run).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from roadmap_site.address import AddressError
from roadmap_site.model import Redirection
from roadmap_site.pages import redirections
from roadmap_site.publish import REDIRECTIONS_FILE, redirection_rules

RULE = re.compile(r'^location = "([^"]+)" \{ return (30[12]) "([^"]+)"; \}$')
BASES = ["/", "/feuille-de-route/", "/Lot-Numerique_2024/v1.2/"]


@pytest.fixture(scope="session")
def nginx() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if found is None:
        message = "nginx absent : règles de redirection non vérifiées (apt-get install nginx-light)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " ; en CI, nginx est obligatoire", pytrace=False)
        pytest.skip(message)
    return found


def server_config(folder: Path, rules: Path, site: Path, base: str = "/", port: int = 8080) -> Path:
    """A whole nginx configuration around the README's server block, every path in `folder` (any user can
    test it); the rules file included in server { }, as the README says."""
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(exist_ok=True)
    where = f"root {site};" if base == "/" else f"location {base} {{ alias {site}/; }}"
    config = folder / "nginx.conf"
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""  # workers read the site
    config.write_text(f"""
{user}
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {temp['body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    server {{
        listen 127.0.0.1:{port};
        server_name feuille-de-route.example;
        charset utf-8;
        error_page 404 {base}404.html;
        gzip_static on;
        gzip on;
        gzip_vary on;
        gzip_types text/css application/javascript application/json image/svg+xml application/xml text/plain
                   text/csv application/atom+xml;
        include {rules};
        {where}
        location ~* "\\.[0-9a-f]{{8}}\\.min\\.(css|js)$" {{
            add_header Cache-Control "public, max-age=31536000, immutable";
        }}
        location = {base}{REDIRECTIONS_FILE} {{
            return 404;
        }}
    }}
}}
""", encoding="utf-8")
    return config


def command(nginx: str, folder: Path, rules_text: str, site: Path, base: str = "/", port: int = 8080) -> list[str]:
    rules = folder / REDIRECTIONS_FILE
    rules.write_text(rules_text, encoding="utf-8")
    config = server_config(folder, rules, site, base, port)
    return [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config)]


def nginx_test(nginx: str, folder: Path, rules_text: str, site: Path, base: str = "/") -> subprocess.CompletedProcess:
    return subprocess.run(command(nginx, folder, rules_text, site, base) + ["-t", "-q"],
                          capture_output=True, text=True, timeout=60)


def keys(text: str) -> list[str]:
    """The address of every rule of a rules file, in order."""
    return [RULE.match(line).group(1) for line in text.splitlines() if RULE.match(line)]


def assert_accepted(nginx: str, folder: Path, text: str, site: Path, base: str = "/") -> None:
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert all(RULE.match(line) for line in rules)  # nothing but exact-match rules
    duplicated = [key for key, count in Counter(keys(text)).items() if count > 1]
    assert not duplicated, duplicated
    result = nginx_test(nginx, folder, text, site, base)
    assert result.returncode == 0, result.stderr


def test_nginx_accepts_the_real_sites_rules(nginx, site, tmp_path, roadmap):
    text = (site / REDIRECTIONS_FILE).read_text(encoding="utf-8")
    assert len(keys(text)) >= 2 * len(roadmap.actions)  # the short links at least: not an empty file
    assert_accepted(nginx, tmp_path, text, site)


def odd_moves(count: int) -> list[Redirection]:
    """Many redirections, with odd but valid addresses: one letter, digits only, hyphens at either end or
    doubled, long and deep ones; short links of fiches numbered far."""
    odd = ["a/", "0/", "-/", "a--b/", "x-/", "-x/", "9-9/", "a/b/c/d/e/f/g/h/", "s" * 200 + "/",
           "actions/ancien-slug/", "fiches/", "fiches/1/autre/"]
    moves = [Redirection(old, "actions/cible/", "data/redirections.yml", n) for n, old in enumerate(odd, 10)]
    moves += [Redirection(f"actions/ancienne-{n}/", f"actions/nouvelle-{n % 7}/", "data/redirections.yml", n)
              for n in range(count)]
    moves += [Redirection(f"fiches/{n}/", f"actions/fiche-{n}/", f"actions/{n}.yml", None) for n in range(count)]
    return moves


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("count", [0, 1, 3000])
def test_nginx_accepts_rules_of_any_valid_roadmap(nginx, tmp_path, base, count):
    moves = odd_moves(count)
    text = redirection_rules(moves, base)
    assert len(keys(text)) == 2 * len(moves)  # each address with and without its final slash
    assert all(key.startswith(base) for key in keys(text))
    assert_accepted(nginx, tmp_path, text, tmp_path, base)


def test_an_address_given_twice_is_what_nginx_refuses(nginx, tmp_path):
    """The test can fail: nginx itself refuses the duplicate rule that the engine never writes."""
    text = redirection_rules(odd_moves(2), "/")
    line = next(line for line in text.splitlines() if RULE.match(line))
    doubled = text.replace(line, line + "\n" + line, 1)
    assert nginx_test(nginx, tmp_path, doubled, tmp_path).returncode != 0


@pytest.mark.parametrize("old", ["fiches/1/", "a/", "actions/ancienne-0/"])
def test_the_rules_never_hold_an_address_twice(old):
    moves = odd_moves(2) + [Redirection(old, "actions/cible/", "data/redirections.yml", 99)]
    with pytest.raises(AddressError, match="deux règles"):
        redirection_rules(moves, "/")


@pytest.mark.parametrize("old", ["", "../", "./", "a//b/", "a b/", 'a"/', "a;/", "$x/", "a\n/", "{a}/", "A/",
                                 "sitemap.xml/", "x"])
def test_the_rules_never_hold_a_malformed_address(old):
    with pytest.raises(AddressError):
        redirection_rules([Redirection(old, "actions/cible/", "data/redirections.yml", 1)], "/")
    with pytest.raises(AddressError):
        redirection_rules([Redirection("a/", old or "/", "data/redirections.yml", 1)], "/")


@pytest.mark.parametrize("site_url", ["https://exemple.fr/a b/", 'https://exemple.fr/a"b/', "https://exemple.fr/$x/",
                                      "https://exemple.fr/../", "https://exemple.fr/a;b/", "https://exemple.fr//x/"])
def test_a_site_path_nginx_could_not_read_is_refused(site_url):
    with pytest.raises(AddressError, match="site_url"):
        redirection_rules(odd_moves(1), site_url)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str) -> tuple[int, str, str]:
    """Status, Location header and body of one request, redirections not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.parametrize("base", ["/", "/feuille-de-route/"])
def test_nginx_serves_the_real_site_with_its_rules(nginx, site, tmp_path, roadmap, base):
    """The README's server block, running: short links and old addresses redirect (with or without their
    final slash), the rules file itself is not served, a missing address gets the French page not found."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    moves = redirections(roadmap) + [Redirection("actions/" + "ancien-" * 10 + "slug/", "actions/", "x", 1)]
    server = subprocess.Popen(command(nginx, tmp_path, redirection_rules(moves, base), site, base, port)
                              + ["-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
    try:
        root = f"http://127.0.0.1:{port}"
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.05)
        for move in moves:
            for old in (move.ancienne, move.ancienne.rstrip("/")):
                status, location, _ = fetch(root + base + old)
                assert (status, location.removeprefix(root)) == (
                    302 if old.startswith("fiches/") else 301, base + move.nouvelle), old
        assert fetch(root + base + move.nouvelle)[0] == 200
        assert fetch(root + base + REDIRECTIONS_FILE)[0] == 404
        status, _, body = fetch(root + base + "actions/inexistante/")
        assert status == 404 and "Page introuvable" in body
    finally:
        server.terminate()
        server.wait(timeout=30)
