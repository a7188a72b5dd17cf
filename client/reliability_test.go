package client_test

// Reliability tests: every fault the fake can inject, and a few it cannot,
// against a real *client.Client. They check what a user's job sees (the
// listing completes with every item exactly once, or stops with a typed
// error that says why) and what went over the wire (the fake's request
// log: how many attempts, which page each one asked for, and when). Delays
// are a few milliseconds and timing bounds are generous: only lower bounds
// that a sleeping timer guarantees, and upper bounds far above them.
// docs/RELIABILITY.md lists these tests against the faults they prove.

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// logSink collects a slog JSON handler's output; it is safe for concurrent
// use.
type logSink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *logSink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// attemptLine is one "computenest attempt" line of the debug log.
type attemptLine struct {
	Level     string  `json:"level"`
	Msg       string  `json:"msg"`
	Action    string  `json:"action"`
	Attempt   int     `json:"attempt"`
	Status    int     `json:"status"`
	RequestID string  `json:"request_id"`
	Duration  float64 `json:"duration"` // nanoseconds
	RetryIn   float64 `json:"retry_in"` // nanoseconds; 0 when absent
	Error     string  `json:"error"`
}

func (s *logSink) attempts(t *testing.T) []attemptLine {
	t.Helper()
	var out []attemptLine
	for line := range strings.Lines(s.String()) {
		var l attemptLine
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("log line is not JSON: %q: %v", line, err)
		}
		if l.Msg == "computenest attempt" {
			out = append(out, l)
		}
	}
	return out
}

func debugLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// relSetup starts the fake with demo data and a client with policy p and a
// debug logger writing to the returned sink.
func relSetup(t *testing.T, p *client.RetryPolicy, edit func(*client.Config)) (*computenesttest.Server, *client.Client, *logSink) {
	t.Helper()
	srv := newFake(t, computenesttest.WithDemoData(7, 230, 90))
	sink := &logSink{}
	c := fakeClient(t, srv, withRetry(p), withDebugLog(sink), edit)
	return srv, c, sink
}

// relRequests returns the fake's request log, sorted by arrival, once it
// holds at least n entries (and a moment more, to catch any beyond n). The
// fake logs a request when its handler returns, which can be after the
// client has its answer: when the connection was dropped, or when a body
// larger than the server's write buffer was flushed before the handler
// ended.
func relRequests(t *testing.T, srv *computenesttest.Server, n int) []computenesttest.Request {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for len(srv.Requests()) < n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	log := srv.Requests()
	slices.SortStableFunc(log, func(a, b computenesttest.Request) int { return a.Time.Compare(b.Time) })
	return log
}

// jitterBounds is the range darabonba's equal-jitter backoff draws retry n's
// delay from: half to all of min(MaxDelay, BaseDelay·2ⁿ⁻¹).
func jitterBounds(p *client.RetryPolicy, n int) (lo, hi time.Duration) {
	ceil := min(p.MaxDelay, p.BaseDelay<<(n-1))
	return ceil / 2, ceil
}

