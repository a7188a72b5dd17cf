package computenesttest

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// FaultKind is a way for the fake to misbehave; see Fault.
type FaultKind int

// The faults the fake can inject.
const (
	// FaultThrottle answers Throttling.User, HTTP 400 (Fault.Status
	// overrides, e.g. 429), with Fault.RetryAfter, when set, as the
	// x-acs-retry-after header in milliseconds.
	FaultThrottle FaultKind = iota + 1
	// FaultServerError answers a JSON error with a 5xx status: 503
	// ServiceUnavailable by default, InternalError for any other
	// Fault.Status.
	FaultServerError
	// FaultHTMLBody answers an HTML page, as a proxy in front of the service
	// would: status 502 by default.
	FaultHTMLBody
	// FaultEmptyBody answers an empty body: status 200 by default.
	FaultEmptyBody
	// FaultTruncatedBody answers the first half of the real response body,
	// status 200 by default, as a complete HTTP response whose JSON ends
	// mid-document.
	FaultTruncatedBody
	// FaultDelay waits Fault.Delay, then answers normally.
	FaultDelay
	// FaultDropConnection closes the connection without answering.
	FaultDropConnection
	// FaultRepeatNextToken answers the page normally but with the NextToken
	// the request carried, so a client that follows it asks for the same
	// page forever. It waits for a request that carries a token: a first
	// page has none to repeat.
	FaultRepeatNextToken
	// FaultEmptyPageWithToken answers no items but a valid NextToken to the
	// position the request asked for, so following it resumes the listing
	// where it was.
	FaultEmptyPageWithToken
	// FaultRestartListing answers a request that carries a token as if the
	// token had been lost: the listing's first page again, with a fresh
	// NextToken to its second, as a service that dropped a listing's state
	// might. No token check can catch it (every token is new); a client that
	// follows it lists everything again. Like FaultRepeatNextToken it waits
	// for a request that carries a token.
	FaultRestartListing
)

var faultNames = map[FaultKind]string{
	FaultThrottle:           "Throttle",
	FaultServerError:        "ServerError",
	FaultHTMLBody:           "HTMLBody",
	FaultEmptyBody:          "EmptyBody",
	FaultTruncatedBody:      "TruncatedBody",
	FaultDelay:              "Delay",
	FaultDropConnection:     "DropConnection",
	FaultRepeatNextToken:    "RepeatNextToken",
	FaultEmptyPageWithToken: "EmptyPageWithToken",
	FaultRestartListing:     "RestartListing",
}

// String returns the kind's name without the Fault prefix, e.g. "Throttle";
// Request.Fault records it.
func (k FaultKind) String() string {
	if s, ok := faultNames[k]; ok {
		return s
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// Fault tells the server to misbehave on the next matching requests.
//
// A fault applies only to a request that passed authentication and
// parameter checks, so it never hides a real error. Faults apply in the
// order they were injected: a request takes the first pending fault whose
// Action matches and uses up one of its Times. A request takes at most one
// fault.
type Fault struct {
	// Action limits the fault to "ListBackups" or "ListRestoreTasks"; ""
	// matches both.
	Action string
	// Kind is what goes wrong.
	Kind FaultKind
	// Times is how many matching requests the fault affects; 0 means 1.
	Times int
	// Status overrides the HTTP status of FaultThrottle (400 to 599),
	// FaultServerError (500 to 599), FaultHTMLBody, FaultEmptyBody and
	// FaultTruncatedBody (200 to 599); for the other kinds it must be 0.
	Status int
	// RetryAfter, for FaultThrottle, is sent as x-acs-retry-after (in
	// milliseconds, darabonba's convention).
	RetryAfter time.Duration
	// Delay is how long to wait before answering. FaultDelay then answers
	// normally; any other kind waits, then misbehaves.
	Delay time.Duration
}

// status returns f.Status or the kind's default.
func (f *Fault) status() int {
	if f.Status != 0 {
		return f.Status
	}
	switch f.Kind {
	case FaultThrottle:
		return http.StatusBadRequest
	case FaultServerError:
		return http.StatusServiceUnavailable
	case FaultHTMLBody:
		return http.StatusBadGateway
	}
	return http.StatusOK
}

// faultQueue holds the pending faults, in injection order.
type faultQueue struct {
	mu      sync.Mutex
	pending []Fault
}

func (q *faultQueue) add(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = append(q.pending, f)
}

// take returns the first pending fault for action, using up one of its
// Times, or nil.
func (q *faultQueue) take(action string, hasToken bool) *Fault {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i := range q.pending {
		f := q.pending[i]
		if f.Action != "" && f.Action != action {
			continue
		}
		if (f.Kind == FaultRepeatNextToken || f.Kind == FaultRestartListing) && !hasToken {
			continue // a first page has no token to repeat or lose: wait for one that does
		}
		if q.pending[i].Times--; q.pending[i].Times == 0 {
			q.pending = append(q.pending[:i], q.pending[i+1:]...)
		}
		return &f
	}
	return nil
}

func (q *faultQueue) list() []Fault {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]Fault(nil), q.pending...)
}

