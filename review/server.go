package review

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/tm"
)

// Config configures a [Server].
type Config struct {
	// Out is the output folder of diglot translate: the articles' bitext
	// JSON files (NAME.FROM-TO.json) and their other renderings.
	Out string
	// Memory receives the approved translations; nil stores them in the
	// bitext records only.
	Memory *tm.Memory
	// Glossary gives the live checks their terms; nil checks numbers and
	// untranslated text only.
	Glossary *glossary.Glossary
	// Render writes every output of the article whose bitext JSON is at
	// jsonPath (the JSON included) from d, all or none. Required.
	Render func(ctx context.Context, jsonPath string, d *bitext.Document) error
	// Token is the secret every request must carry; empty makes a random one
	// ([Server.Token] gives it).
	Token string
	// Editor names who saves, in post_edit.by; empty leaves it out.
	Editor string
	// Now is the clock of post_edit.at; nil is time.Now.
	Now func() time.Time
}

// Server is the review application over one output folder.
type Server struct {
	cfg   Config
	root  *os.Root
	token string
	csrf  string
	mux   *http.ServeMux
	mu    sync.Mutex // one save at a time: read, check the version, write
}

var _ http.Handler = (*Server)(nil)

// cookieName holds the token once the first request gave it in the query.
const cookieName = "diglot_review"

//go:embed assets
var assets embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"upper": strings.ToUpper,
	"pct": func(n, of int) int {
		if of == 0 {
			return 100
		}
		return 100 * n / of
	},
}).ParseFS(assets, "assets/*.tmpl"))

// contentSecurityPolicy lets the pages load their style sheet and script
// from the server and talk to its API, and nothing else.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
	"img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

// New opens the output folder and makes the server.
func New(cfg Config) (*Server, error) {
	if cfg.Render == nil {
		return nil, errors.New("review: no Render function")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	fi, err := os.Stat(cfg.Out)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("review: %s is not a folder", cfg.Out)
	}
	root, err := os.OpenRoot(cfg.Out)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	s := &Server{cfg: cfg, root: root, token: cfg.Token, mux: http.NewServeMux()}
	if s.token == "" {
		s.token = randomHex(24)
	}
	s.csrf = randomHex(24)
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("GET /article", s.article)
	s.mux.HandleFunc("GET /assets/{name}", s.asset)
	s.mux.HandleFunc("POST /api/check", s.check)
	s.mux.HandleFunc("POST /api/save", s.save)
	s.mux.HandleFunc("POST /api/approve", s.approve)
	return s, nil
}

// Close releases the output folder.
func (s *Server) Close() error { return s.root.Close() }

// Token returns the secret every request must carry.
func (s *Server) Token() string { return s.token }

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// ServeHTTP checks the token (and, for POST, the CSRF token) and serves the
// request. A token in the query becomes a cookie, and the browser is sent to
// the same URL without it, so that it stays out of the history.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	if q := r.URL.Query(); q.Has("token") {
		if !s.tokenOK(q.Get("token")) {
			http.Error(w, "wrong token: use the URL diglot review printed", http.StatusForbidden)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: cookieName, Value: s.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		q.Del("token")
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		http.Redirect(w, r, u.String(), http.StatusSeeOther)
		return
	}
	c, err := r.Cookie(cookieName)
	if err != nil || !s.tokenOK(c.Value) {
		http.Error(w, "no token: open the URL diglot review printed", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-CSRF-Token")), []byte(s.csrf)) != 1 {
			http.Error(w, "missing or wrong CSRF token", http.StatusForbidden)
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) tokenOK(t string) bool {
	return subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	var ctype string
	switch name {
	case "review.css":
		ctype = "text/css; charset=utf-8"
	case "review.js":
		ctype = "text/javascript; charset=utf-8"
	default:
		http.NotFound(w, r)
		return
	}
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(b)
}

func (s *Server) page(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		// Headers are gone; the page ends where it failed.
		fmt.Fprintf(w, "\n<p>diglot review: %s</p>", template.HTMLEscapeString(err.Error()))
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// apiError answers a failed API request: {"error": "..."} with the status
// that err calls for.
func apiError(w http.ResponseWriter, err error) {
	code := http.StatusInternalServerError
	var ce *ConflictError
	switch {
	case errors.As(err, &ce):
		writeJSON(w, http.StatusConflict, map[string]any{"error": err.Error(), "conflict": ce})
		return
	case errors.Is(err, ErrPath), errors.Is(err, os.ErrNotExist):
		code = http.StatusNotFound
	case errors.Is(err, ErrRequest):
		code = http.StatusBadRequest
	}
	writeJSON(w, code, map[string]any{"error": err.Error()})
}
