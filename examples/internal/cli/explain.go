package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
)

// ListingError says, in a command line user's words, why a listing stopped
// early; each message names the flag that may help. Err is the SDK's error,
// for errors.As.
type ListingError struct {
	// Msg is the message for the user.
	Msg string
	// Err is the error the SDK returned.
	Err error
}

// Error returns Msg.
func (e *ListingError) Error() string { return e.Msg }

// Unwrap returns Err.
func (e *ListingError) Unwrap() error { return e.Err }

// ExplainListing turns an error that ended a listing after n items into a
// message for a command line user: the paginator's guards against a
// misbehaving service (a repeated page token, a run of empty pages, a
// listing that starts over) and -timeout firing. Other errors are returned as they are. timeout is -timeout's
// value; runCtx is the context the listing ran under.
func ExplainListing(runCtx context.Context, err error, n int, noun string, timeout time.Duration) error {
	var anomaly *client.PaginationError
	stopped := fmt.Sprintf("listing stopped after %d %s: ", n, noun)
	switch {
	case err == nil:
		return nil
	case errors.Is(runCtx.Err(), context.DeadlineExceeded):
		return &ListingError{Err: err, Msg: fmt.Sprintf(
			"gave up after -timeout %s with %d %s listed; give it longer with -timeout, or list fewer with -instance, -status, -since or -until",
			timeout, n, noun)}
	case errors.As(err, &anomaly):
		// The SDK has judged the pages; this only says it without Go's
		// words. The page that showed the anomaly is not listed.
		return &ListingError{Err: err, Msg: stopped + fmt.Sprintf(
			"the service's answer to page %d would have listed the same %s again, perhaps forever (%s). "+
				"This is the service's fault: run again later, or with another -page-size", anomaly.Page, noun, anomaly.Anomaly)}
	}
	return err
}
