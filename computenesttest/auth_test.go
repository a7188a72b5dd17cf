package computenesttest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/internal/acs3"
	"github.com/computenest-sdk/computenest-go/internal/acs3/acs3test"
	"github.com/computenest-sdk/computenest-go/models"
)

// TestVerifierReproducesReferenceVector sends Alibaba Cloud's published
// example request, byte for byte, to a fake whose clock reads the example's
// date. The fake must accept its signature (and then refuse the ECS action
// and version, which it does not serve), must reject it signed otherwise,
// and must reject it sent a second time as a replay.
func TestVerifierReproducesReferenceVector(t *testing.T) {
	v := acs3test.Load(t)
	date, _ := time.Parse(time.RFC3339, v.Headers["x-acs-date"])
	srv := newFake(t, ownKeys,
		computenesttest.WithAccessKey(v.AccessKeyID, v.AccessKeySecret),
		computenesttest.WithClock(func() time.Time { return date.Add(time.Minute) }),
	)

	q := v.QueryValues()
	h := v.Header()
	if got := acs3.Sign(&acs3.Request{Method: v.Method, Path: v.Path, Query: q, Headers: h, Host: v.Host}, v.AccessKeyID, v.AccessKeySecret); got != v.Expect.Authorization {
		t.Fatalf("signer does not reproduce the vector:\n got %s\nwant %s", got, v.Expect.Authorization)
	}
	request := func(authorization string) *http.Request {
		r, err := http.NewRequest(v.Method, srv.URL()+v.Path+"?"+q.Encode(), nil)
		if err != nil {
			t.Fatal(err)
		}
		r.Host = v.Host
		r.Header = h.Clone()
		r.Header.Set("Authorization", authorization)
		return r
	}

	forged := strings.Replace(v.Expect.Authorization, "Signature=0", "Signature=1", 1)
	if res := send(t, request(forged)); res.errorDoc(t).Code != "SignatureDoesNotMatch" {
		t.Fatalf("a forged signature: %d %s", res.status, res.body)
	}
	res := send(t, request(v.Expect.Authorization))
	if doc := res.errorDoc(t); res.status != 400 || doc.Code != "InvalidVersion" {
		t.Fatalf("the vector's request: %d %s; want its signature accepted and InvalidVersion", res.status, res.body)
	}
	if doc := res.errorDoc(t); doc.HostId != v.Host {
		t.Errorf("HostId = %q, want the Host header %q", doc.HostId, v.Host)
	}
	if res := send(t, request(v.Expect.Authorization)); res.errorDoc(t).Code != "SignatureNonceUsed" {
		t.Fatalf("the vector's request replayed: %d %s", res.status, res.body)
	}
}

