package client_test

// Tests that every call ends: a per-attempt bound that covers the body,
// with the SDK's HTTP client or the caller's; a credential provider that
// ignores ctx; and RetryPolicy.MaxElapsed over a whole call.

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"

	"github.com/computenest-sdk/computenest-go/client"
)

// stall answers with status and the start of a list body, then sends
// nothing more until the client gives up. With trickle set it sends the
// rest of the body one byte every 20ms instead, which would take minutes.
func stall(status int, trickle bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("x-acs-request-id", "STALL-1")
		w.WriteHeader(status)
		io.WriteString(w, `{"TotalCount":1,"Backups":[`)
		w.(http.Flusher).Flush()
		if !trickle {
			<-r.Context().Done()
			return
		}
		for range 10000 {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
			if _, err := io.WriteString(w, " "); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	}
}

// TestAttemptTimeoutBoundsTheBody: a body that stalls or trickles after
// the headers ends the attempt at Config.AttemptTimeout; the attempt is
// retried like a dropped connection, and the call ends in a
// *TransportError wrapping ErrAttemptTimeout with the attempt count and
// the request ID of the headers that did arrive.
func TestAttemptTimeoutBoundsTheBody(t *testing.T) {
	for _, tt := range []struct {
		name    string
		handler http.HandlerFunc
		status  int
		custom  bool // Config.HTTPClient set: the SDK's transport timeouts do not apply
	}{
		{"200 then stall", stall(200, false), 200, false},
		{"503 then stall", stall(503, false), 503, false},
		{"200 trickling", stall(200, true), 200, false},
		{"200 then stall, custom HTTPClient", stall(200, false), 200, true},
		{"no headers, custom HTTPClient", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, tt.handler)
			cfg := ts.config()
			cfg.AttemptTimeout = 80 * time.Millisecond
			cfg.Retry = &client.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}
			if tt.custom {
				cfg.HTTPClient = &http.Client{}
			}
			start := time.Now()
			_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
			took := time.Since(start)
			if n := len(ts.got()); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
			if took > 2*time.Second {
				t.Errorf("took %v for two attempts of 80ms", took)
			}
			var apiErr *client.APIError
			if tt.status >= 400 {
				// The status arrived: it is the answer, with what came of the body.
				if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status || apiErr.RequestId != "STALL-1" {
					t.Errorf("err = %v, want the %d as an *client.APIError", err, tt.status)
				}
				return
			}
			var te *client.TransportError
			if !errors.As(err, &te) || !errors.Is(err, client.ErrAttemptTimeout) || te.Attempts != 2 {
				t.Fatalf("err = %v (%T), want a *client.TransportError wrapping ErrAttemptTimeout after 2 attempts", err, err)
			}
			if !client.IsRetryable(err) {
				t.Errorf("an attempt's timeout must not read as the caller's deadline: %v", err)
			}
			if tt.name != "no headers, custom HTTPClient" && te.RequestId != "STALL-1" {
				t.Errorf("RequestId %q, want the headers' STALL-1", te.RequestId)
			}
		})
	}
	t.Run("waiter and ListAll", func(t *testing.T) {
		ts := newTestServer(t, stall(200, false))
		cfg := ts.config()
		cfg.AttemptTimeout = 50 * time.Millisecond
		c := newClient(t, cfg)
		start := time.Now()
		_, err := client.WaitForRestoreTask(context.Background(), c, "restore-1")
		if !errors.Is(err, client.ErrAttemptTimeout) {
			t.Errorf("waiter: %v", err)
		}
		if _, err := listAll(client.NewListBackupsPaginator(c, nil).Items(context.Background())); !errors.Is(err, client.ErrAttemptTimeout) {
			t.Errorf("ListAllBackups: %v", err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v", d)
		}
	})
	t.Run("the caller's deadline is not retried", func(t *testing.T) {
		ts := newTestServer(t, stall(200, false))
		cfg := ts.config()
		cfg.Retry = &client.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond}
		ctx, cancel := context.WithTimeout(context.Background(), 80*time.Millisecond)
		defer cancel()
		_, err := newClient(t, cfg).ListBackups(ctx, nil)
		var te *client.TransportError
		if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &te) || len(ts.got()) != 1 {
			t.Fatalf("err = %v after %d requests, want the context's error after 1", err, len(ts.got()))
		}
	})
	t.Run("negative", func(t *testing.T) {
		if _, err := client.NewClient(&client.Config{AccessKeyId: "a", AccessKeySecret: "b", AttemptTimeout: -1}); err == nil ||
			!strings.Contains(err.Error(), "AttemptTimeout") {
			t.Errorf("NewClient with AttemptTimeout -1: %v", err)
		}
	})
}

// blockingCredential is a provider that ignores everything until released,
// as the ECS metadata service does when it is unreachable; it counts the
// calls in flight.
type blockingCredential struct {
	credentials.Credential
	release  chan struct{}
	inFlight atomic.Int32
	maxSeen  atomic.Int32
	calls    atomic.Int32
}

