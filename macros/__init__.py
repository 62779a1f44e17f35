"""mkdocs-macros entry point: only registers the macros; each one is a plain function of macros.views."""

from __future__ import annotations

from pathlib import Path

from . import views
from .catalog import cached


def define_env(env) -> None:
    root = Path(env.project_dir)
    edit_base = env.conf["extra"]["depot"]["modifier"]

    def page_url() -> str:
        return env.page.url

    def register(name, view, *extra):
        env.macro(lambda *args: view(cached(root), *args, page_url(), *extra), name)

    register("fiche", views.fiche, edit_base)
    register("axe", views.axe)
    register("engagement", views.engagement)
    register("organisation", views.organisation)
    register("tableau_actions", views.tableau_actions)
    register("totaux", views.totaux)
    register("regroupement", views.regroupement)
    register("liste_organisations", views.organisations)
    register("chiffres_cles", views.chiffres_cles)
    register("guide_des_champs", views.guide_des_champs)
    register("epci", views.epci)
    register("comparaison_epci", views.comparaison_epci)
    register("diagnostic_contexte", views.diagnostic_contexte)
    register("diagnostic_partie", views.diagnostic_partie)
    register("actions_locales", views.actions_locales)
    register("enjeux", views.enjeux)
    register("enjeu", views.enjeu)
