package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// The helpers of the paginator tests are prefixed with pg: other files of
// package client_test are written at the same time.

// pgFake is the one scripted API double of the client tests, for tests
// that must not go over HTTP: it stands in for either one-method interface
// (pgBackups, pgRestoreTasks). respond gets the call's number (1-based)
// and the request as the paginator or waiter sent it; the fake keeps a copy
// of every request and the Options its optFns produced.
type pgFake[Req interface{ Clone() Req }, Resp any] struct {
	mu      sync.Mutex
	reqs    []Req
	opts    []client.Options
	respond func(ctx context.Context, n int, req Req) (Resp, error)
}

func (f *pgFake[Req, Resp]) call(ctx context.Context, req Req, optFns ...func(*client.Options)) (Resp, error) {
	var o client.Options
	for _, fn := range optFns {
		fn(&o)
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, req.Clone())
	f.opts = append(f.opts, o)
	n := len(f.reqs)
	f.mu.Unlock()
	return f.respond(ctx, n, req)
}

// requests returns copies of the requests received so far.
func (f *pgFake[Req, Resp]) requests() []Req {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.reqs)
}

// userAgents returns the Options.UserAgent of every call so far.
func (f *pgFake[Req, Resp]) userAgents() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var uas []string
	for _, o := range f.opts {
		uas = append(uas, o.UserAgent)
	}
	return uas
}

// answer makes f answer the n-th call with pages[n-1], and the calls after
// them with the last.
func (f *pgFake[Req, Resp]) answer(pages ...Resp) {
	f.respond = func(_ context.Context, n int, _ Req) (Resp, error) { return pages[min(n, len(pages))-1], nil }
}

var (
	_ client.ListBackupsAPIClient      = (*pgBackups)(nil)
	_ client.ListRestoreTasksAPIClient = (*pgRestoreTasks)(nil)
)

type pgBackups struct {
	pgFake[*models.ListBackupsRequest, *models.ListBackupsResponse]
}

func (f *pgBackups) ListBackups(ctx context.Context, req *models.ListBackupsRequest, optFns ...func(*client.Options)) (*models.ListBackupsResponse, error) {
	return f.call(ctx, req, optFns...)
}

type pgRestoreTasks struct {
	pgFake[*models.ListRestoreTasksRequest, *models.ListRestoreTasksResponse]
}

func (f *pgRestoreTasks) ListRestoreTasks(ctx context.Context, req *models.ListRestoreTasksRequest, optFns ...func(*client.Options)) (*models.ListRestoreTasksResponse, error) {
	return f.call(ctx, req, optFns...)
}

// pgStore is a well-behaved listing of ids, cut into pages the way the
// service does: opaque tokens that are offsets, MaxResults (default 20)
// items per page, no NextToken on the last page.
type pgStore struct {
	ids []string
}

func pgIDs(prefix string, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%s-%05d", prefix, i+1)
	}
	return ids
}

// pgToken is the store's opaque token for the page starting at offset.
func pgToken(offset int) string { return fmt.Sprintf("AAAA%08x==", offset*7919) }

var errPgBadToken = errors.New("InvalidParameter: the specified NextToken is not valid")

// page returns the page that token starts, of maxResults items.
func (s *pgStore) page(token string, maxResults int32) (ids []string, next *string, err error) {
	size := int(maxResults)
	if size == 0 {
		size = models.DefaultMaxResults
	}
	off := 0
	if token != "" {
		v, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(token, "AAAA"), "=="), 16, 64)
		off = int(v / 7919)
		if err != nil || pgToken(off) != token || off > len(s.ids) {
			return nil, nil, errPgBadToken
		}
	}
	end := min(off+size, len(s.ids))
	ids = s.ids[off:end]
	if end < len(s.ids) {
		t := pgToken(end)
		next = &t
	}
	return ids, next, nil
}

func pgBackupList(ids []string) []*models.Backup {
	bs := make([]*models.Backup, len(ids))
	for i, id := range ids {
		bs[i] = new(models.Backup).SetBackupId(id).SetStatus(models.BackupStatusCreated)
	}
	return bs
}

