#!/bin/sh
# The arm64 build, checked on this x86-64 machine (make cross-arm64): installs
# what it needs from Debian (as root: arm64 added to dpkg's architectures, the
# cross compiler, the arm64 -dev packages, qemu-user), cross-builds into
# build-aarch64-linux-gnu/, runs under qemu-aarch64 every unit test and the
# reference parity (../shared/tools/parity.py, when ../shared is there), then
# compares byte for byte the arm64 binary's outputs with the native one's on
# a demo set; last the native binary on an x86-64 without AVX2 (qemu-x86_64
# -cpu qemu64): its pair loop must give the same bytes as the AVX2 one.
# Not part of make test: it changes dpkg's architectures and takes minutes
# (the unit tests alone ~6 min emulated on 2 cores).
# Usage: tests/cross_arm64.sh [-j N] [--no-install] [--count N]
#   -j N          unit tests at a time (default: the cores)
#   --no-install  check the packages but install nothing
#   --count N     CXRs of the demo set for the byte compare (default 20)
# Prints "ok NAME", "FAIL NAME: why" or "skip NAME: why" and a last line
# "N passed, M failed, K skipped"; exits 1 when something failed.
top=$(cd "$(dirname "$0")/.." && pwd)
cross=aarch64-linux-gnu
build=build-$cross
jobs=$(nproc 2>/dev/null || echo 1)
install=1
count=20
while [ $# -gt 0 ]; do
	case $1 in
	-j) jobs=$2; shift 2 ;;
	-j*) jobs=${1#-j}; shift ;;
	--no-install) install=0; shift ;;
	--count) count=$2; shift 2 ;;
	-h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "tests/cross_arm64.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
done
case $jobs$count in *[!0-9]*|'') echo "tests/cross_arm64.sh: -j and --count take numbers" >&2; exit 2 ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chexplore-arm64.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
npass=0 nfail=0 nskip=0
ok() { echo "ok   $1"; npass=$((npass + 1)); }
fail() { echo "FAIL $1: $2"; nfail=$((nfail + 1)); }
skip() { echo "skip $1: $2"; nskip=$((nskip + 1)); }
done_() { echo "$npass passed, $nfail failed, $nskip skipped"; [ "$nfail" -eq 0 ]; exit $?; }

# ---- packages (as make deps does: only the missing ones, only as root)
pkgs="gcc-$cross libc6-dev-arm64-cross pkgconf:arm64 libncurses-dev:arm64 libsixel-dev:arm64
libpng-dev:arm64 libturbojpeg0-dev:arm64 libcjson-dev:arm64 zlib1g-dev:arm64 qemu-user"
missing=
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
	if [ "$install" = 1 ] && [ "$(id -u)" = 0 ]; then
		echo "installing:$missing"
		dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
		apt-get update -qq || { fail deps "apt-get update"; done_; }
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null ||
		    { fail deps "apt-get install$missing"; done_; }
	else
		echo "missing Debian packages:$missing"
		echo "run: sudo dpkg --add-architecture arm64 && sudo apt-get update &&" \
		    "sudo apt-get install$missing"
		exit 1
	fi
fi

# ---- builds: the native one (./chexplore, build/) and the cross one
cd "$top" || exit 1
if make -s -j"$jobs" all tests >"$tmp/make.log" 2>&1; then
	ok build/native
else
	fail build/native "$(tail -5 "$tmp/make.log")"; done_
fi
if make -s -j"$jobs" CROSS=$cross all tests >"$tmp/make.log" 2>&1; then
	if [ -s "$tmp/make.log" ]; then fail build/arm64 "output: $(head -5 "$tmp/make.log")"
	else ok build/arm64; fi
else
	fail build/arm64 "$(tail -5 "$tmp/make.log")"; done_
fi
arm=$top/$build/chexplore
$cross-readelf -h "$arm" 2>/dev/null | grep -q AArch64 || { fail build/arm64 "$arm is not an arm64 ELF"; done_; }
# the dynamic loader and libraries are the arm64 packages' (multiarch); the
# cross libc's folder otherwise
qemu="qemu-aarch64"
[ -e /lib/ld-linux-aarch64.so.1 ] || qemu="qemu-aarch64 -L /usr/$cross"
printf '#!/bin/sh\nexec %s %s "$@"\n' "$qemu" "$arm" >"$tmp/chexplore"
chmod +x "$tmp/chexplore"
if [ "$("$tmp/chexplore" --version 2>&1)" = "$(./chexplore --version 2>&1)" ]; then
	ok run/arm64-version
else
	fail run/arm64-version "$("$tmp/chexplore" --version 2>&1 | head -2)"; done_
fi

# ---- unit tests under qemu, -j at a time, each one's output in order.
# test_h2s_hang guards a 10000^2 map with a 150 s CPU limit that emulation
# (~15x slower) cannot meet: built again at 3000^2, the size its sanitized
# build uses.
flags="-std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $($cross-pkg-config --cflags \
    ncursesw libsixel libpng libturbojpeg libcjson zlib)"
libs="$($cross-pkg-config --libs ncursesw libsixel libpng libturbojpeg libcjson zlib) -lm -pthread"
# shellcheck disable=SC2086
$cross-gcc $flags -DSIDE=3000 -Icore -Itui -Itests/unit -o "$tmp/test_h2s_hang" \
    tests/unit/test_h2s_hang.c "$build/libchexplore.a" $libs || fail unit/h2s_hang "no build"
for t in tests/unit/test_*.c; do
	n=$(basename "$t" .c)
	if [ "$n" = test_h2s_hang ]; then echo "$tmp/test_h2s_hang"; else echo "$top/$build/tests/$n"; fi
