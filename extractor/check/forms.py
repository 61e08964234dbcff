"""Form rules (form.*): the standard self-evaluation forms (项目支出 / 部门整体支出 /
转移支付（区域）绩效自评表) as extraction recognised them in record["forms"]. Each form names
its slots (fund rows by column, indicators with target, actual, 分值 and 得分, the totals)
by fact id, so the arithmetic here runs on the facts with their written tolerances.

A cell written —, / or 无 (a fund row's `na`) is not applicable, never zero: a sum or a
total is only checked when every figure in it is filled, or, for the 其中 rows of a fund
total, when at least one of them is (the others then count 0). Precision first: a rate
reproduced by either budget column is consistent."""
from __future__ import annotations

# importing registers the rules, in this order (the order of their flags' ids); the tests
# call them from here
from .forms_budget import check_execution_rate, check_execution_score  # noqa: F401
from .forms_fund_totals import check_funds_total  # noqa: F401
from .forms_scores import check_score_total  # noqa: F401
from .forms_targets import check_indicator_unit, check_target_missed  # noqa: F401
from .forms_deductions import check_deduction  # noqa: F401