// TestRetriedFaultsMidListing injects each retryable fault in the middle of
// a 12-page listing. The listing completes with every item exactly once and
// in order; the fake saw one extra request per fault, each asking for the
// same page again; and the waits before the retries are the policy's.
func TestRetriedFaultsMidListing(t *testing.T) {
	type tc struct {
		name    string
		fault   computenesttest.Fault
		timeout time.Duration // Config.ReadTimeout
	}
	tests := []tc{
		{name: "throttled", fault: computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 3}},
		{name: "throttled 429 with retry-after", fault: computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 2, Status: 429, RetryAfter: 15 * time.Millisecond}},
		{name: "503", fault: computenesttest.Fault{Kind: computenesttest.FaultServerError, Times: 3}},
		{name: "500", fault: computenesttest.Fault{Kind: computenesttest.FaultServerError, Times: 1, Status: 500}},
		{name: "proxy HTML 502", fault: computenesttest.Fault{Kind: computenesttest.FaultHTMLBody, Times: 2}},
		{name: "dropped connection", fault: computenesttest.Fault{Kind: computenesttest.FaultDropConnection, Times: 3}},
		{name: "truncated body", fault: computenesttest.Fault{Kind: computenesttest.FaultTruncatedBody, Times: 2}},
		{name: "no answer within ReadTimeout", fault: computenesttest.Fault{Kind: computenesttest.FaultDelay, Times: 1, Delay: time.Minute}, timeout: 150 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			policy := &client.RetryPolicy{MaxAttempts: 4, BaseDelay: 4 * time.Millisecond, MaxDelay: 20 * time.Millisecond}
			srv, c, sink := relSetup(t, policy, func(cfg *client.Config) { cfg.ReadTimeout = tt.timeout })
			ctx := context.Background()

			var got []*models.Backup
			for b, err := range client.NewListBackupsPaginator(c, nil, func(o *client.PaginatorOptions) { o.PageSize = 20 }).Items(ctx) {
				if err != nil {
					t.Fatalf("listing stopped after %d items: %v", len(got), err)
				}
				got = append(got, b)
				if len(got) == 50 { // mid-page 3: the fault hits page 4
					tt.fault.Action = "ListBackups"
					srv.InjectFault(tt.fault)
				}
			}
			if want := backupIDs(srv.Backups().All()); !slices.Equal(backupIDs(got), want) {
				t.Fatalf("listed %d backups, want %d, each exactly once in order", len(got), len(want))
			}

			const pages = 12 // 230 by 20
			log := relRequests(t, srv, pages+tt.fault.Times)
			if len(log) != pages+tt.fault.Times {
				t.Fatalf("%d requests, want %d pages + %d faulted attempts", len(log), pages, tt.fault.Times)
			}
			ids := map[string]bool{}
			for i, r := range log {
				if ids[r.RequestId] {
					t.Errorf("request %d reuses RequestId %s", i, r.RequestId)
				}
				ids[r.RequestId] = true
				faulted := i >= 3 && i < 3+tt.fault.Times
				if (r.Fault != "") != faulted {
					t.Errorf("request %d: fault %q", i, r.Fault)
				}
				if faulted && r.Params.Get("NextToken") != log[i+1].Params.Get("NextToken") {
					t.Errorf("request %d was retried with another page's token", i)
				}
			}

			// One debug line per attempt; the retried ones carry the wait,
			// which is the hint or darabonba's jittered backoff, and the
			// next attempt came no sooner than that.
			lines := sink.attempts(t)
			if len(lines) != len(log) {
				t.Fatalf("%d log lines for %d attempts", len(lines), len(log))
			}
			retries := 0
			for i, l := range lines {
				if l.RetryIn == 0 {
					if l.Error != "" {
						t.Errorf("line %d: an error without a retry: %+v", i, l)
					}
					continue
				}
				retries++
				wait := time.Duration(l.RetryIn)
				if tt.fault.RetryAfter > 0 {
					if wait != tt.fault.RetryAfter {
						t.Errorf("retry %d waited %v, want the hint %v", retries, wait, tt.fault.RetryAfter)
					}
				} else if lo, hi := jitterBounds(policy, l.Attempt); wait < lo || wait > hi {
					t.Errorf("attempt %d: retry in %v, want within [%v, %v]", l.Attempt, wait, lo, hi)
				}
				if gap := log[i+1].Time.Sub(log[i].Time); gap < wait {
					t.Errorf("retry %d sent %v after the failed attempt, before its wait of %v", retries, gap, wait)
				}
			}
			if retries != tt.fault.Times {
				t.Errorf("%d retries logged, want %d", retries, tt.fault.Times)
			}
		})
	}
}

// TestThrottledPastMaxAttempts: a service that keeps throttling gets
// exactly MaxAttempts requests, and the caller a typed throttling error
// with the last attempt's RequestId.
func TestThrottledPastMaxAttempts(t *testing.T) {
	policy := &client.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}
	srv, c, sink := relSetup(t, policy, nil)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 10})
	_, err := c.ListRestoreTasks(context.Background(), nil)

	var e *client.APIError
	if !errors.As(err, &e) || !client.IsThrottling(e) || !client.IsThrottling(err) || e.Code != "Throttling.User" || e.StatusCode != 400 {
		t.Fatalf("err = %v, want a throttling *client.APIError", err)
	}
	log := srv.Requests()
	if len(log) != 3 {
		t.Fatalf("%d attempts, want MaxAttempts=3", len(log))
	}
	if e.RequestId == "" || e.RequestId != log[2].RequestId || !strings.Contains(err.Error(), e.RequestId) {
		t.Errorf("RequestId %q, last attempt's %q; error %q", e.RequestId, log[2].RequestId, err)
	}
	if f := srv.Faults(); len(f) != 1 || f[0].Times != 7 {
		t.Errorf("faults left: %+v", f)
	}
	lines := sink.attempts(t)
	if len(lines) != 3 || lines[2].RetryIn != 0 || lines[2].Error == "" || lines[2].RequestID != e.RequestId {
		t.Errorf("log of the last attempt: %+v", lines)
	}
}

