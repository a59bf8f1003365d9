# chexplore — plain make, libraries through pkg-config.
#   make                 build ./chexplore
#   make SANITIZE=address,undefined   sanitized build in build-san/
#   make test            the whole suite, plain and sanitized
#   make demo            install what is missing, build, write the demo dataset, open it
#   make bench           benchmarks (results go to BENCHMARKS.md by hand)
#   make fuzz FUZZ_SECONDS=N   run every libFuzzer target
#   make install PREFIX=/usr/local DESTDIR=

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/chexplore

CC      ?= cc
PKGS     = ncursesw libsixel libpng libturbojpeg libcjson
DEB_PKGS = build-essential pkg-config libncurses-dev libsixel-dev libpng-dev \
           libturbojpeg0-dev libcjson-dev tmux mandoc python3 clang libclang-rt-14-dev time

OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-format-truncation
DEFS     = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CORE_LIBS  := $(shell pkg-config --libs libpng libturbojpeg libcjson 2>/dev/null) -lm -pthread

ifdef SANITIZE
BUILD    = build-san
SANFLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
BIN      = $(BUILD)/chexplore
else
BUILD    = build
SANFLAGS =
BIN      = chexplore
endif

ALL_CFLAGS = $(WARN) $(DEFS) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS) -Icore -Itui -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

CORE_SRC = $(sort $(wildcard core/*.c))
TUI_SRC  = $(sort $(wildcard tui/*.c tui/cmd/*.c tui/explore/*.c))
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ  = $(TUI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB      = $(BUILD)/libchexplore.a
TUI_LIB  = $(BUILD)/libchexplore-tui.a

.PHONY: all deps test test-plain test-san check-deps demo bench fuzz install uninstall clean lint-man

all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The tui objects but main, for unit tests of tui modules.
$(TUI_LIB): $(filter-out $(BUILD)/tui/main.o,$(TUI_OBJ))
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(TUI_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(TUI_OBJ) $(LIB) $(PKG_LIBS) -lm -pthread

$(BUILD)/tests/%: tests/unit/%.c $(TUI_LIB) $(LIB) tests/unit/check.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -Itui/explore -Itui/cmd $(ALL_LDFLAGS) -MF $@.dep -o $@ $< \
	    $(TUI_LIB) $(LIB) $(PKG_LIBS) -lm -pthread

tests: $(TEST_BIN)

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

test: deps
	@$(MAKE) --no-print-directory all tests
	@$(MAKE) --no-print-directory SANITIZE=address,undefined all tests
	@tests/run.sh ./chexplore build build-san

test-plain: deps
	@$(MAKE) --no-print-directory all tests
	@tests/run.sh ./chexplore build

DEMO_DIR ?= demo-data
demo: deps
	@$(MAKE) --no-print-directory all
	@[ -f $(DEMO_DIR)/.chexplore-demo ] || ./chexplore demo $(DEMO_DIR)
	@if [ -t 0 ] && [ -t 1 ]; then ./chexplore $(DEMO_DIR); else \
		./chexplore info $(DEMO_DIR) && ./chexplore stats $(DEMO_DIR) && \
		echo "(no terminal here: run ./chexplore $(DEMO_DIR) in one to open the explorer)"; fi

bench: deps
	@$(MAKE) --no-print-directory all
	@tests/bench.sh ./chexplore

FUZZ_SECONDS ?= 60
fuzz:
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

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
	rm -rf build build-san build-fuzz chexplore

-include $(CORE_OBJ:.o=.d) $(TUI_OBJ:.o=.d)
