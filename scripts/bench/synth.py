"""Synthetic roadmaps for the benchmark: a full copy of the project whose records are multiplied.

The real records stay as they are; extra fiches are made from them (same structure, sentences and list
items mixed from every real fiche, titles recombined), spread over extra axes and carried by extra
organisations, so that the copy looks like many roadmaps combined. Everything goes through the YAML files:
nothing of the project's Python is imported, so this keeps working while the engine changes.
"""

from __future__ import annotations

import random
import re
import shutil
import unicodedata
from pathlib import Path

import yaml

# Not copied: version control, builds, environments and test artefacts.
IGNORED = (".git", "site", ".venv", "node_modules", ".scratch", "screenshots", "__pycache__", ".pytest_cache",
           "tests")
# Fields that hold codes or numbers, not prose: never rewritten.
CODE_FIELDS = {"numero", "slug", "programme", "axe", "objectif", "publics", "porteurs", "partenaires", "rh",
               "investissement", "source", "intitule"}
NOT_GIVEN = "non renseigné"
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
    pass


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):
    pass


def read(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def write(path: Path, data) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110),
                    encoding="utf-8")


def copy_project(source: Path, target: Path) -> Path:
    """A full working copy of the project (without builds and caches), ready to build on its own."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*IGNORED), symlinks=True)
    return target


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _strings(value, out: list[str]) -> None:
    if isinstance(value, str):
        if value != NOT_GIVEN:
            out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)


class Pools:
    """Sentences, list items and titles of the real fiches, to mix into synthetic ones."""

    def __init__(self, fiches: list[dict]):
        self.sentences: list[str] = []
        self.items: list[str] = []
        self.titles = [f["intitule"] for f in fiches]
        self.partner_texts = [p["texte"] for f in fiches if isinstance(f["partenaires"], list)
                              for p in f["partenaires"] if "texte" in p]
        for fiche in fiches:
            for key, value in fiche.items():
                if key in CODE_FIELDS:
                    continue
                found: list[str] = []
                _strings(value, found)
                for text in found:
                    parts = [s for s in SENTENCE_END.split(text) if s]
                    if len(parts) > 1:
                        self.sentences += parts
                    else:
                        self.items.append(text)

    def text_like(self, rng: random.Random, original: str) -> str:
        """A text about as long as `original`, made of real sentences in a new order."""
        if original == NOT_GIVEN:
            return original
        out, size = [], 0
        while size < len(original) * 0.9 or not out:
            sentence = rng.choice(self.sentences if len(original) > 120 else self.items)
            out.append(sentence)
            size += len(sentence) + 1
        return " ".join(out)

    def title(self, rng: random.Random) -> str:
        """A title made of the verb of one real title and the rest of another."""
        first, second = rng.sample(self.titles, 2)
        verb = first.split(" ", 1)[0]
        rest = second.split(" ", 1)[1] if " " in second else second
        return f"{verb} {rest}"


def _rewrite(value, rng: random.Random, pools: Pools):
    if isinstance(value, str):
        return pools.text_like(rng, value)
    if isinstance(value, list):
        return [_rewrite(item, rng, pools) for item in value]
    if isinstance(value, dict):
        return {key: _rewrite(item, rng, pools) for key, item in value.items()}
    return value


def _axes(vocab: dict, count: int, rng: random.Random, pools: Pools) -> dict:
    """`count` extra axes, each with 2 to 6 objectives, numbered after the real ones."""
    axes = dict(vocab)
    first = max(a["numero"] for a in vocab.values()) + 1
    objective_titles = [o["intitule"] for a in vocab.values() for o in a["objectifs"]]
    for numero in range(first, first + count):
        axes[f"essai-{numero}"] = {
            "numero": numero,
            "nom": f"Axe d'essai {numero} : {rng.choice(objective_titles)}",
            "introduction": [{"texte": pools.text_like(rng, "x" * rng.randint(200, 700))} for _ in range(2)],
            "objectifs": [{"code": f"{numero}.{j}", "intitule": rng.choice(objective_titles)}
                          for j in range(1, rng.randint(2, 6) + 1)],
        }
    return axes


def _organisations(registry: dict, count: int, rng: random.Random) -> dict:
    organisations = dict(registry)
    names = [o["nom"] for o in registry.values()]
    for k in range(1, count + 1):
        entry = {"nom": f"{rng.choice(names)} — structure d'essai {k}"}
        if rng.random() < 0.3:
            entry["sigle"] = f"SE{k}"
        organisations[f"structure-essai-{k}"] = entry
    return organisations


def _fiche(template: dict, numero: int, axe: tuple[str, dict], organisations: list[str], rng: random.Random,
           pools: Pools) -> dict:
    code, axe_data = axe
    fiche = {key: (value if key in CODE_FIELDS else _rewrite(value, rng, pools)) for key, value in template.items()}
    title = pools.title(rng)
    fiche.update(numero=numero, slug=f"{slugify(title)[:60].rstrip('-')}-{numero}", intitule=title,
                 axe=code, objectif=rng.choice(axe_data["objectifs"])["code"])
    fiche["porteurs"] = [{"organisation": org} for org in rng.sample(organisations, rng.choice((1, 1, 1, 2)))]
    if isinstance(template["partenaires"], list):
        partners = []
        for partner in template["partenaires"]:
            partner = dict(partner)
            if "organisation" in partner:
                partner["organisation"] = rng.choice(organisations)
            else:
                partner["texte"] = rng.choice(pools.partner_texts)
            partners.append(partner)
        fiche["partenaires"] = partners
    fiche["source"] = {"fiche": numero, "page": rng.randint(5, 400),
                       "section": f"{axe_data['numero']} {axe_data['nom']}",
                       "notes": _rewrite(template["source"]["notes"], rng, pools)}
    return fiche


def make_roadmap(project: Path, fiches: int, seed: int = 13) -> dict:
    """Grow the copy at `project` to `fiches` fiches; return what was added."""
    rng = random.Random(seed)
    action_files = sorted((project / "actions").glob("*.yml"))
    real = [read(path) for path in action_files]
    axes_path, orgs_path = project / "data/vocabulaires/axes.yml", project / "data/organisations.yml"
    extra = fiches - len(real)
    if extra <= 0:
        return {"fiches": len(real), "axes": len(read(axes_path)), "organisations": len(read(orgs_path))}
    pools = Pools(real)
    axes = _axes(read(axes_path), max(2, fiches // 100), rng, pools)
    registry = _organisations(read(orgs_path), fiches // 10, rng)
    write(axes_path, axes)
    write(orgs_path, registry)
    identity_path = project / "data/feuille-de-route.yml"  # every fiche of the combined roadmaps was adopted
    identity = read(identity_path)
    identity["source"]["fiches"] = fiches
    write(identity_path, identity)
    axis_items, org_ids = list(axes.items()), list(registry)
    first = max(f["numero"] for f in real) + 1
    for numero in range(first, first + extra):
        fiche = _fiche(rng.choice(real), numero, rng.choice(axis_items), org_ids, rng, pools)
        write(project / "actions" / f"{numero:02d}-{fiche['slug']}.yml", fiche)
    return {"fiches": fiches, "axes": len(axes), "organisations": len(registry)}
