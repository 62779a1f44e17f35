"""The hand-written pages of docs/ are code: mkdocs-macros runs each page through Jinja, which is not sandboxed
(an expression can reach Python's `os` through template globals), and the HTML a page holds runs in the
readers' browsers. Before anything renders (`make check` and every build, through `roadmap_site.load`; the macros
glue again, just before it renders a page), a page may hold only:

- Jinja that calls a registered macro (`MACROS`, one per block of roadmap_site.views, which macros/__init__.py
  registers) with values written as they are (text, number, list; no named argument), or prints a site
  setting (`SETTINGS`, mkdocs.yml's `extra`) or one of its keys: read with Jinja's own parser, every other
  node is refused;
- no element that runs or loads code or moves the page (`<script>`, `<iframe>`, `<meta>`, `<base>`…), no
  event-handler attribute (`onclick=`, in HTML or in an attr_list `{…}`), no `javascript:` address, found by
  patterns over the whole text, entities decoded, so that no HTML or Markdown parser can read it otherwise;

and the files of docs/ are named in `a-z0-9-` with a known extension (a `.html` or `.svg` file would be
published as it is, scripts included).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2
from jinja2 import nodes

from .addresses import DOCS, docs_files
from .problems import Problem
from .publish import COPIES
from .views import BLOCKS

MACROS = tuple(BLOCKS)  # what macros/__init__.py registers, and all a page may call
SETTINGS = ("depot", "editeur")  # the site settings (mkdocs.yml, extra) a page may print or hand to a macro
PAGE = ".md"
# Files a page may link to: images (not SVG, which may hold scripts) and documents to download.
FILES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx",
         ".csv", ".txt")
_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_KEY = re.compile(r"[a-z][a-z0-9_]*")  # a key of a setting: never `__class__` or another Python attribute

_ELEMENT = re.compile(r"<\s*(script|iframe|frame|frameset|object|embed|applet|base|meta|link|style|form|portal)"
                      r"(?![\w-])", re.IGNORECASE)
_HANDLER = re.compile(r"(?<![\w-])(on[a-z]+)\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)
_ERASED_IN_URLS = str.maketrans("", "", "\t\n\r")  # what browsers remove from an address before reading it

EXAMPLE = '{{ regroupement("porteurs") }}'


def problems(root: Path) -> list[Problem]:
    """Every problem of the files of docs/ under `root`."""
    docs = Path(root) / DOCS
    # Linked files and folders (the list of files does not enter the latter; MkDocs does, and publishes them).
    links = sorted(path.relative_to(docs) for path in docs.rglob("*") if path.is_symlink()) if docs.is_dir() else []
    found = [Problem(f"{DOCS}/{link.as_posix()}", None, "", "un lien symbolique n'est pas permis dans docs/ : le "
                     "site publierait ce vers quoi il mène ; mettez-y le fichier lui-même")
             for link in links if not any(part.startswith(".") for part in link.parts)]
    for relative in docs_files(root):
        file = f"{DOCS}/{relative.as_posix()}"
        if any(link == relative or link in relative.parents for link in links):
            continue
        found += _name_problems(file, relative)
        if relative.suffix == PAGE:
            try:
                text = (docs / relative).read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                found.append(Problem(file, None, "", "la page n'est pas enregistrée en UTF-8 : enregistrez-la "
                                     "en UTF-8 dans votre éditeur"))
                continue
            found += page_problems(text, file)
    return found


def _name_problems(file: str, relative: Path) -> list[Problem]:
    *folders, name = relative.parts
    stem, dot, extension = name.partition(".")
    if not all(_NAME.fullmatch(part) for part in (*folders, stem)) or not dot:
        return [Problem(file, None, "", "nom de fichier refusé : dans docs/, les noms de dossiers et de fichiers "
                        "s'écrivent en minuscules sans accent, chiffres et tirets, puis l'extension (comme "
                        "« mentions-legales.md » ou « carte-du-lot.png ») ; renommez-le")]
    if name.endswith(COPIES):
        return [Problem(file, None, "",
                        "une copie compressée (.gz, .br) dans docs/ serait envoyée par le serveur à la place "
                        "du fichier qu'elle dit copier : supprimez ce fichier, la construction écrit elle-même les "
                        "copies compressées")]
    if "." + extension not in (PAGE, *FILES):
        return [Problem(file, None, "", f"ce type de fichier n'est pas permis dans docs/ : le site le publierait "
                        f"tel quel ; une page s'écrit en Markdown ({PAGE}) ; permis aussi : {', '.join(FILES)}")]
    return []


def page_problems(text: str, file: str, environment: jinja2.Environment | None = None) -> list[Problem]:
    """The problems of one page's text (front matter included): its Jinja, read by `environment`'s parser
    (the macros plugin's, with its delimiters; else Jinja's defaults), and its markup."""
    return jinja_problems(text, file, environment) + _markup_problems(text, file)


def jinja_problems(text: str, file: str, environment: jinja2.Environment | None = None) -> list[Problem]:
    """Every node of the page's template that is not text or an allowed expression, at its line."""
    environment = environment or jinja2.Environment()
    try:
        template = environment.parse(text)
    except jinja2.TemplateSyntaxError as error:
        # Jinja reads on past line ends to the token it did not expect: the error is at the last opening.
        end = sum(len(line) + 1 for line in text.split("\n")[:error.lineno or 0])
        opening = max(text.rfind(start, 0, end) for start in (
            environment.variable_start_string, environment.block_start_string, environment.comment_start_string))
        return [Problem(file, _line(text, opening) if opening >= 0 else error.lineno, "",
                        "Jinja ne peut pas lire la page ici : des accolades « {{ » ou "
                        "« {% » sans leur fermeture, ou un texte incomplet entre elles ; seul l'appel d'une macro "
                        f"du site s'écrit entre accolades, comme « {EXAMPLE} »")]
    found = []
    for node in template.body:
        if not isinstance(node, nodes.Output):
            found.append(Problem(file, node.lineno, "", "une page ne peut pas contenir d'instruction Jinja "
                                 "« {% … %} » (elle s'exécuterait à la construction du site) : seul l'appel d'une "
                                 f"macro du site est permis, comme « {EXAMPLE} »"))
            continue
        found += [Problem(file, child.lineno, "", reason) for child in node.nodes
                  if not isinstance(child, nodes.TemplateData) and (reason := _refused(child))]
    return found


