"""`sitegen check` and `sitegen build` as an editor and a CI job meet them: reports, formats, exit codes."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.cli.main import main
from tests.conftest import PROJECT
from tests.test_rule_codes import add_theme

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, tty: bool = False, env: dict | None = None) -> tuple[int, str, str]:
    """Run ``python -m sitegen`` in a child process; with ``tty`` its stderr is a terminal."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environment.pop("NO_COLOR", None) if not (env and "NO_COLOR" in env) else None
    if not tty:
        done = subprocess.run(
            [sys.executable, "-m", "sitegen", *args],
            capture_output=True,
            text=True,
            env=environment,
            cwd=ROOT,
            timeout=120,
        )
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "sitegen", *args], stdout=subprocess.PIPE, stderr=follower, env=environment, cwd=ROOT
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    stdout = process.stdout.read().decode()
    process.wait(timeout=120)
    os.close(leader)
    return process.returncode, stdout, b"".join(chunks).decode(errors="replace")


def test_check_on_the_demo_is_clean(capsys):
    assert main(["check", "--config", str(PROJECT / "site.yaml"), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 0
    assert all(d["severity"] == "warning" for d in report["diagnostics"])


def test_strict_turns_the_demo_warnings_into_errors(capsys):
    assert main(["check", "--config", str(PROJECT / "site.yaml"), "--format", "json", "--strict"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] >= 1 and report["warnings"] == 0
    assert {d["code"] for d in report["diagnostics"]} == {"SG141"}


def test_failed_check_prints_every_problem_grouped_by_file(factory, capsys):
    factory.policy("a", issuer="不存在的机关")
    factory.policy("b", catalog=["999999"])
    assert main(["check", "--config", str(factory.root / "site.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.index("content/policies/a.md\n") < err.index("content/policies/b.md\n")
    assert "[SG062]" in err and "[SG101]" in err
    assert "修改建议：" in err and "How to fix:" in err
    assert "共 2 个错误" in err and "2 error(s)" in err
    assert err.rstrip().endswith("检查未通过。Check failed.")
    assert "\033[" not in err  # not a terminal: no colour codes


def test_json_report_carries_code_file_line_and_both_languages(factory, capsys):
    path = factory.policy("a", published="2024-13-45")
    assert main(["check", "--config", str(factory.root / "site.yaml"), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    diag = next(d for d in report["diagnostics"] if d["code"] == "SG032")
    line = next(n for n, t in enumerate(path.read_text("utf-8").split("\n"), 1) if t.startswith("published:"))
    assert (diag["path"], diag["line"], diag["severity"]) == ("content/policies/a.md", line, "error")
    assert diag["zh"] and diag["en"] and diag["fix_zh"] and diag["fix_en"]


def test_config_errors_exit_with_2(factory, tmp_path, capsys):
    assert main(["check", "--config", str(tmp_path / "nothing.yaml")]) == 2
    assert "SG001" in capsys.readouterr().err
    factory.write("site.yaml", "title: [\n")
    assert main(["check", "--config", str(factory.root / "site.yaml"), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out)["diagnostics"][0]["code"] == "SG002"


def test_usage_errors_exit_with_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check", "--format", "xml"])
    assert info.value.code == 2
    assert "用法错误 usage error" in capsys.readouterr().err


def test_colours_only_on_a_terminal(factory):
    factory.policy("a", issuer="不存在的机关")
    config = str(factory.root / "site.yaml")
    code, _, err = run_cli("check", "--config", config, tty=True)
    assert code == 1
    assert "\033[31m错误 error\033[0m" in err and "\033[1mcontent/policies/a.md\033[0m" in err
    code, _, err = run_cli("check", "--config", config, tty=True, env={"NO_COLOR": "1"})
    assert code == 1 and "\033[" not in err and "错误 error" in err


def test_unexpected_exception_is_a_message_not_a_traceback(factory, monkeypatch, capsys):
    import sitegen.cli.main

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    factory.policy("a")
    monkeypatch.setattr(sitegen.cli.main, "load", broken)
    monkeypatch.delenv("SITEGEN_DEBUG", raising=False)
    assert main(["check", "--config", str(factory.root / "site.yaml")]) == 1
    err = capsys.readouterr().err
    assert "内部错误 internal error: RuntimeError: boom" in err and "SITEGEN_DEBUG=1" in err
    assert "Traceback" not in err
    monkeypatch.setenv("SITEGEN_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["check", "--config", str(factory.root / "site.yaml")])


def test_file_system_errors_are_explained(factory, monkeypatch, capsys):
    import sitegen.cli.main

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    factory.policy("a")
    monkeypatch.setattr(sitegen.cli.main, "build", full_disk)
    assert main(["build", "--config", str(factory.root / "site.yaml"), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert "文件系统错误 file system error" in err and "No space left on device" in err and "原网站未改动" in err


def test_bad_input_through_the_real_command_never_shows_a_traceback(factory):
    """A few hostile inputs at once, through a real process, as an editor would run it."""
    factory.write("content/policies/gbk.md", "---\ntitle: 通知\n---\n".encode() + "正文".encode("gbk"))
    factory.write(
        "content/policies/bomb.md",
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n",
    )
    factory.write("content/policies/open.md", "---\ntitle: 未结束\n")
    factory.write("content/policies/empty.md", "")
    factory.write("content/interpretations/x.md", '---\ntitle: "\\0"\npolicy: ../../etc\n---\n')
    code, out, err = run_cli("build", "--config", str(factory.root / "site.yaml"), "--no-search")
    assert code == 1, err
    assert "Traceback" not in err + out
    for expected in ("SG014", "SG024", "SG022", "SG020", "SG032", "构建失败，原网站未改动"):
        assert expected in err


def test_build_writes_the_dashboard_beside_the_output(factory, tmp_path):
    factory.policy("a")
    add_theme(factory)
    out = tmp_path / "web" / "_site"
    code, stdout, err = run_cli(
        "build", "--config", str(factory.root / "site.yaml"), "--output", str(out), "--no-search"
    )
    assert code == 0, err
    report = tmp_path / "web" / "_reports" / "index.html"
    assert f"管理报表 webmaster report → {report}" in stdout
    assert report.is_file() and not any(p.name == "_reports" for p in out.rglob("*"))
