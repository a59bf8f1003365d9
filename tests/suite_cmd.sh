#!/bin/sh
# The command framework (tui/cmd.h): every command's --help, a bad option, the
# [DIR] | --dir DIR rule, the common flags' spellings, and the man page's
# synopses, all from the same entries. The commands are the ones
# `chexplore --help` lists, so a new command is checked without editing this.
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/lib.sh"
man=$top/man/chexplore.1

# one_line NAME WANT_RC PATTERN CMD...: exit WANT_RC, nothing on stdout, one
# stderr line matching PATTERN (grep -E).
one_line() {
	name=$1 want=$2 pat=$3; shift 3
	if run "$name" "$want" "$@"; then
		if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -Eq -- "$pat" "$tmp/err"; then
			fail "$name" "stderr: $(head -c 300 "$tmp/err")"
		elif [ -s "$tmp/out" ]; then
			fail "$name" "stdout: $(head -c 200 "$tmp/out")"
		else
			ok "$name"
		fi
	fi
}

cmds=$("$bin" --help | awk '/^commands:/{on=1; next} on && /^  [a-z]/{print $1}')
if [ "$(echo "$cmds" | wc -w)" -ge 17 ]; then ok cmd/list; else fail cmd/list "got: $cmds"; fi

# The synopsis of a command in the man page: after its section header, up to
# the first .Pp (the explorer's section is EXPLORER).
man_synopsis() {
	case $1 in explore) hdr='.Sh EXPLORER' ;; *) hdr=".Ss $1" ;; esac
	awk -v h="$hdr" '$0 == h {on=1; next} on && /^\.Pp/ {exit} on' "$man"
}

dircmds=
for c in $cmds; do
	# --help: exit 0, stdout only, starting with the usage line; -h the same
	if run "cmd/$c/help" 0 "$bin" "$c" --help; then
		first=$(head -1 "$tmp/out")
		cp "$tmp/out" "$tmp/help"
		case $first in
		"usage: chexplore $c "*)
			if [ -s "$tmp/err" ]; then fail "cmd/$c/help" "stderr: $(head -c 200 "$tmp/err")"
			elif ! grep -q -- '--help' "$tmp/help"; then fail "cmd/$c/help" "no options list"
			else ok "cmd/$c/help"; fi ;;
		*) fail "cmd/$c/help" "first line: $first" ;;
		esac
		if "$bin" "$c" -h >"$tmp/h2" 2>&1 && cmp -s "$tmp/help" "$tmp/h2"; then
			ok "cmd/$c/help-short"
		else
			fail "cmd/$c/help-short" "-h differs from --help"
		fi
	fi
	# a bad option: exit 2, one line naming it
	one_line "cmd/$c/bad-option" 2 "^chexplore $c: unknown option '--no-such-option'" \
	    "$bin" "$c" --no-such-option
	# the man page's synopsis is the entry's
	"$bin" --synopsis-mdoc "$c" >"$tmp/syn.gen" 2>"$tmp/err"
	man_synopsis "$c" >"$tmp/syn.man"
	if [ -s "$tmp/syn.gen" ] && cmp -s "$tmp/syn.gen" "$tmp/syn.man"; then
		ok "cmd/$c/man-synopsis"
	else
		fail "cmd/$c/man-synopsis" "regenerate with chexplore --synopsis-mdoc $c: $(diff "$tmp/syn.man" "$tmp/syn.gen" | head -4 | tr '\n' ' ')"
	fi
	# the commands whose synopsis takes a folder as [DIR] | --dir DIR
	grep -q '^\.Op Ar DIR | Fl -dir Ar DIR$' "$tmp/syn.gen" && dircmds="$dircmds $c"
done
case $dircmds in *info*stats*explore*) ok cmd/dir-commands ;; *) fail cmd/dir-commands "found:$dircmds" ;; esac

"$bin" demo "$tmp/d" --count 3 -q >/dev/null 2>&1 || fail cmd/demo "demo failed"
mkdir -p "$tmp/e"
# [DIR] | --dir DIR: both, or two folders, is exit 2 with the one message
for c in $dircmds; do
	one_line "cmd/$c/dir-twice" 2 "^chexplore $c: give the folder once: --dir DIR or DIR$" \
	    "$bin" "$c" "$tmp/d" --dir "$tmp/d"
	one_line "cmd/$c/dir-twice-short" 2 "^chexplore $c: give the folder once: --dir DIR or DIR$" \
	    "$bin" "$c" -d "$tmp/d" "$tmp/e"
	one_line "cmd/$c/two-dirs" 2 "^chexplore $c: give the folder once: --dir DIR or DIR$" \
	    "$bin" "$c" "$tmp/d" "$tmp/e"
done

# --json is the one spelling of JSON output; stats --format json its alias
if "$bin" stats "$tmp/d" -q --format json >"$tmp/j1" 2>/dev/null &&
    "$bin" stats "$tmp/d" -q --json >"$tmp/j2" 2>/dev/null && [ -s "$tmp/j1" ] &&
    cmp -s "$tmp/j1" "$tmp/j2" && head -c 1 "$tmp/j2" | grep -q '{'; then
	ok cmd/stats/json-alias
else
	fail cmd/stats/json-alias "stats --json differs from --format json"
fi
one_line cmd/stats/json-format-conflict 2 "^chexplore stats: --json and --format csv" \
    "$bin" stats "$tmp/d" --json --format csv
for c in info; do
	if "$bin" "$c" "$tmp/d" --json >"$tmp/j" 2>/dev/null && head -c 1 "$tmp/j" | grep -q '{'; then
		ok "cmd/$c/json"
	else
		fail "cmd/$c/json" "no JSON object"
	fi
done

# --seed: one parser and one message for every bootstrap seed
for c in eval stats merge; do
	one_line "cmd/$c/bad-seed" 2 "^chexplore $c: --seed: want an integer between 0 and 2\*\*32 - 1$" \
	    "$bin" "$c" --seed 4294967296
done

# no command: a folder opens the explorer, --help and --version as before
if "$bin" "$tmp/d" --bench 1 >"$tmp/b" 2>/dev/null && grep -q "open 3 CXRs" "$tmp/b"; then
	ok cmd/default-explore
else
	fail cmd/default-explore "chexplore DIR did not reach the explorer"
fi
if run cmd/top-help 0 "$bin" --help && head -1 "$tmp/out" | grep -q '^usage: chexplore \[DIR\]'; then
	ok cmd/top-help
fi
if run cmd/version 0 "$bin" --version && grep -q '^chexplore [0-9]' "$tmp/out"; then
	ok cmd/version
fi
if run cmd/not-a-command 2 "$bin" no-such-command && grep -q "neither a command nor a folder" "$tmp/err"; then
	ok cmd/not-a-command
fi
one_line cmd/synopsis-unknown 2 "^chexplore: no command 'nope'" "$bin" --synopsis-mdoc nope
exit 0
