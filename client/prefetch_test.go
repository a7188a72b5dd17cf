package client_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// withPrefetch is the paginator option that fetches one page ahead.
func withPrefetch(o *client.PaginatorOptions) { o.Prefetch = true }

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
	api := newBlockingAPI(store, 2)
	p := client.NewListBackupsPaginator(api.api, nil, pgWithPageSize(10), withPrefetch)
	ctx := context.Background()
	for range p.Items(ctx) {
		api.awaitRequest(t, 2)
		break
	}
	// The loop has returned: the request in flight was cancelled and its
	// goroutine has ended.
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
	// The paginator is as the break left it: ranging again fetches page 2
	// again and lists the rest, from the item after the one yielded.
	api.block = nil
	rest, errs := pgItems(t, p.Items(ctx), 0)
	if len(errs) != 0 || !slices.Equal(rest, store.ids[1:]) {
		t.Errorf("after the break: %v, %v", rest, errs)
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
