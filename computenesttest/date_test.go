package computenesttest_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
)

// TestDateFromTheServersClock: every answer's Date header is the fake's
// own time (WithClock's), in http.TimeFormat and GMT, as the service's
// answers carry its time: a success, an error the client caused, a
// refusal for the date, an injected fault, an answer after an injected
// delay (stamped when it leaves) and the admin API's answers.
func TestDateFromTheServersClock(t *testing.T) {
	var mu sync.Mutex
	// A zone other than UTC, to see the header converted to GMT.
	now := time.Date(2031, 3, 4, 13, 14, 15, 0, time.FixedZone("CST", 8*3600))
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	srv := newFake(t, computenesttest.WithClock(clock), computenesttest.WithAdminAPI())
	want := func(t *testing.T, h http.Header) {
		t.Helper()
		if got, w := h.Values("Date"), clock().UTC().Format(http.TimeFormat); len(got) != 1 || got[0] != w {
			t.Errorf("Date = %q, want [%q]", got, w)
		}
	}

	t.Run("success", func(t *testing.T) {
		res := rawCall{date: clock()}.do(t, srv)
		if res.status != 200 {
			t.Fatalf("%d %s", res.status, res.body)
		}
		want(t, res.header)
		if got := res.header.Get("Date"); got != "Tue, 04 Mar 2031 05:14:15 GMT" {
			t.Errorf("Date = %q", got)
		}
	})
	t.Run("wrong secret", func(t *testing.T) {
		res := rawCall{date: clock(), secret: "wrong", keyID: keyID}.do(t, srv)
		if res.errorDoc(t).Code != "SignatureDoesNotMatch" {
			t.Fatalf("%s", res.body)
		}
		want(t, res.header)
	})
	t.Run("unsigned", func(t *testing.T) {
		res := rawCall{unsigned: true}.do(t, srv)
		if res.errorDoc(t).Code != "IncompleteSignature" {
			t.Fatalf("%s", res.body)
		}
		want(t, res.header)
	})
	t.Run("expired", func(t *testing.T) {
		res := rawCall{}.do(t, srv) // dated by this machine's clock, years off
		if res.errorDoc(t).Code != "InvalidTimeStamp.Expired" {
			t.Fatalf("%s", res.body)
		}
		want(t, res.header)
	})
	t.Run("fault", func(t *testing.T) {
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle})
		res := rawCall{date: clock()}.do(t, srv)
		if res.errorDoc(t).Code != "Throttling.User" {
			t.Fatalf("%s", res.body)
		}
		want(t, res.header)
	})
	t.Run("stamped when it leaves", func(t *testing.T) {
		start := clock()
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: 300 * time.Millisecond})
		done := make(chan struct{})
		go func() {
			for len(srv.Faults()) > 0 { // until the request has taken the fault and waits
				select {
				case <-done:
					return
				case <-time.After(time.Millisecond):
				}
			}
			set(start.Add(time.Hour))
		}()
		res := rawCall{date: start}.do(t, srv)
		close(done)
		if res.status != 200 {
			t.Fatalf("%d %s", res.status, res.body)
		}
		want(t, res.header) // an hour on: the clock moved during the delay
	})
	t.Run("admin", func(t *testing.T) {
		r, err := http.NewRequest(http.MethodGet, srv.URL()+computenesttest.AdminPrefix+"requests", nil)
		if err != nil {
			t.Fatal(err)
		}
		res := send(t, r)
		if res.status != 200 {
			t.Fatalf("%d %s", res.status, res.body)
		}
		want(t, res.header)
	})
}
