package glossary

import (
	"runtime/debug"
	"sync"
)

// gcPaused counts the cache decodes under way, which turn the garbage
// collector off: nearly everything a decode allocates is kept (entries,
// word tables, moves), so each collection the growing heap triggered
// marked it again only to free nothing; it was a quarter of a cached
// 100,000-entry set-up. The collector's setting is restored, and a
// collection then runs once, when the last decode ends.
var gcPaused struct {
	sync.Mutex
	n   int
	old int
}

// pauseGC turns the collector off until the returned function is called
// (once; later calls do nothing). Decodes may overlap.
func pauseGC() (resume func()) {
	gcPaused.Lock()
	if gcPaused.n == 0 {
		gcPaused.old = debug.SetGCPercent(-1)
	}
	gcPaused.n++
	gcPaused.Unlock()
	return sync.OnceFunc(func() {
		gcPaused.Lock()
		if gcPaused.n--; gcPaused.n == 0 {
			debug.SetGCPercent(gcPaused.old)
		}
		gcPaused.Unlock()
	})
}
