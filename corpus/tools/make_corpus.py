"""Writes the project's sample corpus (fictional reports written for this project) and
their gold files.

Every figure in a report is written as {{text|kind|value|label}}: the text as it appears,
its kind, its value in base units and its label — typed by hand, so the gold is an
independent truth, not the extractor's output. Figures inside tables use the same
markup. Run from the project root:

    .venv/bin/python corpus/tools/make_corpus.py

It rewrites corpus/*.txt|docx|pdf and corpus/gold/*.json (the PDF needs LibreOffice).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
MARK = re.compile(r"\{\{(.+?)\|(\w+)\|(-?[\d.]+)\|([^}|]*)(?:\|(\d+))?\}\}")


def strip(text: str, facts: list, where: str = "text") -> str:
    """Remove the markup, collecting the gold facts."""
    def repl(m):
        unit = UNITS[m.group(2)]
        if m.group(2) == "count":
            unit = m.group(1).rstrip()[-1]  # counts keep their own word: 份, 个, 家
        fact = {"kind": m.group(2), "value": m.group(3), "unit": unit, "text": m.group(1),
                "label": m.group(4), "where": where}
        if m.group(5):
            fact["range_high"] = m.group(5)
        facts.append(fact)
        return m.group(1)
    return MARK.sub(repl, text)


UNITS = {"amount": "元", "headcount": "人", "person_times": "人次", "households": "户", "percent": "%",
         "score": "分", "money_rate": "元/人", "count": "个"}

# ---------------------------------------------------------------- report 1: project, utf-8
R1 = """安定区财政局关于2019年度城乡居民医疗保险个人缴费补助项目绩效评价结果的通报

区医疗保障局：

根据年度绩效评价工作安排，我局组织评价组对2019年度城乡居民医疗保险个人缴费补助项目开展了绩效评价，现将结果通报如下：

一、项目基本情况
（一）项目概况
本项目对全区特困、低保和建档立卡对象参加城乡居民医疗保险的个人缴费部分给予补助。2019年全区纳入补助范围的对象共{{18,640人|headcount|18640|补助人数}}，补助标准为{{180元/人|money_rate|180|补助标准}}。
（二）资金投入和使用情况
2019年项目预算资金{{3,355,200.00元|amount|3355200|年初预算}}，实际到位资金{{3,355,200.00元|amount|3355200|到位资金}}，其中：区级财政资金{{2,013,120.00元|amount|2013120|到位资金}}，市级补助资金{{1,342,080.00元|amount|1342080|到位资金}}。截至2019年12月31日，实际支出{{3,280,500.00元|amount|3280500|支出}}，结余{{74,700.00元|amount|74700|结余}}，预算执行率为{{97.77%|percent|97.77|执行率}}。

二、绩效评价情况
评价组通过资料核查、实地走访和问卷调查开展评价，共发放问卷{{420份|count|420|问卷数}}，满意度为{{93.6%|percent|93.6|满意度}}。项目综合评分为{{91.5分|score|91.5|得分}}，评价等级为“优”。

三、存在的主要问题
（一）补助对象动态调整不及时
部分乡镇对当年新增低保对象的信息推送滞后，个别对象未能及时享受补助。
（二）绩效目标设置不够细化
项目申报时仅设置了总体目标，缺少分季度的量化指标，不利于跟踪考核。
（三）资金结余未及时清理
年末结余资金未按规定及时上缴区级财政。

四、建议
（一）建立对象信息定期比对机制
建议区医疗保障局与民政、乡村振兴部门每月比对补助对象信息，做到应补尽补。
（二）细化绩效目标
建议在项目申报时按季度设置可量化的产出和效益指标。
（三）及时清理结余资金
建议在年度结束后一个月内清理结余资金并上缴区级财政。

安定区财政局
2020年5月18日
"""

META1 = {"title": "安定区财政局关于2019年度城乡居民医疗保险个人缴费补助项目绩效评价结果的通报", "province": "甘肃省",
         "city": "定西市", "county": "安定区", "report_type": "notice", "evaluator": None, "year": 2019,
         "date": "2020-05-18", "score": "91.5", "grade": "优"}

# ---------------------------------------------------------------- report 2: department, GBK, Chinese date
R2 = """湄潭县医疗保障局
2020年度部门整体支出绩效自评报告

