"""A small OFD writer for the tests: packages laid out per GB/T 33190-2016, enough of the
standard to hold a report as the e-government systems export one.

    OFD.xml                      the entry: DocBody → DocRoot
    Doc_0/Document.xml           CommonData (page size, PublicRes, template pages), Pages
    Doc_0/PublicRes.xml          the fonts the text objects name
    Doc_0/Tpls/Tpl_0/Content.xml a template page, when one is given (drawn under every page)
    Doc_0/Pages/Page_N/Content.xml  Layer → TextObject (Boundary, TextCode X/Y/DeltaX)
                                 and PathObject (Boundary, AbbreviatedData M x y L x y …)

Units are millimetres, y grows downwards, a TextCode's Y is its baseline inside the
object's Boundary. Text objects can be written the two ways producers write them: sizes
and offsets in millimetres, or in points scaled by a CTM; DeltaX with or without the
`g N v` abbreviation. A table is drawn as ruling lines, each its own PathObject or all in
one path, with each cell's text a text object of its own."""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
PT = 25.4 / 72  # millimetres in a point


def advance(ch: str, size: float) -> float:
    """How far a glyph moves the pen: full width for Chinese, half for ASCII."""
    return size * 0.5 if ord(ch) < 128 else size


def _delta_x(advances: list, abbreviate: bool) -> str:
    """DeltaX: the distance from each glyph to the next; `g N v` stands for N times v."""
    values = [f"{a:g}" for a in advances]
    if not abbreviate:
        return " ".join(values)
    out, i = [], 0
    while i < len(values):
        j = i
        while j < len(values) and values[j] == values[i]:
            j += 1
        out.append(f"g {j - i} {values[i]}" if j - i > 1 else values[i])
        i = j
    return " ".join(out)


class OfdPage:
    def __init__(self, width: float = 210.0, height: float = 297.0):
        self.width, self.height = width, height
        self.objects: list = []

    def text(self, x: float, top: float, text: str, size: float = 3.7, *, in_points: bool = False,
             abbreviate: bool = True, advances: list = None) -> None:
        """One text object whose line starts at (x, top). `in_points`: sizes and offsets in
        points with a CTM scaling them to millimetres (as some converters write);
        `advances`: each glyph's step to the next (default: from the size)."""
        advances = advances or [advance(ch, size) for ch in text]
        width, height = sum(advances), size * 1.3
        scale = 1 / PT if in_points else 1
        ctm = f' CTM="{PT:.6f} 0 0 {PT:.6f} 0 0"' if in_points else ""
        delta = _delta_x([a * scale for a in advances[:-1]], abbreviate)
        delta_attr = f' DeltaX="{delta}"' if delta else ""
        self.objects.append(
            f'<ofd:TextObject ID="{{id}}" Boundary="{x:g} {top:g} {width:g} {height:g}" Font="{{font}}" '
            f'Size="{size * scale:g}"{ctm}><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{size * 1.05 * scale:g}"{delta_attr}>{escape(text)}</ofd:TextCode>'
            f'</ofd:TextObject>')

    def paragraph(self, text: str, top: float, *, left: float = 25.0, right: float = 185.0, size: float = 3.7,
                  indent: int = 2, leading: float = 1.7, **kw) -> float:
        """A paragraph wrapped at the right margin, its first line indented `indent`
        characters; returns the top of the line after it."""
        x = left + indent * size
        line = ""
        for ch in text:
            if x + sum(advance(c, size) for c in line + ch) > right + 0.01:
                self.text(x, top, line, size, **kw)
                top, x, line = top + size * leading, left, ""
            line += ch
        if line:
            self.text(x, top, line, size, **kw)
            top += size * leading
        return top

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.path(min(x0, x1), min(y0, y1), [((x0, y0), (x1, y1))])

    def path(self, left: float, top: float, segments: list) -> None:
        """One path object: `segments` are ((x0, y0), (x1, y1)) in page millimetres,
        written relative to the object's Boundary."""
        xs = [p[0] for s in segments for p in s]
        ys = [p[1] for s in segments for p in s]
        data = " ".join(f"M {a[0] - left:g} {a[1] - top:g} L {b[0] - left:g} {b[1] - top:g}" for a, b in segments)
        self.objects.append(
            f'<ofd:PathObject ID="{{id}}" Boundary="{left:g} {top:g} {max(xs) - left:g} {max(ys) - top:g}" '
            f'LineWidth="0.25"><ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>')

    def table(self, left: float, top: float, widths: list, rows: list, *, row_height: float = 8.0,
              size: float = 3.2, one_path: bool = False) -> float:
        """A ruled grid, one text object a cell (left-aligned, vertically centred); returns
        the table's bottom."""
        xs = [left]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [top + r * row_height for r in range(len(rows) + 1)]
        segments = [((xs[0], y), (xs[-1], y)) for y in ys] + [((x, ys[0]), (x, ys[-1])) for x in xs]
        if one_path:
            self.path(xs[0], ys[0], segments)
        else:
            for a, b in segments:
                self.rule(*a, *b)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    self.text(xs[c] + 1.5, ys[r] + (row_height - size * 1.3) / 2, text, size)
        return ys[-1]


