# Lot Numérique Ensemble — commandes du projet (voir README.md).
#   make serve   sert le site sur http://127.0.0.1:8000 (installe ce qu'il faut dans .venv)
#   make test    lance tous les tests
#   make build   construit le site dans site/ en mode strict
#   make check   vérifie seulement les données (fiches, registres), sans construire le site
#   make adresses  ajoute les nouvelles adresses du site à data/adresses-publiees.txt
#   make screenshots  captures d'écran (téléphone et ordinateur) de quelques pages dans screenshots/
#   make golden  réécrit les fichiers de référence des pages (tests/golden/) après un changement voulu
#   make mutation  test de mutation (mutmut) du code qui calcule, formate et rend ; affiche le score

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test adresses screenshots golden mutation clean

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

clean:
	rm -rf site
