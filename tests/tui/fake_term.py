#!/usr/bin/env python3
"""fake_term: a pretend terminal for detection tests. Runs CMD on a
pseudo-terminal of 120x40 cells (10x20-pixel cells) and answers what a sixel
terminal (xterm -ti vt340) answers: DA1 with 4 (or without it, --no-sixel),
XTSMGRAPHICS colour registers and geometry, the cell size. Everything CMD
writes to the terminal is appended to LOG. Exits with CMD's status, or 124
when CMD is still running after --timeout seconds (then it is killed).

--late S holds every reply until S seconds after the start (a slow link, a
terminal slow to start); --kitty answers the kitty graphics query (a=q) with
OK, as kitty does; --type S TEXT types TEXT at S seconds after the start.

usage: fake_term.py [--no-sixel] [--kitty] [--late S] [--type S TEXT]
                    [--timeout S] LOG CMD [ARG...]
"""
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import fcntl
import time


def main():
    args = sys.argv[1:]
    sixel, timeout, late, kitty, typed = True, 30.0, 0.0, False, None
    while args and args[0].startswith("--"):
        if args[0] == "--no-sixel":
            sixel = False
            args = args[1:]
        elif args[0] == "--kitty":
            kitty = True
            args = args[1:]
        elif args[0] == "--late":
            late = float(args[1])
            args = args[2:]
        elif args[0] == "--type":
            typed = (float(args[1]), args[2].encode())
            args = args[3:]
        elif args[0] == "--timeout":
            timeout = float(args[1])
            args = args[2:]
        else:
            break
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    log, cmd = args[0], args[1:]
    replies = [
        (b"\x1b[c", b"\x1b[?63;1;2;4;6;9;15;22c" if sixel else b"\x1b[?63;1;2;6;9;15;22c"),
        (b"\x1b[0c", b"\x1b[?63;1;2;4;6;9;15;22c" if sixel else b"\x1b[?63;1;2;6;9;15;22c"),
        (b"\x1b[?1;1;0S", b"\x1b[?1;0;256S" if sixel else b"\x1b[?1;3;0S"),
        (b"\x1b[?2;1;0S", b"\x1b[?2;0;1000;800S" if sixel else b"\x1b[?2;3;0S"),
        (b"\x1b[16t", b"\x1b[6;20;10t"),
        # Secondary DA and XTVERSION, as xterm 379 answers them (tmux asks
        # both when it starts).
        (b"\x1b[>c", b"\x1b[>41;379;0c"),
        (b"\x1b[>q", b"\x1bP>|XTerm(379)\x1b\\"),
    ]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 1200, 800))
    os.kill(pid, signal.SIGWINCH)
    out = open(log, "wb")
    pending = b""
    start = time.time()
    end = start + timeout
    status = None
    held = b""
    kq = re.compile(rb"\x1b_G[^\x1b]*a=q[^\x1b]*\x1b\\")
    while time.time() < end:
        now = time.time()
        if held and now >= start + late:
            os.write(fd, held)
            held = b""
        if typed and now >= start + typed[0]:
            os.write(fd, typed[1])
            typed = None
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                break
            out.write(data)
            out.flush()
            # Answer each query once it is complete; keep a short tail for
            # queries split across reads.
            pending += data
            answer = b""
            while True:
                hits = [(pending.find(q), len(q), a) for q, a in replies if pending.find(q) >= 0]
                m = kq.search(pending) if kitty else None
                if m:
                    ident = re.search(rb"i=(\d+)", m.group(0))
                    hits.append((m.start(), len(m.group(0)),
                                 b"\x1b_Gi=%s;OK\x1b\\" % (ident.group(1) if ident else b"1")))
                if not hits:
                    break
                at, n, a = min(hits)
                answer += a
                pending = pending[at + n:]
            if answer and time.time() < start + late:
                held += answer
            elif answer:
                os.write(fd, answer)
            pending = pending[-16:]
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            # Drain what is left.
            try:
                while select.select([fd], [], [], 0.2)[0]:
                    data = os.read(fd, 65536)
                    if not data:
                        break
                    out.write(data)
            except OSError:
                pass
            break
    out.close()
    # The terminal closed: the command is exiting; give it until the timeout.
    while status is None and time.time() < end:
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
        else:
            time.sleep(0.05)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return 124
    return os.waitstatus_to_exitcode(status) if status is not None else 1


if __name__ == "__main__":
    sys.exit(main())
