#!/usr/bin/env python3
"""kitty_bench.py MODE JSON LOG BIN DATA [CELLW CELLH]: one line of
tests/bench_terminal.sh for a ptyterm.py run (its JSON and --log) of the
explorer in MODE (sixel or kitty): the bytes and pictures after each key,
and the PSNR of the first screen's picture, decoded as the terminal would
(tests/tools/sixel_screen.py, kitty_screen.py), against `BIN export`'s PNG
of the same CXR, overlays and size. With --burst: the total bytes and
pictures of the whole run instead (for kitty a picture is an X-ray sent; a
sixel picture is one DCS).

Per key: "B/N pic" with N the sixel images, or for kitty "B (G graphics)/T+P":
G the bytes of graphics commands, T the images sent (a=T) and P the
placements made again (a=p).
"""
import json, math, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kitty_screen  # noqa: E402
import sixel_screen  # noqa: E402


def kitty_counts(seg):
    cmds = [c for c in re.findall(rb"\x1b_G([^;\x1b]*)", seg) if b"a=" in c]
    t = sum(b"a=T" in c for c in cmds)
    p = sum(b"a=p" in c for c in cmds)
    x = sum(b"a=T" in c and re.search(rb"(^|,)z=1(,|$)", c) is not None for c in cmds)
    return t, p, x


def first_id(log):
    m = re.search(rb"patient\d+/study\d+/view\d+_[a-z]+", log)
    return m.group(0).decode().replace("/", "_") if m else None


def psnr(canvas_px, ox, oy, ref):
    """canvas_px(x, y) -> rgb over the reference PNG's rectangle at (ox, oy)."""
    w, h, rows = ref
    se = 0
    for y in range(h):
        for x in range(w):
            p, q = canvas_px(ox + x, oy + y), rows[y][x]
            se += sum((p[j] - q[j]) ** 2 for j in range(3))
    return float("inf") if se == 0 else 10 * math.log10(255 * 255 * w * h * 3 / se)


def first_psnr(mode, log, first, binp, data, cw, ch):
    d = log[:first]
    cid = first_id(log)
    if not cid:
        return None
    if mode == "kitty":
        t = kitty_screen.replay(d, cw, ch, False)
        base = [(k, v) for k, v in t.places.items() if v[0] == 1]
        if not base:
            return None
        (iid, _), (_, r, c, X, Y) = base[0]
        w, h, _ = t.images[iid]
        ox, oy = (c - 1) * cw + X, (r - 1) * ch + Y
        cols, rows = c + w // cw + 2, r + h // ch + 2
        px = t.canvas(cols, rows)
        get = lambda x, y: px[y][x]  # noqa: E731
    else:
        canvas, pos, pic = {}, (1, 1), None
        tok = re.compile(rb"\x1b\[(\d+);(\d+)H|\x1b\[2J|\x1bP[0-9;]*q([^\x1b]*)\x1b\\")
        for m in tok.finditer(d):
            if m.group(0) == b"\x1b[2J":
                canvas = {}
            elif m.group(1) is not None:
                pos = (int(m.group(1)), int(m.group(2)))
            else:
                spx, w, h = sixel_screen.decode(m.group(3))
                ox, oy = (pos[1] - 1) * cw, (pos[0] - 1) * ch
                for (x, y), v in spx.items():
                    canvas[(ox + x, oy + y)] = v
                if pic is None:
                    pic = (ox, oy, w, h)
        if pic is None:
            return None
        ox, oy, w, h = pic
        get = lambda x, y: canvas.get((x, y), (0, 0, 0))  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "e.png")
        r = subprocess.run([binp, "export", cid, "--dir", data, "--overlay", "gt,pred",
                            "--width", str(w), "--height", str(h), "--png", png],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if r.returncode != 0:
            return None
        ref = kitty_screen.png_decode(open(png, "rb").read())
    return psnr(get, ox, oy, ref)


def main():
    a = sys.argv[1:]
    burst = "--burst" in a
    a = [x for x in a if x != "--burst"]
    mode, js, logf, binp, data = a[:5]
    cw, ch = (int(a[5]), int(a[6])) if len(a) >= 7 else (10, 20)
    d = json.load(open(js))
    log = open(logf, "rb").read()
    first = d["first"]["bytes"]
    parts, at = [], first
    for k in d["keys"]:
        parts.append((k, log[at:at + k["bytes"]]))
        at += k["bytes"]
    if burst:
        total = sum(k["bytes"] for k, _ in parts)
        pics = sum(k["sixel"] for k, _ in parts) if mode != "kitty" else \
            sum(kitty_counts(s)[2] for _, s in parts)
        extra = ""
        if mode == "kitty":
            # ptyterm's own count: every image sent or placed
            extra = " (%d images sent or placed)" % sum(k["kitty"] for k, _ in parts)
        print("%d bytes, %d pictures%s" % (total, pics, extra))
        return 0
    names = ["next CXR", "GT overlay", "error map", "probe on", "probe move", "help", "leave help"]
    out = []
    for n, (k, seg) in zip(names, parts):
        if mode == "kitty":
            t, p, _ = kitty_counts(seg)
            g = sum(len(m.group(0)) for m in re.finditer(rb"\x1b_G[^\x1b]*\x1b\\", seg))
            out.append("%s %d B (%d graphics)/%d+%d" % (n, k["bytes"], g, t, p))
        else:
            out.append("%s %d B/%d pic" % (n, k["bytes"], k["sixel"]))
    q = first_psnr(mode, log, first, binp, data, cw, ch)
    print("first %7d | %s | PSNR %s" % (first, " | ".join(out),
                                        "?" if q is None else "inf" if q == float("inf")
                                        else "%.1f dB" % q))
    return 0


if __name__ == "__main__":
    sys.exit(main())
