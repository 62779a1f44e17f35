"""Stage 4 of the engine, pages: one page specification per record that has a page, and the navigation
derived from them. The only place where the addresses of generated pages are decided.

The navigation does not grow with the records: it lists the hand-written pages and the axes, never a fiche,
a territory, a theme or a deliberation (every page carries the navigation: listing 2 000 fiches in it made
each page weigh a megabyte). A record page is reached from the page that lists its kind, and carries its own
way through them (`Trail`): that page, the record before it and the record after it.

Nothing here knows MkDocs: the plugin (roadmap_site/plugin.py) turns specs into files, navigation and content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable, Collection, Mapping, Sequence

from . import address, descriptions, views
from .exports import changes
from .model import Redirection, Roadmap
from .problems import Problem
from .render import render
from .typography import french


@dataclass(frozen=True)
class PageSpec:
    """A generated page: where it lives, what it is titled, which template renders it with which context.

    `view` makes that context when the page renders: the check needs the page's address only (the views of
    2 000 fiches cost it a tenth of its time)."""

    url: str  # "actions/boucle-reconditionnement-solidaire/"
    title: str  # plain text, escaped by whoever prints it
    template: str
    view: Callable[[], Mapping[str, Any]] = field(repr=False)  # makes the template's context
    source: str  # the data file the page is generated from, for its edit link
    parent: str | None  # URL of the page under which the navigation lists it; None: not in the navigation
    description: str = ""  # one sentence for search engines and link previews (roadmap_site.descriptions)
    feeds: tuple[tuple[str, str], ...] = ()  # the page's own feeds of changes: (title, address)
    trail: "Trail | None" = None  # a record page's way back to its list and on to its neighbours

    def __post_init__(self):
        address.page(self.url)  # the data's slugs were checked: a bad address here is the engine's defect

    @property
    def src_uri(self) -> str:
        """Path of the page among the site's source files ("actions/boucle…/index.md")."""
        return address.page_source(self.url)

    def render(self, site_url: str | None = None) -> str:
        """The page's HTML; `site_url`, once known, makes the addresses it gives to copy absolute."""
        return render(self.template, self.url, site_url, trail=self.trail, **self.view())


@dataclass(frozen=True)
class Link:
    url: str
    title: str


@dataclass(frozen=True)
class Trail:
    """Where a record page stands among the pages of its kind, in the order of the page that lists them."""

    up: str  # URL of the page listing them (an axis, the list of territories…)
    previous: Link | None
    next: Link | None


def trails(series: list[tuple[str, str]], up: str) -> dict[str, Trail]:
    """The trail of each page of a series of (url, title), in order."""
    links = [Link(url, title) for url, title in series]
    return {link.url: Trail(up, links[i - 1] if i else None, links[i + 1] if i + 1 < len(links) else None)
            for i, link in enumerate(links)}


_SPECS = "_page_specs"  # where a roadmap keeps its specs: the check and the plugin ask for them in one build


def page_specs(roadmap: Roadmap) -> tuple[PageSpec, ...]:
    """Every generated page of `roadmap`, in navigation order; made once per roadmap and kept on the roadmap
    object itself (immutable, made anew by every build), so they can never be another roadmap's."""
    specs = vars(roadmap).get(_SPECS)
    if specs is None:
        specs = tuple(_page_specs(roadmap))
        object.__setattr__(roadmap, _SPECS, specs)  # a frozen dataclass: a memo, not a field
    return specs


