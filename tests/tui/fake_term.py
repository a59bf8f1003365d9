#!/usr/bin/env python3
"""fake_term: a pretend terminal for detection tests. Runs CMD on a
pseudo-terminal of 120x40 cells (10x20-pixel cells) and answers what a sixel
terminal (xterm -ti vt340) answers: DA1 with 4 (or without it, --no-sixel),
XTSMGRAPHICS colour registers and geometry, the cell size. Everything CMD
writes to the terminal is appended to LOG. Exits with CMD's status, or 124
when CMD is still running after --timeout seconds (then it is killed).

usage: fake_term.py [--no-sixel] [--timeout S] LOG CMD [ARG...]
"""
import os
import pty
import select
import signal
import struct
import sys
import termios
import fcntl
import time


def main():
    args = sys.argv[1:]
    sixel, timeout = True, 30.0
    while args and args[0].startswith("--"):
        if args[0] == "--no-sixel":
            sixel = False
            args = args[1:]
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
    end = time.time() + timeout
    status = None
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
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
                hits = [(pending.find(q), q, a) for q, a in replies if pending.find(q) >= 0]
                if not hits:
                    break
                at, q, a = min(hits)
                answer += a
                pending = pending[at + len(q):]
            if answer:
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