func TestRawRequestsRejected(t *testing.T) {
	srv := newFake(t, computenesttest.WithSTSToken(stsKeyID, stsSec, stsToken))
	now := time.Now()
	tests := []struct {
		name   string
		call   rawCall
		status int
		code   string
	}{
		{"well signed", rawCall{}, 200, ""},
		{"form escapes in values", rawCall{query: url.Values{"Filter.1.Name": {"BackupId"}, "Filter.1.Value.1": {"a b+c/d*e~"}}}, 200, ""},
		{"unsigned", rawCall{unsigned: true}, 400, "IncompleteSignature"},
		{"garbage Authorization", rawCall{after: func(r *http.Request) { r.Header.Set("Authorization", "Bearer x") }}, 400, "IncompleteSignature"},
		{"unsigned x-acs header added", rawCall{after: func(r *http.Request) { r.Header.Set("x-acs-extra", "1") }}, 400, "IncompleteSignature"},
		{"tampered query", rawCall{query: url.Values{"MaxResults": {"10"}}, after: func(r *http.Request) { r.URL.RawQuery = "MaxResults=100" }}, 400, "SignatureDoesNotMatch"},
		{"query added", rawCall{after: func(r *http.Request) { r.URL.RawQuery = "MaxResults=1" }}, 400, "SignatureDoesNotMatch"},
		{"tampered action", rawCall{after: func(r *http.Request) { r.Header.Set("x-acs-action", "ListRestoreTasks") }}, 400, "SignatureDoesNotMatch"},
		{"tampered date", rawCall{after: func(r *http.Request) {
			// A minute after the signed date, so it differs however slow the run.
			signed, _ := time.Parse("2006-01-02T15:04:05Z", r.Header.Get("x-acs-date"))
			r.Header.Set("x-acs-date", signed.Add(time.Minute).Format("2006-01-02T15:04:05Z"))
		}}, 400, "SignatureDoesNotMatch"},
		{"wrong secret", rawCall{keyID: keyID, secret: "not-the-secret"}, 400, "SignatureDoesNotMatch"},
		{"unknown key", rawCall{keyID: "LTAIunknown", secret: secret}, 404, "InvalidAccessKeyId.NotFound"},
		{"stale date", rawCall{date: now.Add(-16 * time.Minute)}, 400, "InvalidTimeStamp.Expired"},
		{"future date", rawCall{date: now.Add(16 * time.Minute)}, 400, "InvalidTimeStamp.Expired"},
		{"date 14 minutes old", rawCall{date: now.Add(-14 * time.Minute)}, 200, ""},
		{"date 14 minutes ahead", rawCall{date: now.Add(14 * time.Minute)}, 200, ""},
		{"date not UTC form", rawCall{rawDate: now.Format(time.RFC1123)}, 400, "InvalidTimeStamp.Format"},
		// time.Parse takes fractional seconds the layout lacks; the format
		// says seconds, and the fake keeps to it.
		{"date with milliseconds", rawCall{rawDate: now.UTC().Format("2006-01-02T15:04:05.000Z")}, 400, "InvalidTimeStamp.Format"},
		{"no action", rawCall{omit: []string{"x-acs-action"}}, 400, "MissingParameter"},
		{"no version", rawCall{omit: []string{"x-acs-version"}}, 400, "MissingParameter"},
		{"no date", rawCall{omit: []string{"x-acs-date"}}, 400, "MissingParameter"},
		{"no nonce", rawCall{omit: []string{"x-acs-signature-nonce"}}, 400, "MissingParameter"},
		{"unknown action", rawCall{action: "DeleteBackup"}, 404, "InvalidAction.NotFound"},
		{"other version", rawCall{version: "2017-05-25"}, 400, "InvalidVersion"},
		{"STS with its token", rawCall{keyID: stsKeyID, secret: stsSec, token: stsToken}, 200, ""},
		{"STS with another token", rawCall{keyID: stsKeyID, secret: stsSec, token: "forged-token"}, 400, "InvalidSecurityToken.MismatchWithAccessKey"},
		{"STS without its token", rawCall{keyID: stsKeyID, secret: stsSec}, 400, "MissingSecurityToken"},
		{"token with a permanent key", rawCall{token: stsToken}, 400, "InvalidSecurityToken.MismatchWithAccessKey"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			res := tt.call.do(t, srv)
			if res.status != tt.status {
				t.Fatalf("status %d, want %d: %s", res.status, tt.status, res.body)
			}
			reqID := res.header.Get("x-acs-request-id")
			if reqID == "" {
				t.Error("no x-acs-request-id header")
			}
			log := srv.Requests()
			if len(log) != 1 || log[0].Status != tt.status || log[0].Code != tt.code || log[0].RequestId != reqID {
				t.Errorf("request log = %+v, want one entry with %d %q %s", log, tt.status, tt.code, reqID)
			}
			if tt.code == "" {
				return
			}
			doc := res.errorDoc(t)
			if doc.Code != tt.code || doc.RequestId != reqID || doc.HostId != srv.Endpoint() || doc.Message == "" ||
				doc.Recommend != "https://api.aliyun.com/troubleshoot?q="+tt.code+"&product=ComputeNest&requestId="+reqID {
				t.Errorf("error body = %+v", doc)
			}
			if !strings.Contains(string(res.body), `&product=ComputeNest&requestId=`) {
				t.Errorf("Recommend is escaped: %s", res.body)
			}
			if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type = %q", ct)
			}
			for _, s := range []string{secret, stsSec, stsToken} {
				if strings.Contains(string(res.body), s) || strings.Contains(fmt.Sprintf("%+v", log), s) {
					t.Errorf("a secret leaked into the answer or the log: %s", res.body)
				}
			}
		})
	}
}

