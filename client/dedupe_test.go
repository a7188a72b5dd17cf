package client_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// A service whose NextToken is an offset repeats items when entries are
// added before the cursor; the paginator returns each item once.
func TestPaginatorDropsRepeatedItems(t *testing.T) {
	tests := []struct {
		name    string
		opts    []func(*client.PaginatorOptions)
		pages   []pgPage
		want    []string
		perPage []int // items NextPage returned per page
	}{
		{
			name: "the last item of a page again at the top of the next",
			pages: []pgPage{
				{ids: []string{"a", "b", "c"}, next: pgTok("A")},
				{ids: []string{"c", "d", "e"}, next: pgTok("B")},
				{ids: []string{"e", "f"}},
			},
			want:    []string{"a", "b", "c", "d", "e", "f"},
			perPage: []int{3, 2, 1},
		},
		{
			name:    "an item twice on one page",
			pages:   []pgPage{{ids: []string{"a", "a", "b", "a"}}},
			want:    []string{"a", "b"},
			perPage: []int{2},
		},
		{
			name: "an item of the first page again later",
			pages: []pgPage{
				{ids: []string{"a", "b"}, next: pgTok("A")},
				{ids: []string{"c", "d"}, next: pgTok("B")},
				{ids: []string{"a", "e"}},
			},
			want:    []string{"a", "b", "c", "d", "e"},
			perPage: []int{2, 2, 1},
		},
		{
			name: "a last page of nothing but repeats",
			pages: []pgPage{
				{ids: []string{"a", "b"}, next: pgTok("A")},
				{ids: []string{"b"}},
			},
			want:    []string{"a", "b"},
			perPage: []int{2, 0},
		},
		{
			name:    "items without an ID are kept",
			pages:   []pgPage{{ids: []string{"", "a", "", "a"}}},
			want:    []string{"", "a", ""},
			perPage: []int{3},
		},
		{
			name: "MaxItems counts the items returned, not the repeats",
			opts: []func(*client.PaginatorOptions){func(o *client.PaginatorOptions) { o.MaxItems = 3 }},
			pages: []pgPage{
				{ids: []string{"a", "b"}, next: pgTok("A")},
				{ids: []string{"b", "c"}},
			},
			want:    []string{"a", "b", "c"},
			perPage: []int{2, 1},
		},
	}
	for _, tt := range tests {
		for _, prefetch := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, prefetch %v", tt.name, prefetch), func(t *testing.T) {
				opts := append(slices.Clone(tt.opts), func(o *client.PaginatorOptions) { o.Prefetch = prefetch })
				p := client.NewListBackupsPaginator(pgScript(tt.pages...), nil, opts...)
				var got []string
				var perPage []int
				for p.HasMorePages() {
					page, err := p.NextPage(context.Background())
					if err != nil {
						t.Fatalf("page %d: %v", len(perPage)+1, err)
					}
					got = append(got, backupIDs(page.GetBackups())...)
					perPage = append(perPage, len(page.GetBackups()))
				}
				if !slices.Equal(got, tt.want) || !slices.Equal(perPage, tt.perPage) {
					t.Errorf("NextPage: %q in pages of %v, want %q in pages of %v", got, perPage, tt.want, tt.perPage)
				}

				// The item iterator sees the same.
				got, errs := pgItems(t, client.NewListBackupsPaginator(pgScript(tt.pages...), nil, opts...).Items(context.Background()), 0)
				if !slices.Equal(got, tt.want) || len(errs) != 0 {
					t.Errorf("Items: %q, %v; want %q", got, errs, tt.want)
				}
			})
		}
	}
}

// The page the API returned is not changed: the paginator returns a copy
// without the repeats.
func TestPaginatorLeavesTheAPIsPageAlone(t *testing.T) {
	first := pgBackupsPage(1, []string{"a", "b"}, pgTok("A"), 4)
	second := pgBackupsPage(2, []string{"b", "c", "d"}, nil, 4)
	api := &pgBackups{}
	api.respond = func(_ context.Context, n int, _ *models.ListBackupsRequest) (*models.ListBackupsResponse, error) {
		return []*models.ListBackupsResponse{first, second}[n-1], nil
	}
	p := client.NewListBackupsPaginator(api, nil)
	if _, err := p.NextPage(context.Background()); err != nil {
		t.Fatal(err)
	}
	page, err := p.NextPage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := backupIDs(page.GetBackups()); !slices.Equal(got, []string{"c", "d"}) {
		t.Errorf("returned page holds %q", got)
	}
	if page == second || page.GetRequestId() != "req-2" || page.GetTotalCount() != 4 || page.NextToken != nil {
		t.Errorf("returned page %+v: want a copy of the API's with its metadata", page)
	}
	if got := backupIDs(second.GetBackups()); !slices.Equal(got, []string{"b", "c", "d"}) {
		t.Errorf("the API's page now holds %q", got)
	}
	if p.CurrentPage() != page {
		t.Errorf("CurrentPage is not the page returned")
	}
}

// A listing newest-first over offset tokens, while new backups arrive at the
// top: every page overlaps the one before, and the listing still returns
// every backup that existed when it began exactly once, in order.
func TestPaginatorOverOffsetTokensWhileItemsArrive(t *testing.T) {
	original := pgIDs("backup", 50)
	store := &pgStore{ids: slices.Clone(original)}
	api := pgBackupsFrom(store)
	p := client.NewListBackupsPaginator(api, nil, pgWithPageSize(10))
	var got []string
	for page := 1; p.HasMorePages(); page++ {
		resp, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		got = append(got, backupIDs(resp.GetBackups())...)
		// Three new backups before the cursor shift the rest by three.
		store.ids = slices.Concat(pgIDs(fmt.Sprintf("new%d", page), 3), store.ids)
		if page > 100 {
			t.Fatal("the listing does not end")
		}
	}
	if !slices.Equal(got, original) {
		t.Errorf("listed %d backups %q,\nwant the %d that existed, once each", len(got), got, len(original))
	}
	if n := len(api.requests()); n < 6 {
		t.Errorf("%d requests", n)
	}
}
