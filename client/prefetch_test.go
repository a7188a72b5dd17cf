package client_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// withPrefetch is the paginator option that fetches one page ahead.
func withPrefetch(o *client.PaginatorOptions) { o.Prefetch = true }

// allFaultKinds returns every kind computenesttest knows: the kinds are
// numbered from 1, and String names an unknown one "FaultKind(n)".
func allFaultKinds() []computenesttest.FaultKind {
	var kinds []computenesttest.FaultKind
	for k := computenesttest.FaultKind(1); !strings.HasPrefix(k.String(), "FaultKind("); k++ {
		kinds = append(kinds, k)
	}
	return kinds
}

// describeErr is what a test compares of a listing's error: its type and
// the fields a caller acts on, not its wording (request IDs differ).
func describeErr(err error) string {
	var (
		apiErr *client.APIError
		decErr *client.DecodeError
		pagErr *client.PaginationError
		limErr *client.LimitError
		trErr  *client.TransportError
	)
	switch {
	case errors.As(err, &apiErr):
		return fmt.Sprintf("APIError %d %s", apiErr.StatusCode, apiErr.Code)
	case errors.As(err, &decErr):
		return fmt.Sprintf("DecodeError %d", decErr.StatusCode)
	case errors.As(err, &pagErr):
		return fmt.Sprintf("PaginationError %s page %d: %s", pagErr.Anomaly, pagErr.Page, pagErr.Detail)
	case errors.As(err, &limErr):
		return fmt.Sprintf("LimitError %s", limErr.Limit)
	case errors.As(err, &trErr):
		return "TransportError"
	}
	return "other error"
}

// listWithRetries ranges over the paginator's items, ranging again after
// each error (which retries the page that failed) until the listing ends,
// and returns the IDs and the errors met.
func listWithRetries(t *testing.T, p *client.ListBackupsPaginator) (ids, errs []string) {
	t.Helper()
	for range 20 {
		failed := false
		for b, err := range p.Items(context.Background()) {
			if err != nil {
				errs = append(errs, describeErr(err))
				failed = true
				break
			}
			ids = append(ids, b.GetBackupId())
		}
		if !failed {
			return ids, errs
		}
	}
	t.Fatalf("listing still failing after 20 ranges: %v", errs)
	return nil, nil
}

// settleGoroutines waits, polling, until at most limit goroutines run, and
// returns how many do.
func settleGoroutines(limit int) int {
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > limit && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	return runtime.NumGoroutine()
}

// fetchersLeft returns how many of the paginators' fetch-ahead goroutines
// are still running, polling for a second until none is: one may still be
// returning after it handed its page over.
func fetchersLeft() int {
	count := func() int {
		buf := make([]byte, 1<<20)
		return strings.Count(string(buf[:runtime.Stack(buf, true)]), ").startAhead.func")
	}
	deadline := time.Now().Add(time.Second)
	for count() > 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	return count()
}

// TestPrefetchYieldsWhatThePlainIteratorYields lists the same backups from
// the fake twice for every fault kind, once plainly and once with Prefetch,
// the fault hitting the second page and its first retry: the items, in
// order, and the requests sent are the same. The page fetched ahead is sent
// once, without retries, and fetched again when that fails, so Prefetch
// meets the errors of the plain listing, less the first when that was the
// failed request of the page fetched ahead.
func TestPrefetchYieldsWhatThePlainIteratorYields(t *testing.T) {
	const total, size = 45, 10
	want := pgIDs("backup", total)
	run := func(t *testing.T, kind computenesttest.FaultKind, prefetch bool) (ids, errs []string, requests int) {
		srv, c := pgFakeServer(t, total)
		// The first page takes the harmless delay; the fault then hits the
		// second page (a first page has no token for the token faults) and
		// the retry of it.
		srv.InjectFault(computenesttest.Fault{Action: "ListBackups", Kind: computenesttest.FaultDelay, Delay: time.Millisecond})
		srv.InjectFault(computenesttest.Fault{Action: "ListBackups", Kind: kind, Times: 2, Delay: time.Millisecond})
		req := new(models.ListBackupsRequest).SetMaxResults(size)
		before := req.Clone()
		opts := []func(*client.PaginatorOptions){func(o *client.PaginatorOptions) { o.Prefetch = prefetch }}
		ids, errs = listWithRetries(t, client.NewListBackupsPaginator(c, req, opts...))
		if !reflect.DeepEqual(req, before) {
			t.Errorf("the caller's request changed: %+v", req)
		}
		return ids, errs, len(fakeRequests(srv, "ListBackups"))
	}
	for _, kind := range allFaultKinds() {
		t.Run(kind.String(), func(t *testing.T) {
			plainIDs, plainErrs, plainReqs := run(t, kind, false)
			if !slices.Equal(plainIDs, want) {
				t.Fatalf("plain listing: %v, want %v", plainIDs, want)
			}
			ids, errs, reqs := run(t, kind, true)
			if !slices.Equal(ids, plainIDs) {
				t.Errorf("prefetch yielded %v\nthe plain iterator %v", ids, plainIDs)
			}
			if !slices.Equal(errs, plainErrs) && (len(plainErrs) == 0 || !slices.Equal(errs, plainErrs[1:])) {
				t.Errorf("prefetch met errors %q, the plain iterator %q", errs, plainErrs)
			}
			if reqs != plainReqs {
				t.Errorf("prefetch sent %d requests, the plain iterator %d", reqs, plainReqs)
			}
			if n := fetchersLeft(); n > 0 {
				t.Errorf("%d fetch-ahead goroutines outlived the listing", n)
			}
		})
	}
}

