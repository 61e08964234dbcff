"""Scale benchmark: N distinct generated reports through `extractor run -j 2` and
`extractor import -j 2`, with the resident memory of the whole process tree (the command
and its workers) sampled over time, so growth with the number of reports is visible.

    .venv/bin/python bench/scale.py -n 5000 [--formats txt|mix] [--jobs 2] [--code DIR] [--keep DIR]
                                    [--only run|import]

--formats txt: every report a .txt (the figure the issue asks for). mix: archive-like
proportions — 70% .txt (UTF-8, some GBK), 15% .docx, 10% .pdf, 5% .html — where the .docx
and .pdf are the project's corpus/ files with distinct bytes (a unique zip comment, a unique
trailing PDF comment: the same content read again, but no duplicates). --code DIR runs the
extractor found in DIR (e.g. /work/main for the code before a change). Prints reports/s,
peak tree RSS, and the RSS when 10%, 20% … of the reports were done and while the tables
were written at the end."""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]

# Written for this benchmark, in the shape of the corpus' project reports: every figure and
# name varies with the report's number, so every file has its own bytes and facts.
TEMPLATE = """{county}{year}年度{project}项目绩效评价报告

一、项目基本情况
{county}{project}项目由{agency}负责实施，评价机构为{evaluator}。项目覆盖{towns}个乡镇、{villages}个行政村，
惠及{people}人，其中建档立卡贫困人口{poor}人。

二、资金情况
{year}年项目预算资金{budget:.2f}万元，其中中央补助{central:.2f}万元、省级补助{provincial:.2f}万元、县级配套
{local:.2f}万元。实际到位资金{budget:.2f}万元，到位率100%；实际支出{spent:.2f}万元，预算执行率为{rate:.2f}%。

三、完成情况
序号	项目	计划	实际
1	资助参保人数（人）	{people}	{covered}
2	资助金额（万元）	{budget:.2f}	{spent:.2f}
3	培训场次（场）	{trainings}	{trainings}
合计	—	—	—

四、评价结论
经综合评价，项目得分为{score}分，评价等级为“{grade}”。其中决策类指标得分{s1}分，过程类指标得分{s2}分，
产出类指标得分{s3}分，效益类指标得分{s4}分。本次共发放满意度调查问卷{issued}份，收回{returned}份，
群众满意度为{satisfaction}%。

五、存在的问题
（一）绩效目标设定不够细化，第{i}号台账中部分指标无法量化考核。
（二）资金拨付进度偏慢，{late}个乡镇资金在第四季度集中拨付。

六、整改建议
（一）细化绩效目标，建立可量化的指标体系。
（二）加快资金拨付，按季度通报各乡镇支出进度。

{evaluator}
{year_next}年{month}月{day}日
"""
COUNTIES = ["平山县", "灵寿县", "阜城县", "安平县", "临城县", "广宗县", "威县", "曲阳县", "涞源县", "易县",
            "望都县", "唐县", "顺平县", "博野县", "雄县", "容城县", "安新县", "蠡县"]
PROJECTS = ["城乡居民基本医疗保险个人缴费资助", "困难群众医疗救助资金", "农村饮水安全巩固提升",
            "基本公共卫生服务补助资金", "义务教育营养改善计划"]


def report_text(i: int) -> str:
    rnd = random.Random(i)
    budget = rnd.randint(500, 900000) / 100
    spent = round(budget * rnd.uniform(0.8, 1.0), 2)
    central = round(budget * 0.6, 2)
    provincial = round(budget * 0.25, 2)
    s = [rnd.randint(15, 20), rnd.randint(15, 20), rnd.randint(25, 30), rnd.randint(20, 30)]
    score = sum(s)
    people = rnd.randint(1000, 90000)
    issued = rnd.randint(100, 500)
    county = COUNTIES[i % len(COUNTIES)]
    return TEMPLATE.format(
        county=county, year=2016 + i % 7, year_next=2017 + i % 7, project=PROJECTS[i % len(PROJECTS)],
        agency=f"{county}第{i}号项目办公室", evaluator=f"第{i % 97}评价事务所有限公司", towns=rnd.randint(5, 30),
        villages=rnd.randint(50, 400), people=people, poor=rnd.randint(100, people), budget=budget,
        central=central, provincial=provincial, local=round(budget - central - provincial, 2), spent=spent,
        rate=spent / budget * 100, covered=people - rnd.randint(0, 50), trainings=rnd.randint(3, 40), score=score,
        grade="优" if score >= 90 else "良" if score >= 80 else "中", s1=s[0], s2=s[1], s3=s[2], s4=s[3],
        issued=issued, returned=issued - rnd.randint(0, 20), satisfaction=rnd.randint(850, 990) / 10, i=i,
        late=rnd.randint(1, 5), month=rnd.randint(1, 12), day=rnd.randint(1, 28))