func TestReplayRejected(t *testing.T) {
	srv := newFake(t)
	r := rawCall{nonce: "nonce-once"}
	if res := r.do(t, srv); res.status != 200 {
		t.Fatalf("first: %d %s", res.status, res.body)
	}
	res := r.do(t, srv)
	if doc := res.errorDoc(t); res.status != 400 || doc.Code != "SignatureNonceUsed" {
		t.Fatalf("replay: %d %s", res.status, res.body)
	}
	// A request that failed its signature does not spend its nonce.
	bad := rawCall{nonce: "nonce-two", secret: "wrong", keyID: keyID}
	if res := bad.do(t, srv); res.errorDoc(t).Code != "SignatureDoesNotMatch" {
		t.Fatalf("bad signature: %s", res.body)
	}
	if res := (rawCall{nonce: "nonce-two"}).do(t, srv); res.status != 200 {
		t.Fatalf("nonce of a rejected request: %d %s", res.status, res.body)
	}
}

// TestReplayWindowFollowsTheClock moves the server's clock: a nonce is
// remembered as long as its request's date would be accepted.
func TestReplayWindowFollowsTheClock(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	srv := newFake(t, computenesttest.WithClock(clock))
	r := rawCall{nonce: "n", date: clock().Add(10 * time.Minute)} // a client clock 10 min ahead
	if res := r.do(t, srv); res.status != 200 {
		t.Fatalf("first: %s", res.body)
	}
	advance(24 * time.Minute) // the date is still within 15 minutes
	if res := r.do(t, srv); res.errorDoc(t).Code != "SignatureNonceUsed" {
		t.Fatalf("replay within the window: %s", res.body)
	}
	advance(2 * time.Minute)
	if res := r.do(t, srv); res.errorDoc(t).Code != "InvalidTimeStamp.Expired" {
		t.Fatalf("replay after the window: %s", res.body)
	}
}

