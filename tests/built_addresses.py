"""An oracle for published addresses: what a built site really serves, read from its files.

The engine enforces data/adresses-publiees.txt at check time from what it computes (roadmap_site/addresses.py);
this module lists the addresses of a built site independently, so that the tests can compare the two.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "data" / "adresses-publiees.txt"
REDIRECT_MARK = 'http-equiv="refresh"'
DOWNLOADS = ("donnees",)  # folders whose files are public downloads
COPIES = (".gz", ".br")  # compressed copies of a file, served in its stead


def served(site: Path) -> dict[str, str]:
    """Every public address of a built site → "page" or "redirection" or "fichier"."""
    found = {}
    for html in site.rglob("index.html"):
        relative = html.parent.relative_to(site).as_posix()
        address = "/" if relative == "." else f"/{relative}/"
        if address.startswith(("/assets/", "/pagefind/")):
            continue
        found[address] = "redirection" if REDIRECT_MARK in html.read_text(encoding="utf-8") else "page"
    downloads = [p for folder in DOWNLOADS if (site / folder).is_dir() for p in (site / folder).rglob("*")]
    beside = [p for a in found if a != "/" for p in (site / a.strip("/")).iterdir()]  # beside a page or old address
    for path in downloads + beside:
        if path.is_file() and path.name != "index.html" and path.suffix not in COPIES:
            found["/" + path.relative_to(site).as_posix()] = "fichier"
    return found


def published(manifest: Path = MANIFEST) -> list[str]:
    lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def broken(site: Path, manifest: Path = MANIFEST) -> list[str]:
    """Published addresses the site no longer serves, each with what to do."""
    now = served(site)
    return [f"« {address} » était publiée et n'existe plus. Si la page a changé d'adresse, ajoutez dans "
            f"data/redirections.yml la ligne « {address.lstrip('/')}: nouvelle/adresse/ » ; ne retirez jamais une "
            f"adresse de {MANIFEST.relative_to(ROOT)}."
            for address in published(manifest) if address not in now]


def unlisted(site: Path, manifest: Path = MANIFEST) -> list[str]:
    """Addresses the site serves that the list does not know yet, each with what to do."""
    known = set(published(manifest))
    return [f"nouvelle adresse « {address} » ({kind}) : ajoutez-la à {MANIFEST.relative_to(ROOT)} "
            "(make adresses le fait pour vous)"
            for address, kind in sorted(served(site).items()) if address not in known]
