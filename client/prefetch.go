package client

import (
	"context"
	"fmt"
)

// ahead is one page fetched ahead of the caller (PaginatorOptions.Prefetch),
// requested once, without retries.
// Its goroutine writes resp, err and panicked, then closes done; the pager
// reads them only after done is closed.
type ahead[Page any] struct {
	cancel context.CancelFunc
	done   chan struct{}

	resp     *Page
	err      error
	panicked any // what the API client panicked with, re-raised in the caller's goroutine
}

// startAhead sends the request for the next page in a new goroutine, bound
// to ctx. The pager's state is read here, in the caller's goroutine; the
// goroutine touches nothing but a.
func (p *pager[Req, Page, Item]) startAhead(ctx context.Context) {
	actx, cancel := context.WithCancel(ctx)
	a := &ahead[Page]{cancel: cancel, done: make(chan struct{})}
	req, fetch, opts := p.request(), p.fetch, append(p.opts.ClientOptions[:len(p.opts.ClientOptions):len(p.opts.ClientOptions)], sendOnce)
	go func() {
		defer close(a.done)
		defer func() {
			if v := recover(); v != nil {
				a.panicked = v
			}
		}()
		a.resp, a.err = fetch(actx, req, opts...)
	}()
	p.ahead = a
}

// stopAhead cancels the page fetched ahead, if any, waits for its goroutine
// to end, and drops it: the next NextPage fetches that page again.
func (p *pager[Req, Page, Item]) stopAhead() {
	if a := p.ahead; a != nil {
		p.ahead = nil
		a.cancel()
		<-a.done
	}
}

// takeAhead waits for the page fetched ahead and returns it; ok is false
// when there is none to use, and the caller fetches the page itself under
// the client's retry policy: when none was fetched ahead, or its one
// request failed. If ctx ends first, the page is cancelled and ctx's error
// returned.
func (p *pager[Req, Page, Item]) takeAhead(ctx context.Context, page int) (resp *Page, ok bool, err error) {
	a := p.ahead
	if a == nil {
		return resp, false, nil
	}
	p.ahead = nil
	select {
	case <-a.done:
	case <-ctx.Done():
		a.cancel()
		<-a.done
		return resp, true, fmt.Errorf("computenest: %s: page %d not fetched: %w", p.d.name, page, contextError(ctx))
	}
	a.cancel()
	if a.panicked != nil {
		panic(a.panicked)
	}
	if a.err != nil {
		return resp, false, nil
	}
	return a.resp, true, nil
}

// sendOnce is the option of a page fetched ahead: one request, no retry.
// The policy is copied, never changed: it may be the caller's own.
func sendOnce(o *Options) {
	r := RetryPolicy{}
	if o.Retry != nil {
		r = *o.Retry
	}
	r.MaxAttempts = 1
	o.Retry = &r
}
