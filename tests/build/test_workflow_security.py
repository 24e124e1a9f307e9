"""The workflows are safe to run on pull requests from strangers: actions pinned to commits, no token left in
the checkout, a deploy never cancelled half-way, and the Pages build installed from a hash-locked file that
agrees with pyproject.toml. (test_publishing.py lints the workflows and checks what they do.)"""

import re
import shlex
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from support import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
SITE = REPO / ".github" / "workflows" / "site.yml"
LOCK = REPO / "requirements" / "pages.txt"
LOCK_NAME = "requirements/pages.txt"

PINNED = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<q>[\"']?)(?P<ref>[^\s\"'#]+)(?P=q)\s*(?P<comment>#.*)?$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+)*\b")


def load(path):
    return yaml.safe_load(path.read_text())


def jobs(path):
    return load(path)["jobs"].items()


def steps(path):
    return [step for _, job in jobs(path) for step in job.get("steps", [])]


def uses(path):
    """Every action and reusable workflow the file calls, as YAML reads it."""
    called = [job["uses"] for _, job in jobs(path) if "uses" in job]
    return called + [step["uses"] for step in steps(path) if "uses" in step]


def runs(path):
    return "\n".join(step.get("run", "") for step in steps(path))


def test_there_are_workflows_to_check():
    assert SITE in WORKFLOWS


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    for path in WORKFLOWS:
        lines = [(n, USES_LINE.match(line)) for n, line in enumerate(path.read_text().splitlines(), 1)
                 if re.match(r"^\s*(-\s+)?uses:", line)]
        # Comments are lost to the YAML parser: read them off the lines, and make sure those lines are all of them.
        assert sorted(m["ref"] for _, m in lines if m) == sorted(uses(path)), \
            f"{path.name}: write every `uses:` on a line of its own, `uses: owner/repo@<sha> # vX.Y.Z`"
        for n, m in lines:
            assert PINNED.fullmatch(m["ref"]), f"{path.name}:{n}: {m['ref']} is not pinned to a full commit SHA"
            assert m["comment"] and VERSION_COMMENT.search(m["comment"]), \
                f"{path.name}:{n}: {m['ref']} has no `# vX.Y.Z` comment saying which release the SHA is"


def test_checkouts_leave_no_credentials_behind():
    checkouts = [(path, step) for path in WORKFLOWS for step in steps(path)
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for path, step in checkouts:
        assert str(step.get("with", {}).get("persist-credentials")).lower() == "false", \
            f"{path.name}: actions/checkout without `persist-credentials: false`"


def may_cancel_in_progress(concurrency) -> bool:
    """Anything but a plain false (an expression too) may cancel a running job; a bare group name does not."""
    if concurrency is None or isinstance(concurrency, str):
        return False
    return concurrency.get("cancel-in-progress", False) is not False


def test_a_deploy_in_progress_is_never_cancelled():
    deploying = []
    for path in WORKFLOWS:
        workflow = load(path)
        for name, job in workflow["jobs"].items():
            if not any(step.get("uses", "").startswith("actions/deploy-pages@") for step in job.get("steps", [])):
                continue
            deploying.append(name)
            # A run-level group cancels the whole run, this job with it; the job's own group cancels the job.
            for level, concurrency in (("workflow", workflow.get("concurrency")), ("job", job.get("concurrency"))):
                assert not may_cancel_in_progress(concurrency), \
                    f"{path.name}: {level}-level concurrency can cancel job {name} while it deploys"
            # Deploys still queue one behind the other.
            own = job.get("concurrency")
            assert own and (own if isinstance(own, str) else own.get("group")), \
                f"{path.name}: job {name} deploys without a concurrency group of its own"
    assert deploying


def pip_installs(text):
    text = re.sub(r"\\\n", " ", text)
    return [shlex.split(line.strip()) for line in text.splitlines() if "pip install" in line]


def from_the_lock_or_this_project_alone(words) -> bool:
    if "-r" in words:
        return "--require-hashes" in words and words[words.index("-r") + 1] == LOCK_NAME
    return "--no-deps" in words and words[-1] == "." and not {"-e", "--editable"} & set(words)


def test_the_pages_build_installs_from_the_lock_file_with_hashes():
    assert LOCK.is_file()
    installs = pip_installs(runs(SITE))
    assert ["python", "-m", "pip", "install", "--require-hashes", "-r", LOCK_NAME] in installs
    assert ["python", "-m", "pip", "install", "--no-deps", "."] in installs
    for words in installs:
        assert from_the_lock_or_this_project_alone(words), \
            f"site.yml installs outside the lock file: {shlex.join(words)}"


def lock_entries():
    """requirements/pages.txt as {name: (requirement, hashes)}; backslash continuations joined, comments dropped."""
    text = re.sub(r"\\\n", " ", LOCK.read_text())
    entries = {}
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        requirement = Requirement(words[0])
        name = canonicalize_name(requirement.name)
        assert name not in entries, f"{LOCK_NAME}: {requirement.name} twice"
        entries[name] = (requirement, [w for w in words[1:] if re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", w)])
    return entries


def pinned_version(requirement) -> Version:
    (spec,) = requirement.specifier
    assert spec.operator == "==" and "*" not in spec.version, f"{LOCK_NAME}: {requirement} is not pinned with =="
    return Version(spec.version)


def test_every_line_of_the_lock_file_is_pinned_with_a_hash():
    entries = lock_entries()
    assert entries
    for name, (requirement, hashes) in entries.items():
        pinned_version(requirement)
        assert hashes, f"{LOCK_NAME}: {requirement} has no --hash=sha256:..."


def test_the_lock_file_pins_every_dependency_of_pyproject_within_its_range():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    entries = lock_entries()
    for line in project["dependencies"]:
        wanted = Requirement(line)
        if wanted.marker and not wanted.marker.evaluate():
            continue
        name = canonicalize_name(wanted.name)
        assert name in entries, f"{LOCK_NAME} lacks {wanted.name} (regenerate it: see its header)"
        version = pinned_version(entries[name][0])
        assert wanted.specifier.contains(version, prereleases=True), \
            f"{LOCK_NAME} pins {wanted.name}=={version}, outside pyproject.toml's {wanted}"
