package wire

// The SDK builds and signs its requests itself instead of going through
// darabonba-openapi's CallApi (see docs/PERFORMANCE.md). These tests hold it
// to what darabonba does: for the same call, the same URL, the same headers
// and an Authorization header equal to darabonba's own
// openapiutil.GetAuthorization.

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"

	"github.com/computenest-sdk/computenest-go/models"
)

// fixedCredential hands out one credential model; only GetCredential is used.
type fixedCredential struct {
	credentials.Credential
	model credentials.CredentialModel
}

func (f fixedCredential) GetCredential() (*credentials.CredentialModel, error) {
	m := f.model
	return &m, nil
}

// captureDoer records the request darabonba sends and answers nothing.
type captureDoer struct{ got *http.Request }

var errCaptured = errors.New("captured")

func (d *captureDoer) Call(r *http.Request, _ *http.Transport) (*http.Response, error) {
	d.got = r
	return nil, errCaptured
}

var signingCredentials = map[string]credentials.CredentialModel{
	"access key": {Type: dara.String("access_key"), AccessKeyId: dara.String("LTAIkey"), AccessKeySecret: dara.String("s3cr3t"),
		ProviderName: dara.String("static_ak")},
	"sts": {Type: dara.String("sts"), AccessKeyId: dara.String("STS.key"), AccessKeySecret: dara.String("sts-secret"),
		SecurityToken: dara.String(" token with spaces/+= "), ProviderName: dara.String("static_sts")},
	"no provider name": {Type: dara.String("access_key"), AccessKeyId: dara.String("LTAIkey"), AccessKeySecret: dara.String("s3cr3t")},
	"bearer":           {Type: dara.String("bearer"), BearerToken: dara.String("bearer-token"), ProviderName: dara.String("bearer")},
	"id_token":         {Type: dara.String("id_token"), SecurityToken: dara.String("id-token"), ProviderName: dara.String("oidc")},
}

