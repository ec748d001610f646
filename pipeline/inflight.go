package pipeline

// RequestsInFlight is the number of requests to the backend running now:
// each holds one of the sender's slots while it is sent (a request waiting
// out its back-off gives its slot up). It may be read from any goroutine,
// as an interrupted run does to say how many requests it waits for.
func (s *Sender) RequestsInFlight() int { return len(s.slots) }

// RequestsInFlight is the number of the pipeline's requests running now
// ([Sender.RequestsInFlight]).
func (p *Pipeline) RequestsInFlight() int { return p.send.RequestsInFlight() }
