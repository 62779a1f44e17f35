"""Stage 1 of the engine, read: YAML data files into plain values, remembering the line of every value.

Staff write these files by hand. The reader accepts the little YAML they need (fields, lists, texts,
numbers, true/false) and refuses, with a French message that says what to write, whatever a YAML tool
could silently read as something else: `4.000` (4.0, not 4 000), `0400` (256), `.inf`, `no` (false),
dates, tags (`!…`), anchors (`&…`), aliases (`*…`, which also makes an alias bomb harmless: nothing is
ever expanded), merge keys (`<<`), a text cut by ` #` (a comment), a list item indented one step too far
(merged into the text above), an invisible space used as indentation. Duplicate keys are errors, not
data loss.

Values are built from libyaml's event stream, never by PyYAML's constructors: YAML 1.1's implicit types
do not apply, and a plain (unquoted) scalar is a number only in one unambiguous form. The tree is built
without recursion from the events, then read with a depth limit, so no input makes the reader raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import Resolver

from .characters import DIRECTION, SPACES, ZERO_WIDTH, describe, fold, forbidden
from .characters import where as at
from .problems import Problem, field_path, number_order

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 40  # far deeper than any record; beyond it, an indentation mistake rather than data


@dataclass
class Document:
    """A parsed data file: its values and the line (1-based) where each value starts.

    `refused`: paths of values the reader already reported (an ambiguous number, a YAML tag…); checks
    stay silent about them instead of adding a second, confusing message."""

    path: Path
    name: str  # path relative to the project root, as shown to editors
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    refused: set[tuple] = field(default_factory=set)

    def line_of(self, path) -> int:
        """Line of the value at `path`, or of its nearest ancestor present in the file."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def is_refused(self, path) -> bool:
        path = tuple(path)
        return any(path[: len(p)] == p for p in self.refused)


# --- Syntax errors: libyaml's messages, and what a staff member should do about them. -----------------

_TAB_HINT = "tabulation trouvée : indentez uniquement avec des espaces"
_BACKSLASH_HINT = ("barre oblique inverse (\\) dans un texte entre guillemets doubles : pour un chemin Windows, "
                   "mettez le texte entre guillemets simples ('C:\\dossier') ou écrivez « / » ; sinon doublez-la")
_YAML_HINTS = [  # (words of libyaml's message, French explanation)
    ("cannot start any token", "caractère interdit en début de valeur (@, `, %…) : mettez le texte entre guillemets"),
    ("mapping values are not allowed", "« : » inattendu : si le texte contient « : », mettez-le entre guillemets "
     "(\"…\") ; sinon vérifiez l'indentation"),
    ("could not find expected ':'", "« : » manquant après un nom de champ, ou indentation incorrecte"),
    ("did not find expected key", "indentation incorrecte : les champs d'un même niveau doivent être alignés"),
    ("did not find expected '-' indicator",
     "indentation incorrecte : les éléments d'une liste (« - ») doivent être alignés"),
    ("block sequence entries are not allowed", "« - » inattendu : un élément de liste doit commencer sa propre "
     "ligne, aligné sur les autres éléments ; si le tiret fait partie du texte, mettez le texte entre guillemets"),
    ("found unexpected end of stream", "guillemet ouvert mais jamais refermé"),
    ("found unexpected document indicator", "guillemet ouvert mais jamais refermé avant une ligne « --- »"),
    ("did not find expected <document start>", "contenu inattendu après la fin des données : si le fichier "
     "contient « {} » ou « [] », supprimez-les avant d'ajouter vos lignes ; sinon vérifiez l'indentation"),
    ("did not find expected node content", "valeur manquante ou caractère inattendu : vérifiez cette ligne, "
     "et mettez le texte entre guillemets s'il commence par un signe"),
    ("did not find expected ',' or ']'", "crochet « [ » ouvert mais pas refermé par « ] » : mettez le texte "
     "entre guillemets s'il commence par « [ »"),
    ("did not find expected ',' or '}'", "accolade « { » ouverte mais pas refermée par « } » : mettez le texte "
     "entre guillemets s'il commence par « { »"),
    ("found unknown escape character", _BACKSLASH_HINT),
    ("expected hexdecimal number", _BACKSLASH_HINT),
    ("did not find expected alphabetic or numeric character", "« & » ou « * » en début de texte : mettez le "
     "texte entre guillemets"),
    ("did not find expected comment or line break", "après « > », « >- », « | » ou « |- », le texte commence "
     "à la ligne suivante"),
    ("did not find expected whitespace or line break", "après « > », « >- », « | » ou « |- », le texte "
     "commence à la ligne suivante"),
    ("found a tab character", _TAB_HINT),
    ("did not find the expected '>'", "« !< » en début de texte : mettez le texte entre guillemets"),
    ("found undefined tag handle", "« ! » en début de texte : mettez le texte entre guillemets"),
    ("did not find expected tag URI", "« ! » en début de texte : mettez le texte entre guillemets"),
    ("while scanning a directive", "« % » en début de ligne : mettez le texte entre guillemets"),
]
_GENERIC = ("le fichier ne se lit pas à partir d'ici : vérifiez l'indentation (deux espaces par niveau) et les "
            "guillemets")

