package client

import (
	"context"
	"iter"

	"github.com/computenest-sdk/computenest-go/models"
)

// ListBackupsAPIClient is the one method a ListBackupsPaginator needs. *Client
// satisfies it, and so can a fake in tests.
type ListBackupsAPIClient interface {
	ListBackups(ctx context.Context, req *models.ListBackupsRequest, optFns ...func(*Options)) (*models.ListBackupsResponse, error)
}

var _ ListBackupsAPIClient = (*Client)(nil)

// ListBackupsPaginator walks the pages of a ListBackups listing, following
// NextToken. Create one with NewListBackupsPaginator; it is not safe for
// concurrent use. See NewListBackupsPaginator for its guarantees.
type ListBackupsPaginator struct {
	p pager[*models.ListBackupsRequest, *models.ListBackupsResponse, *models.Backup]
}

// backupPages is what the pager knows of ListBackups pages.
var backupPages = pageKind[*models.ListBackupsResponse, *models.Backup]{
	action: "ListBackups",
	items:  (*models.ListBackupsResponse).GetBackups,
	withItems: func(r *models.ListBackupsResponse, items []*models.Backup) *models.ListBackupsResponse {
		page := *r
		page.Backups = items
		return &page
	},
	id: (*models.Backup).GetBackupId,
}

// NewListBackupsPaginator returns a paginator over the backups req selects. A
// nil req lists everything with the service's defaults.
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
// A backup that the first page or the page before already returned is
// dropped from a page, so the common repeats are never returned twice: those
// of services whose NextToken is an offset, when backups are added during a
// listing. The paginator then returns a copy of the API's page without them.
// The guard remembers two pages, not the whole listing, so its memory stays
// flat.
//
// Every error, the API's included, leaves the paginator as it was, so calling
// NextPage again retries the same page.
func NewListBackupsPaginator(api ListBackupsAPIClient, req *models.ListBackupsRequest, optFns ...func(*PaginatorOptions)) *ListBackupsPaginator {
	if req == nil {
		req = new(models.ListBackupsRequest)
	}
	var fetch func(context.Context, *models.ListBackupsRequest, ...func(*Options)) (*models.ListBackupsResponse, error)
	if api != nil {
		fetch = api.ListBackups
	}
	return &ListBackupsPaginator{p: newPager(backupPages, fetch, req, optFns)}
}

// HasMorePages reports whether the listing has pages left: true until a page
// without a NextToken has been returned.
func (p *ListBackupsPaginator) HasMorePages() bool { return p.p.hasMorePages() }

// NextPage fetches the next page. After the last page it returns
// ErrNoMorePages. On any error the paginator is unchanged, and calling NextPage
// again retries the same page; ctx is checked before the request is sent.
// With PaginatorOptions.Prefetch, NextPage takes the page fetched ahead,
// waiting for it until ctx ends, and sends the request for the one after.
func (p *ListBackupsPaginator) NextPage(ctx context.Context) (*models.ListBackupsResponse, error) {
	return p.p.nextPage(ctx)
}

// NextToken returns the token the next page will be fetched with: the
// checkpoint from which a new paginator, given a request with this NextToken,
// resumes the listing. It is "" both before the first page of a listing started
// from the beginning and after the last page; tell them apart with
// HasMorePages.
func (p *ListBackupsPaginator) NextToken() string { return p.p.nextToken() }

// PageCount returns the number of pages returned so far.
func (p *ListBackupsPaginator) PageCount() int { return p.p.pages }

// ItemCount returns the number of backups in the pages returned so far.
func (p *ListBackupsPaginator) ItemCount() int { return p.p.count }

// CurrentPage returns the page most recently returned, or nil before the first.
// Inside a loop over Items it is the page the current backup came from, with
// its RequestId, TotalCount and NextToken.
func (p *ListBackupsPaginator) CurrentPage() *models.ListBackupsResponse { return p.p.cur }

// Pages ranges over the pages left, fetching each only when the loop asks for
// it (with PaginatorOptions.Prefetch, one page ahead; leaving the loop
// cancels that page and waits for it). An error is yielded once, with a nil
// page, and ends the loop; ranging again retries the page that failed.
func (p *ListBackupsPaginator) Pages(ctx context.Context) iter.Seq2[*models.ListBackupsResponse, error] {
	return p.p.pageSeq(ctx)
}

// Items ranges over the backups left, in order. It fetches the next page only
// when the loop asks for the backup after the last one of the current page, so
// breaking out of the loop sends no further request (with
// PaginatorOptions.Prefetch, it cancels the one in flight). ctx is checked before
// every backup: cancelling it ends the loop with ctx's error. An error is
// yielded once, with a nil backup, and ends the loop. Ranging again continues
// after the last backup yielded, or retries the page that failed. Inside the
// loop, CurrentPage is the page of the current backup.
func (p *ListBackupsPaginator) Items(ctx context.Context) iter.Seq2[*models.Backup, error] {
	return p.p.itemSeq(ctx)
}

// Backups ranges over every backup req selects, in order, following NextToken;
// each range starts a new listing from req as it was when Backups was called.
// It fetches a page only when the loop needs its first backup, so breaking out
// sends no further request (with PaginatorOptions.Prefetch, it cancels the
// one in flight). An error is yielded once, with a nil backup, and
// ends the loop.
//
//	for b, err := range c.Backups(ctx, req) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(b.GetBackupId())
//	}
//
// For the request ID, TotalCount or NextToken of the page a backup came from,
// range over NewListBackupsPaginator(c, req).Items(ctx) and ask the paginator
// for its CurrentPage. It is the package function Backups with c as the API
// client.
func (c *Client) Backups(ctx context.Context, req *models.ListBackupsRequest, optFns ...func(*PaginatorOptions)) iter.Seq2[*models.Backup, error] {
	return Backups(ctx, c, req, optFns...)
}
