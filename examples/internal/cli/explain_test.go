package cli

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
)

// A repeated token is told by both pages the SDK names: the page that
// returned it, and the page that was fetched with it, itself or an earlier
// one.
func TestExplainRepeatedToken(t *testing.T) {
	tests := []struct {
		err  *client.RepeatedTokenError
		want string
	}{
		{&client.RepeatedTokenError{Action: "ListBackups", Token: "t2", Page: 2, UsedByPage: 2},
			"listing stopped after 10 backups: the service's answer to page 2 gave, for the next page, the page token that page 2 was fetched with, " +
				"so following it would fetch the same backups again, perhaps forever. This is the service's fault: run again, or with another -page-size"},
		{&client.RepeatedTokenError{Action: "ListBackups", Token: "t3", Page: 5, UsedByPage: 3},
			"listing stopped after 10 backups: the service's answer to page 5 gave, for the next page, the page token that page 3 was fetched with, " +
				"so following it would fetch the same backups again, perhaps forever. This is the service's fault: run again, or with another -page-size"},
	}
	for _, tt := range tests {
		wrapped := fmt.Errorf("listing: %w", tt.err)
		err := ExplainListing(context.Background(), wrapped, 10, "backups", 0)
		var le *ListingError
		if !errors.As(err, &le) || le.Msg != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("%v:\n got %v\nwant %s", tt.err, err, tt.want)
		}
	}
}
