#!/bin/sh
# Remake the image fuzzer's seeds of every JPEG/PNG kind (tests/fuzz/image_seeds.c)
# into tests/fuzz/corpus/image/ (j-*.jpg, p-*.png; the older seeds stay).
# Usage: tests/fuzz/image_seeds.sh
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
b=$(mktemp -d "${TMPDIR:-/tmp}/image-seeds.XXXXXX")
trap 'rm -rf "$b"' EXIT
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -Wall -o "$b/image_seeds" "$top/tests/fuzz/image_seeds.c" \
    $(pkg-config --cflags --libs libpng) -ljpeg
"$b/image_seeds" "$top/tests/fuzz/corpus/image"
ls -l "$top/tests/fuzz/corpus/image"
