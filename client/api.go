package client

import (
	"context"
	"iter"

	"github.com/computenest-sdk/computenest-go/models"
)

// The package functions below do what the *Client methods of the same
// names do, over the one-method interfaces ListBackupsAPIClient and
// ListRestoreTasksAPIClient, as the paginators and ListAll functions do:
// code written against them depends on an interface, and its tests can
// pass a hand-written mock instead of a *Client. The *Client methods call
// them with the client itself.

// Backups ranges over every backup req selects, calling api.ListBackups;
// see (*Client).Backups. PaginatorOptions.ClientOptions are passed to every
// call.
func Backups(ctx context.Context, api ListBackupsAPIClient, req *models.ListBackupsRequest, optFns ...func(*PaginatorOptions)) iter.Seq2[*models.Backup, error] {
	req = req.Clone()
	return func(yield func(*models.Backup, error) bool) {
		NewListBackupsPaginator(api, req, optFns...).Items(ctx)(yield)
	}
}

// RestoreTasks ranges over every restore job req selects, calling
// api.ListRestoreTasks; see (*Client).RestoreTasks.
// PaginatorOptions.ClientOptions are passed to every call.
func RestoreTasks(ctx context.Context, api ListRestoreTasksAPIClient, req *models.ListRestoreTasksRequest, optFns ...func(*PaginatorOptions)) iter.Seq2[*models.RestoreTask, error] {
	req = req.Clone()
	return func(yield func(*models.RestoreTask, error) bool) {
		NewListRestoreTasksPaginator(api, req, optFns...).Items(ctx)(yield)
	}
}

// WaitForBackup polls api.ListBackups until the backup is Created; see
// (*Client).WaitForBackup. WaiterOptions.ClientOptions are passed to every
// poll.
func WaitForBackup(ctx context.Context, api ListBackupsAPIClient, backupID string, optFns ...func(*WaiterOptions)) (*models.Backup, error) {
	req := new(models.ListBackupsRequest).FilterByBackupId(backupID)
	return waitFor(ctx, "backup", backupID, optFns,
		func(ctx context.Context, clientOpts []func(*Options)) ([]*models.Backup, error) {
			resp, err := api.ListBackups(ctx, req, clientOpts...)
			return resp.GetBackups(), err
		},
		func(b *models.Backup) (string, string, bool, bool) {
			s := b.GetStatus()
			return string(s), b.GetStatusDetail(), s == models.BackupStatusCreated, s.IsTerminal()
		},
		func(b *models.Backup) string { return b.GetBackupId() },
		func(e *WaitFailedError, b *models.Backup) { e.Backup = b })
}

// WaitForRestoreTask polls api.ListRestoreTasks until the task is Restored;
// see (*Client).WaitForRestoreTask. WaiterOptions.ClientOptions are passed
// to every poll.
func WaitForRestoreTask(ctx context.Context, api ListRestoreTasksAPIClient, restoreTaskID string, optFns ...func(*WaiterOptions)) (*models.RestoreTask, error) {
	req := new(models.ListRestoreTasksRequest).FilterByRestoreTaskId(restoreTaskID)
	return waitFor(ctx, "restore task", restoreTaskID, optFns,
		func(ctx context.Context, clientOpts []func(*Options)) ([]*models.RestoreTask, error) {
			resp, err := api.ListRestoreTasks(ctx, req, clientOpts...)
			return resp.GetRestoreTasks(), err
		},
		func(t *models.RestoreTask) (string, string, bool, bool) {
			s := t.GetStatus()
			return string(s), t.GetStatusDetail(), s == models.RestoreTaskStatusRestored, s.IsTerminal()
		},
		func(t *models.RestoreTask) string { return t.GetRestoreTaskId() },
		func(e *WaitFailedError, t *models.RestoreTask) { e.RestoreTask = t })
}
