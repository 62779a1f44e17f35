# Lot Numérique Ensemble — commandes du projet (voir README.md).
#   make serve   sert le site sur http://127.0.0.1:8000 (installe ce qu'il faut dans .venv) ; après une
#                erreur dans les données, garde la dernière version sans erreur et affiche l'erreur en haut
#                de chaque page
#   make test    lance tous les tests (ruff et mypy compris : tests/site/test_lint.py)
#   make test-rapide  lance tous les tests sauf ceux du navigateur (tests/browser/, marqueur browser), répartis
#                sur les processeurs de la machine (moins de 3 minutes sur 2 cœurs)
#   make build   construit le site en mode strict, avec ses copies compressées (.gz, .br) ; remplace site/
#                seulement si la construction réussit
#   make check   vérifie seulement les données (fiches, registres), sans construire le site ; refuse aussi
#                qu'une ligne de data/adresses-publiees.txt disparaisse ou qu'une fiche publiée change de
#                numéro ou soit supprimée, par rapport à origin/main (sinon main) ; dans GitHub Actions,
#                chaque erreur s'affiche aussi sur sa ligne de la demande de fusion
#   make verifier-publication  make check, puis refuse la mise en ligne tant que manque ce que la loi demande
#                (mentions légales, contact d'accessibilité : extra.editeur de mkdocs.yml), site_url, le dépôt
#                confirmé (extra.depot.confirme) ou l'historique git complet (lancé avant chaque publication)
#   make changements BASE=origin/main   ce qui change pour les lecteurs entre BASE (main par défaut) et les
#                fichiers actuels, en Markdown : pages ajoutées, retirées ou déplacées, chiffres avant → après
#                de chaque fiche, statuts, lignes budgétaires, délibérations
#   make nouvelle-fiche TITRE="Intitulé de l'action" AXE=solidaire   crée la fiche suivante (modeles/fiche.yml)
#   make adresses  ajoute les nouvelles adresses du site à data/adresses-publiees.txt
#   make schemas   réécrit schemas/*.schema.json (aide à la saisie des éditeurs) et l'en-tête des fichiers
#   make screenshots  captures d'écran (téléphone et ordinateur) de quelques pages dans screenshots/
#   make golden  réécrit les fichiers de référence des pages (tests/golden/) après un changement voulu
#   make mutation  test de mutation (mutmut) du code qui calcule, formate et rend ; affiche le score
#   make bench   mesure la construction et le poids des pages (site réel, 200 et 2 000 fiches) : BENCHMARK.md
#                (plusieurs minutes ; BENCH_LIGHTHOUSE=0 pour sauter Lighthouse, autres réglages dans scripts/bench.py)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check verifier-publication changements test test-rapide adresses schemas nouvelle-fiche screenshots golden mutation bench clean

# The site's tools, and this repository's package (roadmap_site, pyproject.toml) in editable mode: MkDocs finds
# its plugin (roadmap-site) and `python -m roadmap_site` runs the code as it is in the folder. Reinstalled when
# pyproject.toml changes (dependencies, entry point).
$(VENV)/.site: requirements.txt constraints.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt -e .
	touch $@

$(VENV)/.tests: requirements-test.txt constraints.txt $(VENV)/.site
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt -c constraints.txt
	touch $@

# Not strict: a warning must not stop the preview (make build is strict).
serve: $(VENV)/.site
	$(PY) -m mkdocs serve -a 127.0.0.1:8000

# Built aside, then swapped in: site/ is never left half-built or emptied by a failed build.
build: $(VENV)/.site
	rm -rf site.tmp
	$(PY) -m mkdocs build --strict -d site.tmp || { rm -rf site.tmp; exit 1; }
	$(PY) -m roadmap_site compresser site.tmp || { rm -rf site.tmp; exit 1; }
	rm -rf site.old
	if [ -d site ]; then mv site site.old; fi
	mv site.tmp site
	rm -rf site.old

check: $(VENV)/.site
	$(PY) -m roadmap_site check

verifier-publication: $(VENV)/.site
	$(PY) -m roadmap_site check --publication

BASE ?= main
# Silent (@): the output is Markdown, written as is to the summary of a pull request's check.
changements: $(VENV)/.site
	@$(PY) -m roadmap_site changements --base "$(BASE)"

test: $(VENV)/.tests
	$(PY) -m pytest

test-rapide: $(VENV)/.tests
	$(PY) -m pytest -m "not browser" -n auto

adresses: $(VENV)/.site
	$(PY) -m roadmap_site adresses

schemas: $(VENV)/.site
	$(PY) -m roadmap_site schemas

nouvelle-fiche: $(VENV)/.site
	$(PY) -m roadmap_site nouvelle-fiche

screenshots: $(VENV)/.tests
	$(PY) -m tests.browser.screenshots

golden: $(VENV)/.tests
	$(PY) -m tests.golden_pages

mutation: $(VENV)/.tests
	rm -rf mutants
	$(PY) scripts/mutation.py

# Lighthouse, pinned in scripts/bench/package-lock.json (node_modules/ is not versioned).
BENCH_NODE := scripts/bench/node_modules/.installed
$(BENCH_NODE): scripts/bench/package.json scripts/bench/package-lock.json
	cd scripts/bench && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The repository on the path: the search bench reuses the browser tests' harness (tests/browser/harness.py).
bench: $(VENV)/.tests $(if $(filter 0,$(BENCH_LIGHTHOUSE)),,$(BENCH_NODE))
	PYTHONPATH=. $(PY) scripts/bench.py

clean:
	rm -rf site site.tmp site.old
