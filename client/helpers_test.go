package client_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"testing"

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