// TestRetryAfterHintCappedByMaxDelay: the wait the service asks for
// (x-acs-retry-after in milliseconds, or Retry-After in seconds) replaces
// the backoff, up to RetryPolicy.MaxDelay.
func TestRetryAfterHintCappedByMaxDelay(t *testing.T) {
	tests := []struct {
		name   string
		header string
		value  string
		max    time.Duration
		want   time.Duration
	}{
		{"x-acs-retry-after below the cap", "x-acs-retry-after", "40", time.Second, 40 * time.Millisecond},
		{"x-acs-retry-after above the cap", "x-acs-retry-after", "10000", 30 * time.Millisecond, 30 * time.Millisecond},
		{"Retry-After seconds above the cap", "Retry-After", "2", 50 * time.Millisecond, 50 * time.Millisecond},
		{"malformed hint: the backoff", "Retry-After", "soon", 5 * time.Millisecond, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var arrivals []time.Time
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				arrivals = append(arrivals, time.Now())
				first := len(arrivals) == 1
				mu.Unlock()
				if first {
					w.Header().Set(tt.header, tt.value)
					jsonHandler(429, `{"RequestId":"T-1","Code":"Throttling.User","Message":"slow down"}`)(w, r)
					return
				}
				jsonHandler(200, emptyBackups)(w, r)
			})
			sink := &logSink{}
			cfg := ts.config()
			cfg.Retry = &client.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: tt.max}
			cfg.Logger = debugLogger(sink)
			if _, err := newClient(t, cfg).ListBackups(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			lines := sink.attempts(t)
			if len(lines) != 2 || len(arrivals) != 2 {
				t.Fatalf("%d attempts logged, %d received", len(lines), len(arrivals))
			}
			wait := time.Duration(lines[0].RetryIn)
			if tt.want != 0 && wait != tt.want {
				t.Errorf("waited %v, want %v", wait, tt.want)
			}
			if tt.want == 0 && (wait <= 0 || wait > tt.max) {
				t.Errorf("waited %v, want the backoff within (0, %v]", wait, tt.max)
			}
			if gap := arrivals[1].Sub(arrivals[0]); gap < wait {
				t.Errorf("retried after %v, before the wait of %v", gap, wait)
			}
		})
	}
}

// TestProxyHTML502 reports a proxy's HTML page that outlasts the retries
// as an APIError with the status, no code, the start of the page and the
// RequestId the fake put in the header.
func TestProxyHTML502(t *testing.T) {
	srv, c, _ := relSetup(t, &client.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}, nil)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultHTMLBody, Times: 2})
	_, err := c.ListBackups(context.Background(), nil)
	var e *client.APIError
	if !errors.As(err, &e) || e.StatusCode != 502 || e.Code != "" || !client.IsRetryable(e) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(e.Body, "502 Bad Gateway") || !strings.Contains(err.Error(), "not a Compute Nest error") {
		t.Errorf("Body %q, error %q", e.Body, err)
	}
	if log := srv.Requests(); len(log) != 2 || e.RequestId != log[1].RequestId {
		t.Errorf("%d attempts; RequestId %q", len(log), e.RequestId)
	}
}

// TestTruncatedBodyWithoutRetries shows the raw error of a body cut off
// mid-document: a DecodeError that wraps io.ErrUnexpectedEOF and that
// IsRetryable accepts.
func TestTruncatedBodyWithoutRetries(t *testing.T) {
	srv, c, _ := relSetup(t, client.NoRetries(), nil)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultTruncatedBody})
	resp, err := c.ListBackups(context.Background(), nil)
	var e *client.DecodeError
	if resp != nil || !errors.As(err, &e) || !errors.Is(err, io.ErrUnexpectedEOF) || !client.IsRetryable(err) {
		t.Fatalf("resp %v, err %v", resp, err)
	}
	if e.RequestId != relRequests(t, srv, 1)[0].RequestId {
		t.Errorf("RequestId %q", e.RequestId)
	}
}