func pgRestoreTaskList(ids []string) []*models.RestoreTask {
	ts := make([]*models.RestoreTask, len(ids))
	for i, id := range ids {
		ts[i] = new(models.RestoreTask).SetRestoreTaskId(id)
	}
	return ts
}

func pgBackupsPage(n int, ids []string, next *string, total int) *models.ListBackupsResponse {
	return &models.ListBackupsResponse{
		TotalCount: pgPtr(int32(total)),
		RequestId:  pgPtr("req-" + strconv.Itoa(n)),
		NextToken:  next,
		Backups:    pgBackupList(ids),
	}
}

// pgBackupsFrom serves s through the one-method interface.
func pgBackupsFrom(s *pgStore) *pgBackups {
	f := &pgBackups{}
	f.respond = func(_ context.Context, n int, req *models.ListBackupsRequest) (*models.ListBackupsResponse, error) {
		ids, next, err := s.page(req.GetNextToken(), req.GetMaxResults())
		if err != nil {
			return nil, err
		}
		return pgBackupsPage(n, ids, next, len(s.ids)), nil
	}
	return f
}

func pgRestoreTasksFrom(s *pgStore) *pgRestoreTasks {
	f := &pgRestoreTasks{}
	f.respond = func(_ context.Context, n int, req *models.ListRestoreTasksRequest) (*models.ListRestoreTasksResponse, error) {
		ids, next, err := s.page(req.GetNextToken(), req.GetMaxResults())
		if err != nil {
			return nil, err
		}
		return &models.ListRestoreTasksResponse{
			TotalCount:   pgPtr(int32(len(s.ids))),
			RequestId:    pgPtr("req-" + strconv.Itoa(n)),
			NextToken:    next,
			RestoreTasks: pgRestoreTaskList(ids),
		}, nil
	}
	return f
}

// pgPage is one scripted answer: a page of ids with a NextToken (nil for
// none), or an error.
type pgPage struct {
	ids  []string
	next *string
	err  error
}

func pgTok(s string) *string { return &s }

// pgScript answers the n-th request with pages[n-1], and the ones after the
// script with the last entry; an entry whose err is errNilResponse answers
// a nil response and a nil error.
func pgScript(pages ...pgPage) *pgBackups {
	f := &pgBackups{}
	f.respond = func(_ context.Context, n int, _ *models.ListBackupsRequest) (*models.ListBackupsResponse, error) {
		p := pages[min(n, len(pages))-1]
		if errors.Is(p.err, errNilResponse) {
			return nil, nil
		}
		if p.err != nil {
			return nil, p.err
		}
		return pgBackupsPage(n, p.ids, p.next, 0), nil
	}
	return f
}

func pgWithPageSize(n int) func(*client.PaginatorOptions) {
	return func(o *client.PaginatorOptions) { o.PageSize = n }
}

// pgDrain runs p to the end with NextPage, as the documented loop does, and
// returns the ids and the first error.
func pgDrain(t *testing.T, p *client.ListBackupsPaginator) ([]string, error) {
	t.Helper()
	var ids []string
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			return ids, err
		}
		ids = append(ids, backupIDs(page.GetBackups())...)
		if len(ids) > 1_000_000 {
			t.Fatal("paginator does not end")
		}
	}
	return ids, nil
}

func pgPages(items, size int) int {
	if items == 0 {
		return 1
	}
	return (items + size - 1) / size
}

// TestPaginatorLeavesCallersRequestUnchanged: an API client that scribbles
// over the request it receives changes neither the next request nor the
// caller's (TestListingLeavesTheRequestAlone holds the rest).
func TestPaginatorLeavesCallersRequestUnchanged(t *testing.T) {
	inner := pgBackupsFrom(&pgStore{ids: pgIDs("backup", 25)})
	api := &pgBackups{}
	api.respond = func(ctx context.Context, n int, req *models.ListBackupsRequest) (*models.ListBackupsResponse, error) {
		resp, err := inner.call(ctx, req)
		req.SetMaxResults(99).SetFilter().FilterByServiceInstanceId("scribbled")
		return resp, err
	}
	req := new(models.ListBackupsRequest).SetMaxResults(10).
		FilterByServiceInstanceId("si-1", "si-2").FilterByStatus(models.BackupStatusCreated)
	before := req.Clone()
	got, err := pgDrain(t, client.NewListBackupsPaginator(api, req, pgWithPageSize(6)))
	if err != nil || len(got) != 25 {
		t.Fatalf("listing: %d ids, %v", len(got), err)
	}
	if !reflect.DeepEqual(req, before) {
		t.Errorf("caller's request changed: %+v, want %+v", req, before)
	}
	for i, r := range api.requests() {
		if r.GetMaxResults() != 6 || !reflect.DeepEqual(r.GetFilter(), before.GetFilter()) {
			t.Fatalf("request %d: MaxResults %d, filters %v; want 6 and the caller's filters", i+1, r.GetMaxResults(), r.GetFilter())
		}
	}
}

