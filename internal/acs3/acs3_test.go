package acs3

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"

	"github.com/computenest-sdk/computenest-go/internal/acs3/acs3test"
	"github.com/computenest-sdk/computenest-go/internal/acsauth"
)

func sha256Of(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestReferenceVector(t *testing.T) {
	v := acs3test.Load(t)
	q := v.QueryValues()
	h := v.Header()
	r := &Request{Method: v.Method, Path: v.Path, Query: q, Headers: h, Host: v.Host, PayloadHash: sha256Of(v.Body)}

	if got := CanonicalQueryString(q); got != v.Expect.CanonicalQueryString {
		t.Errorf("canonicalQueryString = %q, want %q", got, v.Expect.CanonicalQueryString)
	}
	canonical, signed := CanonicalRequest(r)
	if signed != v.Expect.SignedHeaders {
		t.Errorf("signedHeaders = %q, want %q", signed, v.Expect.SignedHeaders)
	}
	if got := sha256Of(canonical); got != v.Expect.HashedCanonicalRequest {
		t.Errorf("hashedCanonicalRequest = %s, want %s\ncanonical request:\n%s", got, v.Expect.HashedCanonicalRequest, canonical)
	}
	if got := Signature(v.AccessKeySecret, StringToSign(canonical)); got != v.Expect.Signature {
		t.Errorf("signature = %s, want %s", got, v.Expect.Signature)
	}
	if got := Sign(r, v.AccessKeyID, v.AccessKeySecret); got != v.Expect.Authorization {
		t.Errorf("authorization = %q, want %q", got, v.Expect.Authorization)
	}
}

func TestCanonicalQueryString(t *testing.T) {
	tests := []struct {
		name string
		q    url.Values
		want string
	}{
		{"nil", nil, ""},
		{"empty value", url.Values{"A": {""}}, "A="},
		{"sorted by name", url.Values{"b": {"1"}, "B": {"2"}, "a": {"3"}}, "B=2&a=3&b=1"},
		{"repeated name sorted by value", url.Values{"k": {"z", "a b", "a"}}, "k=a&k=a%20b&k=z"},
		{"names encoded", url.Values{"a b": {"x/y"}}, "a%20b=x%2Fy"},
	}
	for _, tt := range tests {
		if got := CanonicalQueryString(tt.q); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCanonicalHeaders(t *testing.T) {
	r := &Request{
		Host: "example.com",
		Headers: http.Header{
			"Host":            {"ignored.example.com"},
			"Content-Type":    {"application/json"},
			"X-Acs-Action":    {"  ListBackups "},
			"X-Acs-Multi":     {"b", "a"},
			"User-Agent":      {"not signed"},
			"x-acs-lowercase": {"raw key"},
		},
	}
	block, signed := CanonicalHeaders(r)
	wantBlock := "content-type:application/json\nhost:example.com\nx-acs-action:ListBackups\nx-acs-lowercase:raw key\nx-acs-multi:a,b\n"
	if block != wantBlock || signed != "content-type;host;x-acs-action;x-acs-lowercase;x-acs-multi" {
		t.Errorf("CanonicalHeaders = %q, %q", block, signed)
	}
}

func TestParseAuthorization(t *testing.T) {
	a, err := ParseAuthorization("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-date,Signature=abc")
	want := Authorization{AccessKeyID: "id", SignedHeaders: []string{"host", "x-acs-date"}, Signature: "abc"}
	if err != nil || !reflect.DeepEqual(a, want) {
		t.Errorf("ParseAuthorization = %+v, %v; want %+v", a, err, want)
	}
	for _, bad := range []string{
		"",
		"garbage",
		"ACS3-HMAC-SM3 Credential=id,SignedHeaders=host,Signature=abc",
		"ACS3-HMAC-SHA256 SignedHeaders=host,Signature=abc",
		"ACS3-HMAC-SHA256 Credential=id,Signature=abc",
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host",
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;;x-acs-date,Signature=abc",
		"ACS3-HMAC-SHA256 Credential=id,Credential=id2,SignedHeaders=host,Signature=abc",
	} {
		_, err := ParseAuthorization(bad)
		if code := errCode(err); code != acsauth.CodeIncompleteSignature {
			t.Errorf("ParseAuthorization(%q) code = %q, want %s (err %v)", bad, code, acsauth.CodeIncompleteSignature, err)
		}
	}
}

func errCode(err error) string {
	var ve *acsauth.VerifyError
	if errors.As(err, &ve) {
		return ve.Code
	}
	return ""
}

const (
	testKeyID  = "LTAItestkey"
	testSecret = "test-secret-do-not-print"
)

func testSecrets(id string) (string, bool) {
	if id == testKeyID {
		return testSecret, true
	}
	return "", false
}

// signHTTP signs r as a client would, from what r will carry on the wire.
func signHTTP(t *testing.T, r *http.Request, body []byte, keyID, secret string) {
	t.Helper()
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Authorization", Sign(&Request{
		Method: r.Method, Path: r.URL.EscapedPath(), Query: q,
		Headers: r.Header, Host: r.Host, PayloadHash: sha256Of(string(body)),
	}, keyID, secret))
}

