"""A scanned page as pixels, before and beside OCR: straightened (the angle that makes text
lines and rules lie flat), its table rules found as long runs of dark pixels (bridged where the
scan broke them), and each table cell cropped inside its rules, rule ends whitened and turned
black on white, so Tesseract reads the cell and not its frame. Image work only (numpy, Pillow),
no Tesseract: the review app straightens a page with it exactly as OCR saw it (originals.py)."""
from __future__ import annotations

import io


_PAD = 12  # white around a cell's crop: Tesseract misses text that touches the image edge
_INSET_PT = 1.2  # a cell's crop stays this far inside its rules (half a blurred rule's width and a little)
_MIN_INK = 8  # dark pixels below which a cell is empty (a lone blurred 一 or - has 20-30), not read


def _cell_crop(image, box, scale: float):
    """((left, top) in pixels, PNG) of one cell's inside, or None for an empty cell. Rows
    and columns along the crop's edges that are mostly dark are what is left of a rule
    (a rule is never perfectly straight on a scan) and are whitened."""
    import numpy as np
    from PIL import Image, ImageOps

    inset = int(_INSET_PT * scale)
    x0, top, x1, bottom = (int(round(box[0] * scale)) + inset, int(round(box[1] * scale)) + inset,
                           int(round(box[2] * scale)) - inset, int(round(box[3] * scale)) - inset)
    if x1 - x0 < 6 or bottom - top < 6:
        return None
    pixels = np.array(image.crop((x0, top, x1, bottom)))
    if (pixels < _DARK).sum() < _MIN_INK:
        return None
    # black on white: on a small grey, noised crop Tesseract's own thresholding often
    # loses the text (a lone 92.5 read as 9)
    ink = pixels < _otsu(pixels)
    _erase_rule_ends(ink, inset + 2)
    _erase_rule_ends(ink.T, inset + 2)
    binary = np.where(ink, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    ImageOps.expand(Image.fromarray(binary), _PAD, fill=255).save(buf, format="PNG")
    return (x0, top), buf.getvalue()


def _erase_rule_ends(ink, edge: int) -> None:
    """Clear the rows within `edge` of the crop's top and bottom that hold a long run of
    ink: a rule that is not quite straight on the scan enters the cell near a corner
    and would be read as a character (优 read as 优加). Text keeps clear of its rules."""
    n, width = ink.shape
    for k in set(range(min(edge, n))) | set(range(max(0, n - edge), n)):
        if _longest_run(ink[k]) >= max(2 * edge, _RULE_SHARE * width):
            ink[k, :] = False


_RULE_SHARE = 0.15


def _longest_run(row) -> int:
    import numpy as np

    padded = np.concatenate(([0], row.astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(padded))
    return int((edges[1::2] - edges[::2]).max()) if len(edges) else 0


def _otsu(pixels) -> int:
    """The grey level that best splits the pixels into ink and paper (Otsu's method)."""
    import numpy as np

    hist = np.bincount(pixels.ravel(), minlength=256).astype(float)
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    total, grand = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (grand * weight - mean * total) ** 2 / (weight * (total - weight))
    return int(np.nanargmax(between)) + 1


_DARK = 140


def deskew(image):
    """Rotate by the angle (within ±1°) that makes dark pixel rows most uneven: text lines
    and table rules then lie flat. Measured on a quarter-size copy."""
    import numpy as np
    from PIL import Image

    small = image.resize((image.width // 4, image.height // 4))
    best_angle, best = 0.0, -1.0
    for tenth in range(-10, 11):
        rotated = np.asarray(small.rotate(tenth / 10, resample=Image.BILINEAR, fillcolor=255)) < _DARK
        spread = rotated.sum(axis=1).astype(float).var()
        if spread > best:
            best_angle, best = tenth / 10, spread
    if best_angle == 0:
        return image
    return image.rotate(best_angle, resample=Image.BILINEAR, fillcolor=255)


def ruling_segments(image, scale: float, min_px: int = 150) -> tuple[list, list]:
    """Table rules on a straightened scan: runs of dark pixels at least min_px long, as
    (y, x0, x1) horizontals and (x, y0, y1) verticals in PDF points."""
    import numpy as np

    dark = np.asarray(image) < _DARK
    hs = _runs(dark, min_px, scale)
    vs = _runs(dark.T, min_px, scale)
    return hs, vs


def _runs(dark, length: int, scale: float) -> list:
    """Long horizontal runs of dark pixels, as (y, x0, x1) in points. A scanned rule is
    blurred, noised and not quite straight, so a pixel row counts as dark where it or a
    row next to it is, and gaps of up to _RULE_GAP_PT are bridged: otherwise a rule
    falls apart into pieces that miss the rules they meet, and cells merge."""
    import numpy as np

    thick = dark.copy()
    thick[1:] |= dark[:-1]
    thick[:-1] |= dark[1:]
    sums = np.cumsum(thick, axis=1, dtype=np.int32)
    full = (sums[:, length:] - sums[:, :-length]) >= length * 0.9  # window start → a long run
    rows = np.where(full.any(axis=1))[0]
    gap = max(2, int(_RULE_GAP_PT * scale))
    out = []
    start = None
    for k, r in enumerate(rows):  # group adjacent pixel rows into one rule
        if start is None:
            start = r
        if k + 1 == len(rows) or rows[k + 1] - r > 2:
            for x0, x1 in _bridged(thick[start:r + 1].any(axis=0), gap, length):
                out.append(((start + r) / 2 / scale, x0 / scale, x1 / scale))
            start = None
    return out


_RULE_GAP_PT = 2.0


def _bridged(line, gap: int, length: int) -> list:
    """(start, end) pixel spans of a row's dark pixels with gaps up to `gap` bridged,
    kept where at least `length` long and mostly dark."""
    import numpy as np

    cols = np.where(line)[0]
    if not len(cols):
        return []
    breaks = np.where(np.diff(cols) > gap)[0]
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(cols) - 1]))
    out = []
    for i, j in zip(starts, ends):
        span = cols[j] + 1 - cols[i]
        if span >= length and (j + 1 - i) >= 0.8 * span:
            out.append((int(cols[i]), int(cols[j]) + 1))
    return out
