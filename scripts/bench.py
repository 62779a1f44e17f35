"""`make bench`: how fast the site builds and how light its pages are, with the real fiches and at scale.

For the real roadmap and for synthetic ones of 200 and 2 000 fiches (made from the real records, see
scripts/bench/synth.py), each a full copy of the project in a temporary folder, it measures the strict build
(median of 3) against the same pages built by plain MkDocs + Material (scripts/bench/plain.py), every build cold
as CI builds it (a fresh process, no state kept from a previous run), with apart the share of our search's
indexing (Pagefind, run alone on the built site), `make check`,
the rebuild of `mkdocs serve` after a record is edited, the size of the site and what a first visit of four
pages downloads; then Lighthouse on the real site. It prints one table with the targets of issue 13 and writes
it to BENCHMARK.md with the machine it ran on. Machines here are noisy: compare ratios within one run.

Settings (environment variables):
  BENCH_SIZES=200,2000   synthetic sizes measured after the real site
  BENCH_RUNS=3           builds of each kind per size (the median is kept)
  BENCH_SLOW=300         a first build longer than this (seconds) is measured once only
  BENCH_SERVE_MAX=2000   largest size whose `mkdocs serve` rebuild is measured
  BENCH_LIGHTHOUSE=0     skip Lighthouse
  BENCH_LIGHTHOUSE_RUNS=3   Lighthouse runs per page and profile (the median performance is kept)
  BENCH_OUTPUT=BENCHMARK.md   where the table is written ("" for nowhere)
  BENCH_KEEP=1           keep the temporary projects and sites (their folder is printed)
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench import browser, measure, plain, report, synth
from bench import search as search_bench
from bench.report import NBSP, kb, mb, number, seconds, status

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHECK = [PYTHON, "-m", "roadmap_site", "check"]  # what `make check` runs
BUILD = [PYTHON, "-m", "mkdocs", "build", "--strict"]  # what `make build` runs (never -q: it exits 0 on warnings)
COMPRESS = [PYTHON, "-m", "roadmap_site", "compresser", "site"]  # what `make build` runs next, for the web server
EPCI_PAGE = "diagnostic/epci/grand-cahors/"
# Our search's indexing alone, as the build runs it, into a folder beside the site: its share of our build.
PAGEFIND_ALONE = ("import subprocess, sys; from pathlib import Path; from roadmap_site import search; "
                  "sys.exit(subprocess.run(search.command(Path('site')) + ['--output-path', sys.argv[1]]).returncode)")
SERVE_EDITS = 3
# What every build of ours pays before reading a single record, each timed inside one fresh process once
# MkDocs, Jinja and Markdown are imported (as they are for MkDocs alone): importing our engine and plugin, importing
# mkdocs-macros (the stack's macros plugin), and compiling every template of the engine (no compiled template is
# kept between builds: roadmap_site/render.py).
FIXED_COSTS = """
import time
import jinja2, markdown, mkdocs.commands.build, mkdocs.plugins, yaml
t = time.perf_counter()
import roadmap_site.plugin
engine = time.perf_counter() - t
t = time.perf_counter()
import mkdocs_macros.plugin
macros = time.perf_counter() - t
from roadmap_site.render import TEMPLATES, _env
t = time.perf_counter()
for path in sorted(TEMPLATES.glob("*.html")):
    _env.get_template(path.name)
