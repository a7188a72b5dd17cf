package client

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"strconv"

	"github.com/computenest-sdk/computenest-go/models"
)

// DefaultMaxEmptyPages is how many pages in a row that still carry a
// NextToken but bring no new item a paginator accepts when
// PaginatorOptions.MaxEmptyPages is 0.
const DefaultMaxEmptyPages = 10

// PaginatorOptions tunes a paginator. The zero value is usable: the
// request's own page size, no cap on pages or items, and at most
// DefaultMaxEmptyPages empty pages in a row. Pass functions that set its
// fields to the paginator constructors, as aws-sdk-go-v2 does:
//
//	p := client.NewListBackupsPaginator(c, req, func(o *client.PaginatorOptions) {
//		o.PageSize = 100
//		o.MaxItems = 5000
//	})
//
// Invalid options (a page size outside 1 to 100, a negative cap) are
// reported by the first NextPage, and nothing is sent.
type PaginatorOptions struct {
	// PageSize is sent as MaxResults with every page, 1 to 100. Zero keeps
	// the request's MaxResults, or the service's default (20) when the
	// request has none.
	PageSize int32
	// MaxPages caps the pages this paginator fetches; 0 means no cap. When
	// MaxPages pages have been returned and the listing has more, NextPage
	// returns a *LimitError instead of fetching another.
	MaxPages int
	// MaxItems caps the items this paginator returns across all pages; 0
	// means no cap. A page that would take the count above MaxItems is not
	// returned: NextPage returns a *LimitError, and NextToken still names
	// that page. A listing of exactly MaxItems items is not an error.
	MaxItems int
	// MaxEmptyPages bounds a run of consecutive pages whose NextToken is
	// not empty but that bring no new item (they are empty, or repeat
	// items already returned); 0 means DefaultMaxEmptyPages. One more such
	// page in a row is an *EmptyPagesError, so a service that keeps
	// answering "nothing new, but there is more" cannot keep a listing going
	// forever.
	MaxEmptyPages int
	// ClientOptions are applied to every call the paginator makes, as the
	// optFns of ListBackups and ListRestoreTasks (see Options).
	ClientOptions []func(*Options)
	// Prefetch, when true, fetches one page ahead: as soon as a page is
	// returned, the request for the next one is sent, so that it is in
	// flight while the caller handles the page. On a network with a round
	// trip of milliseconds this hides the caller's own time per page
	// (docs/PERFORMANCE.md has figures). At most one page is fetched ahead,
	// and never past MaxPages.
	//
	// Every guarantee holds as without it: pages and items are the same, in
	// the same order, a fetched-ahead page is checked (repeated token, empty
	// pages, restart, MaxItems, repeated items) only when it is asked for,
	// and after any error the next NextPage retries the same page.
	//
	// The page fetched ahead is bound to the ctx of the NextPage call (or
	// the loop) that started it: cancelling that ctx cancels it. When a
	// later NextPage is called with another ctx after the first was
	// cancelled, the page is fetched again with the new one, so use one ctx
	// for a listing, not one per page. Leaving a range loop over Pages or
	// Items (break, return, an error) cancels the page in flight and waits
	// for it, so no goroutine outlives the loop; such a loop sends at most
	// one request more than it would without Prefetch. A paginator driven
	// by NextPage and then abandoned leaves its page in flight until that
	// request ends (the Client's timeouts bound it) or its ctx is
	// cancelled.
	Prefetch bool
}

// validate checks o after the option functions ran.
func (o *PaginatorOptions) validate() error {
	if o.PageSize != 0 && (o.PageSize < models.MinMaxResults || o.PageSize > models.MaxMaxResults) {
		return &models.ValidationError{
			Field:  "PaginatorOptions.PageSize",
			Value:  strconv.FormatInt(int64(o.PageSize), 10),
			Reason: fmt.Sprintf("must be 0 (the request's page size) or between %d and %d", models.MinMaxResults, models.MaxMaxResults),
		}
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"MaxPages", o.MaxPages}, {"MaxItems", o.MaxItems}, {"MaxEmptyPages", o.MaxEmptyPages}} {
		if f.v < 0 {
			return &models.ValidationError{
				Field:  "PaginatorOptions." + f.name,
				Value:  strconv.Itoa(f.v),
				Reason: "must not be negative (0 means the default)",
			}
		}
	}
	return nil
}

// ErrNoMorePages is returned by NextPage once the listing has ended, that is
// when HasMorePages reports false.
var ErrNoMorePages = errors.New("computenest: paginator has no more pages")

// RepeatedTokenError means the service answered with a NextToken that this
// listing had already used. Following it would fetch pages already seen, and
// possibly loop forever, so the paginator stops with this error instead. The
// page that carried the token is not returned.
type RepeatedTokenError struct {
	// Action is the API action, e.g. "ListBackups".
	Action string
	// Token is the repeated NextToken.
	Token string
	// Page is the page (1-based, counted from this paginator's first page)
	// whose response carried Token.
	Page int
	// UsedByPage is the page that was fetched with Token: Page itself when
	// a page returned the very token it was fetched with, an earlier page
	// otherwise (1 for a token the listing was started, or resumed, from).
	UsedByPage int
}

