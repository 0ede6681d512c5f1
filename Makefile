# emotion_crm -- PGXS build
EXTENSION   = emotion_crm
EXTVERSION  = 0.2.0

# every .c under src/ and src/core/ is part of the module; the lexicon is
# compiled from lexicons/*.tsv into src/core/lexicon_data.c by tools/genlex.pl
CORE_SRCS   = $(sort $(wildcard src/core/*.c))
GLUE_SRCS   = $(sort $(wildcard src/*.c))
LEXICON_C   = src/core/lexicon_data.c
LEXICON_TSV = $(sort $(wildcard lexicons/*.tsv lexicons/*/*.tsv))

MODULE_big  = $(EXTENSION)
OBJS        = $(GLUE_SRCS:.c=.o) $(filter-out $(LEXICON_C:.c=.o),$(CORE_SRCS:.c=.o)) $(LEXICON_C:.c=.o)

# the current version's install script is assembled from sql/install/NN_*.sql
# in name order; released versions' install scripts are frozen copies in
# sql/releases/ (committed at release time, never regenerated), and
# sql/upgrade/ holds the upgrade scripts, one per release step
INSTALL_PARTS   = $(sort $(wildcard sql/install/*.sql))
RELEASE_SCRIPTS = $(sort $(wildcard sql/releases/$(EXTENSION)--*.sql))
UPGRADE_SCRIPTS = $(sort $(wildcard sql/upgrade/$(EXTENSION)--*--*.sql))
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA        = $(RELEASE_SCRIPTS) $(UPGRADE_SCRIPTS)

# pg_regress: every sql/<name>.sql that is not an install/upgrade script
REGRESS     = $(sort $(basename $(notdir $(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql)))))
# The .sql files are UTF-8 and psql always talks UTF8 to the server
# (pg_regress --encoding would set PGCLIENTENCODING to the database encoding,
# and psql would send the UTF-8 bytes as, say, LATIN1: mojibake); the server
# converts, so a character the database encoding lacks is an error, 22P05.
# REGRESS_ENCODING=LATIN1 (WIN1252, EUC_JP, SQL_ASCII, UTF8, ...) runs the
# suite in a database of that encoding, created from template0 with the C
# locale; without it the database has the cluster's encoding and locale.
REGRESS_OPTS = --load-extension=$(EXTENSION) --launcher='env PGCLIENTENCODING=UTF8'
ifneq ($(strip $(REGRESS_ENCODING)),)
REGRESS_OPTS += --encoding=$(REGRESS_ENCODING) --no-locale
endif

TAP_TESTS   = 1
PROVE_TESTS = test/t/*.pl

EXTRA_CLEAN = $(LEXICON_C) test/core/run_core_tests test/core/*.o

PG_CONFIG  ?= pg_config
PERL       ?= perl
PG_CPPFLAGS = -I$(srcdir)/src $(ICU_CFLAGS) -DEC_EXTENSION_VERSION=\"$(EXTVERSION)\"
# warnings: -Wall -Wextra always; WERROR=1 (the test command) adds -Werror.
# -Wno-unused-parameter only because PostgreSQL's own headers (fmgr.h,
# ilist.h, bufpage.h) trip it under -Wextra; our code is clean without it.
PG_CFLAGS   = -Wall -Wextra -Wno-unused-parameter
ifeq ($(WERROR),1)
PG_CFLAGS  += -Werror
endif
SHLIB_LINK += $(ICU_LIBS)

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS from a server built --with-icu defines ICU_CFLAGS/ICU_LIBS; fall back
# to pkg-config otherwise
ifeq ($(strip $(ICU_LIBS)),)
ICU_LIBS   := $(shell pkg-config --libs icu-uc icu-i18n 2>/dev/null)
ICU_CFLAGS := $(shell pkg-config --cflags icu-uc icu-i18n 2>/dev/null)
SHLIB_LINK += $(ICU_LIBS)
endif

sql/$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_PARTS)
	cat $^ > $@

# ---- versions and upgrades -------------------------------------------------
# Every build checks that the control file names EXTVERSION and that every
# frozen release has a chain of upgrade scripts to EXTVERSION, and, once the
# module is linked, that it exports every C function any shipped script
# (current, released or upgrade) declares.
.PHONY: check-versions check-symbols dist
all: check-versions check-symbols
check-versions:
	@$(PERL) tools/check_versions.pl $(EXTENSION) $(EXTVERSION) $(EXTENSION).control $(RELEASE_SCRIPTS) $(UPGRADE_SCRIPTS)
check-symbols: $(MODULE_big)$(DLSUFFIX) $(DATA_built)
	@$(PERL) tools/check_symbols.pl $(MODULE_big)$(DLSUFFIX) $(DATA_built) $(DATA)

# a source archive of the committed tree
dist:
	git archive --format=tar.gz --prefix=$(EXTENSION)-$(EXTVERSION)/ -o $(EXTENSION)-$(EXTVERSION).tar.gz HEAD

$(LEXICON_C): tools/genlex.pl $(LEXICON_TSV) lexicons
	$(PERL) tools/genlex.pl lexicons $@

# ---- the pure-C core without a server -------------------------------------
CORE_CC      ?= $(CC)
CORE_CFLAGS  ?= -O2 -g -Wall -Wextra -Werror -std=c99 -D_POSIX_C_SOURCE=200809L
CORE_ICU     = $(shell pkg-config --cflags --libs icu-uc icu-i18n)
CORE_TEST_SRCS = $(sort $(wildcard test/core/*.c))
CORE_LIB_SRCS  = $(filter-out $(LEXICON_C),$(CORE_SRCS)) $(LEXICON_C)
CORE_DEPS    = $(CORE_LIB_SRCS) src/core/*.h
SAN_CC       ?= clang
SAN_FLAGS    = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

EXTRA_CLEAN += test/core/run_core_tests_asan tools/emotion-score test/fuzz/fuzz_core \
               test/fuzz/fuzz_emotion_in test/fuzz/fuzz_segment_in test/fuzz/fuzz_journey_in \
               $(EXTENSION)-$(EXTVERSION).tar.gz

# also regenerate the lexicon when a TSV file is added or removed
$(LEXICON_C): lexicons

test/core/run_core_tests: $(CORE_TEST_SRCS) $(CORE_DEPS) test/core/*.h
	$(CORE_CC) $(CORE_CFLAGS) -Isrc -o $@ $(CORE_TEST_SRCS) $(CORE_LIB_SRCS) $(CORE_ICU) -lm

test/core/run_core_tests_asan: $(CORE_TEST_SRCS) $(CORE_DEPS) test/core/*.h
	$(SAN_CC) $(SAN_FLAGS) -Wall -Wextra -Werror -std=c99 -D_POSIX_C_SOURCE=200809L -Isrc -o $@ $(CORE_TEST_SRCS) $(CORE_LIB_SRCS) $(CORE_ICU) -lm

tools/emotion-score: tools/emotion_score.c $(CORE_DEPS)
	$(CORE_CC) $(CORE_CFLAGS) -Isrc -o $@ tools/emotion_score.c $(CORE_LIB_SRCS) $(CORE_ICU) -lm

# libFuzzer targets (clang): the scoring core and the three literal parsers.
# UBSan findings abort, so every sanitizer report is a crash.  The parsers'
# round-trip checks format numbers with PostgreSQL's shortest decimals from
# libpgcommon when the installation has it (else "%.9g"; see fuzz_lit.h).
FUZZ_CFLAGS  = -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Wall -Wextra -Werror -Isrc
FUZZ_LIT     = test/fuzz/fuzz_emotion_in test/fuzz/fuzz_segment_in test/fuzz/fuzz_journey_in
FUZZ_TARGETS = test/fuzz/fuzz_core $(FUZZ_LIT)
PGCOMMON_A   = $(firstword $(wildcard $(pkglibdir)/libpgcommon.a $(libdir)/libpgcommon.a))

test/fuzz/fuzz_core: test/fuzz/fuzz_core.c $(CORE_DEPS)
	clang $(FUZZ_CFLAGS) -o $@ test/fuzz/fuzz_core.c $(CORE_LIB_SRCS) $(CORE_ICU) -lm

$(FUZZ_LIT): test/fuzz/%: test/fuzz/%.c test/fuzz/fuzz_lit.h src/core/literal.c src/core/*.h
	clang $(FUZZ_CFLAGS) $(if $(PGCOMMON_A),-DEC_FUZZ_PGCOMMON) -o $@ $< src/core/literal.c $(PGCOMMON_A) -lm

.PHONY: core-check core-check-asan core-bench emotion-score fuzz-core fuzz
core-check: test/core/run_core_tests
	perl lexicons/src/check.pl lexicons >/dev/null
	test/core/run_core_tests

core-check-asan: test/core/run_core_tests_asan
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 test/core/run_core_tests_asan

# times the core over a generated corpus of CRM-like texts and prints MB/s
core-bench: test/core/run_core_tests
	test/core/run_core_tests --bench

emotion-score: tools/emotion-score

# builds the libFuzzer targets; scripts/fuzz.sh runs them (long runs),
# scripts/test.sh briefly with a fixed seed
fuzz-core: test/fuzz/fuzz_core

fuzz: $(FUZZ_TARGETS)
