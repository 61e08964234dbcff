"""Writes corpus/e_rendered.pdf: a fictional project self-evaluation report written for this
project, first built as a Word document with python-docx (a ruled table, a paragraph long enough
to wrap over many lines, two and a half pages) and then printed to PDF by LibreOffice headless:

    soffice --headless -env:UserInstallation=file:///tmp/lo_corpus_profile \
            --convert-to pdf --outdir corpus/ e_rendered.docx

The intermediate .docx is made in a temporary folder and not kept (run with --keep-docx to
leave it in corpus/tools/). The gold file corpus/gold/e_rendered.json is typed by hand.
Run from the project root:

    .venv/bin/python corpus/tools/make_pdf.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

CORPUS = Path(__file__).resolve().parents[1]
STEM = "e_rendered"

TITLE = "田东县卫生健康局2019年度家庭医生签约服务补助资金项目绩效自评报告"

BODY = [
    ("p", "根据《田东县财政局关于开展2019年度项目支出绩效自评工作的通知》要求，我局组织相关股室和乡镇卫生院，"
          "对2019年度家庭医生签约服务补助资金项目开展了绩效自评，现将有关情况报告如下。"),
    ("h1", "一、项目基本情况"),
    # the long paragraph: wraps over many lines in the PDF
    ("p", "家庭医生签约服务是深化医药卫生体制改革、推动医疗卫生工作重心下移和资源下沉的重要举措，也是落实健康扶贫政策、"
          "让贫困群众看得上病、看得起病、看得好病的基础性工作。2019年，我县以乡镇卫生院和村卫生室为依托，组建由全科医生、"
          "乡村医生、护士和公共卫生人员共同组成的家庭医生团队，面向全县常住人口提供基本医疗、公共卫生和健康管理服务，"
          "并把建档立卡贫困人口、65岁以上老年人、孕产妇、0至6岁儿童以及高血压、糖尿病、严重精神障碍和肺结核患者等重点人群"
          "作为优先签约对象。全县常住人口43.06万人，年内累计签约158,500人，签约覆盖率36.81%；其中建档立卡贫困人口49,347人"
          "全部签约，贫困人口签约率100%。家庭医生团队按照签约协议为签约居民提供上门随访、慢病用药指导、健康评估和转诊预约等"
          "服务，全年累计提供履约服务352,070人次，群众对基层医疗卫生服务的获得感明显增强。"),
    ("h1", "二、项目资金情况"),
    ("p", "2019年该项目预算资金260.00万元，其中：中央补助资金156.00万元，自治区补助资金52.00万元，县级配套资金52.00万元。"
          "截至2019年12月31日，资金全部到位，到位率100%；全年支出256.19万元，结余3.81万元，预算执行率98.53%。"
          "资金按各乡镇签约人数和履约服务质量考核结果分配，各乡镇签约服务及资金使用情况见表1。"),
    ("caption", "表1  各乡镇家庭医生签约服务及补助资金使用情况表"),
    ("table", None),
    ("h1", "三、绩效目标完成情况"),
    ("p", "（一）产出目标。年度目标为建档立卡贫困人口签约率100%、重点人群签约率不低于60%。实际贫困人口签约率100%，"
          "重点人群签约率为67.42%，均完成年度目标。"),
    ("p", "（二）质量和时效目标。签约居民中高血压患者规范管理率为71.26%，糖尿病患者规范管理率为68.93%；"
          "补助资金于2020年1月底前全部拨付到乡镇卫生院。"),
    ("p", "（三）效益目标。通过电话回访和入户调查相结合的方式对签约居民开展满意度调查，共回访1,200人，满意度为94.70%。"),
    ("h1", "四、自评结论"),
    ("p", "经自评，该项目综合得分93.2分，评价等级为“优”。其中决策指标得19分（满分20分），过程指标得18.5分（满分20分），"
          "产出指标得28.2分（满分30分），效益指标得27.5分（满分30分）。"),
    ("h1", "五、存在的问题"),
    ("p", "（一）“签而不约”现象仍然存在。部分村卫生室乡村医生年龄偏大、人手不足，对签约居民的随访次数达不到协议约定。"),
    ("p", "（二）家庭医生团队人员结构不合理。全县家庭医生团队中具备全科医生资格的仅有46人，团队服务能力参差不齐。"),
    ("p", "（三）信息化支撑不足。签约服务信息系统与基本公共卫生、医保结算系统尚未互联互通，数据需要重复录入。"),
    ("h1", "六、下一步工作建议"),
    ("p", "（一）强化履约考核。把随访频次、慢病规范管理率和群众满意度作为资金分配的主要依据，对“签而不约”的团队扣减补助。"),
    ("p", "（二）加强全科医生队伍建设。每年选送20名以上乡村医生参加全科医生转岗培训，逐步优化团队人员结构。"),
    ("p", "（三）推进签约服务信息化。推动签约服务系统与公共卫生、医保结算系统的数据对接，减少基层重复录入。"),
]

TABLE_HEADER = ["乡镇", "签约人数（人）", "其中建档立卡贫困人口（人）", "履约服务（人次）", "补助资金（万元）"]
TABLE_ROWS = [
    ["平马镇", "38,612", "9,845", "86,107", "62.37"],
    ["祥周镇", "21,408", "6,213", "47,532", "34.58"],
    ["林逢镇", "24,975", "7,106", "55,419", "40.34"],
    ["思林镇", "16,830", "5,927", "37,264", "27.19"],
    ["作登瑶族乡", "9,546", "4,382", "21,093", "15.42"],
    ["其他乡镇（5个）", "47,129", "15,874", "104,655", "76.29"],
    ["合计", "158,500", "49,347", "352,070", "256.19"],
]

SIGNATURE = ["田东县卫生健康局", "2020年5月8日"]


def cjk(run, size=12, bold=False):
    run.font.name = "Noto Serif CJK SC"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK SC")
    run.font.size = Pt(size)
    run.bold = bold


def build_docx(path: Path) -> Path:
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.8)
    sec.top_margin = sec.bottom_margin = Cm(2.5)
    t = d.add_heading(TITLE, level=0)
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r in t.runs:
        cjk(r, 18, True)
    for kind, text in BODY:
        if kind == "h1":
            p = d.add_heading(text, level=1)
            for r in p.runs:
                cjk(r, 14, True)
        elif kind == "table":
            tab = d.add_table(rows=1 + len(TABLE_ROWS), cols=len(TABLE_HEADER))
            tab.style = "Table Grid"
            tab.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, row in enumerate([TABLE_HEADER] + TABLE_ROWS):
                for c, cell_text in enumerate(row):
                    cell = tab.cell(r, c)
                    cell.text = ""
                    cjk(cell.paragraphs[0].add_run(cell_text), 10.5, bold=(r == 0 or row[0] == "合计"))
        else:
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24) if kind == "p" else None
            p.paragraph_format.line_spacing = 1.5
            if kind == "caption":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cjk(p.add_run(text), 12, bold=(kind == "caption"))
    for text in SIGNATURE:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        cjk(p.add_run(text))
    d.save(str(path))
    return path


def to_pdf(src: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    subprocess.run([soffice, "--headless", "-env:UserInstallation=file:///tmp/lo_corpus_profile",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=180)
    pdf = outdir / (src.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"LibreOffice did not write {pdf}")
    return pdf


def main(argv: list[str]) -> int:
    keep = "--keep-docx" in argv
    with tempfile.TemporaryDirectory() as tmp:
        src = build_docx(Path(tmp) / f"{STEM}.docx")
        pdf = to_pdf(src, CORPUS)
        if keep:
            shutil.copy(src, Path(__file__).resolve().parent / src.name)
    print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
