# Lot Numérique Ensemble — commandes du projet (voir README.md).
#   make serve   sert le site sur http://127.0.0.1:8000 (installe ce qu'il faut dans .venv)
#   make test    lance tous les tests
#   make build   construit le site dans site/ en mode strict, avec ses copies compressées (.gz, .br) pour le serveur
#   make check   vérifie seulement les données (fiches, registres), sans construire le site
#   make adresses  ajoute les nouvelles adresses du site à data/adresses-publiees.txt
#   make screenshots  captures d'écran (téléphone et ordinateur) de quelques pages dans screenshots/
#   make golden  réécrit les fichiers de référence des pages (tests/golden/) après un changement voulu
#   make mutation  test de mutation (mutmut) du code qui calcule, formate et rend ; affiche le score
#   make bench   mesure la construction et le poids des pages (site réel, 200 et 2 000 fiches) : BENCHMARK.md
#                (plusieurs minutes ; BENCH_LIGHTHOUSE=0 pour sauter Lighthouse, autres réglages dans scripts/bench.py)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test adresses screenshots golden mutation bench clean

$(VENV)/.site: requirements.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.tests: requirements-test.txt constraints.txt $(VENV)/.site
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt -c constraints.txt
	touch $@

serve: $(VENV)/.site
	$(PY) -m mkdocs serve --strict -a 127.0.0.1:8000

build: $(VENV)/.site
	$(PY) -m mkdocs build --strict
	$(PY) -m engine compresser site

check: $(VENV)/.site
	$(PY) -m engine check

test: $(VENV)/.tests
	$(PY) -m pytest

adresses: build
	$(PY) scripts/adresses.py site

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

bench: $(VENV)/.tests $(if $(filter 0,$(BENCH_LIGHTHOUSE)),,$(BENCH_NODE))
	$(PY) scripts/bench.py

clean:
	rm -rf site
