package computenesttest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/internal/acs3"
	"github.com/computenest-sdk/computenest-go/internal/rpcsig"
)

// TestErrorDocumentsInTheServiceWords checks the answers to a wrong secret,
// an unknown key and an unknown action field by field against the real
// service's documents, for both signature schemes.
func TestErrorDocumentsInTheServiceWords(t *testing.T) {
	srv := newFake(t)
	const mismatch = "Specified signature is not matched with our calculation. server string to sign is:"
	tests := []struct {
		name   string
		build  func(t *testing.T) *http.Request
		status int
		code   string
		// message is the exact Message; for a signature mismatch, the
		// string to sign the request really had follows mismatch.
		message func(r *http.Request) string
	}{
		{"ACS3 wrong secret", func(t *testing.T) *http.Request {
			return rawCall{query: url.Values{"MaxResults": {"5"}}, keyID: keyID, secret: "wrong"}.build(t, srv)
		}, 400, "SignatureDoesNotMatch", func(r *http.Request) string {
			q, _ := url.ParseQuery(r.URL.RawQuery)
			canonical, _ := acs3.CanonicalRequest(&acs3.Request{Method: r.Method, Path: "/", Query: q, Headers: r.Header, Host: r.URL.Host})
			return mismatch + acs3.StringToSign(canonical)
		}},
		{"version 1.0 wrong secret", func(t *testing.T) *http.Request {
			return v1Call{keyID: keyID, secret: "wrong", params: url.Values{"MaxResults": {"5"}}}.build(t, srv)
		}, 400, "SignatureDoesNotMatch", func(r *http.Request) string {
			q, _ := url.ParseQuery(r.URL.RawQuery)
			return mismatch + rpcsig.StringToSign(r.Method, q)
		}},
		{"ACS3 unknown key", func(t *testing.T) *http.Request {
			return rawCall{keyID: "LTAInobody", secret: secret}.build(t, srv)
		}, 404, "InvalidAccessKeyId.NotFound", func(*http.Request) string { return "Specified access key is not found." }},
		{"version 1.0 unknown key", func(t *testing.T) *http.Request {
			return v1Call{keyID: "LTAInobody", secret: secret}.build(t, srv)
		}, 404, "InvalidAccessKeyId.NotFound", func(*http.Request) string { return "Specified access key is not found." }},
		{"ACS3 unknown action", func(t *testing.T) *http.Request {
			return rawCall{action: "DescribeBackups"}.build(t, srv)
		}, 404, "InvalidAction.NotFound", func(*http.Request) string {
			return "Specified api is not found, please check your url and method."
		}},
		{"version 1.0 unknown action", func(t *testing.T) *http.Request {
			return v1Call{action: "DescribeBackups"}.build(t, srv)
		}, 404, "InvalidAction.NotFound", func(*http.Request) string {
			return "Specified api is not found, please check your url and method."
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.build(t)
			res := send(t, r)
			doc := res.errorDoc(t)
			reqID := res.header.Get("x-acs-request-id")
			if res.status != tt.status {
				t.Errorf("HTTP status %d, want %d", res.status, tt.status)
			}
			if doc.Code != tt.code {
				t.Errorf("Code %q, want %q", doc.Code, tt.code)
			}
			if want := tt.message(r); doc.Message != want {
				t.Errorf("Message\n got %q\nwant %q", doc.Message, want)
			}
			if want := "https://api.aliyun.com/troubleshoot?q=" + tt.code + "&product=ComputeNest&requestId=" + reqID; doc.Recommend != want {
				t.Errorf("Recommend %q, want %q", doc.Recommend, want)
			}
			if doc.HostId != srv.Endpoint() {
				t.Errorf("HostId %q, want the Host the request named, %q", doc.HostId, srv.Endpoint())
			}
			if len(reqID) != 36 || doc.RequestId != reqID {
				t.Errorf("RequestId %q, header %q", doc.RequestId, reqID)
			}
		})
	}
}

// TestTooManyParameters: more parameters than Go's query parser takes is a
// 400 that says so, not a signature failure.
func TestTooManyParameters(t *testing.T) {
	srv := newFake(t)
	for _, where := range []string{"query string", "form body"} {
		t.Run(where, func(t *testing.T) {
			r := rawCall{}.build(t, srv)
			many := strings.Repeat("a=1&", 10000) + "a=1"
			if where == "query string" {
				r.URL.RawQuery = many
			} else {
				r.Body = http.NoBody
				r, _ = http.NewRequest(http.MethodPost, srv.URL()+"/", strings.NewReader(many))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			res := send(t, r)
			doc := res.errorDoc(t)
			if res.status != 400 || doc.Code != "InvalidParameter" || !strings.Contains(doc.Message, "10001 parameters; at most 10000") ||
				!strings.Contains(doc.Message, where) {
				t.Errorf("%d %+v", res.status, doc)
			}
		})
	}
	// 10,000 exactly still reach the signature check (and fail it here,
	// since the query was changed after signing).
	r := rawCall{}.build(t, srv)
	r.URL.RawQuery = strings.Repeat("a=1&", 9999) + "a=1"
	if doc := send(t, r).errorDoc(t); doc.Code != "SignatureDoesNotMatch" {
		t.Errorf("10000 parameters: %+v", doc)
	}
}
