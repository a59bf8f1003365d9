#!/usr/bin/env python3
"""kitty_screen.py LOG CELLW CELLH [options]: replay what a program wrote to a
terminal (a ptyterm.py --log) as a kitty graphics terminal would, on a pixel
canvas: images transmitted (a=t / a=T; PNG f=100, or RGB / RGBA f=24 / f=32,
zlib o=z; chunked m=1 ... m=0), placed (a=T / a=p at the cursor's cell plus
the X=, Y= pixel offsets, stacked by z-index then id, 8-bit "over"
blending), deleted (a=d: d=a/A, i/I with or without p, z/Z), and the screen
cleared (ESC [ 2 J: every placement goes, and with it every image, as in
kitty). The cursor follows CUP, CUU/CUD/CUF/CUB and ESC 7 / ESC 8. Text is
not drawn: the canvas is black where no image is.

Prints, by default, one line per placement left on the screen at the end:
"ID Z ROW COL X Y W H" (cells 1-based). Options:
  --upto N          stop after the N-th byte of the log (a state in between)
  --png FILE ROW COL  compare the canvas at cell (ROW, COL) (1-based) with the
                    picture in FILE (a PNG, e.g. `chexplore export`'s): prints
                    "PSNR MAXDIFF" over the PNG's rectangle ("inf" when equal)
  --save FILE       write the canvas as a binary PPM
  --left            print "placements N images N": what the terminal still holds
  --per-key JSON    with ptyterm.py's JSON of the same run: one line per part of
                    the log (the first screen, then each key): "KEY BYTES APC T P D
                    XRAY" — all bytes, the bytes of graphics commands, the images
                    transmitted (a=T), placed again (a=p), deleted (a=d), and the
                    X-rays transmitted (a=T at z=1)
  --bad             exit 1 on a malformed command (chunk > 4096 bytes, a chunk
                    not a multiple of 4 before the last, an unknown key)
"""
import math, re, struct, sys, zlib


