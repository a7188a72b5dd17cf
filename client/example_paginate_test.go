package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// A paginator walks the pages one NextPage at a time, with each page's
// request ID and totals at hand, and NextToken as a checkpoint to resume
// from later.
func ExampleNewListBackupsPaginator() {
	srv := computenesttest.NewServer() // stands in for Compute Nest
	defer srv.Close()
	for i := 1; i <= 5; i++ {
		srv.Backups().Add(new(models.Backup).SetBackupId(fmt.Sprintf("backup-%d", i)).
			SetServiceInstanceId("si-7b6138dfce1e4c41ab71").SetStatus(models.BackupStatusCreated))
	}
	c, err := client.NewClient(srv.ClientConfig()) // the fake's endpoint and keys
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	req := new(models.ListBackupsRequest).FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71")
	p := client.NewListBackupsPaginator(c, req, func(o *client.PaginatorOptions) {
		o.PageSize = 2
	})
	for n := 1; p.HasMorePages(); n++ {
		page, err := p.NextPage(ctx)
		if err != nil {
			// Calling NextPage again would retry the same page; a job
			// could instead save p.NextToken() and resume later with
			// req.Clone().SetNextToken(token).
			log.Fatal(err)
		}
		fmt.Printf("page %d of %d backups:", n, page.GetTotalCount())
		for _, b := range page.GetBackups() {
			fmt.Print(" ", b.GetBackupId())
		}
		fmt.Printf("; request ID %t, checkpoint %t\n", page.GetRequestId() != "", p.NextToken() != "")
	}
	// Output:
	// page 1 of 5 backups: backup-1 backup-2; request ID true, checkpoint true
	// page 2 of 5 backups: backup-3 backup-4; request ID true, checkpoint true
	// page 3 of 5 backups: backup-5; request ID true, checkpoint false
}

// Items ranges over every backup with range-over-func; the pages are
// fetched as the loop needs them, and a break stops fetching.
func ExampleListBackupsPaginator_Items() {
	srv := computenesttest.NewServer()
	defer srv.Close()
	for i := 1; i <= 5; i++ {
		srv.Backups().Add(new(models.Backup).SetBackupId(fmt.Sprintf("backup-%d", i)).SetStatus(models.BackupStatusCreated))
	}
	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		log.Fatal(err)
	}

	for b, err := range client.NewListBackupsPaginator(c, nil, func(o *client.PaginatorOptions) { o.PageSize = 2 }).Items(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(b.GetBackupId(), b.GetStatus())
	}
	fmt.Println(len(srv.Requests()), "pages fetched")
	// Output:
	// backup-1 Created
	// backup-2 Created
	// backup-3 Created
	// backup-4 Created
	// backup-5 Created
	// 3 pages fetched
}

// Inside a loop over Items, CurrentPage is the page of the current item,
// with its request ID, TotalCount and NextToken.
func ExampleListRestoreTasksPaginator_CurrentPage() {
	srv := computenesttest.NewServer()
	defer srv.Close()
	for i := 1; i <= 3; i++ {
		srv.RestoreTasks().Add(new(models.RestoreTask).SetRestoreTaskId(fmt.Sprintf("restore-%d", i)).
			SetStatus(models.RestoreTaskStatusRestored))
	}
	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		log.Fatal(err)
	}

	p := client.NewListRestoreTasksPaginator(c, new(models.ListRestoreTasksRequest).SetMaxResults(2))
	for t, err := range p.Items(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		page := p.CurrentPage()
		fmt.Printf("%s %s (%d in all, last page: %t)\n", t.GetRestoreTaskId(), t.GetStatus(), page.GetTotalCount(), page.GetNextToken() == "")
	}
	// Output:
	// restore-1 Restored (3 in all, last page: false)
	// restore-2 Restored (3 in all, last page: false)
	// restore-3 Restored (3 in all, last page: true)
}

// A paginator's cap on items or pages ends the listing with a *LimitError
// that says where the rest starts, never with a silently short list.
func ExampleLimitError() {
	srv := computenesttest.NewServer()
	defer srv.Close()
	for i := 1; i <= 5; i++ {
		srv.Backups().Add(new(models.Backup).SetBackupId(fmt.Sprintf("backup-%d", i)).SetStatus(models.BackupStatusCreated))
	}
	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	p := client.NewListBackupsPaginator(c, nil, func(o *client.PaginatorOptions) {
		o.PageSize = 2
		o.MaxItems = 3
	})
	var all []*models.Backup
	for b, err := range p.Items(ctx) {
		var limit *client.LimitError
		if errors.As(err, &limit) {
			fmt.Printf("more than %d backups; the rest can be listed from NextToken: %t\n", limit.Value, limit.NextToken != "")
			break
		} else if err != nil {
			log.Fatal(err)
		}
		all = append(all, b)
	}
	fmt.Println(len(all), "backups listed")
	// Output:
	// more than 3 backups; the rest can be listed from NextToken: true
	// 2 backups listed
}
