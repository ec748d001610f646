# diglot: the two commands a new user needs are `make demo` and `make test`.

GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
GLOSSARY  := testdata/glossary/names.tsv
ARTICLES  := testdata/articles

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man/man1
BASHDIR   ?= $(PREFIX)/share/bash-completion/completions

.PHONY: demo test build install deps test-deps bench bench-all fuzz clean

## demo: install Apertium if missing, build, translate the sample articles into out/
demo: deps build
	./diglot translate --glossary $(GLOSSARY) --out out $(ARTICLES)
	@echo "Open out/index.html in a browser."

## test: install the test dependencies if missing, then run every test
test: test-deps
	$(GO) vet ./...
	$(GO) test ./...

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o diglot ./cmd/diglot

## install: build, then install diglot, its man page and its bash completion under PREFIX
install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(BASHDIR)
	install -m 755 diglot $(DESTDIR)$(BINDIR)/diglot
	./diglot man > $(DESTDIR)$(MANDIR)/diglot.1
	./diglot completion bash > $(DESTDIR)$(BASHDIR)/diglot

deps:
	scripts/install-deps.sh run

test-deps:
	scripts/install-deps.sh test

## bench: the goals of issue 18, measured in one run: prints the table, raw results in bench.txt (benchstat format)
bench:
	GO="$(GO)" scripts/bench.sh

## bench-all: every benchmark of the module
bench-all:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## fuzz: run every fuzz target in the repository for FUZZTIME each
FUZZTIME ?= 10s
fuzz:
	GO="$(GO)" FUZZTIME="$(FUZZTIME)" scripts/fuzz.sh

clean:
	rm -rf diglot out
