package client

import (
	"testing"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
)

// TestDocumentedEndpointsFollowTheRule: the endpoints documented for
// Compute Nest are what darabonba's rule builds, so an undocumented region
// resolves the same way a documented one does.
func TestDocumentedEndpointsFollowTheRule(t *testing.T) {
	for region, host := range regionEndpoints {
		rule, err := openapiutil.GetEndpointRules(dara.String("computenest"), dara.String(region), dara.String("regional"), dara.String(""), dara.String(""))
		if err != nil || dara.StringValue(rule) != host {
			t.Errorf("%s: rule gives %q (%v), documented %q", region, dara.StringValue(rule), err, host)
		}
	}
}
