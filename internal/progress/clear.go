package progress

// Clear ends r as Close does, but takes a live display off the screen
// instead of drawing it a last time: what is printed next (the line an
// interrupt prints) starts on a clean line, under no stale bar. Reporters
// that draw nothing that stays are closed.
func Clear(r Reporter) {
	if c, ok := r.(interface{ clear() }); ok {
		c.clear()
		return
	}
	r.Close()
}

// clear removes the bar from the terminal and stops mpb.
func (r *bar) clear() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.closed = true
	r.mu.Unlock()
	r.bar.Abort(true)
	r.p.Wait()
}
