package client_test

import (
	"context"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// TestNoGoroutineLeaks ends calls in every way a long-running job can (a
// loop that breaks, a context cancelled mid-request, mid-backoff and while
// waiting for the rate limit, dropped connections, a waiter's deadline).
// Once the client's idle connections are closed, only the fake's accept
// loop is left running (a response body left open would keep its
// connection, and two goroutines on each side); once the fake is closed,
// nothing is.
func TestNoGoroutineLeaks(t *testing.T) {
	before := runtime.NumGoroutine()
	settle := func(limit int) int {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > limit && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		return runtime.NumGoroutine()
	}
	func() {
		srv := computenesttest.NewServer(computenesttest.WithDemoData(9, 100, 10))
		defer srv.Close()
		srv.Backups().Add(new(models.Backup).SetBackupId("backup-creating").SetStatus(models.BackupStatusCreating))
		transport := &http.Transport{}
		cfg := srv.ClientConfig()
		cfg.HTTPClient = &http.Client{Transport: transport}
		cfg.Retry = &client.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Hour}
		cfg.RateLimit, cfg.RateBurst = 1000, 100
		c := newClient(t, cfg)
		ctx := context.Background()
		short := func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, 30*time.Millisecond) }

		n := 0
		for range client.NewListBackupsPaginator(c, nil, func(o *client.PaginatorOptions) { o.PageSize = 10 }).Items(ctx) {
			if n++; n == 15 {
				break
			}
		}
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: time.Minute})
		cctx, cancel := short()
		c.ListBackups(cctx, nil) //nolint:errcheck // ends mid-request
		cancel()
		// A hint longer than ctx, so the call ends mid-backoff; short, since
		// the client-wide throttle gate holds the calls after it that long.
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, RetryAfter: 300 * time.Millisecond})
		cctx, cancel = short()
		c.ListRestoreTasks(cctx, nil) //nolint:errcheck // ends mid-backoff
		cancel()
		srv.ClearFaults()
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDropConnection, Times: 5})
		c.ListBackups(ctx, nil) //nolint:errcheck // dropped three times
		srv.ClearFaults()
		client.WaitForBackup(ctx, c, "backup-creating", func(o *client.WaiterOptions) { //nolint:errcheck // times out
			o.MinDelay, o.MaxDelay, o.MaxWait = time.Millisecond, 5*time.Millisecond, 40*time.Millisecond
		})

		slowCfg := srv.ClientConfig()
		slowCfg.HTTPClient = cfg.HTTPClient
		slowCfg.RateLimit = 0.01
		slow := newClient(t, slowCfg)
		slow.ListBackups(ctx, nil) //nolint:errcheck // takes the only token
		cctx, cancel = short()
		slow.ListBackups(cctx, nil) //nolint:errcheck // ends waiting for a token
		cancel()

		transport.CloseIdleConnections()
		if open := settle(before + 1); open > before+1 {
			buf := make([]byte, 1<<20)
			t.Errorf("%d goroutines before, %d with the fake still serving:\n%s", before, open, buf[:runtime.Stack(buf, true)])
		}
	}()

	if after := settle(before); after > before {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		t.Errorf("%d goroutines before, %d after:\n%s", before, after, stacks)
	}
}
