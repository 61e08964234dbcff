"""PNG charts of the comparison dataset: scores by county, execution rate against score,
problem categories by province. Drawn with matplotlib (Agg, no display) in a CJK font."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

CJK_FONTS = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"]


def _font():
    from matplotlib import font_manager

    for path in CJK_FONTS:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    return None


def write_charts(records: list, outdir) -> list:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .dataset import reports_frame

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    font = _font()
    if font:
        plt.rcParams["font.family"] = font
    plt.rcParams["axes.unicode_minus"] = False
    frame = reports_frame(records)
    frame["place"] = frame["county"].fillna(frame["city"]).fillna(frame["province"]).fillna("（未识别）")
    written = []

    scored = frame.dropna(subset=["score"]).assign(score=lambda f: f["score"].astype(float))
    if len(scored):
        fig, ax = plt.subplots(figsize=(8, max(3, 0.4 * len(scored))))
        data = scored.sort_values("score")
        ax.barh(data["place"] + " " + data["year"].astype(str), data["score"], color="#4a7ebb")
        ax.set_xlabel("评价得分")
        ax.set_title("各地评价得分")
        written.append(_save(fig, outdir / "scores_by_county.png"))

    both = frame.dropna(subset=["score", "execution_rate"])
    if len(both):
        fig, ax = plt.subplots(figsize=(7, 5))
        ax.scatter(both["execution_rate"].astype(float), both["score"].astype(float), color="#c0504d")
        for _, row in both.iterrows():
            ax.annotate(row["place"], (float(row["execution_rate"]), float(row["score"])), fontsize=8)
        ax.set_xlabel("执行率（%）")
        ax.set_ylabel("评价得分")
        ax.set_title("执行率与得分")
        written.append(_save(fig, outdir / "execution_rate_vs_score.png"))

    counts: dict = {}
    for rec in records:
        province = rec["metadata"].get("province") or "（未识别）"
        for p in rec.get("problems", []):
            counts.setdefault(province, Counter())[p.get("category") or "其他"] += 1
    if counts:
        categories = sorted({c for cnt in counts.values() for c in cnt})
        provinces = sorted(counts)
        fig, ax = plt.subplots(figsize=(9, max(3, 0.5 * len(provinces))))
        left = [0] * len(provinces)
        for category in categories:
            values = [counts[p][category] for p in provinces]
            ax.barh(provinces, values, left=left, label=category)
            left = [a + b for a, b in zip(left, values)]
        ax.set_xlabel("问题数")
        ax.set_title("各省问题类别")
        ax.legend(fontsize=7, loc="lower right")
        written.append(_save(fig, outdir / "problem_categories_by_province.png"))
    return written


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return path
