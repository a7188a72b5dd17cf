package client

import (
	"context"
	"fmt"
	"iter"
)

// pageSeq ranges over the pages left in the listing, fetching each one only
// when the loop asks for it (with PaginatorOptions.Prefetch, one page
// ahead). An error is yielded once, with a zero page, and ends the loop;
// ranging again retries the page that failed. Leaving the loop cancels a
// page fetched ahead and waits for it.
func (p *pager[Req, Resp, Item]) pageSeq(ctx context.Context) iter.Seq2[Resp, error] {
	return func(yield func(Resp, error) bool) {
		defer p.stopAhead()
		for p.hasMorePages() {
			resp, err := p.nextPage(ctx)
			if err != nil {
				var zero Resp
				yield(zero, err)
				return
			}
			if !yield(resp, nil) {
				return
			}
		}
	}
}

// itemSeq ranges over the items left in the listing: first those of the
// current page that no item loop has yielded yet, then those of the pages
// after it. A page is fetched only when the loop asks for the item after the
// last one of the page before, so a break never causes a request (with
// PaginatorOptions.Prefetch, the next page is in flight while the loop
// handles a page, and leaving the loop cancels it and waits for it). ctx is
// checked before every item, so cancelling it ends the loop at once. An error
// is yielded once, with a zero item, and ends the loop; ranging again
// continues with the item not yet yielded, or retries the page that failed.
func (p *pager[Req, Resp, Item]) itemSeq(ctx context.Context) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		defer p.stopAhead()
		for {
			if p.started {
				items := p.items(p.cur)
				for p.pos < len(items) {
					if ctx.Err() != nil {
						var zero Item
						yield(zero, fmt.Errorf("computenest: %s: listing stopped: %w", p.action, contextError(ctx)))
						return
					}
					item := items[p.pos]
					p.pos++
					if !yield(item, nil) {
						return
					}
				}
			}
			if !p.hasMorePages() {
				return
			}
			if _, err := p.nextPage(ctx); err != nil {
				var zero Item
				yield(zero, err)
				return
			}
			p.pos = 0
		}
	}
}
