package computenesttest_test

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// fastRetries retries quickly, so tests of recovery stay fast.
func fastRetries(srv *computenesttest.Server) *client.Config {
	cfg := srv.ClientConfig()
	cfg.Retry = &client.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}
	return cfg
}

func TestFaultsSeenRaw(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		fault computenesttest.Fault
		check func(t *testing.T, err error)
	}{
		{"throttle", computenesttest.Fault{Kind: computenesttest.FaultThrottle}, func(t *testing.T, err error) {
			e := apiError(t, err, 400, "Throttling.User")
			if !client.IsThrottling(e) || !client.IsRetryable(e) || e.RetryAfter != 0 {
				t.Errorf("%+v", e)
			}
		}},
		{"throttle with a hint", computenesttest.Fault{Kind: computenesttest.FaultThrottle, RetryAfter: 1500 * time.Millisecond}, func(t *testing.T, err error) {
			if e := apiError(t, err, 400, "Throttling.User"); e.RetryAfter != 1500*time.Millisecond {
				t.Errorf("RetryAfter = %v", e.RetryAfter)
			}
		}},
		{"throttle as 429", computenesttest.Fault{Kind: computenesttest.FaultThrottle, Status: 429}, func(t *testing.T, err error) {
			apiError(t, err, 429, "Throttling.User")
		}},
		{"503", computenesttest.Fault{Kind: computenesttest.FaultServerError}, func(t *testing.T, err error) {
			if e := apiError(t, err, 503, "ServiceUnavailable"); !client.IsRetryable(e) {
				t.Error("503 not retryable")
			}
		}},
		{"500", computenesttest.Fault{Kind: computenesttest.FaultServerError, Status: 500}, func(t *testing.T, err error) {
			apiError(t, err, 500, "InternalError")
		}},
		{"HTML 502", computenesttest.Fault{Kind: computenesttest.FaultHTMLBody}, func(t *testing.T, err error) {
			var e *client.APIError
			if !errors.As(err, &e) || e.StatusCode != 502 || e.Code != "" || !strings.Contains(e.Body, "502 Bad Gateway") || e.RequestId == "" {
				t.Fatalf("err = %v", err)
			}
		}},
		{"HTML 200", computenesttest.Fault{Kind: computenesttest.FaultHTMLBody, Status: 200}, func(t *testing.T, err error) {
			var e *client.DecodeError
			if !errors.As(err, &e) || !strings.Contains(e.ContentType, "text/html") || e.RequestId == "" {
				t.Fatalf("err = %v", err)
			}
		}},
		{"empty 200", computenesttest.Fault{Kind: computenesttest.FaultEmptyBody}, func(t *testing.T, err error) {
			var e *client.DecodeError
			if !errors.As(err, &e) || !strings.Contains(err.Error(), "empty body") {
				t.Fatalf("err = %v", err)
			}
		}},
		{"empty 500", computenesttest.Fault{Kind: computenesttest.FaultEmptyBody, Status: 500}, func(t *testing.T, err error) {
			var e *client.APIError
			if !errors.As(err, &e) || e.StatusCode != 500 || e.Body != "" || !strings.Contains(err.Error(), "empty body") {
				t.Fatalf("err = %v", err)
			}
		}},
		{"truncated", computenesttest.Fault{Kind: computenesttest.FaultTruncatedBody}, func(t *testing.T, err error) {
			var e *client.DecodeError
			if !errors.As(err, &e) || !errors.Is(err, io.ErrUnexpectedEOF) || !client.IsRetryable(err) {
				t.Fatalf("err = %v", err)
			}
		}},
		{"dropped connection", computenesttest.Fault{Kind: computenesttest.FaultDropConnection}, func(t *testing.T, err error) {
			var e *client.APIError
			if err == nil || errors.As(err, &e) || !client.IsRetryable(err) {
				t.Fatalf("err = %v, want a retryable transport error", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFake(t, computenesttest.WithDemoData(1, 5, 5))
			c := newClient(t, srv)
			srv.InjectFault(tt.fault)
			resp, err := c.ListBackups(ctx, nil)
			if resp != nil {
				t.Errorf("a response with the fault: %+v", resp)
			}
			tt.check(t, err)
			log := srv.Requests()
			if len(log) != 1 || log[0].Fault != tt.fault.Kind.String() {
				t.Fatalf("log = %+v", log)
			}
			var e *client.APIError
			if errors.As(err, &e) && log[0].RequestId != e.RequestId {
				t.Errorf("RequestId %q, logged %q", e.RequestId, log[0].RequestId)
			}
			// The fault was used up: the next call succeeds.
			if _, err := c.ListBackups(ctx, nil); err != nil {
				t.Errorf("after the fault: %v", err)
			}
		})
	}
}

func TestFaultsRecoveredByRetries(t *testing.T) {
	for _, kind := range []computenesttest.FaultKind{
		computenesttest.FaultThrottle, computenesttest.FaultServerError, computenesttest.FaultHTMLBody,
		computenesttest.FaultTruncatedBody, computenesttest.FaultDropConnection,
	} {
		t.Run(kind.String(), func(t *testing.T) {
			srv := newFake(t, computenesttest.WithDemoData(1, 5, 0))
			srv.InjectFault(computenesttest.Fault{Kind: kind, Times: 2})
			resp, err := mustClient(t, fastRetries(srv)).ListBackups(context.Background(), nil)
			if err != nil || len(resp.GetBackups()) != 5 {
				t.Fatalf("resp %v, err %v", resp, err)
			}
			log := srv.Requests()
			var faults []string
			for _, r := range log {
				faults = append(faults, r.Fault)
			}
			if want := []string{kind.String(), kind.String(), ""}; !slices.Equal(faults, want) {
				t.Errorf("faults per attempt = %q, want %q", faults, want)
			}
			if log[2].RequestId != resp.GetRequestId() || log[2].Status != 200 {
				t.Errorf("last attempt %+v, response RequestId %s", log[2], resp.GetRequestId())
			}
		})
	}
}

func TestThrottleRetryAfterIsHonoured(t *testing.T) {
	srv := newFake(t)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, RetryAfter: 80 * time.Millisecond})
	cfg := srv.ClientConfig()
	cfg.Retry = &client.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Second}
	if _, err := mustClient(t, cfg).ListBackups(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	log := srv.Requests()
	if len(log) != 2 {
		t.Fatalf("%d requests", len(log))
	}
	if gap := log[1].Time.Sub(log[0].Time); gap < 80*time.Millisecond {
		t.Errorf("retried after %v, the hint said 80ms", gap)
	}
}