# Invisible characters that look like a space but are not one for YAML.
_INVISIBLE_RE = "[" + "".join(sorted(SPACES | {"\u200b", "\u2060", "\ufeff"})) + "]"
_INVISIBLE_CHAR = re.compile(_INVISIBLE_RE)
_INVISIBLE_INDENT = re.compile(rf"^[ \t]*(- +)*({_INVISIBLE_RE})", re.M)


def _invisible_indentation(text: str, name: str) -> list[Problem]:
    """A no-break space (typed with Alt+Espace or pasted from a word processor) at the start of a line
    shifts the indentation in a way nobody can see: libyaml then blames another line."""
    if not _INVISIBLE_CHAR.search(text):  # most files: none anywhere, so no line to look at
        return []
    return [Problem(name, text.count("\n", 0, m.start()) + 1, "",
                    f"caractère invisible {describe(m.group(2))} dans l'indentation : effacez les espaces au "
                    "début de cette ligne et retapez-les avec la barre d'espace")
            for m in _INVISIBLE_INDENT.finditer(text)]


_DASH_HINT = ("élément de liste sans « - » : cette ligne est alignée sur les « - » de la liste au-dessus ; "
              "commencez-la par « - » (tiret puis espace) ; si elle continue l'élément précédent, indentez-la "
              "davantage")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _without_dash(lines: list[str], index: int) -> bool:
    """True when line `index` stands where an item of the list above would, without its « - »: a list
    item whose dash was forgotten. A list at the left margin is left out: there, the line may be a field."""
    here = lines[index]
    indent = _indent(here)
    if indent == 0 or not here.strip() or here.lstrip().startswith("-"):
        return False
    for above in reversed(lines[:index]):
        if not above.strip() or above.lstrip().startswith("#") or _indent(above) > indent:
            continue
        return _indent(above) == indent and (above.lstrip().startswith("- ") or above.strip() == "-")
    return False