print(engine, macros, time.perf_counter() - t)
"""

# Targets of issue 13.
RATIO_MAX = 1.15
LINEARITY_MAX = 1.2
CHECK_MAX_S = 2.0
FICHE_MAX_BYTES = 40_000
VISIT_MAX_BYTES = 400_000
SITE_MAX_BYTES = 150_000_000


@dataclass
class Size:
    fiches: int
    axes: int = 0
    organisations: int = 0
    check: list[float] = field(default_factory=list)
    first: measure.Run | None = None  # our first build (Python compiles the copy's modules), reported apart
    plain_first: measure.Run | None = None
    ours: list[measure.Run] = field(default_factory=list)  # the measured builds, after the first
    plain: list[measure.Run] = field(default_factory=list)
    pagefind: list[measure.Run] = field(default_factory=list)  # our search's indexing alone, on the built site
    fixed: list[tuple[float, float, float]] = field(default_factory=list)  # FIXED_COSTS, seconds, one per run
    site: measure.SiteSize | None = None
    plain_site: measure.SiteSize | None = None
    compress: measure.Run | None = None
    served_site: measure.SiteSize | None = None  # with the compressed copies
    fiche_bytes: int | None = None
    fiche_max: tuple[str, int] | None = None
    visits: dict[str, browser.Visit] = field(default_factory=dict)
    serve: list[float] | None = None
    search: search_bench.SearchSize | None = None

    def ours_s(self) -> float:
        return measure.median([r.seconds for r in self.ours])

    def plain_s(self) -> float:
        return measure.median([r.seconds for r in self.plain])

    def ratio(self) -> float:
        return self.ours_s() / self.plain_s()

    def pagefind_s(self) -> float:
        return measure.median([r.seconds for r in self.pagefind])

    def fixed_s(self) -> list[float]:
        """Median of each fixed cost: the engine's import, mkdocs-macros' import, the templates' compilation."""
        return [measure.median(list(column)) for column in zip(*self.fixed)]

    @staticmethod
    def cpu_s(runs: list[measure.Run]) -> float:
        return measure.median([r.cpu_seconds for r in runs])

    @staticmethod
    def peak_mb(runs: list[measure.Run]) -> float:
        return max(r.max_rss_mb for r in runs)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def slugs(project: Path) -> list[tuple[str, str]]:
    """(file name, slug) of every fiche, read from the records' text (no project code imported)."""
    found = []
    for path in sorted((project / "actions").glob("*.yml")):
        match = re.search(r"^slug:\s*['\"]?([a-z0-9-]+)", path.read_text(encoding="utf-8"), re.MULTILINE)
        found.append((path.name, match.group(1)))
    return found


def pages(reference_slug: str) -> dict[str, str]:
    return {"Accueil": "", "Fiche": f"actions/{reference_slug}/", "Index des fiches": "actions/",
            "EPCI (Grand Cahors)": EPCI_PAGE}


def cold(env: dict, work: Path) -> dict:
    """`env` with a new, empty temporary folder, as on a CI runner: nothing a previous command kept there (Jinja's
    compiled templates, any cache) is found again."""
    return {**env, "TMPDIR": tempfile.mkdtemp(prefix="tmp-", dir=work)}


def measure_size(fiches: int, work: Path, env: dict, runs: int, slow: float, serve_max: int,
                 reference: tuple[str, str]) -> tuple[Size, Path]:
    """Every measure of one roadmap size; returns them with the project copy (its site built)."""
    project = synth.copy_project(ROOT, work / f"feuille-{fiches}")
    added = synth.make_roadmap(project, fiches)
    size = Size(fiches, added["axes"], added["organisations"])
    log(f"[{fiches}] projet copié dans {project} ({added['axes']} axes, {added['organisations']} organisations)")
    for _ in range(runs):
        size.check.append(measure.run(CHECK, project, cold(env, work)).seconds)  # raises, with the report, if refused
    log(f"[{fiches}] make check accepte les données : {seconds(measure.median(size.check))}")

    # A first build of each kind, reported apart; then the measured ones, each from nothing but the sources.
    site, plain_project = project / "site", work / f"simple-{fiches}"
    measure.clean(site)
    size.first = measure.run(BUILD, project, cold(env, work))
    plain.make_plain(project, site, plain_project, cold(env, work))
    size.plain_first = measure.run(BUILD, plain_project, cold(env, work))
    log(f"[{fiches}] 1res constructions : la nôtre {seconds(size.first.seconds)}, "
        f"MkDocs seul {seconds(size.plain_first.seconds)}")
    if size.first.seconds > slow:
        runs = 1
        log(f"[{fiches}] plus de {slow:.0f} s : une seule construction mesurée de chaque sorte")
    for k in range(runs):  # interleaved, so that a slow period of the machine weighs on both kinds alike
        measure.clean(site)
        size.ours.append(measure.run(BUILD, project, cold(env, work)))
        measure.clean(plain_project / "site")
        size.plain.append(measure.run(BUILD, plain_project, cold(env, work)))
        log(f"[{fiches}] construction {k + 1}/{runs} : la nôtre {seconds(size.ours[k].seconds)}, "
            f"MkDocs seul {seconds(size.plain[k].seconds)}")
    for _ in range(runs):
        size.pagefind.append(measure.run([PYTHON, "-c", PAGEFIND_ALONE, str(work / "pagefind-seul")], project,
                                         cold(env, work)))
        measure.clean(work / "pagefind-seul")
    log(f"[{fiches}] Pagefind seul sur le site construit : {seconds(size.pagefind_s())}")
    for _ in range(runs):
        size.fixed.append(measure.output_numbers([PYTHON, "-c", FIXED_COSTS], project, cold(env, work)))
    log(f"[{fiches}] coûts fixes (moteur, mkdocs-macros, gabarits) : "
        f"{', '.join(seconds(v) for v in size.fixed_s())}")

    size.site = measure.site_size(site)
    size.plain_site = measure.site_size(plain_project / "site")
    size.compress = measure.run(COMPRESS, project, cold(env, work))
    size.served_site = measure.site_size(site)
    fiche_pages = [(f"actions/{slug}/", (site / "actions" / slug / "index.html")) for _name, slug in slugs(project)]
    missing = [url for url, path in fiche_pages if not path.exists()]
    if missing:
        raise SystemExit(f"pages de fiche introuvables dans le site construit : {missing[:3]}… (adresse changée ? "
                         "mettez à jour scripts/bench.py)")
    sizes = [(url, path.stat().st_size) for url, path in fiche_pages]
    size.fiche_max = max(sizes, key=lambda item: item[1])
    size.fiche_bytes = dict(sizes)[f"actions/{reference[1]}/"]
    size.visits = browser.first_visits(site, list(pages(reference[1]).values()))
    size.search = search_bench.measure(site)
    log(f"[{fiches}] site : {mb(size.site.total_bytes)}, {number(size.site.files)} fichiers")

    if fiches <= serve_max:
        size.serve = measure.serve_rebuild(project, project / "actions" / reference[0], f"actions/{reference[1]}/",
                                           cold(env, work), PYTHON, SERVE_EDITS, timeout=max(120.0, 3 * size.ours_s()))
        log(f"[{fiches}] mkdocs serve, reconstruction : {', '.join(seconds(s) for s in size.serve)}")
    measure.clean(plain_project)
    return size, project


