"""unit.slip from size alone: a form's fund block whose unit is 万元 but whose figures were
typed in 元 (年度资金总额 145000000.00 under 项目资金（万元）: 1.45万亿元 read as written). No sum
need fail — the block's figures may all be off alike — so the figure's size is the evidence:
at least `implausible_in_wan` 万元 (patterns/checks.json). One flag per block, on its largest
figure, with the reading in 元 beside it."""
from __future__ import annotations

from decimal import Decimal

from .common import check_settings, facts_by_id, make_flag, written
from .forms_common import forms_of
from .unit_slip import slip_reading

_WAN = Decimal(10000)


def implausible_money_flags(record: dict) -> list:
    """The unit.slip flags of fund blocks typed in 元 (the rule's function, check_indicator_unit
    in forms_targets.py, adds them to its own: one rule name, one registered function)."""
    settings = check_settings()["unit_slip"]
    threshold = Decimal(settings["implausible_in_wan"]) * _WAN
    facts = facts_by_id(record)
    flags = []
    for form in forms_of(record):
        blocks: dict = {}
        for row in form.get("funds") or []:
            for fid in (row.get("cells") or {}).values():
                fact = facts.get(fid)
                if fact and fact["kind"] == "amount" and Decimal(str(fact.get("scale") or 1)) == _WAN \
                        and Decimal(fact["value"]) >= threshold:
                    blocks.setdefault(row.get("fund_block"), []).append(fact)
        for found in blocks.values():
            largest = max(found, key=lambda f: Decimal(f["value"]))
            reading = slip_reading(largest, 1 / _WAN)  # the figure as written, in 元
            as_written = Decimal(largest["value"]) / _WAN
            flag = make_flag(
                settings["implausible_severity"],
                f"金额单位疑似误写：{form.get('name') or '自评表'}资金表以万元为单位，表列{written(largest)}"
                f"（即{as_written / _WAN:,.2f}亿元）不合常理，应是按元填写，即{reading['likely']}"
                f"（同表{len(found)}格如此）",
                largest["value"], as_written, Decimal(largest["value"]) - as_written, Decimal(0),
                found, form=form.get("id"))
            flag["slip"] = [reading]
            flags.append(flag)
    return flags