func TestFaultDelay(t *testing.T) {
	srv := newFake(t)
	c := newClient(t, srv)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: 60 * time.Millisecond})
	start := time.Now()
	if _, err := c.ListBackups(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 60*time.Millisecond {
		t.Errorf("answered after %v, want at least 60ms", took)
	}

	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.ListBackups(ctx, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the caller's deadline", err)
	}

	// A delay combines with another fault, and Close cuts it short.
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Delay: 30 * time.Millisecond})
	start = time.Now()
	_, err := c.ListBackups(context.Background(), nil)
	apiError(t, err, 400, "Throttling.User")
	if time.Since(start) < 30*time.Millisecond {
		t.Error("throttle answered before its delay")
	}
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: time.Minute})
	go func() { time.Sleep(30 * time.Millisecond); srv.Close() }()
	start = time.Now()
	if _, err := c.ListBackups(context.Background(), nil); err == nil {
		t.Error("a call to a closing server succeeded")
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Close waited %v for a delayed request", took)
	}
}

func TestPaginationFaults(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(2, 10, 0))
	c := newClient(t, srv)
	ctx := context.Background()
	all := srv.Backups().All()
	page := func(token string) *models.ListBackupsResponse {
		t.Helper()
		resp, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(3).SetNextToken(token))
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}

	p1 := page("")
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultRepeatNextToken, Action: "ListBackups"})
	p2 := page(p1.GetNextToken())
	if p2.GetNextToken() != p1.GetNextToken() {
		t.Errorf("RepeatNextToken answered %q, want the token sent %q", p2.GetNextToken(), p1.GetNextToken())
	}
	if !slices.Equal(backupIDs(p2.GetBackups()), backupIDs(all[3:6])) {
		t.Errorf("RepeatNextToken page: %v", backupIDs(p2.GetBackups()))
	}

	// A first page carries no token to repeat: the fault waits for the
	// second page instead of leading back to the start (which would make
	// a client list the first page twice with no way to tell).
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultRepeatNextToken})
	first := page("")
	if len(srv.Faults()) != 1 {
		t.Errorf("RepeatNextToken was used up by a first page")
	}
	second := page(first.GetNextToken())
	if second.GetNextToken() != first.GetNextToken() || !slices.Equal(backupIDs(second.GetBackups()), backupIDs(all[3:6])) {
		t.Errorf("second page: token %q (sent %q), items %v", second.GetNextToken(), first.GetNextToken(), backupIDs(second.GetBackups()))
	}

	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultEmptyPageWithToken})
	empty := page(p1.GetNextToken())
	if len(empty.GetBackups()) != 0 || empty.GetNextToken() == "" || empty.GetNextToken() == p1.GetNextToken() || empty.GetTotalCount() != 10 {
		t.Errorf("EmptyPageWithToken: %d items, token %q (sent %q), TotalCount %d",
			len(empty.GetBackups()), empty.GetNextToken(), p1.GetNextToken(), empty.GetTotalCount())
	}
	resumed := page(empty.GetNextToken())
	if !slices.Equal(backupIDs(resumed.GetBackups()), backupIDs(all[3:6])) {
		t.Errorf("after the empty page: %v, want %v", backupIDs(resumed.GetBackups()), backupIDs(all[3:6]))
	}
	// RestartListing answers page 1 again with a fresh token to page 2; it
	// too waits for a request that carries a token.
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultRestartListing})
	if resp := page(""); !slices.Equal(backupIDs(resp.GetBackups()), backupIDs(all[:3])) || len(srv.Faults()) != 1 {
		t.Errorf("RestartListing was used up by a first page: %v", backupIDs(resp.GetBackups()))
	}
	restarted := page(p1.GetNextToken()) // asks for page 2
	if !slices.Equal(backupIDs(restarted.GetBackups()), backupIDs(all[:3])) || restarted.GetNextToken() == p1.GetNextToken() ||
		restarted.GetTotalCount() != 10 {
		t.Errorf("RestartListing: %v, token %q (page 1's %q)", backupIDs(restarted.GetBackups()), restarted.GetNextToken(), p1.GetNextToken())
	}
	if last := srv.Requests()[len(srv.Requests())-1]; last.Fault != "RestartListing" {
		t.Errorf("the log says fault %q", last.Fault)
	}
	if again := page(restarted.GetNextToken()); !slices.Equal(backupIDs(again.GetBackups()), backupIDs(all[3:6])) {
		t.Errorf("following the restart's token: %v, want page 2 %v", backupIDs(again.GetBackups()), backupIDs(all[3:6]))
	}

	// On the last page too, the empty page carries a token.
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultEmptyPageWithToken})
	if resp := page(""); len(resp.GetBackups()) != 0 || resp.GetNextToken() == "" {
		t.Errorf("empty first page: %+v", resp)
	}
}