// TestOversizedBodies: a success body above MaxResponseBytes is a
// DecodeError wrapping ErrResponseTooLarge, read no further than the cap
// (the server below never stops sending) and not retried; an error answer
// with a huge body is still its status's APIError, quoted briefly, and
// retried as its status says.
func TestOversizedBodies(t *testing.T) {
	t.Run("fake page above the cap", func(t *testing.T) {
		srv, c, _ := relSetup(t, nil, func(cfg *client.Config) { cfg.MaxResponseBytes = 4 << 10 })
		_, err := c.ListBackups(context.Background(), new(models.ListBackupsRequest).SetMaxResults(100))
		var e *client.DecodeError
		if !errors.As(err, &e) || !errors.Is(err, client.ErrResponseTooLarge) || client.IsRetryable(err) {
			t.Fatalf("err = %v", err)
		}
		if n := len(relRequests(t, srv, 1)); n != 1 {
			t.Errorf("an oversized body was retried: %d attempts", n)
		}
		// A page that fits is fine with the same client.
		if resp, err := c.ListBackups(context.Background(), new(models.ListBackupsRequest).SetMaxResults(5)); err != nil || len(resp.GetBackups()) != 5 {
			t.Errorf("small page: %v", err)
		}
	})

	endless := func(status int, sent *int64, mu *sync.Mutex) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			chunk := bytes.Repeat([]byte(`{"BackupId":"b-0123456789"},`), 1024)
			io.WriteString(w, `{"TotalCount":1,"Backups":[`)
			for range 1 << 12 { // up to ~110 MB, if the client kept reading
				if _, err := w.Write(chunk); err != nil {
					return
				}
				mu.Lock()
				*sent += int64(len(chunk))
				mu.Unlock()
			}
		}
	}
	t.Run("endless success body", func(t *testing.T) {
		var mu sync.Mutex
		var sent int64
		ts := newTestServer(t, endless(200, &sent, &mu))
		cfg := ts.config()
		cfg.Retry = nil // default retries: still one attempt
		cfg.MaxResponseBytes = 1 << 20
		start := time.Now()
		_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
		if !errors.Is(err, client.ErrResponseTooLarge) || !strings.Contains(err.Error(), "1048576 bytes") {
			t.Fatalf("err = %v", err)
		}
		if n := len(ts.got()); n != 1 {
			t.Errorf("%d attempts", n)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v", d)
		}
	})
	t.Run("endless error body", func(t *testing.T) {
		var mu sync.Mutex
		var sent int64
		ts := newTestServer(t, endless(503, &sent, &mu))
		cfg := ts.config()
		cfg.Retry = &client.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}
		_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
		var e *client.APIError
		if !errors.As(err, &e) || e.StatusCode != 503 || !client.IsRetryable(e) || errors.Is(err, client.ErrResponseTooLarge) {
			t.Fatalf("err = %v", err)
		}
		if len(e.Body) > 600 || !strings.HasSuffix(e.Body, "…") {
			t.Errorf("Body is %d bytes: %.80q", len(e.Body), e.Body)
		}
		if n := len(ts.got()); n != 2 {
			t.Errorf("%d attempts, want 2", n)
		}
	})
}