def _refused(node: nodes.Node) -> str | None:
    """Why an expression between {{ }} is refused, or None when it is a macro call or a setting."""
    if _setting(node):
        return None
    if not isinstance(node, nodes.Call) or not isinstance(node.node, nodes.Name):
        return ("entre {{ }}, seul l'appel d'une macro du site est permis, comme « " + EXAMPLE + " », ou un "
                "réglage du site (« {{ depot.forge }} ») : ni filtre « | », ni attribut, ni calcul (ils "
                "s'exécuteraient à la construction du site)")
    name = node.node.name
    if name not in MACROS:
        shown = f"« {name} » n'est" if _KEY.fullmatch(name) else "ce nom n'est"
        return f"{shown} pas une macro du site ; les macros : {', '.join(MACROS)}"
    if node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None or not all(
            _literal(value) or _setting(value) for value in node.args):
        return (f"les arguments de la macro « {name} » s'écrivent tels quels, dans l'ordre et sans nom : un "
                "texte entre guillemets, un nombre, une liste entre crochets, ou un réglage du site ("
                + ", ".join(SETTINGS) + ")")
    return None


def _literal(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return node.value is None or isinstance(node.value, (str, int, float, bool))
    return isinstance(node, (nodes.List, nodes.Tuple)) and all(_literal(item) for item in node.items)


def _setting(node: nodes.Node) -> bool:
    """A site setting (`editeur`), one of its keys (`depot.forge`), or a setting with a default
    (`depot.relecture or "…"`)."""
    if isinstance(node, nodes.Or):
        return _setting(node.left) and (_setting(node.right) or _literal(node.right))
    if isinstance(node, nodes.Getattr):
        key, node = node.attr, node.node
        if not _KEY.fullmatch(key):
            return False
    return isinstance(node, nodes.Name) and node.ctx == "load" and node.name in SETTINGS


def _markup_problems(text: str, file: str) -> list[Problem]:
    """Elements that run code, event handlers and `javascript:` addresses, at their line."""
    found = [Problem(file, _line(text, m.start()), "", f"l'élément HTML « <{m.group(1).lower()}> » n'est pas "
                     "permis dans une page : il exécuterait ou chargerait du code, ou emmènerait le lecteur "
                     "ailleurs, sur chaque page du site qui l'affiche") for m in _ELEMENT.finditer(text)]
    found += [Problem(file, _line(text, m.start()), "", f"l'attribut « {m.group(1).lower()}= » n'est pas permis "
                      "dans une page : il exécuterait du code dans le navigateur des lecteurs (même écrit dans "
                      "un exemple de code, retirez-le)") for m in _HANDLER.finditer(text)]
    # Decoded as a browser decodes an attribute (entities, as many times as Markdown could leave them) and
    # without the characters it removes from addresses: one line at a time keeps each character's line.
    decoded, lines = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        previous = None
        while line != previous:
            previous, line = line, html.unescape(line)
        kept = line.translate(_ERASED_IN_URLS)
        decoded.append(kept)
        lines += [number] * len(kept)
    found += [Problem(file, lines[m.start()], "", "une adresse « javascript: » n'est pas permise dans une page : "
                      "elle exécuterait du code dans le navigateur des lecteurs")
              for m in _SCRIPT_URL.finditer("".join(decoded))]
    return found


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