// blockingAPI answers from a store, except that the requests numbered in
// block wait until their ctx ends. It reports every request's arrival on
// arrived and every blocked request's ctx error on released.
type blockingAPI struct {
	good     *pgBackups
	block    map[int]bool
	api      *pgBackups
	arrived  chan int
	released chan error
}

func newBlockingAPI(store *pgStore, block ...int) *blockingAPI {
	b := &blockingAPI{good: pgBackupsFrom(store), block: map[int]bool{}, api: &pgBackups{},
		arrived: make(chan int, 100), released: make(chan error, 100)}
	for _, n := range block {
		b.block[n] = true
	}
	b.api.respond = func(ctx context.Context, n int, req *models.ListBackupsRequest) (*models.ListBackupsResponse, error) {
		b.arrived <- n
		if b.block[n] {
			<-ctx.Done()
			b.released <- ctx.Err()
			return nil, fmt.Errorf("computenest: ListBackups: %w", ctx.Err())
		}
		return b.good.call(ctx, req)
	}
	return b
}

// awaitRequest waits for request n to reach the API, or fails.
func (b *blockingAPI) awaitRequest(t *testing.T, n int) {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case got := <-b.arrived:
			if got == n {
				return
			}
		case <-timeout:
			t.Fatalf("request %d was not sent", n)
		}
	}
}

func TestPrefetchSendsTheNextRequestWhileTheCallerWorks(t *testing.T) {
	store := &pgStore{ids: pgIDs("backup", 25)}
	api := newBlockingAPI(store)
	p := client.NewListBackupsPaginator(api.api, nil, pgWithPageSize(10), withPrefetch)
	var ids []string
	for n := 1; p.HasMorePages(); n++ {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if p.HasMorePages() {
			// Page k+1 is requested while the caller still holds page k.
			api.awaitRequest(t, n+1)
		}
		ids = append(ids, backupIDs(page.Backups)...)
	}
	if !slices.Equal(ids, store.ids) || len(api.api.requests()) != 3 {
		t.Errorf("got %v in %d requests", ids, len(api.api.requests()))
	}
}

func TestPrefetchBreakCancelsTheRequestInFlight(t *testing.T) {
	store := &pgStore{ids: pgIDs("backup", 25)}
	for _, loop := range []string{"Items", "Client.Backups"} {
		t.Run(loop, func(t *testing.T) {
			api := newBlockingAPI(store, 2)
			p := client.NewListBackupsPaginator(api.api, nil, pgWithPageSize(10), withPrefetch)
			ctx := context.Background()
			switch loop {
			case "Items":
				for range p.Items(ctx) {
					api.awaitRequest(t, 2)
					break
				}
			case "Client.Backups":
				// The client's iterator over the fake API's listing.
				srv, c := pgFakeServer(t, 25)
				if _, err := c.ListBackups(ctx, nil); err != nil { // the connection's goroutines start here
					t.Fatal(err)
				}
				srv.ResetRequests()
				baseline := runtime.NumGoroutine()
				n := 0
				for range client.NewListBackupsPaginator(c, nil, pgWithPageSize(10), withPrefetch).Items(ctx) {
					if n++; n == 3 {
						break
					}
				}
				if reqs := len(fakeRequests(srv, "ListBackups")); reqs > 2 {
					t.Errorf("break on the first page sent %d requests; want at most 2", reqs)
				}
				if n := fetchersLeft(); n > 0 {
					t.Errorf("%d fetch-ahead goroutines outlived the loop", n)
				}
				if got := settleGoroutines(baseline); got > baseline {
					t.Errorf("%d goroutines before the loop, %d after", baseline, got)
				}
				return
			}
			// The loop has returned: the request in flight was cancelled and
			// its goroutine has ended.
			if n := fetchersLeft(); n > 0 {
				t.Errorf("%d fetch-ahead goroutines outlived the loop", n)
			}
			select {
			case err := <-api.released:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("the request in flight ended with %v, want context.Canceled", err)
				}
			default:
				t.Fatal("the loop returned with its request still in flight")
			}
			if n := len(api.api.requests()); n != 2 {
				t.Errorf("sent %d requests, want 2: one more than without Prefetch", n)
			}
			// The paginator is as the break left it: ranging again fetches
			// page 2 again and lists the rest.
			api.block = nil
			rest, errs := pgItems(t, p.Items(ctx), 0)
			from := 10 // Pages returned all of page 1
			if loop == "Items" {
				from = 1 // Items yielded its first item
			}
			if len(errs) != 0 || !slices.Equal(rest, store.ids[from:]) {
				t.Errorf("after the break: %v, %v", rest, errs)
			}
		})
	}
}

