package client_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// newFake starts computenesttest's fake Compute Nest with opts and closes it
// when the test ends.
func newFake(tb testing.TB, opts ...computenesttest.Option) *computenesttest.Server {
	tb.Helper()
	srv := computenesttest.NewServer(opts...)
	tb.Cleanup(srv.Close)
	return srv
}

// fakeClient returns a client of srv that does not retry, so every fault
// reaches the test as it was answered, unless one of edit, applied in
// order to srv's config, sets Retry (withRetry, defaultRetries).
func fakeClient(tb testing.TB, srv *computenesttest.Server, edit ...func(*client.Config)) *client.Client {
	tb.Helper()
	cfg := srv.ClientConfig()
	cfg.Retry = client.NoRetries()
	for _, e := range edit {
		if e != nil {
			e(cfg)
		}
	}
	return newClient(tb, cfg)
}

// withRetry is a fakeClient edit that sets the retry policy to p (nil: the
// default policy).
func withRetry(p *client.RetryPolicy) func(*client.Config) {
	return func(cfg *client.Config) { cfg.Retry = p }
}

// defaultRetries is a fakeClient edit that keeps the default retry policy.
func defaultRetries(cfg *client.Config) { cfg.Retry = nil }

// withDebugLog is a fakeClient edit that sets a debug-level JSON logger
// writing to w.
func withDebugLog(w io.Writer) func(*client.Config) {
	return func(cfg *client.Config) { cfg.Logger = debugLogger(w) }
}

// fakeRequests returns the fake's log of action's requests.
func fakeRequests(srv *computenesttest.Server, action string) []computenesttest.Request {
	var out []computenesttest.Request
	for _, r := range srv.Requests() {
		if r.Action == action {
			out = append(out, r)
		}
	}
	return out
}

// backupIDs returns the IDs of bs, in order.
func backupIDs(bs []*models.Backup) []string {
	ids := make([]string, len(bs))
	for i, b := range bs {
		ids[i] = b.GetBackupId()
	}
	return ids
}

// cannedTransport answers every request with one status and body from
// memory: no socket, no server, so a benchmark over it measures only the
// client's own work, and a fuzz target runs fast.
type cannedTransport struct {
	status int
	body   []byte
}

func (c cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return &http.Response{
		StatusCode:    c.status,
		Status:        strconv.Itoa(c.status) + " " + http.StatusText(c.status),
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json;charset=utf-8"}},
		Body:          io.NopCloser(bytes.NewReader(c.body)),
		ContentLength: int64(len(c.body)),
		Request:       req,
	}, nil
}

// listAll collects what an item iterator yields: every item before an
// error, and the error.
func listAll[Item any](seq iter.Seq2[Item, error]) ([]Item, error) {
	var all []Item
	for it, err := range seq {
		if err != nil {
			return all, err
		}
		all = append(all, it)
	}
	return all, nil
}

// anomaly returns err's *client.PaginationError when it is one of kind a;
// nil otherwise.
func anomaly(err error, a client.PageAnomaly) *client.PaginationError {
	var pe *client.PaginationError
	if errors.As(err, &pe) && pe.Anomaly == a {
		return pe
	}
	return nil
}

// wantListQuery is the query a list request with maxResults, token and
// filters must arrive as, written out from the API's rules rather than
// from the client's flattening.
func wantListQuery[F interface {
	GetName() string
	GetValue() []string
}](maxResults int32, token string, filters []F) url.Values {
	want := url.Values{}
	if maxResults != 0 {
		want.Set("MaxResults", strconv.Itoa(int(maxResults)))
	}
	if token != "" {
		want.Set("NextToken", token)
	}
	for i, f := range filters {
		want.Set(fmt.Sprintf("Filter.%d.Name", i+1), f.GetName())
		for j, v := range f.GetValue() {
			want.Set(fmt.Sprintf("Filter.%d.Value.%d", i+1, j+1), v)
		}
	}
	return want
}

// allFaultKinds returns every kind computenesttest knows: the kinds are
// numbered from 1, and String names an unknown one "FaultKind(n)".
func allFaultKinds() []computenesttest.FaultKind {
	var kinds []computenesttest.FaultKind
	for k := computenesttest.FaultKind(1); !strings.HasPrefix(k.String(), "FaultKind("); k++ {
		kinds = append(kinds, k)
	}
	return kinds
}

// describeErr is what a test compares of a listing's error: its type and
// the fields a caller acts on, not its wording (request IDs differ).
func describeErr(err error) string {
	var (
		apiErr *client.APIError
		decErr *client.DecodeError
		pagErr *client.PaginationError
		limErr *client.LimitError
		trErr  *client.TransportError
	)
	switch {
	case errors.As(err, &apiErr):
		return fmt.Sprintf("APIError %d %s", apiErr.StatusCode, apiErr.Code)
	case errors.As(err, &decErr):
		return fmt.Sprintf("DecodeError %d", decErr.StatusCode)
	case errors.As(err, &pagErr):
		return fmt.Sprintf("PaginationError %s page %d: %s", pagErr.Anomaly, pagErr.Page, pagErr.Detail)
	case errors.As(err, &limErr):
		return fmt.Sprintf("LimitError %s", limErr.Limit)
	case errors.As(err, &trErr):
		return "TransportError"
	}
	return "other error"
}

// settleGoroutines waits, polling, until at most limit goroutines run, and
// returns how many do.
func settleGoroutines(limit int) int {
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > limit && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	return runtime.NumGoroutine()
}

// fetchersLeft returns how many of the paginators' fetch-ahead goroutines
// are still running, polling for a second until none is: one may still be
// returning after it handed its page over.
func fetchersLeft() int {
	count := func() int {
		buf := make([]byte, 1<<20)
		return strings.Count(string(buf[:runtime.Stack(buf, true)]), ").startAhead.func")
	}
	deadline := time.Now().Add(time.Second)
	for count() > 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	return count()
}
