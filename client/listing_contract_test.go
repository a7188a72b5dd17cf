package client_test

// The listing contract: every property a listing promises, written once and
// run against every way to walk one through the public API (Items, or the
// HasMorePages/NextPage loop; with PaginatorOptions.Prefetch off and on;
// for ListBackups and ListRestoreTasks), over real TCP to computenesttest's
// fake. docs/RELIABILITY.md cites these tests.

import (
	"context"
	"errors"
	"fmt"
	"iter"
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

// way is one way of walking a listing.
type way struct {
	name     string
	items    bool // Items; false: the HasMorePages/NextPage loop
	prefetch bool
	*listAction
}

// listAction is what the contract needs of one action (newListAction).
// Requests are any: *models.ListBackupsRequest or
// *models.ListRestoreTasksRequest.
type listAction struct {
	name   string // "ListBackups" or "ListRestoreTasks"
	prefix string // of the IDs seed makes
	// seed adds n items of service instance si to srv, with IDs prefixed
	// by prefix and si, and returns the IDs in listing order.
	seed func(srv *computenesttest.Server, si string, n int) []string
	// request is a new request for size items a page, filtered by
	// service instance si when si is not "".
	request func(size int32, si string) any
	clone   func(req any) any
	// from is a copy of req that starts at token.
	from func(req any, token string) any
	// mutate changes req's filter and page size; undo restores them.
	mutate func(req any) (undo func())
	open   func(c *client.Client, req any, opts ...func(*client.PaginatorOptions)) walker
}

// walker is a paginator of either action.
type walker interface {
	HasMorePages() bool
	NextToken() string
	NextPage(ctx context.Context) error
	started() bool // CurrentPage() != nil
	// walk lists with the way's loop until the listing ends, or stop(n)
	// says enough after n items (Items checks after each item, the page
	// loop after each page). After an error it goes on (ranging again, or
	// calling NextPage again) up to tries times in all.
	walk(t *testing.T, ctx context.Context, items bool, stop func(n int) bool, tries int) walked
}

// walked is what a walk saw.
type walked struct {
	ids   []string
	errs  []error
	pages []string // RequestId of the CurrentPage of each item, once a page
	total int32    // TotalCount of the last page
	token string   // NextToken() when the walk ended
	more  bool     // HasMorePages() when the walk ended
}

// paginatorOf is the method set both paginators share.
type paginatorOf[Item, Page any] interface {
	Items(context.Context) iter.Seq2[Item, error]
	HasMorePages() bool
	NextPage(context.Context) (*Page, error)
	NextToken() string
	CurrentPage() *Page
}

type walkerOf[Item comparable, Page any] struct {
	p    paginatorOf[Item, Page]
	id   func(Item) string
	page func(*Page) (items []Item, requestID, next string, total int32)
}

func (w walkerOf[Item, Page]) HasMorePages() bool { return w.p.HasMorePages() }
func (w walkerOf[Item, Page]) NextToken() string  { return w.p.NextToken() }
func (w walkerOf[Item, Page]) started() bool      { return w.p.CurrentPage() != nil }
func (w walkerOf[Item, Page]) NextPage(ctx context.Context) error {
	_, err := w.p.NextPage(ctx)
	return err
}

func (w walkerOf[Item, Page]) walk(t *testing.T, ctx context.Context, items bool, stop func(int) bool, tries int) walked {
	t.Helper()
	if stop == nil {
		stop = func(int) bool { return false }
	}
	var r walked
	for range tries {
		loop := w.pageLoop
		if items {
			loop = w.itemLoop
		}
		err := loop(t, ctx, &r, stop)
		if err == nil {
			break
		}
		r.errs = append(r.errs, err)
	}
	r.token, r.more = w.p.NextToken(), w.p.HasMorePages()
	return r
}

// seen records the page behind the items just listed.
func (r *walked) seen(requestID string, total int32) {
	if len(r.pages) == 0 || r.pages[len(r.pages)-1] != requestID {
		r.pages = append(r.pages, requestID)
	}
	r.total = total
}

func (w walkerOf[Item, Page]) itemLoop(t *testing.T, ctx context.Context, r *walked, stop func(int) bool) error {
	for it, err := range w.p.Items(ctx) {
		if err != nil {
			return err
		}
		items, requestID, next, total := w.page(w.p.CurrentPage())
		if !slices.Contains(items, it) || w.p.NextToken() != next {
			t.Errorf("item %q: not on CurrentPage %s, or NextToken %q is not the page's %q", w.id(it), requestID, w.p.NextToken(), next)
		}
		r.seen(requestID, total)
		if r.ids = append(r.ids, w.id(it)); stop(len(r.ids)) {
			break
		}
	}
	return nil
}

// pageLoop is the documented NextPage loop, under a ctx it cancels when it
// stops, as a loop that leaves its paginator with Prefetch must.
func (w walkerOf[Item, Page]) pageLoop(t *testing.T, ctx context.Context, r *walked, stop func(int) bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for w.p.HasMorePages() {
		page, err := w.p.NextPage(ctx)
		if err != nil {
			return err
		}
		items, requestID, next, total := w.page(page)
		if w.p.CurrentPage() != page || w.p.NextToken() != next {
			t.Errorf("page %s: CurrentPage is another, or NextToken %q is not the page's %q", requestID, w.p.NextToken(), next)
		}
		r.seen(requestID, total)
		for _, it := range items {
			r.ids = append(r.ids, w.id(it))
		}
		if stop(len(r.ids)) {
			break
		}
	}
	return nil
}

// listReq is the method set both requests share.
type listReq[Req any] interface {
	Clone() Req
	SetMaxResults(int32) Req
	SetNextToken(string) Req
	FilterByServiceInstanceId(...string) Req
	GetMaxResults() int32
}

// newListAction describes an action by its request (empty, a prototype;
// values, its first filter's values), how to store items with IDs, its
// paginator, and an item's ID and page.
func newListAction[Req listReq[Req], Item comparable, Page any](name, prefix string, empty Req, values func(Req) []string,
	add func(srv *computenesttest.Server, si string, ids []string),
	paginate func(*client.Client, Req, ...func(*client.PaginatorOptions)) paginatorOf[Item, Page],
	id func(Item) string, page func(*Page) ([]Item, string, string, int32),
) *listAction {
	return &listAction{
		name: name, prefix: prefix,
		seed: func(srv *computenesttest.Server, si string, n int) []string {
			ids := pgIDs(prefix+si, n)
			add(srv, si, ids)
			return ids
		},
		request: func(size int32, si string) any {
			req := empty.Clone().SetMaxResults(size)
			if si != "" {
				req = req.FilterByServiceInstanceId(si)
			}
			return req
		},
		clone: func(req any) any { return req.(Req).Clone() },
		from:  func(req any, token string) any { return req.(Req).Clone().SetNextToken(token) },
		mutate: func(req any) func() {
			r := req.(Req)
			v := values(r) // changed in place, as a caller might
			size, si := r.GetMaxResults(), v[0]
			r.SetMaxResults(3)
			v[0] = "si-other"
			return func() { r.SetMaxResults(size); v[0] = si }
		},
		open: func(c *client.Client, req any, opts ...func(*client.PaginatorOptions)) walker {
			return walkerOf[Item, Page]{p: paginate(c, req.(Req), opts...), id: id, page: page}
		},
	}
}

var (
	backupsAction = newListAction("ListBackups", "backup", new(models.ListBackupsRequest),
		func(r *models.ListBackupsRequest) []string { return r.Filter[0].Value },
		func(srv *computenesttest.Server, si string, ids []string) {
			for _, b := range pgBackupList(ids) {
				srv.Backups().Add(b.SetServiceInstanceId(si))
			}
		},
		func(c *client.Client, req *models.ListBackupsRequest, opts ...func(*client.PaginatorOptions)) paginatorOf[*models.Backup, models.ListBackupsResponse] {
			return client.NewListBackupsPaginator(c, req, opts...)
		},
		(*models.Backup).GetBackupId,
		func(p *models.ListBackupsResponse) ([]*models.Backup, string, string, int32) {
			return p.GetBackups(), p.GetRequestId(), p.GetNextToken(), p.GetTotalCount()
		})
	restoreTasksAction = newListAction("ListRestoreTasks", "restore", new(models.ListRestoreTasksRequest),
		func(r *models.ListRestoreTasksRequest) []string { return r.Filter[0].Value },
		func(srv *computenesttest.Server, si string, ids []string) {
			for _, rt := range pgRestoreTaskList(ids) {
				srv.RestoreTasks().Add(rt.SetServiceInstanceId(si))
			}
		},
		func(c *client.Client, req *models.ListRestoreTasksRequest, opts ...func(*client.PaginatorOptions)) paginatorOf[*models.RestoreTask, models.ListRestoreTasksResponse] {
			return client.NewListRestoreTasksPaginator(c, req, opts...)
		},
		(*models.RestoreTask).GetRestoreTaskId,
		func(p *models.ListRestoreTasksResponse) ([]*models.RestoreTask, string, string, int32) {
			return p.GetRestoreTasks(), p.GetRequestId(), p.GetNextToken(), p.GetTotalCount()
		})
)

// listingWays is every way of listing: {Items, NextPage loop} × {Prefetch
// off, on} × {ListBackups, ListRestoreTasks}.
func listingWays() []way {
	var ways []way
	for _, a := range []*listAction{backupsAction, restoreTasksAction} {
		for _, items := range []bool{true, false} {
			for _, prefetch := range []bool{false, true} {
				name := a.name + "/NextPage"
				if items {
					name = a.name + "/Items"
				}
				if prefetch {
					name += "/prefetch"
				}
				ways = append(ways, way{name: name, items: items, prefetch: prefetch, listAction: a})
			}
		}
	}
	return ways
}

// paginator opens a paginator of the way over c for req.
func (w way) paginator(c *client.Client, req any, opts ...func(*client.PaginatorOptions)) walker {
	return w.open(c, req, append(opts, func(o *client.PaginatorOptions) { o.Prefetch = w.prefetch })...)
}

// listed is how many of a listing of total items the way lists when asked
// to stop after k: k for Items, the whole page of item k for the page loop.
func (w way) listed(k, size, total int) int {
	if w.items {
		return k
	}
	return min(pgPages(k, size)*size, total)
}

// TestListingEveryItemOnce: every item exactly once and in order, one
// request a page with the page size asked for, CurrentPage the page each
// item came from; after the end nothing more is listed or sent.
func TestListingEveryItemOnce(t *testing.T) {
	ctx := context.Background()
	for _, w := range listingWays() {
		for _, tc := range []struct{ items, size int }{{0, 7}, {1, 1}, {25, 1}, {30, 10}, {30, 7}, {250, 100}} {
			t.Run(fmt.Sprintf("%s/%d by %d", w.name, tc.items, tc.size), func(t *testing.T) {
				srv := newFake(t)
				want := w.seed(srv, "", tc.items)
				p := w.paginator(fakeClient(t, srv), w.request(int32(tc.size), ""))
				if p.started() {
					t.Error("CurrentPage is not nil before the first page")
				}
				got := p.walk(t, ctx, w.items, nil, 1)
				if !slices.Equal(got.ids, want) || len(got.errs) != 0 {
					t.Fatalf("listed %d items and %v; want all %d in order", len(got.ids), got.errs, len(want))
				}
				if got.more || got.token != "" {
					t.Errorf("after the end: HasMorePages %v, NextToken %q", got.more, got.token)
				}
				pages := pgPages(tc.items, tc.size)
				log := relRequests(t, srv, pages)
				if len(log) != pages {
					t.Fatalf("sent %d requests, want %d", len(log), pages)
				}
				var ids []string
				for i, r := range log {
					if r.Params.Get("MaxResults") != fmt.Sprint(tc.size) || r.Status != 200 || (i == 0) != (r.Params.Get("NextToken") == "") {
						t.Errorf("request %d: MaxResults %q, NextToken %q, status %d", i+1, r.Params.Get("MaxResults"), r.Params.Get("NextToken"), r.Status)
					}
					ids = append(ids, r.RequestId)
				}
				if tc.items > 0 && (!slices.Equal(got.pages, ids) || got.total != int32(tc.items)) {
					t.Errorf("the items came from pages %v with TotalCount %d; the fake answered %v, TotalCount %d", got.pages, got.total, ids, tc.items)
				}

				// After the end: ranging or looping again lists nothing,
				// NextPage says so, and nothing is sent.
				if again := p.walk(t, ctx, w.items, nil, 1); len(again.ids) != 0 || len(again.errs) != 0 {
					t.Errorf("walking again after the end: %v, %v", again.ids, again.errs)
				}
				if err := p.NextPage(ctx); err == nil || !strings.Contains(err.Error(), "no more pages") {
					t.Errorf("NextPage after the end: %v, want an error saying there are no more pages", err)
				}
				if n := len(relRequests(t, srv, pages)); n != pages {
					t.Errorf("after the end: %d requests, want still %d", n, pages)
				}
			})
		}
	}
}

// TestListingStopSendsNothingMore: a loop that stops (break, or no more
// NextPage) has sent the requests of the pages it listed and no more; with
// Prefetch at most one more, and no goroutine outlives the loop.
func TestListingStopSendsNothingMore(t *testing.T) {
	const total, size = 30, 10
	ctx := context.Background()
	for _, w := range listingWays() {
		for _, k := range []int{1, 9, 10, 11, total} {
			t.Run(fmt.Sprintf("%s/after %d", w.name, k), func(t *testing.T) {
				srv := newFake(t)
				want := w.seed(srv, "", total)
				c := fakeClient(t, srv)
				if err := w.open(c, w.request(size, "")).NextPage(ctx); err != nil { // the connection's goroutines start here
					t.Fatal(err)
				}
				srv.ResetRequests()
				baseline := runtime.NumGoroutine()
				// The page after the last one listed would take a minute: only
				// a cancelled request ends sooner.
				pages := pgPages(k, size)
				srv.InjectFault(computenesttest.Fault{Action: w.listAction.name, Kind: computenesttest.FaultDelay, Times: pages})
				srv.InjectFault(computenesttest.Fault{Action: w.listAction.name, Kind: computenesttest.FaultDelay, Delay: time.Minute})

				got := w.paginator(c, w.request(size, "")).walk(t, ctx, w.items, func(n int) bool { return n >= k }, 1)
				if n := w.listed(k, size, total); !slices.Equal(got.ids, want[:n]) || len(got.errs) != 0 {
					t.Fatalf("listed %v, %v; want the first %d", got.ids, got.errs, n)
				}
				if n := fetchersLeft(); n > 0 {
					t.Errorf("%d fetch-ahead goroutines outlived the loop", n)
				}
				if n := settleGoroutines(baseline); n > baseline {
					t.Errorf("%d goroutines before the loop, %d after", baseline, n)
				}
				most := pages
				if w.prefetch && pages*size < total {
					most++
				}
				if n := len(relRequests(t, srv, pages)); n < pages || n > most {
					t.Errorf("stopped after item %d: %d requests, want %d to %d", k, n, pages, most)
				}
			})
		}
	}
}

// TestListingResume: a new paginator given NextToken (of a loop that
// stopped at the end of a page, or of a *LimitError) continues exactly where
// the listing stopped, with the caller's filter; a token the service refuses
// is its typed error, with the paginator left to retry it.
func TestListingResume(t *testing.T) {
	const total, size = 45, 10
	ctx := context.Background()
	for _, w := range listingWays() {
		t.Run(w.name, func(t *testing.T) {
			srv := newFake(t)
			want := w.seed(srv, "si-1", total)
			w.seed(srv, "si-2", 5) // not listed: the filter must hold after resuming
			c := fakeClient(t, srv)
			req := w.request(size, "si-1")

			first := w.paginator(c, req).walk(t, ctx, w.items, func(n int) bool { return n >= 2*size }, 1)
			if first.token == "" || !first.more || first.total != total {
				t.Fatalf("checkpoint NextToken %q, HasMorePages %v, TotalCount %d", first.token, first.more, first.total)
			}
			resumed := w.paginator(c, w.from(req, first.token))
			if resumed.NextToken() != first.token || !resumed.HasMorePages() {
				t.Errorf("resumed paginator: NextToken %q, HasMorePages %v", resumed.NextToken(), resumed.HasMorePages())
			}
			rest := resumed.walk(t, ctx, w.items, nil, 1)
			if !slices.Equal(slices.Concat(first.ids, rest.ids), want) || len(rest.errs) != 0 {
				t.Fatalf("before and after the checkpoint: %v + %v (%v), want every item once", first.ids, rest.ids, rest.errs)
			}
			if r := relRequests(t, srv, 5)[2]; r.Params.Get("NextToken") != first.token || r.Params.Get("Filter.1.Value.1") != "si-1" {
				t.Errorf("the first resumed request had NextToken %q and filter %q", r.Params.Get("NextToken"), r.Params.Get("Filter.1.Value.1"))
			}

			for _, limit := range []struct {
				name  string
				opt   func(*client.PaginatorOptions)
				count int // pages or items returned before the error
				reqs  int // the page over MaxItems is fetched; a page past MaxPages is not, nor fetched ahead
			}{
				{"MaxPages", func(o *client.PaginatorOptions) { o.MaxPages = 2 }, 2, 2},
				{"MaxItems", func(o *client.PaginatorOptions) { o.MaxItems = 25 }, 20, 3},
			} {
				srv.ResetRequests()
				capped := w.paginator(c, req, limit.opt).walk(t, ctx, w.items, nil, 1)
				var le *client.LimitError
				if len(capped.errs) != 1 || !errors.As(capped.errs[0], &le) || le.Limit != limit.name || le.Count != limit.count || le.NextToken != capped.token {
					t.Fatalf("%s: %v, want one *LimitError of %d, with the paginator's NextToken %q", limit.name, capped.errs, limit.count, capped.token)
				}
				if n := len(relRequests(t, srv, limit.reqs)); n != limit.reqs {
					t.Errorf("%s: %d requests, want %d", limit.name, n, limit.reqs)
				}
				rest := w.paginator(c, w.from(req, le.NextToken)).walk(t, ctx, w.items, nil, 1)
				if !slices.Equal(slices.Concat(capped.ids, rest.ids), want) || len(rest.errs) != 0 {
					t.Errorf("%s: %d items, then %d from its NextToken (%v); want every item once", limit.name, len(capped.ids), len(rest.ids), rest.errs)
				}
			}

			forged := w.paginator(c, w.from(req, "AAAAforged=="))
			got := forged.walk(t, ctx, w.items, nil, 1)
			if len(got.ids) != 0 || len(got.errs) != 1 || describeErr(got.errs[0]) != "APIError 400 InvalidParameter" {
				t.Errorf("a forged token: %v, %v; want one InvalidParameter *APIError", got.ids, got.errs)
			}
			if got.token != "AAAAforged==" || !got.more {
				t.Errorf("after the refused token: NextToken %q, HasMorePages %v", got.token, got.more)
			}
		})
	}
}

// TestListingLeavesTheRequestAlone: the caller's request is the same before
// and after the listing, and a change to it after the paginator was made is
// not seen.
func TestListingLeavesTheRequestAlone(t *testing.T) {
	for _, w := range listingWays() {
		t.Run(w.name, func(t *testing.T) {
			srv := newFake(t)
			want := w.seed(srv, "si-1", 25)
			w.seed(srv, "si-other", 5)
			req := w.request(10, "si-1")
			before := w.clone(req)
			p := w.paginator(fakeClient(t, srv), req)
			undo := w.mutate(req)
			got := p.walk(t, context.Background(), w.items, nil, 1)
			undo()
			if !slices.Equal(got.ids, want) || len(got.errs) != 0 {
				t.Errorf("listed %v, %v; want the %d items the request selected when the paginator was made", got.ids, got.errs, len(want))
			}
			if !reflect.DeepEqual(req, before) {
				t.Errorf("the caller's request changed: %+v, want %+v", req, before)
			}
			for i, r := range relRequests(t, srv, 3) {
				if r.Params.Get("MaxResults") != "10" || r.Params.Get("Filter.1.Value.1") != "si-1" {
					t.Errorf("request %d: MaxResults %q, filter %q", i+1, r.Params.Get("MaxResults"), r.Params.Get("Filter.1.Value.1"))
				}
			}
		})
	}
}

// TestListingMisbehavingService: every fault of the fake, on the second or
// third page of a three-page listing, ends in the documented typed error
// or a correct recovery (by the client's retries, or by walking on after
// the error, which retries the same page); never an item twice or a list
// silently short. Prefetch sends the same requests; its page fetched ahead
// is sent once, and when that fails the page is fetched again, so it may
// meet one error fewer.
func TestListingMisbehavingService(t *testing.T) {
	const total, size = 30, 10
	fault := func(kind computenesttest.FaultKind, times int) computenesttest.Fault {
		return computenesttest.Fault{Kind: kind, Times: times}
	}
	tests := []struct {
		name   string
		faults []computenesttest.Fault // after a harmless one on page 1
		retry  *client.RetryPolicy     // nil: none
		tries  int                     // walks, the first included; 0: 5
		errs   int                     // errors met without Prefetch
		want   string                  // describeErr of each; {first} is the first item's ID
		listed int                     // items listed when the walk gave up; 0: all
		reqs   int                     // requests sent
	}{
		{name: "throttled, retried", faults: []computenesttest.Fault{fault(computenesttest.FaultThrottle, 2)}, retry: e2eRetries(4), reqs: 5},
		{name: "throttled", faults: []computenesttest.Fault{fault(computenesttest.FaultThrottle, 1)}, errs: 1, want: "APIError 400 Throttling.User", reqs: 4},
		{name: "503, retried", faults: []computenesttest.Fault{fault(computenesttest.FaultServerError, 2)}, retry: e2eRetries(4), reqs: 5},
		{name: "503", faults: []computenesttest.Fault{fault(computenesttest.FaultServerError, 2)}, errs: 2, want: "APIError 503 ServiceUnavailable", reqs: 5},
		{name: "500", faults: []computenesttest.Fault{{Kind: computenesttest.FaultServerError, Status: 500}}, errs: 1, want: "APIError 500 InternalError", reqs: 4},
		{name: "proxy HTML 502, retried", faults: []computenesttest.Fault{fault(computenesttest.FaultHTMLBody, 2)}, retry: e2eRetries(4), reqs: 5},
		{name: "empty body, not retried", faults: []computenesttest.Fault{fault(computenesttest.FaultEmptyBody, 1)}, retry: e2eRetries(4), errs: 1, want: "DecodeError 200", reqs: 4},
		{name: "truncated, retried", faults: []computenesttest.Fault{fault(computenesttest.FaultTruncatedBody, 2)}, retry: e2eRetries(4), reqs: 5},
		{name: "truncated", faults: []computenesttest.Fault{fault(computenesttest.FaultTruncatedBody, 1)}, errs: 1, want: "DecodeError 200", reqs: 4},
		{name: "dropped, retried", faults: []computenesttest.Fault{fault(computenesttest.FaultDropConnection, 2)}, retry: e2eRetries(4), reqs: 5},
		{name: "dropped", faults: []computenesttest.Fault{fault(computenesttest.FaultDropConnection, 1)}, errs: 1, want: "TransportError", reqs: 4},
		{name: "slow", faults: []computenesttest.Fault{{Kind: computenesttest.FaultDelay, Delay: 20 * time.Millisecond}}, reqs: 3},
		{name: "repeated token", faults: []computenesttest.Fault{fault(computenesttest.FaultRepeatNextToken, 1)},
			errs: 1, want: "PaginationError RepeatedToken page 2: the very token the page was fetched with", reqs: 4},
		{name: "empty pages within the bound", faults: []computenesttest.Fault{fault(computenesttest.FaultEmptyPageWithToken, 10)}, reqs: 13},
		{name: "empty pages for ever", faults: []computenesttest.Fault{fault(computenesttest.FaultEmptyPageWithToken, 1000)}, tries: 1,
			errs: 1, want: "PaginationError EmptyPages page 12: 11 pages in a row brought no new item; see PaginatorOptions.MaxEmptyPages", listed: size, reqs: 12},
		// On page 2 the first page is also the one before: a restart there
		// only brings nothing new, and the listing goes on.
		{name: "restarted on page 2", faults: []computenesttest.Fault{fault(computenesttest.FaultRestartListing, 1)}, reqs: 4},
		{name: "restarted on page 3", faults: []computenesttest.Fault{fault(computenesttest.FaultDelay, 1), fault(computenesttest.FaultRestartListing, 1)},
			errs: 1, want: `PaginationError RestartedListing page 3: only items of page 1 again, the first "{first}"`, reqs: 4},
	}
	covered := map[computenesttest.FaultKind]bool{}
	for _, tt := range tests {
		for _, f := range tt.faults {
			covered[f.Kind] = true
		}
	}
	for _, kind := range allFaultKinds() {
		if !covered[kind] {
			t.Errorf("no case injects Fault%v", kind)
		}
	}
	for _, w := range listingWays() {
		for _, tt := range tests {
			t.Run(w.name+"/"+tt.name, func(t *testing.T) {
				srv := newFake(t)
				want := w.seed(srv, "", total)
				srv.InjectFault(computenesttest.Fault{Action: w.listAction.name, Kind: computenesttest.FaultDelay, Delay: time.Millisecond})
				for _, f := range tt.faults {
					f.Action = w.listAction.name
					srv.InjectFault(f)
				}
				tries, retry := tt.tries, tt.retry
				if tries == 0 {
					tries = 5
				}
				if retry == nil {
					retry = client.NoRetries()
				}
				got := w.paginator(fakeClient(t, srv, withRetry(retry)), w.request(size, "")).walk(t, context.Background(), w.items, nil, tries)

				listed := tt.listed
				if listed == 0 {
					listed = total
				}
				if !slices.Equal(got.ids, want[:listed]) {
					t.Errorf("listed %v, want %v", got.ids, want[:listed])
				}
				if listed < total && !got.more {
					t.Errorf("the listing ended short without saying so")
				}
				if n := len(got.errs); n > tt.errs || n < tt.errs && !w.prefetch || n < tt.errs-1 {
					t.Errorf("met %d errors %v, want %d", n, got.errs, tt.errs)
				}
				wantErr := strings.ReplaceAll(tt.want, "{first}", want[0])
				for _, err := range got.errs {
					if d := describeErr(err); d != wantErr {
						t.Errorf("met %q (%v), want %q", d, err, wantErr)
					}
				}
				if n := len(relRequests(t, srv, tt.reqs)); n != tt.reqs {
					t.Errorf("sent %d requests, want %d", n, tt.reqs)
				}
				if n := fetchersLeft(); n > 0 {
					t.Errorf("%d fetch-ahead goroutines outlived the listing", n)
				}
			})
		}
	}
}