done >"$tmp/units"
# shellcheck disable=SC2016
xargs -P "$jobs" -I{} sh -c 'b=$(basename "$1"); '"$qemu"' "$1" >"$2/$b.out" 2>&1; echo $? >"$2/$b.rc"' \
    sh {} "$tmp" <"$tmp/units"
while read -r b; do
	n=$(basename "$b"); rc=$(cat "$tmp/$n.rc" 2>/dev/null || echo none)
	if [ "$rc" = 0 ]; then ok "unit/${n#test_} (arm64)"
	else fail "unit/${n#test_} (arm64)" "exit $rc: $(grep -v '^ok ' "$tmp/$n.out" | head -5)"; fi
	grep '^skip' "$tmp/$n.out" | sed 's/^/  /'
done <"$tmp/units"

# ---- parity with the reference's golden files, under qemu
shared=$top/../shared
if [ -f "$shared/tools/parity.py" ] && [ -d "$shared/reference/synth-small" ]; then
	python3 "$shared/tools/parity.py" --bin "$tmp/chexplore" --ref "$shared/reference/synth-small" \
	    >"$tmp/parity" 2>&1
	last=$(tail -1 "$tmp/parity")
	case $last in *" 0 failed") ok "parity/synth-small (arm64): $last" ;;
	*) fail parity/synth-small "$(grep -v '^ok' "$tmp/parity" | head -5)" ;; esac
	if [ -d "$shared/reference/sample-data" ]; then
		python3 "$shared/tools/parity.py" --bin "$tmp/chexplore" \
		    --data "$shared/reference/sample-data" --golden "$shared/reference/sample/golden" \
		    >"$tmp/parity" 2>&1
		last=$(tail -1 "$tmp/parity")
		case $last in *" 0 failed") ok "parity/sample (arm64): $last" ;;
		*) fail parity/sample "$(grep -v '^ok' "$tmp/parity" | head -5)" ;; esac
	fi
else
	skip parity "../shared/tools/parity.py or its reference not present"
fi

# ---- the demo generator: the same files from both (its draws were once
# arguments of one call, whose order C leaves to the compiler: x86-64 took
# them right to left, arm64 left to right)
if ./chexplore demo "$tmp/dx" --count 4 -q >/dev/null 2>&1 &&
    "$tmp/chexplore" demo "$tmp/da" --count 4 -q >/dev/null 2>&1 && diff -r "$tmp/dx" "$tmp/da" >/dev/null; then
	ok "bytes/demo (arm64 = x86-64)"
else
	fail bytes/demo "chexplore demo --count 4: the arm64 files differ"
fi

# ---- byte for byte against the native binary, on the native demo set
d=$tmp/demo
if ./chexplore demo "$d" --count "$count" --full-size -q >/dev/null 2>&1; then
	maps=$d/gradcam_maps_val gt=$d/gt_segmentations_val.json
	./chexplore tune thresholds --maps "$maps" --gt "$gt" --save-dir "$tmp" -q >/dev/null 2>&1
	for mode in "otsu:" "smooth5:--smooth 5" "smooth20:--if_smoothing True -k 20" \
	    "thresholds:--thresholds $tmp/tuning_results.csv"; do
		n=${mode%%:*} opts=${mode#*:}
		# shellcheck disable=SC2086
		./chexplore segment --maps "$maps" $opts --out "$tmp/x86-$n.json" -q >/dev/null 2>&1
		# shellcheck disable=SC2086
		"$tmp/chexplore" segment --maps "$maps" $opts --out "$tmp/arm-$n.json" -q >/dev/null 2>&1
		if [ -s "$tmp/x86-$n.json" ] && cmp -s "$tmp/x86-$n.json" "$tmp/arm-$n.json"; then
			ok "bytes/segment-$n (arm64 = x86-64)"
		else
			fail "bytes/segment-$n" "segment --maps $opts: the arm64 output differs"
		fi
	done
	mkdir -p "$tmp/px" "$tmp/pa"
	./chexplore tune prob-cutoffs --maps "$maps" --gt "$gt" --save-dir "$tmp/px" -q >/dev/null 2>&1
	"$tmp/chexplore" tune prob-cutoffs --maps "$maps" --gt "$gt" --save-dir "$tmp/pa" -q \
	    >/dev/null 2>&1
	f=probability_tuning_results.csv
	if [ -s "$tmp/px/$f" ] && cmp -s "$tmp/px/$f" "$tmp/pa/$f"; then
		ok "bytes/tune-prob-cutoffs (arm64 = x86-64)"
	else
		fail bytes/tune-prob-cutoffs "the arm64 $f differs"
	fi
else
	fail bytes "chexplore demo failed"
fi

# ---- the same x86-64 binary without AVX2: qemu64 is SSE2 only
if command -v qemu-x86_64 >/dev/null 2>&1 && [ -d "$d" ]; then
	qemu-x86_64 -cpu qemu64 ./chexplore segment --maps "$d/gradcam_maps_val" \
	    --out "$tmp/q64.json" -q >/dev/null 2>&1
	if [ -s "$tmp/q64.json" ] && cmp -s "$tmp/q64.json" "$tmp/x86-otsu.json"; then
		ok "bytes/segment-otsu (x86-64 without AVX2 = with)"
	else
		fail bytes/segment-otsu-qemu64 "the output without AVX2 differs"
	fi
	if qemu-x86_64 -cpu qemu64 build/tests/test_h2s >"$tmp/h2s64.out" 2>&1; then
		ok "unit/h2s (x86-64 without AVX2)"
	else
		fail "unit/h2s (x86-64 without AVX2)" "$(grep -v '^ok ' "$tmp/h2s64.out" | head -5)"
	fi
	grep '^skip' "$tmp/h2s64.out" | sed 's/^/  /'
else
	skip qemu64 "no qemu-x86_64 or no demo set"
fi
done_
