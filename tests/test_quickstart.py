"""The README's quick start as a new webmaster meets it on a stock Debian 12 machine.

Stock Debian 12 has only ``python3`` (no ``python`` command), its pip refuses to install outside a virtual
environment (PEP 668: the EXTERNALLY-MANAGED marker next to the standard library), ``python3 -m venv`` needs the
python3-venv package, and there is no npm. The tests below run the README's commands, as written, with a PATH
that has no pyenv and no ``python``, against Debian's own /usr/bin/python3 (which carries the marker on this
machine: the test checks that, and says so when it cannot). The apt branch of the scripts (python3-venv missing,
a user with sudo) is checked with shims for ``id``, ``sudo`` and ``apt-get`` that record what would have run.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT

STOCK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# A user with sudo, made by .ci/run on a fresh CI machine (the test does not add users to a developer's machine).
SUDO_USER = "sitegen-quickstart"
# The test command runs with a narrow selection (the whole suite is what CI runs): the Nu HTML Checker on the
# demo needs .venv's vnu.jar, Java and the demo build, so it proves the test tools were installed.
NARROW = "tests/test_accessibility.py -k html_checker -q -p no:cacheprovider"


def readme_commands() -> list[str]:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## 快速开始", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", quick_start, re.DOTALL)]


def stock_env(**extra: str) -> dict[str, str]:
    """The environment of a login shell on stock Debian: none of pyenv, PYTHONPATH or an active venv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYENV", "PYTHON", "VIRTUAL_ENV", "PIP_", "PYTEST", "SOURCE_DATE"))
    }
    env.update({"PATH": STOCK_PATH, "LANG": "C.UTF-8", **extra})
    return env