// newSignedRequest builds a request for the fake server, signed with key and
// secret. rawQuery is sent exactly as given.
func newSignedRequest(t *testing.T, rawQuery, body, keyID, secret string) *http.Request {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "http://computenest.cn-hangzhou.aliyuncs.com/?"+rawQuery, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("x-acs-action", "ListBackups")
	r.Header.Set("x-acs-version", "2021-06-01")
	r.Header.Set("x-acs-date", "2025-01-01T00:00:00Z")
	r.Header.Set("x-acs-signature-nonce", "nonce-1")
	r.Header.Set("x-acs-security-token", "sts-token")
	r.Header.Set("x-acs-content-sha256", sha256Of(body))
	signHTTP(t, r, []byte(body), keyID, secret)
	return r
}

func TestVerifyAccepts(t *testing.T) {
	tests := []struct{ name, rawQuery, body string }{
		{"form-style plus for space", "Filter.1.Name=Status&Filter.1.Value.1=a+b&NextToken=x%2By", ""},
		{"percent20 for space", "Filter.1.Name=Status&Filter.1.Value.1=a%20b&Star=%2A%7E", ""},
		{"raw star and tilde", "Star=*~&Empty=&CN=%E5%A4%87%E4%BB%BD", ""},
		{"no query, with body", "", "MaxResults=10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newSignedRequest(t, tt.rawQuery, tt.body, testKeyID, testSecret)
			body, _ := io.ReadAll(r.Body)
			auth, err := Verify(r, body, testSecrets)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if auth.AccessKeyID != testKeyID {
				t.Errorf("AccessKeyID = %q", auth.AccessKeyID)
			}
			if !strings.Contains(strings.Join(auth.SignedHeaders, ";"), "x-acs-security-token") {
				t.Errorf("x-acs-security-token not signed: %v", auth.SignedHeaders)
			}
		})
	}
	// The same parameters sent as + or as %20 verify under one signature.
	r := newSignedRequest(t, "V=a+b", "", testKeyID, testSecret)
	r.URL.RawQuery = "V=a%20b"
	if _, err := Verify(r, nil, testSecrets); err != nil {
		t.Errorf("re-encoded query: %v", err)
	}
}

