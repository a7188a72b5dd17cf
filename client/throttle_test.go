package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
)

// endHook calls fn at the end of every attempt.
type endHook func(client.AttemptEvent)

func (endHook) AttemptStart(ctx context.Context, _ string, _ int) context.Context { return ctx }
func (h endHook) AttemptEnd(_ context.Context, ev client.AttemptEvent)            { h(ev) }

// TestThrottleHintSlowsEveryGoroutine: while one call waits out the
// service's retry-after hint, the goroutines sharing its client send nothing
// until the hint's time either, with or without Config.RateLimit.
func TestThrottleHintSlowsEveryGoroutine(t *testing.T) {
	for _, rateLimit := range []float64{0, 1000} {
		const hint = 150 * time.Millisecond
		srv := newFake(t)
		c := fakeClient(t, srv, withRetry(&client.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Second}),
			func(cfg *client.Config) { cfg.RateLimit, cfg.RateBurst = rateLimit, 10 })
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, RetryAfter: hint})

		throttled := make(chan struct{})
		var once sync.Once
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 5)
		wg.Go(func() {
			_, err := c.ListBackups(ctx, nil, func(o *client.Options) {
				o.Hook = endHook(func(ev client.AttemptEvent) {
					if ev.StatusCode != 200 {
						once.Do(func() { close(throttled) })
					}
				})
			})
			errs <- err
		})
		<-throttled // the first call is now waiting out the hint
		for range 4 {
			wg.Go(func() {
				_, err := c.ListRestoreTasks(ctx, nil)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("RateLimit %v: %v", rateLimit, err)
			}
		}
		reqs := srv.Requests()
		if len(reqs) != 6 || reqs[0].Code == "" {
			t.Fatalf("RateLimit %v: fake saw %d requests (first %+v), want the throttled one and 5 more", rateLimit, len(reqs), reqs[0])
		}
		for _, r := range reqs[1:] {
			if early := reqs[0].Time.Add(hint).Sub(r.Time); early > 0 {
				t.Errorf("RateLimit %v: %s sent %v before the hint's time", rateLimit, r.Action, early)
			}
		}
	}
}

// TestThrottleHintBoundedAndCtxAware: the gate holds for at most the
// throttled call's RetryPolicy.MaxDelay, and a caller whose ctx ends while
// it waits gets ctx's error without sending anything.
func TestThrottleHintBoundedAndCtxAware(t *testing.T) {
	srv := newFake(t)
	c := fakeClient(t, srv, withRetry(&client.RetryPolicy{MaxAttempts: 1, MaxDelay: 30 * time.Millisecond}))
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, RetryAfter: time.Hour})
	var apiErr *client.APIError
	if _, err := c.ListBackups(context.Background(), nil); !errors.As(err, &apiErr) || apiErr.RetryAfter != time.Hour {
		t.Fatalf("err = %v, want the throttling answer with its hint", err)
	}
	bounded, cancelBounded := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelBounded()
	if _, err := c.ListBackups(bounded, nil); err != nil {
		t.Fatalf("the next call: %v (the gate should hold for MaxDelay, 30ms, not the hour)", err)
	}
	if reqs := srv.Requests(); reqs[1].Time.Sub(reqs[0].Time) < 30*time.Millisecond {
		t.Errorf("the next call was sent %v after the throttled one, want at least MaxDelay (30ms)", reqs[1].Time.Sub(reqs[0].Time))
	}

	before := len(srv.Requests())
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.ListRestoreTasks(ctx, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting behind an hour's hint with a 20ms ctx: err = %v, want DeadlineExceeded", err)
	}
	if after := len(srv.Requests()); after != before {
		t.Errorf("%d requests sent while the gate was closed", after-before)
	}
}

