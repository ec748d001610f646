package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/tm/pgtest"
)

// shardRun is what n shard processes at once cost.
type shardRun struct {
	wall     time.Duration
	cpu      time.Duration // user + system time of the processes
	requests int
	chars    int
	waited   int
}

// runShardProcesses runs n shard processes of args (the input last) at
// once and measures them.
func runShardProcesses(b *testing.B, dir string, env map[string]string, n int, srv *countingServer, args ...string) shardRun {
	b.Helper()
	beforeReqs, beforeSent := srv.counts()
	start := time.Now()
	var cmds []*exec.Cmd
	var errs []*bytes.Buffer
	for i := range n {
		last := len(args) - 1
		a := append(append(append([]string{}, args[:last]...), "--shard", fmt.Sprintf("%d/%d", i, n)), args[last])
		cmd := exec.Command(os.Args[0], a...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "DIGLOT_TEST_MAIN=1")
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		cmds, errs = append(cmds, cmd), append(errs, &stderr)
	}
	var r shardRun
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			b.Fatalf("shard %d/%d: %v\n%s", i, n, err, errs[i])
		}
		r.cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	r.wall = time.Since(start)
	reqs, sent := srv.counts()
	r.requests = reqs - beforeReqs
	for text, k := range sent {
		for range k - beforeSent[text] {
			r.chars += len([]rune(text))
		}
	}
	for _, rep := range readShardReports(b, filepath.Join(dir, "out"), n) {
		r.waited += rep.Segments.Waited
	}
	return r
}

func readShardReports(b *testing.B, out string, n int) []edition.Report {
	b.Helper()
	var rs []edition.Report
	for i := range n {
		var r edition.Report
		data, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("run.%d-of-%d.json", i, n)))
		if err != nil {
			b.Fatal(err)
		}
		if err := json.Unmarshal(data, &r); err != nil {
			b.Fatal(err)
		}
		rs = append(rs, r)
	}
	return rs
}

// BenchmarkShards2000 translates 2,000 articles of 20 WMT paragraphs
// (repeating the corpus about 19 times) through the DeepL test server with
// 100 ms of latency and 8 requests in flight per process, into one
// PostgreSQL memory: once as 1 shard process, once as 4 at once; without a
// quota, then with one of 300,000 characters a minute shared between the
// processes (each --chars-per-minute Q/N). It reports each one's wall
// time, characters sent, requests, CPU time and the terms of the model of
// docs/scale.md:
//
//	wall(N) ≈ t0 + max(R·L ÷ (N·F), (C − Q)·60 s ÷ Q, CPU ÷ min(N, cores))
//
// with R requests, L latency, F in flight per process, C characters, Q the
// quota a minute (the pacer starts with a minute's worth) and CPU the
// processes' total CPU time. Run with -benchtime 1x.
func BenchmarkShards2000(b *testing.B) {
	paras := wmtParagraphs(b)
	const latency = 100 * time.Millisecond
	const inFlight = 8
	in := b.TempDir()
	writeBatch(b, filepath.Join(in, "in"), 2000, paras)
	for _, quota := range []int{0, 300_000} {
		b.Run(fmt.Sprintf("quota=%d", quota), func(b *testing.B) {
			for b.Loop() {
				srv := newCountingServer(b, latency)
				for _, n := range []int{1, 4} {
					dir := b.TempDir()
					if err := os.Symlink(filepath.Join(in, "in"), filepath.Join(dir, "in")); err != nil {
						b.Fatal(err)
					}
					args := []string{"translate", "--backend", "deepl", "--endpoint", srv.URL, "--tm", pgtest.URL(b),
						"--format", "json", "--in-flight", fmt.Sprint(inFlight), "--jobs", "16", "--progress", "quiet"}
					if quota > 0 {
						args = append(args, "--chars-per-minute", fmt.Sprint(quota/n))
					}
					args = append(args, "--out", "out", "in/")
					r := runShardProcesses(b, dir, deeplEnv, n, srv, args...)
					const cores = 2
					network := time.Duration(r.requests) * latency / time.Duration(n*inFlight)
					var paced time.Duration
					if quota > 0 && r.chars > quota {
						paced = time.Duration(float64(r.chars-quota) / float64(quota) * float64(time.Minute))
					}
					cpu := r.cpu / time.Duration(min(n, cores))
					b.ReportMetric(r.wall.Seconds(), fmt.Sprintf("wall-s-%d", n))
					b.ReportMetric(float64(r.chars), fmt.Sprintf("chars-%d", n))
					b.ReportMetric(float64(r.requests), fmt.Sprintf("requests-%d", n))
					b.ReportMetric(r.cpu.Seconds(), fmt.Sprintf("cpu-s-%d", n))
					b.ReportMetric(network.Seconds(), fmt.Sprintf("network-bound-s-%d", n))
					b.ReportMetric(paced.Seconds(), fmt.Sprintf("quota-bound-s-%d", n))
					b.ReportMetric(cpu.Seconds(), fmt.Sprintf("cpu-bound-s-%d", n))
					b.ReportMetric(float64(r.waited), fmt.Sprintf("waited-%d", n))
				}
			}
		})
	}
}
