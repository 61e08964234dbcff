"""A form's indicator written as a head row with its 分值 and 得分 alone, its targets and
results on the sub-rows under it (★补助种植面积 | 10 | 10, then 玉米种植面积 | 30亩 | 30亩),
in a whitespace-flattened shape that drops empty cells. The form is written here; figures
invented."""
from __future__ import annotations

from decimal import Decimal

from extractor.extract.form_assign import assign_indicator_values
from extractor.extract.form_tokens import Token

from conftest import text_record

FORM = """某镇2022年特色种植补贴项目支出绩效自评表
项目名称 特色种植补贴到户项目 主管部门 某县农业农村局 实施单位 某镇人民政府
资金情况（万元） 全年预算数（A） 全年执行数（B） 分值 执行率（B/A） 得分
年度资金总额： 12.60 12.60 10 100.00% 10
其中：本年财政拨款 12.60 12.60 10 100.00% 10
一级指标 二级指标 三级指标 分值 年度指标值 全年实际值 得分 未完成原因及拟采取的改进措施
产出指标 数量指标 ★补助粮食作物种植面积 20 20
        玉米种植面积 30亩 30亩
        大豆种植面积 12亩 12亩
★补助中药材种植面积 20 18
        白芍种植面积 8亩 7亩 受天气影响
质量指标 ★种植作物成活率 20 20
效益指标 社会效益指标 受益脱贫户数 20 ≥40户 42户 20
满意度指标 服务对象满意度指标 受益户满意度 10 ≥90% 96% 10
总分 100 98
"""


def _rows(record):
    facts = {f["id"]: f for f in record["facts"]}
    return {ind["path"][-1]: (facts[ind["weight"]]["value"] if ind["weight"] else None,
                              facts[ind["score"]]["value"] if ind["score"] else None)
            for form in record["forms"] for ind in form["indicators"]}


def test_a_head_row_of_two_figures_is_its_weight_and_score(tmp_path):
    rows = _rows(text_record(tmp_path, FORM, "sub_rows.txt"))
    assert rows["★补助粮食作物种植面积"] == (Decimal("20"), Decimal("20"))
    assert rows["★补助中药材种植面积"] == (Decimal("20"), Decimal("18"))
    assert rows["受益脱贫户数"] == (Decimal("20"), Decimal("20"))


def _tokens(*texts):
    return [Token(text=t, start=0, end=len(t), block=None, line=0, col=k, positional=False) for k, t in enumerate(texts)]


def test_two_figures_rising_stay_a_weight_and_a_target():
    # 10 then 20: no 得分 above its 分值, so the second figure is the target
    slots = ["weight", "target", "actual", "score"]
    got = assign_indicator_values(slots, _tokens("10", "20"))
    assert sorted(got) == ["target", "weight"]
    assert sorted(assign_indicator_values(slots, _tokens("20", "18"))) == ["score", "weight"]
