package client_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// These tests run the paginators and iterators end to end: a real
// *client.Client, signed requests, and the fake Compute Nest with its opaque
// tokens, request log and faults.

// pgFakeServer starts the fake with n backups and n restore tasks and returns
// it with a client that does not retry, so every fault reaches the paginator.
func pgFakeServer(t *testing.T, n int) (*computenesttest.Server, *client.Client) {
	t.Helper()
	srv := newFake(t)
	if n > 0 {
		srv.Backups().Add(pgBackupList(pgIDs("backup", n))...)
		srv.RestoreTasks().Add(pgRestoreTaskList(pgIDs("restore", n))...)
	}
	return srv, fakeClient(t, srv)
}

func TestFakeEveryItemOnceInOrder(t *testing.T) {
	for _, tt := range []struct {
		items int
		size  int32
	}{{0, 7}, {1, 1}, {30, 1}, {30, 7}, {250, 100}, {100, 100}, {1234, 100}} {
		t.Run(fmt.Sprintf("%d by %d", tt.items, tt.size), func(t *testing.T) {
			srv, c := pgFakeServer(t, tt.items)
			want := pgIDs("backup", tt.items)

			p := client.NewListBackupsPaginator(c, nil, pgWithPageSize(int(tt.size)))
			got, err := pgDrain(t, p)
			if err != nil || !slices.Equal(got, want) {
				t.Fatalf("paginator: %d ids, %v; want %d in order", len(got), err, len(want))
			}
			reqs := fakeRequests(srv, "ListBackups")
			if len(reqs) != pgPages(tt.items, int(tt.size)) {
				t.Errorf("paginator sent %d requests, want %d", len(reqs), pgPages(tt.items, int(tt.size)))
			}
			for i, r := range reqs {
				if r.Params.Get("MaxResults") != strconv.Itoa(int(tt.size)) || r.Status != 200 {
					t.Fatalf("request %d: MaxResults %q, status %d", i+1, r.Params.Get("MaxResults"), r.Status)
				}
			}

			var tasks []string
			for rt, err := range client.NewListRestoreTasksPaginator(c, new(models.ListRestoreTasksRequest).SetMaxResults(tt.size)).Items(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
				tasks = append(tasks, rt.GetRestoreTaskId())
			}
			if !slices.Equal(tasks, pgIDs("restore", tt.items)) {
				t.Fatalf("RestoreTasks iterator: %d ids, want %d in order", len(tasks), tt.items)
			}
			if n := len(fakeRequests(srv, "ListRestoreTasks")); n != pgPages(tt.items, int(tt.size)) {
				t.Errorf("iterator sent %d requests, want %d", n, pgPages(tt.items, int(tt.size)))
			}

			all, err := listAll(client.NewListBackupsPaginator(c, new(models.ListBackupsRequest).SetMaxResults(tt.size)).Items(context.Background()))
			if err != nil || !slices.Equal(backupIDs(all), want) {
				t.Fatalf("ListAllBackups: %d, %v", len(all), err)
			}
		})
	}
}

func TestFakeBreakSendsNoFurtherRequest(t *testing.T) {
	srv, c := pgFakeServer(t, 50)
	for b, err := range client.NewListBackupsPaginator(c, nil, pgWithPageSize(10)).Items(context.Background()) {
		if err != nil || b.GetBackupId() != "backup-00001" {
			t.Fatalf("first item %q, %v", b.GetBackupId(), err)
		}
		break
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("break after the first item: %d requests, want 1", n)
	}
}

