// Package pgtest starts a real PostgreSQL server for tests: Debian's
// postgresql binaries (initdb, pg_ctl), a temporary data directory, a Unix
// socket in a temporary folder and no TCP port. [URL] starts it once per
// test process and creates a new schema (in one database) for each caller; [Stop], called
// from TestMain, stops it and removes its files.
//
// The server requires a password (SCRAM), which the tests' connections get
// from a .pgpass file named by PGPASSFILE, never from the URL, as diglot's
// users do. Run as root, the server runs as the postgres user (PostgreSQL
// refuses root). Tests skip, saying why, where the binaries or that user
// are absent.
package pgtest
