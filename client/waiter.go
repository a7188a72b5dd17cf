package client

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

// WaiterOptions tunes WaitForBackup and WaitForRestoreTask.
type WaiterOptions struct {
	// MinDelay is the first wait between polls (default 2s).
	MinDelay time.Duration
	// MaxDelay caps the wait between polls (default 30s); the waits grow
	// from MinDelay to MaxDelay, jittered.
	MaxDelay time.Duration
	// MaxWait bounds the whole wait (default: none beyond ctx's deadline).
	MaxWait time.Duration
	// OnPoll, when set, is called with the item's status at each poll, for
	// a progress line. (Config.Logger and Hook see HTTP attempts, not the
	// item.)
	OnPoll func(status string)
	// ClientOptions are applied to every poll, as the optFns of
	// ListBackups and ListRestoreTasks (see Options).
	ClientOptions []func(*Options)
}

// WaitForBackup polls api.ListBackups, filtered by backupID, until the
// backup is Created, and returns it. Any other terminal status
// (CreateFailed, Deleted, or one the SDK does not know) is a
// *WaitFailedError with the backup attached; an unknown ID wraps
// ErrNotFound; a deadline (ctx's or WaiterOptions.MaxWait) is a
// *WaitTimeoutError with the last status seen; cancelling ctx returns an
// error that wraps context.Canceled. api is a *Client, or a test double.
func WaitForBackup(ctx context.Context, api ListBackupsAPIClient, backupID string, optFns ...func(*WaiterOptions)) (*models.Backup, error) {
	return waitFor(ctx, listBackups, api.ListBackups, backupID, optFns)
}

// WaitForRestoreTask polls api.ListRestoreTasks, filtered by
// restoreTaskID, until the restore job is Restored, and returns it.
// RestoreFailed (or a status the SDK does not know) is a *WaitFailedError
// with the job attached; otherwise it ends as WaitForBackup does.
func WaitForRestoreTask(ctx context.Context, api ListRestoreTasksAPIClient, restoreTaskID string, optFns ...func(*WaiterOptions)) (*models.RestoreTask, error) {
	return waitFor(ctx, listRestoreTasks, api.ListRestoreTasks, restoreTaskID, optFns)
}

// waitFor is the one polling loop behind both waiters.
func waitFor[Req listRequest[Req], Page any, Item comparable](ctx context.Context, d *action[Req, Page, Item],
	list func(context.Context, Req, ...func(*Options)) (*Page, error), id string, opts []func(*WaiterOptions),
) (Item, error) {
	var zero Item
	kind := d.kind
	o := WaiterOptions{MinDelay: 2 * time.Second, MaxDelay: 30 * time.Second}
	for _, fn := range opts {
		if fn != nil { // as the paginators and calls skip one
			fn(&o)
		}
	}
	if id == "" {
		return zero, fmt.Errorf("computenest: waiting for a %s: the ID is empty", kind)
	}
	if o.MinDelay <= 0 || o.MaxDelay < o.MinDelay || o.MaxWait < 0 {
		return zero, fmt.Errorf("computenest: WaiterOptions: want 0 < MinDelay <= MaxDelay and MaxWait >= 0, got %+v", o)
	}
	// start is taken before the deadline is set, so Waited is never less
	// than MaxWait when MaxWait is what ended the wait.
	start := time.Now()
	if o.MaxWait > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.MaxWait)
		defer cancel()
	}
	backoff := RetryPolicy{BaseDelay: o.MinDelay, MaxDelay: o.MaxDelay}
	lastStatus := ""
	timeout := func(err error) (Item, error) {
		if errors.Is(err, context.Canceled) { // the caller gave up: not a timeout
			return zero, fmt.Errorf("computenest: waiting for %s %s (last status: %s): %w", kind, id, cmp.Or(lastStatus, "none seen"), err)
		}
		return zero, &WaitTimeoutError{Kind: kind, ID: id, LastStatus: lastStatus, Waited: time.Since(start), Err: err}
	}
	req := d.byID(id)
	for n := 1; ; n++ {
		resp, err := list(ctx, req, o.ClientOptions...)
		if err != nil {
			if ctx.Err() != nil {
				return timeout(ctx.Err())
			}
			return zero, fmt.Errorf("computenest: waiting for %s %s: %w", kind, id, err)
		}
		items := d.items(resp)
		i := slices.IndexFunc(items, func(it Item) bool { return d.id(it) == id })
		if i < 0 {
			return zero, fmt.Errorf("computenest: waiting for %s %s: %w", kind, id, ErrNotFound)
		}
		item := items[i]
		status, detail, done, ended := d.state(item)
		lastStatus = status
		if o.OnPoll != nil {
			o.OnPoll(status)
		}
		if done {
			return item, nil
		}
		if ended {
			e := &WaitFailedError{Kind: kind, ID: id, Status: status, StatusDetail: detail}
			d.attach(e, item)
			return zero, e
		}
		if err := sleep(ctx, max(backoff.delay(n, nil), o.MinDelay)); err != nil {
			return timeout(err)
		}
	}
}
