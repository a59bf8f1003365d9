#!/usr/bin/env python3
"""sixel_screen.py LOG CELLW CELLH: replay what an explorer wrote to a terminal
(a ptyterm.py --log) on a pixel canvas, as a sixel terminal would: each DCS
sixel image drawn at the cell of the cursor move before it (transparent where
its pixels are not set), a clear screen (ESC [ 2 J) wiping everything.

Prints one line per picture written: "N ROW COL W H". With --compare-last
it prints instead the PSNR ("inf" when identical) between the canvas before
the last picture (before the clear, when the screen was cleared for it) and
after it, over that picture's rectangle: a whole picture written after parts
shows whether the parts had made the same picture.
"""
import math, re, sys


def decode(data):
    """Pixels of one sixel body (after 'q'): dict (x, y) -> (r, g, b), w, h."""
    pal, px = {}, {}
    x = y = 0
    col = (0, 0, 0)
    w = h = 0
    m = re.match(rb'"(\d+);(\d+);(\d+);(\d+)', data)
    i = m.end() if m else 0
    if m:
        w, h = int(m.group(3)), int(m.group(4))
    n = len(data)
    while i < n:
        c = data[i]
        if c == 0x23:  # '#'
            m = re.match(rb"#(\d+)(?:;2;(\d+);(\d+);(\d+))?", data[i:])
            reg = int(m.group(1))
            if m.group(2) is not None:
                pal[reg] = tuple(int(int(m.group(k)) * 255 / 100 + 0.5) for k in (2, 3, 4))
            col = pal.get(reg, (0, 0, 0))
            i += m.end()
            continue
        rep = 1
        if c == 0x21:  # '!'
            m = re.match(rb"!(\d+)", data[i:])
            rep = int(m.group(1))
            i += m.end()
            c = data[i]
        if c == 0x24:  # '$'
            x = 0
        elif c == 0x2D:  # '-'
            x = 0
            y += 6
        elif 0x3F <= c <= 0x7E:
            bits = c - 0x3F
            if bits:
                for k in range(6):
                    if bits >> k & 1:
                        for j in range(rep):
                            px[(x + j, y + k)] = col
            x += rep
        i += 1
    return px, w, h


def main():
    a = sys.argv[1:]
    cmp_last = "--compare-last" in a
    a = [v for v in a if v != "--compare-last"]
    d = open(a[0], "rb").read()
    cw, ch = int(a[1]), int(a[2])
    canvas = {}
    wiped = {}          # the canvas just before the last clear
    pictures = []
    pos = (1, 1)
    tok = re.compile(rb"\x1b\[(\d+);(\d+)H|\x1b\[2J|\x1bP[0-9;]*q([^\x1b]*)\x1b\\")
    for m in tok.finditer(d):
        if m.group(0) == b"\x1b[2J":
            if canvas:
                wiped = canvas
            canvas = {}
        elif m.group(1) is not None:
            pos = (int(m.group(1)), int(m.group(2)))
        else:
            px, w, h = decode(m.group(3))
            ox, oy = (pos[1] - 1) * cw, (pos[0] - 1) * ch
            before = dict(canvas) if canvas else dict(wiped)
            for (x, y), c in px.items():
                if (w == 0 or x < w) and (h == 0 or y < h):
                    canvas[(ox + x, oy + y)] = c
            pictures.append((pos, w, h, before, dict(canvas)))
    if not pictures:
        print("no picture")
        return 1
    if cmp_last:
        # the last whole picture's rectangle
        (r, c), w, h, before, after = pictures[-1]
        ox, oy = (c - 1) * cw, (r - 1) * ch
        se = n = 0
        for y in range(oy, oy + h):
            for x in range(ox, ox + w):
                p, q = before.get((x, y), (0, 0, 0)), after.get((x, y), (0, 0, 0))
                se += sum((p[k] - q[k]) ** 2 for k in range(3))
                n += 3
        print("inf" if se == 0 else "%.1f" % (10 * math.log10(255 * 255 * n / se)))
        return 0
    for k, ((r, c), w, h, _, _) in enumerate(pictures):
        print(k, r, c, w, h)
    return 0


if __name__ == "__main__":
    sys.exit(main())