func TestSDKAuthFailures(t *testing.T) {
	srv := newFake(t, computenesttest.WithSTSToken(stsKeyID, stsSec, stsToken))
	ctx := context.Background()
	with := func(mod func(*client.Config)) *client.Client {
		cfg := srv.ClientConfig()
		cfg.Retry = client.NoRetries()
		mod(cfg)
		return mustClient(t, cfg)
	}
	t.Run("unknown key", func(t *testing.T) {
		_, err := with(func(c *client.Config) { c.AccessKeyId = "LTAInobody" }).ListBackups(ctx, nil)
		e := apiError(t, err, 404, "InvalidAccessKeyId.NotFound")
		if !client.IsNotFound(e) || !client.IsSignatureError(e) || client.IsRetryable(e) {
			t.Errorf("helpers: %+v", e)
		}
	})
	t.Run("wrong secret", func(t *testing.T) {
		_, err := with(func(c *client.Config) { c.AccessKeySecret = "nope" }).ListRestoreTasks(ctx, nil)
		e := apiError(t, err, 400, "SignatureDoesNotMatch")
		if strings.Contains(err.Error(), secret) {
			t.Errorf("secret in error: %v", err)
		}
		if last := srv.Requests(); last[len(last)-1].RequestId != e.RequestId {
			t.Errorf("APIError.RequestId %s is not the logged one", e.RequestId)
		}
	})
	t.Run("STS ok", func(t *testing.T) {
		c := with(func(c *client.Config) { c.AccessKeyId, c.AccessKeySecret, c.SecurityToken = stsKeyID, stsSec, stsToken })
		if _, err := c.ListBackups(ctx, nil); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("STS wrong token", func(t *testing.T) {
		c := with(func(c *client.Config) { c.AccessKeyId, c.AccessKeySecret, c.SecurityToken = stsKeyID, stsSec, "stolen" })
		_, err := c.ListBackups(ctx, nil)
		apiError(t, err, 400, "InvalidSecurityToken.MismatchWithAccessKey")
	})
	t.Run("client clock skewed", func(t *testing.T) {
		// The refusal's Date tells the fake's time; the client learns it
		// and signs again.
		skewed := newFake(t, computenesttest.WithClock(func() time.Time { return time.Now().Add(time.Hour) }))
		if _, err := newClient(t, skewed).ListBackups(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if log := skewed.Requests(); len(log) != 2 || log[0].Code != "InvalidTimeStamp.Expired" || log[1].Status != 200 {
			t.Errorf("requests: %+v", log)
		}
	})
	t.Run("client clock skewed, answers undated", func(t *testing.T) {
		skewed := newFake(t, computenesttest.WithClock(func() time.Time { return time.Now().Add(time.Hour) }))
		cfg := skewed.ClientConfig()
		cfg.Retry, cfg.HTTPClient = client.NoRetries(), &http.Client{Transport: undated{}}
		_, err := mustClient(t, cfg).ListBackups(ctx, nil)
		e := apiError(t, err, 400, "InvalidTimeStamp.Expired")
		if !client.IsSignatureError(e) {
			t.Errorf("IsSignatureError = false for %s", e.Code)
		}
	})
	t.Run("tampered in transit", func(t *testing.T) {
		c := with(func(c *client.Config) {
			c.HTTPClient = &http.Client{Transport: rewrite(func(r *http.Request) { r.URL.RawQuery = "MaxResults=100" })}
		})
		_, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(5))
		apiError(t, err, 400, "SignatureDoesNotMatch")
	})
	t.Run("replayed in transit", func(t *testing.T) {
		c := with(func(c *client.Config) { c.HTTPClient = &http.Client{Transport: replay{}} })
		_, err := c.ListBackups(ctx, nil)
		apiError(t, err, 400, "SignatureNonceUsed")
	})
	t.Run("retries are signed afresh", func(t *testing.T) {
		// The default policy retries a throttled call; each retry needs a
		// new nonce and passes.
		cfg := srv.ClientConfig()
		cfg.Retry = &client.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 2})
		if _, err := mustClient(t, cfg).ListBackups(ctx, nil); err != nil {
			t.Fatalf("after two throttled attempts: %v", err)
		}
	})
}

// rewrite changes each request before sending it, as a meddling proxy
// would.
// undated drops the Date header from every answer.
type undated struct{}

func (undated) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if resp != nil {
		resp.Header.Del("Date")
	}
	return resp, err
}

type rewrite func(*http.Request)

func (f rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	f(r)
	return http.DefaultTransport.RoundTrip(r)
}

// replay sends each request twice and returns the second answer, as an
// attacker replaying a captured request would see it.
type replay struct{}

func (replay) RoundTrip(r *http.Request) (*http.Response, error) {
	first, err := http.DefaultTransport.RoundTrip(r.Clone(r.Context()))
	if err != nil {
		return nil, err
	}
	first.Body.Close()
	if first.StatusCode != 200 {
		return nil, errors.New("the original request failed")
	}
	return http.DefaultTransport.RoundTrip(r.Clone(r.Context()))
}