def per_fiche(size: Size, base: Size, cpu: bool = True) -> float:
    """Build seconds per fiche beyond the real site: the fixed cost (theme, diagnostic pages) taken out.

    CPU time by default: on a shared machine the wall time of a small build can exceed that of a bigger one."""
    time = (lambda s: s.cpu_s(s.ours)) if cpu else (lambda s: s.ours_s())
    return (time(size) - time(base)) / (size.fiches - base.fiches)


def build_table(sizes: list[Size], names: dict[str, str]) -> tuple[str, list[str]]:
    """The main table and the notes that define its criteria."""
    head = ["Mesure"] + [f"{number(s.fiches)} fiches" for s in sizes] + ["Cible", "Résultat"]
    base, largest = sizes[0], sizes[-1]
    rows = []

    def row(label, cells, target="", ok=None):
        rows.append([label] + cells + [target, status(ok) if target else ""])

    def each(format_one):
        return [format_one(s) for s in sizes]

    row("Axes / organisations", each(lambda s: f"{s.axes} / {s.organisations}"))
    row("Constructions mesurées après la 1re (la nôtre, MkDocs seul)",
        each(lambda s: f"{len(s.ours)}, {len(s.plain)}"))
    row("Construction stricte, la nôtre (médiane)", each(lambda s: seconds(s.ours_s())))
    row("Construction stricte, MkDocs + Material seuls (médiane)", each(lambda s: seconds(s.plain_s())))
    row("1re construction, la nôtre / MkDocs seul (1re aussi)",
        each(lambda s: f"{seconds(s.first.seconds)} / {seconds(s.plain_first.seconds)} "
                       f"({number(s.first.seconds / s.plain_first.seconds, 2)}{NBSP}×)"))
    row("Rapport nôtre / MkDocs seul", each(lambda s: f"{number(s.ratio(), 2)}{NBSP}×"),
        f"≤ {number(RATIO_MAX, 2)} à chaque taille", all(s.ratio() <= RATIO_MAX for s in sizes))
    row("Index de la recherche : Pagefind seul sur le site construit (médiane)",
        each(lambda s: f"{seconds(s.pagefind_s())} ({number(100 * s.pagefind_s() / s.ours_s())}{NBSP}%)"))
    row("Coûts fixes : importer le moteur / importer mkdocs-macros / compiler nos gabarits (médianes)",
        each(lambda s: " / ".join(seconds(v) for v in s.fixed_s())))
    row("Rapport si ces coûts fixes étaient nuls (nôtre moins leur somme / MkDocs seul)",
        each(lambda s: f"{number((s.ours_s() - sum(s.fixed_s())) / s.plain_s(), 2)}{NBSP}×"))
    row("Temps CPU, la nôtre / MkDocs seul (médianes)",
        each(lambda s: f"{number(s.cpu_s(s.ours), 1)} / {number(s.cpu_s(s.plain), 1)}{NBSP}s"))
    row("Rapport des temps CPU", each(lambda s: f"{number(s.cpu_s(s.ours) / s.cpu_s(s.plain), 2)}{NBSP}×"))
    if len(sizes) >= 3:
        middle = sizes[-2]
        row("Temps écoulé par fiche au-delà du site réel",
            each(lambda s: "—" if s is base else f"{number(per_fiche(s, base, cpu=False) * 1000, 1)}{NBSP}ms"))
        row("Temps CPU par fiche au-delà du site réel (linéarité)",
            each(lambda s: "—" if s is base else f"{number(per_fiche(s, base) * 1000, 1)}{NBSP}ms"),
            f"à {number(largest.fiches)} ≤ {number(LINEARITY_MAX, 1)} × à {number(middle.fiches)}",
            per_fiche(largest, base) <= LINEARITY_MAX * per_fiche(middle, base))
    row("Mémoire maximale d'une construction (la nôtre)",
        each(lambda s: f"{number(s.peak_mb([s.first, *s.ours]))}{NBSP}Mo"))
    row("Mémoire maximale d'une construction (MkDocs seul)",
        each(lambda s: f"{number(s.peak_mb([s.plain_first, *s.plain]))}{NBSP}Mo"))
    row("make check, 1re fois", each(lambda s: seconds(s.check[0])))
    row("make check (médiane)", each(lambda s: seconds(measure.median(s.check))),
        f"≤ {number(CHECK_MAX_S)} s à {number(largest.fiches)}", measure.median(largest.check) <= CHECK_MAX_S)
    row("mkdocs serve : reconstruction après modification d'une fiche (médiane)",
        each(lambda s: seconds(measure.median(s.serve)) if s.serve else report.UNKNOWN))
    row("Taille du site (le nôtre)", each(lambda s: mb(s.site.total_bytes)))
    row("Taille du site (MkDocs seul)", each(lambda s: mb(s.plain_site.total_bytes)))
    row("Copies compressées pour le serveur (make build, après MkDocs) : temps CPU",
        each(lambda s: seconds(s.compress.cpu_seconds)))
    row("Taille du site avec ses copies compressées (.gz, .br)", each(lambda s: mb(s.served_site.total_bytes)),
        f"≤ {number(SITE_MAX_BYTES / 1e6)} Mo à {number(largest.fiches)}",
        largest.served_site.total_bytes <= SITE_MAX_BYTES)
    row("Fichiers du site", each(lambda s: number(s.site.files)))
    row("Page de la fiche de référence, HTML", each(lambda s: kb(s.fiche_bytes)))
    row("Plus grande page de fiche, HTML", each(lambda s: kb(s.fiche_max[1])),
        f"≤ {number(FICHE_MAX_BYTES / 1000)} Ko à chaque taille",
        all(s.fiche_max[1] <= FICHE_MAX_BYTES for s in sizes))
    for name, path in names.items():
        row(f"{name} : HTML", each(lambda s: kb(s.visits[path].html_bytes)))
        row(f"{name} : 1re visite, compressé (gzip 6)", each(lambda s: kb(s.visits[path].gzip_bytes)),
            f"≤ {number(VISIT_MAX_BYTES / 1000)} Ko à chaque taille",
            all(s.visits[path].gzip_bytes <= VISIT_MAX_BYTES for s in sizes))
        row(f"{name} : requêtes (dont hors site)",
            each(lambda s: f"{s.visits[path].requests} ({len(s.visits[path].third_party)})"))
    row("Recherche : dossier pagefind/ publié (scripts, index, synonymes)",
        each(lambda s: kb(s.search.folder_bytes)))
    row("Recherche : fichiers d'index (chargés par morceaux)", each(lambda s: kb(s.search.index_bytes)))
    row("Recherche : ouverture et 1re requête, transféré (gzip 6) (requêtes)",
        each(lambda s: f"{kb(s.search.first[1])} ({s.search.first[0]})"))
    row("Recherche : requête suivante, transféré (gzip 6) (requêtes)",
        each(lambda s: f"{kb(s.search.second[1])} ({s.search.second[0]})"))
    notes = [
        "Rapport : médiane de nos constructions strictes / médiane des constructions strictes des mêmes pages par "
        "MkDocs + Material seuls (le HTML de chaque `<article>` collé dans un fichier Markdown au même chemin, même "
        "thème, mêmes extensions, même navigation, sans notre hook ni mkdocs-macros, avec la recherche du thème "
        "(son plugin search, qui fait son index en Python pendant la construction)), mesurées en alternance. "
        "Notre construction compte tout ce que fait `mkdocs build` : lecture et vérification des données, pages, "
        "données ouvertes, flux, et l'index de la recherche (Pagefind, un second programme lancé à la fin). "
        "Les titres du HTML collé ne passent pas par Markdown : les pages simples n'ont pas de table des matières "
        "(quelques Ko de moins par page).",
        "Constructions à froid, comme en intégration continue : chacune dans un nouveau processus, le dossier du "
        "site vidé, rien de gardé d'une construction à l'autre : pas de cache de lecture, et un dossier temporaire "
        "(TMPDIR) neuf et vide pour chaque commande, où Jinja ne retrouve aucun gabarit compilé. La 1re construction "
        "de chaque sorte est donnée à part (Python y compile les modules de la copie) ; les médianes sont celles des "
        "constructions qui la suivent. Python garde ses modules compilés (__pycache__), comme il le fait par "
        "défaut : la variable PYTHONDONTWRITEBYTECODE de l'environnement est retirée.",
        "Pagefind seul : la commande d'index de notre construction (roadmap_site/search.py), relancée seule sur le "
        "site construit, son index écrit à côté. Dans notre construction, Pagefind (un programme à part) indexe "
        "pendant que le greffon écrit les données ouvertes, les flux et les règles du serveur : son temps seul "
        "n'est pas retranchable du nôtre.",
        "Coûts fixes : chacun mesuré dans un nouveau processus à froid, une fois MkDocs, Jinja et Markdown importés "
        "(comme pour MkDocs seul) : importer roadmap_site.plugin (le moteur entier), importer mkdocs-macros, puis "
        "compiler chaque gabarit de roadmap_site/templates/ (aucun gabarit compilé n'est gardé d'une construction à "
        "l'autre). Ils ne dépendent pas du nombre de fiches ; « si ces coûts fixes étaient nuls » retire leur somme "
        "de notre médiane.",
        "Temps CPU : temps utilisateur + système du processus de construction et des processus qu'il lance "
        "(Pagefind) ; moins sensible que le temps écoulé aux autres travaux de la machine.",
        f"Linéarité : temps CPU par fiche = (médiane à N − médiane à {number(base.fiches)}) / "
        f"(N − {number(base.fiches)}), le coût fixe du site réel retiré ; cible atteinte si celui à "
        f"{number(largest.fiches)} fiches ne dépasse pas {number(LINEARITY_MAX, 1)} × celui à "
        f"{number(sizes[-2].fiches)} fiches (le temps écoulé, donné aussi, dépend trop de la charge de la "
        "machine)." if len(sizes) >= 3 else "",
        "1re visite : la page et chaque ressource du site qu'elle charge dans Chromium sans cache (jusqu'à 5 s sans "
        "requête), chacune compressée en gzip niveau 6 ; rien de la recherche n'en fait partie : elle n'est "
        "chargée que lorsque le lecteur l'ouvre.",
        "Recherche (Pagefind, scripts/bench/search.py) : dans Chromium, l'accueil, puis le bouton « Rechercher » et "
        f"la requête « {search_bench.QUERIES[0]} », puis « {search_bench.QUERIES[1]} » ; chaque réponse sous "
        "/pagefind/ comptée compressée en gzip 6 (les fichiers d'index de Pagefind le sont déjà) : le script, son "
        "worker et son wasm, les synonymes, les morceaux d'index des mots tapés et le texte des 10 premiers "
        "résultats.",
        f"Mémoire : pic de mémoire résidente (ru_maxrss) du processus de construction (ou d'un processus qu'il "
        f"lance, s'il est plus grand). make check : "
        f"`{' '.join(['python'] + CHECK[1:])}`, démarrage de Python compris.",
        "mkdocs serve : du moment où l'intitulé de la fiche de référence change jusqu'à ce que sa page servie "
        f"le montre ({SERVE_EDITS} modifications successives).",
        "Copies compressées : `python -m roadmap_site compresser site`, que `make build` lance après MkDocs (une copie "
        ".gz et une .br des styles et des scripts, et de chaque fichier texte de plus de 100 Ko), hors du temps de "
        "construction comparé à MkDocs seul ; la taille du site servi les compte.",
    ]
    return report.table(head, rows), [n for n in notes if n]


