"""The national format of the annual report on government information disclosure (政府信息公开工作年度报告,
国办公开办函〔2021〕30号): six sections and three tables, their rows, columns and labels."""

from __future__ import annotations

SECTIONS = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}

# Table 二: four blocks, one per item of Article 20 of the Regulations.
COUNT_COLUMNS = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"}
RULES_LABEL, NORMATIVE_LABEL = "规章", "行政规范性文件"
DECISION_ROWS = {"licensing": "行政许可", "penalty": "行政处罚", "coercion": "行政强制"}
FEES_LABEL = "行政事业性收费"

# Table 三: applicant columns; the last two rows and the first two frame the results.
APPLICANT_COLUMNS = {
    "natural": "自然人",
    "business": "商业企业",
    "research": "科研机构",
    "public_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other": "其他",
}
TOTAL_LABEL = "总计"
RESULT_GROUPS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("granted", "（一）予以公开", []),
    ("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    (
        "withheld",
        "（三）不予公开",
        [
            ("state_secret", "1.属于国家秘密"),
            ("prohibited", "2.其他法律行政法规禁止公开"),
            ("security_stability", "3.危及“三安全一稳定”"),
            ("third_party", "4.保护第三方合法权益"),
            ("internal_affairs", "5.属于三类内部事务信息"),
            ("process_information", "6.属于四类过程性信息"),
            ("enforcement_files", "7.属于行政执法案卷"),
            ("inquiry", "8.属于行政查询事项"),
        ],
    ),
    (
        "unavailable",
        "（四）无法提供",
        [
            ("not_held", "1.本机关不掌握相关政府信息"),
            ("needs_creation", "2.没有现成信息需要另行制作"),
            ("unclear", "3.补正后申请内容仍不明确"),
        ],
    ),
    (
        "not_processed",
        "（五）不予处理",
        [
            ("complaint", "1.信访举报投诉类申请"),
            ("duplicate", "2.重复申请"),
            ("publication", "3.要求提供公开出版物"),
            ("excessive", "4.无正当理由大量反复申请"),
            ("confirmation", "5.要求行政机关确认或重新出具已获取信息"),
        ],
    ),
    (
        "other_handling",
        "（六）其他处理",
        [
            ("overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other", "3.其他"),
        ],
    ),
]
RESULTS_LABEL = "三、本年度办理结果"
RESULT_TOTAL = ("total", "（七）总计")
FRAME_ROWS = {
    "received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "carried_forward": "四、结转下年度继续办理",
}

# Table 四.
APPEAL_COLUMNS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}
APPEAL_ROWS = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_review": "行政诉讼（复议后起诉）",
}


def result_rows() -> list[tuple[str, str]]:
    """The leaf rows of 三、本年度办理结果 as (key, label); keys of sub-rows are "group.row"."""
    rows = []
    for key, label, children in RESULT_GROUPS:
        rows += [(f"{key}.{child}", f"{label} {child_label}") for child, child_label in children] or [(key, label)]
    return rows


def application_row_labels() -> dict[str, str]:
    """Every row an editor fills in table 三, in table order."""
    return {
        "received": FRAME_ROWS["received"],
        "carried_over": FRAME_ROWS["carried_over"],
        **dict(result_rows()),
        "carried_forward": FRAME_ROWS["carried_forward"],
    }


# Reading the YAML ---------------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Plain-text paragraphs, separated by blank lines (the report's prose is not Markdown)."""
    return ["".join(line.strip() for line in part.split("\n")) for part in text.split("\n\n") if part.strip()]
