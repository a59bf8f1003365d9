# chexplore — plain make, libraries through pkg-config.
#   make                 build ./chexplore
#   make SANITIZE=address,undefined   sanitized build in build-san/
#   make test            the whole suite, plain and sanitized
#   make check           build and run every unit test (build/tests/test_*)
#   make check T=rle     build and run one unit test: build/tests/test_rle
#                        (tests/unit/test_rle.c; add SANITIZE=... for build-san/)
#   make tests           build the unit tests and the TUI checkers, run nothing
#   make demo            install what is missing, build, write the demo dataset, open it
#   make bench           benchmarks (results go to BENCHMARKS.md by hand)
#   make fuzz FUZZ_SECONDS=N   build (clang, build-fuzz/) and run every libFuzzer target
#                              (grown corpus in FUZZ_CORPUS, ~/.cache/chexplore/fuzz-corpus)
#   make install PREFIX=/usr/local DESTDIR=
#   make CROSS=aarch64-linux-gnu   cross build in build-aarch64-linux-gnu/ (its
#                        binary there, not ./chexplore) with $(CROSS)-gcc, -ar and
#                        -pkg-config; or CC=aarch64-linux-gnu-gcc [PKG_CONFIG=...]:
#                        any compiler for another CPU gets build-MACHINE/; BUILD= too
#   make cross-arm64     install the arm64 toolchain and libraries (as root), cross
#                        build, run the unit tests and a byte compare under qemu
#                        (tests/cross_arm64.sh; changes dpkg's architectures)
# One suite of the whole: tests/run.sh --only eval (tests/suite_eval.sh),
# --only unit, --only tui, --only tui/live_threshold (tests/tui/live_threshold.sh);
# tests/run.sh --help says more.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/chexplore

CC      ?= cc
# a cross build: its compiler, ar and pkg-config
ifdef CROSS
CC         = $(CROSS)-gcc
AR         = $(CROSS)-ar
PKG_CONFIG = $(CROSS)-pkg-config
endif
# A compiler for another CPU (CROSS=, or CC= alone) builds in build-MACHINE/
# (and build-san-MACHINE/), so the native build and ./chexplore stay; its
# pkg-config is MACHINE-pkg-config unless PKG_CONFIG= says otherwise.
CC_MACHINE  := $(shell $(CC) -dumpmachine 2>/dev/null)
CC_CPU       = $(firstword $(subst -, ,$(1)))
ifneq ($(call CC_CPU,$(CC_MACHINE)),$(call CC_CPU,$(shell cc -dumpmachine 2>/dev/null)))
XMACHINE    := $(CC_MACHINE)
PKG_CONFIG  ?= $(XMACHINE)-pkg-config
endif
PKG_CONFIG  ?= pkg-config
PKGS     = ncursesw libsixel libpng libturbojpeg libcjson zlib
DEB_PKGS = build-essential pkg-config libncurses-dev libsixel-dev libpng-dev \
           libturbojpeg0-dev libcjson-dev zlib1g-dev tmux mandoc python3 python3-numpy clang libclang-rt-14-dev time

OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-format-truncation $(WARN_CC)
# clang does not know GCC's -Wno-format-truncation: told to let it pass
WARN_CC ?= $(if $(findstring clang,$(shell $(CC) --version 2>/dev/null | head -1)),-Wno-unknown-warning-option)
DEFS     = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CORE_LIBS  := $(shell $(PKG_CONFIG) --libs libpng libturbojpeg libcjson 2>/dev/null) -lm -pthread

ifdef FUZZ
# the libFuzzer build (tests/fuzz/run.sh runs `make FUZZ=1 fuzzers`)
BUILD    = build-fuzz
CC       = clang
OPT      = -O1
SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
WARN_CC  = -Wno-unknown-warning-option
BIN      = $(BUILD)/chexplore
else ifdef SANITIZE
BUILD    = build-san$(if $(XMACHINE),-$(XMACHINE))
SANFLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
BIN      = $(BUILD)/chexplore
else
BUILD    = build$(if $(XMACHINE),-$(XMACHINE))
SANFLAGS =
# ./chexplore is the native build's; any other build directory keeps its own
BIN      = $(if $(filter build,$(BUILD)),chexplore,$(BUILD)/chexplore)
endif

# no fused multiply-adds unless written as fma(): the same bits on every CPU
# and compiler (GCC fuses none under -std=c11; clang does by default, and
# arm64 has the instruction)
FPFLAGS  = -ffp-contract=off
ALL_CFLAGS = $(WARN) $(DEFS) $(FPFLAGS) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS) -Icore -Itui -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