def ofd_package(pages: list, *, title: str = "", template: OfdPage = None, replace: dict = None,
                drop: tuple = ()) -> bytes:
    """The .ofd file of `pages`. `replace` swaps a member's bytes (a damaged part), `drop`
    leaves members out."""
    ids = iter(range(10, 1_000_000))
    members = {
        "OFD.xml": (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
                    f'<ofd:DocBody><ofd:DocInfo><ofd:DocID>6a1c8e0f2b7d4c95a3e1f0b2c4d6e8f0</ofd:DocID>'
                    f'<ofd:Title>{escape(title)}</ofd:Title><ofd:CreationDate>2024-03-18</ofd:CreationDate>'
                    f'</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'),
        "Doc_0/PublicRes.xml": (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                                f'<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/>'
                                f'<ofd:Font ID="3" FontName="黑体" FamilyName="黑体"/></ofd:Fonts></ofd:Res>'),
    }

    def content(page: OfdPage, template_ref: str = "") -> str:
        body = "".join(o.replace("{id}", str(next(ids))).replace("{font}", "2") for o in page.objects)
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{NS}">{template_ref}'
                f'<ofd:Area><ofd:PhysicalBox>0 0 {page.width:g} {page.height:g}</ofd:PhysicalBox></ofd:Area>'
                f'<ofd:Content><ofd:Layer ID="{next(ids)}" Type="Body">{body}</ofd:Layer></ofd:Content></ofd:Page>')

    tpl_decl = tpl_ref = ""
    if template is not None:
        members["Doc_0/Tpls/Tpl_0/Content.xml"] = content(template)
        tpl_decl = '<ofd:TemplatePage ID="5" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
        tpl_ref = '<ofd:Template TemplateID="5" ZOrder="Background"/>'
    page_list = ""
    for n, page in enumerate(pages):
        members[f"Doc_0/Pages/Page_{n}/Content.xml"] = content(page, tpl_ref)
        page_list += f'<ofd:Page ID="{next(ids)}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
    members["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f'<ofd:MaxUnitID>{next(ids)}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
        f'</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{tpl_decl}</ofd:CommonData>'
        f'<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>')
    members.update(replace or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["OFD.xml"] + sorted(set(members) - {"OFD.xml"}):
            if name not in drop:
                data = members[name]
                z.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


def pdf_to_ofd(data: bytes) -> bytes:
    """A PDF's text layer and drawing rewritten as OFD, the way converters write it: each
    run of characters on one baseline a text object with DeltaX from the characters'
    places, each path a path object (a rule, or a box's four sides). No tool here writes
    OFD from .docx or PDF faithfully, so the seeds reach the OFD reader this way."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages = []
    pdf = pdfium.PdfDocument(data)
    for i in range(len(pdf)):
        page = pdf[i]
        width, height = page.get_size()
        out = OfdPage(width * PT, height * PT)
        textpage = page.get_textpage()
        run: list = []
        for k in range(textpage.count_chars()):
            ch = textpage.get_text_range(k, 1)
            if ch in "\r\n" or not ch:
                _flush(out, run)
                run = []
                continue
            left, bottom, right, top = textpage.get_charbox(k, loose=True)
            box = (left * PT, (height - top) * PT, right * PT, (height - bottom) * PT)
            if run and (abs(box[1] - run[-1][1][1]) > 0.3 or box[0] < run[-1][1][0]):
                _flush(out, run)
                run = []
            run.append((ch, box))
        _flush(out, run)
        textpage.close()
        for obj in page.get_objects():
            if obj.type == raw.FPDF_PAGEOBJ_PATH:
                left, bottom, right, top = obj.get_bounds()
                x0, y0, x1, y1 = left * PT, (height - top) * PT, right * PT, (height - bottom) * PT
                if y1 - y0 < 0.7 or x1 - x0 < 0.7:  # a rule: drawn along its middle
                    out.rule(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2) if x1 - x0 >= y1 - y0 \
                        else out.rule((x0 + x1) / 2, y0, (x0 + x1) / 2, y1)
                else:
                    out.path(x0, y0, [((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)),
                                      ((x0, y1), (x0, y0))])
        page.close()
        pages.append(out)
    pdf.close()
    return ofd_package(pages)


def _flush(page: OfdPage, run: list) -> None:
    """One text object for a run of (char, box in mm) on one baseline."""
    while run and not run[-1][0].strip():
        run = run[:-1]
    if not run:
        return
    size = max(b[3] - b[1] for _, b in run) / 1.3
    steps = [b[1][0] - a[1][0] for a, b in zip(run, run[1:])] + [run[-1][1][2] - run[-1][1][0]]
    page.text(run[0][1][0], run[0][1][1], "".join(ch for ch, _ in run), size, advances=steps)


# ---------------------------------------------------------------- the test report

TITLE = "洱源县2023年度农村供水保障工程项目绩效评价报告"
BASICS = ("2023年度，县水务局实施农村供水保障工程，项目预算资金1,280.00万元，其中中央补助资金800.00万元，"
          "县级配套资金480.00万元；全年实际支出1,216.00万元，预算执行率95.00%。项目新建供水站12座，改造供水管网"
          "46.2公里，受益群众21,600人，覆盖9个乡镇。")
TARGETS = ("项目计划新建供水站12座，实际完成12座，完成率100%；水质检测合格率达到97%。工程带动当地劳务用工1,350人次，"
           "发放劳务报酬86.40万元。")
CONCLUSION = ("评价工作组从决策、过程、产出、效益四个方面对项目进行了综合评价，项目得分91.5分，评价等级为“优”。"
              "各项指标得分见下表。")
SCORES = [["一级指标", "分值", "得分", "得分率"], ["决策", "20", "18.5", "92.50%"], ["过程", "20", "19", "95.00%"],
          ["产出", "30", "28", "93.33%"], ["效益", "30", "26", "86.67%"], ["合计", "100", "91.5", "91.50%"]]
PROBLEMS = "部分村组高峰时段水压不足，3个供水站未配备专职管护人员。"


def report_pages(*, in_points: bool = False, one_path: bool = False) -> list:
    """The two pages of the test report: text on page 1; a conclusion, a ruled score table
    and a closing paragraph on page 2; a page number at the foot of each."""
    first, second = OfdPage(), OfdPage()
    kw = {"in_points": in_points}
    first.text(105 - len(TITLE) * 5.5 / 2, 30, TITLE, 5.5, **kw)
    first.text(25, 48, "一、项目基本情况", 4.2, **kw)
    top = first.paragraph(BASICS, 56, **kw)
    first.text(25, top + 3, "二、绩效目标完成情况", 4.2, **kw)
    first.paragraph(TARGETS, top + 11, **kw)
    second.text(25, 30, "三、评价结论", 4.2, **kw)
    top = second.paragraph(CONCLUSION, 38, **kw)
    caption = "表1 绩效评价指标得分表"
    second.text(105 - len(caption) * 3.7 / 2, top + 3, caption, 3.7, **kw)
    bottom = second.table(40, top + 11, [40, 30, 30, 30], SCORES, one_path=one_path)
    second.text(25, bottom + 8, "四、存在的问题", 4.2, **kw)
    second.paragraph(PROBLEMS, bottom + 16, **kw)
    for n, page in enumerate((first, second), 1):
        page.text(101, 280, f"- {n} -", 3.5)
    return [first, second]
