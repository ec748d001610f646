package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// User is the server's superuser, whose password is in the .pgpass file.
const User = "diglot"

var server struct {
	once    sync.Once
	dir     string // data directory, socket and pgpass
	bin     string
	asUser  *user.User // nil when not root
	skip    string     // why the tests cannot have a server
	err     error
	started bool
	n       atomic.Int64 // schemas created
	pw      string
}

// Password returns the password of [User], for tests of how a client
// gets it (PGPASSWORD); "" before the server started.
func Password() string { return server.pw }

// Bin returns the folder of the PostgreSQL binaries (the newest
// /usr/lib/postgresql/N/bin, or pg_ctl's folder on PATH), or "".
func Bin() string {
	if dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin"); len(dirs) > 0 {
		sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) < version(dirs[j]) })
		return dirs[len(dirs)-1]
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		return filepath.Dir(p)
	}
	return ""
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// URL returns the location of a new, empty database on the test server,
// starting the server on first use. The URL holds no password.
func URL(t testing.TB) string {
	t.Helper()
	server.once.Do(start)
	switch {
	case server.skip != "":
		t.Skip(server.skip)
	case server.err != nil:
		t.Fatalf("pgtest: %v", server.err)
	}
	// A schema of its own in the one database: much faster to make than
	// a database, and as separate for diglot's tables.
	name := fmt.Sprintf("t%d", server.n.Add(1))
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, location(""))
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return location(name)
}

// Socket returns the folder of the server's Unix socket, once started.
func Socket() string { return server.dir }

// Database is the database of every URL.
const Database = "diglot"

// location is the URL of the database, with search_path set to schema
// unless it is "".
func location(schema string) string {
	q := url.Values{"host": {server.dir}}
	if schema != "" {
		q.Set("search_path", schema)
	}
	return (&url.URL{Scheme: "postgres", User: url.User(User), Path: "/" + Database, RawQuery: q.Encode()}).String()
}

// start initialises and starts the server, setting server.skip or
// server.err when it cannot.
func start() {
	server.bin = Bin()
	if server.bin == "" {
		server.skip = "pgtest: no PostgreSQL binaries (install Debian's postgresql package)"
		return
	}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			server.skip = "pgtest: running as root and no postgres user to run PostgreSQL as (it refuses root)"
			return
		}
		server.asUser = u
	}
	// A short path: a Unix socket's path is limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "pg")
	if err != nil {
		server.err = err
		return
	}
	server.dir = dir
	pw := fmt.Sprintf("pw%d%d", os.Getpid(), time.Now().UnixNano())
	server.pw = pw
	pwfile := filepath.Join(dir, "pwfile")
	pgpass := filepath.Join(dir, "pgpass")
	if err := os.WriteFile(pwfile, []byte(pw+"\n"), 0o600); err != nil {
		server.err = err
		return
	}
	if err := os.WriteFile(pgpass, []byte("*:*:*:"+User+":"+pw+"\n"), 0o600); err != nil {
		server.err = err
		return
	}
	if server.asUser != nil {
		uid, _ := strconv.Atoi(server.asUser.Uid)
		gid, _ := strconv.Atoi(server.asUser.Gid)
		for _, p := range []string{dir, pwfile} {
			if err := os.Chown(p, uid, gid); err != nil {
				server.err = err
				return
			}
		}
	}
	data := filepath.Join(dir, "data")
	if err := run("initdb", "-D", data, "-U", User, "--pwfile", pwfile, "--auth", "scram-sha-256",
		"-E", "UTF8", "--locale", "C", "--no-sync"); err != nil {
		server.err = err
		return
	}
	opts := fmt.Sprintf("-c listen_addresses='' -c unix_socket_directories=%s -c fsync=off -c max_connections=100", dir)
	if err := run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		server.err = fmt.Errorf("%w\n%s", err, log)
		return
	}
	server.started = true
	os.Setenv("PGPASSFILE", pgpass)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, (&url.URL{Scheme: "postgres", User: url.User(User), Path: "/postgres",
		RawQuery: url.Values{"host": {server.dir}}.Encode()}).String())
	if err != nil {
		server.err = err
		return
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+Database); err != nil {
		server.err = err
	}
}

// run runs a PostgreSQL binary, as the postgres user when root.
func run(name string, args ...string) error {
	cmd := exec.Command(filepath.Join(server.bin, name), args...)
	if server.asUser != nil {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(server.bin, name)}, args...)...)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Dir = server.dir
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w\n%s", name, err, out.Bytes())
	}
	return nil
}

// Stop stops the server, if it was started, and removes its files. Call it
// from TestMain after m.Run.
func Stop() error {
	if server.dir == "" {
		return nil
	}
	var err error
	if server.started {
		err = run("pg_ctl", "-D", filepath.Join(server.dir, "data"), "-m", "fast", "-w", "stop")
	}
	return errors.Join(err, os.RemoveAll(server.dir))
}