func TestPaginatorPageSize(t *testing.T) {
	tests := []struct {
		name string
		req  *models.ListBackupsRequest
		opts []func(*client.PaginatorOptions)
		want int32 // MaxResults on the wire; 0 means absent
	}{
		{name: "nil request, no option", req: nil, want: 0},
		{name: "request's own", req: new(models.ListBackupsRequest).SetMaxResults(10), want: 10},
		{name: "option wins", req: new(models.ListBackupsRequest).SetMaxResults(10), opts: []func(*client.PaginatorOptions){pgWithPageSize(50)}, want: 50},
		{name: "option on nil request", opts: []func(*client.PaginatorOptions){pgWithPageSize(100)}, want: 100},
		{name: "nil option function is ignored", opts: []func(*client.PaginatorOptions){nil}, want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := pgBackupsFrom(&pgStore{ids: pgIDs("backup", 250)})
			if _, err := pgDrain(t, client.NewListBackupsPaginator(api, tt.req, tt.opts...)); err != nil {
				t.Fatal(err)
			}
			for _, r := range api.requests() {
				if r.GetMaxResults() != tt.want || (tt.want == 0) != (r.MaxResults == nil) {
					t.Fatalf("MaxResults on the wire = %v, want %d", r.MaxResults, tt.want)
				}
			}
		})
	}
}

