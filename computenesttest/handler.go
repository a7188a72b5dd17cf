package computenesttest

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxRequestBody bounds what the fake reads of a request body; RPC calls
// send their parameters in the query.
const maxRequestBody = 1 << 20

// maxParams is the most parameters a query string or a form body may hold:
// Go's url.ParseQuery refuses more (it counts the '&'-separated fields), so
// the fake names that cause rather than failing the signature of a request
// whose parameters it could not read.
const maxParams = 10000

// endpoint is what ServeHTTP needs of an action, whatever its item type.
type endpoint interface {
	// prepare checks the parameters and returns the function that
	// answers the request, given the pagination fault to apply (0 for
	// none).
	// The function reports false when stop said to give up.
	prepare(s *Server, params url.Values) (func(requestID string, fault FaultKind, stop func() bool) (answer, bool), *apiError)
}

// answer is a list action's response and what the request log records of
// it.
type answer struct {
	body      any
	items     int
	nextToken string
}

// listAction is the one list action behind both ListBackups and
// ListRestoreTasks; actions.go gives each its names and fields.
type listAction[T any] struct {
	name    string
	store   *Store[T]
	filters []filterSpec[T]
	respond func(page[T]) any // builds the models response type
}

// page is what respond turns into a response.
type page[T any] struct {
	items      []*T
	total      int32
	maxResults int32
	requestID  string
	nextToken  *string // nil on the last page
}

func (a *listAction[T]) prepare(s *Server, params url.Values) (func(string, FaultKind, func() bool) (answer, bool), *apiError) {
	p, err := parseList(a.name, a.filters, params)
	if err != nil {
		return nil, err
	}
	var from *cursor
	if p.nextToken != "" {
		cur, err := s.tokens.decode(p.nextToken, p.filterHash)
		if err != nil {
			return nil, err
		}
		from = &cur
	}
	return func(requestID string, fault FaultKind, stop func() bool) (answer, bool) {
		start := from
		if fault == FaultRestartListing {
			start = nil // as if the token had been lost: a new listing
		}
		var match func(*T) bool // nil: every item, none made for nothing
		if len(p.conds) > 0 {
			match = func(it *T) bool { return matchAll(p.conds, it) }
		}
		r, ok := a.store.scan(scanQuery[T]{from: start, limit: int(p.maxResults), match: match, key: p.filterHash, stop: stop})
		if !ok {
			return answer{}, false
		}
		var next string
		switch {
		case fault == FaultRepeatNextToken:
			next = p.nextToken // take only hands this fault to requests with a token
		case fault == FaultEmptyPageWithToken:
			r.items = nil
			next = s.tokens.encode(r.start, p.filterHash)
		case r.more:
			next = s.tokens.encode(r.next, p.filterHash)
		}
		if r.items == nil {
			r.items = []*T{} // the service sends an empty page as [], not null or nothing
		}
		pg := page[T]{items: r.items, total: int32(r.total), maxResults: p.maxResults, requestID: requestID}
		if next != "" {
			pg.nextToken = &next
		}
		return answer{body: a.respond(pg), items: len(r.items), nextToken: next}, true
	}, nil
}