func TestFakeResumeAndRequestUnchanged(t *testing.T) {
	srv, c := pgFakeServer(t, 45)
	srv.Backups().Add(new(models.Backup).SetBackupId("backup-other").SetServiceInstanceId("si-2"))
	for _, b := range srv.Backups().All() {
		if b.GetServiceInstanceId() == "" {
			srv.Backups().Update(b.GetBackupId(), func(b *models.Backup) { b.SetServiceInstanceId("si-1") })
		}
	}
	req := new(models.ListBackupsRequest).SetMaxResults(10).FilterByServiceInstanceId("si-1")
	before := req.Clone()

	p := client.NewListBackupsPaginator(c, req)
	var got []string
	for b, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, b.GetBackupId())
		if len(got) == 20 { // the end of page 2: checkpoint
			break
		}
	}
	saved := p.NextToken()
	if saved == "" || p.CurrentPage().GetTotalCount() != 45 {
		t.Fatalf("checkpoint %q, TotalCount %d", saved, p.CurrentPage().GetTotalCount())
	}
	rest, err := listAll(client.NewListBackupsPaginator(c, req.Clone().SetNextToken(saved)).Items(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(append(got, backupIDs(rest)...), pgIDs("backup", 45)) {
		t.Fatalf("resumed listing: %v + %v", got, backupIDs(rest))
	}
	if !reflect.DeepEqual(req, before) {
		t.Errorf("caller's request changed: %+v", req)
	}
	reqs := srv.Requests()
	if len(reqs) != 5 || reqs[2].Params.Get("NextToken") != saved || reqs[2].Params.Get("Filter.1.Value.1") != "si-1" {
		t.Errorf("%d requests; the resumed one had NextToken %q and filter %q", len(reqs), reqs[2].Params.Get("NextToken"), reqs[2].Params.Get("Filter.1.Value.1"))
	}
}

func TestFakeMisbehaviour(t *testing.T) {
	ctx := context.Background()

	t.Run("repeated token", func(t *testing.T) {
		srv, c := pgFakeServer(t, 30)
		p := client.NewListBackupsPaginator(c, nil, pgWithPageSize(10))
		if _, err := p.NextPage(ctx); err != nil {
			t.Fatal(err)
		}
		tok := p.NextToken()
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultRepeatNextToken})
		_, err := p.NextPage(ctx)
		if pe := anomaly(err, client.RepeatedToken); pe == nil || pe.Token != tok || pe.Page != 2 || !strings.Contains(pe.Detail, "the very token") {
			t.Fatalf("got %v, want a RepeatedToken *PaginationError for %q on page 2", err, tok)
		}
		// The fault is spent: retrying the page continues the listing.
		rest, err := pgDrain(t, p)
		if err != nil || !slices.Equal(rest, pgIDs("backup", 30)[10:]) {
			t.Fatalf("after the retry: %v, %v", rest, err)
		}
		if n := len(srv.Requests()); n != 4 {
			t.Errorf("%d requests, want 4", n)
		}
	})

	t.Run("empty pages with a token within the bound", func(t *testing.T) {
		srv, c := pgFakeServer(t, 30)
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultEmptyPageWithToken, Times: 10})
		got, err := listAll(client.NewListBackupsPaginator(c, nil, pgWithPageSize(10)).Items(ctx))
		if err != nil || !slices.Equal(backupIDs(got), pgIDs("backup", 30)) {
			t.Fatalf("%d ids, %v", len(got), err)
		}
		if n := len(srv.Requests()); n != 3+10 {
			t.Errorf("%d requests, want %d", n, 3+10)
		}
	})

	t.Run("too many empty pages with a token", func(t *testing.T) {
		srv, c := pgFakeServer(t, 30)
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultEmptyPageWithToken, Times: 1000})
		_, err := listAll(client.NewListBackupsPaginator(c, nil).Items(ctx))
		if pe := anomaly(err, client.EmptyPages); pe == nil || pe.Page != 10+1 {
			t.Fatalf("got %v, want an EmptyPages *PaginationError after %d pages", err, 10+1)
		}
		if n := len(srv.Requests()); n != 10+1 {
			t.Errorf("%d requests, want %d", n, 10+1)
		}
	})

	t.Run("restarted listing", func(t *testing.T) {
		srv, c := pgFakeServer(t, 40)
		// On page 2 a restart only brings nothing new: the listing goes on.
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultRestartListing})
		got, err := listAll(client.NewListBackupsPaginator(c, nil, pgWithPageSize(10)).Items(ctx))
		if err != nil || !slices.Equal(backupIDs(got), pgIDs("backup", 40)) {
			t.Fatalf("restart on page 2: %d backups, %v", len(got), err)
		}
		if n := len(srv.Requests()); n != 5 {
			t.Errorf("%d requests, want 5", n)
		}

		// Later it is an error, and no backup was returned twice.
		p := client.NewListBackupsPaginator(c, nil, pgWithPageSize(10))
		var ids []string
		for range 2 {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, backupIDs(page.GetBackups())...)
		}
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultRestartListing})
		_, err = p.NextPage(ctx)
		if pe := anomaly(err, client.RestartedListing); pe == nil || pe.Page != 3 || !strings.Contains(pe.Detail, `"backup-00001"`) {
			t.Fatalf("got %v, want a RestartedListing *PaginationError on page 3", err)
		}
		// The fault is spent: retrying the page continues the listing.
		rest, err := pgDrain(t, p)
		if err != nil || !slices.Equal(append(ids, rest...), pgIDs("backup", 40)) {
			t.Fatalf("after the retry: %v, %v", append(ids, rest...), err)
		}
	})

	t.Run("token the service rejects", func(t *testing.T) {
		_, c := pgFakeServer(t, 30)
		p := client.NewListBackupsPaginator(c, new(models.ListBackupsRequest).SetNextToken("AAAAforged=="))
		_, err := p.NextPage(ctx)
		var apiErr *client.APIError
		if !errors.As(err, &apiErr) || apiErr.Code != "InvalidParameter" {
			t.Fatalf("got %v, want the service's InvalidParameter", err)
		}
		if p.NextToken() != "AAAAforged==" || !p.HasMorePages() {
			t.Errorf("after the error: NextToken %q", p.NextToken())
		}
	})

}