func TestPaginatorRejectsBadOptions(t *testing.T) {
	tests := []struct {
		field string
		opt   func(*client.PaginatorOptions)
	}{
		{"PaginatorOptions.PageSize", pgWithPageSize(101)},
		{"PaginatorOptions.PageSize", pgWithPageSize(-1)},
		{"PaginatorOptions.MaxPages", func(o *client.PaginatorOptions) { o.MaxPages = -1 }},
		{"PaginatorOptions.MaxItems", func(o *client.PaginatorOptions) { o.MaxItems = -5 }},
		{"PaginatorOptions.MaxEmptyPages", func(o *client.PaginatorOptions) { o.MaxEmptyPages = -1 }},
	}
	for _, tt := range tests {
		api := pgBackupsFrom(&pgStore{ids: pgIDs("backup", 3)})
		p := client.NewListBackupsPaginator(api, nil, tt.opt)
		_, err := p.NextPage(context.Background())
		var ve *models.ValidationError
		if !errors.As(err, &ve) || ve.Field != tt.field {
			t.Errorf("%s: NextPage error %v, want a *models.ValidationError for it", tt.field, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "computenest: ListBackups paginator: ") {
			t.Errorf("error %q does not say where it comes from", err)
		}
		if n := len(api.requests()); n != 0 {
			t.Errorf("%s: sent %d requests with invalid options", tt.field, n)
		}
		if _, err := listAll(client.NewListBackupsPaginator(api, nil, tt.opt).Items(context.Background())); !errors.As(err, &ve) {
			t.Errorf("%s: ListAllBackups error %v, want a *models.ValidationError", tt.field, err)
		}
	}
}

func TestPaginatorMisbehavingService(t *testing.T) {
	ids := func(n int, prefix string) []string { return pgIDs(prefix, n) }
	errBoom := errors.New("boom")
	tests := []struct {
		name    string
		start   string // the request's NextToken
		opts    []func(*client.PaginatorOptions)
		pages   []pgPage
		wantIDs []string // returned before the error
		wantErr func(t *testing.T, err error)
		wantReq int    // requests sent
		wantTok string // NextToken() after the error: the page to retry
	}{
		{
			name:    "token equal to the one just sent",
			pages:   []pgPage{{ids: ids(2, "a"), next: pgTok("A")}, {ids: ids(2, "b"), next: pgTok("A")}},
			wantIDs: ids(2, "a"),
			wantErr: wantRepeated("A", 2, 2),
			wantReq: 2, wantTok: "A",
		},
		{
			name: "token used two pages earlier",
			pages: []pgPage{
				{ids: ids(1, "a"), next: pgTok("A")}, {ids: ids(1, "b"), next: pgTok("B")},
				{ids: ids(1, "c"), next: pgTok("A")},
			},
			wantIDs: slices.Concat(ids(1, "a"), ids(1, "b")),
			wantErr: wantRepeated("A", 3, 2),
			wantReq: 3, wantTok: "B",
		},
		{
			name:    "the token the listing was resumed from",
			start:   "S",
			pages:   []pgPage{{ids: ids(1, "a"), next: pgTok("T")}, {ids: ids(1, "b"), next: pgTok("S")}},
			wantIDs: ids(1, "a"),
			wantErr: wantRepeated("S", 2, 1),
			wantReq: 2, wantTok: "T",
		},
		{
			name:    "resumed from a token the first page returns again",
			start:   "S",
			pages:   []pgPage{{ids: ids(1, "a"), next: pgTok("S")}},
			wantErr: wantRepeated("S", 1, 1),
			wantReq: 1, wantTok: "S",
		},
		{
			name:    "empty pages with a token forever",
			pages:   pgEmptyPagesForever(ids(3, "a"), 40),
			wantIDs: ids(3, "a"),
			wantErr: wantEmptyPages(11, 12, "E11"),
			wantReq: 12, wantTok: "E10",
		},
		{
			name:    "empty pages with a token, lower bound",
			opts:    []func(*client.PaginatorOptions){func(o *client.PaginatorOptions) { o.MaxEmptyPages = 2 }},
			pages:   pgEmptyPagesForever(nil, 40),
			wantErr: wantEmptyPages(3, 3, "E3"),
			wantReq: 3, wantTok: "E2",
		},
		{
			name: "empty pages within the bound, then items",
			opts: []func(*client.PaginatorOptions){func(o *client.PaginatorOptions) { o.MaxEmptyPages = 2 }},
			pages: []pgPage{
				{ids: ids(1, "a"), next: pgTok("A")}, {next: pgTok("B")}, {next: pgTok("C")},
				{ids: ids(1, "d"), next: pgTok("D")}, {next: pgTok("E")}, {next: pgTok("F")},
				{ids: ids(1, "g")},
			},
			wantIDs: slices.Concat(ids(1, "a"), ids(1, "d"), ids(1, "g")),
			wantReq: 7,
		},
		{
			name: "a fresh token that restarts the listing",
			pages: []pgPage{
				{ids: ids(2, "a"), next: pgTok("A")}, {ids: ids(2, "b"), next: pgTok("B")},
				{ids: ids(2, "a"), next: pgTok("A2")},
			},
			wantIDs: slices.Concat(ids(2, "a"), ids(2, "b")),
			wantErr: func(t *testing.T, err error) {
				pe := anomaly(err, client.RestartedListing)
				if pe == nil || pe.Page != 3 || !strings.Contains(pe.Detail, `"a-00001"`) || pe.Token != "A2" || pe.Action != "ListBackups" {
					t.Fatalf("error %v (%+v), want a RestartedListing *PaginationError for page 3, item a-00001, token A2", err, pe)
				}
			},
			wantReq: 3, wantTok: "B",
		},
		{
			name: "the same page again under fresh tokens",
			opts: []func(*client.PaginatorOptions){func(o *client.PaginatorOptions) { o.MaxEmptyPages = 2 }},
			pages: []pgPage{
				{ids: ids(2, "a"), next: pgTok("A")}, {ids: ids(2, "a"), next: pgTok("B")},
				{ids: ids(2, "a"), next: pgTok("C")}, {ids: ids(2, "a"), next: pgTok("D")},
			},
			wantIDs: ids(2, "a"),
			wantErr: wantEmptyPages(3, 4, "D"),
			wantReq: 4, wantTok: "C",
		},
		{
			name:    "an empty listing ending with an empty-string token",
			pages:   []pgPage{{next: pgTok("")}},
			wantReq: 1,
		},
		{
			name:    "a full last page with a token, then an empty page",
			pages:   []pgPage{{ids: ids(3, "a"), next: pgTok("A")}, {}},
			wantIDs: ids(3, "a"),
			wantReq: 2,
		},
		{
			name:    "empty-string token ends the listing",
			pages:   []pgPage{{ids: ids(3, "a"), next: pgTok("A")}, {ids: ids(2, "b"), next: pgTok("")}},
			wantIDs: slices.Concat(ids(3, "a"), ids(2, "b")),
			wantReq: 2,
		},
		{
			name:    "the service rejects a token",
			pages:   []pgPage{{ids: ids(3, "a"), next: pgTok("A")}, {err: &client.APIError{Action: "ListBackups", StatusCode: 400, Code: "InvalidParameter", Message: "The specified parameter NextToken is not valid."}}},
			wantIDs: ids(3, "a"),
			wantErr: func(t *testing.T, err error) {
				var apiErr *client.APIError
				if !errors.As(err, &apiErr) || apiErr.Code != "InvalidParameter" {
					t.Errorf("error %v, want the API's *APIError", err)
				}
			},
			wantReq: 2, wantTok: "A",
		},
		{
			name:    "nil response without an error",
			pages:   []pgPage{{ids: ids(3, "a"), next: pgTok("A")}, {err: errNilResponse}},
			wantIDs: ids(3, "a"),
			wantErr: func(t *testing.T, err error) {
				if err == nil || !strings.Contains(err.Error(), "neither a response nor an error") {
					t.Errorf("error %v, want one about the missing response", err)
				}
			},
			wantReq: 2, wantTok: "A",
		},
		{
			name:  "any error of the API",
			pages: []pgPage{{err: errBoom}},
			wantErr: func(t *testing.T, err error) {
				if !errors.Is(err, errBoom) {
					t.Errorf("error %v, want the API's", err)
				}
			},
			wantReq: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := pgScript(tt.pages...)
			req := new(models.ListBackupsRequest)
			if tt.start != "" {
				req.SetNextToken(tt.start)
			}
			p := client.NewListBackupsPaginator(api, req, tt.opts...)
			got, err := pgDrain(t, p)
			if !slices.Equal(got, tt.wantIDs) {
				t.Errorf("returned %v before the end, want %v", got, tt.wantIDs)
			}
			if n := len(api.requests()); n != tt.wantReq {
				t.Errorf("sent %d requests, want %d", n, tt.wantReq)
			}
			if tt.wantErr == nil {
				if err != nil || p.HasMorePages() {
					t.Errorf("listing ended with %v, HasMorePages %v; want a normal end", err, p.HasMorePages())
				}
				return
			}
			tt.wantErr(t, err)
			if err != nil && !strings.HasPrefix(err.Error(), "computenest: ") && !errors.Is(err, errBoom) {
				t.Errorf("error %q does not start with \"computenest: \"", err)
			}
			// The failed page can be retried: nothing was lost.
			if !p.HasMorePages() || p.NextToken() != tt.wantTok {
				t.Errorf("after the error: HasMorePages %v, NextToken %q; want true, %q", p.HasMorePages(), p.NextToken(), tt.wantTok)
			}
			_, err2 := p.NextPage(context.Background())
			if err2 == nil {
				t.Fatalf("retrying the same misbehaving page succeeded")
			}
			last := api.requests()[len(api.requests())-1]
			if last.GetNextToken() != tt.wantTok {
				t.Errorf("retry sent NextToken %q, want %q", last.GetNextToken(), tt.wantTok)
			}
		})
	}
}