// TestPrefetchWithoutPrefetchBreakSendsNothing pins the difference the docs
// state: the same break without Prefetch sends one request.
func TestPrefetchWithoutPrefetchBreakSendsNothing(t *testing.T) {
	api := newBlockingAPI(&pgStore{ids: pgIDs("backup", 25)}, 2)
	p := client.NewListBackupsPaginator(api.api, nil, pgWithPageSize(10))
	for range p.Items(context.Background()) {
		break
	}
	if n := len(api.api.requests()); n != 1 {
		t.Errorf("sent %d requests, want 1", n)
	}
}

func TestPrefetchContexts(t *testing.T) {
	store := &pgStore{ids: pgIDs("backup", 30)}

	t.Run("a ctx per page", func(t *testing.T) {
		// Each NextPage gets its own ctx, cancelled when it returns: the page
		// fetched ahead is cancelled with it and fetched again, never lost.
		api := pgBackupsFrom(store)
		p := client.NewListBackupsPaginator(api, nil, pgWithPageSize(10), withPrefetch)
		var ids []string
		for p.HasMorePages() {
			ctx, cancel := context.WithCancel(context.Background())
			page, err := p.NextPage(ctx)
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, backupIDs(page.Backups)...)
		}
		if !slices.Equal(ids, store.ids) {
			t.Errorf("got %v", ids)
		}
	})

	t.Run("ctx ends while waiting", func(t *testing.T) {
		api := newBlockingAPI(store, 2)
		p := client.NewListBackupsPaginator(api.api, nil, pgWithPageSize(10), withPrefetch)
		if _, err := p.NextPage(context.Background()); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		_, err := p.NextPage(ctx)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v, want the ctx's deadline", err)
		}
		if err := <-api.released; !errors.Is(err, context.Canceled) {
			t.Errorf("the page fetched ahead ended with %v, want it cancelled", err)
		}
		// Nothing changed: the next NextPage fetches page 2.
		api.block = nil
		ids, err := pgDrain(t, p)
		if err != nil || !slices.Equal(ids, store.ids[10:]) || len(api.api.requests()) != 4 {
			t.Errorf("after the deadline: %v, %v, %d requests", ids, err, len(api.api.requests()))
		}
	})

	t.Run("an abandoned paginator", func(t *testing.T) {
		// A paginator left after NextPage keeps its page in flight only as
		// long as the ctx of the call that started it.
		api := newBlockingAPI(store, 2)
		ctx, cancel := context.WithCancel(context.Background())
		p := client.NewListBackupsPaginator(api.api, nil, pgWithPageSize(10), withPrefetch)
		if _, err := p.NextPage(ctx); err != nil {
			t.Fatal(err)
		}
		api.awaitRequest(t, 2)
		cancel()
		select {
		case err := <-api.released:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("ended with %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("cancelling the ctx did not end the page in flight")
		}
	})
}

func TestPrefetchKeepsCaps(t *testing.T) {
	store := &pgStore{ids: pgIDs("backup", 50)}
	for _, tt := range []struct {
		name  string
		opt   func(*client.PaginatorOptions)
		limit string
	}{
		{"MaxPages", func(o *client.PaginatorOptions) { o.MaxPages = 2 }, "MaxPages"},
		{"MaxItems", func(o *client.PaginatorOptions) { o.MaxItems = 25 }, "MaxItems"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			counts := map[bool]int{}
			for _, prefetch := range []bool{false, true} {
				api := pgBackupsFrom(store)
				opts := []func(*client.PaginatorOptions){pgWithPageSize(10), tt.opt}
				if prefetch {
					opts = append(opts, withPrefetch)
				}
				ids, err := pgDrain(t, client.NewListBackupsPaginator(api, nil, opts...))
				var le *client.LimitError
				if !errors.As(err, &le) || le.Limit != tt.limit || len(ids) != 20 || le.NextToken != pgToken(20) {
					t.Errorf("prefetch %v: %d items, %v", prefetch, len(ids), err)
				}
				counts[prefetch] = len(api.requests())
			}
			if counts[true] != counts[false] {
				t.Errorf("prefetch sent %d requests, without %d", counts[true], counts[false])
			}
		})
	}
}