// TestThrottleGateKeepsMaxElapsed: a hold longer than what is left of a
// call's MaxElapsed ends that call at once, with no request sent, instead
// of stretching it past its bound.
func TestThrottleGateKeepsMaxElapsed(t *testing.T) {
	srv := newFake(t)
	c := fakeClient(t, srv, withRetry(&client.RetryPolicy{MaxAttempts: 1, MaxDelay: time.Hour}))
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, RetryAfter: time.Hour})
	if _, err := c.ListBackups(context.Background(), nil); !client.IsThrottling(err) {
		t.Fatalf("err = %v, want the throttling answer", err)
	}
	before := len(srv.Requests())
	start := time.Now()
	_, err := c.ListBackups(context.Background(), nil, func(o *client.Options) { o.Retry.MaxElapsed = 50 * time.Millisecond })
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "MaxElapsed") {
		t.Errorf("err = %v, want one that wraps context.DeadlineExceeded and names MaxElapsed", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the call took %v behind an hour's hold with a MaxElapsed of 50ms", took)
	}
	if after := len(srv.Requests()); after != before {
		t.Errorf("%d requests sent while the gate was closed", after-before)
	}
}

// TestGateHeldOnlyByOverload: an answer that says nothing of the service's
// load (400 InvalidParameter, 403, 404) holds no other call, whatever
// Retry-After it carries; a throttling answer and a 503 do.
func TestGateHeldOnlyByOverload(t *testing.T) {
	for _, tt := range []struct {
		status int
		code   string
		holds  bool
	}{
		{400, "InvalidParameter", false}, {403, "Forbidden.RAM", false}, {404, "InvalidAccessKeyId.NotFound", false},
		{400, "Throttling.User", true}, {429, "Throttling", true}, {503, "ServiceUnavailable", true},
	} {
		t.Run(tt.code, func(t *testing.T) {
			first := true
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				if first {
					first = false
					w.Header().Set("Retry-After", "3")
					w.WriteHeader(tt.status)
					fmt.Fprintf(w, `{"RequestId":"R1","Code":%q,"Message":"m"}`, tt.code)
					return
				}
				io.WriteString(w, `{"RequestId":"R2","TotalCount":0,"Backups":[]}`)
			})
			cfg := ts.config()
			cfg.Retry = &client.RetryPolicy{MaxAttempts: 1, MaxDelay: 200 * time.Millisecond}
			c := newClient(t, cfg)
			if _, err := c.ListBackups(context.Background(), nil); err == nil {
				t.Fatal("the first call succeeded")
			}
			start := time.Now()
			if _, err := c.ListBackups(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			if held := time.Since(start) >= 200*time.Millisecond; held != tt.holds {
				t.Errorf("HTTP %d %s: the next call held %v, want held %v", tt.status, tt.code, time.Since(start), tt.holds)
			}
		})
	}
}

// TestPerCallMaxDelayStaysWithTheCall: a call whose Options allow an hour's
// wait, throttled with an hour's hint, does not make another call of the
// client, under the client's own MaxDelay, wait an hour or fail: each call
// waits at most its own MaxDelay.
func TestPerCallMaxDelayStaysWithTheCall(t *testing.T) {
	srv := newFake(t)
	c := fakeClient(t, srv, withRetry(&client.RetryPolicy{MaxAttempts: 1, MaxDelay: 100 * time.Millisecond}))
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, RetryAfter: time.Hour})
	_, err := c.ListBackups(context.Background(), nil, func(o *client.Options) { o.Retry.MaxDelay = time.Hour })
	if !client.IsThrottling(err) {
		t.Fatalf("err = %v, want the throttling answer", err)
	}
	start := time.Now()
	if _, err := c.ListBackups(context.Background(), nil); err != nil {
		t.Fatalf("a call under the client's policy after another call's hour-long hint: %v", err)
	}
	if took := time.Since(start); took < 100*time.Millisecond || took > 5*time.Second {
		t.Errorf("it waited %v, want the client's MaxDelay (100ms)", took)
	}
}
