package client_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/internal/acs3"
	"github.com/computenest-sdk/computenest-go/internal/acsauth"
	"github.com/computenest-sdk/computenest-go/models"
)

const (
	testKeyID  = "LTAItestkeyid"
	testSecret = "test-secret-must-not-leak-0xC0FFEE"
	testToken  = "sts-token-must-not-leak-0xBEEF"
)

// captured is one request as the test server saw it.
type captured struct {
	query  url.Values
	header http.Header
	body   []byte
	verify error
}

// testServer answers every request with respond and records what it got,
// judging each request's signature with the acs3 verifier.
type testServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []captured
}

func newTestServer(t *testing.T, respond http.HandlerFunc) *testServer {
	t.Helper()
	ts := &testServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_, err := acs3.Verify(r, body, func(id string) (string, bool) { return testSecret, id == testKeyID })
		ts.mu.Lock()
		ts.requests = append(ts.requests, captured{query: r.URL.Query(), header: r.Header.Clone(), body: body, verify: err})
		ts.mu.Unlock()
		if r.Method != http.MethodPost {
			http.Error(w, "want POST", http.StatusMethodNotAllowed)
			return
		}
		respond(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *testServer) got() []captured {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]captured(nil), ts.requests...)
}

func (ts *testServer) config() *client.Config {
	return &client.Config{
		Endpoint:        strings.TrimPrefix(ts.URL, "http://"),
		Protocol:        "http",
		AccessKeyId:     testKeyID,
		AccessKeySecret: testSecret,
		Retry:           client.NoRetries(),
	}
}

func newClient(tb testing.TB, cfg *client.Config) *client.Client {
	tb.Helper()
	c, err := client.NewClient(cfg)
	if err != nil {
		tb.Fatalf("NewClient: %v", err)
	}
	return c
}

