package computenesttest_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

func TestAdminItems(t *testing.T) {
	srv := newFake(t, computenesttest.WithAdminAPI())
	c := newClient(t, srv)
	status, body := admin(t, srv, "POST", "/_fake/backups",
		`[{"BackupId":"b1","Status":"Creating","ServiceInstanceId":"si-1"},{"BackupId":"b2","Status":"Created"}]`)
	if status != 200 || body != `{"added":2,"total":2}` {
		t.Fatalf("seed: %d %s", status, body)
	}
	if status, body := admin(t, srv, "POST", "/_fake/restore-tasks", `{"RestoreTaskId":"r1","Status":"Restoring"}`); status != 200 {
		t.Fatalf("seed one task: %d %s", status, body)
	}
	// A PATCH that sets ModifiedTime itself keeps it (TestAdminValues has
	// the clock's stamp).
	if status, body := admin(t, srv, "PATCH", "/_fake/backups/b1", `{"Status":"Created","EndTime":"2026-01-01T00:00:00Z","ModifiedTime":"2026-01-01T00:00:01+08:00"}`); status != 200 ||
		body != `{"BackupId":"b1","ServiceInstanceId":"si-1","EndTime":"2026-01-01T00:00:00Z","Status":"Created","ModifiedTime":"2026-01-01T00:00:01+08:00"}` {
		t.Fatalf("update: %d %s", status, body)
	}
	if status, body := admin(t, srv, "PATCH", "/_fake/restore-tasks/r1", `{"Status":"Restored"}`); status != 200 {
		t.Fatalf("update task: %d %s", status, body)
	}
	if task, _ := srv.RestoreTasks().Get("r1"); task.GetStatus() != models.RestoreTaskStatusRestored {
		t.Errorf("task after PATCH: %+v", task)
	}
	if status, body := admin(t, srv, "GET", "/_fake/backups/b1", ""); status != 200 || !strings.Contains(body, `"Status":"Created"`) {
		t.Errorf("get: %d %s", status, body)
	}
	if status, _ := admin(t, srv, "DELETE", "/_fake/backups/b2", ""); status != 204 {
		t.Errorf("remove: %d", status)
	}
	listed, _ := listAllBackups(t, c, nil)
	if len(listed) != 1 || listed[0].GetBackupId() != "b1" || listed[0].GetStatus() != models.BackupStatusCreated {
		t.Errorf("listed after the admin calls: %v", listed)
	}

	for _, tt := range []struct {
		method, path, body string
		status             int
		msg                string
	}{
		{"DELETE", "/_fake/backups/b2", "", 404, "no item b2 in backups"},
		{"PATCH", "/_fake/backups/nope", `{"Status":"Created"}`, 404, "no item nope"},
		{"GET", "/_fake/restore-tasks/nope", "", 404, "no item nope"},
		{"PATCH", "/_fake/backups/b1", `{"Stauts":"Created"}`, 400, `unknown field \"Stauts\"`},
		{"PATCH", "/_fake/backups/b1", `{"BackupId":"b9"}`, 400, "the ID cannot change"},
		{"PATCH", "/_fake/backups/b1", `{"BackupId":"","Status":"Deleted"}`, 400, "the ID cannot change"},
		{"PATCH", "/_fake/backups/b1", `not json`, 400, "JSON object"},
		{"POST", "/_fake/backups", `[{"Status":"Created"}]`, 400, "item 0 has no ID"},
		{"POST", "/_fake/backups", `[{"BackupId":"x"}] trailing`, 400, "after the JSON value"},
		{"PUT", "/_fake/backups", "", 404, "not part of the admin API"},
		{"GET", "/_fake/nothing", "", 404, "not part of the admin API"},
	} {
		status, body := admin(t, srv, tt.method, tt.path, tt.body)
		if status != tt.status || !strings.Contains(body, tt.msg) || !strings.HasPrefix(body, `{"error":`) {
			t.Errorf("%s %s %s: %d %s; want %d with %q", tt.method, tt.path, tt.body, status, body, tt.status, tt.msg)
		}
	}
	if b, _ := srv.Backups().Get("b1"); b.GetStatus() != models.BackupStatusCreated {
		t.Errorf("a refused PATCH changed the item: %+v", b)
	}
	if status, body := admin(t, srv, "GET", "/_fake/", ""); status != 200 || !strings.Contains(body, `"backups":1`) {
		t.Errorf("index: %d %s", status, body)
	}
}

