"""A reproducible synthetic provincial portal in sitegen's format, for the build-speed benchmark.

``generate(root, docs, seed)`` writes site.yaml, two catalogs of about docs/20 items, about 70 %
policies and 30 % interpretations of official Chinese prose (numbered sections, work tables,
links between documents, attachments, a few amended/repealed and non-public items) that pass
sitegen's rules, plus a Hugo project over the same Markdown for the peer row. The same seed
always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

PROVINCE = "示例省"
ORG_CODE = "11370000MB0000000X"
TODAY = dt.date(2026, 11, 20)  # the benchmark builds with SOURCE_DATE_EPOCH of this day
FIRST_YEAR = 2017

# (slug, name, short name, document-number prefix)
AGENCIES = [
    ("gov", "示例省人民政府", "省政府", "示政发"),
    ("gov-office", "示例省人民政府办公厅", "省政府办公厅", "示政办发"),
    ("development-reform", "示例省发展和改革委员会", "省发展改革委", "示发改规"),
    ("education", "示例省教育厅", "省教育厅", "示教规"),
    ("science", "示例省科学技术厅", "省科技厅", "示科规"),
    ("industry", "示例省工业和信息化厅", "省工业和信息化厅", "示工信规"),
    ("civil-affairs", "示例省民政厅", "省民政厅", "示民规"),
    ("justice", "示例省司法厅", "省司法厅", "示司规"),
    ("finance", "示例省财政厅", "省财政厅", "示财规"),
    ("human-resources", "示例省人力资源和社会保障厅", "省人力资源社会保障厅", "示人社规"),
    ("natural-resources", "示例省自然资源厅", "省自然资源厅", "示自然资规"),
    ("ecology", "示例省生态环境厅", "省生态环境厅", "示环规"),
    ("housing", "示例省住房和城乡建设厅", "省住房城乡建设厅", "示建规"),
    ("transport", "示例省交通运输厅", "省交通运输厅", "示交规"),
    ("water", "示例省水利厅", "省水利厅", "示水规"),
    ("agriculture", "示例省农业农村厅", "省农业农村厅", "示农规"),
    ("commerce", "示例省商务厅", "省商务厅", "示商规"),
    ("culture", "示例省文化和旅游厅", "省文化和旅游厅", "示文旅规"),
    ("health", "示例省卫生健康委员会", "省卫生健康委", "示卫规"),
    ("veterans", "示例省退役军人事务厅", "省退役军人事务厅", "示退役规"),
    ("emergency", "示例省应急管理厅", "省应急厅", "示应急规"),
    ("audit", "示例省审计厅", "省审计厅", "示审规"),
    ("market", "示例省市场监督管理局", "省市场监管局", "示市监规"),
    ("sport", "示例省体育局", "省体育局", "示体规"),
    ("statistics", "示例省统计局", "省统计局", "示统规"),
    ("medical-insurance", "示例省医疗保障局", "省医保局", "示医保规"),
    ("data", "示例省大数据局", "省大数据局", "示数规"),
    ("forestry", "示例省林业局", "省林业局", "示林规"),
]

# The national subject classification (主题分类), each with the things its policies are about.
TOPICS: list[tuple[str, str, list[str]]] = [
    (
        "general",
        "综合政务",
        [
            "政务公开工作",
            "政府信息公开申请办理",
            "政务服务“一网通办”",
            "政府网站集约化建设",
            "行政规范性文件管理",
            "议事协调机构设置",
            "督查检查考核",
            "“高效办成一件事”",
        ],
    ),
    (
        "economy",
        "国民经济管理、国有资产监管",
        [
            "民间投资",
            "重大项目谋划储备",
            "营商环境",
            "国有企业改革",
            "社会信用体系建设",
            "价格监测预警",
            "扩大有效投资",
        ],
    ),
    (
        "finance",
        "财政、金融、审计",
        ["财政资金直达机制", "政府采购", "预算绩效管理", "地方政府专项债券", "普惠金融", "政府投资基金", "审计整改"],
    ),
    (
        "land",
        "国土资源、能源",
        ["国土空间规划", "耕地保护", "矿产资源开发", "新能源产业", "节约集约用地", "不动产登记"],
    ),
    (
        "agriculture",
        "农业、林业、水利",
        ["高标准农田建设", "粮食生产", "农村人居环境整治", "河湖长制", "农业社会化服务", "林长制", "乡村振兴衔接资金"],
    ),
    (
        "industry",
        "工业、交通",
        ["制造业数字化转型", "专精特新中小企业", "农村公路建设", "城市公共交通", "工业园区提质", "新能源汽车推广"],
    ),
    (
        "commerce",
        "商贸、海关、旅游",
        ["促进消费", "外贸稳规模优结构", "文旅融合发展", "县域商业体系", "跨境电子商务", "夜间经济"],
    ),
    (
        "market",
        "市场监管、安全生产监管",
        ["食品安全", "安全生产责任制", "特种设备安全", "包容审慎监管", "消费者权益保护", "明码标价"],
    ),
    (
        "urban",
        "城乡建设、环境保护",
        ["城市更新", "保障性租赁住房", "生活垃圾分类", "大气污染防治", "住房公积金", "老旧小区改造", "海绵城市建设"],
    ),
    (
        "education",
        "科技、教育",
        [
            "义务教育招生入学",
            "普惠性幼儿园",
            "职业教育产教融合",
            "科技成果转化",
            "高新技术企业培育",
            "学生资助",
            "校外培训治理",
        ],
    ),
    ("culture", "文化、广电、新闻出版", ["公共文化服务", "非物质文化遗产保护", "全民阅读", "文物保护利用"]),
    (
        "health",
        "卫生、体育",
        [
            "家庭医生签约服务",
            "城乡居民基本医疗保险",
            "公立医院改革",
            "全民健身",
            "普惠托育服务",
            "医疗保障待遇",
            "疾病预防控制",
        ],
    ),
    ("family", "人口与计划生育、妇女儿童工作", ["育儿补贴", "儿童福利", "妇女权益保障", "托育服务体系"]),
    (
        "labour",
        "劳动、人事、监察",
        [
            "就业创业补贴",
            "高校毕业生就业",
            "事业单位公开招聘",
            "根治欠薪",
            "职业技能提升",
            "失业保险稳岗返还",
            "灵活就业人员社会保险",
        ],
    ),
    ("justice", "公安、安全、司法", ["公共法律服务", "行政复议", "人民调解", "户籍制度改革", "法治政府建设"]),
    (
        "civil",
        "民政、扶贫、救灾",
        [
            "最低生活保障",
            "特困人员救助供养",
            "临时救助",
            "高龄津贴",
            "老年助餐服务",
            "养老服务设施",
            "残疾人两项补贴",
            "防汛抗旱和自然灾害救助",
        ],
    ),
    (
        "social-security",
        "社会保障",
        ["城乡居民基本养老保险", "工伤保险", "社会保险经办服务", "养老保险待遇调整", "退役军人优待抚恤"],
    ),
    ("ethnic", "民族、宗教", ["民族团结进步创建", "宗教事务管理"]),
    ("other", "其他", ["统计调查", "档案管理", "地方志编纂"]),
]

VERBS = [
    "加快推进",
    "持续深化",
    "全面落实",
    "进一步完善",
    "着力提升",
    "统筹推进",
    "严格规范",
    "积极稳妥推进",
    "大力发展",
    "切实加强",
    "不断优化",
    "建立健全",
    "深入实施",
    "扎实做好",
    "规范提升",
]
GOALS = [
    "确保各项任务落到实处",
    "切实增强人民群众获得感、幸福感、安全感",
    "为全省经济社会高质量发展提供有力支撑",
    "推动形成可复制可推广的经验做法",
    "做到应保尽保、应享尽享",
    "不断提升服务质量和群众满意度",
    "营造市场化、法治化、国际化一流营商环境",
    "守牢不发生系统性风险的底线",
    "实现政策效果最大化",
    "让群众办事更方便、企业经营更便利",
]
MEASURES = [
    "各地要结合实际制定具体实施方案，明确责任分工和时间节点。",
    "各有关部门要加强协调配合，形成工作合力。",
    "对工作推进不力、造成不良影响的，依规依纪严肃追责问责。",
    "财政部门要统筹安排资金，保障工作经费。",
    "要充分利用政府网站、政务新媒体等渠道，加强政策宣传解读，及时回应社会关切。",
    "各市要于每年12月底前将工作进展情况报送省级主管部门。",
    "建立工作台账，实行清单化管理、项目化推进。",
    "要严格落实个人信息保护要求，公开前做好去标识化处理。",
    "加强数据共享，能通过共享获取的材料不再要求群众提供。",
    "探索建立容错纠错机制，鼓励基层大胆创新、担当作为。",
    "要坚持公开透明，主动接受社会监督。",
    "各级审计机关要加强对资金使用情况的审计监督。",
]
SUBJECTS = [
    "各市人民政府",
    "各县（市、区）人民政府",
    "省直各有关部门",
    "各级民政部门",
    "各级人力资源社会保障部门",
    "各类市场主体",
    "街道（乡镇）",
    "村（居）民委员会",
    "行业主管部门",
    "第三方评估机构",
]
KINDS = [
    "管理办法",
    "实施细则",
    "实施方案",
    "若干措施",
    "行动计划（2024—2026年）",
    "实施意见",
    "工作规程",
    "专项规划（2026—2035年）",
    "服务规范",
    "考核办法",
]
REASONS = [
    "本文件为政府系统内部工作部署，不涉及市场主体和群众切身利益",
    "本文件为议事协调机构成员调整，属于政府内部组织事项",
    "本文件为年度工作要点，不设定权利义务，内容已逐项说明",
    "本文件为财政资金分配结果公布，分配依据和标准已随文公开",
]
REVIEWERS = ["省政府办公厅保密审查小组", "本机关保密审查小组", "本机关办公室（法规处）"]
NUMERALS = "一二三四五六七八九十"
UNITS = [
    "省发展改革委",
    "省财政厅",
    "省人力资源社会保障厅",
    "省民政厅",
    "省住房城乡建设厅",
    "省教育厅",
    "省卫生健康委",
    "省市场监管局",
    "省大数据局",
    "各市人民政府",
]
DOMAINS = [
    "机构职能",
    "法规文件",
    "规划信息",
    "财政信息",
    "重点项目",
    "社会保障",
    "教育",
    "医疗卫生",
    "住房保障",
    "生态环境",
    "市场监管",
    "安全生产",
    "农业农村",
    "交通运输",
    "就业创业",
    "民政服务",
    "公共文化",
    "应急管理",
    "统计信息",
    "政务服务",
]
CATEGORY_WORDS = [
    "政策文件",
    "标准规范",
    "办事指南",
    "监督检查",
    "资金管理",
    "项目实施",
    "统计数据",
    "名单公示",
    "行政许可",
    "行政处罚",
    "公共服务",
    "年度报告",
]
ITEM_WORDS = ["信息", "公告", "名单", "标准", "办理指南", "实施情况", "分配结果", "检查结果", "年度报告", "目录清单"]
CHANNELS = [
    ["政府网站"],
    ["政府网站", "政务新媒体"],
    ["政府网站", "政务新媒体", "政务公开专区"],
    ["政府网站", "政务服务网", "政务公开专区"],
]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def cn_number(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return NUMERALS[tens - 1] + "十" + (NUMERALS[ones - 1] if ones else "")


@dataclass
class Doc:
    id: str
    kind: str  # policy | interpretation
    year: int
    title: str
    issuer: int  # index into AGENCIES
    topic: int  # index into TOPICS
    subject: str
    published: dt.date
    public: bool = True
    policy: Doc | None = None  # the interpreted policy
    interpreted: bool = False

    @property
    def relative(self) -> str:
        folder = "policies" if self.kind == "policy" else "interpretations"
        return f"content/{folder}/{self.year}/{self.id}.md"


@dataclass
class Corpus:
    root: Path
    policies: list[Doc] = field(default_factory=list)
    interpretations: list[Doc] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    @property
    def config(self) -> Path:
        return self.root / "site.yaml"

    @property
    def hugo(self) -> Path:
        """The peer as the issue defines it: a minimal layout, Pagefind indexes whole pages."""
        return self.root / "hugo"

    @property
    def hugo_body(self) -> Path:
        """The stricter peer: the same layout marking the main content (data-pagefind-body), as sitegen does."""
        return self.root / "hugo-body"


class _Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def sentence(self, subject: str) -> str:
        r = self.rng
        verb, goal = self.pick(VERBS), self.pick(GOALS)
        form = r.randrange(5)
        if form == 0:
            return f"{verb}{subject}工作，{goal}。"
        if form == 1:
            return f"{self.pick(SUBJECTS)}要{verb}{subject}相关工作，{self.pick(MEASURES)}"
        if form == 2:
            return f"到{r.randrange(2025, 2031)}年，{subject}覆盖率达到{r.randrange(60, 100)}%以上，{goal}。"
        if form == 3:
            return f"围绕{subject}，{verb}制度机制建设，{self.pick(MEASURES)}"
        amount = r.randrange(100, 1500)  # drawn before the shares, as ever: the corpus stays the same
        shares = f"{r.randrange(3, 7)}∶{r.randrange(2, 4)}∶{r.randrange(1, 3)}"
        return f"对符合条件的对象，按照每人每月{amount}元的标准给予补助，所需资金由省、市、县按{shares}的比例分担。"

    def paragraph(self, subject: str, sentences: int) -> str:
        return "".join(self.sentence(subject) for _ in range(sentences))

    def table(self, subject: str, html: bool) -> str:
        r = self.rng
        rows = [
            (
                f"{self.pick(VERBS)}{subject}{self.pick(['制度建设', '信息共享', '资金保障', '宣传解读', '督导评估'])}",
                self.paragraph(subject, 1),
                self.pick(UNITS),
                f"{r.randrange(2025, 2028)}年{r.randrange(1, 13)}月底前",
            )
            for _ in range(r.randrange(3, 8))
        ]
        if not html:
            lines = ["| 序号 | 工作任务 | 具体要求 | 责任单位 | 完成时限 |", "| --- | --- | --- | --- | --- |"]
            lines += [f"| {n} | {a} | {b} | {c} | {d} |" for n, (a, b, c, d) in enumerate(rows, 1)]
            return "\n".join(lines)
        # A work table with a merged cell, written as HTML as editors do for rowspan.
        body = []
        for n, (a, b, c, d) in enumerate(rows, 1):
            first = f'<td rowspan="{len(rows)}">{c}</td>' if n == 1 else ""
            body.append(f"<tr><td>{n}</td><td>{a}</td><td>{b}</td>{first}<td>{d}</td></tr>")
        return (
            "<table>\n<caption>" + subject + '重点任务分工表</caption>\n<thead><tr><th scope="col">序号</th>'
            '<th scope="col">工作任务</th><th scope="col">具体要求</th><th scope="col">牵头单位</th>'
            '<th scope="col">完成时限</th></tr></thead>\n<tbody>\n' + "\n".join(body) + "\n</tbody>\n</table>"
        )

    def size(self) -> int:
        """Sections in a body: most documents are a few pages, a few are very long."""
        return max(2, min(14, int(self.rng.lognormvariate(1.65, 0.55))))


def _policy_body(w: _Writer, doc: Doc, link: Doc | None) -> str:
    r = w.rng
    issuer = AGENCIES[doc.issuer]
    parts = ["各市人民政府，省政府各部门、各直属机构：" if doc.issuer < 2 else f"各市{issuer[2][1:]}，各有关单位："]
    reference = ""
    if link is not None:
        reference = f"根据[{link.title}](../{link.year}/{link.id}.md)有关要求，"
    if "印发" in doc.title:
        name = doc.title.split("《")[1].split("》")[0]
        parts.append(
            f"{reference}《{name}》已经{'省政府' if doc.issuer < 2 else '厅（局）务会议'}研究同意，"
            "现印发给你们，请认真贯彻执行。"
        )
        parts.append(f"{issuer[1]}\n\n{cn_date(doc.published - dt.timedelta(days=3))}\n\n（此件公开发布）")
        parts.append(f"## {name}")
    else:
        parts.append(f"{reference}为{w.pick(VERBS)}{doc.subject}工作，{w.pick(GOALS)}，经研究，现就有关事项通知如下。")
    headings = [
        "总体要求",
        "主要任务",
        "重点举措",
        "支持政策",
        "申请条件和程序",
        "资金保障",
        "监督管理",
        "组织保障",
        "附则",
    ]
    for n in range(1, w.size() + 1):
        heading = headings[(n - 1) % len(headings)]
        parts.append(f"### {cn_number(n)}、{heading}")
        for k in range(1, r.randrange(2, 5)):
            parts.append(
                f"（{cn_number(k)}）{w.pick(VERBS)}{doc.subject}{w.pick(['工作', '机制', '服务', '保障'])}。"
                + w.paragraph(doc.subject, r.randrange(1, 4))
            )
        if r.random() < 0.25:
            parts.append("\n".join(f"{k}. {w.sentence(doc.subject)}" for k in range(1, r.randrange(3, 6))))
        if n == 2 and r.random() < 0.5:
            parts.append(w.table(doc.subject, html=r.random() < 0.2))
    parts.append(
        f"本{'办法' if '办法' in doc.title else '文件'}自{cn_date(doc.published)}起施行，有效期{r.randrange(2, 6)}年。"
    )
    return "\n\n".join(parts) + "\n"


def _interpretation_body(w: _Writer, doc: Doc, form: str) -> str:
    policy = doc.policy
    assert policy is not None
    r = w.rng
    link = f"[{policy.title}](../../policies/{policy.year}/{policy.id}.md)"
    parts = [f"近日，{AGENCIES[policy.issuer][1]}印发了{link}。现就有关内容解读如下。"]
    if form == "qa":
        questions = [
            f"{policy.subject}政策的适用对象有哪些？",
            f"如何申请{policy.subject}相关待遇？",
            f"{policy.subject}的办理时限是多久？",
            "政策从什么时候开始施行？",
            "群众有疑问可以向哪里咨询？",
        ]
        for question in questions[: r.randrange(3, 6)]:
            parts.append(f"### 问：{question}")
            parts.append("答：" + w.paragraph(policy.subject, r.randrange(2, 5)))
    else:
        sections = ["起草背景", "主要内容", "创新举措", "适用范围", "施行时间"]
        for n, heading in enumerate(sections[: r.randrange(3, 6)], 1):
            parts.append(f"## {cn_number(n)}、{heading}")
            for _ in range(r.randrange(2, 4)):
                parts.append(w.paragraph(policy.subject, r.randrange(2, 5)))
    if form == "chart":
        parts.append("## 图解文字版\n\n" + "\n".join(f"- {w.sentence(policy.subject)}" for _ in range(4)))
    if form == "video":
        parts.append("## 视频文字实录\n\n" + w.paragraph(policy.subject, 4))
    parts.append(f"咨询电话：0531-{r.randrange(80000000, 89999999)}（工作日）。")
    return "\n\n".join(parts) + "\n"


def _title(w: _Writer, issuer: int, subject: str, year: int) -> str:
    name = AGENCIES[issuer][1]
    form = w.rng.randrange(4)
    if form < 2:
        return f"{name}关于印发《{PROVINCE}{subject}{w.pick(KINDS)}》的通知"
    if form == 2:
        return f"{name}关于{w.pick(VERBS)}{subject}工作的通知"
    return f"{name}关于做好{year}年度{subject}工作的实施意见"


def _catalogs(root: Path, w: _Writer, count: int) -> list[str]:
    """Two catalog files of about ``count`` items (领域 → 类别 → 事项); returns the item codes."""
    domains = min(len(DOMAINS), max(2, math.ceil(count / 12)))
    per_domain = [count // domains + (1 if d < count % domains else 0) for d in range(domains)]
    codes: list[str] = []
    files: dict[str, list[str]] = {"province": [], "departments": []}
    for d, items in enumerate(per_domain):
        domain = DOMAINS[d]
        lines = [f'  - code: "{d + 1:02d}"', f"    title: {q(domain)}", "    children:"]
        categories = max(1, math.ceil(items / 10))
        for c in range(categories):
            in_category = items // categories + (1 if c < items % categories else 0)
            ccode = f"{d + 1:02d}{c + 1:02d}"
            lines += [
                f'      - code: "{ccode}"',
                f"        title: {q(domain + CATEGORY_WORDS[c % len(CATEGORY_WORDS)])}",
                "        children:",
            ]
            for i in range(in_category):
                code = f"{ccode}{i + 1:02d}"
                codes.append(code)
                topic = TOPICS[(d + i) % len(TOPICS)]
                title = f"{w.pick(topic[2])}{ITEM_WORDS[(c + i) % len(ITEM_WORDS)]}"
                agency = AGENCIES[(d * 7 + i) % len(AGENCIES)][1]
                lines += [
                    f'          - code: "{code}"',
                    f"            title: {q(title)}",
                    f"            content: {q(title + '的制定依据、主要内容、办理流程及调整情况')}",
                    f"            basis: {q('《中华人民共和国政府信息公开条例》第二十条')}",
                    f"            time_limit: {q('信息形成或者变更之日起20个工作日内')}",
                    f"            subject: {q(agency)}",
                    f"            channels: {json.dumps(CHANNELS[i % len(CHANNELS)], ensure_ascii=False)}",
                    "            audience: 全社会",
                    "            mode: 主动公开",
                    "            level: 省级",
                    f"            responsible: {q(agency + '办公室')}",
                ]
        files["province" if d % 2 == 0 else "departments"].extend(lines)
    owners = {"province": f"{PROVINCE}人民政府", "departments": f"{PROVINCE}人民政府办公厅"}
    for name, lines in files.items():
        head = [
            f"title: {q(owners[name] + '主动公开事项目录')}",
            f"owner: {q(owners[name])}",
            "updated: 2026-10-30",
            "nodes:",
        ]
        _write(root / "catalogs" / f"{name}.yaml", "\n".join(head + lines) + "\n")
    return codes


def _site_yaml(theme: Path) -> str:
    agencies = "\n".join(f"  - {{slug: {slug}, name: {name}}}" for slug, name, _, _ in AGENCIES)
    topics = "\n".join(f"  - {{slug: {slug}, name: {q(name)}}}" for slug, name, _ in TOPICS)
    return f"""title: {PROVINCE}人民政府
