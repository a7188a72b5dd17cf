package computenesttest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/internal/acsauth"
	"github.com/computenest-sdk/computenest-go/internal/rpcsig"
	"github.com/computenest-sdk/computenest-go/models"
)

// v1Call is one hand-built request signed with signature version 1.0, as
// the aliyun CLI and alibaba-cloud-sdk-go send them: GET with every
// parameter in the query, or POST with the action's parameters in a form
// body.
type v1Call struct {
	method          string // default GET
	action, version string // default ListBackups, 2021-06-01
	params          url.Values
	keyID, secret   string    // default keyID, secret
	token           string    // SecurityToken, when set
	date            time.Time // default now
	rawDate         string    // sent verbatim when set
	nonce           string    // default random
	format          string    // default JSON
	sigMethod       string    // default HMAC-SHA1
	omit            []string  // parameters left out before signing
	// tamper changes the parameters after signing (q is the query, form
	// the body), as a meddling proxy would.
	tamper func(q, form url.Values)
	// after changes the built request.
	after func(r *http.Request)
}

func (c v1Call) build(t *testing.T, srv *computenesttest.Server) *http.Request {
	t.Helper()
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	if c.keyID == "" {
		c.keyID, c.secret = keyID, secret
	}
	if c.date.IsZero() {
		c.date = time.Now()
	}
	query := url.Values{
		"AccessKeyId":      {c.keyID},
		"Action":           {or(c.action, "ListBackups")},
		"Version":          {or(c.version, "2021-06-01")},
		"Format":           {or(c.format, "JSON")},
		"SignatureMethod":  {or(c.sigMethod, "HMAC-SHA1")},
		"SignatureVersion": {"1.0"},
		"SignatureNonce":   {or(c.nonce, randomNonce())},
		"Timestamp":        {or(c.rawDate, c.date.UTC().Format("2006-01-02T15:04:05Z"))},
	}
	if c.token != "" {
		query.Set("SecurityToken", c.token)
	}
	for _, name := range c.omit {
		query.Del(name)
	}
	// The action's parameters: in the query of a GET, in the form body of
	// a POST; the signature covers both alike.
	method := or(c.method, http.MethodGet)
	form := url.Values{}
	for k, vs := range c.params {
		if method == http.MethodGet {
			query[k] = append(query[k], vs...)
		} else {
			form[k] = append(form[k], vs...)
		}
	}
	signed := url.Values{}
	for _, vs := range []url.Values{query, form} {
		for k, v := range vs {
			signed[k] = append(signed[k], v...)
		}
	}
	query.Set("Signature", rpcsig.Sign(method, signed, c.secret))
	if c.tamper != nil {
		c.tamper(query, form)
	}

	var body io.Reader
	if len(form) > 0 {
		body = strings.NewReader(form.Encode()) // form style: '+' for a space
	}
	r, err := http.NewRequest(method, srv.URL()+"/?"+percentEncoded(query), body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c.after != nil {
		c.after(r)
	}
	return r
}

// percentEncoded encodes q as the aliyun SDKs put it in a URL: %20 for a
// space, never '+' (the fake must take both; rawCall sends the other form).
func percentEncoded(q url.Values) string {
	var parts []string
	for k, vs := range q {
		for _, v := range vs {
			parts = append(parts, acsauth.PercentEncode(k)+"="+acsauth.PercentEncode(v))
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, "&")
}

func (c v1Call) do(t *testing.T, srv *computenesttest.Server) rawResult {
	t.Helper()
	return send(t, c.build(t, srv))
}

func TestSignatureV1Requests(t *testing.T) {
	srv := newFake(t, computenesttest.WithSTSToken(stsKeyID, stsSec, stsToken))
	srv.Backups().Add(new(models.Backup).SetBackupId("backup-a b+c/d*e~é").SetStatus(models.BackupStatusCreated))
	now := time.Now()
	post := http.MethodPost
	tests := []struct {
		name   string
		call   v1Call
		status int
		code   string
		msg    string // a part of the message, when it matters
		action string // the logged Action; default ListBackups
	}{
		{"GET, every parameter in the query", v1Call{params: url.Values{"MaxResults": {"10"}}}, 200, "", "", ""},
		{"POST, parameters in a form body", v1Call{method: post, params: url.Values{"MaxResults": {"10"}}}, 200, "", "", ""},
		{"ListRestoreTasks", v1Call{action: "ListRestoreTasks"}, 200, "", "", "ListRestoreTasks"},
		{"reserved and non-ASCII characters", v1Call{method: post, params: url.Values{
			"Filter.1.Name": {"BackupId"}, "Filter.1.Value.1": {"backup-a b+c/d*e~é"}}}, 200, "", "", ""},
		{"empty parameter (SignatureType, as alibaba-cloud-sdk-go sends it)", v1Call{params: url.Values{"SignatureType": {""}}}, 200, "", "", ""},
		{"Format in lower case, as darabonba sends it", v1Call{format: "json"}, 200, "", "", ""},
		{"unsigned x-acs-action header ignored", v1Call{after: func(r *http.Request) {
			r.Header.Set("x-acs-action", "ListRestoreTasks")
		}}, 200, "", "", ""},

		{"tampered parameter", v1Call{params: url.Values{"MaxResults": {"10"}}, tamper: func(q, _ url.Values) {
			q.Set("MaxResults", "100")
		}}, 400, "SignatureDoesNotMatch", "", ""},
		{"tampered form body", v1Call{method: post, params: url.Values{"MaxResults": {"10"}}, tamper: func(_, f url.Values) {
			f.Set("MaxResults", "100")
		}}, 400, "SignatureDoesNotMatch", "", ""},
		{"parameter added", v1Call{tamper: func(q, _ url.Values) { q.Set("MaxResults", "1") }}, 400, "SignatureDoesNotMatch", "", ""},
		{"tampered action", v1Call{tamper: func(q, _ url.Values) {
			q.Set("Action", "ListRestoreTasks")
		}}, 400, "SignatureDoesNotMatch", "", "ListRestoreTasks"},
		{"signed for another method", v1Call{after: func(r *http.Request) { r.Method = http.MethodPost }},
			400, "SignatureDoesNotMatch", "", ""},
		{"wrong secret", v1Call{keyID: keyID, secret: "not-the-secret"}, 400, "SignatureDoesNotMatch", "", ""},
		{"unknown key", v1Call{keyID: "LTAIunknown", secret: secret}, 404, "InvalidAccessKeyId.NotFound", "", ""},
		{"no Signature (an unsigned request)", v1Call{tamper: func(q, _ url.Values) { q.Del("Signature") }},
			400, "IncompleteSignature", "", ""},
		{"HMAC-MD5", v1Call{sigMethod: "HMAC-MD5"}, 400, "IncompleteSignature", "HMAC-MD5", ""},
		{"no SignatureMethod", v1Call{omit: []string{"SignatureMethod"}}, 400, "IncompleteSignature", "SignatureMethod", ""},
		{"no SignatureVersion", v1Call{omit: []string{"SignatureVersion"}}, 400, "IncompleteSignature", "SignatureVersion", ""},

		{"stale Timestamp", v1Call{date: now.Add(-16 * time.Minute)}, 400, "InvalidTimeStamp.Expired", "Timestamp", ""},
		{"future Timestamp", v1Call{date: now.Add(16 * time.Minute)}, 400, "InvalidTimeStamp.Expired", "Timestamp", ""},
		{"Timestamp 14 minutes old", v1Call{date: now.Add(-14 * time.Minute)}, 200, "", "", ""},
		{"Timestamp not in UTC form", v1Call{rawDate: now.Format(time.RFC1123)}, 400, "InvalidTimeStamp.Format", "Timestamp", ""},
		{"Timestamp with milliseconds", v1Call{rawDate: now.UTC().Format("2006-01-02T15:04:05.000Z")}, 400, "InvalidTimeStamp.Format", "Timestamp", ""},
		{"no Action", v1Call{omit: []string{"Action"}}, 400, "MissingParameter", `"Action"`, "-"},
		{"no Version", v1Call{omit: []string{"Version"}}, 400, "MissingParameter", `"Version"`, ""},
		{"no Timestamp", v1Call{omit: []string{"Timestamp"}}, 400, "MissingParameter", `"Timestamp"`, ""},
		{"no SignatureNonce", v1Call{omit: []string{"SignatureNonce"}}, 400, "MissingParameter", `"SignatureNonce"`, ""},
		{"Action twice", v1Call{params: url.Values{"Action": {"ListRestoreTasks"}}}, 400, "InvalidParameter", `"Action"`, ""},
		{"unknown action", v1Call{action: "DeleteBackup"}, 404, "InvalidAction.NotFound", "", "DeleteBackup"},
		{"other version", v1Call{version: "2017-05-25"}, 400, "InvalidVersion", "", ""},
		{"PUT", v1Call{method: http.MethodPut}, 405, "UnsupportedHTTPMethod", "", ""},
		{"Format XML", v1Call{format: "XML"}, 400, "InvalidParameter", "answers only JSON", ""},
		{"no Format (XML by default)", v1Call{omit: []string{"Format"}}, 400, "InvalidParameter", "answers only JSON", ""},
		{"Format YAML", v1Call{format: "YAML"}, 400, "InvalidParameter", "JSON or XML", ""},

		{"STS with its token", v1Call{keyID: stsKeyID, secret: stsSec, token: stsToken}, 200, "", "", ""},
		{"STS without its token", v1Call{keyID: stsKeyID, secret: stsSec}, 400, "MissingSecurityToken", "", ""},
		{"STS with another token", v1Call{keyID: stsKeyID, secret: stsSec, token: "forged-token"}, 400, "InvalidSecurityToken.MismatchWithAccessKey", "", ""},
		{"token with a permanent key", v1Call{token: stsToken}, 400, "InvalidSecurityToken.MismatchWithAccessKey", "", ""},
		{"STS token tampered", v1Call{keyID: stsKeyID, secret: stsSec, token: stsToken, tamper: func(q, _ url.Values) {
			q.Set("SecurityToken", "forged-token")
		}}, 400, "SignatureDoesNotMatch", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			r := tt.call.build(t, srv)
			res := send(t, r)
			if res.status != tt.status {
				t.Fatalf("status %d, want %d: %s", res.status, tt.status, res.body)
			}
			log := srv.Requests()
			if len(log) != 1 || log[0].Status != tt.status || log[0].Code != tt.code || log[0].RequestId != res.header.Get("x-acs-request-id") {
				t.Fatalf("request log = %+v, want one entry with %d %q", log, tt.status, tt.code)
			}
			wantAction := tt.action
			switch wantAction {
			case "":
				wantAction = "ListBackups"
			case "-":
				wantAction = ""
			}
			if log[0].Action != wantAction {
				t.Errorf("logged Action = %q, want %q", log[0].Action, wantAction)
			}
			wantKey := tt.call.keyID
			switch {
			case tt.code == "IncompleteSignature" && tt.msg == "":
				wantKey = "" // not signed: nothing was verified
			case wantKey == "":
				wantKey = keyID
			}
			if log[0].AccessKeyId != wantKey {
				t.Errorf("logged AccessKeyId = %q, want %q", log[0].AccessKeyId, wantKey)
			}
			for _, name := range []string{"Signature", "SecurityToken"} {
				if log[0].Params.Has(name) {
					t.Errorf("%s in the logged parameters: %v", name, log[0].Params)
				}
			}
			signature, _ := url.ParseQuery(r.URL.RawQuery)
			for _, s := range []string{secret, stsSec, stsToken, signature.Get("Signature")} {
				if s != "" && (strings.Contains(string(res.body), s) || strings.Contains(fmt.Sprintf("%+v", log), s)) {
					t.Errorf("%q leaked into the answer or the log: %s", s, res.body)
				}
			}
			if tt.code == "" {
				if n := log[0].Items; n == 0 && wantAction == "ListBackups" {
					t.Errorf("no item listed: %s", res.body)
				}
				return
			}
			doc := res.errorDoc(t)
			if doc.Code != tt.code || !strings.Contains(doc.Message, tt.msg) || doc.RequestId != log[0].RequestId {
				t.Errorf("error body = %+v, want code %s and a message with %q", doc, tt.code, tt.msg)
			}
		})
	}
}

// TestSignatureV1Replay checks that version 1.0 requests spend nonces in the
// same store as ACS3 requests, and only once their signature holds.
func TestSignatureV1Replay(t *testing.T) {
	srv := newFake(t)
	call := v1Call{nonce: "nonce-once"}
	r1, r2 := call.build(t, srv), call.build(t, srv)
	if res := send(t, r1); res.status != 200 {
		t.Fatalf("first: %d %s", res.status, res.body)
	}
	if res := send(t, r2); res.errorDoc(t).Code != "SignatureNonceUsed" {
		t.Fatalf("replay: %d %s", res.status, res.body)
	}

	bad := v1Call{nonce: "nonce-two", keyID: keyID, secret: "wrong"}
	if res := bad.do(t, srv); res.errorDoc(t).Code != "SignatureDoesNotMatch" {
		t.Fatalf("bad signature: %s", res.body)
	}
	if res := (v1Call{nonce: "nonce-two"}).do(t, srv); res.status != 200 {
		t.Fatalf("nonce of a rejected request: %d %s", res.status, res.body)
	}

	// One nonce store for both schemes.
	if res := (rawCall{nonce: "nonce-shared"}).do(t, srv); res.status != 200 {
		t.Fatalf("ACS3: %d %s", res.status, res.body)
	}
	if res := (v1Call{nonce: "nonce-shared"}).do(t, srv); res.errorDoc(t).Code != "SignatureNonceUsed" {
		t.Fatalf("version 1.0 with an ACS3 request's nonce: %d %s", res.status, res.body)
	}
}

// TestSignatureV1PublishedExample sends Alibaba Cloud's worked example of
// a version 1.0 signature (ECS DescribeRegions, AccessKey testid/testsecret,
// Signature OLeaidS1JvxuMvnyHOwuJ+uX5qY=) to a fake whose clock reads its
// Timestamp: the fake must accept the signature, then refuse the ECS
// action's version, which it does not serve.
func TestSignatureV1PublishedExample(t *testing.T) {
	const example = "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1" +
		"&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0" +
		"&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"
	date := time.Date(2016, 2, 23, 12, 46, 24, 0, time.UTC)
	srv := newFake(t, ownKeys,
		computenesttest.WithAccessKey("testid", "testsecret"),
		computenesttest.WithClock(func() time.Time { return date.Add(time.Minute) }),
	)
	send1 := func(signature string) rawResult {
		r, err := http.NewRequest(http.MethodGet, srv.URL()+"/?"+example+"&Signature="+url.QueryEscape(signature), nil)
		if err != nil {
			t.Fatal(err)
		}
		return send(t, r)
	}
	if res := send1("CT9X0VtwR86fNWSnsc6v8YGOjuE="); res.errorDoc(t).Code != "SignatureDoesNotMatch" {
		t.Fatalf("another signature: %d %s", res.status, res.body)
	}
	res := send1("OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
	if doc := res.errorDoc(t); res.status != 400 || doc.Code != "InvalidVersion" {
		t.Fatalf("the example: %d %s; want its signature accepted and InvalidVersion", res.status, res.body)
	}
	if log := srv.Requests(); log[len(log)-1].Action != "DescribeRegions" || log[len(log)-1].AccessKeyId != "testid" ||
		!slices.Equal(log[len(log)-1].Params["Format"], []string{"XML"}) {
		t.Errorf("log entry %+v", log[len(log)-1])
	}
}