func jsonHandler(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

const emptyBackups = `{"TotalCount":0,"RequestId":"req-1","MaxResults":20,"Backups":[]}`

func TestWireFormat(t *testing.T) {
	tricky := []string{"a b", "x/y", "star*", "tilde~", "plus+", "eq=", "amp&", "备份 中文", ""}
	tests := []struct {
		name string
		req  *models.ListBackupsRequest
		want url.Values
	}{
		{name: "nil request", req: nil, want: url.Values{}},
		{name: "empty request", req: &models.ListBackupsRequest{}, want: url.Values{}},
		{
			name: "page size and token",
			req:  new(models.ListBackupsRequest).SetMaxResults(100).SetNextToken("AAAAAc3H/wvpk4+xOr0=="),
			want: url.Values{"MaxResults": {"100"}, "NextToken": {"AAAAAc3H/wvpk4+xOr0=="}},
		},
		{
			name: "filters",
			req: new(models.ListBackupsRequest).SetMaxResults(5).
				FilterByServiceInstanceId("si-1", "si-2").
				FilterByStatus(models.BackupStatusCreated),
			want: url.Values{
				"MaxResults":       {"5"},
				"Filter.1.Name":    {"ServiceInstanceId"},
				"Filter.1.Value.1": {"si-1"},
				"Filter.1.Value.2": {"si-2"},
				"Filter.2.Name":    {"Status"},
				"Filter.2.Value.1": {"Created"},
			},
		},
		{
			name: "tricky values",
			req:  new(models.ListBackupsRequest).FilterByBackupId(tricky[:len(tricky)-1]...),
			want: func() url.Values {
				v := url.Values{"Filter.1.Name": {"BackupId"}}
				for i, s := range tricky[:len(tricky)-1] {
					v[fmt.Sprintf("Filter.1.Value.%d", i+1)] = []string{s}
				}
				return v
			}(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, jsonHandler(200, emptyBackups))
			c := newClient(t, ts.config())
			var before *models.ListBackupsRequest
			if tt.req != nil {
				before = tt.req.Clone()
			}
			if _, err := c.ListBackups(context.Background(), tt.req); err != nil {
				t.Fatalf("ListBackups: %v", err)
			}
			if !reflect.DeepEqual(tt.req, before) {
				t.Errorf("the caller's request changed: %+v, was %+v", tt.req, before)
			}
			reqs := ts.got()
			if len(reqs) != 1 {
				t.Fatalf("server got %d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.verify != nil {
				t.Errorf("signature rejected: %v", r.verify)
			}
			if !reflect.DeepEqual(r.query, tt.want) {
				t.Errorf("query = %v\nwant    %v", r.query, tt.want)
			}
			if len(r.body) != 0 {
				t.Errorf("body = %q, want empty (RPC puts everything in the query)", r.body)
			}
			wantHeaders := map[string]string{
				"X-Acs-Action":         "ListBackups",
				"X-Acs-Version":        "2021-06-01",
				"X-Acs-Content-Sha256": acs3.EmptyBodySHA256,
			}
			for k, v := range wantHeaders {
				if got := r.header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			if _, err := time.Parse("2006-01-02T15:04:05Z", r.header.Get("x-acs-date")); err != nil {
				t.Errorf("x-acs-date %q: %v", r.header.Get("x-acs-date"), err)
			}
			if r.header.Get("x-acs-signature-nonce") == "" {
				t.Error("no x-acs-signature-nonce")
			}
			if r.header.Get("x-acs-security-token") != "" {
				t.Error("x-acs-security-token sent without STS credentials")
			}
			auth := r.header.Get("Authorization")
			if !strings.HasPrefix(auth, "ACS3-HMAC-SHA256 Credential="+testKeyID+",SignedHeaders=") {
				t.Errorf("Authorization = %q", auth)
			}
		})
	}
}

func TestRestoreTasksWireFormat(t *testing.T) {
	ts := newTestServer(t, jsonHandler(200, `{"RequestId":"r","RestoreTasks":[]}`))
	c := newClient(t, ts.config())
	req := new(models.ListRestoreTasksRequest).SetMaxResults(1).
		FilterByRestoreTaskId("restore-1").
		FilterByStatus(models.RestoreTaskStatusRestoring, models.RestoreTaskStatusRestored)
	if _, err := c.ListRestoreTasks(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	r := ts.got()[0]
	want := url.Values{
		"MaxResults":       {"1"},
		"Filter.1.Name":    {"RestoreTaskId"},
		"Filter.1.Value.1": {"restore-1"},
		"Filter.2.Name":    {"Status"},
		"Filter.2.Value.1": {"Restoring"},
		"Filter.2.Value.2": {"Restored"},
	}
	if !reflect.DeepEqual(r.query, want) {
		t.Errorf("query = %v, want %v", r.query, want)
	}
	if got := r.header.Get("x-acs-action"); got != "ListRestoreTasks" {
		t.Errorf("x-acs-action = %q", got)
	}
	if r.verify != nil {
		t.Errorf("signature rejected: %v", r.verify)
	}
}

func TestSecurityTokenIsSentAndSigned(t *testing.T) {
	ts := newTestServer(t, jsonHandler(200, emptyBackups))
	cfg := ts.config()
	cfg.SecurityToken = testToken
	c := newClient(t, cfg)
	if _, err := c.ListBackups(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	r := ts.got()[0]
	if got := r.header.Get("x-acs-security-token"); got != testToken {
		t.Errorf("x-acs-security-token = %q", got)
	}
	if r.verify != nil {
		t.Errorf("signature rejected: %v", r.verify)
	}
	if !strings.Contains(r.header.Get("Authorization"), "x-acs-security-token") {
		t.Errorf("security token not among the signed headers: %s", r.header.Get("Authorization"))
	}
}

// TestTamperedRequestIsRejected replays a request the client signed with one
// query value changed, as an attacker in the middle would.
func TestTamperedRequestIsRejected(t *testing.T) {
	var mu sync.Mutex
	var signed *http.Request
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		signed = r.Clone(context.Background())
		mu.Unlock()
		jsonHandler(200, emptyBackups)(w, r)
	})
	c := newClient(t, ts.config())
	if _, err := c.ListBackups(context.Background(), new(models.ListBackupsRequest).SetMaxResults(10)); err != nil {
		t.Fatal(err)
	}
	if err := ts.got()[0].verify; err != nil {
		t.Fatalf("untampered request rejected: %v", err)
	}
	q := signed.URL.Query()
	q.Set("MaxResults", "100")
	signed.URL.RawQuery = q.Encode()
	_, err := acs3.Verify(signed, nil, func(string) (string, bool) { return testSecret, true })
	var verr *acsauth.VerifyError
	if !errors.As(err, &verr) || verr.Code != "SignatureDoesNotMatch" {
		t.Fatalf("tampered request: err = %v, want SignatureDoesNotMatch", err)
	}
}

func TestEveryAttemptHasAFreshNonce(t *testing.T) {
	ts := newTestServer(t, jsonHandler(200, emptyBackups))
	c := newClient(t, ts.config())
	for range 3 {
		if _, err := c.ListBackups(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	for _, r := range ts.got() {
		n := r.header.Get("x-acs-signature-nonce")
		if seen[n] {
			t.Fatalf("nonce %q reused", n)
		}
		seen[n] = true
	}
}

func TestDecodeSeedSamples(t *testing.T) {
	backups, err := os.ReadFile("../models/testdata/list_backups_sample.json")
	if err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, jsonHandler(200, string(backups)))
	c := newClient(t, ts.config())
	resp, err := c.ListBackups(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetTotalCount() != 1 || resp.GetRequestId() != "BB58FE53-ED8F-5D12-9746-CD3A5F463D95" ||
		resp.GetMaxResults() != 100 || !strings.HasPrefix(resp.GetNextToken(), "AAAAAc3HCuYhJi/wvpk4") {
		t.Errorf("page fields: %+v", resp)
	}
	if len(resp.GetBackups()) != 1 {
		t.Fatalf("got %d backups", len(resp.GetBackups()))
	}
	b := resp.GetBackups()[0]
	checks := map[string][2]string{
		"BackupId":          {b.GetBackupId(), "backup-4e13aa8ca6a34150addd"},
		"ServiceInstanceId": {b.GetServiceInstanceId(), "si-7b6138dfce1e4c41ab71"},
		"StartTime":         {b.GetStartTime(), "2025-06-30T16:00:00Z"},
		"EndTime":           {b.GetEndTime(), "2024-08-15T02:24:00Z"},
		"Status":            {string(b.GetStatus()), "Creating"},
		"Description":       {b.GetDescription(), "No description"},
		"BackupMode":        {string(b.GetBackupMode()), "Manual"},
		"StatusDetail":      {b.GetStatusDetail(), "Disk i-xxxx backup failed, error message: error\t"},
		"ModifiedTime":      {b.GetModifiedTime(), "2024-09-03T19:54:38+08:00"},
		"CreateTime":        {b.GetCreateTime(), "2024-09-03T19:54:38+08:00"},
	}
	for field, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", field, c[0], c[1])
		}
	}
	if b.GetRetentionDays() != 1 {
		t.Errorf("RetentionDays = %d", b.GetRetentionDays())
	}

	tasks, err := os.ReadFile("../models/testdata/list_restore_tasks_sample.json")
	if err != nil {
		t.Fatal(err)
	}
	ts2 := newTestServer(t, jsonHandler(200, string(tasks)))
	c2 := newClient(t, ts2.config())
	rresp, err := c2.ListRestoreTasks(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rresp.GetRequestId() != "464C8CB6-A548-5206-B83C-D32A8E43EC21" || rresp.GetNextToken() != "BBBAAfu+XtuBE55iRLHEYYuojI4=" {
		t.Errorf("page fields: %+v", rresp)
	}
	rt := rresp.GetRestoreTasks()[0]
	if rt.GetRestoreTaskId() != "restore-xxxxxx" || rt.GetBackupId() != "backup-728f128bf92c4e3da970" ||
		rt.GetStatus() != models.RestoreTaskStatusRestoring || rt.GetStatusDetail() != "i-xxxx failed, error message: error" {
		t.Errorf("restore task: %+v", rt)
	}
}

func TestValidationErrorsSendNothing(t *testing.T) {
	ts := newTestServer(t, jsonHandler(200, emptyBackups))
	c := newClient(t, ts.config())
	bad := []*models.ListBackupsRequest{
		new(models.ListBackupsRequest).SetMaxResults(0),
		new(models.ListBackupsRequest).SetMaxResults(101),
		new(models.ListBackupsRequest).AddFilter(backupFilter("Nope", "x")),
		new(models.ListBackupsRequest).FilterByBackupId(),
		new(models.ListBackupsRequest).AddFilter(backupFilter("", "x")),
		new(models.ListBackupsRequest).AddFilter(backupFilter("RestoreTaskId", "x")),
	}
	for _, req := range bad {
		_, err := c.ListBackups(context.Background(), req)
		var verr *models.ValidationError
		if !errors.As(err, &verr) {
			t.Errorf("%+v: err = %v, want a *models.ValidationError", req, err)
		}
	}
	_, err := c.ListRestoreTasks(context.Background(), new(models.ListRestoreTasksRequest).AddFilter(restoreTaskFilter("BackupMode", "Manual")))
	var verr *models.ValidationError
	if !errors.As(err, &verr) {
		t.Errorf("ListRestoreTasks with a BackupMode filter: err = %v", err)
	}
	if n := len(ts.got()); n != 0 {
		t.Errorf("server got %d requests for invalid input", n)
	}
}

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name       string
		handler    http.HandlerFunc
		wantStatus int
		wantCode   string
		wantReqID  string
		wantInMsg  []string
		check      func(t *testing.T, e *client.APIError)
	}{
		{
			name: "JSON error body",
			handler: jsonHandler(400, `{"RequestId":"7A1C-REQ","HostId":"computenest.cn-hangzhou.aliyuncs.com","Code":"InvalidParameter",`+
				`"Message":"The specified parameter MaxResults is not valid.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidParameter&product=ComputeNest"}`),
			wantStatus: 400, wantCode: "InvalidParameter", wantReqID: "7A1C-REQ",
			wantInMsg: []string{"ListBackups", "HTTP 400", "InvalidParameter", "MaxResults is not valid", "7A1C-REQ"},
			check: func(t *testing.T, e *client.APIError) {
				if e.HostId != "computenest.cn-hangzhou.aliyuncs.com" || !strings.Contains(e.Recommend, "troubleshoot") {
					t.Errorf("HostId/Recommend: %+v", e)
				}
				if client.IsRetryable(e) || client.IsThrottling(e) {
					t.Error("InvalidParameter must not be retryable")
				}
			},
		},
		{
			name: "throttling",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("x-acs-retry-after", "1500")
				jsonHandler(429, `{"RequestId":"T-1","Code":"Throttling.User","Message":"Request was denied due to user flow control."}`)(w, r)
			},
			wantStatus: 429, wantCode: "Throttling.User", wantReqID: "T-1",
			check: func(t *testing.T, e *client.APIError) {
				if !client.IsThrottling(e) || !client.IsRetryable(e) || e.RetryAfter != 1500*time.Millisecond {
					t.Errorf("throttling helpers: %+v", e)
				}
			},
		},
		{
			name:       "permission denied",
			handler:    jsonHandler(403, `{"RequestId":"P-1","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource."}`),
			wantStatus: 403, wantCode: "Forbidden.RAM", wantReqID: "P-1",
			check: func(t *testing.T, e *client.APIError) {
				if !client.IsAccessDenied(e) || client.IsRetryable(e) {
					t.Errorf("access denied helpers: %+v", e)
				}
			},
		},
		{
			name:       "key not found",
			handler:    jsonHandler(404, `{"RequestId":"N-1","Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found."}`),
			wantStatus: 404, wantCode: "InvalidAccessKeyId.NotFound", wantReqID: "N-1",
			check: func(t *testing.T, e *client.APIError) {
				if !client.IsNotFound(e) || !client.IsSignatureError(e) {
					t.Errorf("not found helpers: %+v", e)
				}
			},
		},
		{
			name: "HTML 502 from a proxy",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.Header().Set("x-acs-request-id", "PROXY-REQ")
				w.WriteHeader(502)
				io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
			},
			wantStatus: 502, wantReqID: "PROXY-REQ",
			wantInMsg: []string{"HTTP 502", `not a Compute Nest error: "502 Bad Gateway"`, "PROXY-REQ"},
			check: func(t *testing.T, e *client.APIError) {
				if !client.IsRetryable(e) || e.Code != "" {
					t.Errorf("502: %+v", e)
				}
			},
		},
		{
			name:       "empty 500",
			handler:    func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) },
			wantStatus: 500,
			wantInMsg:  []string{"HTTP 500", "empty body"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, tt.handler)
			c := newClient(t, ts.config())
			resp, err := c.ListBackups(context.Background(), nil)
			if resp != nil {
				t.Errorf("got a response with an error: %+v", resp)
			}
			var e *client.APIError
			if !errors.As(err, &e) {
				t.Fatalf("err = %T %v, want *client.APIError", err, err)
			}
			if e.StatusCode != tt.wantStatus || e.Code != tt.wantCode || e.RequestId != tt.wantReqID || e.Action != "ListBackups" {
				t.Errorf("APIError = %+v", e)
			}
			for _, s := range tt.wantInMsg {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if tt.check != nil {
				tt.check(t, e)
			}
		})
	}
}

