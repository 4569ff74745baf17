"""The search step: Pagefind's extended binary (the only build that segments Chinese) over the staged
output, made deterministic, then the query data the search page needs beside it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.output import OutputFolder
from sitegen.pagefind_bundle import BundleError, canonicalise
from sitegen.querydata import QueryFiles, write_query_files


class SearchIndexError(Exception):
    pass


def pagefind_binary() -> Path:
    try:
        import pagefind_bin_extended
    except ImportError:
        raise SearchIndexError(
            "找不到 Pagefind 扩展版（中文分词需要它）。请运行 pip install 'pagefind[extended]'。\n"
            "The extended Pagefind binary (needed to segment Chinese) is missing: pip install 'pagefind[extended]'."
        ) from None
    return Path(pagefind_bin_extended.get_executable())


def build_index(site_dir: Path) -> None:
    """Index the written site in one call (per-file indexing is ~10 files a second), then make the
    bundle byte-identical between builds of the same input."""
    result = subprocess.run(
        [str(pagefind_binary()), "--site", str(site_dir), "--silent"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind 建立索引失败 / Pagefind failed:\n{result.stdout}\n{result.stderr}")
    try:
        canonicalise(site_dir / "pagefind")
    except BundleError as exc:
        raise SearchIndexError(f"Pagefind 索引文件格式无法识别 / unexpected Pagefind output: {exc}") from None


def build_search(out: OutputFolder, config: SiteConfig) -> QueryFiles:
    """Index the staged output and write the query data; returns the URLs the search page loads."""
    build_index(out.stage)
    try:
        return write_query_files(out, config)
    except BundleError as exc:
        raise SearchIndexError(f"Pagefind 索引文件格式无法识别 / unexpected Pagefind output: {exc}") from None