func (q *faultQueue) clear() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = nil
}

// InjectFault queues f; see Fault for how faults apply. It panics when f
// is invalid (an unknown Kind or Action, a Status the kind cannot answer
// with, a field the kind does not use, a negative count or duration),
// which can only be a mistake in the test: a fault that silently did
// something else would make the test prove nothing.
func (s *Server) InjectFault(f Fault) {
	if err := s.checkFault(f); err != nil {
		panic("computenesttest: InjectFault: " + err.Error())
	}
	s.faults.add(f)
}

// statusRange is the HTTP statuses a kind may answer with, for the kinds
// whose status Fault.Status overrides.
var statusRange = map[FaultKind][2]int{
	FaultThrottle:      {400, 599},
	FaultServerError:   {500, 599},
	FaultHTMLBody:      {200, 599},
	FaultEmptyBody:     {200, 599},
	FaultTruncatedBody: {200, 599},
}

// checkFault says what is wrong with f, if anything.
func (s *Server) checkFault(f Fault) error {
	if _, ok := faultNames[f.Kind]; !ok {
		return fmt.Errorf("unknown kind %v", f.Kind)
	}
	if _, ok := s.actions[f.Action]; f.Action != "" && !ok {
		return fmt.Errorf("unknown action %q (want ListBackups, ListRestoreTasks or \"\" for both)", f.Action)
	}
	switch r, ok := statusRange[f.Kind]; {
	case f.Status == 0:
	case !ok:
		return fmt.Errorf("invalid Status %d: Fault%v answers no status of its own, so Status must be 0", f.Status, f.Kind)
	case f.Status < r[0] || f.Status > r[1]:
		return fmt.Errorf("invalid Status %d: Fault%v answers a status from %d to %d", f.Status, f.Kind, r[0], r[1])
	}
	switch {
	case f.Times < 0:
		return fmt.Errorf("invalid Times %d: negative", f.Times)
	case f.Delay < 0:
		return fmt.Errorf("invalid Delay %v: negative", f.Delay)
	case f.RetryAfter < 0:
		return fmt.Errorf("invalid RetryAfter %v: negative", f.RetryAfter)
	case f.RetryAfter != 0 && f.Kind != FaultThrottle:
		return fmt.Errorf("invalid RetryAfter: it is sent only by FaultThrottle, not Fault%v", f.Kind)
	}
	return nil
}

// Faults returns the faults still pending, each with the Times it has
// left.
func (s *Server) Faults() []Fault { return s.faults.list() }

// ClearFaults drops every pending fault.
func (s *Server) ClearFaults() { s.faults.clear() }

// wait sleeps f.Delay, cut short when the client goes away or the server
// closes. It reports whether the full delay passed.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-s.closing:
	}
	return false
}

// misbehave answers a request with an HTTP-level fault. It reports false
// for the kinds that the list action applies itself (a normal answer after
// FaultDelay, FaultTruncatedBody, and the pagination faults).
func (s *Server) misbehave(w http.ResponseWriter, r *http.Request, x *exchange, f *Fault) bool {
	switch f.Kind {
	case FaultThrottle:
		if f.RetryAfter > 0 {
			w.Header().Set("x-acs-retry-after", strconv.FormatInt(f.RetryAfter.Milliseconds(), 10))
		}
		s.fail(w, r, x, &apiError{status: f.status(), code: codeThrottlingUser,
			message: "Request was denied due to user flow control."})
	case FaultServerError:
		e := &apiError{status: f.status(), code: codeInternalError,
			message: "The request processing has failed due to some unknown error, exception or failure."}
		if e.status == http.StatusServiceUnavailable {
			e.code, e.message = codeServiceUnavailable, "The request has failed due to a temporary failure of the server."
		}
		s.fail(w, r, x, e)
	case FaultHTMLBody:
		x.Status = f.status()
		text := http.StatusText(x.Status)
		x.commit()
		writeBody(w, x.Status, "text/html; charset=utf-8", []byte(
			"<html>\r\n<head><title>"+strconv.Itoa(x.Status)+" "+text+"</title></head>\r\n<body>\r\n<center><h1>"+
				strconv.Itoa(x.Status)+" "+text+"</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n"))
	case FaultEmptyBody:
		x.Status = f.status()
		x.commit()
		writeBody(w, x.Status, "application/json;charset=utf-8", nil)
	case FaultDropConnection:
		x.Status = 0
		x.commit()
		dropConnection(w)
	default:
		return false
	}
	return true
}

// dropConnection closes the client's connection without a response.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	// Without a hijackable connection (HTTP/2), aborting the handler resets
	// the stream; net/http does not log this sentinel.
	panic(http.ErrAbortHandler)
}
