"""PNG charts of the comparison dataset: scores by county, execution rate against score,
problem categories by province. Drawn with matplotlib (Agg, no display) in a CJK font.

A report that came in several renditions (.txt, .docx, .pdf) is counted once (see
renditions.py); legends stand outside the plot; each problem category gets a colour of its
own however many there are; the scatter's labels are moved apart so none covers another."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .renditions import distinct_reports

CJK_FONTS = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"]
UNKNOWN_PLACE = "（未识别）"


def _font():
    from matplotlib import font_manager

    for path in CJK_FONTS:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    return None


def _setup():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = _font()
    if font:
        plt.rcParams["font.family"] = font
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def write_charts(records: list, outdir) -> list:
    """Draw the charts that have data into outdir; returns the paths written."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    figures = chart_figures(records)
    return [_save(fig, outdir / f"{name}.png") for name, fig in figures.items()]


def chart_figures(records: list) -> dict:
    """name → matplotlib Figure, for each chart with data, over distinct reports."""
    plt = _setup()
    from .dataset import reports_frame

    reports = distinct_reports(records)
    frame = reports_frame(reports)
    frame["place"] = frame["county"].fillna(frame["city"]).fillna(frame["province"]).fillna(UNKNOWN_PLACE)
    figures = {}

    scored = frame.dropna(subset=["score"]).assign(score=lambda f: f["score"].astype(float))
    if len(scored):
        fig, ax = plt.subplots(figsize=(8, max(3, 0.4 * len(scored))))
        data = scored.sort_values("score")
        ax.barh(data["place"] + " " + data["year"].astype(str), data["score"], color="#4a7ebb")
        ax.set_xlabel("评价得分")
        ax.set_title("各地评价得分")
        figures["scores_by_county"] = fig

    both = frame.dropna(subset=["score", "execution_rate"])
    if len(both):
        fig, ax = plt.subplots(figsize=(7, 5))
        xs, ys = both["execution_rate"].astype(float).tolist(), both["score"].astype(float).tolist()
        ax.scatter(xs, ys, color="#c0504d")
        labels = [ax.annotate(place, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8)
                  for place, x, y in zip(both["place"], xs, ys)]
        ax.set_xlabel("执行率（%）")
        ax.set_ylabel("评价得分")
        ax.set_title("执行率与得分")
        fig.tight_layout()  # the layout first: labels are separated where they will be drawn
        separate_labels(fig, labels)
        figures["execution_rate_vs_score"] = fig

    counts = problem_counts(reports)
    if counts:
        categories = sorted({c for cnt in counts.values() for c in cnt})
        provinces = sorted(counts)
        colours = palette(len(categories))
        fig, ax = plt.subplots(figsize=(10, max(3, 0.5 * len(provinces), 0.3 * len(categories))))
        left = [0] * len(provinces)
        for category, colour in zip(categories, colours):
            values = [counts[p][category] for p in provinces]
            ax.barh(provinces, values, left=left, label=category, color=colour)
            left = [a + b for a, b in zip(left, values)]
        ax.set_xlabel("问题数（每份报告计一次）")
        ax.set_title("各省问题类别")
        # beside the plot, never over the bars
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0,
                  ncol=1 if len(categories) <= 20 else 2, title="问题类别")
        figures["problem_categories_by_province"] = fig
    for fig in figures.values():
        fig.tight_layout()
    return figures


def problem_counts(records: list) -> dict:
    """province → Counter of problem categories, over distinct reports."""
    counts: dict = {}
    for rec in distinct_reports(records):
        province = rec.get("metadata", {}).get("province") or UNKNOWN_PLACE
        for p in rec.get("problems", []):
            counts.setdefault(province, Counter())[p.get("category") or "其他"] += 1
    return counts


def palette(n: int) -> list:
    """n distinct colours: the qualitative tab10 / tab20 tables while they last, then evenly
    spaced hues, so no two categories share a colour."""
    from matplotlib import colormaps

    if n <= 10:
        return [colormaps["tab10"](i) for i in range(n)]
    if n <= 20:
        return [colormaps["tab20"](i) for i in range(n)]
    return [colormaps["hsv"](i / n) for i in range(n)]


# where a label may go relative to its point, in points: up-right first, then around it
_OFFSETS = [(4, 4), (4, -10), (-4, 4), (-4, -10), (4, 14), (4, -20), (-4, 14), (-4, -20),
            (10, 24), (10, -30), (-10, 24), (-10, -30)]


def separate_labels(fig, labels: list, rounds: int = 3) -> None:
    """Move each scatter label to the first place around its point where it covers no label
    placed before it; labels that find no free place are stacked further out, so printed
    copies of one name at one point (or near points) stay readable."""
    fig.canvas.draw()  # settles the axis limits, hence where each point is
    renderer = fig.canvas.get_renderer()
    placed = []
    for label in labels:
        for n in range(rounds * len(_OFFSETS)):
            dx, dy = _OFFSETS[n % len(_OFFSETS)]
            step = 1 + n // len(_OFFSETS)
            label.set_position((dx * step, dy * step))
            label.set_horizontalalignment("left" if dx >= 0 else "right")
            box = label.get_window_extent(renderer).expanded(1.02, 1.05)
            if not any(box.overlaps(other) for other in placed):
                break
        placed.append(label.get_window_extent(renderer))


def _save(fig, path: Path) -> Path:
    import matplotlib.pyplot as plt

    fig.savefig(path, dpi=120, bbox_inches="tight")  # the legend outside the axes stays in the picture
    plt.close(fig)
    return path
