package tm_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/diglot/diglot/tm/pgtest"
	"github.com/diglot/diglot/tm/tmtest"
)

// golden is the export of tmtest.Sample, the same from every engine.
const golden = "testdata/export.tmx"

func TestSQLite(t *testing.T) {
	tmtest.Run(t, tmtest.Config{
		New: func(t testing.TB) string { return filepath.Join(t.TempDir(), "sub", "tm.db") },
		SetSchema: func(t testing.TB, path string, v int) {
			db, err := sql.Open("sqlite", path)
			if err == nil {
				_, err = db.Exec(fmt.Sprintf("PRAGMA user_version = %d", v))
				db.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
		},
		Golden: golden,
	})
}

func TestPostgres(t *testing.T) {
	tmtest.Run(t, tmtest.Config{New: pgtest.URL, SetSchema: setPostgresSchema, Golden: golden})
}

func setPostgresSchema(t testing.TB, location string, v int) {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, location)
	if err == nil {
		_, err = c.Exec(ctx, "UPDATE diglot_tm_schema SET version = $1", v)
		c.Close(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
}
