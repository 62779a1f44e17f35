"""Turn JSON Schema validation errors into French messages a non-developer can act on.

The wording comes from the schema itself (field titles, examples, `x-message`), so the schema stays the
single source of truth for what a field expects.
"""

from __future__ import annotations

import difflib
import re
from typing import AbstractSet, Any, Iterator

from .characters import differences, fold, suspects, unquoted
from .schema import SchemaError, SchemaSet, example, vocabulary_source
from .sources import RECORD_VOCABULARIES

_LISTED_VALUES_MAX = 12


def found(value: Any) -> str:
    """Describe what the editor wrote, in their terms."""
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"« {'true' if value else 'false'} »"
    if isinstance(value, dict):
        keys = ", ".join(str(k) for k in value)
        return f"des champs ({keys})"
    if isinstance(value, list):
        return "une liste"
    text = str(value)
    return f"« {text if len(text) <= 60 else text[:57] + '…'} »"


def _unknown_record(vocabulary: str, wrong: Any) -> str:
    """A deleted record, or a typo: either way, never another existing record in its place."""
    return (f"{found(wrong)} n'existe pas ou plus (introuvable dans {vocabulary_source(vocabulary)}) : s'il a été "
            "supprimé ou renommé, retirez ou corrigez cette mention")


def _values(values: list, vocabulary: str | None, wrong: Any) -> str:
    values = [str(v) for v in values]
    close = [] if str(wrong).isdigit() else difflib.get_close_matches(str(wrong), values, n=1, cutoff=0.6)
    hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""  # 2 is no likely typo of 21
    if len(values) <= _LISTED_VALUES_MAX:
        return "valeurs possibles : " + ", ".join(values) + hint
    where = f" (liste complète : {vocabulary_source(vocabulary)})" if vocabulary else ""
    return f"valeur inconnue{where}{hint}"


_TYPED_NUMBER = re.compile(r"[-+]?[0-9][0-9 .,\u00a0\u202f]*(?:\s*(?:k?€|euros?|ETP|%|HT|TTC))*", re.IGNORECASE)


def _number_hint(text: str) -> str:
    """What to write for a figure typed as in a document: « 4 000 € » → 4000, « 0,15 » → 0.15."""
    inside = unquoted(text)
    if inside is not None and _number_hint(inside):
        return f" : les guillemets {text.strip()[0]} {text.strip()[-1]} font partie de la valeur{_number_hint(inside)}"
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        return f" : écrivez {text} sans guillemets"
    if not _TYPED_NUMBER.fullmatch(text.strip()):
        return ""
    digits = re.sub(r"[^0-9.,]", "", text)
    if "," in digits and "." not in digits and re.fullmatch(r"[0-9]+,[0-9]+", digits):
        digits = digits.replace(",", ".")
    elif re.fullmatch(r"[0-9]{1,3}([.,][0-9]{3})+", digits):
        digits = re.sub("[.,]", "", digits)
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", digits):
        return ""
    factor = 1000 if re.search("k€", text, re.IGNORECASE) else 1
    value = float(digits) * factor
    written = str(int(value)) if value.is_integer() else str(value)
    return f" : écrivez {written} (chiffres seuls, point décimal, sans espace ni unité)"


def type_hint(expected: Any, instance: Any) -> str:
    """The fix for a value of the wrong type, when the editor's intent is clear."""
    types = expected if isinstance(expected, list) else [expected]
    if "integer" in types and isinstance(instance, float) and instance.is_integer():
        return f" : écrivez {int(instance)}, sans « .0 »"
    if ({"number", "integer"} & set(types)) and isinstance(instance, str):
        return _number_hint(instance)
    if "string" in types and isinstance(instance, (bool, int, float)):
        written = ("true" if instance else "false") if isinstance(instance, bool) else str(instance)
        return f" : si c'est bien le texte voulu, mettez-le entre guillemets (\"{written}\")"
    if "string" in types and isinstance(instance, dict) and len(instance) == 1:
        return " : un texte qui contient « : » doit être entre guillemets (\"…\")"
    return ""


def mistyped(text: Any, accepted) -> str | None:
    """When `text` would be accepted but for characters that are not what they look like (a curly
    apostrophe, a Cyrillic letter, an invisible space…) or for typographic quotes around it: what to fix."""
    if not isinstance(text, str):
        return None
    if suspects(text) and accepted(fold(text)):
        return differences(text)
    inside = unquoted(text)
    if inside is not None and accepted(fold(inside)):
        edges = text.strip()
        return (f"les guillemets {edges[0]} {edges[-1]} font partie de la valeur : écrivez \"{fold(inside)}\" "
                "avec des guillemets droits, ou sans guillemets")
    return None