CORE_SRC = $(sort $(wildcard core/*.c))
TUI_SRC  = $(sort $(wildcard tui/*.c tui/cmd/*.c tui/explore/*.c))
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))
CHK_SRC  = $(sort $(wildcard tests/tui/*_check.c))
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ  = $(TUI_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(BUILD)/tui/main.o
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
CHK_BIN  = $(CHK_SRC:tests/tui/%.c=$(BUILD)/tests/tui/%)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/%)
LIB      = $(BUILD)/libchexplore.a
# every tui object but main.o: what unit tests and checkers of tui modules
# link
TUI_LIB  = $(BUILD)/libchexplore-tui.a
TEST_INC = -Itests/unit -Itui -Itui/explore -Itui/cmd
TEST_LIBS = $(TUI_LIB) $(LIB) $(PKG_LIBS) -lm -pthread

.PHONY: all deps test test-plain check check-run tests fuzzers demo bench fuzz install uninstall clean lint-man \
	cross-arm64

all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(TUI_LIB): $(filter-out $(MAIN_OBJ),$(TUI_OBJ))
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(TUI_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(TUI_OBJ) $(LIB) $(PKG_LIBS) -lm -pthread

# unit tests (tests/unit/test_*.c) and the TUI checkers (tests/tui/*_check.c):
# one program each, against both libraries; dependencies in $@.d
$(BUILD)/tests/test_%: tests/unit/test_%.c $(TUI_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_INC) $(ALL_LDFLAGS) -MF $@.d -o $@ $< $(TEST_LIBS)

$(BUILD)/tests/tui/%: tests/tui/%.c $(TUI_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_INC) $(ALL_LDFLAGS) -MF $@.d -o $@ $< $(TEST_LIBS)

tests: $(TEST_BIN) $(CHK_BIN)

# libFuzzer targets (only with FUZZ=1: clang, build-fuzz/)
$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB)
	$(CC) $(ALL_CFLAGS) -Itui -Itui/explore $(ALL_LDFLAGS) -fsanitize=fuzzer -MF $@.d -o $@ $< \
	    $(LIB) $(CORE_LIBS)

ifdef FUZZ
fuzzers: $(FUZZ_BIN)
else
fuzzers:
	@$(MAKE) --no-print-directory FUZZ=1 fuzzers
endif

# Install the Debian packages that are missing (as root), or say how.
deps:
	@missing=""; \
	for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	else \
		echo "missing Debian packages:$$missing"; \
		echo "run: sudo apt-get install$$missing"; exit 1; \
	fi

# make test: both builds a job a core (or make's own -j when given one), then
# TEST_JOBS parts of the suite at a time (tests/run.sh -j: the output in the
# usual order), one more than the cores: many parts mostly wait on a terminal
NPROC = $(shell nproc 2>/dev/null || echo 1)
TEST_J = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(NPROC))
TEST_JOBS = $(shell expr $(NPROC) + 1)
test: deps
	@$(MAKE) --no-print-directory $(TEST_J) all tests
	@$(MAKE) --no-print-directory $(TEST_J) SANITIZE=address,undefined all tests
	@tests/run.sh -j $(TEST_JOBS) ./chexplore build build-san

test-plain: deps
	@$(MAKE) --no-print-directory $(TEST_J) all tests
	@tests/run.sh -j $(TEST_JOBS) ./chexplore build

# make check [T=rle]: deps first, then a make that reads pkg-config afresh
check: deps
	@$(MAKE) --no-print-directory check-run

CHECK_BIN = $(if $(T),$(patsubst %,$(BUILD)/tests/test_%,$(patsubst test_%,%,$(T))),$(TEST_BIN))
check-run:
	@for t in $(T); do t=$${t#test_}; [ -f tests/unit/test_$$t.c ] || \
		{ echo "no unit test tests/unit/test_$$t.c"; exit 2; }; done
	@$(MAKE) --no-print-directory $(CHECK_BIN)
	@f=0; for t in $(CHECK_BIN); do echo "== $$t"; $$t || f=1; done; exit $$f

DEMO_DIR ?= demo-data
demo: deps
	@$(MAKE) --no-print-directory all
	@[ -f $(DEMO_DIR)/.chexplore-demo ] || ./chexplore demo $(DEMO_DIR)
	@if [ -t 0 ] && [ -t 1 ]; then ./chexplore $(DEMO_DIR); else \
		./chexplore info $(DEMO_DIR) && ./chexplore stats $(DEMO_DIR) && \
		echo "(no terminal here: run ./chexplore $(DEMO_DIR) in one to open the explorer)"; fi

BENCH_DIR ?= bench-data
bench: deps
	@$(MAKE) --no-print-directory all
	@tests/bench.sh ./chexplore $(BENCH_DIR)
	@tests/bench_terminal.sh ./chexplore

# the arm64 cross build, its unit tests and a byte compare, under qemu-user
cross-arm64:
	@tests/cross_arm64.sh

FUZZ_SECONDS ?= 60
# the grown corpus, outside the tree and CI (tests/fuzz/corpus/ holds the seeds)
FUZZ_CORPUS  ?= $(HOME)/.cache/chexplore/fuzz-corpus
fuzz: deps
	@FUZZ_CORPUS='$(FUZZ_CORPUS)' tests/fuzz/run.sh $(FUZZ_SECONDS)

lint-man:
	mandoc -Tlint -Wwarning man/chexplore.1

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(DATADIR)/themes
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/chexplore
	install -m 644 man/chexplore.1 $(DESTDIR)$(MANPREFIX)/man1/chexplore.1
	install -m 644 themes/*.theme $(DESTDIR)$(DATADIR)/themes/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/chexplore $(DESTDIR)$(MANPREFIX)/man1/chexplore.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-fuzz build-aarch64-linux-gnu build-san-aarch64-linux-gnu chexplore

-include $(CORE_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(TEST_BIN:=.d) $(CHK_BIN:=.d) $(FUZZ_BIN:=.d)
