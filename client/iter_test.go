package client_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

func pgItems(t *testing.T, seq func(func(*models.Backup, error) bool), stopAfter int) (ids []string, errs []error) {
	t.Helper()
	stopped := false
	seq(func(b *models.Backup, err error) bool {
		if stopped {
			t.Fatal("iterator called yield after it returned false")
		}
		if err != nil {
			if b != nil {
				t.Errorf("error %v yielded with a non-nil item", err)
			}
			errs = append(errs, err)
		} else {
			ids = append(ids, b.GetBackupId())
		}
		if stopAfter > 0 && len(ids)+len(errs) >= stopAfter {
			stopped = true
			return false
		}
		return true
	})
	return ids, errs
}

func TestItemsBreakAtEveryPosition(t *testing.T) {
	store := &pgStore{ids: pgIDs("backup", 20)}
	for k := 1; k <= 20; k++ {
		api := pgBackupsFrom(store)
		p := client.NewListBackupsPaginator(api, nil, pgWithPageSize(7))
		first, errs := pgItems(t, p.Items(context.Background()), k)
		if len(errs) != 0 || !slices.Equal(first, store.ids[:k]) {
			t.Fatalf("break after %d: got %v, %v", k, first, errs)
		}
		if n, want := len(api.requests()), pgPages(k, 7); n != want {
			t.Errorf("break after %d: sent %d requests, want %d", k, n, want)
		}
		// Ranging the paginator's items again continues after the last one.
		rest, errs := pgItems(t, p.Items(context.Background()), 0)
		if len(errs) != 0 || !slices.Equal(append(first, rest...), store.ids) {
			t.Fatalf("break after %d then continue: got %v + %v", k, first, rest)
		}
	}
	// Breaking out of a real range loop never makes the iterator misbehave.
	for k := 1; k <= 20; k++ {
		p := client.NewListBackupsPaginator(pgBackupsFrom(store), nil, pgWithPageSize(7))
		n := 0
		for range p.Items(context.Background()) {
			if n++; n == k {
				break
			}
		}
		p.NextPage(context.Background())
	}
}

func TestItemsYieldAnErrorOnceAndCanRetry(t *testing.T) {
	store := &pgStore{ids: pgIDs("backup", 20)}
	good := pgBackupsFrom(store)
	api := &pgBackups{}
	api.respond = func(ctx context.Context, n int, req *models.ListBackupsRequest) (*models.ListBackupsResponse, error) {
		if n == 2 {
			return nil, &client.APIError{Action: "ListBackups", StatusCode: 500, Code: "InternalError"}
		}
		return good.call(ctx, req)
	}
	p := client.NewListBackupsPaginator(api, nil, pgWithPageSize(7))
	first, errs := pgItems(t, p.Items(context.Background()), 0)
	if !slices.Equal(first, store.ids[:7]) || len(errs) != 1 {
		t.Fatalf("got %d items and errors %v; want 7 items then one error", len(first), errs)
	}
	var apiErr *client.APIError
	if !errors.As(errs[0], &apiErr) || apiErr.Code != "InternalError" {
		t.Errorf("yielded %v, want the *APIError", errs[0])
	}
	// The error stops the loop even if the consumer wants more.
	rest, errs := pgItems(t, p.Items(context.Background()), 0)
	if len(errs) != 0 || !slices.Equal(append(first, rest...), store.ids) {
		t.Fatalf("retry: got %v + %v, %v", first, rest, errs)
	}
	// Returning false on the error is fine too.
	failing := pgScript(pgPage{err: errors.New("down")})
	_, errs = pgItems(t, client.NewListBackupsPaginator(failing, nil).Items(context.Background()), 1)
	if len(errs) != 1 {
		t.Errorf("yielded %d errors, want 1", len(errs))
	}
}

func TestItemsAfterNextPage(t *testing.T) {
	store := &pgStore{ids: pgIDs("restore", 20)}
	api := pgRestoreTasksFrom(store)
	p := client.NewListRestoreTasksPaginator(api, nil, pgWithPageSize(7))
	if page, err := p.NextPage(context.Background()); err != nil || page.GetRequestId() != "req-1" {
		t.Fatalf("first page: %v, %v", page.GetRequestId(), err)
	}
	// Items after NextPage: the page NextPage returned is not repeated.
	var got []string
	for rt, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, rt.GetRestoreTaskId())
	}
	if !slices.Equal(got, store.ids[7:]) {
		t.Errorf("Items after one page: %v", got)
	}
}

func TestItemsStopWhenContextIsCancelled(t *testing.T) {
	store := &pgStore{ids: pgIDs("backup", 30)}
	api := pgBackupsFrom(store)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := client.NewListBackupsPaginator(api, nil, pgWithPageSize(10))
	var got []string
	var errs []error
	for b, err := range p.Items(ctx) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, b.GetBackupId())
		if len(got) == 3 {
			cancel()
		}
	}
	if len(got) != 3 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Fatalf("got %d items and %v; want 3 then context.Canceled once", len(got), errs)
	}
	if n := len(api.requests()); n != 1 {
		t.Errorf("sent %d requests after cancel, want 1 in all", n)
	}
	// With a live context the listing continues at the next item.
	rest, errs2 := pgItems(t, p.Items(context.Background()), 0)
	if len(errs2) != 0 || !slices.Equal(append(got, rest...), store.ids) {
		t.Errorf("continue: %v + %v, %v", got, rest, errs2)
	}

	// Through a client, cancelled on the last item of a page: the next
	// page is not fetched.
	srv := newFake(t)
	srv.Backups().Add(pgBackupList(store.ids)...)
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	n := 0
	var last error
	for _, err := range client.NewListBackupsPaginator(fakeClient(t, srv), nil, pgWithPageSize(10)).Items(ctx2) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 10 {
			cancel2()
		}
	}
	if n != 10 || !errors.Is(last, context.Canceled) || len(srv.Requests()) != 1 {
		t.Errorf("client: %d items, %v, %d requests; want 10, context.Canceled, 1", n, last, len(srv.Requests()))
	}
}
