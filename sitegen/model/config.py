"""The site configuration as a record: what site.yaml says, with defaults. Loading and checking it is
:mod:`sitegen.load.config`.

Every key of site.yaml is declared once, with :func:`~sitegen.model.spec.key`: here (the site's own keys) and
in :class:`~sitegen.model.portal.PortalSettings` (identity, mourning, HTTPS, audit, words). :func:`config_keys`
is the schema the loader applies, which also suggests the nearest key for an unknown one; the key table of
docs/config.md is generated from it (``python -m sitegen.cli.docgen``).
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from sitegen.model import config_values as c
from sitegen.model import values as v
from sitegen.model.portal import PortalSettings
from sitegen.model.records import Agency, Topic
from sitegen.model.spec import Field, key, record, schema


@record(frozen=True)
class SiteConfig:
    root: Path
    path: Path
    title: str = key(v.text, "网站名称", "例如 `示例区人民政府`", required=True)
    short_title: str = key(v.text, "简称", "默认同网站名称")
    description: str = key(v.text, "网站说明", "首页和 description 元数据")
    base_url: str = key(
        c.site_url,
        "网站正式地址",
        "例如 `https://www.shiliqu.gov.cn`（用于站点地图、订阅、SiteDomain 和 nginx 的 server_name）；"
        "必须以 http:// 或 https:// 开头",
        required=True,
    )
    site_code: str = key(v.text, "网站标识码", "显示在页脚", default="")
    icp: str = key(v.text, "ICP 备案号", "显示在页脚", default="")
    police_record: str = key(v.text, "公安机关备案号", "显示在页脚", default="")
    police_record_code: str = key(
        v.text,
        "公安机关备案号中的编号",
        '数字部分，例如 `"37990002000101"`（加引号，保留开头的 0）；目前只读入，默认主题不显示',
        default="",
    )
    sponsor: str = key(v.text, "主办单位", "显示在页脚", default="")
    contact: dict[str, str] = key(
        c.contact, "联系方式", "`address`、`postcode`、`phone` 等，显示在页脚", default_factory=c.default_contact
    )
    index_no: c.IndexNo = key(
        c.index_no,
        "索引号",
        "`org_code`（机构代码）和 `template`（索引号模板，占位符 `{org_code}`、`{year}`、`{seq}`，"
        "默认 `{org_code}/{year}-{seq:05d}`）",
        default=c.IndexNo(),
    )
    public_phones: list[str] = key(
        v.text_list, "可以公开的办公电话", "个人信息检查不会把它们当作手机号", default_factory=list
    )
    agencies: list[Agency] = key(
        c.agencies,
        "发文机关",
        "`- {slug: gov-office, name: 示例区人民政府办公室}`；slug 用于 `/agencies/<slug>/`；也可以写成共享文件的"
        "路径 `agencies: ../../agencies.yaml`（站群，见 [multisite.md](multisite.md)）",
        required=True,
    )
    topics: list[Topic] = key(
        c.topics,
        "主题分类",
        "`- {slug: social-security, name: 社会保障}`；slug 用于 `/topics/<slug>/`；也可以写成共享文件的路径",
        required=True,
    )
    synonyms: dict[str, list[str]] = key(
        c.synonyms,
        "搜索同义词",
        "`群众用语: [规范用语, …]`，可像内置词表那样按领域分组（`住房: {装修房子: [装饰装修]}`），"
        "补充内置词表 `sitegen/data/synonyms.yaml`（见 docs/search.md）",
        default_factory=dict,
    )
    page_size: int = key(c.page_size, "列表每页条数", "5 到 1000，默认 50", default=50)
    catalog_order: list[str] = key(
        v.text_list,
        "目录页上各目录的顺序",
        "目录文件名（不含 .yaml）的列表，例如 `[district, civil-affairs]`；未列出的排在后面。"
        "默认本网站自己的目录（`owner` 与 `title` 相同）在前，其余按文件名排列",
        default_factory=list,
    )
    content_dir: Path = key(c.folder, "内容目录", "相对 site.yaml，默认 `content`", default=Path("content"))
    catalogs_dir: Path = key(c.folder, "目录文件的目录", "相对 site.yaml，默认 `catalogs`", default=Path("catalogs"))
    theme_dir: Path = key(c.folder, "主题目录", "相对 site.yaml，默认 `themes/default`", default=Path("themes/default"))
    output_dir: Path = key(
        c.folder,
        "输出目录",
        "相对 site.yaml，默认 `_site`；配置文件不叫 site.yaml 时默认为 `_site-<文件名>`",
        default=Path("_site"),
    )
    deploy_root: str = key(
        c.deploy_root,
        "服务器上网站目录的绝对路径",
        "写入生成的 nginx 配置（`root`）；默认为输出目录的绝对路径。见 [deploy.md](deploy.md)",
        default="",
    )
    included: list[Path] = field(default_factory=list)  # shared lists read from other files (agencies: FILE)
    lines: dict[str, int] = field(default_factory=dict)  # the line of each key in site.yaml, for later messages
    portal: PortalSettings = field(default_factory=PortalSettings)  # identity, mourning, HTTPS, audit, words

    @property
    def org_code(self) -> str:
        return self.index_no.org_code

    @property
    def index_template(self) -> str:
        return self.index_no.template

    def agency_by_name(self, name: str) -> Agency | None:
        return next((a for a in self.agencies if a.name == name), None)

    def topic_by_name(self, name: str) -> Topic | None:
        return next((t for t in self.topics if t.name == name or t.slug == name), None)


def config_keys() -> dict[str, Field]:
    """Every key of site.yaml, in the order of docs/config.md: the site's own, then the portal settings."""
    return {**schema(SiteConfig), **schema(PortalSettings)}


def site_suffix(config_path: Path) -> str:
    """ "" for site.yaml, "-NAME" for NAME.yaml: several sites configured in one folder get their own default
    output (_site-NAME), dashboard (_reports-NAME) and cache (.sitegen-cache-NAME) instead of sharing them."""
    path = Path(config_path)
    return "" if path.name in ("site.yaml", "site.yml") else f"-{path.stem}"
