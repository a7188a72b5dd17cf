package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// statusServer answers every list call with one item whose status is the
// n-th of statuses (the last one repeats), or no item when statuses is empty.
func statusServer(t *testing.T, action string, statuses ...string) (*testServer, *atomic.Int32) {
	var calls atomic.Int32
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1)) - 1
		if r.Header.Get("x-acs-action") != action {
			t.Errorf("action = %s, want %s", r.Header.Get("x-acs-action"), action)
		}
		var body any
		switch {
		case len(statuses) == 0 && action == "ListBackups":
			body = models.ListBackupsResponse{Backups: []*models.Backup{}}
		case len(statuses) == 0:
			body = models.ListRestoreTasksResponse{RestoreTasks: []*models.RestoreTask{}}
		case action == "ListBackups":
			s := statuses[min(n, len(statuses)-1)]
			body = models.ListBackupsResponse{Backups: []*models.Backup{
				new(models.Backup).SetBackupId(r.URL.Query().Get("Filter.1.Value.1")).SetStatus(models.BackupStatus(s)).SetStatusDetail("detail of " + s),
			}}
		default:
			s := statuses[min(n, len(statuses)-1)]
			body = models.ListRestoreTasksResponse{RestoreTasks: []*models.RestoreTask{
				new(models.RestoreTask).SetRestoreTaskId(r.URL.Query().Get("Filter.1.Value.1")).SetStatus(models.RestoreTaskStatus(s)).SetStatusDetail("detail of " + s),
			}}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(body)
	})
	return ts, &calls
}

func fastPolls(o *client.WaiterOptions) {
	o.MinDelay, o.MaxDelay = time.Millisecond, 5*time.Millisecond
}

func TestWaitForRestoreTaskSucceeds(t *testing.T) {
	ts, calls := statusServer(t, "ListRestoreTasks", "Restoring", "Restoring", "Restored")
	c := newClient(t, ts.config())
	var seen []string
	task, err := client.WaitForRestoreTask(context.Background(), c, "restore-1", fastPolls, func(o *client.WaiterOptions) {
		o.OnPoll = func(s string) { seen = append(seen, s) }
	})
	if err != nil {
		t.Fatal(err)
	}
	if task.GetRestoreTaskId() != "restore-1" || task.GetStatus() != models.RestoreTaskStatusRestored {
		t.Errorf("task = %+v", task)
	}
	if calls.Load() != 3 || strings.Join(seen, ",") != "Restoring,Restoring,Restored" {
		t.Errorf("calls = %d, statuses seen = %v", calls.Load(), seen)
	}
	for _, r := range ts.got() {
		if r.query.Get("Filter.1.Name") != "RestoreTaskId" || r.query.Get("Filter.1.Value.1") != "restore-1" {
			t.Errorf("poll query = %v", r.query)
		}
	}
}

func TestWaitForBackupSucceeds(t *testing.T) {
	ts, _ := statusServer(t, "ListBackups", "Creating", "Created")
	c := newClient(t, ts.config())
	b, err := client.WaitForBackup(context.Background(), c, "backup-1", fastPolls)
	if err != nil || b.GetStatus() != models.BackupStatusCreated || b.GetBackupId() != "backup-1" {
		t.Fatalf("b = %+v, err = %v", b, err)
	}
}

func TestWaitTerminalFailure(t *testing.T) {
	tests := []struct {
		action, status string
		wait           func(c *client.Client) error
	}{
		{"ListRestoreTasks", "RestoreFailed", func(c *client.Client) error {
			_, err := client.WaitForRestoreTask(context.Background(), c, "restore-1", fastPolls)
			return err
		}},
		{"ListBackups", "CreateFailed", func(c *client.Client) error {
			_, err := client.WaitForBackup(context.Background(), c, "backup-1", fastPolls)
			return err
		}},
		{"ListBackups", "Deleted", func(c *client.Client) error {
			_, err := client.WaitForBackup(context.Background(), c, "backup-1", fastPolls)
			return err
		}},
		{"ListBackups", "SomethingNew", func(c *client.Client) error {
			_, err := client.WaitForBackup(context.Background(), c, "backup-1", fastPolls)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			ts, _ := statusServer(t, tt.action, "Restoring", tt.status)
			if tt.action == "ListBackups" {
				ts, _ = statusServer(t, tt.action, "Creating", tt.status)
			}
			err := tt.wait(newClient(t, ts.config()))
			var failed *client.WaitFailedError
			if !errors.As(err, &failed) {
				t.Fatalf("err = %v, want *WaitFailedError", err)
			}
			if failed.Status != tt.status || failed.StatusDetail != "detail of "+tt.status {
				t.Errorf("failed = %+v", failed)
			}
			if (failed.Backup == nil) == (failed.RestoreTask == nil) {
				t.Errorf("want exactly one item attached: %+v", failed)
			}
			if !strings.Contains(err.Error(), tt.status) || !strings.Contains(err.Error(), "detail of") {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestWaitNotFound(t *testing.T) {
	ts, calls := statusServer(t, "ListRestoreTasks")
	c := newClient(t, ts.config())
	_, err := client.WaitForRestoreTask(context.Background(), c, "restore-missing", fastPolls)
	if !errors.Is(err, client.ErrNotFound) || !client.IsNotFound(err) || !strings.Contains(err.Error(), "restore-missing") {
		t.Fatalf("err = %v", err)
	}
	if calls.Load() != 1 {
		t.Errorf("polled %d times for a missing ID", calls.Load())
	}
}

func TestWaitTimeoutReportsLastStatus(t *testing.T) {
	ts, _ := statusServer(t, "ListRestoreTasks", "Restoring")
	c := newClient(t, ts.config())
	_, err := client.WaitForRestoreTask(context.Background(), c, "restore-1", fastPolls, func(o *client.WaiterOptions) {
		o.MaxWait = 60 * time.Millisecond
	})
	var timeout *client.WaitTimeoutError
	if !errors.As(err, &timeout) || timeout.LastStatus != "Restoring" || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "last status: Restoring") {
		t.Errorf("message %q", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Millisecond)
	defer cancel()
	_, err = client.WaitForRestoreTask(ctx, c, "restore-1", fastPolls)
	if !errors.As(err, &timeout) {
		t.Fatalf("ctx deadline: err = %v", err)
	}
}

func TestWaitBadOptions(t *testing.T) {
	ts, calls := statusServer(t, "ListBackups", "Created")
	c := newClient(t, ts.config())
	if _, err := client.WaitForBackup(context.Background(), c, "", fastPolls); err == nil {
		t.Error("empty ID accepted")
	}
	if _, err := client.WaitForBackup(context.Background(), c, "b", func(o *client.WaiterOptions) { o.MinDelay = 0 }); err == nil {
		t.Error("zero MinDelay accepted")
	}
	if calls.Load() != 0 {
		t.Errorf("bad options still polled %d times", calls.Load())
	}
}

func TestWaitCancelledIsNotATimeout(t *testing.T) {
	ts, _ := statusServer(t, "ListRestoreTasks", "Restoring")
	c := newClient(t, ts.config())
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	_, err := client.WaitForRestoreTask(ctx, c, "restore-1", fastPolls)
	var timeout *client.WaitTimeoutError
	if errors.As(err, &timeout) || !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "last status: Restoring") {
		t.Fatalf("err = %v, want a cancellation naming the last status", err)
	}
}