func TestFaultScopeOrderAndCount(t *testing.T) {
	srv := newFake(t)
	c := newClient(t, srv)
	ctx := context.Background()
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError, Action: "ListRestoreTasks", Times: 2})
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 3})

	var got []string
	for _, call := range []string{"B", "R", "B", "R", "R", "B", "R"} {
		var err error
		if call == "B" {
			_, err = c.ListBackups(ctx, nil)
		} else {
			_, err = c.ListRestoreTasks(ctx, nil)
		}
		var e *client.APIError
		switch {
		case err == nil:
			got = append(got, call+":ok")
		case errors.As(err, &e):
			got = append(got, call+":"+e.Code)
		default:
			t.Fatal(err)
		}
		if call == "R" && len(got) == 2 {
			if f := srv.Faults(); len(f) != 2 || f[0].Times != 1 || f[1].Times != 2 {
				t.Errorf("pending after two calls: %+v", f)
			}
		}
	}
	want := []string{"B:Throttling.User", "R:ServiceUnavailable", "B:Throttling.User", "R:ServiceUnavailable", "R:Throttling.User", "B:ok", "R:ok"}
	if !slices.Equal(got, want) {
		t.Errorf("outcomes\n got %v\nwant %v", got, want)
	}
	if f := srv.Faults(); len(f) != 0 {
		t.Errorf("faults left: %+v", f)
	}
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 100})
	srv.ClearFaults()
	if _, err := c.ListBackups(ctx, nil); err != nil {
		t.Errorf("after ClearFaults: %v", err)
	}
}