func TestFakeFailingPageRetried(t *testing.T) {
	ctx := context.Background()
	srv, c := pgFakeServer(t, 30)
	p := client.NewListBackupsPaginator(c, nil, pgWithPageSize(10))
	var got []string
	var errs []error
	consume := func() {
		for b, err := range p.Items(ctx) {
			if err != nil {
				errs = append(errs, err)
				continue // the iterator ends after an error; continue must not matter
			}
			got = append(got, b.GetBackupId())
			if len(got) == 10 {
				srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError})
			}
		}
	}
	consume() // ends at the 503 of page 2
	if len(got) != 10 || len(errs) != 1 {
		t.Fatalf("first loop: %d items, errors %v; want 10 then one error", len(got), errs)
	}
	consume() // ranging again retries page 2
	var apiErr *client.APIError
	if len(errs) != 1 || !errors.As(errs[0], &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("errors %v, want one 503", errs)
	}
	if !slices.Equal(got, pgIDs("backup", 30)) {
		t.Fatalf("got %v, want every id once", got)
	}
	reqs := srv.Requests()
	if len(reqs) != 4 || reqs[1].Params.Get("NextToken") != reqs[2].Params.Get("NextToken") || reqs[1].Status != 503 {
		t.Errorf("requests %+v: want page 2 sent twice with the same token", reqs)
	}
}

func TestFakeCapsAndCancellation(t *testing.T) {
	srv, c := pgFakeServer(t, 30)
	_, err := listAll(client.NewListBackupsPaginator(c, nil, pgWithPageSize(10), func(o *client.PaginatorOptions) { o.MaxItems = 25 }).Items(context.Background()))
	var le *client.LimitError
	if !errors.As(err, &le) || le.Count != 20 || le.NextToken == "" {
		t.Fatalf("MaxItems 25 of 30: %v", err)
	}

	srv.ResetRequests()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := client.NewListBackupsPaginator(c, nil, pgWithPageSize(10))
	if _, err := p.NextPage(ctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := p.NextPage(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("after cancel: %v", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}
