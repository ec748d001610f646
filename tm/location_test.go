package tm

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzParseLocation: a parsed location never holds a password, and an
// error never shows the password that was in the URL.
func FuzzParseLocation(f *testing.F) {
	f.Add("alice", "s3cret-pw", "db.example:5432", "tm", "sslmode=require")
	f.Add("", "s3cret-pw", "", "", "host=/run/postgresql")
	f.Add("bob", "", "h", "d", "password=s3cret-pw")
	f.Add("b%40b", "p@ss/w:rd#x", "[::1]:5", "d/x", "a=b&password=p@ss/w:rd#x")
	f.Fuzz(func(t *testing.T, user, pw, host, db, query string) {
		loc := "postgres://"
		if user != "" || pw != "" {
			loc += user
			if pw != "" {
				loc += ":" + pw
			}
			loc += "@"
		}
		loc += host + "/" + db
		if query != "" {
			loc += "?" + query
		}
		u, err := ParseLocation(loc)
		if err == nil {
			if _, has := u.User.Password(); has || u.Query().Has("password") {
				t.Fatalf("%q parsed with a password: %v", loc, u)
			}
			return
		}
		// The password is shown if the message holds it, in any form,
		// where nothing else of the URL does.
		secrets := []string{pw, url.QueryEscape(pw), url.PathEscape(pw)}
		if q, err := url.ParseQuery(query); err == nil {
			for _, p := range q["password"] {
				secrets = append(secrets, p, url.QueryEscape(p))
			}
		}
		for _, s := range secrets {
			if len(s) < 6 || strings.Contains(user+host+db, s) || strings.Contains(strings.ReplaceAll(query, "password="+s, ""), s) {
				continue
			}
			if strings.Contains(err.Error(), s) {
				t.Fatalf("%q: the error shows the password %q: %v", loc, s, err)
			}
		}
	})
}
