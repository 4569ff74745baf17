"""The command line: sitegen build | check | serve | --version.

Errors become messages and exit codes, never tracebacks."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from sitegen import __version__
from sitegen.build import ConfigError, build, build_date, load, plan
from sitegen.cli.report import build_summary, print_report
from sitegen.cli.scaffold import NEW_KINDS, ScaffoldError, new_document, number_documents
from sitegen.diagnostics.core import BuildFailed
from sitegen.engine.progress import BuildProgress
from sitegen.search.pagefind import SearchIndexError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors exit with 2, bilingual
        self.print_usage(sys.stderr)
        print(f"用法错误 usage error: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sitegen", description="政务公开静态网站生成器 / static site generator for disclosure portals"
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, help_text in (("build", "生成网站 / build the site"), ("check", "只检查，不输出 / validate only")):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--config", default="site.yaml", type=Path, help="站点配置文件 / site config (site.yaml)")
        sub.add_argument("--strict", action="store_true", help="警告视为错误 / treat warnings as errors")
        if name == "build":
            sub.add_argument("--output", type=Path, help="输出目录 / output folder (default: _site)")
            sub.add_argument("--no-search", action="store_true", help="不建立搜索索引 / skip the search index")
            sub.add_argument(
                "--reports",
                type=Path,
                help="管理报表目录 / webmaster dashboard folder (default: _reports beside the output)",
            )
            sub.add_argument(
                "--clean",
                action="store_true",
                help="忽略构建缓存，全部重新生成 / ignore the build cache and rebuild everything",
            )
            sub.add_argument(
                "--jobs",
                type=int,
                metavar="N",
                help="并行进程数（默认为 CPU 核数）/ worker processes (default: CPU cores)",
            )
            sub.add_argument(
                "--sites",
                type=Path,
                metavar="DIR",
                help="站群：并行生成 DIR/*/site.yaml 的每个网站 / build every site DIR/*/site.yaml, in parallel",
            )
        else:
            sub.add_argument("--format", choices=("text", "json"), default="text", help="报告格式 / report format")
    inspect = commands.add_parser(
        "audit", help="模拟政府网站检查（单项否决、扣分）/ simulate the national website inspection"
    )
    inspect.add_argument("--config", default="site.yaml", type=Path, help="站点配置文件 / site config (site.yaml)")
    inspect.add_argument("--output", type=Path, help="已生成的网站目录 / the built site (default: _site)")
    inspect.add_argument("--format", choices=("text", "json"), default="text", help="报告格式 / report format")
    links = commands.add_parser(
        "linkcheck", help="检查外部链接（需要网络，不属于构建）/ check external links (needs a network)"
    )
    links.add_argument("--config", default="site.yaml", type=Path, help="站点配置文件 / site config (site.yaml)")
    links.add_argument("--output", type=Path, help="已生成的网站目录 / the built site (default: _site)")
    links.add_argument("--reports", type=Path, help="报告目录 / report folder (default: _reports beside the output)")
    links.add_argument(
        "--timeout", type=float, default=10.0, help="每次请求的超时秒数 / seconds per request (default 10)"
    )
    links.add_argument("--retries", type=int, default=2, help="失败后重试次数 / retries after a failure (default 2)")
    links.add_argument(
        "--concurrency", type=int, default=8, help="同时检查的链接数 / links checked at once (default 8)"
    )
    new = commands.add_parser("new", help="新建文档草稿 / create a draft document")
    new.add_argument("kind", choices=sorted(NEW_KINDS), help="文档类型 / kind of document")
    new.add_argument("title", help="标题 / title")
    new.add_argument("--config", default="site.yaml", type=Path, help="站点配置文件 / site config (site.yaml)")
    new.add_argument("--id", dest="doc_id", help="页面地址中的标识，例如 2026-school-enrollment / the id in the URL")
    new.add_argument("--policy", help="解读的政策文件 id（新建解读时必填）/ the interpreted policy (interpretations)")
    imports = commands.add_parser("import", help="把 Word 公文导入为草稿 / import Word documents as drafts")
    imports.add_argument("files", nargs="+", type=Path, help="要导入的 .docx 文件 / .docx files")
    imports.add_argument(
        "--kind",
        choices=("policy", "interpretation"),
        default="policy",
        help="文档类型 / kind of document (default: policy)",
    )
    imports.add_argument("--policy", help="解读的政策文件 id（导入解读时必填）/ the interpreted policy")
    imports.add_argument("--to", type=Path, help="写入的目录 / folder to write to (default: content/<kind>/<year>/)")
    imports.add_argument("--config", default="site.yaml", type=Path, help="站点配置文件 / site config (site.yaml)")
    number = commands.add_parser("number", help="把索引号写入尚未写明的文件 / write index numbers into the files")
    number.add_argument("--config", default="site.yaml", type=Path, help="站点配置文件 / site config (site.yaml)")
    preview = commands.add_parser("serve", help="本地预览，修改后自动重新生成并刷新浏览器 / preview with live reload")
    preview.add_argument("--config", default="site.yaml", type=Path, help="站点配置文件 / site config (site.yaml)")
    preview.add_argument("--port", default=8000, type=int, help="端口 / port on 127.0.0.1 (default 8000; 0: any free)")
    preview.add_argument("--output", type=Path, help="输出目录 / output folder (default: _site)")
    preview.add_argument("--no-search", action="store_true", help="不建立搜索索引 / skip the search index")
    preview.add_argument(
        "--drafts",
        action="store_true",
        help="同时显示草稿、未审核和定时发布的文件，供审核预览（不影响 build）/ show drafts for review",
    )
    return parser


def _new(args: argparse.Namespace) -> int:
    try:
        created = new_document(args.config, args.kind, args.title, build_date(), args.doc_id, args.policy)
    except ScaffoldError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    print(created.path)
    print(
        f"已新建草稿（索引号 {created.index_no}），暂不公开。完成保密审查后填写 review，并把 disclosure 改为 public。\n"
        f"Draft created (index number {created.index_no}), not yet public. After the review, fill in review "
        "and set disclosure: public.",
        file=sys.stderr,
    )
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    """单项否决 items exit with 1, so that a CI job fails on them."""
    from sitegen.checks.audit import audit

    loaded = load(args.config)
    output = args.output or loaded.config.output_dir
    result = audit(
        loaded.model,
        loaded.site,
        loaded.diagnostics,
        loaded.today,
        output if (Path(output) / "index.html").is_file() else None,
    )
    print(result.to_json() if args.format == "json" else result.format(loaded.config.title))
    return EXIT_CONTENT if result.vetoed else EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from sitegen.cli.importer import import_documents

    try:
        imported = import_documents(args.config, args.files, args.kind, args.policy, args.to, build_date())
    except ScaffoldError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    for item in imported:
        print(item.path)
        layout = item.layout
        found = [
            ("标题 title", layout.title),
            ("发文字号 doc_number", layout.doc_number or ""),
            ("发文机关 issuer", layout.issuer),
            ("成文日期 written", str(layout.written or "")),
            ("主送机关 addressees", layout.addressees),
            ("附件 attachments", "、".join(layout.enclosures)),
        ]
        for label, value in found:
            if value:
                print(f"  {label}: {value}", file=sys.stderr)
        for zh, en in item.unknown:
            print(f"  未能确定 could not determine: {zh} / {en}", file=sys.stderr)
    print(
        "已导入为草稿（disclosure: withheld，未填写 review），不会发布。核对全文、完成保密审查后再公开。\n"
        "Imported as drafts (disclosure: withheld, no review): nothing is published until reviewed.",
        file=sys.stderr,
    )
    return EXIT_OK


def _number(args: argparse.Namespace) -> int:
    try:
        written = number_documents(args.config)
    except ScaffoldError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    for path, number in written:
        print(f"{number}  {path}")
    print(
        f"已写入 {len(written)} 个索引号；这些号码今后不会再因补发、删除其他文件而改变。\n"
        f"Wrote {len(written)} index number(s); they will no longer move when other documents are added or "
        "deleted.",
        file=sys.stderr,
    )
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except Exception as exc:  # a defect in sitegen, not in the input: still no traceback for the editor
        if os.environ.get("SITEGEN_DEBUG"):
            raise
        print(
            f"内部错误 internal error: {type(exc).__name__}: {exc}\n"
            "这是 sitegen 的缺陷，原网站未改动；设置环境变量 SITEGEN_DEBUG=1 重新运行可查看详细信息并报告。\n"
            "This is a defect in sitegen; the published site was left unchanged. "
            "Run again with SITEGEN_DEBUG=1 for the details and report them.",
            file=sys.stderr,
        )
        return EXIT_CONTENT


def _run(args: argparse.Namespace) -> int:
    fmt = getattr(args, "format", "text")
    if args.command == "new":
        return _new(args)
    if args.command == "number":
        return _number(args)
    if args.command == "import":
        return _import(args)
    if args.command == "build" and args.sites is not None:
        from sitegen.cli.multisite import build_sites_command

        return build_sites_command(args)
    try:
        if args.command == "serve":
            from sitegen.cli.serve import serve

            return serve(args.config, args.port, args.output, search=not args.no_search, drafts=args.drafts)
        if args.command == "audit":
            return _audit(args)
        if args.command == "linkcheck":
            from sitegen.cli.linkcheck import run_linkcheck

            return run_linkcheck(
                args.config,
                args.output,
                args.reports,
                timeout=args.timeout,
                retries=args.retries,
                concurrency=args.concurrency,
            )
        if args.command == "check":
            loaded = load(args.config, strict=args.strict)
            plan(loaded)
            print_report(loaded.diagnostics, fmt)
            if fmt == "text":
                print(
                    f"检查通过 check passed: {len(loaded.site.policies)} 件政策文件 policies, "
                    f"{len(loaded.site.interpretations)} 件解读 interpretations"
                )
            return EXIT_OK
        result = build(
            args.config,
            args.output,
            reports=args.reports,
            strict=args.strict,
            search=not args.no_search,
            clean=args.clean,
            jobs=args.jobs,
            progress=BuildProgress(),
        )
    except ConfigError as exc:
        print_report(exc.diagnostics, fmt)
        return EXIT_USAGE
    except BuildFailed as exc:
        print_report(exc.diagnostics, fmt)
        if fmt == "text":
            print(
                "检查未通过。Check failed."
                if args.command == "check"
                else "构建失败，原网站未改动。Build failed; the published site was left unchanged.",
                file=sys.stderr,
            )
        return EXIT_CONTENT
    except SearchIndexError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:
        print(
            f"文件系统错误 file system error: {exc}\n"
            "构建失败，原网站未改动。Build failed; the published site was left unchanged.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("\n已中断，原网站未改动。Interrupted; the published site was left unchanged.", file=sys.stderr)
        return 130
    print_report(result.diagnostics)
    print(build_summary(result))
    return EXIT_OK