def _page_specs(roadmap: Roadmap) -> list[PageSpec]:
    trail: dict[str, Trail] = {}
    for ax in roadmap.axes:
        trail |= trails([(a.url, a.intitule) for a in ax.actions], ax.url)
    specs = [PageSpec(ax.url, ax.titre, "axe.html", partial(views.axe, roadmap, ax), "data/vocabulaires/axes.yml",
                      address.ACTIONS, descriptions.axe(roadmap, ax))
             for ax in roadmap.axes]
    specs += [PageSpec(a.url, a.intitule, "fiche.html", partial(views.fiche, roadmap, a), a.file, None,
                       descriptions.fiche(roadmap, a), (changes.fiche_feed(a),), trail=trail[a.url])
              for a in roadmap.actions]
    specs += [PageSpec(o.url, o.nom, "organisation.html", partial(views.organisation, roadmap, o),
                       "data/organisations.yml", None, descriptions.organisation(roadmap, o))
              for o in roadmap.organisations.values()]
    if roadmap.suivi is not None:
        s = roadmap.suivi
        trail = trails([(d.url, d.titre_page) for d in s.deliberations], s.url_deliberations)
        specs += [PageSpec(d.url, d.titre_page, "deliberation.html", partial(views.deliberation, roadmap, d), d.file,
                           None, descriptions.deliberation(roadmap, d), trail=trail[d.url]) for d in s.deliberations]
    if roadmap.diagnostic is not None:
        territoires, themes = roadmap.diagnostic.territoires, roadmap.diagnostic.themes
        trail = trails([(e.url, e.nom_court) for e in territoires], address.TERRITOIRES)
        specs += [PageSpec(e.url, e.nom_court, "epci.html", partial(views.territoire, roadmap, e.slug), e.file, None,
                           descriptions.territoire(roadmap, e), trail=trail[e.url])
                  for e in territoires]
        trail = trails([(t.url, t.titre) for t in themes], address.THEMES)
        specs += [PageSpec(t.url, t.titre, "enjeu.html", partial(views.enjeu, roadmap, t.slug), t.file, None,
                           descriptions.theme(roadmap, t), trail=trail[t.url])
                  for t in themes]
    return specs


@dataclass(frozen=True)
class NavEntry:
    """A generated page in the navigation, with the generated pages listed under it."""

    spec: PageSpec
    children: tuple["NavEntry", ...] = ()


def navigation(specs: Sequence[PageSpec]) -> dict[str, list[NavEntry]]:
    """Navigation entries of generated pages, keyed by the URL of the (hand-written) page they follow."""
    generated = {s.url for s in specs}

    def entries(parent: str) -> list[NavEntry]:
        return [NavEntry(s, tuple(entries(s.url))) for s in specs if s.parent == parent]

    anchors = dict.fromkeys(s.parent for s in specs if s.parent is not None and s.parent not in generated)
    return {anchor: entries(anchor) for anchor in anchors}


def redirections(roadmap: Roadmap) -> list[Redirection]:
    """Every old or short address and the current address it leads to (relative to the site root)."""
    short = [Redirection(a.lien_court, a.url, a.file, None) for a in roadmap.actions]
    return short + list(roadmap.redirections)


def redirection_problems(moves: list[Redirection], is_page: Callable[[str], bool],
                         files: Collection[str] = ()) -> list[Problem]:
    """One rule per old or short address, well formed, that leads to a page and takes no page's nor file's
    place (`files`: the addresses of the site's files, "donnees/actions.csv"). The short links come first in
    `moves`: a line of data/redirections.yml is the one blamed for taking theirs."""
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for m in moves:
        fault = address.fault(m.ancienne) or address.fault(m.nouvelle)
        if fault is not None:
            problems.append(Problem(m.file, m.line, m.ancienne, fault))
            continue
        if m.ancienne in first:
            problems.append(Problem(m.file, m.line, m.ancienne, f"cette adresse a déjà une règle ({first[m.ancienne]})"
                                    " : une adresse ne mène qu'à une page ; retirez cette ligne"))
            continue
        first[m.ancienne] = (f"lien court de la fiche {m.file}" if m.line is None
                             else f"{m.file}, ligne {m.line}")
        if not is_page(m.nouvelle):
            problems.append(Problem(m.file, m.line, m.ancienne,
                                    f"la page de destination « {m.nouvelle} » n'existe pas"))
        if is_page(m.ancienne):
            problems.append(Problem(m.file, m.line, m.ancienne, "cette adresse est encore une page du site ; une "
                                    "redirection ne peut pas la remplacer : retirez cette ligne"))
        elif taken := [f for f in (*address.ancestors(m.ancienne), address.index_file(m.ancienne)) if f in files]:
            problems.append(Problem(m.file, m.line, m.ancienne, f"cette adresse prendrait la place du fichier "
                                    f"« {taken[0]} » du site : choisissez une autre adresse"))
    return problems


def redirect_page(move: Redirection, titles: Mapping[str, str]) -> str:
    """The small French page written at an old address (written by the plugin as it is: French spacing here)."""
    titre = titles.get(move.nouvelle, move.nouvelle)
    return french(render("redirect.html", move.ancienne, cible=move.nouvelle, titre=titre))
