"""Reports and forms as the thirty-sixth session found them. Every text here is made up for
the tests."""
from decimal import Decimal

from conftest import error_flags, text_record


def _figures(record, kind, label=None):
    return [Decimal(f["value"]) for f in record["facts"]
            if f["kind"] == kind and (label is None or f.get("label") == label)]


_POINTS_FORM = ("项目支出绩效自评表\n（2024年度）\n项目名称\n乡村学校营养改善\n主管部门\n青石县教育局\n"
                "绩效指标\n一级\n指标\n二级指标\n三级指标\n年度\n指标值\n实际\n完成值\n分值\n得分\n偏差原因分析\n"
                "产出指标\n数量指标\n受益学生人数（人）\n≥4200\n4316\n40\n40\n质量指标\n供餐合格率（%）\n100\n100\n30\n30\n"
                "满意度指标\n服务对象满意度指标\n{first}\n{second}\n≥85\n91.5\n30\n27\n抽查中少数家长反映菜品单一\n"
                "总分\n100\n97\n")


def test_a_name_wrapped_onto_a_level_word_with_its_unit_is_one_name(tmp_path):
    record = text_record(tmp_path, _POINTS_FORM.format(first="学生及监护人", second="满意度（%）"))
    assert Decimal("91.5") in _figures(record, "percent")
    assert Decimal("85") in _figures(record, "percent")
    assert sorted(_figures(record, "score", "得分")) == [Decimal(27), Decimal(30), Decimal(40)]
    assert Decimal("91.5") not in _figures(record, "score")
    assert not error_flags(record)


def test_a_level_word_without_a_unit_still_closes_a_name(tmp_path):
    # 满意度 with no unit after a name is the level the next row stands under, as before
    text = _POINTS_FORM.format(first="学生及监护人满意度（%）", second="满意度").replace(
        "≥85\n91.5\n30\n27", "用餐满意度（%）\n≥85\n91.5\n30\n27")
    record = text_record(tmp_path, text)
    assert Decimal("91.5") in _figures(record, "percent")
    assert Decimal("91.5") not in _figures(record, "score")


_TARGETS_ONLY = ("转移支付区域绩效目标自评表\n（2023年度）\n转移支付名称\n农村饮水安全巩固提升\n"
                 "中央主管部门\n水利部\n地方主管部门\n白河县水利局\n一级\n指标\n二级\n指标\n三级指标\n指标值\n全年实际\n完成值\n"
                 "未完成原因\n产出指标\n数量指标\n新建集中供水\n工程（处）\n≥12\n12\n{first}\n{second}\n{target}\n{actual}\n"
                 "时效指标\n资金拨付\n及时率（%）\n100\n98\n效益指标\n社会效益指标\n受益农村人口（人）\n≥26000\n26870\n")


def test_a_name_wrapped_before_its_unit_in_a_form_without_points(tmp_path):
    record = text_record(tmp_path, _TARGETS_ONLY.format(first="水质检测", second="合格率（%）", target="≥95", actual="96.4"))
    assert Decimal("96.4") in _figures(record, "percent")
    assert Decimal("95") in _figures(record, "percent")
    assert Decimal("98") in _figures(record, "percent")
    assert Decimal("26870") in _figures(record, "headcount")


def test_a_wrapped_name_with_a_third_figure_after_it_is_not_read_as_a_pair(tmp_path):
    # three figures after the unit: not the two of a target and a result, so no name rest
    record = text_record(tmp_path, _TARGETS_ONLY.format(first="水质检测", second="合格率（%）",
                                                        target="≥95", actual="96.4\n3"))
    assert Decimal("3") not in _figures(record, "percent")
    assert not error_flags(record)