func TestUndecodableSuccessIsAnError(t *testing.T) {
	tests := []struct {
		name, contentType, body, wantInMsg string
	}{
		{"truncated", "application/json", `{"TotalCount":3,"RequestId":"TR-1","Backups":[{"BackupId":"b-1"},{"Back`, "mid-document"},
		{"empty", "application/json", ``, "empty body"},
		{"HTML", "text/html", `<html>maintenance</html>`, "invalid character"},
		{"wrong shape", "application/json", `{"TotalCount":"many","Backups":[]}`, "TotalCount"},
		{"trailing garbage", "application/json", `{"Backups":[]} {"Backups":[]}`, "after top-level value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				w.Header().Set("x-acs-request-id", "HDR-REQ")
				io.WriteString(w, tt.body)
			})
			c := newClient(t, ts.config())
			resp, err := c.ListBackups(context.Background(), nil)
			if resp != nil {
				t.Errorf("got a response with an error: %+v", resp)
			}
			var e *client.DecodeError
			if !errors.As(err, &e) {
				t.Fatalf("err = %T %v, want *client.DecodeError", err, err)
			}
			if e.StatusCode != 200 || e.RequestId != "HDR-REQ" || e.Action != "ListBackups" {
				t.Errorf("DecodeError = %+v", e)
			}
			for _, s := range []string{"HTTP 200", "HDR-REQ", tt.wantInMsg} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
}