def png_decode(data):
    """(w, h, rows of RGBA tuples) of an 8-bit PNG: gray, RGB, palette (tRNS), GA, RGBA."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    i, idat, pal, trns = 8, b"", None, None
    w = h = ctype = 0
    while i < len(data):
        n, = struct.unpack(">I", data[i:i + 4])
        t, body = data[i + 4:i + 8], data[i + 8:i + 8 + n]
        if zlib.crc32(t + body) != struct.unpack(">I", data[i + 8 + n:i + 12 + n])[0]:
            raise ValueError("bad CRC in " + t.decode())
        if t == b"IHDR":
            w, h, depth, ctype, _, _, inter = struct.unpack(">IIBBBBB", body)
            if depth != 8 or inter:
                raise ValueError("only 8-bit, not interlaced")
        elif t == b"PLTE":
            pal = [tuple(body[k:k + 3]) for k in range(0, len(body), 3)]
        elif t == b"tRNS":
            trns = body
        elif t == b"IDAT":
            idat += body
        i += 12 + n
    bpp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    out = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        cur = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for x in range(bpp, stride):
                cur[x] = (cur[x] + cur[x - bpp]) & 255
        elif f == 2:
            for x in range(stride):
                cur[x] = (cur[x] + prev[x]) & 255
        elif f == 3:
            for x in range(stride):
                a = cur[x - bpp] if x >= bpp else 0
                cur[x] = (cur[x] + ((a + prev[x]) >> 1)) & 255
        elif f == 4:
            for x in range(stride):
                a = cur[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[x] = (cur[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif f != 0:
            raise ValueError("bad filter %d" % f)
        row = []
        for x in range(w):
            q = cur[x * bpp:(x + 1) * bpp]
            if ctype == 0:
                row.append((q[0], q[0], q[0], 255))
            elif ctype == 2:
                row.append((q[0], q[1], q[2], 255))
            elif ctype == 3:
                r, g, b = pal[q[0]]
                a = trns[q[0]] if trns is not None and q[0] < len(trns) else 255
                row.append((r, g, b, a))
            elif ctype == 4:
                row.append((q[0], q[0], q[0], q[1]))
            else:
                row.append(tuple(q))
        out.append(row)
        prev = cur
    return w, h, out


class Term:
    def __init__(self, cw, ch, strict):
        self.cw, self.ch, self.strict = cw, ch, strict
        self.images = {}        # id -> (w, h, rows)
        self.places = {}        # (id, pid) -> (z, row, col, X, Y)
        self.cur = (1, 1)
        self.saved = (1, 1)
        self.load = None        # chunks of the image being sent
        self.errors = []
        self.serial = 0

    def bad(self, why):
        self.errors.append(why)

    def clear(self):
        self.places.clear()
        self.images.clear()

    def command(self, keys, payload):
        k = {}
        for kv in keys.split(","):
            if kv:
                a, _, b = kv.partition("=")
                k[a] = b
        if self.load is not None:
            # a continuation chunk carries m (and q) only
            if set(k) - {"m", "q"}:
                self.bad("keys %s in a continuation chunk" % keys)
            self.load[1].append(payload)
            if k.get("m", "0") == "1":
                if len(payload) % 4:
                    self.bad("a chunk of %d bytes before the last" % len(payload))
                return
            keys0, chunks = self.load
            self.load = None
            return self.finish(keys0, b"".join(chunks))
        if k.get("m", "0") == "1":
            if len(payload) % 4:
                self.bad("a chunk of %d bytes before the last" % len(payload))
            self.load = (k, [payload])
            return
        return self.finish(k, payload)

    def finish(self, k, payload):
        a = k.get("a", "t")
        iid = int(k.get("i", "0"))
        pid = int(k.get("p", "0"))
        if a in ("t", "T"):
            import base64
            data = base64.b64decode(payload)
            if k.get("o") == "z":
                data = zlib.decompress(data)
            f = k.get("f", "32")
            if f == "100":
                w, h, rows = png_decode(data)
            else:
                w, h = int(k["s"]), int(k["v"])
                n = 3 if f == "24" else 4
                rows = [[tuple(data[(y * w + x) * n:(y * w + x + 1) * n]) + ((255,) if n == 3 else ())
                         for x in range(w)] for y in range(h)]
            # new data for an id replaces the image and its placements
            for key in [q for q in self.places if q[0] == iid]:
                del self.places[key]
            self.images[iid] = (w, h, rows)
        if a in ("T", "p"):
            if iid not in self.images:
                self.bad("placement of unknown image %d" % iid)
                return
            self.serial += 1
            self.places[(iid, pid or -self.serial)] = (int(k.get("z", "0")), self.cur[0],
                                                      self.cur[1], int(k.get("X", "0")),
                                                      int(k.get("Y", "0")))
            if k.get("C", "0") != "1":
                self.bad("placement moves the cursor (no C=1)")
        elif a == "d":
            d = k.get("d", "a")
            if d in ("a", "A"):
                drop = list(self.places)
            elif d in ("i", "I"):
                drop = [q for q in self.places if q[0] == iid and (not pid or q[1] == pid)]
            elif d in ("z", "Z"):
                drop = [q for q, v in self.places.items() if v[0] == int(k.get("z", "0"))]
            else:
                self.bad("delete d=%s not modelled" % d)
                drop = []
            for q in drop:
                del self.places[q]
            if d.isupper():
                for q in {q[0] for q in drop} | ({iid} if d == "I" else set()):
                    if not any(p[0] == q for p in self.places):
                        self.images.pop(q, None)

    def canvas(self, cols, rows):
        W, H = cols * self.cw, rows * self.ch
        px = [[(0, 0, 0)] * W for _ in range(H)]
        order = sorted(self.places.items(), key=lambda kv: (kv[1][0], kv[0][0]))
        for (iid, _), (z, r, c, X, Y) in order:
            w, h, img = self.images[iid]
            ox, oy = (c - 1) * self.cw + X, (r - 1) * self.ch + Y
            for y in range(h):
                if not 0 <= oy + y < H:
                    continue
                line, src = px[oy + y], img[y]
                for x in range(w):
                    if not 0 <= ox + x < W:
                        continue
                    s = src[x]
                    if s[3] == 255:
                        line[ox + x] = s[:3]
                    elif s[3]:
                        o = line[ox + x]
                        line[ox + x] = tuple((s[j] * s[3] + o[j] * (255 - s[3]) + 127) // 255
                                             for j in range(3))
        return px


def replay(d, cw, ch, strict):
    t = Term(cw, ch, strict)
    tok = re.compile(rb"\x1b_G([^;\x1b]*)(?:;([^\x1b]*))?\x1b\\|\x1b\[(\d*)(?:;(\d*))?([HfABCDJ])"
                     rb"|\x1b([78])")
    for m in tok.finditer(d):
        if m.group(1) is not None or m.group(0).startswith(b"\x1b_G"):
            keys = m.group(1).decode()
            payload = m.group(2) or b""
            if len(payload) > 4096:
                t.bad("a chunk of %d bytes" % len(payload))
            t.command(keys, payload)
        elif m.group(6):
            if m.group(6) == b"7":
                t.saved = t.cur
            else:
                t.cur = t.saved
        else:
            fin = m.group(5)
            a = int(m.group(3) or "1") if m.group(3) != b"" else 1
            r, c = t.cur
            if fin in (b"H", b"f"):
                t.cur = (int(m.group(3) or "1"), int(m.group(4) or "1"))
            elif fin == b"A":
                t.cur = (max(1, r - a), c)
            elif fin == b"B":
                t.cur = (r + a, c)
            elif fin == b"C":
                t.cur = (r, c + a)
            elif fin == b"D":
                t.cur = (r, max(1, c - a))
            elif fin == b"J" and m.group(3) in (b"2", b"3"):
                t.clear()
    return t


def main():
    a = sys.argv[1:]
    opts = {}
    pos = []
    while a:
        x = a.pop(0)
        if x == "--png":
            opts["png"] = (a.pop(0), int(a.pop(0)), int(a.pop(0)))
        elif x in ("--upto", "--save"):
            opts[x[2:]] = a.pop(0)
        elif x == "--bad":
            opts["bad"] = True
        elif x == "--left":
            opts["left"] = True
        elif x == "--per-key":
            opts["per-key"] = a.pop(0)
        else:
            pos.append(x)
    d = open(pos[0], "rb").read()
    if "per-key" in opts:
        import json
        j = json.load(open(opts["per-key"]))
        parts = [("first", j["first"]["bytes"])] + [(k["key"], k["bytes"]) for k in j["keys"]]
        at = 0
        for name, n in parts:
            seg = d[at:at + n]
            at += n
            cmds = re.findall(rb"\x1b_G([^;\x1b]*)(?:;[^\x1b]*)?\x1b\\", seg)
            apc = sum(len(m.group(0)) for m in re.finditer(rb"\x1b_G[^\x1b]*\x1b\\", seg))
            first = [c for c in cmds if b"a=" in c]
            print(name, n, apc, sum(b"a=T" in c for c in first), sum(b"a=p" in c for c in first),
                  sum(b"a=d" in c for c in first),
                  sum(b"a=T" in c and re.search(rb"(^|,)z=1(,|$)", c) is not None for c in first))
        return 0
    if "upto" in opts:
        d = d[:int(opts["upto"])]
    cw, ch = int(pos[1]), int(pos[2])
    t = replay(d, cw, ch, opts.get("bad"))
    if t.errors and opts.get("bad"):
        print("bad: " + "; ".join(t.errors[:5]))
        return 1
    if "png" in opts:
        f, r, c = opts["png"]
        w, h, ref = png_decode(open(f, "rb").read())
        cols = c - 1 + (w + cw - 1) // cw + 1
        rows = r - 1 + (h + ch - 1) // ch + 1
        px = t.canvas(cols, rows)
        se = worst = 0
        for y in range(h):
            for x in range(w):
                p, q = px[(r - 1) * ch + y][(c - 1) * cw + x], ref[y][x]
                for j in range(3):
                    e = abs(p[j] - q[j])
                    se += e * e
                    worst = max(worst, e)
        n = w * h * 3
        print("%s %d" % ("inf" if se == 0 else "%.1f" % (10 * math.log10(255 * 255 * n / se)),
                         worst))
        return 0
    if "left" in opts:
        print("placements %d images %d" % (len(t.places), len(t.images)))
        return 0
    if "save" in opts:
        cols = max([v[2] for v in t.places.values()] + [1]) + 80
        rows = max([v[1] for v in t.places.values()] + [1]) + 40
        px = t.canvas(cols, rows)
        with open(opts["save"], "wb") as fp:
            fp.write(b"P6 %d %d 255\n" % (len(px[0]), len(px)))
            for line in px:
                fp.write(bytes(v for p in line for v in p))
    for (iid, pid), (z, r, c, X, Y) in sorted(t.places.items(), key=lambda kv: (kv[1][0], kv[0])):
        w, h, _ = t.images[iid]
        print(iid, z, r, c, X, Y, w, h)
    return 0


if __name__ == "__main__":
    sys.exit(main())