var errNilResponse = errors.New("script: answer nil, nil")

// pgEmptyPagesForever is a page of ids, then n empty pages with fresh tokens
// E1, E2, ...
func pgEmptyPagesForever(ids []string, n int) []pgPage {
	var pages []pgPage
	if ids != nil {
		pages = append(pages, pgPage{ids: ids, next: pgTok("E0")})
	}
	for i := 1; i <= n; i++ {
		pages = append(pages, pgPage{next: pgTok("E" + strconv.Itoa(i))})
	}
	return pages
}

func wantRepeated(token string, page, usedBy int) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		re := anomaly(err, client.RepeatedToken)
		if re == nil {
			t.Fatalf("error %v, want a RepeatedToken *PaginationError", err)
		}
		usedByDetail := "the very token the page was fetched with"
		if usedBy != page {
			usedByDetail = fmt.Sprintf("the token page %d was fetched with", usedBy)
		}
		if re.Token != token || re.Page != page || re.Detail != usedByDetail || re.Action != "ListBackups" {
			t.Errorf("got %+v, want Token %q Page %d Detail %q", re, token, page, usedByDetail)
		}
		if !strings.Contains(err.Error(), strconv.Quote(token)) || !strings.Contains(err.Error(), "page "+strconv.Itoa(page)) {
			t.Errorf("message %q does not name the token and the page", err)
		}
	}
}

