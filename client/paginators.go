package client

import (
	"context"
	"iter"

	"github.com/computenest-sdk/computenest-go/models"
)

// ListBackupsAPIClient is the one method a ListBackupsPaginator and
// WaitForBackup need. *Client satisfies it, and so can a test double.
type ListBackupsAPIClient interface {
	ListBackups(ctx context.Context, req *models.ListBackupsRequest, optFns ...func(*Options)) (*models.ListBackupsResponse, error)
}

// ListRestoreTasksAPIClient is the one method a ListRestoreTasksPaginator
// and WaitForRestoreTask need. *Client satisfies it, and so can a test
// double.
type ListRestoreTasksAPIClient interface {
	ListRestoreTasks(ctx context.Context, req *models.ListRestoreTasksRequest, optFns ...func(*Options)) (*models.ListRestoreTasksResponse, error)
}

// ListBackupsPaginator walks a ListBackups listing, following NextToken:
// item by item with Items, or page by page with HasMorePages and NextPage.
// Create one with NewListBackupsPaginator; it is not safe for concurrent
// use.
type ListBackupsPaginator struct {
	p *pager[*models.ListBackupsRequest, models.ListBackupsResponse, *models.Backup]
}

// NewListBackupsPaginator returns a paginator over the backups req selects
// (nil: all). It copies req and never changes it; it starts from req's
// NextToken, if any, so a listing resumes from a checkpoint. It ends with
// the page that has no NextToken, never loops forever and never stops
// short without an error: a *PaginationError for a service that repeats a
// token, sends endless empty pages, restarts or cycles; a *LimitError for
// a cap of PaginatorOptions. A backup the first page or the page before
// returned is dropped, so an offset token never lists one twice. Memory
// stays flat however long the listing; after any error, NextPage retries
// the same page.
func NewListBackupsPaginator(api ListBackupsAPIClient, req *models.ListBackupsRequest, optFns ...func(*PaginatorOptions)) *ListBackupsPaginator {
	if req == nil {
		req = new(models.ListBackupsRequest)
	}
	var fetch func(context.Context, *models.ListBackupsRequest, ...func(*Options)) (*models.ListBackupsResponse, error)
	if api != nil {
		fetch = api.ListBackups
	}
	return &ListBackupsPaginator{newPager(listBackups, fetch, req, optFns)}
}

// HasMorePages reports whether NextPage has a page to return.
func (p *ListBackupsPaginator) HasMorePages() bool { return p.p != nil && !p.p.done }

// NextPage fetches and returns the next page. On any error the paginator
// is unchanged, and calling NextPage again retries the same page; after the
// last page it returns an error. With PaginatorOptions.Prefetch it takes the
// page fetched ahead, waiting for it until ctx ends, and sends the request
// for the one after.
func (p *ListBackupsPaginator) NextPage(ctx context.Context) (*models.ListBackupsResponse, error) {
	return p.p.nextPage(ctx)
}

// Items ranges over the backups left, in order, fetching each page only
// when the loop needs its first backup: breaking out of the loop sends no
// further request (with PaginatorOptions.Prefetch, it cancels the one in
// flight). An error is yielded once, with a nil backup, and ends the loop;
// ranging again continues after the last backup yielded, or retries the
// page that failed. Inside the loop, CurrentPage is the current backup's
// page.
//
//	p := client.NewListBackupsPaginator(c, req)
//	for b, err := range p.Items(ctx) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(b.GetBackupId(), p.CurrentPage().GetRequestId())
//	}
func (p *ListBackupsPaginator) Items(ctx context.Context) iter.Seq2[*models.Backup, error] {
	return p.p.items(ctx)
}

// CurrentPage returns the page most recently returned (by NextPage, or
// the page of the backup Items yielded last), with its RequestId,
// TotalCount and NextToken; nil before the first.
func (p *ListBackupsPaginator) CurrentPage() *models.ListBackupsResponse { return p.p.current() }

// NextToken returns the token the next page will be fetched with: the
// checkpoint from which a new paginator, given a request with this
// NextToken, resumes the listing. It is "" both before the first page of a
// listing started from the beginning and after the last page; tell them
// apart with HasMorePages.
func (p *ListBackupsPaginator) NextToken() string { return p.p.nextToken() }

// ListRestoreTasksPaginator walks a ListRestoreTasks listing, following
// NextToken: item by item with Items, or page by page with HasMorePages and
// NextPage. Create one with NewListRestoreTasksPaginator; it is not safe for
// concurrent use.
type ListRestoreTasksPaginator struct {
	p *pager[*models.ListRestoreTasksRequest, models.ListRestoreTasksResponse, *models.RestoreTask]
}

// NewListRestoreTasksPaginator returns a paginator over the restore jobs
// req selects; a nil req lists everything with the service's defaults. It
// keeps every promise of NewListBackupsPaginator.
func NewListRestoreTasksPaginator(api ListRestoreTasksAPIClient, req *models.ListRestoreTasksRequest, optFns ...func(*PaginatorOptions)) *ListRestoreTasksPaginator {
	if req == nil {
		req = new(models.ListRestoreTasksRequest)
	}
	var fetch func(context.Context, *models.ListRestoreTasksRequest, ...func(*Options)) (*models.ListRestoreTasksResponse, error)
	if api != nil {
		fetch = api.ListRestoreTasks
	}
	return &ListRestoreTasksPaginator{newPager(listRestoreTasks, fetch, req, optFns)}
}

// HasMorePages reports whether NextPage has a page to return.
func (p *ListRestoreTasksPaginator) HasMorePages() bool { return p.p != nil && !p.p.done }

// NextPage fetches and returns the next page; see
// ListBackupsPaginator.NextPage.
func (p *ListRestoreTasksPaginator) NextPage(ctx context.Context) (*models.ListRestoreTasksResponse, error) {
	return p.p.nextPage(ctx)
}

// Items ranges over the restore jobs left, in order; see
// ListBackupsPaginator.Items.
func (p *ListRestoreTasksPaginator) Items(ctx context.Context) iter.Seq2[*models.RestoreTask, error] {
	return p.p.items(ctx)
}

// CurrentPage returns the page most recently returned; nil before the
// first.
func (p *ListRestoreTasksPaginator) CurrentPage() *models.ListRestoreTasksResponse {
	return p.p.current()
}

// NextToken returns the token the next page will be fetched with; see
// ListBackupsPaginator.NextToken.
func (p *ListRestoreTasksPaginator) NextToken() string { return p.p.nextToken() }
