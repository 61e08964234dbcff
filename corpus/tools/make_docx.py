"""Writes corpus/d_score_table.docx: a fictional third-party evaluation report written for this
project, with a fund table whose header has horizontally merged cells and an indicator score table
whose first- and second-level cells are merged vertically over their rows.

The gold file corpus/gold/d_score_table.json is typed by hand, not produced from this script.
Run from the project root:

    .venv/bin/python corpus/tools/make_docx.py
"""
from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

CORPUS = Path(__file__).resolve().parents[1]
OUT = CORPUS / "d_score_table.docx"

TITLE = "于都县2021年度城乡医疗救助资金绩效评价报告"

FRONT = [
    "委托单位：于都县财政局",
    "评价机构：赣州明德会计师事务所有限公司",
    "被评价单位：于都县医疗保障局",
    "受于都县财政局委托，赣州明德会计师事务所有限公司作为第三方机构，按照《项目支出绩效评价管理办法》"
    "（财预〔2020〕10号）的规定，于2022年4月至6月对于都县2021年度城乡医疗救助资金开展了绩效评价。"
    "评价组由注册会计师和医保业务专家共6人组成，采取资料审核、数据比对、现场核查和问卷调查相结合的方式开展工作。"
    "现将评价情况报告如下。",
]

PART1 = [
    ("h1", "一、项目基本情况"),
    ("sub", "（一）项目概况"),
    ("p", "城乡医疗救助是多层次医疗保障体系中的托底制度安排。2021年是巩固拓展脱贫攻坚成果同乡村振兴有效衔接的开局之年，"
          "于都县将特困人员、低保对象、返贫致贫人口和脱贫不稳定人口等纳入医疗救助范围，对其参加城乡居民基本医疗保险的"
          "个人缴费给予资助，并对经基本医保、大病保险报销后政策范围内的个人自付费用给予救助。2021年全县资助参加城乡居民"
          "基本医疗保险78,316人，实施医疗救助38,652人次，其中住院救助21,437人次，门诊救助17,215人次。"),
    ("sub", "（二）资金安排及使用情况"),
    ("p", "2021年该项目预算资金2,900.00万元，实际到位2,857.00万元，资金到位率98.52%；全年支出2,762.99万元，"
          "预算执行率96.71%。其中县级财政资金预算430.00万元，实际到位387.00万元，尚有43.00万元未到位。"
          "各级资金到位及使用情况见表1。"),
    ("caption", "表1  资金到位及使用情况表"),
]

FUND_HEADER_TOP = ["资金来源", "资金到位情况", "资金使用情况"]
FUND_HEADER_SUB = ["预算数（万元）", "到位数（万元）", "到位率", "支出数（万元）", "执行率"]
FUND_ROWS = [
    ["中央财政资金", "1,850.00", "1,850.00", "100.00%", "1,812.46", "97.97%"],
    ["省级财政资金", "620.00", "620.00", "100.00%", "598.35", "96.51%"],
    ["县级财政资金", "430.00", "387.00", "90.00%", "352.18", "91.00%"],
    ["合计", "2,900.00", "2,857.00", "98.52%", "2,762.99", "96.71%"],
]

PART2 = [
    ("h1", "二、绩效评价工作开展情况"),
    ("p", "评价组依据财政部项目支出绩效评价共性指标框架，结合医疗救助业务特点，设置了决策、过程、产出、效益4个一级指标、"
          "12个二级指标和20个三级指标。评价组随机抽取6个乡镇开展现场核查，查阅救助档案420份，向救助对象发放调查问卷400份，"
          "收回有效问卷386份。"),
    ("h1", "三、评价结论"),
    ("p", "经综合评价，于都县2021年度城乡医疗救助资金绩效评价得分为84.30分，评价等级为“良”。其中：决策指标得分12.50分，"
          "过程指标得分20.60分，产出指标得分31.30分，效益指标得分19.90分。各项指标得分情况见表2。"),
    ("caption", "表2  绩效评价指标得分表"),
]

# (一级指标, 二级指标, 三级指标, 得分); None = same as the row above (merged)
SCORE_ROWS = [
    ("决策（15分）", "项目立项（6分）", "立项依据充分性（3分）", "3.00"),
    (None, None, "立项程序规范性（3分）", "2.50"),
    (None, "绩效目标（5分）", "绩效目标合理性（2分）", "1.50"),
    (None, None, "绩效指标明确性（3分）", "2.00"),
    (None, "资金投入（4分）", "预算编制科学性（2分）", "1.50"),
    (None, None, "资金分配合理性（2分）", "2.00"),
    ("过程（25分）", "资金管理（13分）", "资金到位率（4分）", "3.60"),
    (None, None, "预算执行率（4分）", "3.50"),
    (None, None, "资金使用合规性（5分）", "4.00"),
    (None, "组织实施（12分）", "管理制度健全性（6分）", "5.00"),
    (None, None, "制度执行有效性（6分）", "4.50"),
    ("产出（35分）", "产出数量（15分）", "救助对象覆盖率（8分）", "8.00"),
    (None, None, "救助人次完成率（7分）", "6.30"),
    (None, "产出质量（10分）", "政策范围内救助比例达标率（10分）", "9.00"),
    (None, "产出时效（5分）", "救助资金支付及时率（5分）", "3.50"),
    (None, "产出成本（5分）", "人均救助成本控制情况（5分）", "4.50"),
    ("效益（25分）", "社会效益（15分）", "因病返贫发生率控制情况（8分）", "7.20"),
    (None, None, "困难群众医疗负担减轻程度（7分）", "5.60"),
    (None, "可持续影响（4分）", "长效机制建设情况（4分）", "2.60"),
    (None, "满意度（6分）", "救助对象满意度（6分）", "4.50"),
]
SCORE_TOTAL = "84.30"