func TestInjectFaultRejectsMistakes(t *testing.T) {
	srv := newFake(t)
	const (
		throttle = computenesttest.FaultThrottle
		server   = computenesttest.FaultServerError
		html     = computenesttest.FaultHTMLBody
		drop     = computenesttest.FaultDropConnection
		delay    = computenesttest.FaultDelay
	)
	for name, tt := range map[string]struct {
		f    computenesttest.Fault
		want string // in the panic's message
	}{
		"no kind":                     {computenesttest.Fault{}, "unknown kind"},
		"unknown kind":                {computenesttest.Fault{Kind: 99}, "unknown kind"},
		"unknown action":              {computenesttest.Fault{Kind: throttle, Action: "ListBackup"}, `unknown action "ListBackup"`},
		"status 99":                   {computenesttest.Fault{Kind: server, Status: 99}, "Status 99: FaultServerError answers a status from 500 to 599"},
		"status 1000":                 {computenesttest.Fault{Kind: html, Status: 1000}, "Status 1000: FaultHTMLBody answers a status from 200 to 599"},
		"throttle 200":                {computenesttest.Fault{Kind: throttle, Status: 200}, "from 400 to 599"},
		"server error 404":            {computenesttest.Fault{Kind: server, Status: 404}, "from 500 to 599"},
		"status on a dropped conn":    {computenesttest.Fault{Kind: drop, Status: 500}, "Status must be 0"},
		"negative times":              {computenesttest.Fault{Kind: throttle, Times: -1}, "invalid Times -1: negative"},
		"negative delay":              {computenesttest.Fault{Kind: delay, Delay: -time.Second}, "invalid Delay -1s: negative"},
		"retry-after on a 5xx":        {computenesttest.Fault{Kind: server, RetryAfter: time.Second}, "only by FaultThrottle"},
		"negative retry-after":        {computenesttest.Fault{Kind: throttle, RetryAfter: -time.Second}, "negative"},
		"status 1000 on a throttling": {computenesttest.Fault{Kind: throttle, Status: 1000}, "Status 1000"},
	} {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, "computenesttest: InjectFault: ") || !strings.Contains(msg, tt.want) {
					t.Errorf("%s: InjectFault panicked with %q, want a message with %q", name, msg, tt.want)
				}
			}()
			srv.InjectFault(tt.f)
		}()
	}
	if f := srv.Faults(); len(f) != 0 {
		t.Errorf("invalid faults were queued: %+v", f)
	}
	// The limits themselves are valid.
	for _, f := range []computenesttest.Fault{{Kind: server, Status: 599}, {Kind: html, Status: 200}, {Kind: throttle, Status: 429, RetryAfter: time.Second}} {
		srv.InjectFault(f)
	}
	if computenesttest.FaultKind(99).String() != "FaultKind(99)" || computenesttest.FaultEmptyPageWithToken.String() != "EmptyPageWithToken" {
		t.Error("FaultKind.String")
	}
}
