package client

import (
	"fmt"

	"github.com/computenest-sdk/computenest-go/internal/wire"
	"github.com/computenest-sdk/computenest-go/models"
)

// action describes one list action: everything the call path, the pager,
// the shape check and the waiter need to know of it. A new list action is
// one more of these, its models, and a method on Client.
type action[Req listRequest[Req], Page any, Item comparable] struct {
	name string // the API action, e.g. "ListBackups"
	list string // the item list's JSON name, for the shape check
	kind string // what an item is, in a waiter's messages

	query     func(Req) []wire.Param
	items     func(*Page) []Item
	total     func(*Page) *int32
	nextToken func(*Page) string
	// withItems returns a shallow copy of the page holding items instead
	// of its own: the page the API returned is never changed.
	withItems func(*Page, []Item) *Page
	id        func(Item) string

	// byID is the request a waiter polls with.
	byID func(id string) Req
	// state reads an item for a waiter: its status and detail, whether it
	// is what the wait is for, and whether it can no longer change
	// (models' IsTerminal: statuses the SDK does not know count, so a
	// waiter never polls forever).
	state func(Item) (status, detail string, done, ended bool)
	// attach puts the item in a *WaitFailedError.
	attach func(*WaitFailedError, Item)
}

// listRequest is what the client needs of a list request: a deep copy,
// setters that return the request, and validation. Both models requests
// satisfy it with Req being their pointer type.
type listRequest[Req any] interface {
	comparable
	Clone() Req
	SetNextToken(string) Req
	SetMaxResults(int32) Req
	GetNextToken() string
	Validate() error
}

var listBackups = &action[*models.ListBackupsRequest, models.ListBackupsResponse, *models.Backup]{
	name: "ListBackups",
	list: "Backups",
	kind: "backup",
	query: func(r *models.ListBackupsRequest) []wire.Param {
		return wire.Query(r.GetMaxResults(), r.GetNextToken(), r.GetFilter())
	},
	items:     (*models.ListBackupsResponse).GetBackups,
	total:     func(p *models.ListBackupsResponse) *int32 { return p.TotalCount },
	nextToken: (*models.ListBackupsResponse).GetNextToken,
	withItems: func(p *models.ListBackupsResponse, items []*models.Backup) *models.ListBackupsResponse {
		page := *p
		page.Backups = items
		return &page
	},
	id: (*models.Backup).GetBackupId,
	byID: func(id string) *models.ListBackupsRequest {
		return new(models.ListBackupsRequest).FilterByBackupId(id)
	},
	state: func(b *models.Backup) (string, string, bool, bool) {
		s := b.GetStatus()
		return string(s), b.GetStatusDetail(), s == models.BackupStatusCreated, s.IsTerminal()
	},
	attach: func(e *WaitFailedError, b *models.Backup) { e.Backup = b },
}

var listRestoreTasks = &action[*models.ListRestoreTasksRequest, models.ListRestoreTasksResponse, *models.RestoreTask]{
	name: "ListRestoreTasks",
	list: "RestoreTasks",
	kind: "restore task",
	query: func(r *models.ListRestoreTasksRequest) []wire.Param {
		return wire.Query(r.GetMaxResults(), r.GetNextToken(), r.GetFilter())
	},
	items:     (*models.ListRestoreTasksResponse).GetRestoreTasks,
	total:     func(p *models.ListRestoreTasksResponse) *int32 { return p.TotalCount },
	nextToken: (*models.ListRestoreTasksResponse).GetNextToken,
	withItems: func(p *models.ListRestoreTasksResponse, items []*models.RestoreTask) *models.ListRestoreTasksResponse {
		page := *p
		page.RestoreTasks = items
		return &page
	},
	id: (*models.RestoreTask).GetRestoreTaskId,
	byID: func(id string) *models.ListRestoreTasksRequest {
		return new(models.ListRestoreTasksRequest).FilterByRestoreTaskId(id)
	},
	state: func(t *models.RestoreTask) (string, string, bool, bool) {
		s := t.GetStatus()
		return string(s), t.GetStatusDetail(), s == models.RestoreTaskStatusRestored, s.IsTerminal()
	},
	attach: func(e *WaitFailedError, t *models.RestoreTask) { e.RestoreTask = t },
}

// checkShape rejects a decoded success body whose meaning is not clear, so
// a listing is never silently short. Every other shape is accepted as
// decoded; unknown fields are ignored:
//
//   - neither the item list nor TotalCount (a body such as {}, null, or an
//     error document sent with a success status): not a list response;
//   - no item list (the key absent, or null) with TotalCount above zero
//     and no NextToken: the items are missing, and with no NextToken the
//     listing would end without them;
//   - a null entry in the item list: an item that is not there.
//
// An item list that is present but empty is accepted whatever TotalCount
// says (items can go away mid-listing; the paginator's empty-page guard
// stops an endless run of them), and so is an absent list with a
// NextToken: it is an empty page, and the listing goes on.
func (d *action[Req, Page, Item]) checkShape(p *Page) error {
	items, total := d.items(p), d.total(p)
	switch {
	case items == nil && total == nil:
		return fmt.Errorf("the body has neither a %s list nor a TotalCount: it is not a list response", d.list)
	case items == nil && *total > 0 && d.nextToken(p) == "":
		return fmt.Errorf("the response has TotalCount %d but no %s list and no NextToken: its items are missing", *total, d.list)
	}
	var null Item
	for i, it := range items {
		if it == null {
			return fmt.Errorf("%s[%d] is null", d.list, i)
		}
	}
	return nil
}
