package pipeline

// Broken returns the account-wide failure (quota exhausted, key refused:
// [translate.AccountWide]) that stopped the pipeline's requests for the rest
// of the run, or nil. Requests in flight when it came finish; requests not
// yet made fail with [ErrNotAttempted].
func (p *Pipeline) Broken() error { return p.send.Broken() }