func (b *blockingCredential) GetCredential() (*credentials.CredentialModel, error) {
	b.calls.Add(1)
	n := b.inFlight.Add(1)
	defer b.inFlight.Add(-1)
	for {
		m := b.maxSeen.Load()
		if n <= m || b.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	<-b.release
	return &credentials.CredentialModel{Type: dara.String("access_key"), AccessKeyId: dara.String(testKeyID), AccessKeySecret: dara.String(testSecret)}, nil
}

// TestCredentialProviderIgnoringCtx: a call whose provider blocks returns
// when its ctx ends; many such calls share one provider call instead of
// piling up goroutines; and once the provider answers, calls succeed.
func TestCredentialProviderIgnoringCtx(t *testing.T) {
	ts := newTestServer(t, jsonHandler(200, emptyBackups))
	prov := &blockingCredential{release: make(chan struct{})}
	var once sync.Once
	releaseProv := func() { once.Do(func() { close(prov.release) }) }
	t.Cleanup(releaseProv)
	cfg := ts.config()
	cfg.AccessKeyId, cfg.AccessKeySecret = "", ""
	cfg.Credential = prov
	c := newClient(t, cfg)

	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := c.ListBackups(ctx, nil)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err = %v, want the context's deadline", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("returned after %v; the deadline was 100ms", d)
			}
		})
	}
	wg.Wait()
	if n := prov.maxSeen.Load(); n != 1 {
		t.Errorf("%d provider calls in flight at once, want 1 shared by all", n)
	}
	if len(ts.got()) != 0 {
		t.Errorf("a request was sent without credentials")
	}
	releaseProv()
	if _, err := c.ListBackups(context.Background(), nil); err != nil {
		t.Fatalf("after the provider answered: %v", err)
	}
}

// TestMaxElapsedBoundsTheCall: RetryPolicy.MaxElapsed ends a call across
// retries: no retry starts whose backoff would outlast it (the last error
// is returned at once), and an attempt in flight ends when it passes.
func TestMaxElapsedBoundsTheCall(t *testing.T) {
	if p := client.DefaultRetryPolicy(); p.MaxElapsed != time.Minute {
		t.Errorf("DefaultRetryPolicy().MaxElapsed = %v, want 1m", p.MaxElapsed)
	}
	t.Run("retries stop", func(t *testing.T) {
		ts := newTestServer(t, jsonHandler(503, `{"RequestId":"R","Code":"ServiceUnavailable","Message":"busy"}`))
		cfg := ts.config()
		cfg.Retry = &client.RetryPolicy{MaxAttempts: 1000, BaseDelay: 30 * time.Millisecond, MaxDelay: 30 * time.Millisecond, MaxElapsed: 200 * time.Millisecond}
		start := time.Now()
		_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
		took := time.Since(start)
		var e *client.APIError
		if !errors.As(err, &e) || e.StatusCode != 503 {
			t.Fatalf("err = %v, want the last attempt's 503", err)
		}
		if took > 200*time.Millisecond+500*time.Millisecond {
			t.Errorf("took %v with MaxElapsed 200ms", took)
		}
		if n := len(ts.got()); n < 3 || n > 15 {
			t.Errorf("%d attempts in 200ms of 15-30ms backoffs", n)
		}
	})
	t.Run("attempt in flight", func(t *testing.T) {
		ts := newTestServer(t, stall(200, false))
		cfg := ts.config()
		cfg.AttemptTimeout = time.Hour
		cfg.Retry = &client.RetryPolicy{MaxAttempts: 3, MaxElapsed: 100 * time.Millisecond}
		start := time.Now()
		_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
		if !errors.Is(err, context.DeadlineExceeded) || client.IsRetryable(err) || !strings.Contains(err.Error(), "MaxElapsed") {
			t.Fatalf("err = %v, want a deadline naming MaxElapsed", err)
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("took %v with MaxElapsed 100ms", took)
		}
	})
	t.Run("rate limit", func(t *testing.T) {
		ts := newTestServer(t, jsonHandler(200, emptyBackups))
		cfg := ts.config()
		cfg.RateLimit, cfg.RateBurst = 0.1, 1 // one call per 10s
		cfg.Retry = &client.RetryPolicy{MaxAttempts: 1, MaxElapsed: 100 * time.Millisecond}
		c := newClient(t, cfg)
		if _, err := c.ListBackups(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err := c.ListBackups(context.Background(), nil)
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "MaxElapsed") || time.Since(start) > time.Second {
			t.Fatalf("err = %v after %v, want MaxElapsed's end at once", err, time.Since(start))
		}
	})
	t.Run("huge", func(t *testing.T) {
		ts := newTestServer(t, jsonHandler(200, emptyBackups))
		cfg := ts.config()
		cfg.Retry = &client.RetryPolicy{MaxAttempts: 1, MaxElapsed: math.MaxInt64}
		if _, err := newClient(t, cfg).ListBackups(context.Background(), nil); err != nil {
			t.Fatalf("MaxElapsed of 292 years: %v", err)
		}
	})
	t.Run("negative", func(t *testing.T) {
		_, err := client.NewClient(&client.Config{AccessKeyId: "a", AccessKeySecret: "b", Retry: &client.RetryPolicy{MaxAttempts: 1, MaxElapsed: -1}})
		if err == nil {
			t.Error("NewClient accepted MaxElapsed -1")
		}
	})
}