def _yaml_message(error: yaml.YAMLError, lines: list[str]) -> tuple[int | None, str]:
    """Line and French message of a libyaml error; no English ever reaches the editor."""
    if isinstance(error, yaml.reader.ReaderError):
        line = None
        return line, (f"caractère interdit (code U+{error.character:04X}) : supprimez-le ; il vient souvent "
                      "d'un copier-coller") if isinstance(error.character, int) else "caractère interdit : supprimez-le"
    if not isinstance(error, yaml.MarkedYAMLError):
        return None, f"YAML invalide : {_GENERIC}"
    problem = error.problem or ""
    mark = error.problem_mark
    # The opening quote, or the line that lacks its « : », is where the mistake is.
    if error.context_mark is not None and ("end of stream" in problem or "expected ':'" in problem):
        mark = error.context_mark
    line = mark.line + 1 if mark is not None else None
    if mark is not None and mark.line < len(lines):
        here = lines[mark.line]
        if "\t" in here:
            return line, f"YAML invalide : {_TAB_HINT}"
        invisible = _INVISIBLE_CHAR.search(here)
        if invisible:
            return line, (f"YAML invalide : caractère invisible {describe(invisible.group())} dans cette "
                          "ligne : remplacez-le par une espace ordinaire")
        if _without_dash(lines, mark.line):
            return line, f"YAML invalide : {_DASH_HINT}"
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            return line, f"YAML invalide : {hint}"
    return line, f"YAML invalide : {_GENERIC}"


# --- Plain scalars: only unambiguous forms. ---------------------------------------------------------------

_NULL = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)\.([0-9]+)")
_BOOLEANS_11 = frozenset("y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF".split())
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+(\.[0-9_]*)?")
_GROUPED = re.compile(r"[-+]?[0-9]+(?:_[0-9]+)+(\.[0-9]*)?")
_TOO_LONG = re.compile(r"-?[0-9]{16,}(\.[0-9]*)?")  # past 15 digits a float is no longer exact; int() fails past 4300
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)")
_NUMBER_12 = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+")
_resolver = Resolver()


class _Refused(Exception):
    """A plain scalar that YAML tools read in different ways; the message says what to write."""


def _quote(text: str) -> str:
    return f"mettez-le entre guillemets (\"{text}\")"


def _thousands(text: str, units: str, decimals: str) -> str:
    """« 4.000 »: four thousand with a dot for thousands, as French figures are often typed, or four?"""
    grouped = ("-" if text.startswith("-") else "") + f"{int(units + decimals):,}".replace(",", "\u202f")
    units = ("-" if text.startswith("-") else "") + units
    decimal = decimals.rstrip("0") or "0"
    decimal += "0" if len(decimal) == 3 else ""
    return (f"« {text} » est ambigu : pour {grouped} écrivez {units}{decimals} (sans point) ; pour un nombre "
            f"à virgule écrivez {units}.{decimal} (le point sépare les décimales)")


def plain_value(text: str) -> Any:
    """The value of a plain scalar, or `_Refused` when YAML tools disagree on what it is."""
    if text[:1].isalpha() and text not in _BOOLEANS_11 and text not in _NULL:
        return text  # most texts: a letter first, and not a word YAML reads (only yes/no/null… are)
    if text in _NULL:
        return None
    if text in ("true", "false"):
        return text == "true"
    if _TOO_LONG.fullmatch(text):
        raise _Refused(f"« {text[:18]}… » : un nombre de {len(text.lstrip('-').split('.')[0])} chiffres avant la "
                       "virgule est trop long (15 au plus) : vérifiez-le ; si c'est un code ou un texte, mettez-le "
                       "entre guillemets")
    if _INT.fullmatch(text):
        return int(text)
    decimal = _DECIMAL.fullmatch(text)
    if decimal:
        if decimal.group(1) != "0" and len(decimal.group(2)) == 3:
            raise _Refused(_thousands(text, decimal.group(1), decimal.group(2)))
        return float(text)
    if text in _BOOLEANS_11:
        raise _Refused(f"« {text} » est lu comme oui/non (vrai/faux) par les outils YAML : si c'est un texte, "
                       f"{_quote(text)} ; pour oui ou non, écrivez true ou false")
    if _LEADING_ZERO.fullmatch(text):
        raise _Refused(f"« {text} » : un nombre ne commence pas par 0 (certains outils le lisent en octal) ; "
                       f"écrivez {text.lstrip('+-0') or '0'} ; si c'est un code ou un texte, {_quote(text)}")
    if _GROUPED.fullmatch(text):
        raise _Refused(f"« {text} » : écrivez le nombre sans séparateur de milliers "
                       f"({text.replace('_', '')}) ; si c'est un texte, {_quote(text)}")
    if _SPECIAL_FLOAT.fullmatch(text):
        raise _Refused(f"« {text} » est lu comme un nombre spécial (infini ou « pas un nombre ») : écrivez le "
                       f"nombre en chiffres ; si c'est un texte, {_quote(text)}")
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    if tag.endswith(":timestamp"):
        raise _Refused(f"« {text} » est lu comme une date par les outils YAML : mettez-la entre guillemets "
                       f"(\"{text}\")")
    if _NUMBER_12.fullmatch(text) or tag.endswith((":int", ":float")):
        raise _Refused(f"« {text} » est une écriture de nombre ambiguë : écrivez le nombre en chiffres, avec un "
                       f"point pour les décimales (ex. 1500 ou 0.5) ; si c'est un texte, {_quote(text)}")
    if not tag.endswith(":str"):  # « = », « << »
        raise _Refused(f"« {text} » a un sens particulier en YAML : {_quote(text)}")
    return text