// TestSuccessBodyShapes decides, for both actions, which valid-JSON bodies
// of an unexpected shape are errors and which are decoded leniently.
func TestSuccessBodyShapes(t *testing.T) {
	tests := []struct {
		name string
		body string // %s is the action's item list name
		ok   bool
		want string // in the error
	}{
		{"documented", `{"RequestId":"R","TotalCount":1,"MaxResults":20,"%s":[{}]}`, true, ""},
		{"unknown fields pass", `{"RequestId":"R","TotalCount":0,"%s":[],"NewField":{"x":[1,2]}}`, true, ""},
		{"lower-case names", `{"requestid":"R","totalcount":0,"%s":[]}`, true, ""},
		{"empty list, TotalCount above zero", `{"RequestId":"R","TotalCount":3,"%s":[]}`, true, ""},
		{"no list, TotalCount 0", `{"RequestId":"R","TotalCount":0}`, true, ""},
		{"no list, but a NextToken", `{"RequestId":"R","TotalCount":3,"NextToken":"t1"}`, true, ""},
		{"no list, TotalCount above zero, no NextToken", `{"RequestId":"R","TotalCount":3}`, false, "TotalCount 3 but no %s list"},
		{"null list, TotalCount above zero", `{"RequestId":"R","TotalCount":3,"%s":null}`, false, "TotalCount 3 but no %s list"},
		{"neither list nor TotalCount", `{"RequestId":"R"}`, false, "neither a %s list nor a TotalCount"},
		{"empty object", `{}`, false, "neither a %s list nor a TotalCount"},
		{"JSON null", `null`, false, "neither a %s list nor a TotalCount"},
		{"error document with status 200", `{"RequestId":"R","Code":"Throttling","Message":"slow down"}`, false, "not a list response"},
		{"null item", `{"TotalCount":2,"%s":[{},null]}`, false, "%s[1] is null"},
		{"string TotalCount", `{"TotalCount":"3","%s":[]}`, false, "TotalCount"},
		{"number NextToken", `{"TotalCount":3,"NextToken":5,"%s":[]}`, false, "NextToken"},
		{"object list", `{"TotalCount":1,"%s":{"x":{}}}`, false, "%s"},
		{"string item", `{"TotalCount":1,"%s":["b-1"]}`, false, "%s"},
		{"top-level array", `[{"TotalCount":1}]`, false, "array"},
		{"fraction TotalCount", `{"TotalCount":1.5,"%s":[]}`, false, "TotalCount"},
		{"TotalCount beyond int32", `{"TotalCount":9999999999,"%s":[]}`, false, "TotalCount"},
	}
	for _, action := range []string{"ListBackups", "ListRestoreTasks"} {
		list := strings.TrimPrefix(action, "List")
		for _, tt := range tests {
			t.Run(action+"/"+tt.name, func(t *testing.T) {
				body := strings.ReplaceAll(tt.body, "%s", list)
				ts := newTestServer(t, jsonHandler(200, body))
				cfg := ts.config()
				cfg.Retry = nil // default retries: a wrong shape is not retried
				c := newClient(t, cfg)
				var err error
				var items int
				if action == "ListBackups" {
					var resp *models.ListBackupsResponse
					resp, err = c.ListBackups(context.Background(), nil)
					items = len(resp.GetBackups())
				} else {
					var resp *models.ListRestoreTasksResponse
					resp, err = c.ListRestoreTasks(context.Background(), nil)
					items = len(resp.GetRestoreTasks())
				}
				if tt.ok {
					if err != nil {
						t.Fatalf("err = %v, want the body accepted", err)
					}
					if strings.Contains(body, "[{}]") && items != 1 {
						t.Errorf("%d items", items)
					}
					return
				}
				var e *client.DecodeError
				if !errors.As(err, &e) || e.Action != action || e.StatusCode != 200 || client.IsRetryable(err) {
					t.Fatalf("err = %v, want a non-retryable *client.DecodeError", err)
				}
				if want := strings.ReplaceAll(tt.want, "%s", list); !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
				if n := len(ts.got()); n != 1 {
					t.Errorf("%d attempts", n)
				}
			})
		}
	}
}

// TestEmptyBodyIsNotRetried: a 200 with no body at all is a DecodeError,
// and the call is not sent again.
func TestEmptyBodyIsNotRetried(t *testing.T) {
	srv, c, _ := relSetup(t, &client.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond}, nil)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultEmptyBody, Times: 2})
	_, err := c.ListBackups(context.Background(), nil)
	var e *client.DecodeError
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "empty body") {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d attempts", n)
	}
}

// TestDeadlineDuringBackoff: a context that ends while the client waits to
// retry ends the call at once, with an error that is the context's and
// still names the failure that was being retried.
func TestDeadlineDuringBackoff(t *testing.T) {
	for _, tt := range []struct {
		name   string
		ctx    func() (context.Context, context.CancelFunc)
		wantIs error
	}{
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 100*time.Millisecond)
		}, context.DeadlineExceeded},
		{"cancel", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled},
	} {
		t.Run(tt.name, func(t *testing.T) {
			policy := &client.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: 30 * time.Second}
			srv, c, sink := relSetup(t, policy, nil)
			srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 5, RetryAfter: 10 * time.Second})
			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			_, err := c.ListBackups(ctx, nil)
			took := time.Since(start)
			if !errors.Is(err, tt.wantIs) || !client.IsThrottling(err) || client.IsRetryable(err) {
				t.Fatalf("err = %v, want %v wrapping the throttling error", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), "Throttling.User") {
				t.Errorf("error does not name the last failure: %v", err)
			}
			if took > time.Second {
				t.Errorf("returned after %v; the context ended at 100ms", took)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d attempts", n)
			}
			if l := sink.attempts(t); len(l) != 1 || time.Duration(l[0].RetryIn) != 10*time.Second {
				t.Errorf("log: %+v", l)
			}
		})
	}
}

