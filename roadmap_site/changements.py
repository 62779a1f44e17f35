"""What a change means for readers, in French Markdown: the pages added, removed or moved (and whether the old
address redirects), each fiche's changed fields with its figures before → after, statuses, budget lines and
deliberations, between a base (a git ref) and the working tree (`make changements BASE=…`; the summary of a
pull request's check).

Both versions are loaded by the engine itself (`roadmap_site.load`: the base is extracted from git into a
temporary folder) and compared as models and page specifications, never as YAML: what is listed is what a
reader sees change. A base that does not load is said, with the data files that differ.
"""

from __future__ import annotations

import io
import tarfile
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import WATCHED, addresses, load
from .address import public
from .baseline import git
from .exports import records
from .formatting import date_fr, etp, euros
from .model import Action, Roadmap
from .pages import page_specs, redirections
from .problems import DataErrors

SHORT = 120  # characters of a text quoted before « … »
_MARKDOWN = {char: "\\" + char for char in "\\`*_[]<>|#"}


def text(value: Any) -> str:
    """A value of the data as Markdown shows it literally, on one line, shortened."""
    flat = " ".join(str(value).split())
    flat = flat if len(flat) <= SHORT else flat[: SHORT - 1].rstrip() + "…"
    return "".join(_MARKDOWN.get(char, char) for char in flat)


def quoted(value: Any) -> str:
    return f"« {text(value)} »"


def arrow(before: str, after: str) -> str:
    return f"{before} → {after}"


def extract(root: Path, ref: str, into: Path) -> str | None:
    """Write the roadmap folder of `ref` into `into`; the reason in French when git cannot."""
    done = git(root, "archive", "--format=tar", f"{ref}:./")
    if done is None:
        return "git est introuvable ou n'a pas répondu"
    if done.returncode != 0:
        return f"« {ref} » n'est pas une version connue du dépôt ({done.stderr.decode(errors='replace').strip()})"
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(into, filter="data")
    return None


# --- Pages -----------------------------------------------------------------------------------------------

def _pages(roadmap: Roadmap) -> dict[str, str]:
    """Every page of the site → what it is (its title, or the hand-written file)."""
    found = {url: f"page écrite à la main ({file})" for url, file in addresses.handwritten(roadmap.root).items()}
    return found | {spec.url: spec.title for spec in page_specs(roadmap)}


def pages(before: Roadmap, after: Roadmap) -> list[str]:
    old, new = _pages(before), _pages(after)
    moves = {move.ancienne: move.nouvelle for move in redirections(after)}
    renamed = {a.url: b.url for a in before.actions for b in after.actions if a.numero == b.numero and a.url != b.url}
    lines, targets = [], set()
    for url in sorted(old.keys() - new.keys()):
        if url in moves:
            targets.add(moves[url])
            lines.append(f"- Déplacée : {public(url)} → {public(moves[url])} ({text(old[url])}) ; "
                         "l'ancienne adresse redirige")
        elif url in renamed:
            targets.add(renamed[url])
            lines.append(f"- Déplacée : {public(url)} → {public(renamed[url])} ({text(old[url])}) ; "
                         "**l'ancienne adresse ne redirige pas**")
        else:
            lines.append(f"- Retirée : {public(url)} ({text(old[url])}) ; **l'ancienne adresse ne redirige pas**")
    lines += [f"- Ajoutée : {public(url)} ({text(new[url])})" for url in sorted(new.keys() - old.keys() - targets)]
    lines += [f"- Texte modifié : {public(url)} ({file})"
              for url, file in sorted(addresses.handwritten(after.root).items())
              if url in old and _differs(before.root / file, after.root / file)]
    return lines


def _differs(one: Path, other: Path) -> bool:
    try:
        return one.read_bytes() != other.read_bytes()
    except OSError:
        return True


# --- Fiches ----------------------------------------------------------------------------------------------

