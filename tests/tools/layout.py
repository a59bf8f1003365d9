#!/usr/bin/env python3
"""layout.py ROOT: the structure rules of the code, drawn from its own includes.

Prints one line per rule, "ok   layout/NAME" or "FAIL layout/NAME: why":
  no-include-cycle   no circle of #include "..." among core/ and tui/ files
  no-use-cycle       no circle of .c files in tui/ where each uses (calls or
                     names) something the next defines
  rooms              tui/cmd/ (commands) and tui/explore/ (the explorer) never
                     include each other's headers; tui/*.[ch] (shared by both)
                     and core/ include neither
  core-no-terminal   core/ never includes curses or sixel headers
  file-size          no tui/ file over 800 lines
"""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
SYS = re.compile(r'^\s*#\s*include\s+<([^>]+)>', re.M)

files = {}
for d in ("core", "tui", "tui/cmd", "tui/explore"):
    if not os.path.isdir(os.path.join(root, d)):
        continue
    for f in sorted(os.listdir(os.path.join(root, d))):
        if f.endswith((".c", ".h")):
            files[f"{d}/{f}"] = open(os.path.join(root, d, f), encoding="utf-8").read()

# How the compiler finds a quoted header: the including file's folder, then
# -Icore -Itui.
def resolve(src, name):
    for d in (os.path.dirname(src), "core", "tui"):
        p = os.path.normpath(os.path.join(d, name))
        if p in files:
            return p
    return None

edges = {f: [r for r in (resolve(f, n) for n in INC.findall(t)) if r] for f, t in files.items()}

def report(name, bad):
    if bad:
        print(f"FAIL layout/{name}: {bad[0]}" + (f" (+{len(bad) - 1} more)" if len(bad) > 1 else ""))
    else:
        print(f"ok   layout/{name}")

# Cycles: depth-first search, a back edge is a circle.
def cycles_of(graph):
    found, state, stack = [], {}, []
    def visit(f):
        state[f] = 1
        stack.append(f)
        for g in graph[f]:
            if state.get(g) == 1:
                found.append(" -> ".join(stack[stack.index(g):] + [g]))
            elif g not in state:
                visit(g)
        stack.pop()
        state[f] = 2
    for f in graph:
        if f not in state:
            visit(f)
    return found
report("no-include-cycle", cycles_of(edges))

# Who defines what: external functions (return type on its own line, the
# name at the start of the next) and exported objects, in tui/*.c.
def code_only(t):
    t = re.sub(r"/\*.*?\*/", " ", t, flags=re.S)
    t = re.sub(r'"(\\.|[^"\\\n])*"', '""', t)
    return re.sub(r"'(\\.|[^'\\\n])*'", "''", t)
DEF_FN = re.compile(r"^(?!static\b)[A-Za-z_][^\n;()]*\n([a-z_][a-z0-9_]*)\(", re.M)
DEF_OBJ = re.compile(r"^(?:const\s+)?struct\s+\w+\s+([a-z_][a-z0-9_]*)\s*=", re.M)
tuic = {f: code_only(t) for f, t in files.items() if f.startswith("tui/") and f.endswith(".c")}
owner = {}
for f, t in tuic.items():
    for name in DEF_FN.findall(t) + DEF_OBJ.findall(t):
        owner[name] = f
IDENT = re.compile(r"(?<![.>\w])[a-z_][a-z0-9_]*\b")	# not a member after . or ->
uses = {f: sorted({owner[w] for w in IDENT.findall(t) if w in owner and owner[w] != f})
        for f, t in tuic.items()}
report("no-use-cycle", cycles_of(uses))

def room(f):
    if f.startswith("tui/cmd/"):
        return "cmd"
    if f.startswith("tui/explore/"):
        return "explore"
    return "core" if f.startswith("core/") else "shared"

allowed = {"core": {"core"}, "shared": {"core", "shared"}, "cmd": {"core", "shared", "cmd"},
           "explore": {"core", "shared", "explore"}}
bad = [f"{f} includes {g}" for f in files for g in edges[f]
       if room(g) not in allowed[room(f)] and f != "tui/main.c"]
report("rooms", bad)

bad = [f"{f} includes <{h}>" for f, t in files.items() if f.startswith("core/")
       for h in SYS.findall(t) if re.match(r"(n?curses|sixel|term\.h)", h)]
report("core-no-terminal", bad)

bad = [f"{f}: {t.count(chr(10))} lines" for f, t in files.items()
       if f.startswith("tui/") and t.count("\n") > 800]
report("file-size", bad)
