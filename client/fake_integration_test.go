package client_test

// End-to-end tests of the client against computenesttest's fake Compute
// Nest, which verifies every request's signature, date and nonce as the
// service does. The hand-rolled httptest servers in client_test.go check
// the client's edges; these check whole calls against a service-like peer.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

func e2eRetries(n int) *client.RetryPolicy {
	return &client.RetryPolicy{MaxAttempts: n, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}
}

func e2eAPIError(t *testing.T, err error, status int, code string) *client.APIError {
	t.Helper()
	var e *client.APIError
	if !errors.As(err, &e) || e.StatusCode != status || e.Code != code {
		t.Fatalf("err = %v, want *client.APIError HTTP %d %s", err, status, code)
	}
	return e
}

func TestE2EWireParameters(t *testing.T) {
	tricky := []string{"a b", "x/y", "star*", "tilde~", "plus+", "eq=", "amp&", "pct%20", "备份 中文"}
	srv := newFake(t)
	for _, id := range tricky {
		srv.Backups().Add(new(models.Backup).SetBackupId(id).SetStatus(models.BackupStatusCreated))
	}
	srv.Backups().Add(new(models.Backup).SetBackupId("plain"))
	srv.RestoreTasks().Add(new(models.RestoreTask).SetRestoreTaskId("restore-1").SetStatus(models.RestoreTaskStatusRestoring))
	c := fakeClient(t, srv)
	ctx := context.Background()

	// Every tricky value survives the trip: the filter finds exactly the
	// items stored under those IDs.
	resp, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(100).FilterByBackupId(tricky...))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range resp.GetBackups() {
		got = append(got, b.GetBackupId())
	}
	if !slices.Equal(got, tricky) || resp.GetTotalCount() != int32(len(tricky)) {
		t.Errorf("tricky IDs: got %q, want %q", got, tricky)
	}
	wantQuery := url.Values{"MaxResults": {"100"}, "Filter.1.Name": {"BackupId"}}
	for i, v := range tricky {
		wantQuery.Set(fmt.Sprintf("Filter.1.Value.%d", i+1), v)
	}

	rresp, err := c.ListRestoreTasks(ctx, new(models.ListRestoreTasksRequest).SetMaxResults(1).
		FilterByRestoreTaskId("restore-1").
		FilterByStatus(models.RestoreTaskStatusRestoring, models.RestoreTaskStatusRestored).
		FilterByStartTime(time.Date(2024, 9, 3, 19, 54, 38, 0, time.FixedZone("CST", 8*3600))))
	if err != nil {
		t.Fatal(err)
	}
	if len(rresp.GetRestoreTasks()) != 0 {
		t.Errorf("a task without StartTime matched a StartTime filter: %+v", rresp.GetRestoreTasks())
	}
	if _, err := c.ListBackups(ctx, nil); err != nil {
		t.Fatal(err)
	}

	log := srv.Requests()
	if len(log) != 3 {
		t.Fatalf("%d requests logged", len(log))
	}
	wants := []struct {
		action string
		query  url.Values
	}{
		{"ListBackups", wantQuery},
		{"ListRestoreTasks", url.Values{"MaxResults": {"1"}, "Filter.1.Name": {"RestoreTaskId"}, "Filter.1.Value.1": {"restore-1"},
			"Filter.2.Name": {"Status"}, "Filter.2.Value.1": {"Restoring"}, "Filter.2.Value.2": {"Restored"},
			"Filter.3.Name": {"StartTime"}, "Filter.3.Value.1": {"2024-09-03T11:54:38Z"}}},
		{"ListBackups", url.Values{}},
	}
	for i, w := range wants {
		if log[i].Action != w.action || log[i].Status != 200 || !reflect.DeepEqual(log[i].Params, w.query) {
			t.Errorf("request %d: %s %d %v\nwant %s %v", i+1, log[i].Action, log[i].Status, log[i].Params, w.action, w.query)
		}
	}
	if log[0].RequestId != resp.GetRequestId() || log[1].RequestId != rresp.GetRequestId() {
		t.Error("response RequestIds are not the ones the server logged")
	}
}

