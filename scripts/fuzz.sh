#!/bin/sh
# fuzz.sh runs every fuzz target of the module, one at a time, for FUZZTIME
# each (10s unless set), and fails at the end if any target failed. A failing
# input is kept by go test under the package's testdata/fuzz, to be committed
# with the fix as a regression case.
set -eu
GO=${GO:-go}
FUZZTIME=${FUZZTIME:-10s}
failed=""
for pkg in $($GO list -f '{{.ImportPath}}:{{.Dir}}' ./...); do
	path=${pkg%%:*}
	dir=${pkg#*:}
	targets=$(cat "$dir"/*_test.go 2>/dev/null | sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' | sort -u)
	for name in $targets; do
		echo "fuzz: $path $name ($FUZZTIME)"
		if ! $GO test -run '^$' -fuzz "^$name\$" -fuzztime "$FUZZTIME" "$path"; then
			failed="$failed $path.$name"
		fi
	done
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed" >&2
	exit 1
fi
