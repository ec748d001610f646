package tm

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// IsPostgres reports whether location names a PostgreSQL database (a URL
// beginning postgres:// or postgresql://) rather than an SQLite file.
func IsPostgres(location string) bool {
	l := strings.ToLower(location)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// ErrPasswordInLocation is the error of [ParseLocation] and [Open] for a
// PostgreSQL URL that holds a password: the password would be stored in
// the memory's reports and shown in logs. It comes from the PGPASSWORD
// environment variable or a .pgpass file (PGPASSFILE) instead.
var ErrPasswordInLocation = errors.New("a password in the URL is refused: set PGPASSWORD or use a .pgpass file")

// ParseLocation parses a PostgreSQL location
// (postgres://user@host:port/database?sslmode=…, or with host=/socket/dir
// for a Unix socket). It refuses, with [ErrPasswordInLocation], a URL with a
// password (user:password@ or a password parameter); the error then shows
// the URL without it. Other parameters go to the server as pgx and libpq
// take them (search_path among them).
func ParseLocation(location string) (*url.URL, error) {
	u, err := url.Parse(location)
	if err != nil || u.Opaque != "" {
		// url's own error would quote the location, password and all.
		return nil, errors.New("tm: the PostgreSQL location is not a valid URL (want postgres://user@host:port/database)")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	q := u.Query()
	_, inUser := u.User.Password()
	inQuery := q.Has("password")
	if !inUser && !inQuery {
		return u, nil
	}
	safe := *u
	if u.User != nil {
		safe.User = url.User(u.User.Username())
	}
	q.Del("password")
	safe.RawQuery = q.Encode()
	return nil, fmt.Errorf("tm: %s: %w", safe.String(), ErrPasswordInLocation)
}
