#!/usr/bin/env python3
"""jpeg_scans.py OUT SIZE SCANS: a valid gray progressive JPEG of SIZE x SIZE
pixels (all mid-grey) with one DC scan and SCANS-1 AC scans (bands 1..63,
Ah = Al = 0, legal for libjpeg: no progression warning), each scan one run of
end-of-blocks. Tiny per scan, but every scan makes the decoder visit every
block: 8000 and 20000 scans kept inspect busy past 60 s (issue 15).
Standard library only: the markers and the entropy bits are written here."""
import struct
import sys


def seg(marker, payload):
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload


class Bits:
    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, value, nbits):
        for i in range(nbits - 1, -1, -1):
            self.acc = self.acc << 1 | (value >> i & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)  # byte stuffing
                self.acc = self.n = 0

    def flush(self):
        if self.n:
            self.put((1 << (8 - self.n)) - 1, 8 - self.n)  # pad with ones
        return bytes(self.out)


def main():
    out, size, scans = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    blocks = ((size + 7) // 8) ** 2
    data = bytearray(b"\xff\xd8")
    data += seg(0xDB, b"\x00" + bytes([1] * 64))                      # DQT 0, all ones
    data += seg(0xC2, struct.pack(">BHHB", 8, size, size, 1) + b"\x01\x11\x00")  # SOF2, 1 comp
    # DC table 0: one symbol (category 0) with the 1-bit code 0
    data += seg(0xC4, b"\x00" + bytes([1] + [0] * 15) + b"\x00")
    # AC table 0: one symbol 0xE0 (EOB run of 2^14 + 14 extra bits) with code 0
    data += seg(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\xe0")
    # DC first scan: one 0 bit per block
    data += seg(0xDA, b"\x01\x01\x00" + bytes([0, 0, 0x00]))
    b = Bits()
    for _ in range(blocks):
        b.put(0, 1)
    data += b.flush()
    # AC scans: runs of at most 32767 blocks cover every block
    b = Bits()
    left = blocks
    while left > 0:
        run = min(left, 32767)
        run = max(run, 1 << 14)
        b.put(0, 1)
        b.put(run - (1 << 14), 14)
        left -= run
    ac = b.flush()
    one = seg(0xDA, b"\x01\x01\x00" + bytes([1, 63, 0x00])) + ac
    for _ in range(scans - 1):
        data += one
    data += b"\xff\xd9"
    with open(out, "wb") as f:
        f.write(data)


main()