PART3 = [
    ("h1", "四、主要绩效"),
    ("sub", "（一）产出方面"),
    ("p", "2021年全县资助参保78,316人，特困人员、低保对象和返贫致贫人口的参保资助覆盖率达到100%。全年实施住院救助"
          "21,437人次、门诊救助17,215人次，重点救助对象政策范围内住院自付费用救助比例达到72.35%，高于70%的年度目标。"),
    ("sub", "（二）资金使用方面"),
    ("p", "2021年医疗救助资金支出2,762.99万元，其中：住院救助支出2,035.62万元，门诊救助支出186.84万元，"
          "资助参保支出540.53万元。资金实行专账核算，未发现截留、挤占和挪用情况。"),
    ("sub", "（三）效益方面"),
    ("p", "医疗救助与基本医保、大病保险衔接顺畅，困难群众医疗费用负担明显减轻，全年未出现因病返贫致贫的新增情况。"
          "问卷调查显示，救助对象满意度为91.20%。"),
    ("h1", "五、存在的问题"),
    ("sub", "（一）县级资金配套到位不足"),
    ("p", "县级财政资金到位率仅为90.00%，尚有43.00万元未到位，导致部分乡镇门诊救助资金拨付延后。"),
    ("sub", "（二）救助资金支付时效偏慢"),
    ("p", "抽查的救助档案中，有57份从提出申请到资金发放超过20个工作日，未达到“一站式”即时结算的要求。"),
    ("sub", "（三）部门间信息共享不充分"),
    ("p", "医保、民政、乡村振兴等部门的救助对象数据仍以定期报送为主，返贫致贫人口认定后纳入救助范围存在时间差。"),
    ("h1", "六、意见和建议"),
    ("sub", "（一）督促县级资金及时足额到位"),
    ("p", "建议县财政部门将县级配套资金纳入年初预算并按季度拨付，确保救助资金按时足额到位。"),
    ("sub", "（二）压缩救助办理时限"),
    ("p", "建议扩大“一站式”即时结算覆盖面，对确需事后申请的救助事项明确办理时限并向社会公开。"),
    ("sub", "（三）建立救助信息共享平台"),
    ("p", "建议由县医疗保障局牵头，与民政、乡村振兴等部门建立救助对象信息实时共享机制，做到认定一人、纳入一人。"),
]

SIGNATURE = ["赣州明德会计师事务所有限公司", "2022年7月15日"]


def cjk(run, size=None, bold=None):
    run.font.name = "Noto Serif CJK SC"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK SC")
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def para(d, text, kind="p"):
    if kind == "h1":
        p = d.add_heading(text, level=1)
        for r in p.runs:
            cjk(r)
        return p
    p = d.add_paragraph()
    r = p.add_run(text)
    cjk(r, 12, bold=kind in ("sub", "caption"))
    if kind == "caption":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def set_cell(cell, text, bold=False):
    cell.text = ""
    r = cell.paragraphs[0].add_run(text)
    cjk(r, 10.5, bold=bold)


def fund_table(d):
    t = d.add_table(rows=2 + len(FUND_ROWS), cols=6)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_cell(t.cell(0, 0).merge(t.cell(1, 0)), FUND_HEADER_TOP[0], bold=True)   # vertical merge
    set_cell(t.cell(0, 1).merge(t.cell(0, 3)), FUND_HEADER_TOP[1], bold=True)   # 资金到位情况 over 3 columns
    set_cell(t.cell(0, 4).merge(t.cell(0, 5)), FUND_HEADER_TOP[2], bold=True)   # 资金使用情况 over 2 columns
    for c, text in enumerate(FUND_HEADER_SUB, 1):
        set_cell(t.cell(1, c), text, bold=True)
    for r, row in enumerate(FUND_ROWS, 2):
        for c, text in enumerate(row):
            set_cell(t.cell(r, c), text)


def score_table(d):
    t = d.add_table(rows=1 + len(SCORE_ROWS) + 1, cols=4)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, text in enumerate(["一级指标", "二级指标", "三级指标", "得分"]):
        set_cell(t.cell(0, c), text, bold=True)
    for col in (0, 1):  # merge each first- and second-level cell down over the rows it covers
        start = None
        for i, row in enumerate(SCORE_ROWS + [("end", "end", None, None)]):
            if row[col] is not None:
                if start is not None:
                    label, first, last = SCORE_ROWS[start][col], start + 1, i
                    cell = t.cell(first, col).merge(t.cell(last, col)) if last > first else t.cell(first, col)
                    set_cell(cell, label)
                start = i
    for i, row in enumerate(SCORE_ROWS, 1):
        set_cell(t.cell(i, 2), row[2])
        set_cell(t.cell(i, 3), row[3])
    last = len(SCORE_ROWS) + 1
    set_cell(t.cell(last, 0).merge(t.cell(last, 2)), "合计", bold=True)
    set_cell(t.cell(last, 3), SCORE_TOTAL, bold=True)


def build(path: Path = OUT) -> Path:
    d = docx.Document()
    title = d.add_heading(TITLE, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r in title.runs:
        cjk(r)
    for text in FRONT:
        para(d, text)
    for kind, text in PART1:
        para(d, text, kind)
    fund_table(d)
    for kind, text in PART2:
        para(d, text, kind)
    score_table(d)
    for kind, text in PART3:
        para(d, text, kind)
    for text in SIGNATURE:
        p = para(d, text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
