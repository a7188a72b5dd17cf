package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// pgExampleServer stands in for Compute Nest in the examples: five backups
// and three restore jobs, served in pages of MaxResults (default 20).
func pgExampleServer() *httptest.Server {
	var calls atomic.Int32
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		q := r.URL.Query()
		size, _ := strconv.Atoi(q.Get("MaxResults"))
		if size == 0 {
			size = 20
		}
		off, _ := strconv.Atoi(strings.TrimPrefix(q.Get("NextToken"), "tok-"))
		total := 5
		if r.Header.Get("x-acs-action") == "ListRestoreTasks" {
			total = 3
		}
		end := min(off+size, total)
		resp := map[string]any{"RequestId": fmt.Sprintf("req-%d", n), "TotalCount": total, "MaxResults": size}
		if end < total {
			resp["NextToken"] = fmt.Sprintf("tok-%d", end)
		}
		var items []map[string]any
		for i := off + 1; i <= end; i++ {
			if r.Header.Get("x-acs-action") == "ListRestoreTasks" {
				items = append(items, map[string]any{"RestoreTaskId": fmt.Sprintf("restore-%d", i), "Status": "Restored"})
			} else {
				items = append(items, map[string]any{"BackupId": fmt.Sprintf("backup-%d", i), "Status": "Created"})
			}
		}
		if r.Header.Get("x-acs-action") == "ListRestoreTasks" {
			resp["RestoreTasks"] = items
		} else {
			resp["Backups"] = items
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	}))
}

// pgExampleClient returns a client of srv.
func pgExampleClient(srv *httptest.Server) *client.Client {
	c, err := client.NewClient(&client.Config{
		Endpoint:        strings.TrimPrefix(srv.URL, "http://"),
		Protocol:        "http",
		AccessKeyId:     "LTAIexample",
		AccessKeySecret: "example-secret",
	})
	if err != nil {
		log.Fatal(err)
	}
	return c
}

// A paginator walks the pages one NextPage at a time, with each page's
// request ID and totals at hand, and NextToken as a checkpoint to resume
// from later.
func ExampleNewListBackupsPaginator() {
	srv := pgExampleServer()
	defer srv.Close()
	c := pgExampleClient(srv)
	ctx := context.Background()

	req := new(models.ListBackupsRequest).AddFilter(models.FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71"))
	p := client.NewListBackupsPaginator(c, req, func(o *client.PaginatorOptions) {
		o.PageSize = 2
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			// Calling NextPage again would retry the same page; a job
			// could instead save p.NextToken() and resume later with
			// req.Clone().SetNextToken(token).
			log.Fatal(err)
		}
		fmt.Printf("page %d of %d backups (%s):", p.PageCount(), page.GetTotalCount(), page.GetRequestId())
		for _, b := range page.GetBackups() {
			fmt.Print(" ", b.GetBackupId())
		}
		fmt.Printf("; checkpoint %q\n", p.NextToken())
	}
	// Output:
	// page 1 of 5 backups (req-1): backup-1 backup-2; checkpoint "tok-2"
	// page 2 of 5 backups (req-2): backup-3 backup-4; checkpoint "tok-4"
	// page 3 of 5 backups (req-3): backup-5; checkpoint ""
}

// Backups ranges over every backup with range-over-func; the pages are
// fetched as the loop needs them, and a break stops fetching.
func ExampleClient_Backups() {
	srv := pgExampleServer()
	defer srv.Close()
	c := pgExampleClient(srv)

	for b, err := range c.Backups(context.Background(), nil, func(o *client.PaginatorOptions) { o.PageSize = 2 }) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(b.GetBackupId(), b.GetStatus())
	}
	// Output:
	// backup-1 Created
	// backup-2 Created
	// backup-3 Created
	// backup-4 Created
	// backup-5 Created
}

// Ranging over a paginator's Items keeps the page of each item reachable,
// with its request ID, TotalCount and NextToken.
func ExampleListRestoreTasksPaginator_Items() {
	srv := pgExampleServer()
	defer srv.Close()
	c := pgExampleClient(srv)

	p := client.NewListRestoreTasksPaginator(c, new(models.ListRestoreTasksRequest).SetMaxResults(2))
	for t, err := range p.Items(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		page := p.CurrentPage()
		fmt.Printf("%s %s (from %s, %d in all)\n", t.GetRestoreTaskId(), t.GetStatus(), page.GetRequestId(), page.GetTotalCount())
	}
	// Output:
	// restore-1 Restored (from req-1, 3 in all)
	// restore-2 Restored (from req-1, 3 in all)
	// restore-3 Restored (from req-2, 3 in all)
}

// ListAllBackups collects a whole listing; a listing longer than its cap is
// an error, never a silently short list.
func ExampleListAllBackups() {
	srv := pgExampleServer()
	defer srv.Close()
	c := pgExampleClient(srv)
	ctx := context.Background()

	all, err := client.ListAllBackups(ctx, c, nil)
	fmt.Println(len(all), err)

	_, err = client.ListAllBackups(ctx, c, nil, func(o *client.PaginatorOptions) {
		o.PageSize = 2
		o.MaxItems = 3
	})
	var limit *client.LimitError
	if errors.As(err, &limit) {
		fmt.Printf("more than %d backups; the rest starts at %q\n", limit.Value, limit.NextToken)
	}
	// Output:
	// 5 <nil>
	// more than 3 backups; the rest starts at "tok-2"
}
