package client_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

func backupPage(next string, ids ...string) *models.ListBackupsResponse {
	r := new(models.ListBackupsResponse)
	for _, id := range ids {
		r.Backups = append(r.Backups, new(models.Backup).SetBackupId(id).SetStatus(models.BackupStatusCreated))
	}
	if next != "" {
		r.NextToken = &next
	}
	return r
}

func taskPage(id string, s models.RestoreTaskStatus) *models.ListRestoreTasksResponse {
	return &models.ListRestoreTasksResponse{RestoreTasks: []*models.RestoreTask{
		new(models.RestoreTask).SetRestoreTaskId(id).SetStatus(s),
	}}
}

// TestMockIterators: the paginators range over a double of the one-method
// interfaces, with the ClientOptions on every call.
func TestMockIterators(t *testing.T) {
	m := &pgBackups{}
	m.answer(backupPage("t1", "a", "b"), backupPage("", "c"))
	var got []*models.Backup
	for b, err := range client.NewListBackupsPaginator(m, nil, func(o *client.PaginatorOptions) {
		o.ClientOptions = append(o.ClientOptions, withUserAgent("mocked"))
	}).Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, b)
	}
	if ids := backupIDs(got); len(ids) != 3 || ids[0] != "a" || ids[2] != "c" {
		t.Errorf("Backups over the mock yielded %q, want a b c", ids)
	}
	if uas := m.userAgents(); !slices.Equal(uas, []string{"mocked", "mocked"}) {
		t.Errorf("mock saw User-Agents %q, want 2 calls with the ClientOptions", uas)
	}

	tasks := &pgRestoreTasks{}
	tasks.answer(taskPage("r-1", models.RestoreTaskStatusRestoring))
	n := 0
	for task, err := range client.NewListRestoreTasksPaginator(tasks, nil).Items(context.Background()) {
		if err != nil || task.GetRestoreTaskId() != "r-1" {
			t.Fatalf("RestoreTasks over the mock: %v, %v", task, err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("RestoreTasks yielded %d tasks, want 1", n)
	}
}

// TestMockWaiters: the package-level waiters poll a mock until the item is
// done, or report its failure, with the ClientOptions on every poll.
func TestMockWaiters(t *testing.T) {
	fast := func(o *client.WaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		o.ClientOptions = []func(*client.Options){withUserAgent("waiter")}
	}
	m := &pgRestoreTasks{}
	m.answer(taskPage("r-1", models.RestoreTaskStatusRestoring), taskPage("r-1", models.RestoreTaskStatusRestoring), taskPage("r-1", models.RestoreTaskStatusRestored))
	task, err := client.WaitForRestoreTask(context.Background(), m, "r-1", fast)
	if err != nil || task.GetStatus() != models.RestoreTaskStatusRestored {
		t.Fatalf("WaitForRestoreTask = %v, %v; want the restored task", task, err)
	}
	if uas := m.userAgents(); !slices.Equal(uas, []string{"waiter", "waiter", "waiter"}) {
		t.Errorf("mock saw polls with User-Agents %q, want 3 with the ClientOptions", uas)
	}

	m = &pgRestoreTasks{}
	m.answer(taskPage("r-2", models.RestoreTaskStatusRestoreFailed))
	var failed *client.WaitFailedError
	if _, err := client.WaitForRestoreTask(context.Background(), m, "r-2", fast); !errors.As(err, &failed) || failed.RestoreTask.GetRestoreTaskId() != "r-2" {
		t.Errorf("a failed restore: err = %v, want a *WaitFailedError with the task", err)
	}

	backups := &pgBackups{}
	backups.answer(backupPage("", "b-1"))
	if b, err := client.WaitForBackup(context.Background(), backups, "b-1", fast); err != nil || b.GetBackupId() != "b-1" {
		t.Errorf("WaitForBackup = %v, %v; want backup b-1", b, err)
	}
	backups.answer(backupPage("", "other"))
	if _, err := client.WaitForBackup(context.Background(), backups, "b-1", fast); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("WaitForBackup of an ID the mock lacks: err = %v, want ErrNotFound", err)
	}
}

// TestWaiterSkipsNilOptionFunc: a nil option function is skipped by a
// waiter, as by the paginators and the calls, not called.
func TestWaiterSkipsNilOptionFunc(t *testing.T) {
	m := &pgBackups{}
	m.answer(backupPage("", "b-1"))
	fast := func(o *client.WaiterOptions) { o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond }
	if b, err := client.WaitForBackup(context.Background(), m, "b-1", nil, fast); err != nil || b.GetBackupId() != "b-1" {
		t.Errorf("WaitForBackup with a nil option function = %v, %v; want backup b-1", b, err)
	}
}