// ServeHTTP answers one request: authenticate, check the parameters, apply
// any pending fault, list. Every answer carries a fresh request ID and is
// logged. With WithAdminAPI, a request under AdminPrefix goes to the admin
// API instead, unlogged.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := s.now()
	stampDate(w, now)
	if s.admin != nil && (r.URL.Path == strings.TrimSuffix(AdminPrefix, "/") || strings.HasPrefix(r.URL.Path, AdminPrefix)) {
		s.admin.ServeHTTP(w, r)
		return
	}
	x := &exchange{s: s, Request: Request{Action: r.Header.Get("x-acs-action"), Time: now, RequestId: newRequestID()}}
	defer x.commit() // when nothing was answered: the client left, or a handler panicked
	w.Header().Set("x-acs-request-id", x.RequestId)

	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil || len(body) > maxRequestBody {
		s.fail(w, r, x, badRequest(codeInvalidParameter, "The request body could not be read or is larger than 1 MiB."))
		return
	}
	if e := checkParamCount(r.URL.RawQuery, "query string"); e != nil {
		s.fail(w, r, x, e)
		return
	}
	if isForm(r) {
		if e := checkParamCount(string(body), "form body"); e != nil {
			s.fail(w, r, x, e)
			return
		}
	}
	params := requestParams(r, body)
	x.Params = loggedParams(params)
	if x.Action == "" {
		x.Action = params.Get("Action") // for an unsigned request; authenticate sets the signed one
	}
	if e := s.authenticate(r, body, params, &x.Request); e != nil {
		s.fail(w, r, x, e)
		return
	}
	respond, e := s.actions[x.Action].prepare(s, params)
	if e != nil {
		s.fail(w, r, x, e)
		return
	}

	var kind FaultKind
	f := s.faults.take(x.Action, params.Get("NextToken") != "")
	if f != nil {
		kind, x.Fault = f.Kind, f.Kind.String()
		if !s.wait(r, f.Delay) {
			return // the client left or the server is closing: no one to answer
		}
		if f.Delay > 0 {
			stampDate(w, s.now()) // the answer leaves now, not when the request came
		}
		if s.misbehave(w, r, x, f) {
			return
		}
	}
	out, ok := respond(x.RequestId, kind, func() bool { return r.Context().Err() != nil || s.isClosing() })
	if !ok {
		return // the client left or the server is closing: no one to answer
	}
	x.Items, x.NextToken = out.items, out.nextToken
	data := marshal(out.body)
	x.Status = http.StatusOK
	if kind == FaultTruncatedBody {
		x.Status, data = f.status(), data[:len(data)/2]
	}
	x.commit()
	writeBody(w, x.Status, "application/json;charset=utf-8", data)
}

// stampDate sets the answer's Date header from the server's clock, as the
// service's answers carry its own time: a client that corrects its clock
// skew from Date (this module's, Alibaba Cloud's and AWS's SDKs do) learns
// the fake's time, WithClock's when set. net/http would stamp the
// machine's time.
func stampDate(w http.ResponseWriter, now time.Time) {
	var buf [len(http.TimeFormat)]byte
	w.Header()["Date"] = []string{string(now.UTC().AppendFormat(buf[:0], http.TimeFormat))}
}

// exchange is one request being answered and its log entry.
type exchange struct {
	Request
	s      *Server
	logged bool
}

// commit adds the entry to the request log, once. Every answer commits
// before it writes a byte, so a client that has its answer (or a dropped
// connection) finds the entry already in the log.
func (x *exchange) commit() {
	if !x.logged {
		x.logged = true
		x.s.reqLog.add(x.Request)
	}
}

// fail answers e and records it.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, x *exchange, e *apiError) {
	x.Status, x.Code = e.status, e.code
	x.commit()
	writeError(w, r, x.RequestId, e)
}

// checkParamCount refuses a query string or form body of more than
// maxParams '&'-separated fields.
func checkParamCount(encoded, where string) *apiError {
	if n := strings.Count(encoded, "&") + 1; encoded != "" && n > maxParams {
		return badRequest(codeInvalidParameter, fmt.Sprintf("The %s holds %d parameters; at most %d are accepted.", where, n, maxParams))
	}
	return nil
}

// requestParams decodes the query and, as the RPC gateway also accepts, a
// form body. Clients may escape a space as '+'; ParseQuery decodes both
// forms. Values that do not decode are left out; the signature check
// rejects such a request anyway.
func requestParams(r *http.Request, body []byte) url.Values {
	params, _ := url.ParseQuery(r.URL.RawQuery)
	if len(body) > 0 && isForm(r) {
		form, _ := url.ParseQuery(string(body))
		for k, vs := range form {
			params[k] = append(params[k], vs...)
		}
	}
	return params
}

// isForm reports whether r's body is a form.
func isForm(r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return ct == "application/x-www-form-urlencoded"
}

// unlogged are the parameters that carry credentials or a signature
// (signature version 1.0 clients send them as parameters), which the
// request log must not hold.
var unlogged = []string{"Signature", "SecurityToken", "BearerToken"}

// loggedParams is a copy of params without the unlogged ones.
func loggedParams(params url.Values) url.Values {
	logged := cloneValues(params)
	for _, name := range unlogged {
		delete(logged, name)
	}
	return logged
}