func TestAdminFaults(t *testing.T) {
	srv := newFake(t, computenesttest.WithAdminAPI())
	c := newClient(t, srv)
	status, body := admin(t, srv, "POST", "/_fake/faults", `{"Action":"ListBackups","Kind":"Throttle","Times":2,"Status":429,"RetryAfterMs":1500}`)
	if status != 201 || body != `[{"Action":"ListBackups","Kind":"Throttle","Times":2,"Status":429,"RetryAfterMs":1500}]` {
		t.Fatalf("inject: %d %s", status, body)
	}
	_, err := c.ListBackups(context.Background(), nil)
	if e := apiError(t, err, 429, "Throttling.User"); e.RetryAfter != 1500*time.Millisecond {
		t.Errorf("RetryAfter %v", e.RetryAfter)
	}
	if status, body := admin(t, srv, "GET", "/_fake/faults", ""); status != 200 || !strings.Contains(body, `"Times":1`) {
		t.Errorf("pending: %d %s", status, body)
	}
	if status, _ := admin(t, srv, "DELETE", "/_fake/faults", ""); status != 204 || len(srv.Faults()) != 0 {
		t.Errorf("clear: %d, %v", status, srv.Faults())
	}
	for _, tt := range []struct{ body, msg string }{
		{`{"Kind":"ServerError","Status":99}`, "Status 99: FaultServerError answers a status from 500 to 599"},
		{`{"Kind":"HTMLBody","Status":1000}`, "Status 1000"},
		{`{"Kind":"Thrtotle"}`, `unknown Kind \"Thrtotle\"; want one of `},
		{`{"Kind":"Throttle","Action":"DeleteBackup"}`, `unknown action \"DeleteBackup\"`},
		{`{"Kind":"Delay","DelayMs":-1}`, "negative"},
		{`{"Kind":"Delay","Delay":5}`, `unknown field \"Delay\"`},
	} {
		status, body := admin(t, srv, "POST", "/_fake/faults", tt.body)
		if status != 400 || !strings.Contains(body, tt.msg) {
			t.Errorf("%s: %d %s; want 400 with %q", tt.body, status, body, tt.msg)
		}
	}
	if len(srv.Faults()) != 0 {
		t.Errorf("an invalid fault was queued: %+v", srv.Faults())
	}
	// Both spellings of a kind.
	if status, _ := admin(t, srv, "POST", "/_fake/faults", `{"Kind":"FaultDropConnection"}`); status != 201 || srv.Faults()[0].Kind != computenesttest.FaultDropConnection {
		t.Errorf("FaultDropConnection: %d %+v", status, srv.Faults())
	}
}

func TestAdminRequestLogAndReset(t *testing.T) {
	srv := newFake(t, computenesttest.WithAdminAPI(), computenesttest.WithSTSToken(stsKeyID, stsSec, stsToken),
		computenesttest.WithDemoData(2, 10, 4))
	demo := srv.Backups().All()
	if res := (v1Call{keyID: stsKeyID, secret: stsSec, token: stsToken}).do(t, srv); res.status != 200 {
		t.Fatalf("v1 call: %s", res.body)
	}
	if res := (rawCall{keyID: stsKeyID, secret: stsSec, token: stsToken}).do(t, srv); res.status != 200 {
		t.Fatalf("ACS3 call: %s", res.body)
	}
	status, body := admin(t, srv, "GET", "/_fake/requests", "")
	var log []computenesttest.Request
	if err := json.Unmarshal([]byte(body), &log); status != 200 || err != nil || len(log) != 2 {
		t.Fatalf("log: %d %v %s", status, err, body)
	}
	if log[0].Action != "ListBackups" || log[0].AccessKeyId != stsKeyID || log[0].Status != 200 || log[0].Items != 10 || log[0].RequestId == "" {
		t.Errorf("log[0] = %+v", log[0])
	}
	for _, s := range []string{stsSec, stsToken, "Signature\""} {
		if strings.Contains(body, s) {
			t.Errorf("the request log shows %q: %s", s, body)
		}
	}

	admin(t, srv, "PATCH", "/_fake/backups/"+demo[0].GetBackupId(), `{"Status":"Deleted"}`)
	admin(t, srv, "DELETE", "/_fake/backups/"+demo[1].GetBackupId(), "")
	admin(t, srv, "POST", "/_fake/backups", `{"BackupId":"extra"}`)
	admin(t, srv, "POST", "/_fake/faults", `{"Kind":"Throttle","Times":5}`)
	if status, _ := admin(t, srv, "POST", "/_fake/reset", ""); status != 204 {
		t.Fatalf("reset: %d", status)
	}
	if got := srv.Backups().All(); !reflect.DeepEqual(got, demo) {
		t.Errorf("after reset: %v, want the demo data %v", backupIDs(got), backupIDs(demo))
	}
	if len(srv.Faults()) != 0 || len(srv.Requests()) != 0 || srv.RestoreTasks().Len() != 4 {
		t.Errorf("after reset: faults %v, %d logged, %d tasks", srv.Faults(), len(srv.Requests()), srv.RestoreTasks().Len())
	}
	if status, body := admin(t, srv, "DELETE", "/_fake/requests", ""); status != 204 {
		t.Errorf("clear log: %d %s", status, body)
	}
}