func wantEmptyPages(count, page int, token string) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		ee := anomaly(err, client.EmptyPages)
		if ee == nil {
			t.Fatalf("error %v, want an EmptyPages *PaginationError", err)
		}
		if !strings.HasPrefix(ee.Detail, fmt.Sprintf("%d pages in a row", count)) || ee.Page != page || ee.Token != token {
			t.Errorf("got %+v, want %d pages in a row, Page %d Token %q", ee, count, page, token)
		}
	}
}

func TestPaginatorCaps(t *testing.T) {
	maxPages := func(n int) func(*client.PaginatorOptions) {
		return func(o *client.PaginatorOptions) { o.MaxPages = n }
	}
	maxItems := func(n int) func(*client.PaginatorOptions) {
		return func(o *client.PaginatorOptions) { o.MaxItems = n }
	}
	tests := []struct {
		name      string
		items     int
		opt       func(*client.PaginatorOptions)
		wantIDs   int
		wantReq   int
		wantLimit *client.LimitError // nil: the listing ends normally
	}{
		{name: "MaxPages reached with more left", items: 30, opt: maxPages(2), wantIDs: 14, wantReq: 2,
			wantLimit: &client.LimitError{Action: "ListBackups", Limit: "MaxPages", Value: 2, Count: 2, NextToken: pgToken(14)}},
		{name: "MaxPages equal to the listing", items: 14, opt: maxPages(2), wantIDs: 14, wantReq: 2},
		{name: "MaxItems crossed inside a page", items: 30, opt: maxItems(10), wantIDs: 7, wantReq: 2,
			wantLimit: &client.LimitError{Action: "ListBackups", Limit: "MaxItems", Value: 10, Count: 7, NextToken: pgToken(7)}},
		{name: "MaxItems on a page boundary", items: 30, opt: maxItems(14), wantIDs: 14, wantReq: 3,
			wantLimit: &client.LimitError{Action: "ListBackups", Limit: "MaxItems", Value: 14, Count: 14, NextToken: pgToken(14)}},
		{name: "MaxItems equal to the listing", items: 10, opt: maxItems(10), wantIDs: 10, wantReq: 2},
		{name: "MaxItems above the listing", items: 10, opt: maxItems(11), wantIDs: 10, wantReq: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &pgStore{ids: pgIDs("backup", tt.items)}
			api := pgBackupsFrom(store)
			p := client.NewListBackupsPaginator(api, nil, pgWithPageSize(7), tt.opt)
			got, err := pgDrain(t, p)
			if len(got) != tt.wantIDs || !slices.Equal(got, store.ids[:len(got)]) {
				t.Errorf("returned %d ids, want the first %d", len(got), tt.wantIDs)
			}
			if n := len(api.requests()); n != tt.wantReq {
				t.Errorf("sent %d requests, want %d", n, tt.wantReq)
			}
			if tt.wantLimit == nil {
				if err != nil {
					t.Fatalf("listing within the cap failed: %v", err)
				}
				return
			}
			var le *client.LimitError
			if !errors.As(err, &le) {
				t.Fatalf("error %v, want a *LimitError", err)
			}
			if *le != *tt.wantLimit {
				t.Errorf("got %+v, want %+v", le, tt.wantLimit)
			}
			if !strings.Contains(err.Error(), tt.wantLimit.Limit) || !strings.Contains(err.Error(), tt.wantLimit.NextToken) {
				t.Errorf("message %q does not name the cap and where to resume", err)
			}
			// The rest of the listing is reachable from the error's token.
			rest, err := pgDrain(t, client.NewListBackupsPaginator(api, new(models.ListBackupsRequest).SetNextToken(le.NextToken), pgWithPageSize(7)))
			if err != nil || !slices.Equal(append(got, rest...), store.ids) {
				t.Errorf("resuming from the LimitError's token: %d more ids, %v", len(rest), err)
			}
		})
	}
}

