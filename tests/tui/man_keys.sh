#!/bin/sh
# tests/tui/man_keys.sh [BIN]: the man page's key list is the key table's.
# One line per check: "ok   NAME", "FAIL NAME: why" or "skip NAME: why".
. "$(dirname "$0")/lib.sh"
demo_data
# The man page's key list is the key table's (keep them in sync).
if [ -f "$ROOT/man/chexplore.1" ]; then
	"$BIN" explore --keys-mdoc >"$T/keys.mdoc"
	if awk 'NR==FNR{want[++n]=$0; next} {have=have $0 "\n"} END{s=""; for(i=1;i<=n;i++) s=s want[i] "\n"; exit index(have, s) ? 0 : 1}' "$T/keys.mdoc" "$ROOT/man/chexplore.1"; then
		ok man_keys_in_sync
	else
		fail man_keys_in_sync "regenerate with chexplore explore --keys-mdoc"
	fi
fi
exit 0