def _label(roadmap: Roadmap, schema: str, properties: Mapping, key: str) -> str:
    """The name staff know a field by: its schema title, or that of the definition it refers to."""
    node, _ = roadmap.schemas.resolve(properties.get(key, {}), schema)
    return node.get("title") or node.get("x-libelle") or key


def _title(roadmap: Roadmap, schema: str, key: str) -> str:
    label = _label(roadmap, schema, roadmap.schemas.raw[schema]["properties"], key)
    return label[0].upper() + label[1:]


def _figure(line: Mapping) -> str:
    parts = [euros(line["montant"])] if "montant" in line else []
    parts += [etp(line["etp"])] if "etp" in line else []
    parts += [" + ".join(f"{euros(y['montant'])} en {y['annee']}" for y in line.get("par_annee", []))]
    return ", ".join(p for p in parts if p) or "sans montant"


def _line_name(line: Mapping) -> str:
    return text(line.get("objet") or line["texte"])


def _lines(label: str, before: list, after: list) -> list[str]:
    """The lines of a rubric (rh, investissement) that changed, with their figures."""
    if not isinstance(before, list) or not isinstance(after, list):  # « non renseigné » on one side
        def count(lines: Any) -> str:
            return f"{len(lines)} ligne{'s' if len(lines) > 1 else ''}" if isinstance(lines, list) else "non renseigné"
        return [f"{label} : {arrow(count(before), count(after))}"]
    found = []
    if len(before) == len(after):
        pairs = list(zip(before, after))
    else:
        names = {_line_name(line) for line in before} & {_line_name(line) for line in after}
        pairs = [(b, next(a for a in after if _line_name(a) == _line_name(b)))
                 for b in before if _line_name(b) in names]
        found += [f"{label} : ligne retirée, {quoted(b.get('objet') or b['texte'])} ({_figure(b)})"
                  for b in before if _line_name(b) not in names]
        found += [f"{label} : ligne ajoutée, {quoted(a.get('objet') or a['texte'])} ({_figure(a)})"
                  for a in after if _line_name(a) not in names]
    for old, new in pairs:
        if old == new:
            continue
        where = f"{label} ({_line_name(new)})" if len(after) > 1 else label
        if _figure(old) != _figure(new):
            found.append(f"{where} : {arrow(_figure(old), _figure(new))}")
        if old.get("texte") != new.get("texte"):
            found.append(f"{where} : texte modifié")
        if _figure(old) == _figure(new) and old.get("texte") == new.get("texte"):
            found.append(f"{where} : modifiée")
    return found


def _names(action: Action, key: str) -> list[str]:
    """The entries of a list field as the fiche's page names them (an organisation by its name)."""
    value = getattr(action, key)
    if value is None:
        return ["non renseigné"]
    return [item.libelle if hasattr(item, "libelle") else str(item) for item in value]


def _shown(action: Action, key: str) -> str:
    """A one-value field as the fiche's page shows it."""
    return {"intitule": lambda: quoted(action.intitule), "slug": lambda: public(action.url),
            "programme": lambda: quoted(action.programme.nom), "axe": lambda: quoted(action.axe.titre),
            "objectif": lambda: quoted(f"{action.objectif.code} {action.objectif.intitule}")}[key]()


def fiche_changes(before: Roadmap, old: Action, after: Roadmap, new: Action) -> list[str]:
    one, other = records.fiche(before, old), records.fiche(after, new)
    found = []
    for key in dict.fromkeys([*one, *other]):
        if one.get(key) == other.get(key) or key == "numero":
            continue
        label = _title(after, "action", key)
        if key in ("rh", "investissement"):
            found += _lines(label, one.get(key, []), other.get(key, []))
        elif key in ("intitule", "slug", "programme", "axe", "objectif"):
            found.append(f"{label} : {arrow(_shown(old, key), _shown(new, key))}")
        elif key in ("porteurs", "partenaires", "public_cible"):
            gone = [n for n in _names(old, key) if n not in _names(new, key)]
            came = [n for n in _names(new, key) if n not in _names(old, key)]
            changes = [f"+ {quoted(n)}" for n in came] + [f"− {quoted(n)}" for n in gone]
            found.append(f"{label} : {', '.join(changes) or 'modifié'}")
        else:
            found.append(f"{label} : texte modifié")
    return found + _followup(before, old, after, new)