short_title: {PROVINCE}政府
description: {PROVINCE}人民政府门户网站政府信息公开专栏（基准测试用合成数据）。
base_url: https://www.shili.gov.cn
site_code: "3700000001"
icp: 示ICP备20260001号-1
police_record: 示公网安备 37000002000101号
sponsor: {PROVINCE}人民政府办公厅
contact:
  address: 示例市政通路1号
  postcode: "250000"
  phone: 0531-12345678
index_no:
  org_code: "{ORG_CODE}"
  template: "{{org_code}}/{{year}}-{{seq:05d}}"
public_phones: [0531-12345678]
theme_dir: {q(str(theme))}
agencies:
{agencies}
topics:
{topics}
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _review(published: dt.date, w: _Writer) -> str:
    day = published - dt.timedelta(days=w.rng.randrange(1, 4))
    return f"{{date: {day.isoformat()}, by: {w.pick(REVIEWERS)}}}"


def policy_text(
    doc: Doc,
    w: _Writer,
    items: list[str],
    index_no: str,
    extra: dict[str, str],
    link: Doc | None,
    attachment: str | None,
) -> str:
    r = w.rng
    written = doc.published - dt.timedelta(days=r.randrange(2, 9))
    r.randrange(1, 60)  # the number was drawn once; kept so that the rest of the corpus stays the same
    # A document number is unique within its agency and year (SG420): the id's serial is unique site-wide.
    serial = doc.id.rsplit("-", 1)[1]
    serial_no = int(serial) + (9000 if "-added-" in doc.id else 0)
    lines = [
        "---",
        f"title: {q(doc.title)}",
        f"doc_number: {q(f'{AGENCIES[doc.issuer][3]}〔{doc.year}〕{serial_no}号')}",
        f"issuer: {AGENCIES[doc.issuer][1]}",
        f"written: {written.isoformat()}",
        f"published: {doc.published.isoformat()}",
        f"index_no: {q(index_no)}",
        f"topics: [{q(TOPICS[doc.topic][1])}]",
        f"catalog: [{', '.join(q(c) for c in items)}]",
        *[f"{key}: {value}" for key, value in extra.items()],
        f"disclosure: {'public' if doc.public else w.pick(['on_request', 'withheld'])}",
        f"review: {_review(doc.published, w)}",
    ]
    if attachment:
        lines.append(f"attachments:\n  - {{title: {q(doc.subject + '申请表')}, file: {attachment}}}")
    if r.random() < 0.3:
        lines.append(f"keywords: [{q(doc.subject)}, {q(TOPICS[doc.topic][1].split('、')[0])}]")
    if doc.interpreted:
        lines.append("interpretation_required: true")
    else:
        lines += ["interpretation_required: false", f"no_interpretation_reason: {q(w.pick(REASONS))}"]
    return "\n".join(lines) + "\n---\n" + _policy_body(w, doc, link)


