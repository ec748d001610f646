#!/bin/sh
# bench.sh runs the benchmarks behind the goals table of issue 18 once and
# prints the table: each goal, the benchmark that measures it, and what this
# run measured. The raw results go to bench.txt (BENCH_OUT) in the format
# benchstat reads, so that two runs compare with
#
#	benchstat old.txt bench.txt
#
# Every figure is CPU time (user and system) of the process that did the
# work: on a shared machine wall time measures the neighbours too. The load
# average is printed with the table. BENCHTIME (default 3x) and COUNT
# (default 1) are passed to go test; the benchmarks that need the corpus
# (../shared/corpus) or Apertium say so and skip.
set -eu
GO=${GO:-go}
OUT=${BENCH_OUT:-bench.txt}
BENCHTIME=${BENCHTIME:-3x}
COUNT=${COUNT:-1}

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*average[s]*: //'; }

start_load=$(load)
: >"$OUT"
echo "bench: load average $start_load; results in $OUT" >&2
$GO test -run '^$' -bench 'CheckProcess|Glossary1MProcess' -benchtime "$BENCHTIME" -count "$COUNT" \
	-cpu 1 -timeout 30m ./check | tee -a "$OUT" >&2
$GO test -run '^$' -bench 'Match100kWhole$' -count "$COUNT" -cpu 1 ./glossary | tee -a "$OUT" >&2
end_load=$(load)

# The table: the mean over COUNT runs of each metric (benchstat gives the
# spread).
awk -v start="$start_load" -v end="$end_load" '
/^Benchmark/ {
	name = $1
	for (i = 3; i < NF; i += 2) {
		sum[name, $(i+1)] += $i
		n[name, $(i+1)]++
	}
}
function m(name, unit) { return n[name, unit] ? sum[name, unit] / n[name, unit] : -1 }
function show(v, fmt) { return v < 0 ? "skipped" : sprintf(fmt, v) }
function row(path, goal, measured, ok) {
	printf "| %s | %s | %s | %s |\n", path, goal, measured, ok
}
function verdict(good) { return good ? "met" : "**not met**" }
END {
	a10 = "BenchmarkCheckProcess/articles/10"; a100 = "BenchmarkCheckProcess/articles/100k"
	cold = "BenchmarkCheckProcess/articles/100k-cold"; js = "BenchmarkCheckProcess/json/10"
	find = "BenchmarkMatch100kWhole"; lint = "BenchmarkGlossary1MProcess/lint"
	lintc = "BenchmarkGlossary1MProcess/lint-cold"; tr = "BenchmarkGlossary1MProcess/translate"
	printf "\nload average %s at the start, %s at the end (2 cores: above 2, other work shares the CPUs)\n\n", start, end
	print "| path | goal | measured (CPU time of the process) | |"
	print "|---|---|---|---|"
	v = m(a10, "MB/cpu-s")
	row("`check`, 100 articles (5.2 MB), 10 entries, whole process", "≥ 40 MB/s",
		show(v, "%.1f MB/cpu-s") " (" show(m(a10, "MB/wall-s"), "%.1f") " MB/s wall)", v < 0 ? "" : verdict(v >= 40))
	v = m(a100, "MB/cpu-s"); r = (m(a10, "cpu-ns/op") > 0 && v > 0) ? m(a100, "cpu-ns/op") / m(a10, "cpu-ns/op") : -1
	row("same, 100,000 entries (set-up cached)", "≥ 25 MB/s, ≤ 1.5× the 10-entry run",
		show(v, "%.1f MB/cpu-s") ", " show(r, "%.2f×") "; cold cache " show(m(cold, "MB/cpu-s"), "%.1f MB/cpu-s"),
		v < 0 ? "" : verdict(v >= 25 && r <= 1.5))
	v = m(js, "MB/cpu-s")
	row("`check` on the 100 articles JSON outputs", "≥ 15 MB of source/s", show(v, "%.1f MB/cpu-s"), v < 0 ? "" : verdict(v >= 15))
	v = m(find, "MB/cpu-s")
	row("`Matcher.Find` on one 440 KB text", "≥ 120 MB/cpu-s", show(v, "%.1f MB/cpu-s"), v < 0 ? "" : verdict(v >= 120))
	v = m(lint, "cpu-ns/op") / 1e9; p = m(lint, "peak-MB")
	row("1,000,000 rows: `glossary lint` (set-up cached)", "≤ 5 s, ≤ 1 GB",
		show(v, "%.2f cpu-s") ", " show(p, "%.0f MB") "; cold cache " show(m(lintc, "cpu-ns/op") / 1e9, "%.2f cpu-s") ", " show(m(lintc, "peak-MB"), "%.0f MB"),
		p < 0 ? "" : verdict(v <= 5 && p <= 1000))
	v = m(tr, "cpu-ns/op") / 1e9; p = m(tr, "peak-MB")
	row("1,000,000 rows: `translate` one short article (set-up cached)", "≤ 5 s, ≤ 1 GB",
		show(v, "%.2f cpu-s") ", " show(p, "%.0f MB"), p < 0 ? "" : verdict(v <= 5 && p <= 1000))
}' "$OUT"
