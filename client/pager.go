package client

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"iter"
)

// pager is the one paginator behind both actions, generic over the
// action's descriptor. It owns a deep copy of the caller's request and
// sends a fresh copy of it, with the next token and the page size set, for
// every page. Its state changes only when a page is returned: after any
// error a nextPage call retries the same page.
type pager[Req listRequest[Req], Page any, Item comparable] struct {
	d      *action[Req, Page, Item]
	fetch  func(context.Context, Req, ...func(*Options)) (*Page, error)
	base   Req // the caller's request, copied once
	opts   PaginatorOptions
	optErr error
	guard  itemGuard    // no item returned twice
	cycle  cycleGuard   // no listing that goes round in circles
	seed   maphash.Seed // for used and cycle: tokens and pages are kept as hashes

	token    string      // token of the next page; "" for the first page of a fresh listing
	used     tokenWindow // the tokens of the last pages sent, and their pages
	started  bool        // a page has been returned
	done     bool        // the last page has been returned
	pages    int         // pages returned
	count    int         // items returned
	emptyRun int         // consecutive pages with a NextToken and no new item

	cur *Page // the page most recently returned
	pos int   // items of cur already yielded by an item iterator

	ahead *ahead[Page] // the next page, fetched ahead (PaginatorOptions.Prefetch); nil when none is
}

// newPager copies req (which must not be nil) and applies the option
// functions.
func newPager[Req listRequest[Req], Page any, Item comparable](
	d *action[Req, Page, Item],
	fetch func(context.Context, Req, ...func(*Options)) (*Page, error),
	req Req,
	optFns []func(*PaginatorOptions),
) *pager[Req, Page, Item] {
	p := &pager[Req, Page, Item]{
		d:     d,
		fetch: fetch,
		base:  req.Clone(),
		token: req.GetNextToken(),
		seed:  maphash.MakeSeed(),
	}
	for _, fn := range optFns {
		if fn != nil {
			fn(&p.opts)
		}
	}
	if err := p.opts.validate(); err != nil {
		p.optErr = fmt.Errorf("computenest: %s paginator: %w", d.name, err)
	}
	if p.opts.MaxEmptyPages == 0 {
		p.opts.MaxEmptyPages = defaultMaxEmptyPages
	}
	return p
}

// The errors of a listing that has ended, and of a zero-value paginator.
var errNoMorePages = errors.New("computenest: paginator has no more pages")
var errNoConstructor = errors.New("computenest: paginator used without its constructor (use NewListBackupsPaginator or NewListRestoreTasksPaginator)")

// nextPage fetches, checks and returns the next page. Every error leaves the
// state as it was, so the caller may call it again to retry the same page.
func (p *pager[Req, Page, Item]) nextPage(ctx context.Context) (*Page, error) {
	switch {
	case p == nil:
		return nil, errNoConstructor
	case p.fetch == nil:
		return nil, fmt.Errorf("computenest: %s paginator has no API client (it was constructed with a nil one)", p.d.name)
	case p.optErr != nil:
		return nil, p.optErr
	case p.done:
		return nil, errNoMorePages
	case p.opts.MaxPages > 0 && p.pages >= p.opts.MaxPages:
		return nil, &LimitError{Action: p.d.name, Limit: "MaxPages", Value: p.opts.MaxPages, Count: p.pages, NextToken: p.token}
	}
	page := p.pages + 1
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("computenest: %s: page %d not fetched: %w", p.d.name, page, contextError(ctx))
	}

	resp, ok, err := p.takeAhead(ctx, page)
	if !ok {
		resp, err = p.fetch(ctx, p.request(), p.opts.ClientOptions...)
	}
	if err != nil {
		return nil, err
	}
	if resp == nil {
		return nil, fmt.Errorf("computenest: %s: page %d: the API client returned neither a response nor an error", p.d.name, page)
	}

	next := p.d.nextToken(resp)
	seen := screenItems(&p.guard, p.d.items(resp), p.d.id)
	items := seen.fresh
	emptyRun := 0
	anomaly := func(a PageAnomaly, detail string) error {
		return &PaginationError{Action: p.d.name, Anomaly: a, Page: page, Token: next, Detail: detail}
	}
	if next != "" {
		if by, ok := p.usedBy(next, page); ok {
			if by == page {
				return nil, anomaly(RepeatedToken, "the very token the page was fetched with")
			}
			return nil, anomaly(RepeatedToken, fmt.Sprintf("the token page %d was fetched with", by))
		}
		// Nothing but repeats of the first page is a restart. (On page 2
		// the first page is also the one before, whose repeats count in
		// fromPrev: that is only a page that brought nothing new.)
		if len(items) == 0 && seen.repeats > 0 && seen.fromPrev == 0 {
			return nil, anomaly(RestartedListing, fmt.Sprintf("only items of page 1 again, the first %q", seen.firstItem))
		}
		if len(items) == 0 {
			emptyRun = p.emptyRun + 1
			if emptyRun > p.opts.MaxEmptyPages {
				return nil, anomaly(EmptyPages, fmt.Sprintf("%d pages in a row brought no new item; see PaginatorOptions.MaxEmptyPages", emptyRun))
			}
		}
	}
	fingerprint := p.fingerprint(items)
	if p.cycle.seen(fingerprint) {
		return nil, anomaly(CycledPages, fmt.Sprintf("the items of a page returned before, the first %q", seen.firstItem))
	}
	if p.opts.MaxItems > 0 && p.count+len(items) > p.opts.MaxItems {
		return nil, &LimitError{Action: p.d.name, Limit: "MaxItems", Value: p.opts.MaxItems, Count: p.count, NextToken: p.token}
	}

	// The page is good: commit.
	if seen.repeats > 0 {
		resp = p.d.withItems(resp, items)
	}
	p.guard.commit()
	p.cycle.commit(fingerprint)
	if p.token != "" {
		p.used.add(maphash.String(p.seed, p.token), page)
	}
	p.started = true
	p.pages = page
	p.count += len(items)
	p.emptyRun = emptyRun
	p.token = next
	p.done = next == ""
	p.cur, p.pos = resp, len(items) // the caller has the page; item iterators reset pos
	if p.opts.Prefetch && !p.done && (p.opts.MaxPages == 0 || p.pages < p.opts.MaxPages) {
		p.startAhead(ctx)
	}
	return resp, nil
}

