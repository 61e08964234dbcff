"""A third-party report's score table flattened by whitespace, as a PDF's text layer gives
it: cells two or more spaces apart (a level and its second level only one), a 评分标准
column of words between 分值 and 得分, merged level cells written on a group's first row only. The
spacing does not line up, so no piece of it is a table of its own; its rows are read by
type. Written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

REPORT = """某县公共文化服务体系建设资金绩效评价报告
经评价，该项目综合得分87.5分，评价等级为“良”。
附件：绩效评价指标体系及评分表
一级指标 二级指标  三级指标   分值  评分标准  得分  扣分原因
决策 项目立项  立项依据充分性   4  符合公共文化服务保障法及省级规划 4
绩效目标 绩效目标合理性  4  目标与项目内容相匹配，部分不符扣0.5分  3.5  部分目标偏低，扣0.5分
绩效指标明确性   4   指标细化量化，每项不符扣1分  3   效益指标未量化，扣1分
资金投入 资金分配合理性  3   资金分配与乡镇任务量相适应   3
过程  资金管理  资金到位率  5  到位率100%得满分   5
预算执行率   6  得分=预算执行率×分值，保留两位小数 5.7  执行率95.00%
资金使用合规性 7 资金支付手续完备，每发现1项问题扣1分  6 采购凭证不全，扣1分
组织实施  项目管理规范性 7  程序规范，每发现1项问题扣0.5分  6  2项问题，扣1分
产出  产出数量 送戏下乡场次完成率 8  完成率100%得满分，每低5%扣1分  8
图书更新完成率 7   完成率100%得满分，每低10%扣1分  6.3  完成率91%，扣0.7分
产出时效  活动开展及时性   7 按计划时间开展得满分   7
效益  社会效益   群众活动参与率  14  参与率≥60%得满分  11 参与率52%
满意度   群众满意度   24  ≥95%得满分，每低1%扣1分  20   满意度91%，扣4分
合计  100  87.5
"""


def test_a_flattened_score_table_is_read_by_type_not_in_pieces(tmp_path):
    record = text_record(tmp_path, REPORT)
    scores = [f["value"] for f in record["facts"] if f["kind"] == "score"]
    for figure in ("3.5", "6", "6.3", "20", "87.5"):
        assert Decimal(figure) in scores, figure
    # (a score one space from the words before it, 保留两位小数 5.7, is left unread: the words may
    # end in a figure of their own)
    assert not [f for f in record["flags"] if f["severity"] == "error"]