func TestE2EListingsMatchTheStore(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(21, 230, 140))
	c := fakeClient(t, srv)
	ctx := context.Background()
	for _, size := range []int32{1, 33, 100} {
		var backups []*models.Backup
		req := new(models.ListBackupsRequest).SetMaxResults(size)
		for {
			resp, err := c.ListBackups(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.GetTotalCount() != 230 || resp.GetMaxResults() != size {
				t.Fatalf("TotalCount %d MaxResults %d", resp.GetTotalCount(), resp.GetMaxResults())
			}
			backups = append(backups, resp.GetBackups()...)
			if resp.GetNextToken() == "" {
				break
			}
			req.SetNextToken(resp.GetNextToken())
		}
		if !reflect.DeepEqual(backups, srv.Backups().All()) {
			t.Errorf("page size %d: backups differ from the store", size)
		}

		var tasks []*models.RestoreTask
		treq := new(models.ListRestoreTasksRequest).SetMaxResults(size)
		for {
			resp, err := c.ListRestoreTasks(ctx, treq)
			if err != nil {
				t.Fatal(err)
			}
			tasks = append(tasks, resp.GetRestoreTasks()...)
			if resp.GetNextToken() == "" {
				break
			}
			treq.SetNextToken(resp.GetNextToken())
		}
		if !reflect.DeepEqual(tasks, srv.RestoreTasks().All()) {
			t.Errorf("page size %d: restore tasks differ from the store", size)
		}
	}
}

func TestE2EServiceErrorsAreTyped(t *testing.T) {
	srv := newFake(t)
	c := fakeClient(t, srv, defaultRetries) // default retries: none of these is retried
	_, err := c.ListBackups(context.Background(), new(models.ListBackupsRequest).SetNextToken("AAAA"))
	e := e2eAPIError(t, err, 400, "InvalidParameter")
	log := srv.Requests()
	if len(log) != 1 {
		t.Fatalf("%d attempts for a non-retryable error", len(log))
	}
	if e.RequestId != log[0].RequestId || e.HostId != srv.Endpoint() || e.Message != "The specified NextToken is invalid." ||
		e.Recommend != "https://api.aliyun.com/troubleshoot?q=InvalidParameter&product=ComputeNest&requestId="+e.RequestId || e.Action != "ListBackups" {
		t.Errorf("APIError = %+v", e)
	}
	if client.IsRetryable(e) || client.IsThrottling(e) || !strings.Contains(err.Error(), log[0].RequestId) {
		t.Errorf("helpers or message: %v", err)
	}

	cfg := srv.ClientConfig()
	cfg.AccessKeySecret = "wrong"
	_, err = newClient(t, cfg).ListRestoreTasks(context.Background(), nil)
	if e := e2eAPIError(t, err, 400, "SignatureDoesNotMatch"); !client.IsSignatureError(e) || len(srv.Requests()) != 2 {
		t.Errorf("signature error retried or misclassified: %+v", e)
	}
}

func TestE2ERetries(t *testing.T) {
	tests := []struct {
		name  string
		fault computenesttest.Fault
	}{
		{"throttled", computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 2}},
		{"throttled with hint", computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 1, RetryAfter: 20 * time.Millisecond}},
		{"503", computenesttest.Fault{Kind: computenesttest.FaultServerError, Times: 3}},
		{"proxy HTML 502", computenesttest.Fault{Kind: computenesttest.FaultHTMLBody, Times: 2}},
		{"dropped connection", computenesttest.Fault{Kind: computenesttest.FaultDropConnection, Times: 2}},
		{"cut-off body", computenesttest.Fault{Kind: computenesttest.FaultTruncatedBody, Times: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFake(t, computenesttest.WithDemoData(2, 8, 8))
			tt.fault.Action = "ListRestoreTasks"
			srv.InjectFault(tt.fault)
			start := time.Now()
			policy := e2eRetries(4)
			policy.MaxDelay = time.Second // MaxDelay caps the hint too
			resp, err := fakeClient(t, srv, withRetry(policy)).ListRestoreTasks(context.Background(), nil)
			if err != nil {
				t.Fatalf("not recovered: %v", err)
			}
			if len(resp.GetRestoreTasks()) != 8 {
				t.Errorf("%d tasks", len(resp.GetRestoreTasks()))
			}
			log := srv.Requests()
			if len(log) != tt.fault.Times+1 {
				t.Fatalf("%d attempts, want %d", len(log), tt.fault.Times+1)
			}
			ids := map[string]bool{}
			for i, r := range log {
				if wantFault := i < tt.fault.Times; (r.Fault != "") != wantFault || ids[r.RequestId] {
					t.Errorf("attempt %d: %+v", i+1, r)
				}
				ids[r.RequestId] = true
			}
			if last := log[len(log)-1]; last.Status != 200 || last.RequestId != resp.GetRequestId() {
				t.Errorf("last attempt %+v", last)
			}
			if tt.fault.RetryAfter > 0 && time.Since(start) < tt.fault.RetryAfter {
				t.Errorf("retried after %v, before the hint %v", time.Since(start), tt.fault.RetryAfter)
			}
		})
	}
}