# --- The tree: nodes as events with their children, built without recursion. ---------------------------

class _Node:
    __slots__ = ("event", "children")

    def __init__(self, event, children):
        self.event = event
        self.children = children  # None for a scalar or an alias; key, value, key, value… for a mapping


class _TooDeep(Exception):
    def __init__(self, event):
        self.event = event


class _SecondDocument(Exception):
    def __init__(self, event):
        self.event = event


def _tree(text: str) -> _Node | None:
    loader = _Loader(text)
    try:
        stack: list[list] = [[]]
        documents = 0
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.AliasEvent:
                stack[-1].append(_Node(event, None))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                node = _Node(event, [])
                stack[-1].append(node)
                stack.append(node.children)
                if len(stack) > MAX_DEPTH:
                    raise _TooDeep(event)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _SecondDocument(event)
            elif kind is yaml.StreamEndEvent or event is None:
                break
        return stack[0][0] if stack[0] else None
    finally:
        loader.dispose()


# --- From the tree to values. --------------------------------------------------------------------------

_COMMENT_AFTER = re.compile(r"\s+#")
_ESCAPE = re.compile(r"\\(.)", re.S)
_ESCAPES = {"0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c", "r": "\r",
            "e": "\x1b", "N": "\x85", "_": "\u00a0", "L": "\u2028", "P": "\u2029"}  # YAML's one-letter escapes
_WORD = re.compile(r"[^\s,\[\]{}]+")


_ZERO_WIDTH = re.compile("[" + "".join(sorted(ZERO_WIDTH)) + "]")


def _invisible_in_key(text: str, quoted: bool) -> str | None:
    """The first character of a field name nobody sees: one without width anywhere, or an invisible space
    in an unquoted name (between quotes, a space is part of the name as written)."""
    found = _ZERO_WIDTH.search(text) or (None if quoted else _INVISIBLE_CHAR.search(text))
    return found.group() if found else None