// Error names the action, the token and both pages.
func (e *RepeatedTokenError) Error() string {
	which := fmt.Sprintf("the token page %d was already fetched with", e.UsedByPage)
	if e.UsedByPage == e.Page {
		which = "the very token it was fetched with"
	}
	return fmt.Sprintf("computenest: %s: page %d returned NextToken %q, %s; stopping instead of listing the same entries again",
		e.Action, e.Page, e.Token, which)
}

// EmptyPagesError means the service returned more pages in a row that
// brought no new item, each with a non-empty NextToken, than
// PaginatorOptions.MaxEmptyPages allows. The last of them is not returned.
type EmptyPagesError struct {
	// Action is the API action, e.g. "ListBackups".
	Action string
	// Count is the number of such pages in a row received, the last
	// included.
	Count int
	// Page is the page (1-based, counted from this paginator's first page)
	// that went over the bound.
	Page int
	// Token is the NextToken the last of those pages carried.
	Token string
}

// Error names the action, the run of pages and the last token.
func (e *EmptyPagesError) Error() string {
	return fmt.Sprintf("computenest: %s: %d pages in a row brought no new items but carried a NextToken (last, on page %d: %q); stopping (see PaginatorOptions.MaxEmptyPages)",
		e.Action, e.Count, e.Page, e.Token)
}

// LimitError means a listing has more than a cap of PaginatorOptions
// allows: more pages than MaxPages, or more items than MaxItems. The listing
// is not silently cut short: everything returned before the error is
// complete, and NextToken says where the rest starts.
type LimitError struct {
	// Action is the API action, e.g. "ListBackups".
	Action string
	// Limit is the option that was reached: "MaxPages" or "MaxItems".
	Limit string
	// Value is the option's value.
	Value int
	// Count is how many pages (for MaxPages) or items (for MaxItems) were
	// returned before the error.
	Count int
	// NextToken starts the part of the listing that was not returned; a new
	// paginator whose request carries it continues there.
	NextToken string
}

// Error names the action, the cap and where the rest of the listing starts.
func (e *LimitError) Error() string {
	what := "pages"
	if e.Limit == "MaxItems" {
		what = "items"
	}
	return fmt.Sprintf("computenest: %s: listing has more than %s=%d %s (%d returned); raise the cap or resume from NextToken %q",
		e.Action, e.Limit, e.Value, what, e.Count, e.NextToken)
}

// pageRequest is what the pager needs of a list request: a deep copy, and
// setters that return the request. Both models requests satisfy it with Req
// being their pointer type.
type pageRequest[Req any] interface {
	Clone() Req
	SetNextToken(string) Req
	SetMaxResults(int32) Req
	GetNextToken() string
}

// pageResponse is what the pager needs of a list response. It is comparable
// so that a nil response can be told from a page.
type pageResponse interface {
	comparable
	GetNextToken() string
}

// pager is the one paginator behind both actions. It owns a deep copy of the
// caller's request and sends a fresh copy of it, with the next token and the
// page size set, for every page. Its state changes only when a page is
// returned: after any error a NextPage call retries the same page.
type pager[Req pageRequest[Req], Resp pageResponse, Item any] struct {
	pageKind[Resp, Item]
	fetch  func(context.Context, Req, ...func(*Options)) (Resp, error)
	base   Req // the caller's request, copied once
	opts   PaginatorOptions
	optErr error
	guard  itemGuard // no item returned twice

	token    string         // token of the next page; "" for the first page of a fresh listing
	used     map[uint64]int // hash of every token sent in this listing → the page sent with it
	seed     maphash.Seed   // for used: 8 bytes a page instead of the token, so a long listing's memory stays flat
	started  bool           // a page has been returned
	done     bool           // the last page has been returned
	pages    int            // pages returned
	count    int            // items returned
	emptyRun int            // consecutive pages with a NextToken and no new item

	cur Resp // the page most recently returned
	pos int  // items of cur already yielded by an item iterator

	ahead *ahead[Resp] // the next page, fetched ahead (PaginatorOptions.Prefetch); nil when none is
}

// pageKind is what the pager knows of one action's pages and items.
type pageKind[Resp pageResponse, Item any] struct {
	action string
	items  func(Resp) []Item
	// withItems returns a shallow copy of the page holding items instead of
	// its own: the page the API returned is never changed.
	withItems func(Resp, []Item) Resp
	id        func(Item) string
}