func TestVerifyRejects(t *testing.T) {
	const query = "Filter.1.Value.1=a+b&MaxResults=10"
	const body = "x=1"
	tests := []struct {
		name   string
		mutate func(r *http.Request) (body string)
		want   string
	}{
		{"tampered query value", func(r *http.Request) string {
			r.URL.RawQuery = "Filter.1.Value.1=a+c&MaxResults=10"
			return body
		}, acsauth.CodeSignatureDoesNotMatch},
		{"added query parameter", func(r *http.Request) string {
			r.URL.RawQuery += "&Extra=1"
			return body
		}, acsauth.CodeSignatureDoesNotMatch},
		{"tampered signed header", func(r *http.Request) string {
			r.Header.Set("x-acs-action", "DeleteBackup")
			return body
		}, acsauth.CodeSignatureDoesNotMatch},
		{"tampered host", func(r *http.Request) string {
			r.Host = "evil.example.com"
			return body
		}, acsauth.CodeSignatureDoesNotMatch},
		{"extra unsigned x-acs header", func(r *http.Request) string {
			r.Header.Set("x-acs-extra", "1")
			return body
		}, acsauth.CodeIncompleteSignature},
		{"signed header removed", func(r *http.Request) string {
			r.Header.Del("Content-Type")
			return body
		}, acsauth.CodeIncompleteSignature},
		{"wrong secret", func(r *http.Request) string {
			signHTTP(t, r, []byte(body), testKeyID, "wrong")
			return body
		}, acsauth.CodeSignatureDoesNotMatch},
		{"unknown key id", func(r *http.Request) string {
			signHTTP(t, r, []byte(body), "LTAIunknown", testSecret)
			return body
		}, acsauth.CodeInvalidAccessKeyID},
		{"missing Authorization", func(r *http.Request) string {
			r.Header.Del("Authorization")
			return body
		}, acsauth.CodeIncompleteSignature},
		{"garbage Authorization", func(r *http.Request) string {
			r.Header.Set("Authorization", "Bearer xyz")
			return body
		}, acsauth.CodeIncompleteSignature},
		{"host not signed", func(r *http.Request) string {
			dropSigned(r, "host")
			return body
		}, acsauth.CodeIncompleteSignature},
		{"body hash mismatch", func(*http.Request) string {
			return "x=2"
		}, acsauth.CodeSignatureDoesNotMatch},
		{"body changed without content hash header", func(r *http.Request) string {
			r.Header.Del("x-acs-content-sha256")
			dropSigned(r, "x-acs-content-sha256")
			return "x=2"
		}, acsauth.CodeSignatureDoesNotMatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newSignedRequest(t, query, body, testKeyID, testSecret)
			sent := tt.mutate(r)
			_, err := Verify(r, []byte(sent), testSecrets)
			if code := errCode(err); code != tt.want {
				t.Fatalf("Verify error = %v, want code %s", err, tt.want)
			}
			if msg := err.Error(); strings.Contains(msg, testSecret) || strings.Contains(msg, goodSignature(t, r, sent)) {
				t.Errorf("error message leaks a secret: %s", msg)
			}
		})
	}
}

// TestVerifyMessages checks the service's words: the string to sign raw
// after SignatureDoesNotMatch's prefix, and the unknown key's message.
func TestVerifyMessages(t *testing.T) {
	r := newSignedRequest(t, "MaxResults=10", "", testKeyID, "wrong")
	_, err := Verify(r, nil, testSecrets)
	var ve *acsauth.VerifyError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v", err)
	}
	a, _ := ParseAuthorization(r.Header.Get("Authorization"))
	q, _ := url.ParseQuery(r.URL.RawQuery)
	canonical, _ := CanonicalRequest(&Request{Method: r.Method, Path: "/", Query: q, Headers: r.Header, Host: r.Host})
	want := "Specified signature is not matched with our calculation. server string to sign is:" + StringToSign(canonical)
	if ve.Code != acsauth.CodeSignatureDoesNotMatch || ve.Message != want || len(a.SignedHeaders) == 0 {
		t.Errorf("wrong secret: %q %q\nwant message %q", ve.Code, ve.Message, want)
	}
	signHTTP(t, r, nil, "LTAInobody", testSecret)
	if _, err := Verify(r, nil, testSecrets); !errors.As(err, &ve) || ve.Code != acsauth.CodeInvalidAccessKeyID || ve.Message != "Specified access key is not found." {
		t.Errorf("unknown key: %v", err)
	}
}

// dropSigned removes name from the SignedHeaders of r's Authorization.
func dropSigned(r *http.Request, name string) {
	a, _ := ParseAuthorization(r.Header.Get("Authorization"))
	var kept []string
	for _, h := range a.SignedHeaders {
		if h != name {
			kept = append(kept, h)
		}
	}
	r.Header.Set("Authorization", authorization(a.AccessKeyID, strings.Join(kept, ";"), a.Signature))
}

