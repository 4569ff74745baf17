"""What the build writes for serving: precompressed files inside the output, the nginx configuration beside it."""

from __future__ import annotations

import gzip
import subprocess

import pytest

from sitegen.build import ConfigError
from sitegen.outputs.nginx import PLACEHOLDER_ROOT, config_path
from tests.test_nginx import NGINX, wrapper


def test_precompressed_copies_match_their_files(demo_site):
    packed = sorted(demo_site.rglob("*.gz"))
    assert len(packed) > 150
    for gz in packed:
        data = gz.read_bytes()
        assert data[4:8] == b"\0\0\0\0", f"{gz.name}: a time stamp makes builds differ"
        original = gz.with_suffix("")
        assert gzip.decompress(data) == original.read_bytes()
        assert len(data) < original.stat().st_size
    names = {p.relative_to(demo_site).as_posix() for p in packed}
    for expected in ("index.html.gz", "404.html.gz", "pagefind/pagefind.js.gz", "pagefind/pagefind-entry.json.gz"):
        assert expected in names
    assert any(n.startswith("assets/css/site.") for n in names) and any(n.endswith(".svg.gz") for n in names)
    # Pagefind's chunks and wasm are gzip streams already; attachments are not text.
    assert not [n for n in names if ".pf_" in n or n.endswith((".pagefind.gz", ".pdf.gz", ".xlsx.gz", ".docx.gz"))]


def test_precompressed_copies_are_deterministic(factory, tmp_path):
    factory.policy("a", "正文。\n\n" + "政策文件正文内容。" * 200 + "\n")
    first, second = tmp_path / "one", tmp_path / "two"
    factory.build(first)
    factory.build(second)
    one = {p.relative_to(first): p.read_bytes() for p in first.rglob("*.gz")}
    two = {p.relative_to(second): p.read_bytes() for p in second.rglob("*.gz")}
    assert one and one == two


def test_configuration_follows_the_output_folder(factory, tmp_path):
    factory.policy("a")
    out = tmp_path / "www" / "portal"
    result = factory.build(out)
    assert result.server_config == tmp_path / "www" / "portal.nginx.conf" == config_path(out)
    text = result.server_config.read_text(encoding="utf-8")
    assert f'root "{out}";' in text
    assert "server_name www.example.gov.cn;" in text
    assert not list(out.rglob("*.conf"))


def test_deploy_root_sets_the_served_folder(factory, tmp_path):
    factory.config["deploy_root"] = "/var/www/测试区 政务公开"
    factory.policy("a")
    result = factory.build(tmp_path / "out")
    text = result.server_config.read_text(encoding="utf-8")
    assert 'root "/var/www/测试区 政务公开";' in text
    checked = subprocess.run(
        [
            NGINX,
            "-t",
            "-p",
            str(tmp_path),
            "-c",
            str(wrapper(tmp_path, result.server_config)),
            "-e",
            str(tmp_path / "error.log"),
        ],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("value", ["var/www/portal", "/var/www/$host", '/var/www/a"; include /etc/passwd; #'])
def test_deploy_root_that_nginx_cannot_take_is_a_configuration_error(factory, value):
    factory.config["deploy_root"] = value
    with pytest.raises(ConfigError) as caught:
        factory.build()
    [error] = caught.value.diagnostics.errors
    assert error.code == "SG006" and "deploy_root" in error.zh and error.line is not None


def test_output_path_nginx_cannot_take_gives_a_placeholder_and_a_warning(factory, tmp_path):
    factory.policy("a")
    out = tmp_path / "site$1"
    result = factory.build(out)
    assert f'root "{PLACEHOLDER_ROOT}";' in result.server_config.read_text(encoding="utf-8")
    assert [d.code for d in result.diagnostics.warnings if d.code == "SG182"] == ["SG182"]