// newPager copies req (which must not be nil) and applies the option
// functions.
func newPager[Req pageRequest[Req], Resp pageResponse, Item any](
	kind pageKind[Resp, Item],
	fetch func(context.Context, Req, ...func(*Options)) (Resp, error),
	req Req,
	optFns []func(*PaginatorOptions),
) pager[Req, Resp, Item] {
	p := pager[Req, Resp, Item]{
		pageKind: kind,
		fetch:    fetch,
		base:     req.Clone(),
		token:    req.GetNextToken(),
		used:     make(map[uint64]int),
		seed:     maphash.MakeSeed(),
	}
	for _, fn := range optFns {
		if fn != nil {
			fn(&p.opts)
		}
	}
	if err := p.opts.validate(); err != nil {
		p.optErr = fmt.Errorf("computenest: %s paginator: %w", kind.action, err)
	}
	if p.opts.MaxEmptyPages == 0 {
		p.opts.MaxEmptyPages = DefaultMaxEmptyPages
	}
	return p
}

func (p *pager[Req, Resp, Item]) hasMorePages() bool { return !p.done }

func (p *pager[Req, Resp, Item]) nextToken() string { return p.token }

// nextPage fetches, checks and returns the next page. Every error leaves the
// state as it was, so the caller may call it again to retry the same page.
func (p *pager[Req, Resp, Item]) nextPage(ctx context.Context) (Resp, error) {
	var zero Resp
	switch {
	case p.fetch == nil && p.action == "":
		return zero, errors.New("computenest: paginator used without its constructor (use NewListBackupsPaginator or NewListRestoreTasksPaginator)")
	case p.fetch == nil:
		return zero, fmt.Errorf("computenest: %s paginator has no API client (it was constructed with a nil one)", p.action)
	case p.optErr != nil:
		return zero, p.optErr
	case p.done:
		return zero, ErrNoMorePages
	case p.opts.MaxPages > 0 && p.pages >= p.opts.MaxPages:
		return zero, &LimitError{Action: p.action, Limit: "MaxPages", Value: p.opts.MaxPages, Count: p.pages, NextToken: p.token}
	}
	page := p.pages + 1
	if err := ctx.Err(); err != nil {
		return zero, fmt.Errorf("computenest: %s: page %d not fetched: %w", p.action, page, contextError(ctx))
	}

	resp, ok, err := p.takeAhead(ctx, page)
	if !ok {
		resp, err = p.fetch(ctx, p.request(), p.opts.ClientOptions...)
	}
	if err != nil {
		return zero, err
	}
	if resp == zero {
		return zero, fmt.Errorf("computenest: %s: page %d: the API client returned neither a response nor an error", p.action, page)
	}

	next := resp.GetNextToken()
	seen := screenItems(&p.guard, p.items(resp), p.id)
	items := seen.fresh
	emptyRun := 0
	if next != "" {
		if by, ok := p.usedBy(next, page); ok {
			return zero, &RepeatedTokenError{Action: p.action, Token: next, Page: page, UsedByPage: by}
		}
		// Nothing but repeats of the first page is a restart. (On page 2
		// the first page is also the one before, whose repeats count in
		// fromPrev: that is only a page that brought nothing new.)
		if len(items) == 0 && seen.repeats > 0 && seen.fromPrev == 0 {
			return zero, &RestartedListingError{Action: p.action, Page: page, ItemID: seen.firstItem, Token: next}
		}
		if len(items) == 0 {
			emptyRun = p.emptyRun + 1
			if emptyRun > p.opts.MaxEmptyPages {
				return zero, &EmptyPagesError{Action: p.action, Count: emptyRun, Page: page, Token: next}
			}
		}
	}
	if p.opts.MaxItems > 0 && p.count+len(items) > p.opts.MaxItems {
		return zero, &LimitError{Action: p.action, Limit: "MaxItems", Value: p.opts.MaxItems, Count: p.count, NextToken: p.token}
	}

	// The page is good: commit.
	if seen.repeats > 0 {
		resp = p.withItems(resp, items)
	}
	p.guard.commit()
	if p.token != "" {
		p.used[maphash.String(p.seed, p.token)] = page
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
func (p *pager[Req, Resp, Item]) request() Req {
	req := p.base.Clone()
	if p.started {
		// Later pages always have a token: an empty one ended the listing.
		req = req.SetNextToken(p.token)
	}
	if p.opts.PageSize > 0 {
		req = req.SetMaxResults(p.opts.PageSize)
	}
	return req
}

// usedBy reports which page of this listing was sent with token: page, the
// one being checked, or an earlier one.
func (p *pager[Req, Resp, Item]) usedBy(token string, page int) (int, bool) {
	if token == p.token {
		return page, true
	}
	by, ok := p.used[maphash.String(p.seed, token)]
	return by, ok
}

// contextError is ctx's error, joined with its cause when the cause says
// more, so errors.Is works for both.
func contextError(ctx context.Context) error {
	err := ctx.Err()
	if cause := context.Cause(ctx); cause != nil && cause != err {
		return fmt.Errorf("%w: %w", err, cause)
	}
	return err
}
