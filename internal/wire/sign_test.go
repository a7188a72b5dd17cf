package wire

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
)

// signWithGetAuthorization is sign as it was before it built the canonical
// request itself: darabonba's GetAuthorization over maps of the query and the
// headers. sign must return exactly what it returns.
func signWithGetAuthorization(query []Param, signed []header, accessKeyID, secret string) string {
	q := make(map[string]*string, len(query))
	for i := range query {
		q[query[i].Name] = &query[i].Value
	}
	h := make(map[string]*string, len(signed))
	for i := range signed {
		h[signed[i].name] = &signed[i].value
	}
	req := &dara.Request{Method: dara.String(http.MethodPost), Pathname: dara.String("/"), Query: q, Headers: h}
	return dara.StringValue(openapiutil.GetAuthorization(req,
		dara.String(signatureAlgorithm), dara.String(emptyBodySHA256), &accessKeyID, &secret))
}

// randomSigned is a sorted set of signed headers as newRequest builds them,
// with values that ACS3 trims or that need no escaping in a header.
func randomSigned(r *rand.Rand) []header {
	names := []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce",
		"x-acs-version", "x-acs-credentials-provider", "x-acs-accesskey-id", "x-acs-security-token"}
	var hs []header
	for i, n := range names {
		if i < 6 || r.IntN(2) == 0 {
			v := randomText(r)
			if r.IntN(3) == 0 {
				v = " \t" + v + " "
			}
			hs = append(hs, header{n, v})
		}
	}
	slices.SortFunc(hs, func(a, b header) int { return strings.Compare(a.name, b.name) })
	return hs
}

func TestSignMatchesGetAuthorization(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 2000 {
		req := randomBackupsRequest(r)
		query := Query(req.GetMaxResults(), req.GetNextToken(), req.GetFilter())
		if i%50 == 0 {
			query = nil // no parameters at all
		}
		signed := randomSigned(r)
		id, secret := randomText(r), randomText(r)
		got, want := sign(query, signed, id, secret), signWithGetAuthorization(query, signed, id, secret)
		if got != want {
			t.Fatalf("query %q, headers %q:\n sign             %s\n GetAuthorization %s", query, signed, got, want)
		}
	}
}

// BenchmarkSign is the signer of one ListBackups call with a filter, as
// newRequest calls it, against darabonba's GetAuthorization over the same
// request.
func BenchmarkSign(b *testing.B) {
	query := []Param{{"Filter.1.Name", "ServiceInstanceId"}, {"Filter.1.Value.1", "si-7b6138dfce1e4c41a8b7"}, {"MaxResults", "100"},
		{"NextToken", "AAAAAc3HCuYhJi/wvpk4xOr0VLYoaeZA6xVdkCrmG9Em"}}
	signed := []header{{"host", "computenest.cn-hangzhou.aliyuncs.com"}, {"x-acs-action", "ListBackups"},
		{"x-acs-content-sha256", emptyBodySHA256}, {"x-acs-credentials-provider", "static_ak"}, {"x-acs-date", "2026-12-01T09:30:00Z"},
		{"x-acs-signature-nonce", "3f9a1c2e4b5d6e7f8091a2b3c4d5e6f7"}, {"x-acs-version", APIVersion}}
	for _, s := range []struct {
		name string
		fn   func([]Param, []header, string, string) string
	}{{"sign", sign}, {"GetAuthorization", signWithGetAuthorization}} {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.fn(query, signed, "LTAIbenchkeyid", "bench-secret")
			}
		})
	}
}
