"""Which pages the records add to the site: one per fiche, axe and organisation, plus redirections.

Nothing here knows MkDocs: the hook turns these specifications into files and navigation entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from .catalog import Catalog


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. "actions/boucle-reconditionnement-solidaire.md"
    title: str  # HTML-escaped: MkDocs themes print titles as HTML
    source: str  # data file the page is generated from, for the edit link
    markdown: str  # only a macro call: record text never goes through the Markdown or Jinja parsers


def generated_pages(catalog: Catalog) -> list[GeneratedPage]:
    pages = [GeneratedPage(f"actions/{a.slug}.md", str(escape(a.intitule)), a.file, f"{{{{ fiche({a.numero}) }}}}\n")
             for a in catalog.actions]
    pages += [GeneratedPage(f"axes/{ax.code}/index.md", str(escape(f"Axe {ax.numero} : {ax.nom}")),
                            "data/vocabulaires/axes.yml", f'{{{{ axe("{ax.code}") }}}}\n') for ax in catalog.axes]
    pages += [GeneratedPage(f"organisations/{o.id}.md", str(escape(o.nom)), "data/organisations.yml",
                            f'{{{{ organisation("{o.id}") }}}}\n') for o in catalog.organisations.values()]
    diag = catalog.diagnostic
    pages += [GeneratedPage(f"diagnostic/epci/{e.slug}.md", str(escape(e.nom_court)), e.file,
                            f'{{{{ epci("{e.slug}") }}}}\n') for e in diag.epcis]
    pages += [GeneratedPage(f"diagnostic/enjeux/{t.data['slug']}.md", str(escape(t.data["titre"])),
                            t.file, f'{{{{ enjeu("{t.data["slug"]}") }}}}\n') for t in diag.themes]
    return pages


def nav_insertions(catalog: Catalog) -> dict[str, list]:
    """Navigation entries the records add, keyed by the hand-written nav entry they follow."""
    axes = [{str(escape(f"Axe {ax.numero} : {ax.nom}")): [f"axes/{ax.code}/index.md"] +
             [f"actions/{a.slug}.md" for a in ax.actions]} for ax in catalog.axes]
    epcis = [f"diagnostic/epci/{e.slug}.md" for e in catalog.diagnostic.epcis]
    themes = [f"diagnostic/enjeux/{t.data['slug']}.md" for t in catalog.diagnostic.themes]
    return {"actions/index.md": axes, "diagnostic/epci/index.md": epcis, "diagnostic/enjeux/index.md": themes}


def redirections(catalog: Catalog) -> dict[str, str]:
    """Old or short address → current address (both relative to the site root, ending with "/")."""
    moves = {f"fiches/{a.numero}/": a.url for a in catalog.actions}
    moves.update(catalog.redirections)
    return moves