def _status(roadmap: Roadmap, action: Action) -> str:
    followed = roadmap.suivi.fiche(action) if roadmap.suivi is not None else None
    if followed is None:
        return "non renseigné"
    when = f" ({date_fr(followed.statut.date)})" if followed.statut else ""
    return f"{followed.etat.nom}{when}"


def _followup(before: Roadmap, old: Action, after: Roadmap, new: Action) -> list[str]:
    """The fiche's status, then what else its follow-up record changes (targets, measured values…)."""
    found = []
    if _status(before, old) != _status(after, new):
        found.append(f"Statut : {arrow(_status(before, old), _status(after, new))}")
    one, other = (records.suivi_fiche(r, r.suivi.fiche(a)) if r.suivi is not None and r.suivi.fiche(a).file else {}
                  for r, a in ((before, old), (after, new)))
    for key in dict.fromkeys([*one, *other]):
        if key in ("fiche", "statuts") or one.get(key) == other.get(key):
            continue
        count = [len(v) if isinstance(v, list) else 0 for v in (one.get(key), other.get(key))]
        found.append(f"Suivi, {_title(after, 'suivi', key).lower()} : "
                     + (arrow(str(count[0]), str(count[1])) if count[0] != count[1] else "modifiées"))
    return found


def fiches(before: Roadmap, after: Roadmap) -> list[str]:
    old = {a.numero: a for a in before.actions}
    new = {a.numero: a for a in after.actions}
    lines = []
    for numero in sorted(old.keys() | new.keys()):
        if numero not in old:
            lines.append(f"- **Nouvelle fiche n°{numero}** : {quoted(new[numero].intitule)} "
                         f"({public(new[numero].url)})")
        elif numero not in new:
            lines.append(f"- **Fiche n°{numero} retirée** : {quoted(old[numero].intitule)}")
        elif changes := fiche_changes(before, old[numero], after, new[numero]):
            lines.append(f"- **Fiche n°{numero}** : {quoted(new[numero].intitule)}")
            lines += [f"  - {change}" for change in changes]
    return lines


# --- Budget and deliberations ----------------------------------------------------------------------------

def _poste_field(roadmap: Roadmap, key: str) -> str:
    return _label(roadmap, "budget", roadmap.schemas.raw["budget"]["$defs"]["poste"]["properties"], key).lower()


