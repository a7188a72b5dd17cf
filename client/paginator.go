package client

import (
	"fmt"
	"strconv"

	"github.com/computenest-sdk/computenest-go/models"
)

// PaginatorOptions tunes a paginator. The zero value is usable: the
// request's own page size, no cap on pages or items, and at most 10 empty
// pages in a row. Pass functions that set its fields to the paginator
// constructors, as aws-sdk-go-v2 does:
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
	PageSize int
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
	// items already returned); 0 means 10. One more such page in a row is
	// a *PaginationError, so a service that keeps answering "nothing new,
	// but there is more" cannot keep a listing going forever.
	MaxEmptyPages int
	// ClientOptions are applied to every call the paginator makes, as the
	// optFns of ListBackups and ListRestoreTasks (see Options).
	ClientOptions []func(*Options)
	// Prefetch, when true, requests the next page as soon as a page is
	// returned, so it is in flight while the caller handles this one: that
	// hides the caller's time per page on a real network. The page ahead
	// is sent once, without retries, under the ctx that started it (a
	// loop that stops sends at most one request more); if it fails, the
	// next NextPage fetches it under the retry policy. Pages, items and
	// guards are as without Prefetch. Leaving an Items loop cancels the
	// page in flight and waits for it; a NextPage loop left behind leaves
	// it to its ctx and the client's timeouts.
	Prefetch bool
}

// defaultMaxEmptyPages is MaxEmptyPages when it is 0.
const defaultMaxEmptyPages = 10

// validate checks o after the option functions ran.
func (o *PaginatorOptions) validate() error {
	if o.PageSize != 0 && (o.PageSize < models.MinMaxResults || o.PageSize > models.MaxMaxResults) {
		return &models.ValidationError{
			Field:  "PaginatorOptions.PageSize",
			Value:  strconv.Itoa(o.PageSize),
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

// PageAnomaly is how a misbehaving service would have made a listing loop
// forever, or return items twice.
type PageAnomaly string

// The anomalies a paginator stops at.
const (
	// RepeatedToken: a page carried a NextToken this listing had already
	// used.
	RepeatedToken PageAnomaly = "RepeatedToken"
	// EmptyPages: more pages in a row than PaginatorOptions.MaxEmptyPages
	// brought no new item but carried a NextToken.
	EmptyPages PageAnomaly = "EmptyPages"
	// RestartedListing: a page after the second brought nothing but items
	// of the first page again, under a new token.
	RestartedListing PageAnomaly = "RestartedListing"
	// CycledPages: the listing came back to pages it had already returned,
	// under tokens it had never used.
	CycledPages PageAnomaly = "CycledPages"
)

// PaginationError means the service answered a listing in a way that,
// followed, would loop forever or return items again: a paginator stops
// with this error instead, and does not return the page. Everything
// returned before it is complete, without repeats.
type PaginationError struct {
	// Action is the API action, e.g. "ListBackups".
	Action string
	// Anomaly is what the service did.
	Anomaly PageAnomaly
	// Page is the page (1-based, counted from this paginator's first page)
	// that showed the anomaly.
	Page int
	// Token is the NextToken that page carried.
	Token string
	// Detail says more, in words: which page first used a repeated token,
	// how many empty pages ran, which item was repeated.
	Detail string
}

// Error names the action, the anomaly, the page and the token.
func (e *PaginationError) Error() string {
	return fmt.Sprintf("computenest: %s: listing stopped at page %d (%s: %s; NextToken %q) instead of listing the same entries again",
		e.Action, e.Page, e.Anomaly, e.Detail, e.Token)
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
