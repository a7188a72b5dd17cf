package client

import (
	"context"

	"github.com/computenest-sdk/computenest-go/models"
)

// DefaultCollectMaxItems is the cap on items ListAllBackups and
// ListAllRestoreTasks apply when PaginatorOptions.MaxItems is 0. A listing
// with more items ends in a *LimitError, never in a silently short list.
const DefaultCollectMaxItems = 100_000

// collect gathers every item of the listing, in order. On error it returns
// the items of the pages returned before it with the error.
func collect[Req pageRequest[Req], Resp pageResponse, Item any](ctx context.Context, p *pager[Req, Resp, Item]) ([]Item, error) {
	defer p.stopAhead() // a page fetched ahead never outlives the call
	var all []Item
	for p.hasMorePages() {
		resp, err := p.nextPage(ctx)
		if err != nil {
			return all, err
		}
		all = append(all, p.items(resp)...)
	}
	return all, nil
}

// collectOptions puts DefaultCollectMaxItems in front of the caller's option
// functions, so that they may raise or lower it, without touching their
// slice.
func collectOptions(optFns []func(*PaginatorOptions)) []func(*PaginatorOptions) {
	fns := make([]func(*PaginatorOptions), 0, len(optFns)+1)
	fns = append(fns, func(o *PaginatorOptions) { o.MaxItems = DefaultCollectMaxItems })
	return append(fns, optFns...)
}

// ListAllBackups lists every backup that req selects, following NextToken
// from req's own token (or the start) to the end, and returns them in the
// order the service sent them. It is a ListBackupsPaginator run to the end.
//
// It returns at most PaginatorOptions.MaxItems items, DefaultCollectMaxItems
// unless an option function sets it: a longer listing is a *LimitError.
// Every error of the paginator (*RepeatedTokenError, *EmptyPagesError,
// *RestartedListingError, *LimitError, the API's errors, ctx's) ends the
// listing; the items of the pages fetched before it are returned with it,
// and they are the whole listing only when the error is nil.
func ListAllBackups(ctx context.Context, api ListBackupsAPIClient, req *models.ListBackupsRequest, optFns ...func(*PaginatorOptions)) ([]*models.Backup, error) {
	return collect(ctx, &NewListBackupsPaginator(api, req, collectOptions(optFns)...).p)
}

// ListAllRestoreTasks lists every restore job that req selects, following
// NextToken from req's own token (or the start) to the end, and returns them
// in the order the service sent them. It is a ListRestoreTasksPaginator run to
// the end.
//
// It returns at most PaginatorOptions.MaxItems items, DefaultCollectMaxItems
// unless an option function sets it: a longer listing is a *LimitError.
// Every error of the paginator ends the listing; the items of the pages
// fetched before it are returned with it, and they are the whole listing only
// when the error is nil.
func ListAllRestoreTasks(ctx context.Context, api ListRestoreTasksAPIClient, req *models.ListRestoreTasksRequest, optFns ...func(*PaginatorOptions)) ([]*models.RestoreTask, error) {
	return collect(ctx, &NewListRestoreTasksPaginator(api, req, collectOptions(optFns)...).p)
}