// goodSignature is the signature the server expects for r, to check that
// error messages never reveal it.
func goodSignature(t *testing.T, r *http.Request, body string) string {
	t.Helper()
	c := r.Clone(r.Context())
	signHTTP(t, c, []byte(body), testKeyID, testSecret)
	a, err := ParseAuthorization(c.Header.Get("Authorization"))
	if err != nil {
		t.Fatal(err)
	}
	return a.Signature
}

// darabonbaCases are requests as the SDK would build them, with values that
// exercise the encoders.
var darabonbaCases = []struct {
	name    string
	query   map[string]string
	headers map[string]string
	body    string
}{
	{
		name: "tricky query values",
		query: map[string]string{
			"Filter.1.Name":    "Status",
			"Filter.1.Value.1": "a b+c/d*e~f=g&h%i",
			"Filter.2.Value.1": "备份 2025",
			"NextToken":        "",
			"MaxResults":       "100",
		},
		headers: map[string]string{
			"host":                  "computenest.cn-hangzhou.aliyuncs.com",
			"x-acs-action":          "ListBackups",
			"x-acs-version":         "2021-06-01",
			"x-acs-date":            "2025-01-01T00:00:00Z",
			"x-acs-signature-nonce": "6a1b2c3d",
			"x-acs-security-token":  "  token/with+chars=  ",
			"user-agent":            "not-signed",
		},
	},
	{
		name:  "form body with content-type",
		query: map[string]string{"RegionId": "cn-hangzhou"},
		headers: map[string]string{
			"host":          "computenest.cn-hangzhou.aliyuncs.com",
			"content-type":  "application/x-www-form-urlencoded",
			"x-acs-action":  "ListRestoreTasks",
			"x-acs-version": "2021-06-01",
			"X-Acs-Date":    "2025-01-01T00:00:00Z",
		},
		body: "Filter.1.Name=Status&Filter.1.Value.1=Restoring",
	},
}

func TestSignMatchesDarabonba(t *testing.T) {
	for _, tc := range darabonbaCases {
		t.Run(tc.name, func(t *testing.T) {
			dr := dara.NewRequest()
			dr.Method = dara.String("POST")
			dr.Pathname = dara.String("/")
			q := url.Values{}
			for k, v := range tc.query {
				dr.Query[k] = dara.String(v)
				q.Set(k, v)
			}
			h := http.Header{}
			for k, v := range tc.headers {
				dr.Headers[k] = dara.String(v)
				h.Set(k, v)
			}
			payload := sha256Of(tc.body)
			want := dara.StringValue(openapiutil.GetAuthorization(dr, dara.String(Algorithm), dara.String(payload), dara.String(testKeyID), dara.String(testSecret)))
			got := Sign(&Request{Method: "POST", Path: "/", Query: q, Headers: h, PayloadHash: payload}, testKeyID, testSecret)
			if got != want {
				t.Errorf("Sign =\n%s\ndarabonba =\n%s", got, want)
			}
		})
	}
}

// TestVerifyDarabonbaOverHTTP sends darabonba-signed requests through the
// SDK's own HTTP layer, so the query arrives exactly as the SDK encodes it.
func TestVerifyDarabonbaOverHTTP(t *testing.T) {
	errs := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_, err := Verify(r, body, testSecrets)
		errs <- err
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")

	for _, tc := range darabonbaCases {
		t.Run(tc.name, func(t *testing.T) {
			dr := dara.NewRequest()
			dr.Protocol = dara.String("http")
			dr.Method = dara.String("POST")
			dr.Pathname = dara.String("/")
			for k, v := range tc.query {
				dr.Query[k] = dara.String(v)
			}
			for k, v := range tc.headers {
				dr.Headers[k] = dara.String(v)
			}
			dr.Headers["host"] = dara.String(host)
			payload := sha256Of(tc.body)
			dr.Headers["x-acs-content-sha256"] = dara.String(payload)
			dr.Body = bytes.NewReader([]byte(tc.body))
			dr.Headers["Authorization"] = openapiutil.GetAuthorization(dr, dara.String(Algorithm), dara.String(payload), dara.String(testKeyID), dara.String(testSecret))

			resp, err := dara.DoRequest(dr, &dara.RuntimeObject{})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if err := <-errs; err != nil {
				t.Errorf("Verify rejected a darabonba request: %v", err)
			}
		})
	}
}