// request returns a fresh copy of the caller's request for the next page:
// its token and the page size set.
func (p *pager[Req, Page, Item]) request() Req {
	req := p.base.Clone()
	if p.started {
		// Later pages always have a token: an empty one ended the listing.
		req = req.SetNextToken(p.token)
	}
	if p.opts.PageSize > 0 {
		req = req.SetMaxResults(int32(p.opts.PageSize))
	}
	return req
}

// usedBy reports which page of this listing was sent with token: page, the
// one being checked, or an earlier one.
func (p *pager[Req, Page, Item]) usedBy(token string, page int) (int, bool) {
	if token == p.token {
		return page, true
	}
	by, ok := p.used.pages[maphash.String(p.seed, token)]
	return by, ok
}

// fingerprint hashes the IDs of a page's new items; 0 for a page with
// none, which the cycle guard ignores (the empty-page guard bounds those).
func (p *pager[Req, Page, Item]) fingerprint(items []Item) uint64 {
	if len(items) == 0 {
		return 0
	}
	var h maphash.Hash
	h.SetSeed(p.seed)
	for _, it := range items {
		h.WriteString(p.d.id(it))
		h.WriteByte(0)
	}
	return h.Sum64() | 1
}

// items ranges over the items left in the listing: first those of the
// current page that no item loop has yielded yet, then those of the pages
// after it. A page is fetched only when the loop asks for the item after the
// last one of the page before, so a break never causes a request (with
// PaginatorOptions.Prefetch, the next page is in flight while the loop
// handles a page, and leaving the loop cancels it and waits for it). ctx is
// checked before every item, so cancelling it ends the loop at once. An error
// is yielded once, with a zero item, and ends the loop; ranging again
// continues with the item not yet yielded, or retries the page that failed.
func (p *pager[Req, Page, Item]) items(ctx context.Context) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		var zero Item
		if p == nil {
			yield(zero, errNoConstructor)
			return
		}
		defer p.stopAhead()
		for {
			if p.started {
				items := p.d.items(p.cur)
				for p.pos < len(items) {
					if ctx.Err() != nil {
						yield(zero, fmt.Errorf("computenest: %s: listing stopped: %w", p.d.name, contextError(ctx)))
						return
					}
					item := items[p.pos]
					p.pos++
					if !yield(item, nil) {
						return
					}
				}
			}
			if p.done {
				return
			}
			if _, err := p.nextPage(ctx); err != nil {
				yield(zero, err)
				return
			}
			p.pos = 0
		}
	}
}

// tokenWindow remembers the tokens of the last tokenWindowSize pages sent
// (as hashes), so a service that answers with a token it gave lately is
// stopped before a page is listed twice, in memory that stays the same
// however long the listing. A token from further back starts a cycle of
// more pages than that, which the cycle guard ends.
type tokenWindow struct {
	pages map[uint64]int          // token hash → the page sent with it
	order [tokenWindowSize]uint64 // the hashes, oldest first, as a ring
	n     int                     // hashes added
}

const tokenWindowSize = 256

func (w *tokenWindow) add(h uint64, page int) {
	if w.pages == nil {
		w.pages = make(map[uint64]int)
	}
	slot := w.n % tokenWindowSize
	if w.n >= tokenWindowSize {
		delete(w.pages, w.order[slot])
	}
	w.order[slot], w.pages[h] = h, page
	w.n++
}

// cycleGuard detects a listing that comes back to pages it already
// returned under fresh tokens, which no token check can see, with Brent's
// algorithm over the pages' fingerprints: two words of memory however long
// the listing, and a cycle of λ pages is found within about 2λ pages of
// entering it.
type cycleGuard struct {
	tortoise     uint64 // a fingerprint the later ones are compared with
	power, steps int
}

// seen reports whether fingerprint f (0: no new item) repeats the one the
// guard holds.
func (g *cycleGuard) seen(f uint64) bool { return f != 0 && f == g.tortoise }

// commit records the fingerprint of a page just returned.
func (g *cycleGuard) commit(f uint64) {
	if f == 0 {
		return
	}
	if g.steps == g.power {
		g.tortoise, g.power, g.steps = f, max(2*g.power, 1), 0
	}
	g.steps++
}

// current is the page most recently returned; nil before the first.
func (p *pager[Req, Page, Item]) current() *Page {
	if p == nil {
		return nil
	}
	return p.cur
}

// nextToken is the token the next page will be fetched with.
func (p *pager[Req, Page, Item]) nextToken() string {
	if p == nil {
		return ""
	}
	return p.token
}
