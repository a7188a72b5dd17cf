package cli

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
)

// A listing the SDK stopped for a misbehaving service is told with the
// page and what the service did.
func TestExplainPaginationError(t *testing.T) {
	tests := []struct {
		err  *client.PaginationError
		want string
	}{
		{&client.PaginationError{Action: "ListBackups", Anomaly: client.RepeatedToken, Token: "t2", Page: 2, Detail: "the very token the page was fetched with"},
			"listing stopped after 10 backups: the service's answer to page 2 would have listed the same backups again, perhaps forever " +
				"(RepeatedToken). This is the service's fault: run again later, or with another -page-size"},
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
