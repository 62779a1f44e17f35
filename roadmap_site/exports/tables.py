"""The CSV files of the open data, each declared once: its rows, its columns and its keys.

The same declaration writes the file (with the `csv` module), describes it in datapackage.json (Table
Schema) and lists it on the « Données ouvertes » page. A column that reprints a record field names it
(`doc="action:rh[].etp"`): its French title and description are the schema's, as in the contributor guide.
Adding a file is adding one `Table` to TABLES (roadmap_site.exports.columns says how); the follow-up's tables are
in roadmap_site.exports.suivi.

Amounts follow the pages (roadmap_site.summary): a fiche's figures are added only within one unit
and one base, and a base that never adds up (« par structure ») stays on its own line of
lignes-ressources.csv.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from ..model import Action, Ligne, Mention, Roadmap
from ..summary import UNITS, Sum, totals
from .columns import SEPARATOR, Column, Context, ForeignKey, Table, joined
from .suivi import SUIVI, statut_column

UNIT_NAMES = {"etp": "ETP", "euros": "euros"}


# The fiches.

def _sum_columns(context: Context) -> list[Column]:
    """A fiche's resources as the pages give them, rubric by rubric (`_rubric_columns`)."""
    roadmap = context.roadmap
    per_fiche = {a.numero: totals([a], roadmap.bases) for a in roadmap.actions}
    return [column for rubrique, nom in (("rh", "Ressources humaines"), ("investissement", "Investissement"))
            for column in _rubric_columns(rubrique, nom, per_fiche, [None, *roadmap.bases])]


def _rubric_columns(rubrique: str, nom: str, per_fiche: dict, order: list) -> list[Column]:
    """How many lines the rubric has, how many without a figure, how many on their own (a base that never
    adds up); then one column per unit, base and year that some fiche sums, in the bases' order."""
    def resources(a: Action):
        return getattr(per_fiche[a.numero], rubrique)

    def counted(count: Callable[[Action], int]) -> Callable[[Action], int | None]:
        """A count, or an empty cell when the fiche leaves the rubric empty (« non renseigné »)."""
        return lambda a: None if getattr(a, rubrique) is None else count(a)

    said = f"rubrique « {nom} » de la fiche"
    columns = [
        Column(f"{rubrique}_lignes", counted(lambda a: len(a.lignes(rubrique))), "integer",
               title=f"{nom} : lignes", description=(
                   f"Nombre de lignes de la {said}, détaillées dans lignes-ressources.csv ; vide quand la fiche "
                   "laisse la rubrique vide (« non renseigné »).")),
        Column(f"{rubrique}_lignes_sans_chiffre", counted(lambda a: len(resources(a).sans_chiffre)), "integer",
               title=f"{nom} : lignes sans chiffre", description=(
                   f"Lignes de la {said} qui décrivent la ressource sans la chiffrer ; vide quand la fiche laisse "
                   "la rubrique vide.")),
        Column(f"{rubrique}_lignes_a_part", counted(lambda a: sum(len(s.lignes) for s in resources(a).a_part)),
               "integer", title=f"{nom} : lignes chiffrées non additionnées", description=(
                   f"Lignes chiffrées de la {said} dont la base ne s'additionne jamais (par exemple un montant dû "
                   "par chaque structure) : leur chiffre est seulement dans lignes-ressources.csv ; vide quand la "
                   "fiche laisse la rubrique vide.")),
    ]
    found: dict[tuple, Sum] = {}
    for t in per_fiche.values():
        for s in getattr(t, rubrique).additionnees:
            found.setdefault((s.base.code if s.base else None, s.annee), s)
    for key in sorted(found, key=lambda k: (order.index(k[0]), k[1] or 0)):
        columns.append(_sum_column(rubrique, nom, found[key], resources))
    return columns