def interpretation_text(doc: Doc, w: _Writer, index_no: str) -> str:
    form = w.pick(["text"] * 12 + ["qa"] * 5 + ["chart"] * 2 + ["video"])
    lines = [
        "---",
        f"title: {q(doc.title)}",
        f"policy: {doc.policy.id}",
        f"form: {form}",
        f"issuer: {AGENCIES[doc.issuer][1]}",
        f"published: {doc.published.isoformat()}",
        f"index_no: {q(index_no)}",
        "disclosure: public",
        f"review: {_review(doc.published, w)}",
    ]
    return "\n".join(lines) + "\n---\n" + _interpretation_body(w, doc, form)


def _pages(root: Path) -> None:
    review = "{date: 2026-01-06, by: 省政府办公厅保密审查小组}"
    pages = {
        "guide": (
            f"{PROVINCE}人民政府信息公开指南",
            "## 一、主动公开\n\n本机关主动公开政策文件、政策解读和主动公开事项目录中的信息。\n\n"
            "## 二、依申请公开\n\n公民、法人和其他组织可以通过政府网站、信函或者当面提交政府信息公开申请。\n",
        ),
        "about": ("关于本网站", "本网站是基准测试生成的合成政务公开网站，内容均为虚构。\n"),
        "accessibility": ("无障碍声明", "本网站按照 WCAG 2.1 AA 级要求设计，支持键盘操作和屏幕阅读器。\n"),
    }
    for name, (title, body) in pages.items():
        _write(
            root / "content" / "pages" / f"{name}.md",
            f"---\ntitle: {q(title)}\ndisclosure: public\nreview: {review}\n---\n{body}",
        )