func TestPrefetchListAll(t *testing.T) {
	store := &pgStore{ids: pgIDs("backup", 95)}
	got, err := listAll(client.NewListBackupsPaginator(pgBackupsFrom(store), nil, pgWithPageSize(10), withPrefetch).Items(context.Background()))
	if err != nil || !slices.Equal(backupIDs(got), store.ids) {
		t.Errorf("%d backups, %v", len(got), err)
	}
	tasks := &pgStore{ids: pgIDs("restore", 35)}
	gotTasks, err := listAll(client.NewListRestoreTasksPaginator(pgRestoreTasksFrom(tasks), nil, func(o *client.PaginatorOptions) { o.PageSize, o.Prefetch = 10, true }).Items(context.Background()))
	if err != nil || len(gotTasks) != 35 || gotTasks[34].GetRestoreTaskId() != tasks.ids[34] {
		t.Errorf("%d restore tasks, %v", len(gotTasks), err)
	}
}

// TestPrefetchPanicReachesTheCaller: an API client that panics while
// fetching ahead panics in the caller's goroutine, as it would without
// Prefetch, not in one the caller cannot recover from.
func TestPrefetchPanicReachesTheCaller(t *testing.T) {
	good := pgBackupsFrom(&pgStore{ids: pgIDs("backup", 30)})
	api := &pgBackups{}
	api.respond = func(ctx context.Context, n int, req *models.ListBackupsRequest) (*models.ListBackupsResponse, error) {
		if n == 2 {
			panic("API client bug")
		}
		return good.call(ctx, req)
	}
	p := client.NewListBackupsPaginator(api, nil, pgWithPageSize(10), withPrefetch)
	if _, err := p.NextPage(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := func() (v any) {
		defer func() { v = recover() }()
		p.NextPage(context.Background()) //nolint:errcheck // panics
		return nil
	}()
	if got != "API client bug" {
		t.Errorf("recovered %v, want the API client's panic", got)
	}
}

func TestRepeatedTokenErrorNamesThePages(t *testing.T) {
	// End to end: a fake that answers page 2 with the token it was sent.
	srv, c := pgFakeServer(t, 30)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultRepeatNextToken})
	_, err := listAll(client.NewListBackupsPaginator(c, nil, pgWithPageSize(10)).Items(context.Background()))
	if err == nil || !strings.Contains(err.Error(), "page 2") || !strings.Contains(err.Error(), "the very token the page was fetched with") {
		t.Errorf("got %v", err)
	}
}

// TestPrefetchDropsRepeatedItems: a service whose offset tokens shift when
// items arrive repeats the end of a page at the top of the next; with
// Prefetch the repeats are dropped as without it, and a page of nothing
// but the first page's items again is still a restart.
func TestPrefetchDropsRepeatedItems(t *testing.T) {
	script := []pgPage{
		{ids: []string{"b1", "b2", "b3"}, next: pgTok("T1")},
		{ids: []string{"b3", "b4", "b5"}, next: pgTok("T2")}, // b3 again: shifted by an arrival
		{ids: []string{"b5", "b6"}, next: pgTok("T3")},
		{ids: []string{"b1", "b2", "b3"}, next: pgTok("T4")}, // the listing started over
	}
	run := func(prefetch bool) ([]string, []string) {
		opts := []func(*client.PaginatorOptions){func(o *client.PaginatorOptions) { o.Prefetch = prefetch }}
		ids, errs := pgItems(t, client.NewListBackupsPaginator(pgScript(script...), nil, opts...).Items(context.Background()), 0)
		var described []string
		for _, err := range errs {
			described = append(described, describeErr(err))
		}
		return ids, described
	}
	plainIDs, plainErrs := run(false)
	ids, errs := run(true)
	want := []string{"b1", "b2", "b3", "b4", "b5", "b6"}
	if !slices.Equal(plainIDs, want) || !slices.Equal(ids, want) {
		t.Errorf("plain %v, prefetch %v; want %v", plainIDs, ids, want)
	}
	if wantErr := []string{"PaginationError RestartedListing page 4: only items of page 1 again, the first \"b1\""}; !slices.Equal(plainErrs, wantErr) || !slices.Equal(errs, wantErr) {
		t.Errorf("plain %q, prefetch %q; want %q", plainErrs, errs, wantErr)
	}
}
