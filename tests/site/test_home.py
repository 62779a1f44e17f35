"""The home page gives each kind of visitor a first step, before anything else: the public (by axe, territory,
public), partners (their organisation, a link to a fiche, the filters), staff (contribute)."""

from __future__ import annotations

from tests.oracles import page


def test_each_kind_of_visitor_has_a_first_step(site, roadmap):
    article = page(site, "").find("article")
    headings = [h.get_text(strip=True) for h in article.find_all("h2")]
    assert headings.index("Par où commencer") < headings.index("Les chiffres clés")
    steps = {h3.get_text(strip=True): {a["href"] for a in h3.find_parent("section").find_all("a")}
             for h3 in article.select(".lne-parcours h3")}
    assert set(steps) == {"Découvrir les actions", "Vous êtes partenaire", "Vous tenez les fiches à jour"}
    public = steps["Découvrir les actions"]
    assert {ax.url for ax in roadmap.axes} <= public  # every axis, a new one included
    assert {"diagnostic/epci/", "actions/regroupements/#par-public-cible"} <= public
    assert {"organisations/", "actions/"} <= steps["Vous êtes partenaire"]
    assert steps["Vous tenez les fiches à jour"] == {"contribuer/"}
    assert article.select_one(".lne-parcours").find("code", string=f"/{roadmap.actions[2].lien_court}")
