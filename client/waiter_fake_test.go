package client_test

// The waiters against computenesttest's fake Compute Nest, with statuses
// that change over time: a goroutine plays the service, moving an item on
// after the waiter has polled a few times.

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

const (
	wfMinDelay = 5 * time.Millisecond
	wfMaxDelay = 20 * time.Millisecond
)

// wfSetup starts a fake holding a few unrelated items, so that the waiter
// must pick its own, and returns a client of it that does not retry.
func wfSetup(t *testing.T) (*computenesttest.Server, *client.Client) {
	t.Helper()
	srv := newFake(t, computenesttest.WithDemoData(7, 12, 6))
	return srv, fakeClient(t, srv)
}

// wfAfterPolls runs change in a goroutine once srv has answered polls
// requests of action, and returns a channel closed when it has run.
func wfAfterPolls(t *testing.T, srv *computenesttest.Server, action string, polls int, change func()) <-chan struct{} {
	t.Helper()
	done := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() {
		defer close(done)
		for len(fakeRequests(srv, action)) < polls {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Millisecond):
			}
		}
		change()
	}()
	return done
}

// wfOptions sets small delays and records the statuses seen.
func wfOptions(seen *[]string) func(*client.WaiterOptions) {
	return func(o *client.WaiterOptions) {
		o.MinDelay, o.MaxDelay = wfMinDelay, wfMaxDelay
		o.MaxWait = 5 * time.Second // a test that goes wrong ends, rather than hangs
		o.OnPoll = func(s string) { *seen = append(*seen, s) }
	}
}

// wfCheckPolls checks that every poll asked for id alone, with the filter
// the waiter documents, and that the polls were at least MinDelay apart.
func wfCheckPolls(t *testing.T, srv *computenesttest.Server, action, filter, id string) {
	t.Helper()
	var last time.Time
	for i, r := range srv.Requests() {
		if r.Action != action {
			continue
		}
		if r.Params.Get("Filter.1.Name") != filter || r.Params.Get("Filter.1.Value.1") != id || r.Params.Has("Filter.2.Name") {
			t.Errorf("poll %d asked %v, want only %s=%s", i+1, r.Params, filter, id)
		}
		if !last.IsZero() && r.Time.Sub(last) < wfMinDelay {
			t.Errorf("poll %d came %s after the one before, less than MinDelay %s", i+1, r.Time.Sub(last), wfMinDelay)
		}
		last = r.Time
	}
}

func TestWaitFakeRestoreTaskEnds(t *testing.T) {
	tests := []struct {
		to     models.RestoreTaskStatus
		detail string
	}{
		{models.RestoreTaskStatusRestored, ""},
		{models.RestoreTaskStatusRestoreFailed, "i-0123 failed, error message: disk attach timed out"},
	}
	for _, tt := range tests {
		t.Run(string(tt.to), func(t *testing.T) {
			srv, c := wfSetup(t)
			const id = "restore-wf-1"
			srv.RestoreTasks().Add(new(models.RestoreTask).SetRestoreTaskId(id).SetServiceInstanceId("si-wf").
				SetStatus(models.RestoreTaskStatusRestoring).SetStartTime("2025-06-01T00:00:00Z"))
			changed := wfAfterPolls(t, srv, "ListRestoreTasks", 3, func() {
				srv.RestoreTasks().Update(id, func(rt *models.RestoreTask) {
					rt.SetStatus(tt.to).SetEndTime("2025-06-01T01:00:00Z").SetStatusDetail(tt.detail)
				})
			})

			var seen []string
			task, err := client.WaitForRestoreTask(context.Background(), c, id, wfOptions(&seen))
			<-changed
			if len(seen) < 4 || seen[0] != "Restoring" || seen[2] != "Restoring" || seen[len(seen)-1] != string(tt.to) {
				t.Errorf("statuses seen: %v; want Restoring at least 3 times, then %s", seen, tt.to)
			}
			wfCheckPolls(t, srv, "ListRestoreTasks", "RestoreTaskId", id)

			if tt.to == models.RestoreTaskStatusRestored {
				if err != nil || task.GetRestoreTaskId() != id || task.GetStatus() != tt.to || task.GetEndTime() != "2025-06-01T01:00:00Z" {
					t.Fatalf("task = %+v, err = %v", task, err)
				}
				return
			}
			var failed *client.WaitFailedError
			if !errors.As(err, &failed) || task != nil {
				t.Fatalf("task = %v, err = %v; want a *WaitFailedError", task, err)
			}
			if failed.Kind != "restore task" || failed.ID != id || failed.Status != string(tt.to) || failed.StatusDetail != tt.detail ||
				failed.RestoreTask.GetStatusDetail() != tt.detail || failed.RestoreTask.GetServiceInstanceId() != "si-wf" || failed.Backup != nil {
				t.Errorf("failed = %+v", failed)
			}
			if !strings.Contains(err.Error(), string(tt.to)) || !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("message %q lacks the status or the detail", err)
			}
		})
	}
}

