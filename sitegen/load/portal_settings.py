"""Reading the site.yaml settings of sitegen.model.portal: each key declared once here, in SCHEMA.

Identity (logo, 党政机关网站标识, 我为政府网站找错), mourning days (哀悼日置灰), HTTPS for the nginx
configuration, the windows of ``sitegen audit`` and the editorial word lists (表述规范). Each key is
documented in docs/config.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitegen.diagnostics.codes import SG453
from sitegen.diagnostics.core import Diagnostics
from sitegen.load import fields as f
from sitegen.model.portal import HOME_DAYS, WINDOWS, Leader, Mourning, PortalSettings


def _file(value: Any) -> str:
    path = f.text(value)
    if path.startswith("/") or ".." in Path(path).parts or "\\" in path:
        raise f.FieldError(
            "应为项目目录内的相对路径。",
            "Must be a path relative to the project folder.",
            "例如 logo: static/logo.svg。",
            "For example logo: static/logo.svg.",
        )
    return path


def _badge(value: Any) -> dict[str, str]:
    mapping = f.check_mapping(value, "党政机关网站标识", "The badge")
    if mapping.get("image") is None or mapping.get("link") is None:
        raise f.FieldError(
            "应写明 image（标识图片文件）和 link（验证地址）。",
            "Give image (the file) and link (its verification page).",
            "例如 badge: {image: static/red.png, link: https://bszs.conac.cn/sitename?method=show&id=…}。",
            "For example badge: {image: static/red.png, link: https://bszs.conac.cn/...}.",
        )
    return {"image": _file(mapping["image"]), "link": f.web_url(mapping["link"])}


def _mourning(value: Any) -> list[Mourning]:
    if not isinstance(value, list):
        raise f.FieldError(
            "应为列表，每项含 from、to 和 reason。",
            "Must be a list of {from, to, reason}.",
            "例如 - {from: 2026-12-13, to: 2026-12-13, reason: 国家公祭日}。",
            "For example - {from: 2026-12-13, to: 2026-12-13, reason: ...}.",
        )
    days = []
    for entry in value:
        entry = f.check_mapping(entry, "哀悼日", "A mourning period")
        start = f.date(entry.get("from"))
        end = f.date(entry.get("to", entry.get("from")))
        if end < start:
            raise f.FieldError(
                f"结束日期 {end} 早于开始日期 {start}。",
                f"The end {end} is before the start {start}.",
                "改正日期。",
                "Correct the dates.",
            )
        days.append(Mourning(start, end, f.text(entry.get("reason", "哀悼日"))))
    return days


def _tls(value: Any) -> dict[str, str]:
    mapping = f.check_mapping(value, "HTTPS 证书", "tls")
    paths = {key: f.text(mapping.get(key)) for key in ("certificate", "key")}
    for path in paths.values():
        if not path.startswith("/") or any(c in path for c in '"$\\;{} \t\n'):
            raise f.FieldError(
                "证书路径应为服务器上的绝对路径，且不含引号、$、分号、花括号或空白。",
                "Certificate paths must be absolute paths on the server without quotes, $, ;, braces or spaces.",
                "例如 tls: {certificate: /etc/nginx/ssl/site.pem, key: /etc/nginx/ssl/site.key}。",
                "For example tls: {certificate: /etc/nginx/ssl/site.pem, key: /etc/nginx/ssl/site.key}.",
            )
    return paths


def _days(value: Any) -> int:
    if isinstance(value, str) and value in WINDOWS:
        return WINDOWS[value]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3660:
        raise f.FieldError(
            "应为 1 到 3660 之间的天数，或 news（14）、notice（183）、plan（365）。",
            "Must be a number of days from 1 to 3660, or news (14), notice (183) or plan (365).",
            "例如 column_days: 183。",
            "For example column_days: 183.",
        )
    return value


def _audit(value: Any) -> dict[str, Any]:
    mapping = f.check_mapping(value, "检查设置", "audit")
    unknown = sorted(set(mapping) - {"home_days", "column_days", "columns"})
    if unknown:
        raise f.FieldError(
            f"未知设置“{unknown[0]}”。",
            f'Unknown setting "{unknown[0]}".',
            "可用：home_days、column_days、columns。",
            "Known: home_days, column_days, columns.",
        )
    result: dict[str, Any] = {k: _days(mapping[k]) for k in ("home_days", "column_days") if k in mapping}
    columns = f.check_mapping(mapping["columns"], "栏目更新期限", "columns") if mapping.get("columns") else {}
    result["columns"] = {str(code): _days(days) for code, days in columns.items()}
    return result


def _words(value: Any) -> dict[str, Any]:
    mapping = f.check_mapping(value, "用语表", "words")
    corrections = f.check_mapping(mapping["corrections"], "纠错表", "corrections") if mapping.get("corrections") else {}
    return {
        "corrections": {f.text(k): f.text(v) for k, v in corrections.items()},
        "forbidden": f.text_list(mapping.get("forbidden", []) or []),
    }


def _leaders(value: Any) -> list[Leader]:
    if not isinstance(value, list):
        raise f.FieldError(
            "应为列表，每项含 name 和 title。",
            "Must be a list of {name, title}.",
            "例如 - {name: 张三, title: 区长}。",
            "For example - {name: ..., title: ...}.",
        )
    return [
        Leader(f.text(e.get("name")), f.text(e.get("title")))
        for e in (f.check_mapping(entry, "领导", "A leader") for entry in value)
    ]


SCHEMA: dict[str, f.Field] = {
    "logo": f.Field(_file),
    "badge": f.Field(_badge),
    "error_report": f.Field(f.web_url),
    "mourning": f.Field(_mourning),
    "tls": f.Field(_tls),
    "audit": f.Field(_audit),
    "words": f.Field(_words),
    "leaders": f.Field(_leaders),
}


def settings(
    values: dict[str, Any], root: Path, path: Path, lines: dict[str, int], diags: Diagnostics
) -> PortalSettings:
    """The typed settings; a logo or badge file that is missing is an error (SG453)."""
    result = PortalSettings(lines=lines)
    files = {"logo": values.get("logo"), "badge": (values.get("badge") or {}).get("image")}
    for key, name in files.items():
        if name is None:
            continue
        found = (root / name).resolve()
        if not found.is_file() or not found.is_relative_to(root):
            diags.report(SG453, path, line=lines.get(key), key=key, name=name)
            continue
        if key == "logo":
            result.logo = found
        else:
            result.badge_image = found
    if "badge" in values:
        result.badge_link = values["badge"]["link"]
    result.error_report = values.get("error_report", "")
    result.mourning = values.get("mourning", [])
    if "tls" in values:
        result.tls_certificate, result.tls_key = values["tls"]["certificate"], values["tls"]["key"]
    audit = values.get("audit", {})
    result.home_days = audit.get("home_days", HOME_DAYS)
    result.column_days = audit.get("column_days", WINDOWS["notice"])
    result.column_windows = audit.get("columns", {})
    words = values.get("words", {})
    result.corrections = words.get("corrections", {})
    result.forbidden = words.get("forbidden", [])
    result.leaders = values.get("leaders", [])
    return result