class _Builder:
    """Turns the node tree into values, collecting lines, refusals and duplicate keys on the way."""

    def __init__(self, name: str, text: str, lines: list[str]):
        self.name = name
        self.text = text
        self.source_lines = lines  # the text's lines, as parse split them
        self.lines: dict[tuple, int] = {}
        self.refused: set[tuple] = set()
        self.problems: list[Problem] = []
        self.reported_lines: set[int] = set()

    def refuse(self, path: tuple, line: int, message: str) -> None:
        self.refused.add(path)
        self.problems.append(Problem(self.name, line, field_path(path), message))

    def written(self, event) -> str:
        """The first word of a node as typed (« &Co », « !Attention », « *p »)."""
        word = _WORD.match(self.text, event.start_mark.index)
        return word.group() if word else ""

    def properties(self, node: _Node) -> str | None:
        """What staff never need and YAML tools would act on: an alias, an anchor, a tag; the message."""
        event = node.event
        if type(event) is yaml.AliasEvent:
            return (f"« {self.written(event)} » est lu comme un renvoi YAML (alias), qui n'est pas accepté : "
                    "recopiez le texte voulu ; si le texte commence par « * », mettez-le entre guillemets")
        if event.tag is not None:
            return (f"« {self.written(event)} » en début de valeur est lu comme une étiquette YAML, qui n'est pas "
                    "acceptée : si c'est du texte, mettez tout le texte entre guillemets (\"!…\")")
        if event.anchor is not None:
            if node.children is None:
                return (f"« &{event.anchor} » en début de valeur est lu comme une ancre YAML et disparaîtrait du "
                        "texte : mettez tout le texte entre guillemets (\"&…\")")
            return f"« &{event.anchor} » (ancre YAML) n'est pas accepté : supprimez-le"
        return None

    def build(self, node: _Node, path: tuple) -> Any:
        event = node.event
        line = event.start_mark.line + 1
        self.lines.setdefault(path, line)
        refusal = self.properties(node)
        if refusal is not None:
            if node.children is not None:  # an anchored or tagged list or mapping: its content is still read
                self.problems.append(Problem(self.name, line, field_path(path), refusal))
            elif line in self.reported_lines:  # one message per line, however many aliases (an alias bomb)
                self.refused.add(path)
            else:
                self.reported_lines.add(line)
                self.refuse(path, line, refusal)
            if node.children is None:
                return getattr(event, "value", None)
        if node.children is None:
            return self.scalar(event, path)
        if type(event) is yaml.SequenceStartEvent:
            return [self.build(item, path + (i,)) for i, item in enumerate(node.children)]
        result: dict = {}
        children = node.children
        skipped = False
        for i in range(0, len(children), 2):
            key_node, value_node = children[i], children[i + 1]
            key = self.key(key_node, path)
            if key is None:
                skipped = True
                continue
            line = key_node.event.start_mark.line + 1
            child = path + (key,)
            if key in result:
                self.problems.append(Problem(
                    self.name, line, field_path(child),
                    f"champ en double (déjà présent ligne {self.lines[child]}) : "
                    "une seule des deux valeurs serait gardée ; fusionnez-les ou supprimez l'une d'elles"))
                continue
            self.lines[child] = line
            result[key] = self.build(value_node, child)
        if skipped and not result:
            self.refused.add(path)  # nothing left of it: its refused key says it all
        return result

    def key(self, node: _Node, path: tuple) -> str | None:
        """A field name is always a text, as written; what YAML tools would read otherwise is refused."""
        event, line = node.event, node.event.start_mark.line + 1
        refusal = self.properties(node)
        if refusal is not None or node.children is not None:
            self.problems.append(Problem(self.name, line, field_path(path), refusal or "nom de champ invalide : "
                                         "écrivez « nom: valeur », le nom sur une seule ligne"))
            return None
        text = event.value
        unsafe = self.unsafe(event, text)
        invisible = None if text.isascii() else _invisible_in_key(text, quoted=bool(event.style))
        if unsafe is not None:
            return self.refused_key(path, line, fold(text).strip(), unsafe[1])
        if invisible is not None:
            return self.refused_key(path, line, fold(text).strip(), (
                f"le nom de champ « {text.strip()} » contient un caractère invisible {describe(invisible)} : "
                "effacez-le et retapez une espace ordinaire (ou aucune)"))
        if event.style:  # quoted: exactly as written
            return text
        if text in _NULL:
            self.problems.append(Problem(self.name, line, field_path(path), "nom de champ manquant avant « : »"))
            return None
        if text == "<<":
            self.problems.append(Problem(self.name, line, field_path(path), "« << » (fusion YAML) n'est pas "
                                         "accepté : recopiez les champs voulus"))
            return None
        if text in _BOOLEANS_11:
            self.problems.append(Problem(self.name, line, field_path(path), (
                f"« {text}: » : ce nom est lu comme oui/non (vrai/faux) par les outils YAML ; choisissez un autre "
                f"nom, ou écrivez-le entre guillemets (\"{text}\":)")))
            return None
        return text

    def refused_key(self, path: tuple, line: int, meant: str, message: str) -> str:
        """A field name refused for a character nobody sees is read as it was meant, and its value too:
        the one message is this one, not a « champ obligatoire manquant » nor each use of an identifier."""
        self.problems.append(Problem(self.name, line, field_path(path), message))
        self.refused.add(path + (meant,))
        return meant

    def unsafe(self, event, value: str) -> tuple[int, str] | None:
        """Line and message of the first character of a scalar that no record may hold: a control or
        direction character, typed, pasted, or made by YAML from a double-quoted escape (« "C:\\fichier" »
        holds a form feed)."""
        if value.isprintable():  # most values: every character refused here, typed or escaped, is unprintable
            return None
        start = event.start_mark
        raw = self.text[start.index:event.end_mark.index]
        if event.style == '"' and "\\" in raw:
            for escape in _ESCAPE.finditer(raw):
                char = _ESCAPES.get(escape.group(1))
                if char is not None:
                    return start.line + 1 + raw.count("\n", 0, escape.start()), (
                        f"« \\{escape.group(1)} » entre guillemets doubles n'est pas lu comme une barre oblique "
                        f"inverse suivie de « {escape.group(1)} » mais comme {describe(char)} : pour un chemin "
                        "Windows, mettez le texte entre guillemets simples ('C:\\dossier') ou écrivez « / »")
        found = forbidden(value)
        if found is None:
            return None
        index, char = found
        line = start.line + 1 + (raw.count("\n", 0, raw.index(char)) if char in raw else 0)
        if char == "\t":
            return line, f"{describe(char)} {at(value, index)} : remplacez-la par une espace"
        if char in DIRECTION:
            return line, (f"caractère invisible {describe(char)} {at(value, index)} : il change l'ordre "
                          "d'affichage du texte ; supprimez-le (retapez le texte autour s'il a été collé)")
        return line, (f"caractère interdit {describe(char)} {at(value, index)} : supprimez-le ; il vient souvent "
                      "d'un copier-coller")

    def scalar(self, event: yaml.ScalarEvent, path: tuple) -> Any:
        value = self.value(event, path)
        if isinstance(value, str) and path not in self.refused:
            unsafe = self.unsafe(event, value)
            if unsafe is not None:
                self.refuse(path, *unsafe)
        return value

    def value(self, event: yaml.ScalarEvent, path: tuple) -> Any:
        start, end = event.start_mark, event.end_mark
        assert start is not None and end is not None  # the parser marks every event
        line = start.line + 1
        if event.style in ("'", '"', "|"):
            return event.value
        if event.style == ">":
            self.merged_item(event, path, range(start.line + 1, end.line))
            return event.value
        try:
            value = plain_value(event.value)
        except _Refused as refusal:
            self.refuse(path, line, str(refusal))
            return event.value
        if isinstance(value, str):
            rest = self.source_lines[end.line][end.column:] if end.line < len(self.source_lines) else ""
            if _COMMENT_AFTER.match(rest):
                self.refuse(path, end.line + 1, (
                    f"le texte s'arrête à « {value[-30:]} » : sans guillemets, « #{rest.split('#', 1)[1][:30]} » "
                    "est lu comme un commentaire et n'apparaîtrait pas ; mettez tout le texte entre guillemets"))
            else:
                self.merged_item(event, path, range(start.line + 1, end.line + 1))
        return value

    def merged_item(self, event, path: tuple, lines: range) -> None:
        """A list item indented one step too far becomes the continuation of the text above it; so does the
        item after a first item written without its « - »."""
        start = event.start_mark
        for number in lines:
            here = self.source_lines[number] if number < len(self.source_lines) else ""
            if (here.lstrip().startswith("- ") or here.strip() == "-") and _indent(here) == start.column and not \
                    self.source_lines[start.line][:start.column].strip():
                self.refuse(path, start.line + 1, "élément de liste sans « - » : les éléments en dessous commencent "
                            "par « - » ; commencez aussi celui-ci par « - » (tiret puis espace)")
                return
            if here.lstrip().startswith("- ") or here.strip() == "-":
                self.refuse(path, number + 1, (
                    "ce « - » est plus indenté que l'élément précédent : il est lu comme la suite du texte "
                    "au-dessus, pas comme un nouvel élément ; alignez-le sur le « - » de l'élément précédent "
                    "(si le tiret fait partie du texte, écrivez le texte entre guillemets sur une seule ligne)"))
                return


