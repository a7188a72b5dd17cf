package client_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// wireRecorder is a RoundTripper that records every request's User-Agent
// and raw query before sending it on.
type wireRecorder struct {
	mu      sync.Mutex
	uas     []string
	queries []string
}

func (r *wireRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.uas = append(r.uas, req.Header.Get("User-Agent"))
	r.queries = append(r.queries, req.URL.RawQuery)
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

// take returns the User-Agents recorded since the last take.
func (r *wireRecorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.uas
	r.uas = nil
	return out
}

// withRecorder is a fakeClient edit that sends through rec.
func withRecorder(rec *wireRecorder) func(*client.Config) {
	return func(cfg *client.Config) { cfg.HTTPClient = &http.Client{Transport: rec} }
}

// fastRetries retries 3 times with millisecond backoffs.
var fastRetries = withRetry(&client.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond})

func withUserAgent(ua string) func(*client.Options) {
	return func(o *client.Options) { o.UserAgent = ua }
}

// TestOptionsRetryPerCall: a per-call retry policy applies to that call
// only; changing the copy the option function sees leaves the client's.
func TestOptionsRetryPerCall(t *testing.T) {
	srv := newFake(t)
	c := fakeClient(t, srv, fastRetries)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 1})
	_, err := c.ListBackups(context.Background(), nil, func(o *client.Options) { o.Retry.MaxAttempts = 1 })
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || !client.IsThrottling(apiErr) {
		t.Fatalf("with MaxAttempts 1 for the call: err = %v, want the throttling answer", err)
	}
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 2})
	if _, err := c.ListBackups(context.Background(), nil); err != nil {
		t.Fatalf("the next call, with the client's 3 attempts: %v", err)
	}
	if n := len(fakeRequests(srv, "ListBackups")); n != 1+3 {
		t.Errorf("fake saw %d requests, want 1 (the call without retries) + 3", n)
	}
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 1})
	_, err = c.ListRestoreTasks(context.Background(), nil, func(o *client.Options) { o.Retry = client.NoRetries() })
	if !errors.As(err, &apiErr) || !client.IsThrottling(apiErr) {
		t.Fatalf("ListRestoreTasks with NoRetries: err = %v, want the throttling answer", err)
	}
}

// TestOptionsInvalid: bad options are an error of the call, and nothing is sent.
func TestOptionsInvalid(t *testing.T) {
	srv := newFake(t)
	c := fakeClient(t, srv)
	for name, fn := range map[string]func(*client.Options){
		"MaxAttempts 0":           func(o *client.Options) { o.Retry = &client.RetryPolicy{} },
		"negative AttemptTimeout": func(o *client.Options) { o.AttemptTimeout = -time.Second },
	} {
		if _, err := c.ListBackups(context.Background(), nil, fn); err == nil || !strings.Contains(err.Error(), "Options.") {
			t.Errorf("%s: err = %v, want one naming the option", name, err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("fake saw %d requests, want none", n)
	}
}

// TestOptionsInvalidMessages: a bad per-call option is named as the
// Options field it is, not as Config's, behind one "computenest: " prefix.
func TestOptionsInvalidMessages(t *testing.T) {
	c := fakeClient(t, newFake(t))
	for _, tc := range []struct {
		fn   func(*client.Options)
		want string
	}{
		{func(o *client.Options) { o.Retry = &client.RetryPolicy{} }, "computenest: ListBackups: Options.Retry.MaxAttempts is 0: must be at least 1"},
		{func(o *client.Options) { o.Retry.BaseDelay = -1 }, "computenest: ListBackups: Options.Retry delays must not be negative"},
		{func(o *client.Options) { o.AttemptTimeout = -time.Second }, "computenest: ListBackups: Options.AttemptTimeout is -1s: must not be negative"},
	} {
		_, err := c.ListBackups(context.Background(), nil, tc.fn)
		if want := tc.want; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("err = %v, want one starting %q", err, want)
		}
	}
	_, err := client.NewClient(&client.Config{Retry: &client.RetryPolicy{}})
	if want := "computenest: Config.Retry.MaxAttempts is 0"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("NewClient: err = %v, want one starting %q", err, want)
	}
}