// TestNoAdminByDefault: without WithAdminAPI, /_fake/ is just a path the
// API answers like any other (here: an unsigned request).
func TestNoAdminByDefault(t *testing.T) {
	srv := newFake(t)
	status, body := admin(t, srv, "POST", "/_fake/reset", "")
	if status != 400 || !strings.Contains(body, "IncompleteSignature") {
		t.Errorf("%d %s", status, body)
	}
}

// TestAdminResetWhileAdding: a reset racing with Store.Add neither panics
// nor leaves the demo data mixed with a half-cleared store.
func TestAdminResetWhileAdding(t *testing.T) {
	srv := newFake(t, computenesttest.WithAdminAPI(), computenesttest.WithDemoData(3, 5, 0))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			srv.Backups().Add(new(models.Backup).SetBackupId("x" + strconv.Itoa(i)))
		}
	}()
	for range 20 {
		if status, body := admin(t, srv, "POST", "/_fake/reset", ""); status != 204 {
			t.Fatalf("reset: %d %s", status, body)
		}
	}
	<-done
	admin(t, srv, "POST", "/_fake/reset", "")
	if n := srv.Backups().Len(); n != 5 {
		t.Errorf("%d backups after the last reset, want the 5 demo ones", n)
	}
}

// TestAdminResetWhileListing: resets (which reseed the demo data) racing
// with listings of both actions, all through HTTP and signed, are safe:
// under -race this found the demo tasks' sources refilled while a
// restore-task listing read them (issue 18).
func TestAdminResetWhileListing(t *testing.T) {
	srv := newFake(t, computenesttest.WithAdminAPI(), computenesttest.WithDemoData(3, 40, 30))
	c := newClient(t, srv)
	ctx := context.Background()
	deadline := time.Now().Add(500 * time.Millisecond)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				if status, body := admin(t, srv, "POST", "/_fake/reset", ""); status != 204 {
					t.Errorf("reset: %d %s", status, body)
					return
				}
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				tasks, err := c.ListRestoreTasks(ctx, new(models.ListRestoreTasksRequest).SetMaxResults(100))
				if err != nil || len(tasks.GetRestoreTasks()) != 30 {
					t.Errorf("ListRestoreTasks: %d tasks, %v", len(tasks.GetRestoreTasks()), err)
					return
				}
				backups, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(100))
				if err != nil || len(backups.GetBackups()) != 40 {
					t.Errorf("ListBackups: %d backups, %v", len(backups.GetBackups()), err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestAdminValues: the admin API refuses values the service would never
// send, naming the field and the value, and changes nothing then; with
// ?unchecked=1 it stores them, for tests of how a client copes. Unknown
// statuses pass (the API's enums are open). A PATCH that changes an item
// stamps its ModifiedTime with the fake's clock unless it sets it.
func TestAdminValues(t *testing.T) {
	now := time.Date(2031, 3, 4, 13, 14, 15, 0, time.FixedZone("CST", 8*3600))
	srv := newFake(t, computenesttest.WithAdminAPI(), computenesttest.WithClock(func() time.Time { return now }))
	if status, body := admin(t, srv, "POST", "/_fake/backups", `{"BackupId":"b1","Status":"Frozen","RetentionDays":0}`); status != 200 {
		t.Fatalf("seed with an unknown status: %d %s", status, body)
	}
	if status, body := admin(t, srv, "POST", "/_fake/restore-tasks", `{"RestoreTaskId":"r1","ModifiedTime":"2030-01-01T00:00:00Z"}`); status != 200 {
		t.Fatalf("seed a task: %d %s", status, body)
	}
	for _, tt := range []struct{ method, path, body, msg string }{
		{"POST", "/_fake/backups", `[{"BackupId":"b2"},{"BackupId":"b3","EndTime":"yesterday"}]`, `item 1: EndTime \"yesterday\" is not an RFC 3339 time`},
		{"POST", "/_fake/backups", `{"BackupId":"b2","RetentionDays":-3}`, "item 0: RetentionDays -3 is negative"},
		{"POST", "/_fake/backups", `{"BackupId":"b2","ServiceInstanceId":""}`, `ServiceInstanceId \"\" is empty`},
		{"POST", "/_fake/restore-tasks", `{"RestoreTaskId":"r2","BackupId":""}`, `BackupId \"\" is empty`},
		{"POST", "/_fake/restore-tasks", `{"RestoreTaskId":"r2","CreateTime":"2026-01-01 10:00:00"}`, `CreateTime \"2026-01-01 10:00:00\" is not an RFC 3339 time`},
		{"PATCH", "/_fake/backups/b1", `{"StartTime":"1700000000"}`, `StartTime \"1700000000\" is not an RFC 3339 time`},
		{"PATCH", "/_fake/backups/b1", `{"RetentionDays":-1}`, "RetentionDays -1 is negative"},
		{"PATCH", "/_fake/restore-tasks/r1", `{"ModifiedTime":"now"}`, `ModifiedTime \"now\" is not an RFC 3339 time`},
	} {
		status, body := admin(t, srv, tt.method, tt.path, tt.body)
		if status != 400 || !strings.Contains(body, tt.msg) || !strings.Contains(body, "?unchecked=1") {
			t.Errorf("%s %s %s: %d %s; want 400 with %q", tt.method, tt.path, tt.body, status, body, tt.msg)
		}
	}
	if n := srv.Backups().Len(); n != 1 {
		t.Errorf("%d backups after refused seeds, want 1", n)
	}
	if b, _ := srv.Backups().Get("b1"); b.StartTime != nil || b.GetRetentionDays() != 0 || b.ModifiedTime != nil {
		t.Errorf("a refused PATCH changed the backup: %+v", b)
	}
	if r, _ := srv.RestoreTasks().Get("r1"); r.GetModifiedTime() != "2030-01-01T00:00:00Z" {
		t.Errorf("a refused PATCH changed the task: %+v", r)
	}

	// The clock's stamp, in RFC 3339 (UTC), on a PATCH that changes the
	// item; none on one that changes nothing.
	if status, body := admin(t, srv, "PATCH", "/_fake/restore-tasks/r1", `{"Status":"Restored"}`); status != 200 ||
		body != `{"RestoreTaskId":"r1","Status":"Restored","ModifiedTime":"2031-03-04T05:14:15Z"}` {
		t.Errorf("PATCH: %d %s", status, body)
	}
	now = now.Add(time.Hour)
	if status, body := admin(t, srv, "PATCH", "/_fake/restore-tasks/r1", `{"Status":"Restored"}`); status != 200 ||
		!strings.Contains(body, `"ModifiedTime":"2031-03-04T05:14:15Z"`) {
		t.Errorf("PATCH that changes nothing: %d %s", status, body)
	}

	// ?unchecked=1 stores what the checks refuse.
	if status, body := admin(t, srv, "POST", "/_fake/backups?unchecked=1", `[{"BackupId":"b2","EndTime":"yesterday","RetentionDays":-3,"ServiceInstanceId":""}]`); status != 200 {
		t.Errorf("unchecked POST: %d %s", status, body)
	}
	if status, body := admin(t, srv, "PATCH", "/_fake/backups/b1?unchecked=1", `{"StartTime":"1700000000","ModifiedTime":"never"}`); status != 200 ||
		body != `{"BackupId":"b1","StartTime":"1700000000","Status":"Frozen","RetentionDays":0,"ModifiedTime":"never"}` {
		t.Errorf("unchecked PATCH: %d %s", status, body)
	}
	if b, _ := srv.Backups().Get("b2"); b.GetEndTime() != "yesterday" || b.GetRetentionDays() != -3 {
		t.Errorf("unchecked backup: %+v", b)
	}
	// The Go API is unchecked: Store holds whatever a test gives it.
	srv.Backups().Add(new(models.Backup).SetBackupId("b4").SetEndTime("yesterday"))
	if b, ok := srv.Backups().Get("b4"); !ok || b.GetEndTime() != "yesterday" {
		t.Errorf("Store.Add: %+v", b)
	}
}