func TestContextCancellationEndsTheCall(t *testing.T) {
	release := make(chan struct{})
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := newClient(t, ts.config())

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() {
		_, err := c.ListBackups(ctx, nil)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ListBackups did not return after its context was cancelled")
	}

	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if _, err := c.ListRestoreTasks(ctx2, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
}

func TestNewClientErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  *client.Config
		want []string
	}{
		{"malformed region", &client.Config{RegionId: "Mars north/1", AccessKeyId: "a", AccessKeySecret: "b"},
			[]string{`Config.RegionId "Mars north/1"`, "cn-hangzhou", "ap-southeast-1"}},
		{"unknown network", &client.Config{Network: "intranet", AccessKeyId: "a", AccessKeySecret: "b"}, []string{"Config.Network", "vpc"}},
		{"bad protocol", &client.Config{Protocol: "ftp", AccessKeyId: "a", AccessKeySecret: "b"}, []string{"ftp"}},
		{"endpoint with a path", &client.Config{Endpoint: "x/api", AccessKeyId: "a", AccessKeySecret: "b"}, []string{"host[:port]"}},
		{"endpoint URL with a path", &client.Config{Endpoint: "https://x/api", AccessKeyId: "a", AccessKeySecret: "b"}, []string{"no user, path or query"}},
		{"endpoint with another scheme", &client.Config{Endpoint: "ftp://x", AccessKeyId: "a", AccessKeySecret: "b"}, []string{"http or https"}},
		{"endpoint scheme against Protocol", &client.Config{Endpoint: "http://x", Protocol: "https", AccessKeyId: "a", AccessKeySecret: "b"}, []string{"contradicts Config.Protocol"}},
		{"endpoint with white space", &client.Config{Endpoint: " x", AccessKeyId: "a", AccessKeySecret: "b"}, []string{"white space"}},
		{"half a key", &client.Config{AccessKeyId: "a"}, []string{"AccessKeySecret"}},
		{"token without keys", &client.Config{SecurityToken: "t"}, []string{"SecurityToken"}},
		{"bad retry", &client.Config{AccessKeyId: "a", AccessKeySecret: "b", Retry: &client.RetryPolicy{}}, []string{"MaxAttempts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := client.NewClient(tt.cfg)
			if err == nil {
				t.Fatal("NewClient succeeded")
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
	c, err := client.NewClient(&client.Config{RegionId: "ap-southeast-1", AccessKeyId: "a", AccessKeySecret: "b"})
	if err != nil || !strings.Contains(fmt.Sprint(c), "https://computenest.ap-southeast-1.aliyuncs.com,") {
		t.Fatalf("ap-southeast-1: %v %v", c, err)
	}
	c, err = client.NewClient(&client.Config{AccessKeyId: "a", AccessKeySecret: "b"})
	if err != nil || !strings.Contains(fmt.Sprint(c), "https://computenest.cn-hangzhou.aliyuncs.com,") {
		t.Fatalf("default region: %v %v", c, err)
	}
}

// TestNoCredentials empties every source of the default chain (the ECS
// metadata service included, so nothing leaves this machine).
func TestNoCredentials(t *testing.T) {
	for _, v := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI",
		"ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_ECS_METADATA"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	t.Setenv("HOME", t.TempDir())
	ts := newTestServer(t, jsonHandler(200, emptyBackups))
	cfg := ts.config()
	cfg.AccessKeyId, cfg.AccessKeySecret = "", ""
	c := newClient(t, cfg)
	_, err := c.ListBackups(context.Background(), nil)
	var credErr *client.CredentialsError
	if !errors.As(err, &credErr) {
		t.Fatalf("err = %T %v, want *client.CredentialsError", err, err)
	}
	if !strings.Contains(err.Error(), "ALIBABA_CLOUD_ACCESS_KEY_ID") || !strings.Contains(err.Error(), "default credential chain") {
		t.Errorf("error does not say what was tried and how to provide credentials: %v", err)
	}
	// Short: credentials-go's own text (about 600 bytes) only via errors.Unwrap.
	if msg := err.Error(); len(msg) > 260 || strings.Contains(msg, credErr.Err.Error()) || credErr.Err == nil {
		t.Errorf("message of %d bytes, or the provider's text in it: %q", len(msg), msg)
	}
	if n := len(ts.got()); n != 0 {
		t.Errorf("an unsigned request was sent (%d)", n)
	}
}

func TestSecretsAreRedacted(t *testing.T) {
	cfg := &client.Config{AccessKeyId: testKeyID, AccessKeySecret: testSecret, SecurityToken: testToken, Endpoint: "127.0.0.1:1", Protocol: "http", Retry: client.NoRetries()}
	c := newClient(t, cfg)
	var out bytes.Buffer
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		fmt.Fprintf(&out, verb+"\n", cfg)
		fmt.Fprintf(&out, verb+"\n", *cfg)
		fmt.Fprintf(&out, verb+"\n", c)
	}
	out.WriteString(cfg.String())
	_, err := c.ListBackups(context.Background(), nil) // connection refused
	if err == nil {
		t.Fatal("call to a closed port succeeded")
	}
	fmt.Fprintf(&out, "%v %+v %#v", err, err, err)
	if s := out.String(); strings.Contains(s, testSecret) || strings.Contains(s, testToken) {
		t.Fatalf("a secret leaked:\n%s", s)
	}
	if !strings.Contains(out.String(), testKeyID) || !strings.Contains(out.String(), "<redacted>") {
		t.Errorf("expected the key ID and a redaction mark:\n%s", out.String())
	}
}

func TestHugeRetryAfterHintDoesNotOverflow(t *testing.T) {
	for _, h := range [][2]string{{"x-acs-retry-after", "9223372036854775807"}, {"Retry-After", "9223372036854775807"}} {
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set(h[0], h[1])
			jsonHandler(429, `{"RequestId":"T","Code":"Throttling.User","Message":"slow down"}`)(w, r)
		})
		_, err := newClient(t, ts.config()).ListBackups(context.Background(), nil)
		var e *client.APIError
		if !errors.As(err, &e) || e.RetryAfter != 24*time.Hour {
			t.Errorf("%s: RetryAfter = %v, want it read as 24h", h[0], e.RetryAfter)
		}
	}
}

// backupFilter and restoreTaskFilter write out a filter whose name
// Validate checks, for the names the requests' methods do not make.
func backupFilter(name string, values ...string) *models.BackupFilter {
	return &models.BackupFilter{Name: &name, Value: values}
}

func restoreTaskFilter(name string, values ...string) *models.RestoreTaskFilter {
	return &models.RestoreTaskFilter{Name: &name, Value: values}
}