// TestOptionsLoggerAndUserAgent: a per-call logger gets that call's lines,
// and a per-call User-Agent is appended on the wire for that call only.
func TestOptionsLoggerAndUserAgent(t *testing.T) {
	srv := newFake(t)
	rec := new(wireRecorder)
	c := fakeClient(t, srv, withRecorder(rec))
	var buf bytes.Buffer
	if _, err := c.ListBackups(context.Background(), nil, withUserAgent("my-app/1.0"),
		func(o *client.Options) { o.Logger = debugLogger(&buf) }); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListBackups(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	uas := rec.take()
	if len(uas) != 2 || !strings.HasSuffix(uas[0], " my-app/1.0") || uas[1] != strings.TrimSuffix(uas[0], " my-app/1.0") {
		t.Errorf("User-Agents = %q, want the client's + \" my-app/1.0\", then the client's", uas)
	}
	if n := strings.Count(buf.String(), `"msg":"computenest attempt"`); n != 1 {
		t.Errorf("per-call logger got %d lines, want 1 (the second call has none):\n%s", n, buf.String())
	}
}

// TestOptionsAttemptTimeout: an attempt that runs out of AttemptTimeout is
// retried; without retries the error is a timeout, not the caller's ctx.
func TestOptionsAttemptTimeout(t *testing.T) {
	srv := newFake(t)
	c := fakeClient(t, srv, fastRetries)
	timeout := func(o *client.Options) { o.AttemptTimeout = 20 * time.Millisecond }
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: 300 * time.Millisecond})
	if _, err := c.ListBackups(context.Background(), nil, timeout); err != nil {
		t.Fatalf("slow first attempt, then a fast one: %v", err)
	}
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: 300 * time.Millisecond})
	_, err := c.ListBackups(context.Background(), nil, timeout, func(o *client.Options) { o.Retry = client.NoRetries() })
	if !errors.Is(err, context.DeadlineExceeded) || !client.IsRetryable(err) || !strings.Contains(err.Error(), "AttemptTimeout") {
		t.Errorf("err = %v, want a retryable attempt timeout matching context.DeadlineExceeded", err)
	}
}

// TestClientOptionsReachEveryCall: PaginatorOptions.ClientOptions and
// WaiterOptions.ClientOptions apply to every request of paginators,
// iterators, ListAll functions and waiters.
func TestClientOptionsReachEveryCall(t *testing.T) {
	srv := newFake(t)
	for i := range 5 {
		id := "b-" + string(rune('0'+i))
		srv.Backups().Add(new(models.Backup).SetBackupId(id).SetStatus(models.BackupStatusCreated))
		srv.RestoreTasks().Add(new(models.RestoreTask).SetRestoreTaskId("r-" + id).SetStatus(models.RestoreTaskStatusRestored))
	}
	rec := new(wireRecorder)
	c := fakeClient(t, srv, withRecorder(rec))
	ctx := context.Background()
	pageOpts := func(o *client.PaginatorOptions) {
		o.PageSize = 2
		o.ClientOptions = append(o.ClientOptions, withUserAgent("pager/1"))
	}
	waitOpts := func(o *client.WaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		o.ClientOptions = append(o.ClientOptions, withUserAgent("pager/1"))
	}
	runs := map[string]func() error{
		"paginator": func() error {
			p := client.NewListRestoreTasksPaginator(c, nil, pageOpts)
			for p.HasMorePages() {
				if _, err := p.NextPage(ctx); err != nil {
					return err
				}
			}
			return nil
		},
		"Backups": func() error {
			for _, err := range client.NewListBackupsPaginator(c, nil, pageOpts).Items(ctx) {
				if err != nil {
					return err
				}
			}
			return nil
		},
		"RestoreTasks": func() error {
			for _, err := range client.NewListRestoreTasksPaginator(c, nil, pageOpts).Items(ctx) {
				if err != nil {
					return err
				}
			}
			return nil
		},
		"ListAllBackups": func() error {
			_, err := listAll(client.NewListBackupsPaginator(c, nil, pageOpts).Items(ctx))
			return err
		},
		"ListAllRestoreTasks": func() error {
			_, err := listAll(client.NewListRestoreTasksPaginator(c, nil, pageOpts).Items(ctx))
			return err
		},
		"WaitForBackup":      func() error { _, err := client.WaitForBackup(ctx, c, "b-3", waitOpts); return err },
		"WaitForRestoreTask": func() error { _, err := client.WaitForRestoreTask(ctx, c, "r-b-3", waitOpts); return err },
	}
	for name, run := range runs {
		if err := run(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		uas := rec.take()
		if len(uas) == 0 {
			t.Fatalf("%s sent nothing", name)
		}
		for i, ua := range uas {
			if !strings.HasSuffix(ua, " pager/1") {
				t.Errorf("%s: request %d of %d has User-Agent %q, want the per-call suffix", name, i+1, len(uas), ua)
			}
		}
	}
}