// TestNonRetryableErrorsSentOnce: client errors are answered at once, with
// the default policy.
func TestNonRetryableErrorsSentOnce(t *testing.T) {
	srv := newFake(t)
	ctx := context.Background()
	tests := []struct {
		name string
		call func(c *client.Client) error
		edit func(*client.Config)
		code string
	}{
		{"InvalidParameter", func(c *client.Client) error {
			_, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetNextToken("not-a-token"))
			return err
		}, nil, "InvalidParameter"},
		{"SignatureDoesNotMatch", func(c *client.Client) error {
			_, err := c.ListBackups(ctx, nil)
			return err
		}, func(cfg *client.Config) { cfg.AccessKeySecret = "another-secret" }, "SignatureDoesNotMatch"},
		{"InvalidAccessKeyId.NotFound", func(c *client.Client) error {
			_, err := c.ListRestoreTasks(ctx, nil)
			return err
		}, func(cfg *client.Config) { cfg.AccessKeyId = "LTAIunknown" }, "InvalidAccessKeyId.NotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			err := tt.call(fakeClient(t, srv, defaultRetries, tt.edit))
			var e *client.APIError
			if !errors.As(err, &e) || e.Code != tt.code || client.IsRetryable(err) {
				t.Fatalf("err = %v, want %s", err, tt.code)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d attempts", n)
			}
		})
	}
	t.Run("Forbidden.RAM", func(t *testing.T) {
		ts := newTestServer(t, jsonHandler(403, `{"RequestId":"P","Code":"Forbidden.RAM","Message":"denied"}`))
		cfg := ts.config()
		cfg.Retry = nil
		_, err := newClient(t, cfg).ListBackups(ctx, nil)
		if !client.IsAccessDenied(err) || client.IsRetryable(err) || len(ts.got()) != 1 {
			t.Fatalf("err = %v after %d attempts", err, len(ts.got()))
		}
	})
}

// TestRetryPolicyConfig: the policy is Config.Retry's, can be turned off,
// can decide for itself, and is checked by NewClient.
func TestRetryPolicyConfig(t *testing.T) {
	ctx := context.Background()
	t.Run("NoRetries", func(t *testing.T) {
		srv, c, _ := relSetup(t, client.NoRetries(), nil)
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError})
		if _, err := c.ListBackups(ctx, nil); !client.IsRetryable(err) || len(srv.Requests()) != 1 {
			t.Fatalf("err = %v after %d attempts", err, len(srv.Requests()))
		}
	})
	t.Run("custom Retryable", func(t *testing.T) {
		var asked []error
		policy := &client.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, Retryable: func(err error) bool {
			asked = append(asked, err)
			return client.IsThrottling(err) // not 5xx
		}}
		srv, c, _ := relSetup(t, policy, nil)
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle})
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError})
		_, err := c.ListBackups(ctx, nil)
		var e *client.APIError
		if !errors.As(err, &e) || e.StatusCode != 503 || len(asked) != 2 || len(srv.Requests()) != 2 {
			t.Fatalf("err = %v; asked %d times; %d attempts", err, len(asked), len(srv.Requests()))
		}
	})
	t.Run("default policy", func(t *testing.T) {
		p := client.DefaultRetryPolicy()
		if p.MaxAttempts != 4 || p.BaseDelay != 200*time.Millisecond || p.MaxDelay != 10*time.Second || p.Retryable != nil {
			t.Errorf("DefaultRetryPolicy() = %+v", p)
		}
	})
	for _, bad := range []*client.RetryPolicy{{MaxAttempts: 0}, {MaxAttempts: -1}, {MaxAttempts: 2, BaseDelay: -1}, {MaxAttempts: 2, MaxDelay: -time.Second}} {
		_, err := client.NewClient(&client.Config{AccessKeyId: "a", AccessKeySecret: "b", Retry: bad})
		if err == nil || !strings.Contains(err.Error(), "Config.Retry") {
			t.Errorf("NewClient with %+v: %v", bad, err)
		}
	}
}