// randomText mixes the characters that encodings disagree on.
func randomText(r *rand.Rand) string {
	pieces := []string{"a", "Z", "0", "-", "_", ".", "~", " ", "+", "*", "/", "=", "&", "%", "%7E", "?", "#", "备份", "é", "\t", "'", "\""}
	var b strings.Builder
	for range r.IntN(12) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func randomBackupsRequest(r *rand.Rand) *models.ListBackupsRequest {
	req := new(models.ListBackupsRequest)
	if r.IntN(4) > 0 {
		req.SetMaxResults(int32(1 + r.IntN(100)))
	}
	if r.IntN(2) == 0 {
		req.SetNextToken(randomText(r))
	}
	names := []string{models.FilterBackupId, models.FilterServiceInstanceId, models.FilterStatus, models.FilterStartTime, models.FilterEndTime}
	for range r.IntN(13) { // past Filter.10, where name order is not numeric order
		values := make([]string, 1+r.IntN(11))
		for i := range values {
			values[i] = randomText(r)
		}
		name := names[r.IntN(len(names))]
		req.AddFilter(&models.BackupFilter{Name: &name, Value: values})
	}
	return req
}

func TestRequestsMatchDarabonba(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ctx := context.Background()
	for name, model := range signingCredentials {
		t.Run(name, func(t *testing.T) {
			cred := fixedCredential{model: model}
			const host = "computenest.cn-hangzhou.aliyuncs.com"
			c, err := NewConn("https", host, NewHTTPClient(nil, 0, 0), 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			userAgent := dara.StringValue(openapiutil.GetUserAgent(dara.String("test/1")))
			doer := &captureDoer{}
			api, err := openapi.NewClient(&openapi.Config{
				Endpoint: dara.String(host), Protocol: dara.String("https"), Credential: cred,
				UserAgent: dara.String("test/1"), HttpClient: doer,
			})
			if err != nil {
				t.Fatal(err)
			}
			api.DisableSDKError = dara.Bool(true)
			for i := range 200 {
				req := randomBackupsRequest(r)
				query := Query(req.GetMaxResults(), req.GetNextToken(), req.GetFilter())
				got, err := c.newRequest(ctx, "ListBackups", query, &model, userAgent)
				if err != nil {
					t.Fatal(err)
				}
				darabonbaQuery := map[string]*string{}
				for _, p := range query {
					darabonbaQuery[p.Name] = dara.String(p.Value)
				}
				if _, err := api.CallApiWithCtx(ctx, &openapi.Params{
					Action: dara.String("ListBackups"), Version: dara.String(APIVersion), Protocol: dara.String("https"),
					Pathname: dara.String("/"), Method: dara.String("POST"), AuthType: dara.String("AK"), Style: dara.String("RPC"),
					ReqBodyType: dara.String("formData"), BodyType: dara.String("binary"),
				}, &openapi.OpenApiRequest{Query: darabonbaQuery}, &dara.RuntimeOptions{}); !errors.Is(err, errCaptured) {
					t.Fatalf("darabonba: %v", err)
				}
				if err := sameRequest(got, doer.got, model); err != nil {
					t.Fatalf("request %d, query %q: %v", i, query, err)
				}
			}
		})
	}
}

// sameRequest compares the SDK's request with darabonba's for the same call.
// The date and nonce differ from call to call, so the SDK's Authorization is
// checked by recomputing it with darabonba's signer over the SDK's request.
func sameRequest(ours, theirs *http.Request, model credentials.CredentialModel) error {
	if ours.Method != theirs.Method || ours.URL.String() != theirs.URL.String() || ours.Host != theirs.Host {
		return fmt.Errorf("request line:\n ours   %s %s (Host %s)\n theirs %s %s (Host %s)",
			ours.Method, ours.URL, ours.Host, theirs.Method, theirs.URL, theirs.Host)
	}
	if ours.Body != nil && ours.Body != http.NoBody {
		return errors.New("the SDK's request has a body")
	}
	names := func(h http.Header) []string {
		var n []string
		for k := range h {
			if k != "Host" {
				n = append(n, k)
			}
		}
		slices.Sort(n)
		return n
	}
	if a, b := names(ours.Header), names(theirs.Header); !slices.Equal(a, b) {
		return fmt.Errorf("header names:\n ours   %v\n theirs %v", a, b)
	}
	for k, v := range theirs.Header {
		switch k {
		case "Host", "x-acs-date", "x-acs-signature-nonce":
			continue
		case "Authorization":
			signedNames := func(a string) string {
				_, after, _ := strings.Cut(a, ",SignedHeaders=")
				s, _, _ := strings.Cut(after, ",")
				return s
			}
			if signedNames(v[0]) != signedNames(ours.Header.Get(k)) {
				return fmt.Errorf("signed headers:\n ours   %s\n theirs %s", ours.Header.Get(k), v[0])
			}
			continue
		}
		if !slices.Equal(ours.Header[k], v) {
			return fmt.Errorf("header %s: ours %q, theirs %q", k, ours.Header[k], v)
		}
	}
	if ours.Header["Authorization"] == nil {
		return nil // bearer and id_token calls are not signed, by darabonba either
	}
	dr := dara.NewRequest()
	dr.Method = dara.String(ours.Method)
	dr.Pathname = dara.String("/")
	for k, v := range ours.URL.Query() {
		dr.Query[k] = dara.String(v[0])
	}
	for k, v := range ours.Header {
		if k != "Authorization" {
			dr.Headers[k] = dara.String(v[0])
		}
	}
	dr.Headers["host"] = dara.String(ours.Host)
	want := dara.StringValue(openapiutil.GetAuthorization(dr, dara.String(signatureAlgorithm), dara.String(emptyBodySHA256),
		model.AccessKeyId, model.AccessKeySecret))
	if got := ours.Header.Get("Authorization"); got != want {
		return fmt.Errorf("Authorization:\n ours      %s\n darabonba %s", got, want)
	}
	if _, err := url.ParseQuery(ours.URL.RawQuery); err != nil {
		return fmt.Errorf("query %q: %v", ours.URL.RawQuery, err)
	}
	return nil
}
