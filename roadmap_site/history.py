"""What changed in each record file, read from the repository's git history.

Three git commands whatever the number of records: `rev-parse` (is this a repository, is it shallow),
one `log --raw -M` over the folders holding the records (every commit, its files, renames and blob
ids), and one `cat-file --batch` that streams the blobs whose YAML is compared. Renames are followed
by walking the log newest first and carrying each record back to its former path, as `git log --follow`
does, with the same limit: on parallel branches that rename and edit the same file, the linear order
decides. Merge commits bring no change of their own (their branches' commits are listed instead).

Each version is read by roadmap_site.read, the reader of today's files, so a value has the same type in
every version (`no`, `1_000`, `2024-01-01` stay the texts written, as that reader gives them, never YAML
1.1's false, 1000 or a date): a feed never reports a change that is only a difference of parsing. A version
it cannot read at all (invalid YAML, not a mapping) is unreadable, and its changes are left out of the feeds
(which count them). A value it reads but refuses (an old version may predate a rule) is compared as read:
refusing the whole version would drop a real change, such as a record's creation, from the feeds.

Commit authors are not read at all: the names in commits are personal data, and nothing here needs them.
Nothing raises: without git, outside a repository or in a clone without history, `available` is False
and `reason` says why in French.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .read import parse

CREATION, MODIFICATION, RENAME, DELETION = "création", "modification", "renommage", "suppression"

# Why there is no history, as shown to readers of the feed.
REASONS = {
    "no_git": "historique indisponible : git n'est pas installé sur la machine qui a construit le site",
    "not_repo": "historique indisponible : le site a été construit hors d'un dépôt git "
                "(archive ou copie des fichiers)",
    "unsafe": "historique indisponible : git refuse de lire ce dépôt, qui appartient à un autre utilisateur "
              "(réglage safe.directory)",
    "no_commit": "historique indisponible : le dépôt git n'a encore aucun commit",
    "shallow": "historique indisponible : le dépôt a été cloné sans son historique (clone superficiel)",
    "no_history": "historique indisponible : ces fichiers n'ont aucun historique dans le dépôt git",
    "partial": "historique partiel : le dépôt a été cloné sans tout son historique (clone superficiel) ; "
               "les changements les plus anciens ne sont pas connus",
    "git_error": "historique indisponible : git a échoué ({detail})",
    "timeout": "historique indisponible : git n'a pas répondu en {seconds} secondes et a été arrêté ; "
               "le site a été construit sans l'historique",
}

# Summaries of a change. {de_record} and {de_fields} are "de" + an article already contracted
# (« de la fiche », « de l'intitulé et des ressources humaines »).
WORDING = {
    CREATION: "Création {de_record}",
    DELETION: "Suppression {de_record}",
    MODIFICATION: "Modification {de_fields}",
    RENAME: "Renommage du fichier (nouvelle adresse)",
    "rename_and_fields": "Renommage du fichier (nouvelle adresse) et modification {de_fields}",
    "layout_only": "Modification de la mise en forme du fichier, sans changement du contenu",
    "other_fields": "d'autres champs",  # fields outside the schema, never named
    "and": " et ",
}

_NULL_OID = "0" * 40
TIMEOUT = 300  # seconds each git command may take: a build never waits forever on git (tests make it small)
LAST_COMMIT_TIMEOUT = 10  # seconds for the one-line question of the last commit's date


@dataclass(frozen=True)
class Change:
    """One commit's change to one record file."""

    record: str  # the path the caller asked about (the record's current path)
    commit: str  # full hash
    date: str  # author date, ISO 8601 with its offset (2026-11-28T15:42:53+01:00)
    subject: str  # first line of the commit message, as written by its author
    kind: str  # CREATION, MODIFICATION, RENAME or DELETION
    path: str  # path after the change (for a deletion, the path deleted)
    old_path: str | None  # path before a rename, else None
    fields: tuple[str, ...]  # top-level keys whose value changed (empty for a creation or deletion)
    unreadable_before: bool  # roadmap_site.read cannot read the previous version as a mapping: fields unknown
    unreadable_after: bool  # roadmap_site.read cannot read this version as a mapping


@dataclass(frozen=True)
class History:
    """The changes to the records, newest first, or why they are unknown."""

    available: bool
    complete: bool  # False when the clone is shallow: the oldest changes are missing
    reason: str | None  # French, set when not available or not complete
    changes: tuple[Change, ...]

    def of(self, record: str) -> tuple[Change, ...]:
        """Changes to one record, newest first."""
        return self._by_record.get(record, ())

    @cached_property
    def _by_record(self) -> dict[str, tuple[Change, ...]]:
        """The changes indexed by record once, so that asking for one record costs its own changes only."""
        found: dict[str, list[Change]] = {}
        for change in self.changes:
            found.setdefault(change.record, []).append(change)
        return {record: tuple(changes) for record, changes in found.items()}