def parse(text: str, name: str, path: Path | None = None, empty: Any = None) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; return the document, or None with the problems that prevent reading it.
    `empty`: the value of a file without data (comments only), when that is allowed; None: an error."""
    if text.startswith("\ufeff"):
        text = text[1:]
    problems = _invisible_indentation(text, name)
    if problems:
        return None, problems
    lines = text.splitlines()
    try:
        node = _tree(text)
    except yaml.YAMLError as error:
        line, message = _yaml_message(error, lines)
        if line is None and isinstance(error, yaml.reader.ReaderError):
            line = text.count("\n", 0, error.position) + 1
        return None, [Problem(name, line, "", message)]
    except _TooDeep as deep:
        return None, [Problem(name, deep.event.start_mark.line + 1, "", f"plus de {MAX_DEPTH} niveaux "
                              "d'imbrication : vérifiez l'indentation et les crochets")]
    except _SecondDocument as second:
        return None, [Problem(name, second.event.start_mark.line + 1, "", "un seul document par fichier : "
                              "supprimez la ligne « --- » (ou « ... ») et fusionnez ce qui suit avec le reste")]
    if node is None:
        if empty is not None:
            return Document(path or Path(name), name, empty), []
        return None, [Problem(name, 1, "", "le fichier est vide : il doit contenir les champs de l'enregistrement")]
    builder = _Builder(name, text, lines)
    data = builder.build(node, ())
    document = Document(path or Path(name), name, data, builder.lines, builder.refused)
    return document, builder.problems


def read_file(path: Path, root: Path, empty: Any = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file; a file that is not a regular UTF-8 file is a problem, not a crash."""
    name = path.relative_to(root).as_posix()
    if path.is_symlink():
        return None, [Problem(name, None, "", "lien symbolique : remplacez-le par le fichier lui-même (seuls les "
                              "fichiers ordinaires du dépôt sont lus)")]
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        return None, [Problem(name, None, "", "c'est un dossier, pas un fichier : remplacez-le par le fichier attendu")]
    except OSError as error:
        return None, [Problem(name, None, "", f"fichier illisible ({error.strerror or 'erreur du système'}) : "
                              "vérifiez qu'il existe et qu'il peut être lu")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(name, line, "", f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[error.start]:02x} "
                                              "illisible) : enregistrez-le en UTF-8 dans votre éditeur")]
    return parse(text, name, path, empty)


def file_order(path: Path) -> list:
    """Sort key of files in name order, numbers in numeric order: 9-…, 10-…, 100-…"""
    return number_order(path.name)


def read_all(root: Path, pattern: str) -> tuple[list[Document], list[Problem]]:
    """Every file of a folder pattern (e.g. "roadmap_site/schemas/*.schema.yml"), in name order, numbers in numeric
    order."""
    return read_paths(sorted(root.glob(pattern), key=file_order), root)


def read_paths(paths, root: Path) -> tuple[list[Document], list[Problem]]:
    documents, problems = [], []
    for path in paths:
        document, found = read_file(path, root)
        problems += found
        if document is not None:
            documents.append(document)
    return documents, problems