def _sum_column(rubrique: str, nom: str, s: Sum, resources: Callable) -> Column:
    base, annee, unit = s.base, s.annee, s.unite
    name = "_".join(str(part) for part in (rubrique, unit, base.code if base else None, annee) if part is not None)
    code = base.code if base else None
    if base is None:
        title = f"{nom} : {UNIT_NAMES[unit]} chiffrés"
        what = f"Somme des {UNIT_NAMES[unit]} que la fiche chiffre sans base particulière"
    else:
        title = f"{nom} {base.resume}{f' {annee}' if annee else ''} ({UNIT_NAMES[unit]})"
        said = (base.description or "").rstrip(".").lower()  # a base has its description (schema)
        what = (f"Somme des chiffres de la fiche de base « {base.nom} » ({said})"
                + (f", pour {annee}" if annee else "") + f", en {UNIT_NAMES[unit]}")

    def value(a: Action) -> float | None:
        found = resources(a).somme(code, annee)
        return found.valeur if found else None

    return Column(name, value, "number", title=title, description=(
        f"{what} ; vide quand elle n'en donne aucun. Les chiffres de bases différentes ne sont jamais additionnés."))


def _action_columns(context: Context) -> list[Column]:
    def noms(mentions: Sequence[Mention] | None) -> str | None:
        return None if mentions is None else joined(m.libelle for m in mentions)

    return [
        Column("numero", lambda a: a.numero, "integer", "action:numero", required=True),
        Column("slug", lambda a: a.slug, doc="action:slug", required=True),
        Column("intitule", lambda a: a.intitule, doc="action:intitule", required=True),
        Column("axe", lambda a: a.axe.code, doc="action:axe", required=True),
        Column("axe_nom", lambda a: a.axe.nom, doc="axes:*.nom"),
        Column("objectif", lambda a: a.objectif.code, doc="action:objectif", required=True),
        Column("objectif_intitule", lambda a: a.objectif.intitule, doc="axes:*.objectifs[].intitule"),
        Column("programme", lambda a: a.programme.code, doc="action:programme", required=True),
        Column("programme_nom", lambda a: a.programme.nom, doc="programmes:*.nom", title="Nom du programme"),
        Column("public_cible", lambda a: joined(a.public_cible), doc="action:public_cible",
               description=f"Les publics visés, dans les termes de la fiche, séparés par « {SEPARATOR.strip()} ».",
               required=True),
        Column("publics", lambda a: joined(p.code for p in a.publics), doc="action:publics", required=True,
               description=(f"Les catégories de ce public, séparées par « {SEPARATOR.strip()} » (colonne code de "
                            "publics.csv).")),
        Column("porteurs", lambda a: noms(a.porteurs), doc="action:porteurs", required=True, description=(
            f"Les structures qui portent l'action, nommées comme la fiche les écrit (avec, entre parenthèses, ce "
            f"qu'elle précise), séparées par « {SEPARATOR.strip()} » ; leurs identifiants sont dans "
            "porteurs-partenaires.csv.")),
        Column("partenaires", lambda a: noms(a.partenaires), doc="action:partenaires", description=(
            f"Les partenaires que la fiche envisage, nommés comme elle les écrit, séparés par "
            f"« {SEPARATOR.strip()} » ; vide quand la fiche n'en cite aucun (« non renseigné »). Leurs identifiants "
            "sont dans porteurs-partenaires.csv.")),
        *_sum_columns(context),
        *([statut_column(context)] if context.roadmap.suivi is not None else []),
        Column("adresse", lambda a: context.address(a.url), title="Adresse de la page",
               description="L'adresse de la page de la fiche sur le site.", required=True),
    ]


class Mentioned(NamedTuple):
    action: Action
    role: str
    rang: int
    mention: Mention


def _mentions(roadmap: Roadmap) -> Iterable[Mentioned]:
    for a in roadmap.actions:
        yield from (Mentioned(a, "porteur", rang, m) for rang, m in enumerate(a.porteurs, 1))
        yield from (Mentioned(a, "partenaire", rang, m) for rang, m in enumerate(a.partenaires or (), 1))


class Line(NamedTuple):
    action: Action
    rubrique: str
    rang: int
    ligne: Ligne


