package computenesttest

import (
	"io"
	"mime"
	"net/http"
	"net/url"
)

// maxRequestBody bounds what the fake reads of a request body; RPC calls
// send their parameters in the query.
const maxRequestBody = 1 << 20

// endpoint is what ServeHTTP needs of an action, whatever its item type.
type endpoint interface {
	// prepare checks the parameters and returns the function that
	// answers the request, given the pagination fault to apply (0 for
	// none).
	prepare(s *Server, params url.Values) (func(requestID string, fault FaultKind) answer, *apiError)
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

func (a *listAction[T]) prepare(s *Server, params url.Values) (func(string, FaultKind) answer, *apiError) {
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
	return func(requestID string, fault FaultKind) answer {
		r := a.store.scan(from, int(p.maxResults), func(it *T) bool { return matchAll(p.conds, it) })
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
		return answer{body: a.respond(pg), items: len(r.items), nextToken: next}
	}, nil
}

// ServeHTTP answers one request: authenticate, check the parameters, apply
// any pending fault, list. Every answer carries a fresh request ID and is
// logged.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := Request{Action: r.Header.Get("x-acs-action"), Time: s.now(), RequestId: newRequestID()}
	logged := false
	defer func() { // also when a dropped connection panics
		if !logged {
			s.reqLog.add(rec)
		}
	}()
	w.Header().Set("x-acs-request-id", rec.RequestId)

	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil || len(body) > maxRequestBody {
		s.fail(w, r, &rec, badRequest(codeInvalidParameter, "The request body could not be read or is larger than 1 MiB."))
		return
	}
	params := requestParams(r, body)
	rec.Params = params
	if e := s.authenticate(r, body, &rec); e != nil {
		s.fail(w, r, &rec, e)
		return
	}
	respond, e := s.actions[rec.Action].prepare(s, params)
	if e != nil {
		s.fail(w, r, &rec, e)
		return
	}

	var kind FaultKind
	f := s.faults.take(rec.Action, params.Get("NextToken") != "")
	if f != nil {
		kind, rec.Fault = f.Kind, f.Kind.String()
		if !s.wait(r, f.Delay) {
			return // the client left or the server is closing: no one to answer
		}
		if f.Kind == FaultDropConnection {
			// Log before the client can see the connection close, so a
			// test reading the log right after the error finds the entry.
			s.reqLog.add(rec)
			logged = true
		}
		if s.misbehave(w, r, &rec, f) {
			return
		}
	}
	out := respond(rec.RequestId, kind)
	rec.Items, rec.NextToken = out.items, out.nextToken
	data := marshal(out.body)
	rec.Status = http.StatusOK
	if kind == FaultTruncatedBody {
		rec.Status, data = f.status(), data[:len(data)/2]
	}
	writeBody(w, rec.Status, "application/json;charset=utf-8", data)
}

// fail answers e and records it.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, rec *Request, e *apiError) {
	rec.Status, rec.Code = e.status, e.code
	writeError(w, r, rec.RequestId, e)
}

// requestParams decodes the query and, as the RPC gateway also accepts, a
// form body. Clients may escape a space as '+'; ParseQuery decodes both
// forms. Values that do not decode are left out; the signature check
// rejects such a request anyway.
func requestParams(r *http.Request, body []byte) url.Values {
	params, _ := url.ParseQuery(r.URL.RawQuery)
	if len(body) > 0 {
		if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/x-www-form-urlencoded" {
			form, _ := url.ParseQuery(string(body))
			for k, vs := range form {
				params[k] = append(params[k], vs...)
			}
		}
	}
	// Legacy query-signed clients put secrets' derivatives here; keep them
	// out of the log.
	delete(params, "Signature")
	delete(params, "SecurityToken")
	return params
}
