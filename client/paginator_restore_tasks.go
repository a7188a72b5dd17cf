package client

import (
	"context"
	"iter"

	"github.com/computenest-sdk/computenest-go/models"
)

// ListRestoreTasksAPIClient is the one method a ListRestoreTasksPaginator
// needs. *Client satisfies it, and so can a fake in tests.
type ListRestoreTasksAPIClient interface {
	ListRestoreTasks(ctx context.Context, req *models.ListRestoreTasksRequest, optFns ...func(*Options)) (*models.ListRestoreTasksResponse, error)
}

var _ ListRestoreTasksAPIClient = (*Client)(nil)

// ListRestoreTasksPaginator walks the pages of a ListRestoreTasks listing,
// following NextToken. Create one with NewListRestoreTasksPaginator; it is not
// safe for concurrent use. See NewListRestoreTasksPaginator for its guarantees.
type ListRestoreTasksPaginator struct {
	p pager[*models.ListRestoreTasksRequest, *models.ListRestoreTasksResponse, *models.RestoreTask]
}

// restoreTaskPages is what the pager knows of ListRestoreTasks pages.
var restoreTaskPages = pageKind[*models.ListRestoreTasksResponse, *models.RestoreTask]{
	action: "ListRestoreTasks",
	items:  (*models.ListRestoreTasksResponse).GetRestoreTasks,
	withItems: func(r *models.ListRestoreTasksResponse, items []*models.RestoreTask) *models.ListRestoreTasksResponse {
		page := *r
		page.RestoreTasks = items
		return &page
	},
	id: (*models.RestoreTask).GetRestoreTaskId,
}

// NewListRestoreTasksPaginator returns a paginator over the restore jobs req
// selects. A nil req lists everything with the service's defaults.
//
// The paginator copies req at once and sends a fresh copy, with the page's
// token and PaginatorOptions.PageSize set, for every page: req is never
// changed. The first page starts from req's NextToken when it has one, so a
// listing checkpointed with NextToken resumes where it stopped.
//
// The listing ends with the page whose NextToken is absent or empty. A
// NextToken the listing already used is a *RepeatedTokenError, too long a run
// of pages with a token but nothing new is an *EmptyPagesError, a page of
// nothing but the first page's items again is a *RestartedListingError, and a
// cap of PaginatorOptions reached is a *LimitError: a listing never loops
// forever, and never stops short without an error.
//
// A restore job that the first page or the page before already returned is
// dropped from a page, so the common repeats are never returned twice: those
// of services whose NextToken is an offset, when restore jobs are added during a
// listing. The paginator then returns a copy of the API's page without them.
// The guard remembers two pages, not the whole listing, so its memory stays
// flat.
//
// Every error, the API's included, leaves the paginator as it was, so calling
// NextPage again retries the same page.
func NewListRestoreTasksPaginator(api ListRestoreTasksAPIClient, req *models.ListRestoreTasksRequest, optFns ...func(*PaginatorOptions)) *ListRestoreTasksPaginator {
	if req == nil {
		req = new(models.ListRestoreTasksRequest)
	}
	var fetch func(context.Context, *models.ListRestoreTasksRequest, ...func(*Options)) (*models.ListRestoreTasksResponse, error)
	if api != nil {
		fetch = api.ListRestoreTasks
	}
	return &ListRestoreTasksPaginator{p: newPager(restoreTaskPages, fetch, req, optFns)}
}

// HasMorePages reports whether the listing has pages left: true until a page
// without a NextToken has been returned.
func (p *ListRestoreTasksPaginator) HasMorePages() bool { return p.p.hasMorePages() }

// NextPage fetches the next page. After the last page it returns
// ErrNoMorePages. On any error the paginator is unchanged, and calling NextPage
// again retries the same page; ctx is checked before the request is sent.
// With PaginatorOptions.Prefetch, NextPage takes the page fetched ahead,
// waiting for it until ctx ends, and sends the request for the one after.
func (p *ListRestoreTasksPaginator) NextPage(ctx context.Context) (*models.ListRestoreTasksResponse, error) {
	return p.p.nextPage(ctx)
}

// NextToken returns the token the next page will be fetched with: the
// checkpoint from which a new paginator, given a request with this NextToken,
// resumes the listing. It is "" both before the first page of a listing started
// from the beginning and after the last page; tell them apart with
// HasMorePages.
func (p *ListRestoreTasksPaginator) NextToken() string { return p.p.nextToken() }

// PageCount returns the number of pages returned so far.
func (p *ListRestoreTasksPaginator) PageCount() int { return p.p.pages }

// ItemCount returns the number of restore jobs in the pages returned so far.
func (p *ListRestoreTasksPaginator) ItemCount() int { return p.p.count }

// CurrentPage returns the page most recently returned, or nil before the first.
// Inside a loop over Items it is the page the current restore job came from,
// with its RequestId, TotalCount and NextToken.
func (p *ListRestoreTasksPaginator) CurrentPage() *models.ListRestoreTasksResponse { return p.p.cur }

// Pages ranges over the pages left, fetching each only when the loop asks for
// it (with PaginatorOptions.Prefetch, one page ahead; leaving the loop
// cancels that page and waits for it). An error is yielded once, with a nil
// page, and ends the loop; ranging again retries the page that failed.
func (p *ListRestoreTasksPaginator) Pages(ctx context.Context) iter.Seq2[*models.ListRestoreTasksResponse, error] {
	return p.p.pageSeq(ctx)
}

// Items ranges over the restore jobs left, in order. It fetches the next page
// only when the loop asks for the restore job after the last one of the current
// page, so breaking out of the loop sends no further request (with
// PaginatorOptions.Prefetch, it cancels the one in flight). ctx is checked
// before every restore job: cancelling it ends the loop with ctx's error. An
// error is yielded once, with a nil restore job, and ends the loop. Ranging
// again continues after the last restore job yielded, or retries the page that
// failed. Inside the loop, CurrentPage is the page of the current restore job.
func (p *ListRestoreTasksPaginator) Items(ctx context.Context) iter.Seq2[*models.RestoreTask, error] {
	return p.p.itemSeq(ctx)
}

// RestoreTasks ranges over every restore job req selects, in order, following
// NextToken; each range starts a new listing from req as it was when
// RestoreTasks was called. It fetches a page only when the loop needs its first
// restore job, so breaking out sends no further request (with
// PaginatorOptions.Prefetch, it cancels the one in flight). An error is
// yielded once, with a nil restore job, and ends the loop.
//
//	for t, err := range c.RestoreTasks(ctx, req) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(t.GetRestoreTaskId())
//	}
//
// For the request ID, TotalCount or NextToken of the page a restore job came
// from, range over NewListRestoreTasksPaginator(c, req).Items(ctx) and ask the
// paginator for its CurrentPage. It is the package function RestoreTasks with c as
// the API client.
func (c *Client) RestoreTasks(ctx context.Context, req *models.ListRestoreTasksRequest, optFns ...func(*PaginatorOptions)) iter.Seq2[*models.RestoreTask, error] {
	return RestoreTasks(ctx, c, req, optFns...)
}