def _lines(roadmap: Roadmap) -> Iterable[Line]:
    for a in roadmap.actions:
        for rubrique in UNITS:
            yield from (Line(a, rubrique, rang, ligne) for rang, ligne in enumerate(a.lignes(rubrique), 1))


class Amount(NamedTuple):
    line: Line
    annee: int
    montant: float


def _years(roadmap: Roadmap) -> Iterable[Amount]:
    for line in _lines(roadmap):
        yield from (Amount(line, year.annee, year.montant) for year in line.ligne.par_annee)


class Indicator(NamedTuple):
    action: Action
    nature: str
    rang: int
    texte: str


def _indicators(roadmap: Roadmap) -> Iterable[Indicator]:
    for a in roadmap.actions:
        for nature, texts in (("quantitatif", a.indicateurs.quantitatifs), ("qualitatif", a.indicateurs.qualitatifs)):
            yield from (Indicator(a, nature, rang, texte) for rang, texte in enumerate(texts or (), 1))


def _fiche() -> Column:
    return Column("fiche", lambda row: row.action.numero, "integer", title="Numéro de la fiche", required=True,
                  description="Le numéro de la fiche (colonne numero de actions.csv).")


def _rang(what: str) -> Column:
    return Column("rang", lambda row: row.rang, "integer", title="Rang", required=True,
                  description=f"La place de {what}, à partir de 1, dans l'ordre de la fiche.")


FICHE_KEY = ForeignKey(("fiche",), "actions", ("numero",))

# The territorial diagnostic.

def _has_territories(roadmap: Roadmap) -> bool:
    return roadmap.diagnostic is not None and bool(roadmap.diagnostic.territoires)


def _territories(roadmap: Roadmap):
    return roadmap.diagnostic.territoires


def _figure_columns(context: Context) -> list[Column]:
    """The compared figures, each by `_figure`."""
    territoires = context.roadmap.diagnostic.territoires
    return [column for figure in territoires[0].figures for column in _figure(figure.key, figure, territoires)]


def _figure(key: str, figure, territoires) -> list[Column]:
    """A compared figure's values; its unit in the title when every territory gives the same one, else a column
    of units; when its definition changes from one territory to another, a column of definitions beside it,
    so that values measuring different things are never read as one series."""
    def measured(field: str) -> Callable:
        return lambda t: t.figure(key).mesure[field] if t.figure(key).mesure else None

    units = sorted({t.figure(key).mesure.unite for t in territoires if t.figure(key).mesure})
    unit = units[0] if len(units) == 1 else None
    said = f"{figure.titre} : la valeur que donne le texte" + (f", en « {unit} »" if unit else "")
    if figure.definition_variable:
        said += f", qui ne mesure pas la même chose d'un territoire à l'autre (colonne {key}_definition)"
    columns = [Column(key, measured("valeur"), "number", f"epci:{key}",
                      title=figure.titre + (f" ({unit})" if unit else ""),
                      description=said + " ; vide quand il n'en donne pas (un constat sans nombre, ou rien). "
                                         "Unité, définition, année et constat : chiffres-territoires.csv.")]
    if len(units) > 1:
        columns.append(Column(f"{key}_unite", measured("unite"), doc="communs:$defs/mesure.unite",
                              title=f"{figure.titre} : unité"))
    if figure.definition_variable:
        columns.append(Column(f"{key}_definition", lambda t: t.figure(key).chiffre.get("definition")
                              if not isinstance(t.figure(key).chiffre, str) else None,
                              doc="communs:$defs/mesure.definition",
                              title=f"{figure.titre} : ce que mesure le chiffre"))
    return columns


class Figured(NamedTuple):
    territoire: Any
    figure: Any


def _figures(roadmap: Roadmap) -> Iterable[Figured]:
    for t in roadmap.diagnostic.territoires:
        yield from (Figured(t, f) for f in t.figures)


def _measure(field: str) -> Callable[[Figured], Any]:
    return lambda row: row.figure.mesure.get(field) if row.figure.mesure else None


