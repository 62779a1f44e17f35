"""Stage 1 of the engine, read: YAML data files into plain values, remembering the line of every value.

PyYAML's loaders drop line numbers and silently keep the last of two identical keys (data loss), so we
compose the node tree with libyaml ourselves and build the values from it: this gives each error a
`file:line` and turns duplicate keys into errors. Values are built by PyYAML's safe constructor: YAML
text stays data, nothing is ever evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, field_path, number_order

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """A parsed data file: its values and the line (1-based) where each value starts."""

    path: Path
    name: str  # path relative to the project root, as shown to editors
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path) -> int:
        """Line of the value at `path`, or of its nearest ancestor present in the file."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


# libyaml's messages, and what a staff member should do about them.
_TAB_HINT = "tabulation trouvée : indentez uniquement avec des espaces"
_YAML_HINTS = [
    ("cannot start any token", "caractère interdit en début de valeur (@, `, %…) : mettez le texte entre guillemets"),
    ("mapping values are not allowed", "« : » inattendu : si le texte contient « : », mettez-le entre guillemets "
     "(\"…\") ; sinon vérifiez l'indentation"),
    ("could not find expected ':'", "« : » manquant après un nom de champ, ou indentation incorrecte"),
    ("did not find expected key", "indentation incorrecte : les champs d'un même niveau doivent être alignés"),
    ("did not find expected '-' indicator", "indentation incorrecte : les éléments d'une liste (« - ») doivent être alignés"),
    ("found unexpected end of stream", "guillemet ouvert mais jamais refermé"),
    ("found another document", "un seul document par fichier : supprimez la ligne « --- »"),
    ("found undefined alias", "« * » en début de texte : mettez le texte entre guillemets"),
    ("found unknown escape character", "barre oblique inverse (\\) dans un texte entre guillemets doubles : "
     "doublez-la ou utilisez des guillemets simples"),
]


def _yaml_message(error: yaml.MarkedYAMLError, text: str) -> str:
    mark = error.problem_mark
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]:
        return f"YAML invalide : {_TAB_HINT}"
    problem = error.problem or ""
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            return f"YAML invalide : {hint}"
    return f"YAML invalide ({problem}) : vérifiez l'indentation et les guillemets"


class _Builder:
    """Turns a composed node tree into values, collecting lines and duplicate keys on the way."""

    def __init__(self, name: str):
        self.name = name
        self.lines: dict[tuple, int] = {}
        self.problems: list[Problem] = []
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: tuple) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                key = self.build_scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if key is None or isinstance(key, (list, dict)):
                    self.problems.append(Problem(self.name, key_node.start_mark.line + 1, field_path(path),
                                                 "nom de champ invalide"))
                    continue
                line = key_node.start_mark.line + 1
                if key in result:
                    self.problems.append(Problem(
                        self.name, line, field_path(path + (key,)),
                        f"champ en double (déjà présent ligne {self.lines[path + (key,)]}) : "
                        "une seule des deux valeurs serait gardée ; fusionnez-les ou supprimez l'une d'elles"))
                    continue
                self.lines[path + (key,)] = line
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.build_scalar(node)

    def build_scalar(self, node: yaml.ScalarNode) -> Any:
        return self.constructor.construct_object(node, deep=True)


def parse(text: str, name: str, path: Path | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; return the document, or None with the problems that prevent reading it."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return None, [Problem(name, mark.line + 1 if mark else None, "", _yaml_message(error, text))]
    if node is None:
        return None, [Problem(name, 1, "", "le fichier est vide : il doit contenir les champs de l'enregistrement")]
    builder = _Builder(name)
    data = builder.build(node, ())
    return Document(path or Path(name), name, data, builder.lines), builder.problems


def read_file(path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file; a file that is not UTF-8 or is empty is a problem, not a crash."""
    name = path.relative_to(root).as_posix()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(name, line, "", f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[error.start]:02x} "
                                              "illisible) : enregistrez-le en UTF-8 dans votre éditeur")]
    return parse(text, name, path)


def file_order(path: Path) -> list:
    """Sort key of files in name order, numbers in numeric order: 9-…, 10-…, 100-…"""
    return number_order(path.name)


def read_all(root: Path, pattern: str) -> tuple[list[Document], list[Problem]]:
    """Every file of a folder pattern (e.g. "actions/*.yml"), in name order, numbers in numeric order."""
    documents, problems = [], []
    for path in sorted(root.glob(pattern), key=file_order):
        document, found = read_file(path, root)
        problems += found
        if document is not None:
            documents.append(document)
    return documents, problems