func TestWaitFakeBackupEnds(t *testing.T) {
	tests := []struct {
		to     models.BackupStatus
		detail string
	}{
		{models.BackupStatusCreated, ""},
		{models.BackupStatusCreateFailed, "Disk d-1 backup failed, error message: snapshot quota exceeded"},
		{models.BackupStatusDeleted, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.to), func(t *testing.T) {
			srv, c := wfSetup(t)
			const id = "backup-wf-1"
			srv.Backups().Add(new(models.Backup).SetBackupId(id).SetStatus(models.BackupStatusCreating))
			changed := wfAfterPolls(t, srv, "ListBackups", 2, func() {
				srv.Backups().Update(id, func(b *models.Backup) { b.SetStatus(tt.to).SetStatusDetail(tt.detail) })
			})

			var seen []string
			b, err := client.WaitForBackup(context.Background(), c, id, wfOptions(&seen))
			<-changed
			if len(seen) < 3 || seen[0] != "Creating" || seen[1] != "Creating" || seen[len(seen)-1] != string(tt.to) {
				t.Errorf("statuses seen: %v", seen)
			}
			wfCheckPolls(t, srv, "ListBackups", "BackupId", id)

			if tt.to == models.BackupStatusCreated {
				if err != nil || b.GetBackupId() != id || b.GetStatus() != tt.to {
					t.Fatalf("backup = %+v, err = %v", b, err)
				}
				return
			}
			var failed *client.WaitFailedError
			if !errors.As(err, &failed) || b != nil {
				t.Fatalf("backup = %v, err = %v; want a *WaitFailedError", b, err)
			}
			if failed.Kind != "backup" || failed.Status != string(tt.to) || failed.StatusDetail != tt.detail ||
				failed.Backup.GetBackupId() != id || failed.RestoreTask != nil {
				t.Errorf("failed = %+v", failed)
			}
		})
	}
}

func TestWaitFakeNotFound(t *testing.T) {
	srv, c := wfSetup(t)
	var seen []string
	_, err := client.WaitForRestoreTask(context.Background(), c, "restore-missing", wfOptions(&seen))
	if !errors.Is(err, client.ErrNotFound) || !client.IsNotFound(err) || !strings.Contains(err.Error(), "restore-missing") {
		t.Errorf("restore task: err = %v", err)
	}
	_, err = client.WaitForBackup(context.Background(), c, "backup-missing", wfOptions(&seen))
	if !errors.Is(err, client.ErrNotFound) || !strings.Contains(err.Error(), "backup-missing") {
		t.Errorf("backup: err = %v", err)
	}
	if len(seen) != 0 || len(srv.Requests()) != 2 {
		t.Errorf("one poll each is enough for a missing ID: %d requests, statuses %v", len(srv.Requests()), seen)
	}
}

// An item that disappears while the waiter polls is not found either.
func TestWaitFakeItemRemovedWhileWaiting(t *testing.T) {
	srv, c := wfSetup(t)
	srv.Backups().Add(new(models.Backup).SetBackupId("backup-gone").SetStatus(models.BackupStatusDeleting))
	wfAfterPolls(t, srv, "ListBackups", 2, func() { srv.Backups().Remove("backup-gone") })
	var seen []string
	_, err := client.WaitForBackup(context.Background(), c, "backup-gone", wfOptions(&seen))
	if !errors.Is(err, client.ErrNotFound) || len(seen) < 2 {
		t.Errorf("err = %v after statuses %v", err, seen)
	}
}

func TestWaitFakeTimeoutSaysLastStatus(t *testing.T) {
	srv, c := wfSetup(t)
	srv.RestoreTasks().Add(new(models.RestoreTask).SetRestoreTaskId("restore-slow").SetStatus(models.RestoreTaskStatusRestoring))
	var seen []string
	start := time.Now()
	_, err := client.WaitForRestoreTask(context.Background(), c, "restore-slow", wfOptions(&seen), func(o *client.WaiterOptions) {
		o.MaxWait = 300 * time.Millisecond
	})
	var timeout *client.WaitTimeoutError
	if !errors.As(err, &timeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a *WaitTimeoutError", err)
	}
	if timeout.LastStatus != "Restoring" || timeout.ID != "restore-slow" || timeout.Waited < 300*time.Millisecond ||
		!strings.Contains(err.Error(), "last status: Restoring") {
		t.Errorf("timeout = %+v: %v", timeout, err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("MaxWait 300ms, returned after %s", elapsed)
	}
	if len(seen) < 3 {
		t.Errorf("polled %d times in 300ms with delays of %s to %s", len(seen), wfMinDelay, wfMaxDelay)
	}

	// ctx's deadline works the same way.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = client.WaitForRestoreTask(ctx, c, "restore-slow", wfOptions(&seen))
	if !errors.As(err, &timeout) || timeout.LastStatus != "Restoring" {
		t.Errorf("ctx deadline: err = %v", err)
	}
}

// A failed poll that the client does not retry ends the wait with the
// call's error, which is neither a timeout nor a failure of the item.
func TestWaitFakePollError(t *testing.T) {
	srv, c := wfSetup(t)
	srv.RestoreTasks().Add(new(models.RestoreTask).SetRestoreTaskId("restore-1").SetStatus(models.RestoreTaskStatusRestoring))
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError, Action: "ListRestoreTasks"})
	var seen []string
	_, err := client.WaitForRestoreTask(context.Background(), c, "restore-1", wfOptions(&seen))
	var apiErr *client.APIError
	var timeout *client.WaitTimeoutError
	var failed *client.WaitFailedError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || errors.As(err, &timeout) || errors.As(err, &failed) {
		t.Fatalf("err = %v, want the 503 *APIError", err)
	}
	if !strings.Contains(err.Error(), "restore-1") {
		t.Errorf("message %q does not name the task", err)
	}
}