def project_copy(dest: Path) -> Path:
    """The working tree as a fresh clone would have it (tracked and new files, nothing git ignores)."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=PROJECT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = PROJECT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def require_stock_python() -> None:
    # A fresh .venv with every dependency takes minutes on the shared 2-core machine: CI (CI=true) runs these two,
    # a developer asks for them with SITEGEN_QUICKSTART=1.
    if not (os.environ.get("CI") or os.environ.get("SITEGEN_QUICKSTART")):
        pytest.skip("slow (a whole new .venv): runs in CI, or with SITEGEN_QUICKSTART=1")
    if shutil.which("python", path=STOCK_PATH):
        pytest.skip("this machine has a `python` command outside pyenv: not like stock Debian")
    refused = subprocess.run(
        ["python3", "-m", "pip", "install", "--dry-run", "--no-index", "pyyaml"],
        env=stock_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if "externally-managed-environment" not in refused.stderr:
        pytest.skip("Debian's python3 here does not refuse pip installs (no EXTERNALLY-MANAGED marker)")


def test_the_readme_gives_exactly_two_commands():
    assert readme_commands() == ["scripts/setup", "scripts/test"]
    for script in ("setup", "test"):
        assert os.access(PROJECT / "scripts" / script, os.X_OK)
    # CI ends with exactly them, in this order (before them it only makes the user with sudo for the test below).
    ci = [line for line in (PROJECT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-2:] == ["scripts/setup", "scripts/test"]
    assert not [line for line in ci[:-2] if re.search(r"\b(pip|venv|python3?|npm)\b|sitegen build", line)]


def test_no_script_calls_python_or_npm():
    """Stock Debian has neither a `python` command nor npm."""
    for name in ("setup", "test", "lib.sh"):
        text = (PROJECT / "scripts" / name).read_text()
        code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
        # A command word (line start, after ; & | or "$(") that is python, pip or npm; `"$PY" -m pip` is the venv's.
        assert not re.search(r"(^|[;&|]|\$\()\s*(python|pip|pip3|npm|npx)\b", code, re.MULTILINE), name


@pytest.fixture
def shims(tmp_path: Path) -> Path:
    """Fake id, sudo and apt-get that log their calls; apt-get 'installs' nothing."""
    folder = tmp_path / "shims"
    folder.mkdir()
    log = tmp_path / "calls.log"
    for name, body in {"sudo": f'echo "sudo $*" >> {log}\nexec "$@"', "apt-get": f'echo "apt-get $*" >> {log}'}.items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n")
        (folder / name).chmod(0o755)
    return folder


def need_debs(
    shims: Path, *specs: str, uid: int, path: str = STOCK_PATH
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    if uid:
        (shims / "id").write_text(f'#!/bin/sh\n[ "$1" = -u ] && echo {uid} || /usr/bin/id "$@"\n')
        (shims / "id").chmod(0o755)
    script = f". {PROJECT}/scripts/lib.sh && need_debs {' '.join(specs)}"
    result = subprocess.run(
        ["/bin/bash", "-c", script], env=stock_env(PATH=f"{shims}:{path}"), capture_output=True, text=True, check=False
    )
    log = shims.parent / "calls.log"
    return result, log.read_text().splitlines() if log.exists() else []


def test_a_sudo_user_installs_missing_packages_through_sudo(shims):
    result, calls = need_debs(shims, "py-no_such_module_here:python3-venv", "bash:bash", uid=1000)
    assert result.returncode == 0, result.stderr
    assert calls == [
        "sudo apt-get update -q",
        "apt-get update -q",
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-venv",
        "apt-get install -y -q --no-install-recommends python3-venv",
    ]


def test_root_installs_directly_and_nothing_present_is_installed(shims):
    result, calls = need_debs(shims, "py-no_such_module_here:python3-venv", "python3:python3", uid=0)
    assert result.returncode == 0, result.stderr
    assert calls == ["apt-get update -q", "apt-get install -y -q --no-install-recommends python3-venv"]
    assert need_debs(shims, "bash:bash", "py-json:python3", uid=0)[1] == calls, "nothing new when all are there"


def test_a_user_without_sudo_is_told_in_both_languages(shims):
    (shims / "sudo").unlink()
    # Only python3 besides the shims: this machine may well have a real sudo.
    bare = shims.parent / "bare"
    bare.mkdir()
    (bare / "python3").symlink_to("/usr/bin/python3")
    result, calls = need_debs(shims, "py-no_such_module_here:python3-venv", uid=1000, path=str(bare))
    assert result.returncode == 2 and calls == []
    assert "需要 root 权限或 sudo" in result.stderr and "needs root or sudo" in result.stderr


def run_readme(project: Path, user: str | None = None) -> None:
    setup, test = readme_commands()
    for command in (setup, f"{test} {NARROW}"):
        argv = ["bash", "-c", command]
        env = stock_env()
        if user:
            home = pwd.getpwnam(user).pw_dir
            argv = ["sudo", "-u", user, "-H", "env", f"PATH={STOCK_PATH}", "LANG=C.UTF-8", f"HOME={home}", *argv]
        result = subprocess.run(argv, cwd=project, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"{command}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert (project / "_site" / "index.html").is_file(), "setup builds the demo"
    assert (project / ".venv" / "bin" / "sitegen").is_file()


def test_the_readme_commands_work_on_stock_debian_as_root(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("runs as root (CI and this machine do)")
    require_stock_python()
    run_readme(project_copy(tmp_path / "project"))


def test_the_readme_commands_work_as_a_user_with_sudo(tmp_path):
    try:
        pwd.getpwnam(SUDO_USER)
    except KeyError:
        pytest.skip(f"no user {SUDO_USER} with sudo (.ci/run makes one on a fresh CI machine)")
    if os.geteuid() != 0 or not shutil.which("sudo"):
        pytest.skip("needs root to act as the sudo user")
    require_stock_python()
    # pytest's own temporary folders are private to root: the user gets one of its own.
    home = Path(pwd.getpwnam(SUDO_USER).pw_dir)
    project = project_copy(home / f"quickstart-{tmp_path.name}")
    try:
        subprocess.run(["chown", "-R", SUDO_USER, str(project)], check=True)
        run_readme(project, SUDO_USER)
    finally:
        shutil.rmtree(project, ignore_errors=True)