def lighthouse_table(scores: dict, names: dict[str, str]) -> str:
    head = ["Page", "Profil", "Performance", "Accessibilité", "Bonnes pratiques", "SEO", "Résultat",
            "Audits sous 0,9", "Performance de chaque passage"]
    rows = []
    for (preset, path), result in scores.items():
        name = next(n for n, p in names.items() if p == path)
        values = result.values
        ok = all(values[c] == 100 for c in ("accessibility", "best-practices", "seo")) and (
            preset != "mobile" or values["performance"] >= 95)
        profile = "mobile" if preset == "mobile" else "ordinateur"
        rows.append([name, profile, *(str(values[c]) for c in browser.CATEGORIES), status(ok),
                     ", ".join(result.weak) or "—", ", ".join(map(str, result.performances))])
    return report.table(head, rows)


def main() -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # Python's default: compiled modules kept, as on a reader's machine
    extra = [int(x) for x in os.environ.get("BENCH_SIZES", "200,2000").split(",") if x.strip()]
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    slow = float(os.environ.get("BENCH_SLOW", "300"))
    serve_max = int(os.environ.get("BENCH_SERVE_MAX", "2000"))
    with_lighthouse = os.environ.get("BENCH_LIGHTHOUSE", "1") != "0"
    lighthouse_runs = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "3"))
    keep = os.environ.get("BENCH_KEEP", "0") == "1"
    output = os.environ.get("BENCH_OUTPUT", "BENCHMARK.md")

    machine = report.machine()
    real = slugs(ROOT)
    reference = real[2] if len(real) > 2 else real[0]  # fiche 3, a fiche of ordinary length
    names = pages(reference[1])
    work = Path(tempfile.mkdtemp(prefix="lne-bench-"))
    sizes, scores = [], {}
    try:
        for fiches in [len(real)] + sorted(n for n in extra if n > len(real)):
            size, project = measure_size(fiches, work, env, runs, slow, serve_max, reference)
            sizes.append(size)
            if fiches == len(real) and with_lighthouse:
                log(f"[Lighthouse] 4 pages × mobile et ordinateur × {lighthouse_runs}…")
                scores = browser.lighthouse(project / "site", list(names.values()), lighthouse_runs)
            if not keep:
                measure.clean(project)
    finally:
        if keep:
            log(f"Projets et sites conservés dans {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    main_table, notes = build_table(sizes, names)
    largest = "\n".join(f"- {number(s.fiches)} fiches : " + ", ".join(
        f"{url} ({kb(b)})" for url, b in s.site.largest_pages) for s in sizes)
    heaviest = "\n".join(f"- {number(s.fiches)} fiches : " + ", ".join(
        f"{url} ({kb(b)})" for url, b in s.visits[names["Fiche"]].heaviest) for s in sizes)
    lighthouse = lighthouse_table(scores, names) if scores else "Lighthouse non lancé (BENCH_LIGHTHOUSE=0)."
    text = "\n\n".join([
        main_table, "Notes :\n" + "\n".join(f"- {n}" for n in notes),
        f"Les 5 plus grandes pages (HTML) :\n{largest}",
        f"Les plus gros téléchargements d'une 1re visite de la fiche de référence ({names['Fiche']}), "
        f"compressés :\n"
        f"{heaviest}",
        "Lighthouse sur le site réel, servi compressé (gzip) en local ; cibles : 100 en accessibilité, bonnes "
        f"pratiques et SEO, ≥ 95 en performance sur mobile :\n\n{lighthouse}",
    ])
    print(text)
    if output:
        header = "# Mesures de performance (make bench)\n\nProduit par `make bench` (scripts/bench.py). " \
                 "Les temps absolus dépendent de la machine et de sa charge : comparer les rapports d'une même " \
                 "exécution.\n\n" + report.table(["Machine", ""], [list(item) for item in machine])
        (ROOT / output).write_text(f"{header}\n\n## Résultats\n\n{text}\n", encoding="utf-8")
        log(f"Tableau écrit dans {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
