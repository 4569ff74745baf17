"""When base_url is https and site.yaml names the certificate, nginx serves HTTPS with HSTS and redirects HTTP."""

from __future__ import annotations

import http.client
import ssl
import subprocess

from tests.test_nginx import free_port, running_nginx


def test_https_configuration_passes_nginx_t_and_serves(factory, tmp_path):
    certificate, key = tmp_path / "site.pem", tmp_path / "site.key"
    made = subprocess.run(
        check=False,
        args=[
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    factory.config["tls"] = {"certificate": str(certificate), "key": str(key)}
    factory.policy("a")
    result = factory.build(tmp_path / "_site")
    text = result.server_config.read_text(encoding="utf-8")
    assert "    listen 443 ssl;\n" in text and f'ssl_certificate "{certificate}";' in text
    assert 'add_header Strict-Transport-Security "max-age=31536000" always;' in text
    plain, secure = free_port(), free_port()
    served = tmp_path / "site.nginx.conf"
    served.write_text(
        text.replace("    listen 80;\n", f"    listen 127.0.0.1:{plain};\n").replace(
            "    listen 443 ssl;\n", f"    listen 127.0.0.1:{secure} ssl;\n"
        ),
        encoding="utf-8",
    )
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    with running_nginx(prefix, served, secure):
        context = ssl.create_default_context(cafile=str(certificate))
        context.check_hostname = False
        connection = http.client.HTTPSConnection("127.0.0.1", secure, context=context, timeout=10)
        connection.request("GET", "/policies/a/", headers={"Host": "www.example.gov.cn"})
        response = connection.getresponse()
        assert response.status == 200 and "关于a的通知" in response.read().decode("utf-8")
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
        assert response.headers["Content-Security-Policy"]
        connection = http.client.HTTPConnection("127.0.0.1", plain, timeout=10)
        connection.request("GET", "/policies/a/?x=1", headers={"Host": "www.example.gov.cn"})
        response = connection.getresponse()
        assert (response.status, response.headers["Location"]) == (301, "https://www.example.gov.cn/policies/a/?x=1")


def test_without_certificate_paths_the_site_stays_on_http(factory, tmp_path):
    factory.policy("a")
    text = factory.build(tmp_path / "_site").server_config.read_text(encoding="utf-8")
    assert "    listen 80;\n" in text and "ssl" not in text and "Strict-Transport-Security" not in text
