package computenesttest

import (
	"net/url"
	"sync"
	"time"
)

// Request is one request the server received, as Server.Requests reports
// it. It never holds a secret: no Authorization header, no security token.
type Request struct {
	// Action is the action asked for, known or not: the x-acs-action
	// header, or the Action parameter of a request signed with signature
	// version 1.0.
	Action string
	// AccessKeyId is the key the request was signed with, when its
	// Authorization header could be parsed or it had one AccessKeyId
	// parameter.
	AccessKeyId string
	// Params are the decoded request parameters (MaxResults, NextToken,
	// Filter.N.Name, Filter.N.Value.M, and whatever else was sent, such as
	// the Action, Timestamp and SignatureNonce of a signature version 1.0
	// request) but Signature, SecurityToken and BearerToken.
	Params url.Values
	// Time is when the request arrived, by the server's clock.
	Time time.Time
	// Status is the HTTP status answered; 0 when the connection was dropped.
	Status int
	// Code is the error code answered; "" on success.
	Code string
	// RequestId is the ID the answer carried (in the header and, for JSON
	// answers, the body).
	RequestId string
	// Fault names the injected fault applied, e.g. "Throttle"; "" for none.
	Fault string
	// Items is the number of items the answer listed.
	Items int
	// NextToken is the NextToken the answer carried; "" for none.
	NextToken string
}

// maxLogged bounds the log, so a long-running fake-server does not grow
// without end; the oldest entries go first.
const maxLogged = 100_000

type requestLog struct {
	mu      sync.Mutex
	entries []Request
}

func (l *requestLog) add(r Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) == maxLogged {
		l.entries = append(l.entries[:0], l.entries[maxLogged/2:]...)
	}
	l.entries = append(l.entries, r)
}

// Requests returns the requests received so far, oldest first, as copies.
func (s *Server) Requests() []Request {
	s.reqLog.mu.Lock()
	defer s.reqLog.mu.Unlock()
	out := make([]Request, len(s.reqLog.entries))
	for i, r := range s.reqLog.entries {
		r.Params = cloneValues(r.Params)
		out[i] = r
	}
	return out
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.reqLog.mu.Lock()
	defer s.reqLog.mu.Unlock()
	s.reqLog.entries = nil
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	c := make(url.Values, len(v))
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}