一、部门基本情况
本局内设机构{{4个|count|4|机构数}}，年末实有在职人员{{26人|headcount|26|在职人数}}。
二、部门支出情况
本局2020年度收入总计{{1,208.36万元|amount|12083600|收入}}，其中财政拨款收入{{1,208.36万元|amount|12083600|收入}}。全年总支出{{1,186.52万元|amount|11865200|支出}}，其中基本支出{{536.40万元|amount|5364000|支出}}，项目支出{{650.12万元|amount|6501200|支出}}。年末结转和结余{{21.84万元|amount|218400|结余}}。
三、部门整体支出绩效分析
（一）投入
1、预算配置
在职人员控制率=（在职人员数÷编制数）×100%={{100%|percent|100|控制率}}。本局编制数为{{26人|headcount|26|编制人数}}，该项指标得{{5分|score|5|得分}}。
（二）过程
1、预算执行
本局年初预算为{{1,100.00万元|amount|11000000|年初预算}}；本年追加预算{{108.36万元|amount|1083600|追加预算}}。预算调整率=（本年追加预算÷年初预算）×100%={{9.85%|percent|9.85|控制率}}。
四、绩效评价结论
根据评价指标体系测算，本局部门整体支出绩效评价得分为{{86.5分|score|86.5|得分}}，评价等级为“良”。
五、存在的问题
1、预算编制不够精细，年中追加预算较多。
2、项目绩效目标量化程度不高，部分指标难以考核。
六、改进建议
1、建议提高预算编制的准确性，减少年中追加。
2、建议完善绩效目标体系，提高指标的可考核性。

湄潭县医疗保障局
二〇二一年三月五日
"""

META2 = {"title": "湄潭县医疗保障局2020年度部门整体支出绩效自评报告", "province": "贵州省", "city": "遵义市",
         "county": "湄潭县", "report_type": "department", "evaluator": "湄潭县医疗保障局", "year": 2020,
         "date": "2021-03-05", "score": "86.5", "grade": "良"}

# ---------------------------------------------------------------- report 3: flattened tables, injected conflicts
R3_HEAD = """郸城县2018年度困难群众医疗救助资金项目绩效评价报告

一、项目基本情况
1.项目实施情况：2018年全县开展了以下工作：(1)完成农村特困供养人员2018年度医疗救助{{960人|headcount|960|救助人数}}的工作；(2)完成城市低保对象2018年度医疗救助{{1,520人|headcount|1520|救助人数}}的工作。
2.资金情况：2018年项目实际到位资金{{150.00万元|amount|1500000|到位资金}}，实际支出{{135.00万元|amount|1350000|支出}}，资金使用率为{{95.00%|percent|95.00|使用率}}。

二、完成情况
详细完成情况见下表：

"""
# one cell per line, cells start with a tab, rows separated by a blank line
R3_FLAT = [
    ["序号", "救助对象", "计划", "实际"],
    ["", "", "人数（人）", "金额（万元）", "人数（人）", "金额（万元）"],
    ["", "合计", "{{2,560|headcount|2560|人数}}", "{{150.00|amount|1500000|金额}}", "{{2,480|headcount|2480|人数}}",
     "{{135.00|amount|1350000|金额}}"],
    ["1", "农村特困供养人员2018年度医疗救助", "{{1,040|headcount|1040|人数}}", "{{62.40|amount|624000|金额}}",
     "{{960|headcount|960|人数}}", "{{57.60|amount|576000|金额}}"],
    ["2", "城市低保对象2018年度医疗救助", "{{1,520|headcount|1520|人数}}", "{{87.60|amount|876000|金额}}",
     "{{1,520|headcount|1520|人数}}", "{{77.40|amount|774000|金额}}"],
]
R3_MID = """

经县医疗保障局核实，核减农村特困供养人员中重复享受救助的{{80人|headcount|80|核减人数}}，按{{600元/人|money_rate|600|救助标准}}标准，共计收回资金{{48,000.00元|amount|48000|收回}}。

各乡镇资金分配情况如下：

乡镇\t资金（万元）
城关镇\t{{45.00|amount|450000|资金}}
汲冢镇\t{{38.50|amount|385000|资金}}
宜路镇\t{{36.50|amount|365000|资金}}
钱店镇\t{{30.00|amount|300000|资金}}
合计\t{{150.00|amount|1500000|资金}}

三、评价结论
经综合评价，项目得分为{{84.2分|score|84.2|得分}}，评价等级为“良”。

四、存在的问题
（一）救助对象审核不严
存在重复享受救助的情况。
（二）资金支出进度偏慢
部分乡镇资金拨付滞后。