def generate(folder: Path, n: int, formats: str) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    docx = sorted((ROOT / "corpus").glob("*.docx"))
    pdf = sorted((ROOT / "corpus").glob("*.pdf"))
    html = sorted((ROOT / "corpus").glob("*.html"))
    counts: dict = {}
    for i in range(n):
        kind = "txt" if formats == "txt" else ("docx", "pdf", "html", "txt")[
            0 if i % 20 in (1, 5, 9) else 1 if i % 20 in (3, 13) else 2 if i % 20 == 7 else 3]
        target = folder / f"{i // 1000:03d}" / f"report_{i:06d}.{kind}"
        target.parent.mkdir(exist_ok=True)
        if kind == "txt":
            target.write_bytes(report_text(i).encode("gbk" if i % 10 == 4 else "utf-8"))
        elif kind == "docx":
            shutil.copyfile(docx[i % len(docx)], target)
            with zipfile.ZipFile(target, "a") as z:
                z.comment = f"bench {i}".encode()
        elif kind == "pdf":
            target.write_bytes(pdf[i % len(pdf)].read_bytes() + f"\n%bench {i}\n".encode())
        else:
            target.write_bytes(html[i % len(html)].read_bytes() + f"\n<!-- bench {i} -->\n".encode())
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc] + proc.children(recursive=True):
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(cmd: list, code: Path, progress, n: int) -> dict:
    """Run cmd with the extractor of the project folder `code` (run from there: `python -m`
    puts the current folder first on the path), sampling the tree's RSS every 0.5 s and,
    each time, how many reports are done."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=dict(os.environ, PYTHONPATH=str(code)), cwd=code, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    samples = []  # (seconds, done, rss)
    stderr = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)
    reader.start()
    while proc.poll() is None:
        samples.append((time.monotonic() - started, progress(), tree_rss(ps)))
        time.sleep(0.5)
    seconds = time.monotonic() - started
    reader.join()
    return {"seconds": seconds, "samples": samples, "returncode": proc.returncode, "stderr": "".join(stderr)}


def report(name: str, n: int, res: dict) -> None:
    samples = res["samples"]
    peak = max((s[2] for s in samples), default=0)
    print(f"\n== {name}: {n} reports, exit {res['returncode']}, {res['seconds']:.1f} s, "
          f"{n / res['seconds']:.1f} reports/s, peak tree RSS {peak / 2 ** 20:.0f} MB")
    if res["returncode"] not in (0, 1):
        print(res["stderr"][-2000:])
    marks, row = [k * n // 10 for k in range(1, 11)], []
    for mark in marks:
        at = [s for s in samples if s[1] >= mark]
        if at:
            row.append(f"{mark}: {at[0][2] / 2 ** 20:.0f} MB @ {at[0][0]:.0f}s")
    print("   RSS when done reached  " + "; ".join(row))
    done = [s for s in samples if s[1] >= n]
    if done:  # after the last report: the tables being written
        print(f"   while writing the tables (after {done[0][0]:.0f}s): peak {max(s[2] for s in done) / 2 ** 20:.0f} MB")


def count_manifest_rows(out: Path):
    """Reports done, from the rows of the manifest `run` is writing in its working folder,
    read on from where the last look stopped: counting the files in reports/ instead costs
    a scan of a folder of up to N files every sample (30 ms at 50,000, on the cores the
    run needs), which slowed the run it measured more the longer it ran."""
    state = {"file": None, "rows": -1}  # -1: the header

    def count():
        if state["file"] is None:
            found = sorted(out.glob(".extractor-*/manifest.csv"))
            if not found:
                return 0
            state["file"] = open(found[0], "rb")
        state["rows"] += state["file"].read().count(b"\n")
        return max(state["rows"], 0)
    return count


def count_inputs(db: Path):
    def count():
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as c:
                return c.execute("SELECT count(*) FROM inputs").fetchone()[0]
        except sqlite3.Error:
            return 0
    return count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=5000)
    ap.add_argument("--formats", choices=("txt", "mix"), default="txt")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--code", type=Path, default=ROOT, help="the project folder whose extractor runs")
    ap.add_argument("--keep", type=Path, help="generate into (and reuse) this folder instead of a temporary one")
    ap.add_argument("--only", choices=("run", "import"))
    args = ap.parse_args()

    work = (args.keep or Path(tempfile.mkdtemp(prefix="extractor-scale-"))).resolve()
    src = work / f"reports-{args.formats}-{args.n}"
    if not src.exists():
        t = time.monotonic()
        counts = generate(src, args.n, args.formats)
        print(f"generated {args.n} reports {counts} in {time.monotonic() - t:.0f}s → {src}")
    code = args.code.resolve()
    python = sys.executable
    print(f"code: {args.code.resolve()}, -j {args.jobs}, {os.cpu_count()} cores")
    try:
        if args.only in (None, "run"):
            out = work / "out"
            shutil.rmtree(out, ignore_errors=True)
            res = measure([python, "-m", "extractor.cli", "run", str(src), "-o", str(out), "-j", str(args.jobs),
                           "--no-progress"], code, count_manifest_rows(out), args.n)
            report("extractor run", args.n, res)
        if args.only in (None, "import"):
            db = work / "store.db"
            for f in work.glob("store.db*"):
                f.unlink()
            res = measure([python, "-m", "extractor.cli", "import", str(src), "--db", str(db), "-j", str(args.jobs),
                           "--no-progress"], code, count_inputs(db), args.n)
            report("extractor import", args.n, res)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
