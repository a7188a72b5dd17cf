package computenesttest_test

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// TestAdminRefusesWhatItCannotStore: admin requests that are not what the
// API documents end in a 4xx naming the problem, never a dropped
// connection or a silent partial change.
func TestAdminRefusesWhatItCannotStore(t *testing.T) {
	srv := newFake(t, computenesttest.WithAdminAPI())
	srv.Backups().Add(new(models.Backup).SetBackupId("b1").SetStatus(models.BackupStatusCreated))
	for _, tt := range []struct {
		method, path, body string
		status             int
		msg                string
	}{
		{"PATCH", "/_fake/backups/b1", `{"BackupId":""}`, 400, "the ID cannot change"},
		{"PATCH", "/_fake/backups/b1", `{"Status":"Created"}]`, 400, "after the JSON value"},
		{"PATCH", "/_fake/backups/b1", `[]`, 400, "JSON object"},
		{"POST", "/_fake/backups", `{"BackupId":"x"}]`, 400, "after the JSON value"},
		{"POST", "/_fake/backups", `{"BackupId":"x"},{"BackupId":"y"}`, 400, "after the JSON value"},
		{"POST", "/_fake/backups", ``, 400, "JSON"},
		{"POST", "/_fake/backups", `null`, 400, "no ID"},
		{"POST", "/_fake/faults", `{"Kind":"Throttle"}}`, 400, "after the JSON value"},
		{"POST", "/_fake/faults", `{"Kind":"Delay","DelayMs":9223372036854775807}`, 400, "DelayMs"},
		{"POST", "/_fake/faults", `{"Kind":"Throttle","RetryAfterMs":9223372036854775}`, 400, "RetryAfterMs"},
	} {
		status, body := admin(t, srv, tt.method, tt.path, tt.body)
		if status != tt.status || !strings.Contains(body, tt.msg) || !strings.HasPrefix(body, `{"error":`) {
			t.Errorf("%s %s %s: %d %s; want %d with %q", tt.method, tt.path, tt.body, status, body, tt.status, tt.msg)
		}
	}
	if all := srv.Backups().All(); len(all) != 1 || all[0].GetBackupId() != "b1" || all[0].GetStatus() != models.BackupStatusCreated {
		t.Errorf("refused requests changed the store: %v", all)
	}
	if f := srv.Faults(); len(f) != 0 {
		t.Errorf("refused faults are pending: %+v", f)
	}
}

// TestAdminHugeBody: a body over the admin API's limit (64 MiB) is refused
// with 413 and changes nothing, whether its Content-Length says so (refused
// unread) or it is streamed without one.
func TestAdminHugeBody(t *testing.T) {
	srv := newFake(t, computenesttest.WithAdminAPI())
	// The limit as served, then lowered, so that the body streamed without
	// a Content-Length need not be 64 MiB.
	var index struct {
		MaxBodyBytes int64 `json:"max-body-bytes"`
	}
	if _, body := admin(t, srv, "GET", "/_fake/", ""); json.Unmarshal([]byte(body), &index) != nil || index.MaxBodyBytes != 64<<20 {
		t.Errorf("index: %s", body)
	}
	defer computenesttest.SetMaxAdminBody(1 << 10)()
	const size = 1<<10 + 1
	for _, declared := range []bool{true, false} {
		// Zeros made as they are read, not held: the limit is what is tested.
		r := httptest.NewRequest("POST", "/_fake/backups", io.LimitReader(zeros{}, size))
		r.ContentLength = -1
		if declared {
			r.ContentLength = size
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != 413 || !strings.Contains(w.Body.String(), "larger than 1024 bytes") {
			t.Errorf("Content-Length given %v: %d %s", declared, w.Code, w.Body)
		}
	}
	if n := srv.Backups().Len(); n != 0 {
		t.Errorf("%d backups stored", n)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestAdminConcurrentUse: PATCHes of one item from many goroutines, while
// others add, read, list and remove, lose no change (run with -race).
func TestAdminConcurrentUse(t *testing.T) {
	srv := newFake(t, computenesttest.WithAdminAPI())
	srv.Backups().Add(new(models.Backup).SetBackupId("b1").SetStatus(models.BackupStatusCreating))
	var wg sync.WaitGroup
	const n = 20
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := "c" + strings.Repeat("x", i)
			if s, b := admin(t, srv, "POST", "/_fake/backups", `{"BackupId":"`+id+`"}`); s != 200 {
				t.Errorf("add: %d %s", s, b)
			}
			if s, b := admin(t, srv, "PATCH", "/_fake/backups/b1", `{"ServiceInstanceId":"si-`+id+`"}`); s != 200 {
				t.Errorf("patch: %d %s", s, b)
			}
			if s, b := admin(t, srv, "GET", "/_fake/requests", ""); s != 200 {
				t.Errorf("requests: %d %s", s, b)
			}
			if s, b := admin(t, srv, "DELETE", "/_fake/backups/"+id, ""); s != 204 {
				t.Errorf("remove: %d %s", s, b)
			}
		}()
	}
	wg.Wait()
	if all := srv.Backups().All(); len(all) != 1 || !strings.HasPrefix(all[0].GetServiceInstanceId(), "si-c") {
		t.Errorf("after: %v", all)
	}
}

// TestAPIHugeBody: an API request whose body is over 1 MiB is refused,
// unread past the limit, with the documented error document, and logged;
// one of exactly 1 MiB reaches the signature check.
func TestAPIHugeBody(t *testing.T) {
	srv := newFake(t)
	for _, size := range []int64{1<<20 + 1, 8 << 20} {
		r := rawCall{}.build(t, srv)
		r.Body = io.NopCloser(io.LimitReader(zeros{}, size))
		r.ContentLength = size
		res := send(t, r)
		doc := res.errorDoc(t)
		if res.status != 400 || doc.Code != "InvalidParameter" || !strings.Contains(doc.Message, "larger than 1 MiB") ||
			doc.RequestId != res.header.Get("x-acs-request-id") {
			t.Errorf("%d bytes: %d %+v", size, res.status, doc)
		}
	}
	r := rawCall{}.build(t, srv)
	r.Body, r.ContentLength = io.NopCloser(io.LimitReader(zeros{}, 1<<20)), 1<<20
	if doc := send(t, r).errorDoc(t); doc.Code != "SignatureDoesNotMatch" { // the body was not signed
		t.Errorf("1 MiB: %+v", doc)
	}
	if log := srv.Requests(); len(log) != 3 || log[0].Code != "InvalidParameter" || log[0].Status != 400 {
		t.Errorf("log: %+v", log)
	}
}
