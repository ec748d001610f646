// Package review is diglot's local web application for editors: `diglot
// review OUT` serves the articles of an output folder so that an editor can
// correct each translation in place, and every correction comes back into
// the bitext record, the translation memory and the rendered outputs.
//
// [New] makes a [Server] from a [Config]: the output folder, the memory
// ([*tm.Memory], optional), the glossary the live checks use, and the
// [Config.Render] function that rewrites an article's outputs (the caller's
// own writer, so that rendering lives in one place). The server is an
// [http.Handler] with these routes:
//
//	GET  /                 the index of every article in the folder
//	GET  /article?f=PATH   one article, PATH the bitext JSON relative to the folder
//	GET  /assets/NAME      the style sheet and the script
//	POST /api/check        the QA rules on a text as typed, and its diff
//	POST /api/save         store an editor's post-edit of one segment
//	POST /api/approve      approve one segment as it is
//
// Security: every request needs the server's token, given once in the
// query (?token=…, as Jupyter does) and then kept in an HttpOnly,
// SameSite=Strict cookie; POST requests also need the CSRF token the pages
// carry (header X-CSRF-Token); the pages are served with a strict
// Content-Security-Policy (scripts and styles from the server itself only,
// no other request); paths are confined to the folder through an
// [os.Root], which refuses "..", absolute paths and symbolic links that
// lead out.
//
// A save carries the version (SHA-256) of the JSON file the page was made
// from; when the file changed on disk since (a nightly run), the save is
// refused with a [*ConflictError] holding both versions, and nothing is
// written.
package review
