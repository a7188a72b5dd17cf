package client

import (
	"context"
	"fmt"
)

// ahead is one page fetched ahead of the caller (PaginatorOptions.Prefetch).
// Its goroutine writes resp, err and panicked, then closes done; the pager
// reads them only after done is closed.
type ahead[Resp any] struct {
	token  string // the token the page was requested with
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}

	resp     Resp
	err      error
	panicked any // what the API client panicked with, re-raised in the caller's goroutine
}

// startAhead sends the request for the next page in a new goroutine, bound
// to ctx. The pager's state is read here, in the caller's goroutine; the
// goroutine touches nothing but a.
func (p *pager[Req, Resp, Item]) startAhead(ctx context.Context) {
	actx, cancel := context.WithCancel(ctx)
	a := &ahead[Resp]{token: p.token, ctx: actx, cancel: cancel, done: make(chan struct{})}
	req, fetch, opts := p.request(), p.fetch, p.opts.ClientOptions
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
func (p *pager[Req, Resp, Item]) stopAhead() {
	if a := p.ahead; a != nil {
		p.ahead = nil
		a.cancel()
		<-a.done
	}
}

// takeAhead waits for the page fetched ahead and returns its answer; ok is
// false when there is none to use, and the caller fetches the page itself.
// A page fetched ahead whose request failed because the ctx that started it
// was cancelled, while ctx is not, does not count: it is fetched again. If
// ctx ends first, the page is cancelled and ctx's error returned.
func (p *pager[Req, Resp, Item]) takeAhead(ctx context.Context, page int) (resp Resp, ok bool, err error) {
	a := p.ahead
	if a == nil {
		return resp, false, nil
	}
	if a.token != p.token { // cannot happen: the state changes only when a page is returned, which uses a
		p.stopAhead()
		return resp, false, nil
	}
	p.ahead = nil
	select {
	case <-a.done:
	case <-ctx.Done():
		a.cancel()
		<-a.done
		return resp, true, fmt.Errorf("computenest: %s: page %d not fetched: %w", p.action, page, contextError(ctx))
	}
	stale := a.err != nil && a.ctx.Err() != nil && ctx.Err() == nil
	a.cancel()
	if a.panicked != nil {
		panic(a.panicked)
	}
	if stale {
		return resp, false, nil
	}
	return a.resp, true, a.err
}