五、整改建议
（一）严格救助对象审核
建议建立跨部门信息比对机制。
（二）加快资金支出进度
建议按季度通报各乡镇支出进度。
"""

META3 = {"title": "郸城县2018年度困难群众医疗救助资金项目绩效评价报告", "province": "河南省", "city": "周口市",
         "county": "郸城县", "report_type": "project", "evaluator": None, "year": 2018, "date": None,
         "score": "84.2", "grade": "良"}
# ---------------------------------------------------------------- report 4: docx with merged score table
R4_PARAS = [
    ("heading", "仪陇县2021年度基本公共卫生服务补助资金绩效评价报告"),
    ("p", "受仪陇县财政局委托，四川明信会计师事务所有限公司对2021年度基本公共卫生服务补助资金开展了第三方绩效评价。"),
    ("h1", "一、项目基本情况"),
    ("p", "2021年该项目资金总额{{2,860.00万元|amount|28600000|总投入}}，覆盖全县常住人口{{86.2万人|headcount|862000|覆盖人数}}。"),
    ("p", "资金到位情况见下表："),
]
R4_FUND = {"header": [["资金来源", ("资金到位情况", 3)], ["", "预算数（万元）", "到位数（万元）", "到位率"]],
           "rows": [["中央资金", "{{1,716.00|amount|17160000|预算数}}", "{{1,716.00|amount|17160000|到位数}}",
                     "{{100%|percent|100|到位率}}"],
                    ["省级资金", "{{858.00|amount|8580000|预算数}}", "{{858.00|amount|8580000|到位数}}",
                     "{{100%|percent|100|到位率}}"],
                    ["县级资金", "{{286.00|amount|2860000|预算数}}", "{{257.40|amount|2574000|到位数}}",
                     "{{90%|percent|90|到位率}}"],
                    ["合计", "{{2,860.00|amount|28600000|预算数}}", "{{2,831.40|amount|28314000|到位数}}",
                     "{{99%|percent|99|到位率}}"]]}
R4_PARAS2 = [
    ("h1", "二、绩效评价结论"),
    ("p", "经综合评价，该项目得分为{{88.6分|score|88.6|得分}}，评价等级为“良”。各指标得分情况如下表："),
    ("p", "表2 指标得分表"),
]
R4_SCORE = [["一级指标", "二级指标", "三级指标", "得分"],
            [("决策（{{20分|score|20|分值}}）", 2), "项目立项（{{10分|score|10|分值}}）", "立项依据充分性（{{10分|score|10|分值}}）", "{{9.5|score|9.5|得分}}"],
            [None, "绩效目标（{{10分|score|10|分值}}）", "目标明确性（{{10分|score|10|分值}}）", "{{8.6|score|8.6|得分}}"],
            [("过程（{{30分|score|30|分值}}）", 2), "资金管理（{{15分|score|15|分值}}）", "资金到位率（{{15分|score|15|分值}}）", "{{14.0|score|14.0|得分}}"],
            [None, "组织实施（{{15分|score|15|分值}}）", "制度执行有效性（{{15分|score|15|分值}}）", "{{12.5|score|12.5|得分}}"],
            [("产出（{{30分|score|30|分值}}）", 1), "产出数量（{{30分|score|30|分值}}）", "建档率（{{30分|score|30|分值}}）", "{{26.0|score|26.0|得分}}"],
            [("效益（{{20分|score|20|分值}}）", 1), "社会效益（{{20分|score|20|分值}}）", "群众满意度（{{20分|score|20|分值}}）", "{{18.0|score|18.0|得分}}"],
            [("合计", 1), "", "", "{{88.6|score|88.6|得分}}"]]
R4_PARAS3 = [
    ("h1", "三、存在的问题"),
    ("p", "（一）县级配套资金未足额到位"),
    ("p", "县级资金到位{{257.40万元|amount|2574000|到位资金}}，未达到预算要求。"),
    ("p", "（二）健康档案更新不及时"),
    ("p", "部分乡镇居民健康档案信息长期未更新。"),
    ("h1", "四、建议"),
    ("p", "（一）足额落实县级配套资金"),
    ("p", "建议县财政按预算及时足额拨付配套资金。"),
    ("p", "（二）加强健康档案动态管理"),
    ("p", "建议每季度开展一次档案信息核查。"),
    ("p", "四川明信会计师事务所有限公司"),
    ("p", "2022年6月30日"),
]
META4 = {"title": "仪陇县2021年度基本公共卫生服务补助资金绩效评价报告", "province": "四川省", "city": "南充市",
         "county": "仪陇县", "report_type": "project", "evaluator": "四川明信会计师事务所有限公司", "year": 2021,
         "date": "2022-06-30", "score": "88.6", "grade": "良"}

# ---------------------------------------------------------------- report 5: pdf from docx
R5_PARAS = [
    ("heading", "于都县2022年度城乡居民大病保险补助项目绩效自评报告"),
    ("h1", "一、项目概况"),
    ("p", "2022年于都县城乡居民大病保险补助项目年初预算{{1,250.00万元|amount|12500000|年初预算}}，实际到位资金{{1,250.00万元|amount|12500000|到位资金}}，"
          "全年实际支出{{1,187.50万元|amount|11875000|支出}}，预算执行率为{{95.00%|percent|95.00|执行率}}。全年大病保险赔付{{5,230人次|person_times|5230|赔付人次}}，"
          "受益群众{{4,870人|headcount|4870|受益人数}}，其中建档立卡脱贫户{{1,260户|households|1260|户数}}。项目的实施有效减轻了大病患者的医疗费用负担，"
          "群众对政策的知晓率和满意度持续提升，问卷调查满意度达到{{96.2%|percent|96.2|满意度}}。"),
    ("p", "各乡镇赔付情况如下："),
]
R5_TABLE = [["乡镇", "赔付人次", "赔付金额（万元）"],
            ["贡江镇", "{{1,830|person_times|1830|赔付人次}}", "{{415.60|amount|4156000|赔付金额}}"],
            ["罗坳镇", "{{1,420|person_times|1420|赔付人次}}", "{{322.40|amount|3224000|赔付金额}}"],
            ["银坑镇", "{{1,980|person_times|1980|赔付人次}}", "{{449.50|amount|4495000|赔付金额}}"],
            ["合计", "{{5,230|person_times|5230|赔付人次}}", "{{1,187.50|amount|11875000|赔付金额}}"]]
R5_PARAS2 = [
    ("h1", "二、自评结论"),
    ("p", "经自评，项目得分{{93分|score|93|得分}}，评价等级为“优”。"),
    ("h1", "三、存在的问题"),
    ("p", "1.部分定点医院结算系统升级滞后。"),
    ("p", "2.大病保险政策宣传覆盖面不够。"),
    ("h1", "四、下一步工作安排"),
    ("p", "1.推动定点医院完成结算系统升级。"),
    ("p", "2.扩大政策宣传覆盖面。"),
]
META5 = {"title": "于都县2022年度城乡居民大病保险补助项目绩效自评报告", "province": "江西省", "city": "赣州市",
         "county": "于都县", "report_type": "project", "evaluator": None, "year": 2022, "date": None,
         "score": "93", "grade": "优"}

# ---------------------------------------------------------------- report 6: UTF-16 department, grade 中
R6 = """融安县卫生健康局2019年度部门整体支出绩效评价报告