// TestRepeatedSignedValuesRejected: a signed header (ACS3) or parameter
// (version 1.0) given twice is refused, even though the signature covers
// both values, since the fake would otherwise judge the request by one of
// them.
func TestRepeatedSignedValuesRejected(t *testing.T) {
	srv := newFake(t, computenesttest.WithSTSToken(stsKeyID, stsSec, stsToken))
	twice := func(name, other string) rawCall {
		return rawCall{keyID: stsKeyID, secret: stsSec, token: stsToken, before: func(r *http.Request) {
			r.Header.Add(name, other)
		}}
	}
	for _, tt := range []struct {
		header, other string
	}{
		{"x-acs-signature-nonce", "another-nonce"},
		{"x-acs-date", "2001-01-01T00:00:00Z"},
		{"x-acs-action", "ListRestoreTasks"},
		{"x-acs-version", "2017-05-25"},
		{"x-acs-security-token", "another-token"},
	} {
		t.Run(tt.header, func(t *testing.T) {
			call := twice(tt.header, tt.other)
			// Signed in both orders, so neither can be the one "read".
			for _, swap := range []bool{false, true} {
				r := call.build(t, srv)
				if swap {
					vs := r.Header.Values(tt.header)
					r.Header[http.CanonicalHeaderKey(tt.header)] = []string{vs[1], vs[0]}
				}
				res := send(t, r)
				if doc := res.errorDoc(t); res.status != 400 || doc.Code != "InvalidParameter" || !strings.Contains(doc.Message, tt.header) {
					t.Errorf("swap %v: %d %s", swap, res.status, res.body)
				}
			}
		})
	}
	// The replay the issue found: a captured request sent again with a
	// second, fresh nonce header.
	r := rawCall{nonce: "captured"}
	if res := r.do(t, srv); res.status != 200 {
		t.Fatalf("first: %s", res.body)
	}
	replay := rawCall{nonce: "captured", before: func(r *http.Request) { r.Header.Add("x-acs-signature-nonce", "fresh") }}.build(t, srv)
	vs := replay.Header.Values("x-acs-signature-nonce")
	replay.Header["X-Acs-Signature-Nonce"] = []string{vs[1], vs[0]}
	if res := send(t, replay); res.status == 200 {
		t.Errorf("replay with a second nonce accepted")
	}

	for _, name := range []string{"SignatureNonce", "Timestamp", "RegionId", "SecurityToken"} {
		t.Run("version 1.0 "+name, func(t *testing.T) {
			call := v1Call{keyID: stsKeyID, secret: stsSec, token: stsToken, params: url.Values{name: {"2001-01-01T00:00:00Z"}}}
			if name == "RegionId" {
				call.params = url.Values{name: {"cn-hangzhou", "cn-beijing"}}
			}
			res := send(t, call.build(t, srv))
			if doc := res.errorDoc(t); res.status != 400 || doc.Code != "InvalidParameter" || !strings.Contains(doc.Message, `"`+name+`"`) {
				t.Errorf("%d %s", res.status, res.body)
			}
		})
	}
}

// TestReplayAfterClockStepsBack: a nonce the server swept once its date
// left the window must not become usable again when the clock is set back.
func TestReplayAfterClockStepsBack(t *testing.T) {
	var mu sync.Mutex
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := start
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	srv := newFake(t, computenesttest.WithClock(clock))
	r := rawCall{nonce: "n", date: start}
	if res := r.do(t, srv); res.status != 200 {
		t.Fatalf("first: %s", res.body)
	}
	// The clock runs well past the window; another request makes the
	// server sweep the old nonce.
	set(start.Add(time.Hour))
	if res := (rawCall{date: start.Add(time.Hour)}).do(t, srv); res.status != 200 {
		t.Fatalf("later request: %s", res.body)
	}
	// Set back: the captured request's date is in the window again.
	set(start.Add(time.Minute))
	res := r.do(t, srv)
	if res.status == 200 {
		t.Fatal("replay accepted after the clock stepped back")
	}
	if doc := res.errorDoc(t); doc.Code != "InvalidTimeStamp.Expired" {
		t.Errorf("replay: %d %s", res.status, res.body)
	}
	// A new request dated after the forgotten ones is fine.
	if res := (rawCall{date: start.Add(2 * time.Minute)}).do(t, srv); res.status != 200 {
		t.Errorf("fresh request after the step: %s", res.body)
	}
}