def _postes(label: str, before: list, after: list, field=str) -> list[str]:
    def key(poste: Mapping) -> str:
        return text(poste["objet"]) + (f", fiche n°{poste['fiche']}" if "fiche" in poste else "")

    one, other = {key(p): p for p in before}, {key(p): p for p in after}
    found = []
    for name in dict.fromkeys([*one, *other]):
        old, new = one.get(name, {}), other.get(name, {})  # a line of a table is never empty
        if old == new:
            continue
        if not old:
            found.append(f"{label} : ligne ajoutée, « {name} » ({euros(new['montant'])})")
        elif not new:
            found.append(f"{label} : ligne retirée, « {name} » ({euros(old['montant'])})")
        elif old["montant"] != new["montant"]:
            found.append(f"{label}, « {name} » : {arrow(euros(old['montant']), euros(new['montant']))}")
        else:
            fields = [field(k) for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
            found.append(f"{label}, « {name} » : modifiée ({', '.join(fields)})")
    return found


def budget(before: Roadmap, after: Roadmap) -> list[str]:
    old = {t.slug: t for t in (before.suivi.tableaux if before.suivi else ())}
    new = {t.slug: t for t in (after.suivi.tableaux if after.suivi else ())}
    lines = []
    for slug in dict.fromkeys([*new, *old]):
        if slug not in old:
            lines.append(f"- Nouveau tableau : {quoted(new[slug].titre)} ({len(new[slug].postes)} lignes)")
        elif slug not in new:
            lines.append(f"- Tableau retiré : {quoted(old[slug].titre)}")
        else:
            one, other = records.tableau(before, old[slug]), records.tableau(after, new[slug])
            label = f"Tableau {quoted(new[slug].titre)}"
            lines += [f"- {change}" for change in _postes(label, one["postes"], other["postes"],
                                                          lambda key: _poste_field(after, key))]
            totals = {t.libelle: t.montant for t in old[slug].totaux}
            lines += [f"- {label}, total « {text(t.libelle)} » : {arrow(euros(totals[t.libelle]), euros(t.montant))}"
                      for t in new[slug].totaux if t.libelle in totals and totals[t.libelle] != t.montant]
    return lines


def deliberations(before: Roadmap, after: Roadmap) -> list[str]:
    old = {d.slug: d for d in (before.suivi.deliberations if before.suivi else ())}
    new = {d.slug: d for d in (after.suivi.deliberations if after.suivi else ())}
    lines = [f"- Nouvelle : {text(d.titre_page)} ({date_fr(d.date)}, {public(d.url)})" for slug, d in new.items()
             if slug not in old]
    lines += [f"- Retirée : {text(d.titre_page)}" for slug, d in old.items() if slug not in new]
    for slug in new.keys() & old.keys():
        one, other = records.deliberation(before, old[slug]), records.deliberation(after, new[slug])
        changed = [_title(after, "deliberation", k).lower() for k in dict.fromkeys([*one, *other])
                   if one.get(k) != other.get(k)]
        if changed:
            lines.append(f"- Modifiée : {text(new[slug].titre_page)} ({', '.join(changed)})")
    return sorted(lines)


# --- The report ------------------------------------------------------------------------------------------

SECTIONS = (("Pages", pages), ("Fiches", fiches), ("Budget", budget), ("Délibérations", deliberations))


def _changed_files(base: Path, root: Path) -> list[str]:
    """The data files that differ between two trees, for a base that does not load."""
    def files(top: Path) -> dict[str, Path]:
        return {p.relative_to(top).as_posix(): p for folder in WATCHED for p in sorted((top / folder).rglob("*"))
                if p.is_file()}

    one, other = files(base), files(root)
    return ([f"- ajouté : {name}" for name in sorted(other.keys() - one.keys())]
            + [f"- supprimé : {name}" for name in sorted(one.keys() - other.keys())]
            + [f"- modifié : {name}" for name in sorted(one.keys() & other.keys())
               if _differs(one[name], other[name])])


def report(root: Path, ref: str) -> tuple[str, int]:
    """The Markdown report of what changes for readers between `ref` and the working tree, and an exit code
    (1 when the working tree does not load, 2 when `ref` cannot be read)."""
    root = Path(root).resolve()
    head = ["## Ce qui change pour les lecteurs", "", f"Entre {text(ref)} et cette version.", ""]
    try:
        after = load(root)
    except DataErrors as errors:
        return "\n".join(head + ["Cette version ne se charge pas : corrigez d'abord ces erreurs.", "", "```",
                                 errors.report(), "```"]) + "\n", 1
    with tempfile.TemporaryDirectory(prefix="changements-") as folder:
        base = Path(folder)
        failed = extract(root, ref, base)
        if failed:
            return "\n".join(head + [f"Version de base illisible : {failed}."]) + "\n", 2
        try:
            before = load(base)
        except DataErrors as errors:
            changed = _changed_files(base, root)
            return "\n".join(head + [f"La version {text(ref)} ne se charge pas avec ce moteur "
                                     f"({errors.count()}) : les pages ne peuvent pas être comparées. "
                                     "Fichiers de données modifiés :", ""] + (changed or ["- aucun"])) + "\n", 0
        body = []
        for title, section in SECTIONS:
            lines = section(before, after)
            if lines:
                body += [f"### {title}", "", *lines, ""]
    return "\n".join(head + (body or ["Aucun changement visible par les lecteurs.", ""])), 0