func TestPaginatorContextCancelledMidListing(t *testing.T) {
	api := pgBackupsFrom(&pgStore{ids: pgIDs("backup", 30)})
	cause := errors.New("operator pressed ^C")
	ctx, cancel := context.WithCancelCause(context.Background())
	p := client.NewListBackupsPaginator(api, nil, pgWithPageSize(10))
	if _, err := p.NextPage(ctx); err != nil {
		t.Fatal(err)
	}
	cancel(cause)
	_, err := p.NextPage(ctx)
	if !errors.Is(err, context.Canceled) || !errors.Is(err, cause) {
		t.Fatalf("after cancel: %v, want context.Canceled and its cause", err)
	}
	if n := len(api.requests()); n != 1 {
		t.Errorf("sent %d requests, want 1: a cancelled ctx sends nothing", n)
	}
	// A new context continues the listing where it stopped.
	rest, err := pgDrain(t, p)
	if err != nil || len(rest) != 20 {
		t.Errorf("after a fresh context: %d more, %v", len(rest), err)
	}

	// An API call interrupted by ctx returns its error, and the page is retried.
	ctx2, cancel2 := context.WithCancel(context.Background())
	blocking := &pgBackups{}
	blocking.respond = func(ctx context.Context, n int, req *models.ListBackupsRequest) (*models.ListBackupsResponse, error) {
		if n == 2 {
			cancel2()
			<-ctx.Done()
			return nil, fmt.Errorf("computenest: ListBackups: %w", ctx.Err())
		}
		return api.call(ctx, req)
	}
	got, err := listAll(client.NewListBackupsPaginator(blocking, nil, pgWithPageSize(10)).Items(ctx2))
	if !errors.Is(err, context.Canceled) || len(got) != 10 {
		t.Errorf("cancelled during a call: %d items, %v", len(got), err)
	}
}

func TestZeroPaginatorIsAnError(t *testing.T) {
	var p client.ListBackupsPaginator
	if _, err := p.NextPage(context.Background()); err == nil || !strings.Contains(err.Error(), "NewListBackupsPaginator") {
		t.Errorf("zero paginator: %v", err)
	}
	if _, err := client.NewListRestoreTasksPaginator(nil, nil).NextPage(context.Background()); err == nil {
		t.Error("nil API client: no error")
	}
}

// A response decoded from JSON with "NextToken": "" ends the listing, as
// the API documents.
func TestEmptyStringTokenFromJSON(t *testing.T) {
	var resp models.ListBackupsResponse
	if err := json.Unmarshal([]byte(`{"RequestId":"r","NextToken":"","Backups":[{"BackupId":"backup-1"}]}`), &resp); err != nil {
		t.Fatal(err)
	}
	api := &pgBackups{}
	api.respond = func(context.Context, int, *models.ListBackupsRequest) (*models.ListBackupsResponse, error) {
		return &resp, nil
	}
	got, err := listAll(client.NewListBackupsPaginator(api, nil).Items(context.Background()))
	if err != nil || len(got) != 1 || len(api.requests()) != 1 {
		t.Errorf("got %d items, %d requests, %v; want 1, 1, nil", len(got), len(api.requests()), err)
	}
}

func pgPtr[T any](v T) *T { return &v }
