package client_test

import (
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
)

// TestUnparsableEndpointFailsAtNewClient: the endpoint's URL is parsed
// once, by NewClient, so an endpoint that is no host[:port] is refused
// there, not by every call as a retried transport failure.
func TestUnparsableEndpointFailsAtNewClient(t *testing.T) {
	for _, e := range []string{"a b", "host:abc", "%zz"} {
		_, err := client.NewClient(&client.Config{Endpoint: e, AccessKeyId: "id", AccessKeySecret: "secret"})
		if err == nil || !strings.Contains(err.Error(), e) {
			t.Errorf("endpoint %q: err = %v, want an error naming it", e, err)
		}
	}
}
