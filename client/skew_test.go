package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
)

// skewedService starts the fake with its clock off by skew from this
// machine's; its answers' Date header tells that clock's time, as the real
// service's tell its own. It returns a client config for it.
func skewedService(t *testing.T, skew time.Duration) (*computenesttest.Server, *client.Config) {
	t.Helper()
	clock := func() time.Time { return time.Now().Add(skew) }
	srv := newFake(t, computenesttest.WithClock(clock), computenesttest.WithDemoData(3, 5, 5))
	cfg := srv.ClientConfig()
	cfg.Retry = client.NoRetries()
	return srv, cfg
}

// TestClockSkewCorrected: with the service's clock 20 minutes ahead of or
// behind this machine's, the first call is refused for its date
// (InvalidTimeStamp.Expired), learns the offset from that answer's Date
// header, signs again and succeeds, with retries off; later calls are
// dated right from the start.
func TestClockSkewCorrected(t *testing.T) {
	for _, skew := range []time.Duration{20 * time.Minute, -20 * time.Minute} {
		t.Run(skew.String(), func(t *testing.T) {
			srv, cfg := skewedService(t, skew)
			sink := &logSink{}
			cfg.Logger = debugLogger(sink)
			c := newClient(t, cfg)
			ctx := context.Background()
			if resp, err := c.ListBackups(ctx, nil); err != nil || len(resp.Backups) != 5 {
				t.Fatalf("first call: %v", err)
			}
			log := srv.Requests()
			if len(log) != 2 || log[0].Code != "InvalidTimeStamp.Expired" || log[1].Code != "" {
				t.Fatalf("requests: %+v", log)
			}
			if _, err := c.ListRestoreTasks(ctx, nil); err != nil {
				t.Fatalf("second call: %v", err)
			}
			if n := len(srv.Requests()); n != 3 {
				t.Errorf("%d requests; the second call should have been dated right at once", n)
			}
			if lines := sink.attempts(t); len(lines) != 3 || lines[0].Attempt != 1 || lines[1].Attempt != 2 {
				t.Errorf("log: %+v", lines)
			}
		})
	}
}

// TestClockSkewNotLearntWithoutEvidence: a refusal for the date whose
// answer has no Date header, or one that agrees with this machine's clock,
// teaches nothing: the call fails once, typed, and is not repeated.
func TestClockSkewNotLearntWithoutEvidence(t *testing.T) {
	t.Run("no Date header", func(t *testing.T) {
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Date"] = nil // net/http adds none
			jsonHandler(400, `{"Code":"InvalidTimeStamp.Expired","Message":"expired"}`)(w, r)
		})
		_, err := newClient(t, ts.config()).ListBackups(context.Background(), nil)
		var e *client.APIError
		if !errors.As(err, &e) || e.Code != "InvalidTimeStamp.Expired" || len(ts.got()) != 1 {
			t.Fatalf("err = %v after %d requests", err, len(ts.got()))
		}
	})
	t.Run("Date agrees with our clock", func(t *testing.T) {
		ts := newTestServer(t, jsonHandler(400, `{"Code":"InvalidTimeStamp.Expired","Message":"expired"}`)) // net/http's Date is our time
		_, err := newClient(t, ts.config()).ListBackups(context.Background(), nil)
		var e *client.APIError
		if !errors.As(err, &e) || e.Code != "InvalidTimeStamp.Expired" || len(ts.got()) != 1 {
			t.Fatalf("err = %v after %d requests", err, len(ts.got()))
		}
	})
}
