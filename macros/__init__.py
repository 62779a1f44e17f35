"""mkdocs-macros glue: one macro per view of the engine, for the hand-written pages of docs/.

`define_env` only registers; each macro renders an engine template with its view's context. The HTML
it returns is a block Markdown leaves as it is: record text never reaches Markdown or Jinja as source.
"""

from __future__ import annotations

from pathlib import Path

from engine import cached, views
from engine.render import render

MACROS = {  # macro name: (template, view)
    "tableau_actions": ("tableau-actions.html", views.tableau_actions),
    "totaux": ("totaux.html", views.totaux),
    "regroupement": ("regroupement.html", views.regroupement),
    "liste_organisations": ("organisations.html", views.liste_organisations),
    "chiffres_cles": ("chiffres-cles.html", views.chiffres_cles),
    "guide_des_champs": ("guide.html", views.guide_des_champs),
    "comparaison_epci": ("epci-comparaison.html", views.comparaison),
    "diagnostic_contexte": ("diagnostic-contexte.html", views.diagnostic_contexte),
    "actions_locales": ("actions-locales.html", views.actions_locales),
    "enjeux": ("enjeux.html", views.enjeux),
    "engagement": ("engagement.html", views.engagement),
}


def define_env(env) -> None:
    root = Path(env.project_dir)

    def register(name: str, template, view) -> None:
        def macro(*args):
            chosen = template(*args) if callable(template) else template
            # the last good roadmap under `mkdocs serve`; a build stops at the hook before any macro runs
            return render(chosen, env.page.url, **view(cached(root, last_good=True), *args))
        env.macro(macro, name)

    for name, (template, view) in MACROS.items():
        register(name, template, view)
    register("diagnostic_partie", lambda partie: f"{partie}.html", views.diagnostic_partie)