class Explainer:
    """Explains validation errors; what a field accepts is worded by the schema reader (roadmap_site.schema),
    the same words as the contributor guide.

    `refused`: values their own file refuses (an identifier « lot-numérique: » against its pattern); a
    value that differs from one of them is not reported again at each use: its file's message says it."""

    def __init__(self, schemas: SchemaSet, refused: AbstractSet[str] = frozenset()):
        self.schemas = schemas
        self.refused = refused

    def unexplained(self, value: Any) -> str:
        """A refusal no explanation covers: it still counts, and is said."""
        return f"{found(value)} ne convient pas ici : écrivez une valeur conforme au guide du contributeur"

    def expected(self, schema: dict) -> str:
        return self.schemas.accepts(schema, None)

    def explain(self, error: SchemaError) -> Iterator[tuple[tuple, str]]:
        """Yield (path, message) pairs for one error; one error may concern several fields."""
        schema = error.schema if isinstance(error.schema, dict) else {}
        path = tuple(error.absolute_path)
        kind = error.validator
        # jsonschema's stubs allow `Unset`, for an error built by hand: a validator sets both
        instance: Any = error.instance
        validator_value: Any = error.validator_value
        if "x-message" in schema:
            yield path, schema["x-message"]
        elif kind == "type":
            yield path, (f"attendu {self.expected(schema)}, trouvé {found(instance)}"
                         + type_hint(schema.get("type"), instance))
        elif kind == "required":
            # A missing field written with a typo: the unknown field's message says it (« vouliez-vous dire »).
            unknown = [str(name) for name in instance if name not in schema.get("properties", {})
                       ] if schema.get("additionalProperties") is False else []
            for name in validator_value:
                if name not in instance and not difflib.get_close_matches(name, unknown, n=1, cutoff=0.6):
                    title = schema.get("properties", {}).get(name, {}).get("title")
                    yield path + (name,), "champ obligatoire manquant" + (f" ({title})" if title else "")
        elif kind == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            for name in instance:
                if name not in allowed:
                    close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
                    hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
                    yield path + (name,), f"champ inconnu ; champs possibles ici : {', '.join(allowed)}{hint}"
        elif kind in ("enum", "const"):
            values = validator_value if kind == "enum" else [validator_value]
            if not isinstance(instance, str) and str(instance) in map(str, values):
                return  # `objectif: 2.1`, a number: its type error says to quote it
            written = set(map(str, values))
            fix = mistyped(instance, written.__contains__)
            if fix:
                yield path, f"{found(instance)} n'est pas une valeur permise : {fix}"
                return
            refused = written & self.refused
            close = difflib.get_close_matches(str(instance), list(written), n=1, cutoff=0.6)
            if refused and close and close[0] in refused:
                return
            if schema.get("x-vocabulaire") in RECORD_VOCABULARIES:
                yield path, _unknown_record(schema["x-vocabulaire"], instance)
                return
            yield path, f"{found(instance)} n'est pas une valeur permise ; " + _values(
                [v for v in values if str(v) not in refused], schema.get("x-vocabulaire"), instance)
        elif kind in ("oneOf", "anyOf"):
            yield from self._alternatives(error)
        elif kind == "minItems":
            yield path, ("liste vide : ajoutez au moins un élément (ou écrivez « non renseigné » si la rubrique "
                         "le permet)")
        elif kind == "minLength":
            yield path, "texte vide ou trop court"
        elif kind == "pattern":
            fix = mistyped(instance, lambda text: re.fullmatch(validator_value, text))
            yield path, (f"{found(instance)} ne convient pas : " + (fix or (
                f"attendu {schema.get('x-attendu', 'le format indiqué dans le guide')}{example(schema)}")))
        elif kind == "format":
            yield path, f"{found(instance)} n'est pas une date du calendrier : attendu {self.expected(schema)}"
        elif kind in ("minimum", "exclusiveMinimum", "maximum"):
            relation = {"minimum": "supérieur ou égal à", "exclusiveMinimum": "strictement supérieur à",
                        "maximum": "inférieur ou égal à"}[kind]
            yield path, f"{found(instance)} hors limites : attendu un nombre {relation} {validator_value}"
        elif kind == "dependentRequired":
            for trigger, needed in validator_value.items():
                if trigger in instance:
                    for name in needed:
                        if name not in instance:
                            yield path + (name,), f"champ obligatoire quand « {trigger} » est renseigné"
        elif kind == "uniqueItems":
            twice = [item for index, item in enumerate(instance) if item in instance[:index]]
            yield path, f"{found(twice[0]) if twice else 'une valeur'} figure deux fois dans la liste : gardez-en une"
        elif kind == "minProperties":
            yield path, "rubrique vide : ajoutez au moins un élément"
        else:  # a rule no schema of the engine uses yet: named, in French, never the validator's English text
            yield path, f"valeur non conforme à la règle « {kind} » du schéma"

    def _alternatives(self, error: SchemaError) -> Iterator[tuple[tuple, str]]:
        """Explain a failed oneOf by following the one branch that matches what was written, if any."""
        path = tuple(error.absolute_path)
        instance: Any = error.instance
        options: Any = error.validator_value
        branches: dict[int, list[SchemaError]] = {i: [] for i in range(len(options))}
        for sub in error.context or []:
            branches[int(sub.relative_schema_path[0])].append(sub)
        passing = [i for i, subs in branches.items() if not subs]
        constants = [self.schemas.resolve(option, None)[0].get("const") for option in options]
        fix = mistyped(instance, lambda text: text in constants)
        if fix and not passing:
            yield path, f"{found(instance)} n'est pas une valeur permise : {fix}"
            return
        if len(passing) > 1:
            yield path, "une seule de ces formes à la fois : " + " ou ".join(self.expected(options[i]) for i in passing)
            return

        def root_failures(subs, kinds):
            return any(tuple(s.absolute_path) == path and s.validator in kinds for s in subs)

        right_type = [i for i, subs in branches.items() if not root_failures(subs, ("type", "const", "enum"))]
        complete = [i for i in right_type if not root_failures(branches[i], ("required",))]
        right_shape = [i for i in complete if not root_failures(branches[i], ("additionalProperties",))]
        for candidates in (right_shape, complete, right_type):
            if len(candidates) == 1:
                for sub in branches[candidates[0]]:
                    yield from self.explain(sub)
                return
        yield path, f"attendu {' ou '.join(self.expected(o) for o in options)}, trouvé {found(instance)}"
