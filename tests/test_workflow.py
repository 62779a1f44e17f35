"""The publishing workflow (.github/workflows/site.yml), read as GitHub reads it: actions pinned to full
commit SHAs, runs on main never cancelled, the automatic commit staging every folder `make adresses` and
`make schemas` may rewrite and rebasing on main before pushing, a pull request's summary and preview, and
no nginx rules published where the host cannot use them."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from roadmap_site import WATCHED
from tests.conftest import ROOT

PATH = ROOT / ".github" / "workflows" / "site.yml"
TEXT = PATH.read_text(encoding="utf-8")
WORKFLOW = yaml.safe_load(TEXT)
JOBS = WORKFLOW["jobs"]
PINNED = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}")


def steps(job: str) -> list[dict]:
    return JOBS[job]["steps"]


def index(job: str, predicate) -> int:
    found = [i for i, step in enumerate(steps(job)) if predicate(step)]
    assert len(found) == 1, (job, found)
    return found[0]


def uses(name: str):
    return lambda step: step.get("uses", "").startswith(name + "@")


def runs(words: str):
    return lambda step: words in step.get("run", "")


@pytest.mark.parametrize("line", [line for line in TEXT.splitlines() if re.match(r"\s*(- )?uses:", line)])
def test_every_action_is_pinned_to_a_commit_with_its_version(line):
    reference, _, comment = line.split("uses:", 1)[1].partition("#")
    assert PINNED.fullmatch(reference.strip()), line
    assert re.fullmatch(r"v\d+\.\d+\.\d+", comment.strip()), line


def test_the_workflow_uses_the_expected_actions():
    used = {step["uses"].split("@")[0] for job in JOBS.values() for step in job.get("steps", []) if "uses" in step}
    assert used == {"actions/checkout", "actions/upload-artifact", "actions/upload-pages-artifact",
                    "actions/deploy-pages"}


def test_runs_on_main_never_cancel_each_other():
    concurrency = WORKFLOW["concurrency"]
    assert "${{ github.ref }}" in concurrency["group"]  # one group per branch or pull request
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert all("concurrency" not in job for job in JOBS.values())


def test_the_automatic_commit_stages_every_rewritten_folder_and_rebases_before_pushing():
    script = steps("enregistrer")[index("enregistrer", runs("git commit"))]["run"]
    lines = [line.strip() for line in script.splitlines()]
    add = next(shlex.split(line) for line in lines if line.startswith("git add"))
    assert add[:4] == ["git", "add", "-A", "--"]
    assert sorted(add[4:]) == sorted({*WATCHED, "schemas"})  # the engine's list, repeated here: the same, once each
    assert "git diff --cached --quiet" in script  # nothing staged: nothing to commit
    commit, pull, push = (script.index(words) for words in ("git commit", "git pull --rebase origin main",
                                                            "git push origin HEAD:main"))
    assert commit < pull < push
    assert re.search(r"for \w+ in 1 2; do", script)  # a second try when main moved again meanwhile
    checkout = steps("enregistrer")[index("enregistrer", uses("actions/checkout"))]
    assert checkout["with"]["fetch-depth"] == 0
    assert JOBS["enregistrer"]["permissions"] == {"contents": "write"}


def test_a_pull_request_gets_the_changes_for_readers_and_a_preview():
    job = "donnees"
    summary = steps(job)[index(job, runs("changements"))]
    assert summary["if"] == "github.event_name == 'pull_request'"
    assert summary["env"] == {"BASE_REF": "${{ github.base_ref }}"}  # never interpolated into the script
    assert summary["run"].strip() == 'make -s changements BASE="origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"'
    preview = steps(job)[index(job, uses("actions/upload-artifact"))]
    assert preview["if"] == "github.event_name == 'pull_request'" and preview["with"]["path"] == "site"
    assert index(job, runs("make check")) < index(job, runs("changements")) < index(job, runs("make build"))
    checkout = steps(job)[index(job, uses("actions/checkout"))]
    assert checkout["with"]["fetch-depth"] == 0  # make check compares with origin/main
    assert WORKFLOW["permissions"] == {"contents": "read"}


def test_the_nginx_rules_are_not_uploaded():
    job = "donnees"
    removed = index(job, runs("rm -f site/_redirections.conf"))
    assert index(job, runs("make build")) < removed
    assert removed < index(job, uses("actions/upload-pages-artifact"))
    assert removed < index(job, uses("actions/upload-artifact"))
