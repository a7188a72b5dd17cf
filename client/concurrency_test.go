package client_test

// One *client.Client shared by many goroutines: run these with -race.

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// concurrencyVariants are the requests the goroutines send, each with the
// item IDs a sequential call got for it.
type concurrencyVariant struct {
	backups bool
	req     func() any // a fresh *models.ListBackupsRequest or *models.ListRestoreTasksRequest
	want    []string
}

func callVariant(ctx context.Context, c *client.Client, v *concurrencyVariant) (ids []string, requestID string, err error) {
	if v.backups {
		resp, err := c.ListBackups(ctx, v.req().(*models.ListBackupsRequest))
		if err != nil {
			return nil, "", err
		}
		return backupIDs(resp.GetBackups()), resp.GetRequestId(), nil
	}
	resp, err := c.ListRestoreTasks(ctx, v.req().(*models.ListRestoreTasksRequest))
	if err != nil {
		return nil, "", err
	}
	for _, t := range resp.GetRestoreTasks() {
		ids = append(ids, t.GetRestoreTaskId())
	}
	return ids, resp.GetRequestId(), nil
}

// TestSharedClient64x100 sends 64 goroutines × 100 calls of both actions,
// with and without filters, through one client with STS credentials, a
// debug logger, retries and injected throttling. Every call gets the answer
// a lone call gets, and the fake's request log shows every call: each
// response's RequestId exactly once, plus one request per injected fault.
func TestSharedClient64x100(t *testing.T) {
	const goroutines, calls, faults = 64, 100, 50
	srv := newFake(t,
		computenesttest.WithSTSToken("STS.shared", "shared-secret", "shared-token"),
		computenesttest.WithDemoData(11, 60, 40),
	)
	sink := &logSink{}
	c := fakeClient(t, srv, withDebugLog(sink),
		withRetry(&client.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond}))
	ctx := context.Background()

	si := srv.Backups().All()[0].GetServiceInstanceId()
	variants := []*concurrencyVariant{
		{backups: true, req: func() any { return new(models.ListBackupsRequest).SetMaxResults(2) }},
		{backups: true, req: func() any { return new(models.ListBackupsRequest).SetMaxResults(5) }},
		{backups: true, req: func() any {
			return new(models.ListBackupsRequest).SetMaxResults(3).FilterByServiceInstanceId(si)
		}},
		{req: func() any { return new(models.ListRestoreTasksRequest).SetMaxResults(3) }},
		{req: func() any {
			return new(models.ListRestoreTasksRequest).SetMaxResults(4).FilterByStatus(models.RestoreTaskStatusRestored)
		}},
	}
	for i, v := range variants {
		ids, _, err := callVariant(ctx, c, v)
		if err != nil || len(ids) == 0 {
			t.Fatalf("variant %d: %v, %d items", i, err, len(ids))
		}
		v.want = ids
	}
	srv.ResetRequests()
	before := len(sink.attempts(t))
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: faults})

	var mu sync.Mutex
	seen := make(map[string]string, goroutines*calls) // RequestId → action
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range calls {
				v := variants[(g+i)%len(variants)]
				ids, requestID, err := callVariant(ctx, c, v)
				if err != nil {
					t.Errorf("goroutine %d call %d: %v", g, i, err)
					return
				}
				if !slices.Equal(ids, v.want) {
					t.Errorf("goroutine %d call %d: %d items, want %d", g, i, len(ids), len(v.want))
				}
				action := "ListRestoreTasks"
				if v.backups {
					action = "ListBackups"
				}
				mu.Lock()
				if _, dup := seen[requestID]; dup {
					t.Errorf("RequestId %s answered twice", requestID)
				}
				seen[requestID] = action
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	log := relRequests(t, srv, goroutines*calls+faults)
	if len(log) != goroutines*calls+faults {
		t.Fatalf("the fake logged %d requests, want %d calls + %d throttled attempts", len(log), goroutines*calls, faults)
	}
	throttled := 0
	for _, r := range log {
		switch {
		case r.Fault == "Throttle":
			throttled++
		case r.Status != 200:
			t.Errorf("request %s answered %d %s", r.RequestId, r.Status, r.Code)
		case seen[r.RequestId] != r.Action:
			t.Errorf("logged %s %s is not a call's answer", r.Action, r.RequestId)
		default:
			delete(seen, r.RequestId)
		}
	}
	if throttled != faults || len(seen) != 0 {
		t.Errorf("%d throttled attempts, %d answers the fake did not log", throttled, len(seen))
	}
	if n := len(sink.attempts(t)) - before; n != len(log) {
		t.Errorf("%d debug lines for %d attempts", n, len(log))
	}
}

// TestSharedClientConcurrentListings runs 16 complete listings at once on
// one client while the fake throttles, fails and drops some of their
// requests: each listing returns every item exactly once, in order.
func TestSharedClientConcurrentListings(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(3, 150, 150))
	// Every failed attempt uses up one of the 50 faults, so 51 attempts
	// see every call through however the faults fall among the listings
	// (with 6, one listing unlucky enough to meet 6 in a row failed).
	c := fakeClient(t, srv, withRetry(&client.RetryPolicy{MaxAttempts: 51, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond}))
	want := backupIDs(srv.Backups().All())
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 20})
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError, Times: 10})
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDropConnection, Times: 10})
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultTruncatedBody, Times: 10})

	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			size := g%7 + 4
			var got []string
			for b, err := range client.NewListBackupsPaginator(c, nil, func(o *client.PaginatorOptions) { o.PageSize = size }).Items(context.Background()) {
				if err != nil {
					t.Errorf("listing %d: %v", g, err)
					return
				}
				got = append(got, b.GetBackupId())
			}
			if !slices.Equal(got, want) {
				t.Errorf("listing %d (page size %d): %d items, want %d exactly once in order", g, size, len(got), len(want))
			}
		})
	}
	wg.Wait()
	if left := srv.Faults(); len(left) != 0 {
		t.Errorf("faults not used up: %+v", left)
	}
}

// BenchmarkSharedClientParallel measures calls per second through one
// client from GOMAXPROCS goroutines (go test -bench SharedClient -cpu 1,4,16).
func BenchmarkSharedClientParallel(b *testing.B) {
	srv := newFake(b, computenesttest.WithDemoData(1, 20, 0))
	c := fakeClient(b, srv, defaultRetries)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.ListBackups(context.Background(), nil); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}
