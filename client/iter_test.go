package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// pgHTTP serves two pgStores over HTTP as Compute Nest would, so iterators
// run end to end through a real *client.Client. It records every request's
// action and query.
type pgHTTP struct {
	*httptest.Server
	mu      sync.Mutex
	actions []string
	queries []url.Values
}

func pgNewHTTP(t *testing.T, backups, restoreTasks *pgStore) *pgHTTP {
	t.Helper()
	s := &pgHTTP{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		action, q := r.Header.Get("x-acs-action"), r.URL.Query()
		s.mu.Lock()
		s.actions = append(s.actions, action)
		s.queries = append(s.queries, q)
		n := len(s.queries)
		s.mu.Unlock()
		mr, _ := strconv.Atoi(q.Get("MaxResults"))
		store := backups
		if action == "ListRestoreTasks" {
			store = restoreTasks
		}
		ids, next, err := store.page(q.Get("NextToken"), int32(mr))
		w.Header().Set("Content-Type", "application/json")
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"RequestId":"req-%d","Code":"InvalidParameter","Message":"The specified parameter NextToken is not valid."}`, n)
			return
		}
		var resp any = pgBackupsPage(n, ids, next, len(store.ids))
		if action == "ListRestoreTasks" {
			resp = &models.ListRestoreTasksResponse{
				TotalCount:   pgPtr(int32(len(store.ids))),
				RequestId:    pgPtr("req-" + strconv.Itoa(n)),
				NextToken:    next,
				RestoreTasks: pgRestoreTaskList(ids),
			}
		}
		json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *pgHTTP) client(t *testing.T) *client.Client {
	t.Helper()
	return newClient(t, &client.Config{
		Endpoint:        strings.TrimPrefix(s.URL, "http://"),
		Protocol:        "http",
		AccessKeyId:     "LTAIpaginator",
		AccessKeySecret: "paginator-secret",
		Retry:           client.NoRetries(),
	})
}

func (s *pgHTTP) requests() []url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.queries)
}

func TestClientBackupsEveryItemOnceInOrder(t *testing.T) {
	for _, tt := range []struct {
		items int
		size  int32
	}{{0, 7}, {1, 1}, {25, 1}, {25, 7}, {100, 100}, {1001, 100}} {
		t.Run(fmt.Sprintf("%d by %d", tt.items, tt.size), func(t *testing.T) {
			store := &pgStore{ids: pgIDs("backup", tt.items)}
			srv := pgNewHTTP(t, store, nil)
			var got []string
			for b, err := range client.NewListBackupsPaginator(srv.client(t), nil, pgWithPageSize(int(tt.size))).Items(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, b.GetBackupId())
			}
			if !slices.Equal(got, store.ids) {
				t.Fatalf("got %d ids, want %d in order", len(got), len(store.ids))
			}
			reqs := srv.requests()
			if len(reqs) != pgPages(tt.items, int(tt.size)) {
				t.Errorf("sent %d requests, want %d", len(reqs), pgPages(tt.items, int(tt.size)))
			}
			for _, q := range reqs {
				if q.Get("MaxResults") != strconv.Itoa(int(tt.size)) {
					t.Fatalf("MaxResults on the wire %q, want %d", q.Get("MaxResults"), tt.size)
				}
			}
		})
	}
}

func TestClientRestoreTasksEveryItemOnceInOrder(t *testing.T) {
	store := &pgStore{ids: pgIDs("restore", 45)}
	srv := pgNewHTTP(t, nil, store)
	var got []string
	for rt, err := range client.NewListRestoreTasksPaginator(srv.client(t), new(models.ListRestoreTasksRequest).SetMaxResults(10)).Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, rt.GetRestoreTaskId())
	}
	if !slices.Equal(got, store.ids) || len(srv.requests()) != 5 {
		t.Fatalf("got %d ids in %d requests, want 45 in 5", len(got), len(srv.requests()))
	}
}

func TestClientIteratorBreakSendsNoFurtherRequest(t *testing.T) {
	for _, tt := range []struct{ breakAfter, wantReq int }{{1, 1}, {7, 1}, {8, 2}, {14, 2}} {
		srv := pgNewHTTP(t, &pgStore{ids: pgIDs("backup", 30)}, &pgStore{ids: pgIDs("restore", 30)})
		c := srv.client(t)
		n := 0
		for _, err := range client.NewListBackupsPaginator(c, nil, pgWithPageSize(7)).Items(context.Background()) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == tt.breakAfter {
				break
			}
		}
		n = 0
		for _, err := range client.NewListRestoreTasksPaginator(c, nil, pgWithPageSize(7)).Items(context.Background()) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == tt.breakAfter {
				break
			}
		}
		if got := len(srv.requests()); got != 2*tt.wantReq {
			t.Errorf("break after item %d: sent %d requests, want %d per action", tt.breakAfter, got, tt.wantReq)
		}
	}
}

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

func TestItemsExposePageMetadata(t *testing.T) {
	store := &pgStore{ids: pgIDs("backup", 20)}
	p := client.NewListBackupsPaginator(pgBackupsFrom(store), nil, pgWithPageSize(7))
	if p.CurrentPage() != nil {
		t.Error("CurrentPage before the first page is not nil")
	}
	i := 0
	for b, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		page := p.CurrentPage()
		wantPage := i/7 + 1
		if page.GetRequestId() != "req-"+strconv.Itoa(wantPage) || page.GetTotalCount() != 20 {
			t.Fatalf("item %d: page RequestId %q TotalCount %d, want req-%d and 20", i, page.GetRequestId(), page.GetTotalCount(), wantPage)
		}
		if !slices.Contains(page.GetBackups(), b) {
			t.Fatalf("item %d is not in CurrentPage", i)
		}
		if p.NextToken() != page.GetNextToken() {
			t.Fatalf("item %d: NextToken %q, page's %q", i, p.NextToken(), page.GetNextToken())
		}
		i++
	}
	if i != 20 {
		t.Errorf("%d items, want 20", i)
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

	// Through the client, across pages.
	srv := pgNewHTTP(t, store, nil)
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	n := 0
	var last error
	for _, err := range client.NewListBackupsPaginator(srv.client(t), nil, pgWithPageSize(10)).Items(ctx2) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 10 {
			cancel2()
		}
	}
	if n != 10 || !errors.Is(last, context.Canceled) || len(srv.requests()) != 1 {
		t.Errorf("client: %d items, %v, %d requests; want 10, context.Canceled, 1", n, last, len(srv.requests()))
	}
}

func TestClientIteratorReportsTokenErrors(t *testing.T) {
	srv := pgNewHTTP(t, &pgStore{ids: pgIDs("backup", 5)}, nil)
	var errs []error
	for _, err := range client.NewListBackupsPaginator(srv.client(t), new(models.ListBackupsRequest).SetNextToken("not-a-token")).Items(context.Background()) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	var apiErr *client.APIError
	if len(errs) != 1 || !errors.As(errs[0], &apiErr) || apiErr.Code != "InvalidParameter" {
		t.Fatalf("errors %v, want one *APIError InvalidParameter", errs)
	}
	if q := srv.requests()[0]; q.Get("NextToken") != "not-a-token" {
		t.Errorf("resumed with NextToken %q", q.Get("NextToken"))
	}
}