一、基本情况
本单位2019年度财政拨款收入{{642.80万元|amount|6428000|收入}}，全年支出{{598.30万元|amount|5983000|支出}}，预算执行率为{{93.08%|percent|93.08|执行率}}。
二、评价结论
经评价，本单位总得分为{{72分|score|72|得分}}，评价等级为“中”。
三、存在的问题
（一）政府采购执行不规范
部分采购项目未按规定履行审批程序。
四、建议
（一）规范政府采购管理
建议严格执行政府采购审批制度。
"""
META6 = {"title": "融安县卫生健康局2019年度部门整体支出绩效评价报告", "province": "广西壮族自治区", "city": "柳州市",
         "county": "融安县", "report_type": "department", "evaluator": None, "year": 2019, "date": None,
         "score": "72", "grade": "中"}


def write_gold(stem: str, name: str, meta: dict, facts: list, problems: list, recs: list, flags=None):
    gold = {"file": name, "metadata": meta, "facts": facts, "problems": problems, "recommendations": recs}
    if flags is not None:
        gold["flags"] = flags
    (CORPUS / "gold").mkdir(exist_ok=True)
    (CORPUS / "gold" / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def flat_table(rows: list, facts: list) -> str:
    return "\n\n".join("\n".join("\t" + strip(c, facts, "table") for c in row) for row in rows) + "\n\n\n"


def add_paras(d, paras: list, facts: list):
    for kind, text in paras:
        text = strip(text, facts)
        if kind == "heading":
            d.add_heading(text, level=0)
        elif kind == "h1":
            d.add_heading(text, level=1)
        else:
            d.add_paragraph(text)


def main():
    import docx

    # 1
    facts = []
    text = strip(R1, facts)
    (CORPUS / "c01_project_notice.txt").write_text(text, encoding="utf-8")
    write_gold("c01_project_notice", "c01_project_notice.txt", META1, facts,
               ["补助对象动态调整不及时", "绩效目标设置不够细化", "资金结余未及时清理"],
               ["建立对象信息定期比对机制", "细化绩效目标", "及时清理结余资金"])
    # 2
    facts = []
    text = strip(R2, facts)
    (CORPUS / "c02_department_gbk.txt").write_bytes(text.encode("gbk"))
    write_gold("c02_department_gbk", "c02_department_gbk.txt", META2, facts,
               ["预算编制不够精细", "项目绩效目标量化程度不高"], ["建议提高预算编制的准确性", "建议完善绩效目标体系"])
    # 3
    facts = []
    head = strip(R3_HEAD, facts)
    table = flat_table(R3_FLAT, facts)
    mid = strip(R3_MID, facts)
    (CORPUS / "c03_flat_tables.txt").write_text(head + table + mid.lstrip("\n"), encoding="utf-8")
    write_gold("c03_flat_tables", "c03_flat_tables.txt", META3, facts, ["救助对象审核不严", "资金支出进度偏慢"],
               ["严格救助对象审核", "加快资金支出进度"],
               [{"rule": "repeat.conflict", "values": ["1040", "960"], "note": "计划1040人，实际960人，核减80人"},
                {"rule": "ratio.stated", "values": ["95.00", "90.00"], "note": "135÷150 = 90%，文中95%"}])
    # 4
    facts = []
    d = docx.Document()
    add_paras(d, R4_PARAS, facts)
    header = R4_FUND["header"]
    t = d.add_table(rows=2 + len(R4_FUND["rows"]), cols=4)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(1, 0)).text = "资金来源"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "资金到位情况"
    for c, text in enumerate(header[1][1:], 1):
        t.cell(1, c).text = text
    for r, row in enumerate(R4_FUND["rows"], 2):
        for c, text in enumerate(row):
            t.cell(r, c).text = strip(text, facts, "table")
    add_paras(d, R4_PARAS2, facts)
    t = d.add_table(rows=len(R4_SCORE), cols=4)
    t.style = "Table Grid"
    for r, row in enumerate(R4_SCORE):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            if isinstance(cell, tuple):
                text, span = cell
                target = t.cell(r, c).merge(t.cell(r + span - 1, c)) if span > 1 else t.cell(r, c)
                target.text = strip(text, facts, "table")
            else:
                t.cell(r, c).text = strip(cell, facts, "table")
    add_paras(d, R4_PARAS3, facts)
    d.save(CORPUS / "c04_score_table.docx")
    write_gold("c04_score_table", "c04_score_table.docx", META4, facts,
               ["县级配套资金未足额到位", "健康档案更新不及时"], ["足额落实县级配套资金", "加强健康档案动态管理"])
    # 5
    facts = []
    d = docx.Document()
    add_paras(d, R5_PARAS, facts)
    t = d.add_table(rows=len(R5_TABLE), cols=3)
    t.style = "Table Grid"
    for r, row in enumerate(R5_TABLE):
        for c, text in enumerate(row):
            t.cell(r, c).text = strip(text, facts, "table")
    add_paras(d, R5_PARAS2, facts)
    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "c05_rendered.docx"
            d.save(src)
            subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf",
                            "--outdir", str(CORPUS), str(src)], check=True, capture_output=True, timeout=300)
    write_gold("c05_rendered", "c05_rendered.pdf", META5, facts, ["部分定点医院结算系统升级滞后", "大病保险政策宣传覆盖面不够"],
               ["推动定点医院完成结算系统升级", "扩大政策宣传覆盖面"])
    # 6
    facts = []
    text = strip(R6, facts)
    (CORPUS / "c06_department_utf16.txt").write_bytes(text.encode("utf-16"))
    write_gold("c06_department_utf16", "c06_department_utf16.txt", META6, facts, ["政府采购执行不规范"], ["规范政府采购管理"])


if __name__ == "__main__":
    main()