func TestE2ERetriesGiveUp(t *testing.T) {
	srv := newFake(t)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Times: 10, Status: 429})
	_, err := fakeClient(t, srv, withRetry(e2eRetries(3))).ListBackups(context.Background(), nil)
	e := e2eAPIError(t, err, 429, "Throttling.User")
	if log := srv.Requests(); len(log) != 3 || e.RequestId != log[2].RequestId {
		t.Errorf("%d attempts; error RequestId %s", len(log), e.RequestId)
	}
	if f := srv.Faults(); len(f) != 1 || f[0].Times != 7 {
		t.Errorf("faults left: %+v", f)
	}
}

func TestE2EUndecodableSuccess(t *testing.T) {
	tests := []struct {
		kind computenesttest.FaultKind
		want string
	}{
		{computenesttest.FaultHTMLBody, "text/html"},
		{computenesttest.FaultEmptyBody, "empty body"},
		{computenesttest.FaultTruncatedBody, "mid-document"},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			srv := newFake(t, computenesttest.WithDemoData(1, 3, 0))
			srv.InjectFault(computenesttest.Fault{Kind: tt.kind, Status: 200})
			resp, err := fakeClient(t, srv).ListBackups(context.Background(), nil)
			var e *client.DecodeError
			if resp != nil || !errors.As(err, &e) || e.StatusCode != 200 || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("resp %v, err %v", resp, err)
			}
			if e.RequestId != srv.Requests()[0].RequestId {
				t.Errorf("DecodeError.RequestId %q, logged %q", e.RequestId, srv.Requests()[0].RequestId)
			}
			if tt.kind == computenesttest.FaultTruncatedBody && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("a cut-off body should wrap io.ErrUnexpectedEOF: %v", err)
			}
		})
	}
}

func TestE2ESlowAnswerAndDeadline(t *testing.T) {
	srv := newFake(t)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 80*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := fakeClient(t, srv, defaultRetries).ListBackups(ctx, nil)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}

func TestE2ECredentialsVariants(t *testing.T) {
	srv := computenesttest.NewTLSServer(
		computenesttest.WithSTSToken("STS.key", "sts-secret", "sts-token"),
		computenesttest.WithDemoData(3, 4, 0),
	)
	defer srv.Close()
	cfg := srv.ClientConfig()
	cfg.Retry = client.NoRetries()
	resp, err := newClient(t, cfg).ListBackups(context.Background(), nil)
	if err != nil || len(resp.GetBackups()) != 4 {
		t.Fatalf("STS over TLS: %v %v", resp, err)
	}
	cfg.SecurityToken = "expired-token"
	_, err = newClient(t, cfg).ListBackups(context.Background(), nil)
	e2eAPIError(t, err, 400, "InvalidSecurityToken.MismatchWithAccessKey")
	cfg.SecurityToken = ""
	_, err = newClient(t, cfg).ListBackups(context.Background(), nil)
	e2eAPIError(t, err, 400, "MissingSecurityToken")
}