ATTACHMENTS = [f"form-{n:02d}.pdf" for n in range(1, 11)]


def _pdf(text: str) -> bytes:
    """A minimal, valid one-page PDF with ``text`` (ASCII) in its text layer: the build reads every attachment
    (SG400-SG411) and refuses a file that is not what its name says."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _attachments(root: Path) -> None:
    for n, name in enumerate(ATTACHMENTS, 1):
        path = root / "content" / "attachments" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_pdf(f"Synthetic application form {n}"))


def generate(root: Path, docs: int, seed: int = 1, theme: Path | None = None) -> Corpus:
    """Write a portal of ``docs`` documents under ``root`` (which must be empty or absent)."""
    theme = theme or Path(__file__).resolve().parent.parent / "themes" / "default"
    rng = random.Random(seed)
    w = _Writer(rng)
    corpus = Corpus(root)
    _write(root / "site.yaml", _site_yaml(theme))
    corpus.items = _catalogs(root, w, max(5, round(docs / 20)))
    _pages(root)
    _attachments(root)

    n_policies = max(1, round(docs * 0.7))
    n_interps = docs - n_policies
    span = (TODAY - dt.timedelta(days=20) - dt.date(FIRST_YEAR, 1, 1)).days
    days = sorted(rng.randrange(span) for _ in range(n_policies))
    seq: dict[int, int] = {}

    def index_no(year: int) -> str:
        seq[year] = seq.get(year, 0) + 1
        return f"{ORG_CODE}/{year}-{seq[year]:05d}"

    for n, offset in enumerate(days):
        published = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=offset)
        while published.weekday() >= 5:
            published -= dt.timedelta(days=1)
        issuer, topic = rng.randrange(len(AGENCIES)), rng.randrange(len(TOPICS))
        subject = w.pick(TOPICS[topic][2])
        doc = Doc(
            f"{published.year}-{AGENCIES[issuer][0]}-{n + 1:06d}",
            "policy",
            published.year,
            _title(w, issuer, subject, published.year),
            issuer,
            topic,
            subject,
            published,
        )
        doc.public = rng.random() >= 0.02
        corpus.policies.append(doc)

    public = [p for p in corpus.policies if p.public]
    interpreted = rng.sample(public, min(len(public), math.ceil(n_interps * 0.85)))
    for p in interpreted:
        p.interpreted = True
    for k in range(n_interps):
        policy = interpreted[k] if k < len(interpreted) else rng.choice(interpreted)
        name = f"《{policy.title.split('《')[1].split('》')[0]}》" if "《" in policy.title else policy.title
        interp = Doc(
            f"{policy.id}-jd{k + 1}",
            "interpretation",
            policy.year,
            f"{name}政策解读",
            rng.choice([policy.issuer, policy.issuer, 1]),
            policy.topic,
            policy.subject,
            policy.published,
            policy=policy,
        )
        corpus.interpretations.append(interp)

    # Successors: a later public policy amends or repeals a few older ones (立改废).
    successors: dict[str, tuple[str, str]] = {}
    for i, p in enumerate(public[:-1]):
        roll = rng.random()
        if roll < 0.06:
            later = public[rng.randrange(i + 1, len(public))]
            successors[p.id] = ("amended", later.id) if roll < 0.03 else ("repealed", later.id)
        elif roll < 0.09:
            successors[p.id] = ("expired", "")

    for n, doc in enumerate(corpus.policies):
        items = [corpus.items[n % len(corpus.items)]]
        if rng.random() < 0.3:
            extra_item = rng.choice(corpus.items)
            if extra_item != items[0]:
                items.append(extra_item)
        extra: dict[str, str] = {}
        if doc.id in successors:
            validity, successor = successors[doc.id]
            extra["validity"] = validity
            if validity != "expired":
                extra["amended_by" if validity == "amended" else "replaced_by"] = successor
        earlier = public[rng.randrange(len(public))] if doc.public and rng.random() < 0.2 else None
        link = earlier if earlier is not None and earlier.id != doc.id else None
        attachment = w.pick(ATTACHMENTS) if rng.random() < 0.1 else None
        _write(root / doc.relative, policy_text(doc, w, items, index_no(doc.year), extra, link, attachment))
    for doc in corpus.interpretations:
        _write(root / doc.relative, interpretation_text(doc, w, index_no(doc.year)))
    _hugo_project(corpus)
    return corpus


def new_policy(corpus: Corpus, number: int, seed: int = 1) -> Path:
    """Write one more public policy (the benchmark's "added policy" row); returns its path."""
    w = _Writer(random.Random(seed * 100_003 + number))
    published = TODAY - dt.timedelta(days=3)
    topic = number % len(TOPICS)
    subject = TOPICS[topic][2][0]
    doc = Doc(
        f"{published.year}-added-{number:04d}",
        "policy",
        published.year,
        _title(w, 1, subject, published.year),
        1,
        topic,
        subject,
        published,
    )
    path = corpus.root / doc.relative
    _write(
        path,
        policy_text(
            doc,
            w,
            [corpus.items[number % len(corpus.items)]],
            f"{ORG_CODE}/{published.year}-9{number:04d}",
            {},
            None,
            None,
        ),
    )
    return path


# The peer: Hugo over the very same content folder, with a minimal layout and Pagefind-ready markup.
HUGO_CONFIG = """baseURL = "https://www.shili.gov.cn/"
languageCode = "zh-CN"
defaultContentLanguage = "zh"
hasCJKLanguage = true
title = "示例省人民政府"
contentDir = "../content"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
enableGitInfo = false
paginate = 50
[taxonomies]
  topic = "topics"
[frontmatter]
  date = ["published", "date"]
[markup.goldmark.renderer]
  unsafe = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 4
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title></head>
<body>
<header><a href="/">{{ .Site.Title }}</a>
<nav><a href="/policies/">政策文件库</a> <a href="/interpretations/">政策解读</a> <a href="/topics/">主题分类</a></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}<article BODY>
<h1>{{ .Title }}</h1>
<table><tr><th>发文字号</th><td>{{ .Params.doc_number }}</td>
<th>发布日期</th><td>{{ .Date.Format "2006-01-02" }}</td></tr>
<tr><th>发文机关</th><td>{{ .Params.issuer }}</td><th>索引号</th><td>{{ .Params.index_no }}</td></tr></table>
<nav>{{ .TableOfContents }}</nav>
{{ .Content }}
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
""",
}


def _hugo_project(corpus: Corpus) -> None:
    for folder, marker in ((corpus.hugo, ""), (corpus.hugo_body, " data-pagefind-body")):
        _write(folder / "config.toml", HUGO_CONFIG)
        for name, text in HUGO_LAYOUTS.items():
            _write(folder / "layouts" / name, text.replace("<article BODY>", f"<article{marker}>"))