def _unavailable(key: str, **detail: str) -> History:
    return History(False, False, REASONS[key].format(**detail), ())


def record_history(root: Path, paths: Iterable[str]) -> History:
    """The history of each record file in `paths` (relative to `root`), renames followed."""
    paths = list(dict.fromkeys(paths))
    git = shutil.which("git")
    if git is None:
        return _unavailable("no_git")
    try:
        return _read(git, Path(root), paths)
    except subprocess.TimeoutExpired as error:
        return _unavailable("timeout", seconds=f"{error.timeout:g}".replace(".", ","))
    except (OSError, subprocess.SubprocessError, ValueError) as error:  # ValueError: output not understood
        return _unavailable("git_error", detail=type(error).__name__)


def run_git(root: Path, *args: str, git: str | None = None, timeout: float | None = None
            ) -> subprocess.CompletedProcess:
    """Run git in `root` and capture its output (bytes); the one way the engine runs git.

    Raises OSError without git, and subprocess.TimeoutExpired after `timeout` seconds (default TIMEOUT),
    once git and whatever it started (a pager, a filter, a credential helper) are killed."""
    git = git or shutil.which("git")
    if git is None:
        raise FileNotFoundError("git")
    with _started(_git(git, Path(root), *args), stdin=subprocess.DEVNULL) as process:
        try:
            out, err = process.communicate(timeout=TIMEOUT if timeout is None else timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _started(command: list[str], stdin: int, stderr: int = subprocess.PIPE) -> subprocess.Popen:
    """git in a process group of its own, so that a timeout kills its children too."""
    return subprocess.Popen(command, stdin=stdin, stdout=subprocess.PIPE, stderr=stderr, env=_env(),
                            start_new_session=True)


def _kill(process: subprocess.Popen) -> None:
    _kill_group(process)
    try:
        process.communicate(timeout=5)
    except subprocess.TimeoutExpired:  # a child that left the group still holds the pipes: stop reading them
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
        process.wait()


def _kill_group(process: subprocess.Popen) -> None:
    killpg = getattr(os, "killpg", None)  # POSIX; elsewhere only git itself is killed
    try:
        if killpg is not None:
            killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass


def last_commit_date(root: Path) -> str | None:
    """The date of the last commit of the repository holding `root` (ISO 8601 with its offset), or None
    without git, outside a repository, before the first commit, or when git does not answer within
    LAST_COMMIT_TIMEOUT seconds (a `log -1` is instant in a healthy repository)."""
    try:
        done = run_git(root, "log", "-1", "--format=%cI", timeout=LAST_COMMIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    date = os.fsdecode(done.stdout).strip()
    return date if done.returncode == 0 and date else None


def _env() -> dict[str, str]:
    """The environment without what a git hook sets to point git at another repository or index."""
    hook_variables = {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
                      "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX"}
    env = {key: value for key, value in os.environ.items() if key not in hook_variables}
    env.update(LC_ALL="C", LANGUAGE="")  # git's messages in English, to recognise them
    return env


def _git(git: str, root: Path, *args: str) -> list[str]:
    # Paths are names, not patterns; a user's log.showSignature would mix gpg output into the log.
    return [git, "-C", str(root), "--literal-pathspecs", "-c", "log.showSignature=false", *args]


def _read(git: str, root: Path, paths: list[str]) -> History:
    probe = run_git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--git-path", "shallow",
                    git=git)
    if probe.returncode != 0:
        return _unavailable("unsafe" if b"dubious ownership" in probe.stderr else "not_repo")
    inside, shallow, shallow_file = os.fsdecode(probe.stdout).splitlines()
    if inside != "true":
        return _unavailable("not_repo")
    boundary = set((root / shallow_file).read_text().split()) if shallow == "true" else set()

    log = run_git(root, "log", "--raw", "-z", "-M", "--no-abbrev", "--root", "--topo-order", "--relative",
                  "--no-follow", "--format=%x1e%H%x00%aI%x00%s", "--", *_folders(paths), git=git)
    if log.returncode != 0:
        has_head = run_git(root, "rev-parse", "-q", "--verify", "HEAD", git=git).returncode == 0
        if not has_head:
            return _unavailable("no_commit")
        # git's own message may hold local paths: it is not for the public feed.
        return _unavailable("git_error", detail=f"git log, code {log.returncode}")

    raw = [commit for commit in _parse_log(log.stdout) if commit[0] not in boundary]
    found = _follow(raw, paths)
    if not found:
        return _unavailable("shallow" if boundary else "no_history")
    fingerprints = _fingerprints(git, root, _needed_blobs(found))
    changes = tuple(_change(entry, fingerprints) for entry in found)
    if boundary:
        return History(True, False, REASONS["partial"], changes)
    return History(True, True, None, changes)


def _folders(paths: list[str]) -> list[str]:
    """Top-level folders of the records: a rename inside them is seen; one from elsewhere is a creation."""
    return sorted({path.split("/", 1)[0] for path in paths}) or ["."]


# One commit of the log: (hash, date, subject, [(status, old blob, new blob, paths…)]).
_Commit = tuple[str, str, str, list[tuple[str, str, str, tuple[str, ...]]]]


def _parse_log(output: bytes) -> Iterator[_Commit]:
    """Read `git log --raw -z` whose format starts each commit with \\x1e and NUL-separated fields."""
    tokens = output.split(b"\0")
    commit: _Commit | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip(b"\n")
        if token.startswith(b"\x1e"):
            if commit is not None:
                yield commit
            commit = (token[1:].decode("ascii"), tokens[index + 1].decode("ascii"),
                      tokens[index + 2].decode("utf-8", "replace"), [])
            index += 3
        elif token.startswith(b":") and commit is not None:
            old, new, status = _split_raw(token)
            count = 2 if status[0] in "RC" else 1
            names = tuple(os.fsdecode(name) for name in tokens[index + 1:index + 1 + count])
            commit[3].append((status[0], old, new, names))
            index += 1 + count
        else:
            index += 1
    if commit is not None:
        yield commit


def _split_raw(token: bytes) -> tuple[str, str, str]:
    """`:100644 100644 <old blob> <new blob> R086` → (old blob, new blob, status)."""
    _old_mode, _new_mode, old, new, status = token[1:].decode("ascii").split(" ")
    return old, new, status


# A change found in the log, before its YAML is compared:
# (record, commit, date, subject, kind, path, old path, old blob, new blob).
_Found = tuple[str, str, str, str, str, str, "str | None", str, str]


def _follow(log: Iterable[_Commit], paths: list[str]) -> list[_Found]:
    """Walk the log newest first, carrying each record back through its renames.

    As with `git log -- path`, a path deleted then created again keeps its earlier history (a fiche
    restored after a mistaken deletion), unless an older rename hands the path to another record.
    """
    tracked = {path: path for path in paths}  # path at this point of history → record
    found: list[_Found] = []
    for commit, date, subject, entries in log:
        ended: list[str] = []
        renamed: dict[str, str] = {}
        for status, old_blob, new_blob, names in entries:
            path = names[-1]
            record = tracked.get(path)
            if record is None:
                continue
            old_path = names[0] if status == "R" else None
            kind = {"A": CREATION, "D": DELETION, "R": RENAME}.get(status, MODIFICATION)
            found.append((record, commit, date, subject, kind, path, old_path, old_blob, new_blob))
            if status == "R":
                ended.append(path)
                renamed[names[0]] = record
        for path in ended:
            del tracked[path]
        tracked.update(renamed)
    return found


def _needed_blobs(found: list[_Found]) -> list[str]:
    """Versions to parse: both sides of a modification or rename, the new side of a creation."""
    blobs: dict[str, None] = {}
    for *_, kind, _path, _old_path, old, new in found:
        if kind in (MODIFICATION, RENAME):
            blobs[old] = None
        if kind != DELETION:
            blobs[new] = None
    blobs.pop(_NULL_OID, None)
    return list(blobs)


# A version's top-level keys in file order and the 8-byte digests of their values, end to end; None when
# roadmap_site.read cannot read the version as a mapping. Every build reads them again: nothing is kept
# between the rebuilds of mkdocs serve (reading the 137 versions of this repository takes 0,1 s).
_Fingerprint = tuple[tuple[str, ...], bytes] | None
_DIGEST = 8


def _fingerprints(git: str, root: Path, blobs: list[str]) -> dict[str, _Fingerprint]:
    """Stream the blobs through one `git cat-file --batch` and keep only a fingerprint of each.

    A blob missing from this clone is left out, so that it reads as unreadable and is not remembered. Past
    TIMEOUT seconds, git is killed (a timer, as the output is read while it comes) and TimeoutExpired raised."""
    if not blobs:
        return {}
    process = _started(_git(git, root, "cat-file", "--batch"), stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stdin, stdout = process.stdin, process.stdout
    assert stdin is not None and stdout is not None  # both piped
    timeout = TIMEOUT
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        _kill_group(process)

    timer = threading.Timer(timeout, expire)
    timer.daemon = True
    timer.start()

    def feed() -> None:
        try:
            stdin.write("".join(f"{blob}\n" for blob in blobs).encode("ascii"))
            stdin.close()
        except OSError:  # git killed, or gone: what it printed is read as far as it goes
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result: dict[str, _Fingerprint] = {}
    try:
        for blob in blobs:
            header = stdout.readline().split()
            if len(header) != 3:  # "<oid> missing"
                continue
            content = stdout.read(int(header[2]) + 1)[:-1]
            result[blob] = _fingerprint(content) if header[1] == b"blob" else None
    finally:
        timer.cancel()
        writer.join(timeout=timeout)
        stdout.close()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise
    if expired.is_set():
        raise subprocess.TimeoutExpired(process.args, timeout)
    return result


def _fingerprint(content: bytes) -> _Fingerprint:
    """The fingerprint of a version as roadmap_site.read reads it (its problems aside); None when it cannot
    read it or it is not a mapping."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    document, _problems = parse(text, "historique")
    if document is None or not isinstance(document.data, dict):
        return None
    data = document.data
    keys = tuple(sys.intern(key) for key in data)
    digests = b"".join(hashlib.blake2b(_canonical(value).encode("utf-8", "surrogatepass"),
                                       digest_size=_DIGEST).digest() for value in data.values())
    return keys, digests


def _by_key(fingerprint: tuple[tuple[str, ...], bytes]) -> dict[str, bytes]:
    keys, digests = fingerprint
    return {key: digests[index * _DIGEST:(index + 1) * _DIGEST] for index, key in enumerate(keys)}


def _canonical(value: object) -> str:
    """A text equal for equal values: mapping order ignored, 4000 and 4000.0 the same, "4000" not."""
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_canonical(k)}:{_canonical(v)}" for k, v in value.items())) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(item) for item in value) + "]"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{type(value).__name__}={value!r}"
    return f"n={int(value) if isinstance(value, float) and value.is_integer() else value!r}"


def _change(found: _Found, fingerprints: Mapping[str, _Fingerprint]) -> Change:
    record, commit, date, subject, kind, path, old_path, old_blob, new_blob = found
    before = fingerprints.get(old_blob) if kind in (MODIFICATION, RENAME) else ((), b"")
    after = fingerprints.get(new_blob) if kind != DELETION else ((), b"")
    fields: tuple[str, ...] = ()
    if kind in (MODIFICATION, RENAME) and before is not None and after is not None:
        old, new = _by_key(before), _by_key(after)
        fields = tuple(key for key in new if old.get(key) != new[key]) + tuple(key for key in old if key not in new)
    return Change(record, commit, date, subject, kind, path, old_path, fields,
                  unreadable_before=before is None, unreadable_after=after is None)


def summary(change: Change, labels: Mapping[str, str], record: str = "la fiche") -> str:
    """A French sentence saying what a change did: « Modification de l'intitulé et des ressources humaines ».

    `labels` name each field of the record's schema with its definite article (« l'intitulé », « les
    ressources humaines »), so that « de » contracts correctly; `record` names the record the same way. A
    field outside the schema (an old or hostile version's key) is never named. For a change whose versions
    were both read (the feeds leave the others out).
    """
    if change.kind in (CREATION, DELETION):
        return WORDING[change.kind].format(de_record=_de(record))
    names = list(dict.fromkeys(labels[field] for field in change.fields if field in labels))
    others = any(field not in labels for field in change.fields)
    # Only fields outside the schema: the record changed, what of it is not said.
    de_fields = _de_all(names, others) if names else _de(record)
    if change.kind == RENAME:
        return WORDING["rename_and_fields"].format(de_fields=de_fields) if change.fields else WORDING[RENAME]
    if not change.fields:
        return WORDING["layout_only"]
    return WORDING[MODIFICATION].format(de_fields=de_fields)


def _de_all(names: list[str], others: bool = False) -> str:
    """« de l'intitulé, du public cible et des ressources humaines »: « de » repeated and contracted;
    « et d'autres champs » after them for fields outside the schema."""
    contracted = [_de(name) for name in names] + ([WORDING["other_fields"]] if others else [])
    if len(contracted) <= 1:
        return "".join(contracted)
    return ", ".join(contracted[:-1]) + WORDING["and"] + contracted[-1]


def _de(name: str) -> str:
    """« de » before a noun phrase: le → du, les → des, la → de la, l' → de l'."""
    for article, contracted in (("les ", "des "), ("le ", "du ")):
        if name.startswith(article):
            return contracted + name[len(article):]
    if name[:1].lower() in "aâàeéèêëiîïoôuûùy" and not name.startswith(("l'", "l’")):
        return "d'" + name
    return "de " + name
