"""The search step's shared parts: Pagefind's extended binary (the only build that segments Chinese),
run shard by shard by :mod:`sitegen.shards`, and the query data the search page loads beside the index."""

from __future__ import annotations

from pathlib import Path

from sitegen.model.config import SiteConfig
from sitegen.search.pagefind_bundle import BundleError
from sitegen.search.pagetext import PageTexts, ShardText
from sitegen.search.querydata import QueryFiles, write_query_files
from sitegen.search.querymemo import QueryMemo
from sitegen.store.staging import StagedOutput


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


def write_search_data(
    out: StagedOutput,
    config: SiteConfig,
    bundles: list[str],
    memo: dict[str, ShardText],
    pages: PageTexts,
    pinyin: QueryMemo | None = None,
    delta: tuple[str | None, frozenset[str]] = (None, frozenset()),
) -> QueryFiles:
    """The query data of the finished index shards in ``bundles``; returns the URLs the search page loads.
    ``memo`` keeps what each shard contributes, ``pages`` what each page does and ``pinyin`` the readings,
    between builds; ``delta`` is the delta index's folder and the page ids it supersedes (see
    :func:`write_query_files`)."""
    try:
        return write_query_files(out, config, bundles, memo, pages, pinyin, delta)
    except BundleError as exc:
        raise SearchIndexError(f"Pagefind 索引文件格式无法识别 / unexpected Pagefind output: {exc}") from None