def _compared(field: str) -> Callable[[Figured], Any]:
    def value(row: Figured):
        comparison = row.figure.mesure.get("comparaison") if row.figure.mesure else None
        return comparison[field] if comparison else None
    return value


def _local_actions(roadmap: Roadmap):
    return roadmap.diagnostic.actions_locales


TABLES: tuple[Table, ...] = (
    Table("actions", "Fiches action",
          "Une ligne par fiche action : son axe, son objectif, son programme, ses publics, ses porteurs et "
          "partenaires, et ses ressources chiffrées additionnées comme sur le site (même unité, même base).",
          lambda r: r.actions, _action_columns, ("numero",),
          (ForeignKey(("axe",), "axes", ("code",)), ForeignKey(("objectif",), "objectifs", ("code",)),
           ForeignKey(("programme",), "programmes", ("code",)), ForeignKey(("statut",), "statuts", ("code",)))),
    Table("porteurs-partenaires", "Porteurs et partenaires des fiches",
          "Une ligne par porteur ou partenaire cité par une fiche, dans l'ordre de la fiche.",
          _mentions, lambda c: [
              _fiche(),
              Column("role", lambda m: m.role, title="Rôle", required=True,
                     description="« porteur » (rubrique Porteur(s)) ou « partenaire » (Partenariats envisageables)."),
              _rang("l'organisation parmi les porteurs, ou parmi les partenaires"),
              Column("organisation", lambda m: m.mention.organisation.id if m.mention.organisation else None,
                     doc="action:$defs/ref_organisation", description=(
                         "L'identifiant de l'organisation (colonne id de organisations.csv) ; vide pour un "
                         "partenaire générique que la fiche nomme sans désigner une organisation (« Associations »).")),
              Column("nom", lambda m: m.mention.nom, title="Nom tel que la fiche l'écrit", required=True,
                     description="Le nom tel que la fiche l'écrit (sigle, nom court ou nom du registre)."),
              Column("precision", lambda m: m.mention.precision, doc="action:partenaires[].precision"),
              Column("groupe", lambda m: m.mention.groupe, doc="action:partenaires[].groupe"),
          ], ("fiche", "role", "rang"),
          (FICHE_KEY, ForeignKey(("organisation",), "organisations", ("id",)))),
    Table("lignes-ressources", "Ressources humaines et investissement, ligne par ligne",
          "Chaque ligne des rubriques « Ressources humaines » et « Investissement » des fiches, avec "
          "son chiffre et sa base quand la fiche en donne ; les montants différents selon l'année sont dans "
          "montants-par-annee.csv.",
          _lines, lambda c: [
              _fiche(),
              Column("rubrique", lambda line: line.rubrique, title="Rubrique", required=True,
                     description="« rh » (ressources humaines) ou « investissement »."),
              _rang("la ligne dans sa rubrique"),
              Column("groupe", lambda line: line.ligne.groupe, doc="action:investissement[].groupe"),
              Column("texte", lambda line: line.ligne.texte, doc="action:investissement[].texte", required=True,
                     description="La ligne telle que la fiche l'écrit."),
              Column("objet", lambda line: line.ligne.objet, doc="action:investissement[].objet"),
              Column("etp", lambda line: line.ligne.etp, "number", "action:rh[].etp",
                     title="Équivalent temps plein (ETP)",
                     description="L'ETP en nombre, seulement si la fiche en donne un (ligne de ressources humaines)."),
              Column("montant", lambda line: line.ligne.montant, "number", "action:investissement[].montant",
                     description="Le montant en euros, seulement si la fiche en donne un seul pour la ligne."),
              Column("base", lambda line: line.ligne.base.code if line.ligne.base else None,
                     doc="action:investissement[].base",
                     description=("Ce que couvre le chiffre, un code de bases.csv (montant ponctuel, par an, selon "
                                  "l'année, par structure…) ; vide pour un ETP global de la fiche ou une ligne sans "
                                  "chiffre. Seuls les chiffres de même base s'additionnent.")),
          ], ("fiche", "rubrique", "rang"),
          (FICHE_KEY, ForeignKey(("base",), "bases", ("code",)))),
    Table("montants-par-annee", "Montants selon l'année",
          "Une ligne par année d'une ligne de ressources dont le montant change selon l'année.",
          _years, lambda c: [
              Column("fiche", lambda row: row.line.action.numero, "integer", title="Numéro de la fiche",
                     required=True, description="Le numéro de la fiche (colonne numero de actions.csv)."),
              Column("rubrique", lambda row: row.line.rubrique, title="Rubrique", required=True,
                     description="La rubrique de la ligne (colonne rubrique de lignes-ressources.csv)."),
              Column("rang", lambda row: row.line.rang, "integer", title="Rang de la ligne", required=True,
                     description="La place de la ligne dans sa rubrique (colonne rang de lignes-ressources.csv)."),
              Column("annee", lambda row: row.annee, "year", "action:investissement[].par_annee[].annee",
                     required=True),
              Column("montant", lambda row: row.montant, "number", "action:investissement[].par_annee[].montant",
                     required=True, description="Le montant de cette année, en euros."),
          ], ("fiche", "rubrique", "rang", "annee"),
          (ForeignKey(("fiche", "rubrique", "rang"), "lignes-ressources", ("fiche", "rubrique", "rang")),)),
    Table("indicateurs", "Indicateurs de suivi des fiches",
          "Une ligne par indicateur de suivi d'une fiche, quantitatif ou qualitatif, dans l'ordre de la fiche.",
          _indicators, lambda c: [
              _fiche(),
              Column("nature", lambda i: i.nature, title="Nature", required=True,
                     description="« quantitatif » ou « qualitatif », selon la rubrique de la fiche."),
              _rang("l'indicateur dans sa rubrique"),
              Column("texte", lambda i: i.texte, title="Indicateur", required=True,
                     description="L'indicateur tel que la fiche l'écrit."),
          ], ("fiche", "nature", "rang"), (FICHE_KEY,)),
    Table("organisations", "Organisations",
          "Une ligne par organisation du registre : celles que les fiches citent comme porteurs ou partenaires.",
          lambda r: r.organisations.values(), lambda c: [
              Column("id", lambda o: o.id, title="Identifiant", required=True, description=(
                  "L'identifiant de l'organisation, aussi la fin de l'adresse de sa page (/organisations/<id>/).")),
              Column("nom", lambda o: o.nom, doc="organisations:*.nom", required=True),
              Column("sigle", lambda o: o.sigle, doc="organisations:*.sigle"),
              Column("rattachement", lambda o: o.rattachement.id if o.rattachement else None,
                     doc="organisations:*.rattachement"),
              Column("fiches_porteur", lambda o: joined(str(a.numero) for a in o.porteur_de),
                     title="Fiches portées", description=(
                         f"Les numéros des fiches que l'organisation porte ou co-porte, séparés par "
                         f"« {SEPARATOR.strip()} » (le détail est dans porteurs-partenaires.csv).")),
              Column("fiches_partenaire", lambda o: joined(str(a.numero) for a in o.partenaire_de),
                     title="Fiches partenaires", description=(
                         f"Les numéros des fiches qui la citent comme partenaire, séparés par « {SEPARATOR.strip()} »."
                     )),
              Column("adresse", lambda o: c.address(o.url), title="Adresse de la page", required=True,
                     description="L'adresse de la page de l'organisation sur le site."),
          ], ("id",), (ForeignKey(("rattachement",), "", ("id",)),)),
    Table("axes", "Axes", "Les axes de la feuille de route.", lambda r: r.axes, lambda c: [
        Column("code", lambda x: x.code, title="Code de l'axe", required=True,
               description="Le code de l'axe, aussi la fin de l'adresse de sa page (/axes/<code>/)."),
        Column("numero", lambda x: x.numero, "integer", "axes:*.numero", required=True),
        Column("nom", lambda x: x.nom, doc="axes:*.nom", required=True),
        Column("adresse", lambda x: c.address(x.url), title="Adresse de la page", required=True,
               description="L'adresse de la page de l'axe sur le site."),
    ], ("code",)),
    Table("objectifs", "Objectifs", "Les objectifs de chaque axe.",
          lambda r: [o for x in r.axes for o in x.objectifs], lambda c: [
              Column("code", lambda o: o.code, doc="axes:*.objectifs[].code", required=True),
              Column("axe", lambda o: o.axe.code, title="Axe", required=True,
                     description="Le code de l'axe de l'objectif (colonne code de axes.csv)."),
              Column("intitule", lambda o: o.intitule, doc="axes:*.objectifs[].intitule", required=True),
          ], ("code",), (ForeignKey(("axe",), "axes", ("code",)),)),
    Table("programmes", "Programmes", "Les programmes (ou volets) dont relèvent les fiches.",
          lambda r: r.programmes.values(), lambda c: [
              Column("code", lambda p: p.code, title="Code du programme", required=True,
                     description="Le code du programme (colonne programme de actions.csv)."),
              Column("nom", lambda p: p.nom, doc="programmes:*.nom", title="Nom du programme", required=True),
              Column("sigle", lambda p: p.sigle, doc="programmes:*.sigle"),
              Column("description", lambda p: p.description, doc="programmes:*.description"),
          ], ("code",)),
    Table("publics", "Catégories de publics",
          "Les catégories qui regroupent les publics cibles des fiches (colonne publics de actions.csv).",
          lambda r: r.vocabularies.get("publics", {}).values(), lambda c: [
              Column("code", lambda p: p.code, title="Code de la catégorie", required=True,
                     description="Le code de la catégorie (colonne publics de actions.csv)."),
              Column("nom", lambda p: p.nom, doc="publics:*.nom", required=True),
              Column("description", lambda p: p.description, doc="publics:*.description", required=True),
          ], ("code",)),
    Table("bases", "Bases des chiffres",
          "Ce que couvre un montant ou un ETP, et comment il s'additionne avec les autres.",
          lambda r: r.bases.values(), lambda c: [
              Column("code", lambda b: b.code, title="Code de la base", required=True,
                     description="Le code de la base (colonne base de lignes-ressources.csv)."),
              Column("nom", lambda b: b.nom, doc="bases:*.nom", required=True),
              Column("description", lambda b: b.description, doc="bases:*.description"),
              Column("cumul", lambda b: b.cumul, doc="bases:*.cumul", required=True),
          ], ("code",)),
    Table("territoires", "Territoires du diagnostic",
          "Une ligne par territoire du diagnostic, avec ses chiffres clés comparés.",
          _territories, lambda c: [
              Column("numero", lambda t: t.numero, "integer", "epci:numero", required=True),
              Column("slug", lambda t: t.slug, doc="epci:slug", required=True),
              Column("nom", lambda t: t.nom, doc="epci:nom", required=True),
              Column("nom_court", lambda t: t.nom_court, doc="epci:nom_court", required=True),
              Column("type", lambda t: t.type.code, doc="epci:type", required=True),
              Column("organisation", lambda t: t.organisation.id if t.organisation else None, doc="epci:organisation"),
              Column("communes", lambda t: t.communes, "integer", "epci:communes", required=True),
              Column("communes_dans_le_departement", lambda t: t.communes_dans_le_departement, "integer",
                     "epci:communes_dans_le_departement"),
              Column("communes_citees", lambda t: joined(t.communes_citees), doc="epci:communes_citees",
                     description=f"Les communes que le texte nomme, séparées par « {SEPARATOR.strip()} »."),
              *_figure_columns(c),
              Column("adresse", lambda t: c.address(t.url), title="Adresse de la page", required=True,
                     description="L'adresse de la page du territoire sur le site."),
          ], ("slug",), (ForeignKey(("organisation",), "organisations", ("id",)),), _has_territories),
    Table("chiffres-territoires", "Chiffres clés des territoires",
          "Une ligne par chiffre clé de chaque territoire : la valeur avec son unité et sa définition, ou le "
          "constat que fait le texte quand il ne donne pas de nombre ; toutes les colonnes vides quand il "
          "n'en dit rien.",
          _figures, lambda c: [
              Column("territoire", lambda row: row.territoire.slug, title="Territoire", required=True,
                     description="Le territoire (colonne slug de territoires.csv)."),
              Column("chiffre", lambda row: row.figure.key, title="Chiffre", required=True,
                     description="Le nom du chiffre (colonne du même nom dans territoires.csv)."),
              Column("titre", lambda row: row.figure.titre, title="Titre du chiffre", required=True,
                     description="Ce que donne le chiffre, le même titre pour chaque territoire."),
              Column("valeur", _measure("valeur"), "number", "communs:$defs/mesure.valeur",
                     description="Le nombre que donne le texte ; vide quand il n'en donne pas."),
              Column("unite", _measure("unite"), doc="communs:$defs/mesure.unite"),
              Column("definition", lambda row: row.figure.chiffre.get("definition")
                     if row.figure.mesure or row.figure.constat else None, doc="communs:$defs/mesure.definition"),
              Column("approximation", _measure("approximation"), doc="communs:$defs/mesure.approximation"),
              Column("annee", _measure("annee"), "year", "communs:$defs/mesure.annee"),
              Column("periode", _measure("periode"), doc="communs:$defs/mesure.periode"),
              Column("source", _measure("source"), doc="communs:$defs/mesure.source"),
              Column("commentaire", _measure("commentaire"), doc="communs:$defs/mesure.commentaire"),
              Column("comparaison_valeur", _compared("valeur"), "number", "communs:$defs/mesure.comparaison.valeur"),
              Column("comparaison_unite", _compared("unite"), doc="communs:$defs/mesure.comparaison.unite"),
              Column("comparaison_definition", _compared("definition"),
                     doc="communs:$defs/mesure.comparaison.definition"),
              Column("constat", lambda row: row.figure.constat.constat if row.figure.constat else None,
                     doc="communs:$defs/constat.constat", description=(
                         "Ce que le texte dit de la donnée quand il ne donne pas de nombre, recopié ; vide sinon.")),
          ], ("territoire", "chiffre"), (ForeignKey(("territoire",), "territoires", ("slug",)),), _has_territories),
    Table("actions-locales", "Actions locales documentées",
          "Une ligne par action d'inclusion numérique menée sur le territoire et documentée par le diagnostic.",
          _local_actions, lambda c: [
              Column("slug", lambda a: a.slug, doc="action-locale:slug", required=True),
              Column("ordre", lambda a: a.ordre, "integer", "action-locale:ordre", required=True),
              Column("nom", lambda a: a.nom, doc="action-locale:nom", required=True),
              Column("structure_porteuse", lambda a: a.structure_porteuse, doc="action-locale:structure_porteuse",
                     required=True),
              Column("financeurs", lambda a: joined(a.financeurs), doc="action-locale:financeurs", required=True,
                     description=f"Le texte de la rubrique « Financeur(s) de l'action », ses lignes séparées par "
                                 f"« {SEPARATOR.strip()} »."),
              Column("resume", lambda a: a.resume, doc="action-locale:resume", required=True),
              Column("epci", lambda a: a.get("epci"), doc="action-locale:epci", description=(
                  "Le territoire où se déroule l'action (colonne slug de territoires.csv), seulement quand le texte "
                  "l'y place sans ambiguïté.")),
          ], ("slug",), (ForeignKey(("epci",), "territoires", ("slug",)),),
          lambda r: r.diagnostic is not None and bool(r.diagnostic.actions_locales)),
    *SUIVI,
)


def tables(roadmap: Roadmap) -> list[Table]:
    """The tables this roadmap publishes (without a diagnostic, none of its tables)."""
    return [t for t in TABLES if t.present(roadmap)]