// TestDebugLogOneLinePerAttempt: with a debug-level Logger each attempt is
// one line with the action, attempt number, HTTP status, RequestId,
// duration and, when the call is retried, the wait; above debug level
// nothing is logged.
func TestDebugLogOneLinePerAttempt(t *testing.T) {
	policy := &client.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond}
	srv, c, sink := relSetup(t, policy, nil)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 1})
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError, Times: 1})
	if _, err := c.ListRestoreTasks(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	log := relRequests(t, srv, 3)
	lines := sink.attempts(t)
	if len(lines) != 3 || len(log) != 3 {
		t.Fatalf("%d lines for %d requests:\n%s", len(lines), len(log), sink)
	}
	wantStatus := []int{400, 503, 200}
	for i, l := range lines {
		if l.Level != "DEBUG" || l.Action != "ListRestoreTasks" || l.Attempt != i+1 || l.Status != wantStatus[i] ||
			l.RequestID != log[i].RequestId || l.Duration <= 0 || (l.RetryIn > 0) != (i < 2) || (l.Error != "") != (i < 2) {
			t.Errorf("line %d: %+v", i, l)
		}
	}
	for _, key := range []string{`"action"`, `"attempt"`, `"status"`, `"request_id"`, `"duration"`, `"retry_in"`} {
		if !strings.Contains(sink.String(), key) {
			t.Errorf("no %s in the log", key)
		}
	}

	quiet := &logSink{}
	cfg := srv.ClientConfig()
	cfg.Logger = slog.New(slog.NewJSONHandler(quiet, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle})
	if _, err := newClient(t, cfg).ListBackups(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if quiet.String() != "" {
		t.Errorf("logged above debug level: %s", quiet)
	}
}

// TestRateLimitSharedBucket: Config.RateLimit spaces one client's calls,
// sequential or from many goroutines, through one token bucket, and a
// context that ends while waiting for a token ends the call.
func TestRateLimitSharedBucket(t *testing.T) {
	srv := newFake(t)
	cfg := srv.ClientConfig()
	cfg.RateLimit, cfg.RateBurst = 50, 1
	ctx := context.Background()

	t.Run("sequential", func(t *testing.T) {
		c := newClient(t, cfg)
		start := time.Now()
		for range 20 {
			if _, err := c.ListBackups(ctx, nil); err != nil {
				t.Fatal(err)
			}
		}
		if d := time.Since(start); d < 370*time.Millisecond {
			t.Errorf("20 calls at 50/s, burst 1, took %v; want at least 380ms", d)
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		c := newClient(t, cfg)
		start := time.Now()
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for range 5 {
					if _, err := c.ListRestoreTasks(ctx, nil); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		if d := time.Since(start); d < 370*time.Millisecond {
			t.Errorf("4×5 calls at 50/s, burst 1, took %v; the goroutines do not share one bucket", d)
		}
	})
	t.Run("retries wait for tokens too", func(t *testing.T) {
		srv.ResetRequests()
		rcfg := *cfg
		rcfg.Retry = &client.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError, Times: 3})
		start := time.Now()
		if _, err := newClient(t, &rcfg).ListBackups(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if d, n := time.Since(start), len(relRequests(t, srv, 4)); n != 4 || d < 55*time.Millisecond {
			t.Errorf("%d attempts in %v; want 4, spaced by the limit (≥60ms)", n, d)
		}
	})
	t.Run("deadline while waiting for a token", func(t *testing.T) {
		slow := *cfg
		slow.RateLimit = 0.1 // one call per 10s
		c := newClient(t, &slow)
		if _, err := c.ListBackups(ctx, nil); err != nil {
			t.Fatal(err)
		}
		dctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.ListBackups(dctx, nil)
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "rate limit") || time.Since(start) > time.Second {
			t.Fatalf("err = %v after %v", err, time.Since(start))
		}
	})
	t.Run("negative", func(t *testing.T) {
		bad := *cfg
		bad.RateLimit = -1
		if _, err := client.NewClient(&bad); err == nil {
			t.Error("NewClient accepted RateLimit -1")
		}
	})
}

// transportErr builds the kind of error http.Client.Do returns.
func transportErr(err error) error {
	return fmt.Errorf("computenest: ListBackups: %w", &url.Error{Op: "Post", URL: "https://computenest.cn-hangzhou.aliyuncs.com/", Err: err})
}

// attemptTimeout is an error like net/http's "timeout awaiting response
// headers": a timeout of one attempt, which errors.Is also reports as
// context.DeadlineExceeded without being the caller's deadline.
type attemptTimeout struct{}

func (attemptTimeout) Error() string        { return "net/http: timeout awaiting response headers" }
func (attemptTimeout) Timeout() bool        { return true }
func (attemptTimeout) Temporary() bool      { return true }
func (attemptTimeout) Is(target error) bool { return target == context.DeadlineExceeded }

// TestIsRetryableClassification pins the default retry decision for every
// kind of failure a call can end in.
func TestIsRetryableClassification(t *testing.T) {
	api := func(status int, code string) error {
		return fmt.Errorf("wrapped: %w", &client.APIError{Action: "ListBackups", StatusCode: status, Code: code})
	}
	decode := func(err error) error { return &client.DecodeError{Action: "ListBackups", StatusCode: 200, Err: err} }
	throttled := api(400, "Throttling.User")
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"Throttling.User 400", throttled, true},
		{"Throttling 429 without a code", api(429, ""), true},
		{"Throttling.Api", api(400, "Throttling.Api"), true},
		{"ServiceUnavailable 503", api(503, "ServiceUnavailable"), true},
		{"InternalError 500", api(500, "InternalError"), true},
		{"proxy 502", api(502, ""), true},
		{"gateway timeout 504", api(504, ""), true},
		{"InvalidParameter", api(400, "InvalidParameter"), false},
		{"MissingParameter", api(400, "MissingParameter"), false},
		{"SignatureDoesNotMatch", api(400, "SignatureDoesNotMatch"), false},
		{"IncompleteSignature", api(400, "IncompleteSignature"), false},
		{"InvalidAccessKeyId.NotFound", api(404, "InvalidAccessKeyId.NotFound"), false},
		{"Forbidden.RAM", api(403, "Forbidden.RAM"), false},
		{"NoPermission", api(403, "NoPermission"), false},
		{"credentials", &client.CredentialsError{Err: errors.New("no provider")}, false},
		{"validation", fmt.Errorf("computenest: ListBackups: %w", &models.ValidationError{Field: "MaxResults"}), false},
		{"cut-off body", decode(fmt.Errorf("body ends mid-document: %w", io.ErrUnexpectedEOF)), true},
		{"connection reset mid-body", decode(&net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}), true},
		{"empty body", decode(errors.New("empty body")), false},
		{"wrong shape", decode(errors.New("the response has TotalCount 3 but no Backups list")), false},
		{"too large", decode(fmt.Errorf("%w (8 bytes)", client.ErrResponseTooLarge)), false},
		{"dropped connection (EOF)", transportErr(io.EOF), true},
		{"connection reset", transportErr(&net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}), true},
		{"connection refused", transportErr(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), true},
		{"response header timeout", transportErr(attemptTimeout{}), true},
		{"DNS temporary failure", transportErr(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "server misbehaving", Name: "x", IsTemporary: true}}), true},
		{"DNS no such host", transportErr(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "x", IsNotFound: true}}), false},
		{"untrusted certificate", transportErr(x509.UnknownAuthorityError{}), false},
		{"certificate for another host", transportErr(x509.HostnameError{Host: "x"}), false},
		{"caller's deadline", fmt.Errorf("computenest: ListBackups: %w", context.DeadlineExceeded), false},
		{"caller's deadline inside the transport error", transportErr(context.DeadlineExceeded), false},
		{"caller's cancel", transportErr(context.Canceled), false},
		{"deadline during backoff", fmt.Errorf("computenest: ListBackups: %w (while waiting to retry after: %w)", context.DeadlineExceeded, throttled), false},
		{"unknown error", errors.New("something else"), false},
	}
	for _, tt := range tests {
		if got := client.IsRetryable(tt.err); got != tt.want {
			t.Errorf("%s: IsRetryable(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

// TestRedirectNotFollowed: a redirect (from a captive portal, a
// misconfigured proxy, a hostile network) is not followed. Go's http.Client
// would follow it to the other host with every header but Authorization,
// the x-acs-security-token among them, and return that host's answer as
// the page.
func TestRedirectNotFollowed(t *testing.T) {
	var mu sync.Mutex
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		leaked = append(leaked, r.Header.Get("x-acs-security-token"))
		mu.Unlock()
		jsonHandler(200, emptyBackups)(w, r) // whatever the method: a follow-up of a 302 is a GET
	}))
	t.Cleanup(other.Close)
	// The same server under another name, so net/http treats it as another host.
	elsewhere := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	redirecting := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere+"/", http.StatusFound)
	})
	cfg := redirecting.config()
	cfg.SecurityToken = testToken
	_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
	var e *client.DecodeError
	if !errors.As(err, &e) || e.StatusCode != http.StatusFound {
		t.Errorf("err = %v, want the 302 reported as a *client.DecodeError", err)
	}
	if len(leaked) != 0 {
		t.Errorf("the redirect was followed: the other host got %d requests, with the security token %q", len(leaked), leaked)
	}
}
