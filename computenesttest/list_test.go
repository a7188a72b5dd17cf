package computenesttest_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

func backup(id, si string, status models.BackupStatus, start, end string) *models.Backup {
	b := new(models.Backup).SetBackupId(id).SetServiceInstanceId(si).SetStatus(status).SetStartTime(start)
	if end != "" {
		b.SetEndTime(end)
	}
	return b
}

func task(id, si string, status models.RestoreTaskStatus, start, end string) *models.RestoreTask {
	t := new(models.RestoreTask).SetRestoreTaskId(id).SetServiceInstanceId(si).SetStatus(status).
		SetBackupId("backup-of-" + id).SetStartTime(start)
	if end != "" {
		t.SetEndTime(end)
	}
	return t
}

// Hand-made items whose times mix offsets: b2 starts at 01:30Z written as
// +08:00, b3 is still being created and has no EndTime.
var handBackups = []*models.Backup{
	backup("b1", "si-a", models.BackupStatusCreated, "2025-01-01T00:00:00Z", "2025-01-01T01:00:00Z"),
	backup("b2", "si-a", models.BackupStatusCreateFailed, "2025-01-01T09:30:00+08:00", "2025-01-01T10:00:00+08:00"),
	backup("b3", "si-b", models.BackupStatusCreating, "2025-01-01T03:00:00Z", ""),
	backup("b4", "si-b", models.BackupStatusCreated, "2025-01-02T00:00:00+08:00", "2025-01-02T01:00:00+08:00"),
	backup("b5", "si-c", models.BackupStatusDeleted, "2024-12-31T23:00:00Z", "2025-01-01T00:30:00Z"),
}

var handTasks = []*models.RestoreTask{
	task("r1", "si-a", models.RestoreTaskStatusRestored, "2025-01-01T00:00:00Z", "2025-01-01T01:00:00Z"),
	task("r2", "si-a", models.RestoreTaskStatusRestoreFailed, "2025-01-01T09:30:00+08:00", "2025-01-01T10:00:00+08:00"),
	task("r3", "si-b", models.RestoreTaskStatusRestoring, "2025-01-01T03:00:00Z", ""),
	task("r4", "si-c", models.RestoreTaskStatusRestored, "2025-01-02T00:00:00+08:00", "2025-01-02T01:00:00+08:00"),
}

// bf and rf write out a filter of each action by its raw name.
func bf(name string, values ...string) *models.BackupFilter {
	return &models.BackupFilter{Name: &name, Value: values}
}

func rf(name string, values ...string) *models.RestoreTaskFilter {
	return &models.RestoreTaskFilter{Name: &name, Value: values}
}

func TestFiltersByExample(t *testing.T) {
	srv := newFake(t)
	srv.Backups().Add(handBackups...)
	srv.RestoreTasks().Add(handTasks...)
	c := newClient(t, srv)
	backupCases := []struct {
		name    string
		filters []*models.BackupFilter
		want    []string
	}{
		{"none", nil, []string{"b1", "b2", "b3", "b4", "b5"}},
		{"one ID", []*models.BackupFilter{bf("BackupId", "b2")}, []string{"b2"}},
		{"IDs are ORed, listed in store order", []*models.BackupFilter{bf("BackupId", "b4", "b2")}, []string{"b2", "b4"}},
		{"unknown ID", []*models.BackupFilter{bf("BackupId", "nope")}, nil},
		{"ID is case-sensitive", []*models.BackupFilter{bf("BackupId", "B1")}, nil},
		{"instance", []*models.BackupFilter{bf("ServiceInstanceId", "si-a")}, []string{"b1", "b2"}},
		{"instances", []*models.BackupFilter{bf("ServiceInstanceId", "si-a", "si-c")}, []string{"b1", "b2", "b5"}},
		{"status", []*models.BackupFilter{bf("Status", "Created")}, []string{"b1", "b4"}},
		{"statuses", []*models.BackupFilter{bf("Status", "Created", "Creating")}, []string{"b1", "b3", "b4"}},
		{"start at or after, boundary included", []*models.BackupFilter{bf("StartTime", "2025-01-01T01:30:00Z")}, []string{"b2", "b3", "b4"}},
		{"start bound in +08:00 is the same instant", []*models.BackupFilter{bf("StartTime", "2025-01-01T09:30:00+08:00")}, []string{"b2", "b3", "b4"}},
		{"start values ORed", []*models.BackupFilter{bf("StartTime", "2025-01-01T16:00:00Z", "2025-01-01T02:00:00Z")}, []string{"b3", "b4"}},
		{"end at or before, boundary included, no end never matches", []*models.BackupFilter{bf("EndTime", "2025-01-01T02:00:00Z")}, []string{"b1", "b2", "b5"}},
		{"end values ORed", []*models.BackupFilter{bf("EndTime", "2025-01-01T00:30:00Z", "2025-01-01T01:00:00Z")}, []string{"b1", "b5"}},
		{"time window", []*models.BackupFilter{bf("StartTime", "2025-01-01T00:00:00Z"), bf("EndTime", "2025-01-01T02:00:00Z")}, []string{"b1", "b2"}},
		{"instance and status", []*models.BackupFilter{bf("ServiceInstanceId", "si-a"), bf("Status", "Created")}, []string{"b1"}},
		{"three filters", []*models.BackupFilter{bf("ServiceInstanceId", "si-b"), bf("Status", "Created", "Creating"), bf("StartTime", "2025-01-01T04:00:00Z")}, []string{"b4"}},
		{"all five", []*models.BackupFilter{bf("BackupId", "b1", "b4"), bf("ServiceInstanceId", "si-a", "si-b"), bf("Status", "Created"),
			bf("StartTime", "2025-01-01T00:00:00Z"), bf("EndTime", "2025-01-01T17:00:00Z")}, []string{"b1", "b4"}},
		{"a name twice must hold twice", []*models.BackupFilter{bf("Status", "Created"), bf("Status", "Deleted")}, nil},
	}
	for _, tt := range backupCases {
		t.Run("ListBackups/"+tt.name, func(t *testing.T) {
			for _, size := range []int32{1, 100} {
				got, pages := listAllBackups(t, c, new(models.ListBackupsRequest).SetMaxResults(size).SetFilter(tt.filters...))
				if ids := backupIDs(got); !slices.Equal(ids, tt.want) {
					t.Errorf("page size %d: got %v, want %v", size, ids, tt.want)
				}
				for _, p := range pages {
					if int(p.GetTotalCount()) != len(tt.want) || p.GetMaxResults() != size {
						t.Errorf("page size %d: TotalCount %d MaxResults %d, want %d %d", size, p.GetTotalCount(), p.GetMaxResults(), len(tt.want), size)
					}
				}
			}
		})
	}

	taskCases := []struct {
		name    string
		filters []*models.RestoreTaskFilter
		want    []string
	}{
		{"none", nil, []string{"r1", "r2", "r3", "r4"}},
		{"IDs", []*models.RestoreTaskFilter{rf("RestoreTaskId", "r3", "r1")}, []string{"r1", "r3"}},
		{"instance", []*models.RestoreTaskFilter{rf("ServiceInstanceId", "si-a")}, []string{"r1", "r2"}},
		{"status", []*models.RestoreTaskFilter{rf("Status", "Restored")}, []string{"r1", "r4"}},
		{"statuses", []*models.RestoreTaskFilter{rf("Status", "Restoring", "RestoreFailed")}, []string{"r2", "r3"}},
		{"start", []*models.RestoreTaskFilter{rf("StartTime", "2025-01-01T09:30:00+08:00")}, []string{"r2", "r3", "r4"}},
		{"end", []*models.RestoreTaskFilter{rf("EndTime", "2025-01-01T02:00:00Z")}, []string{"r1", "r2"}},
		{"window", []*models.RestoreTaskFilter{rf("StartTime", "2025-01-01T01:00:00Z"), rf("EndTime", "2025-01-02T00:00:00Z")}, []string{"r2", "r4"}},
		{"instance and status", []*models.RestoreTaskFilter{rf("ServiceInstanceId", "si-a", "si-b"), rf("Status", "Restoring", "Restored")}, []string{"r1", "r3"}},
		{"all five", []*models.RestoreTaskFilter{rf("RestoreTaskId", "r1", "r2", "r4"), rf("ServiceInstanceId", "si-a", "si-c"), rf("Status", "Restored", "RestoreFailed"),
			rf("StartTime", "2025-01-01T01:00:00Z"), rf("EndTime", "2025-01-02T01:00:00Z")}, []string{"r2", "r4"}},
	}
	for _, tt := range taskCases {
		t.Run("ListRestoreTasks/"+tt.name, func(t *testing.T) {
			for _, size := range []int32{1, 100} {
				got, pages := listAllRestoreTasks(t, c, new(models.ListRestoreTasksRequest).SetMaxResults(size).SetFilter(tt.filters...))
				if ids := taskIDs(got); !slices.Equal(ids, tt.want) {
					t.Errorf("page size %d: got %v, want %v", size, ids, tt.want)
				}
				if p := pages[0]; int(p.GetTotalCount()) != len(tt.want) {
					t.Errorf("TotalCount %d, want %d", p.GetTotalCount(), len(tt.want))
				}
			}
		})
	}
}

// reference is the filter semantics written out plainly, to check the
// fake over every combination of filters on the demo data.
func reference[F interface {
	GetName() string
	GetValue() []string
}](field func(name string) string, filters []F) bool {
	for _, f := range filters {
		v := field(f.GetName())
		ok := false
		for _, want := range f.GetValue() {
			switch f.GetName() {
			case "StartTime", "EndTime":
				if v == "" {
					continue
				}
				got, _ := models.ParseTime(v)
				bound, _ := models.ParseTime(want)
				ok = ok || (f.GetName() == "StartTime" && got.Unix() >= bound.Unix()) || (f.GetName() == "EndTime" && got.Unix() <= bound.Unix())
			default:
				ok = ok || v == want
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// TestEveryFilterCombination lists with every subset of the five filters
// of each action (with two values each), at page sizes 1 and 100, and
// compares item by item with the store filtered by reference.
func TestEveryFilterCombination(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(7, 60, 30))
	c := newClient(t, srv)
	backups, tasks := srv.Backups().All(), srv.RestoreTasks().All()
	si := computenesttest.DemoServiceInstances(7)
	backupFilters := new(models.ListBackupsRequest).
		FilterByBackupId(backups[3].GetBackupId(), backups[10].GetBackupId(), backups[20].GetBackupId(), backups[41].GetBackupId()).
		FilterByServiceInstanceId(si[0], si[1]).
		FilterByStatus(models.BackupStatusCreated, models.BackupStatusCreating).
		AddFilter(bf("StartTime", backups[15].GetStartTime())).
		AddFilter(bf("EndTime", backups[31].GetEndTime(), backups[45].GetEndTime())). // neither is Creating: both have an EndTime
		Filter
	taskFilters := new(models.ListRestoreTasksRequest).
		FilterByRestoreTaskId(tasks[1].GetRestoreTaskId(), tasks[8].GetRestoreTaskId(), tasks[17].GetRestoreTaskId(), tasks[25].GetRestoreTaskId()).
		FilterByServiceInstanceId(si[0], si[2]).
		FilterByStatus(models.RestoreTaskStatusRestored, models.RestoreTaskStatusRestoring).
		AddFilter(rf("StartTime", tasks[5].GetStartTime())).
		AddFilter(rf("EndTime", tasks[22].GetEndTime(), tasks[26].GetEndTime())).
		Filter
	backupField := func(b *models.Backup) func(string) string {
		return func(name string) string {
			return map[string]string{"BackupId": b.GetBackupId(), "ServiceInstanceId": b.GetServiceInstanceId(),
				"Status": string(b.GetStatus()), "StartTime": b.GetStartTime(), "EndTime": b.GetEndTime()}[name]
		}
	}
	taskField := func(x *models.RestoreTask) func(string) string {
		return func(name string) string {
			return map[string]string{"RestoreTaskId": x.GetRestoreTaskId(), "ServiceInstanceId": x.GetServiceInstanceId(),
				"Status": string(x.GetStatus()), "StartTime": x.GetStartTime(), "EndTime": x.GetEndTime()}[name]
		}
	}
	nonEmpty := 0
	for mask := range 1 << 5 {
		var bfs []*models.BackupFilter
		var tfs []*models.RestoreTaskFilter
		for i := range 5 {
			if mask&(1<<i) != 0 {
				bfs, tfs = append(bfs, backupFilters[i]), append(tfs, taskFilters[i])
			}
		}
		var wantB []*models.Backup
		for _, b := range backups {
			if reference(backupField(b), bfs) {
				wantB = append(wantB, b)
			}
		}
		var wantT []*models.RestoreTask
		for _, x := range tasks {
			if reference(taskField(x), tfs) {
				wantT = append(wantT, x)
			}
		}
		if len(wantB) > 0 && len(wantT) > 0 {
			nonEmpty++
		}
		for _, size := range []int32{1, 100} {
			gotB, _ := listAllBackups(t, c, new(models.ListBackupsRequest).SetMaxResults(size).SetFilter(bfs...))
			if !reflect.DeepEqual(gotB, wantB) {
				t.Errorf("ListBackups mask %05b size %d: got %v, want %v", mask, size, backupIDs(gotB), backupIDs(wantB))
			}
			gotT, _ := listAllRestoreTasks(t, c, new(models.ListRestoreTasksRequest).SetMaxResults(size).SetFilter(tfs...))
			if !reflect.DeepEqual(gotT, wantT) {
				t.Errorf("ListRestoreTasks mask %05b size %d: got %v, want %v", mask, size, taskIDs(gotT), taskIDs(wantT))
			}
		}
	}
	if nonEmpty < 8 {
		t.Errorf("only %d combinations select anything; the test data is too thin", nonEmpty)
	}
}

func TestPageSizes(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(3, 250, 45))
	c := newClient(t, srv)
	ctx := context.Background()

	first, err := c.ListBackups(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.GetBackups()) != 20 || first.GetMaxResults() != 20 || first.GetTotalCount() != 250 || first.GetNextToken() == "" {
		t.Errorf("default page: %d items, MaxResults %d, TotalCount %d", len(first.GetBackups()), first.GetMaxResults(), first.GetTotalCount())
	}
	if first.GetRequestId() == "" {
		t.Error("no RequestId")
	}

	for _, size := range []int32{1, 7, 100} {
		srv.ResetRequests()
		got, pages := listAllBackups(t, c, new(models.ListBackupsRequest).SetMaxResults(size))
		if !reflect.DeepEqual(got, srv.Backups().All()) {
			t.Fatalf("page size %d: the listing differs from the store", size)
		}
		wantPages := (250 + int(size) - 1) / int(size)
		if len(pages) != wantPages || len(srv.Requests()) != wantPages {
			t.Errorf("page size %d: %d pages, %d requests, want %d", size, len(pages), len(srv.Requests()), wantPages)
		}
		ids := map[string]bool{}
		for i, p := range pages {
			if p.GetTotalCount() != 250 || p.GetMaxResults() != size || ids[p.GetRequestId()] {
				t.Errorf("page %d: TotalCount %d MaxResults %d RequestId %s", i, p.GetTotalCount(), p.GetMaxResults(), p.GetRequestId())
			}
			ids[p.GetRequestId()] = true
			if last := i == len(pages)-1; last != (p.NextToken == nil) {
				t.Errorf("page %d of %d: NextToken %v", i+1, len(pages), p.NextToken)
			}
		}
	}
	tasks, _ := listAllRestoreTasks(t, c, new(models.ListRestoreTasksRequest).SetMaxResults(1))
	if !reflect.DeepEqual(tasks, srv.RestoreTasks().All()) {
		t.Error("restore tasks at page size 1 differ from the store")
	}

	// The page size may change between pages of one listing.
	p1, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(3))
	if err != nil {
		t.Fatal(err)
	}
	p2, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(5).SetNextToken(p1.GetNextToken()))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := backupIDs(p2.GetBackups()), backupIDs(srv.Backups().All()[3:8]); !slices.Equal(got, want) {
		t.Errorf("page after resizing: %v, want %v", got, want)
	}
}

// TestLargeListingWithChanges lists 1,200 backups while the test adds,
// removes and updates items between pages: every item that existed when
// the listing began and was not removed before it was reached comes
// exactly once, in store order, with its values as of when it was listed;
// added items wait for the next listing.
func TestLargeListingWithChanges(t *testing.T) {
	const n = 1200
	srv := newFake(t, computenesttest.WithDemoData(11, n, 0))
	c := newClient(t, srv)
	store := srv.Backups()
	before := store.All()
	for _, size := range []int32{1, 100} {
		if got, _ := listAllBackups(t, c, new(models.ListBackupsRequest).SetMaxResults(size)); !reflect.DeepEqual(got, before) {
			t.Fatalf("page size %d: the listing of %d backups differs from the store", size, n)
		}
	}

	var got []*models.Backup
	req := new(models.ListBackupsRequest).SetMaxResults(50)
	removed := map[string]bool{}
	added := 0
	for page := 1; ; page++ {
		resp, err := c.ListBackups(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, resp.GetBackups()...)
		if resp.GetNextToken() == "" {
			break
		}
		req.SetNextToken(resp.GetNextToken())
		switch page {
		case 3, 10, 20:
			more := demoBackups(int64(1000+page), 40, time.Now())
			store.Add(more...)
			added += len(more)
			for _, i := range []int{page*50 - 10, page*50 + 30, page*50 + 150} { // one listed, two not yet
				if store.Remove(before[i].GetBackupId()) {
					removed[before[i].GetBackupId()] = i >= page*50
				}
			}
			for _, i := range []int{page*50 + 5, page*50 + 120} {
				store.Update(before[i].GetBackupId(), func(b *models.Backup) { b.SetDescription(fmt.Sprintf("updated at page %d", page)) })
			}
		}
	}

	var want []*models.Backup
	current := map[string]*models.Backup{}
	for _, b := range store.All() {
		current[b.GetBackupId()] = b
	}
	for i, b := range before {
		id := b.GetBackupId()
		if removed[id] { // removed before the listing reached it
			continue
		}
		if cur, ok := current[id]; ok && i >= 3*50 {
			want = append(want, cur) // reached after any update
		} else {
			want = append(want, b)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("listed %d backups, want %d", len(got), len(want))
	}
	seen := map[string]bool{}
	for i := range got {
		if seen[got[i].GetBackupId()] {
			t.Fatalf("backup %s listed twice", got[i].GetBackupId())
		}
		seen[got[i].GetBackupId()] = true
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("item %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	updated := 0
	for _, b := range got {
		if strings.HasPrefix(b.GetDescription(), "updated") {
			updated++
		}
	}
	if updated != 6 {
		t.Errorf("%d updated items listed with their new values, want 6", updated)
	}

	// A new listing sees the store as it is now, the added items last.
	all, pages := listAllBackups(t, c, new(models.ListBackupsRequest).SetMaxResults(100))
	if !reflect.DeepEqual(all, store.All()) || len(all) != n+added-len(removed) {
		t.Errorf("second listing: %d items, store has %d", len(all), store.Len())
	}
	if pages[0].GetTotalCount() != int32(store.Len()) {
		t.Errorf("TotalCount %d, store has %d", pages[0].GetTotalCount(), store.Len())
	}
}

func TestConcurrentListingsAndWrites(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(5, 300, 100))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			b := demoBackups(int64(i+100), 1, time.Now())[0]
			srv.Backups().Add(b)
			srv.Backups().Update(b.GetBackupId(), func(b *models.Backup) { b.SetDescription("x") })
			if i%2 == 0 {
				srv.Backups().Remove(b.GetBackupId())
			}
		}
	}()
	errs := make(chan error, 4)
	for range 4 {
		// One client per goroutine: a shared client.Client trips the race
		// detector inside darabonba-openapi (Client.GetRpcHeaders writes
		// the client's Headers field on every call).
		c := newClient(t, srv)
		go func() {
			seen := map[string]bool{}
			req := new(models.ListBackupsRequest).SetMaxResults(13)
			for {
				resp, err := c.ListBackups(context.Background(), req)
				if err != nil {
					errs <- err
					return
				}
				for _, b := range resp.GetBackups() {
					if seen[b.GetBackupId()] {
						errs <- fmt.Errorf("%s listed twice", b.GetBackupId())
						return
					}
					seen[b.GetBackupId()] = true
				}
				if resp.GetNextToken() == "" {
					errs <- nil
					return
				}
				req.SetNextToken(resp.GetNextToken())
			}
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	<-done
}

func TestInvalidParameters(t *testing.T) {
	srv := newFake(t)
	tests := []struct {
		name  string
		query url.Values
		code  string
		in    string // a substring of the message
	}{
		{"MaxResults 0", url.Values{"MaxResults": {"0"}}, "InvalidParameter", "MaxResults"},
		{"MaxResults 101", url.Values{"MaxResults": {"101"}}, "InvalidParameter", "1 to 100"},
		{"MaxResults negative", url.Values{"MaxResults": {"-1"}}, "InvalidParameter", "MaxResults"},
		{"MaxResults not a number", url.Values{"MaxResults": {"ten"}}, "InvalidParameter", "MaxResults"},
		{"MaxResults fractional", url.Values{"MaxResults": {"2.5"}}, "InvalidParameter", "MaxResults"},
		{"MaxResults empty", url.Values{"MaxResults": {""}}, "InvalidParameter", "MaxResults"},
		{"MaxResults twice", url.Values{"MaxResults": {"5", "6"}}, "InvalidParameter", "more than once"},
		{"filter index skips", url.Values{"Filter.2.Name": {"Status"}, "Filter.2.Value.1": {"Created"}}, "InvalidParameter", "Filter.1"},
		{"filter index not a number", url.Values{"Filter.x.Name": {"Status"}}, "InvalidParameter", "Filter.x.Name"},
		{"filter index zero", url.Values{"Filter.0.Name": {"Status"}, "Filter.0.Value.1": {"Created"}}, "InvalidParameter", "Filter.0"},
		{"filter index leading zero", url.Values{"Filter.01.Name": {"Status"}}, "InvalidParameter", "Filter.01"},
		{"unknown filter field", url.Values{"Filter.1.Name": {"Status"}, "Filter.1.Values.1": {"x"}}, "InvalidParameter", "Filter.1.Values.1"},
		{"value index skips", url.Values{"Filter.1.Name": {"Status"}, "Filter.1.Value.2": {"Created"}}, "InvalidParameter", "Filter.1.Value.1"},
		{"unknown filter name", url.Values{"Filter.1.Name": {"BackupMode"}, "Filter.1.Value.1": {"Manual"}}, "InvalidParameter",
			"allowed: BackupId, ServiceInstanceId, Status, StartTime, EndTime"},
		{"other action's filter", url.Values{"Filter.1.Name": {"RestoreTaskId"}, "Filter.1.Value.1": {"r"}}, "InvalidParameter", "RestoreTaskId"},
		{"filter name case", url.Values{"Filter.1.Name": {"status"}, "Filter.1.Value.1": {"Created"}}, "InvalidParameter", "status"},
		{"filter without values", url.Values{"Filter.1.Name": {"Status"}}, "MissingParameter", "Filter.1.Value.1"},
		{"filter without name", url.Values{"Filter.1.Value.1": {"Created"}}, "MissingParameter", "Filter.1.Name"},
		{"empty value", url.Values{"Filter.1.Name": {"Status"}, "Filter.1.Value.1": {""}}, "InvalidParameter", "empty"},
		{"bad time", url.Values{"Filter.1.Name": {"StartTime"}, "Filter.1.Value.1": {"2025-01-01 00:00:00"}}, "InvalidParameter", "RFC 3339"},
		{"flat Filter", url.Values{"Filter": {`[{"Name":"Status"}]`}}, "InvalidParameter", "Filter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := rawCall{query: tt.query}.do(t, srv)
			doc := res.errorDoc(t)
			if res.status != 400 || doc.Code != tt.code || !strings.Contains(doc.Message, tt.in) {
				t.Errorf("got %d %+v, want 400 %s mentioning %q", res.status, doc, tt.code, tt.in)
			}
		})
	}
	// Parameters the fake does not know, which some clients add, are
	// ignored as the service ignores them.
	if res := (rawCall{query: url.Values{"RegionId": {"cn-hangzhou"}, "Format": {"JSON"}}}).do(t, srv); res.status != 200 {
		t.Errorf("extra common parameters: %d %s", res.status, res.body)
	}
	// ListRestoreTasks names its own filters.
	res := rawCall{action: "ListRestoreTasks", query: url.Values{"Filter.1.Name": {"BackupId"}, "Filter.1.Value.1": {"b"}}}.do(t, srv)
	if doc := res.errorDoc(t); !strings.Contains(doc.Message, "allowed: RestoreTaskId, ServiceInstanceId, Status, StartTime, EndTime") {
		t.Errorf("ListRestoreTasks unknown filter: %+v", doc)
	}
}

func TestNextTokens(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(9, 30, 30))
	c := newClient(t, srv)
	ctx := context.Background()
	byStatus := new(models.ListBackupsRequest).FilterByStatus(models.BackupStatusCreated, models.BackupStatusCreating).Filter[0]
	first, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(2).AddFilter(byStatus))
	if err != nil {
		t.Fatal(err)
	}
	token := first.GetNextToken()
	raw, err := base64.StdEncoding.DecodeString(token)
	if err != nil {
		t.Fatalf("token %q is not base64: %v", token, err)
	}
	flipped := slices.Clone(raw)
	flipped[3] ^= 1

	invalid := map[string]string{
		"garbage":        "not a token",
		"forged base64":  base64.StdEncoding.EncodeToString(make([]byte, len(raw))),
		"one bit flip":   base64.StdEncoding.EncodeToString(flipped),
		"truncated":      token[:len(token)-8],
		"from elsewhere": otherServerToken(t),
	}
	for name, tok := range invalid {
		_, err := c.ListBackups(ctx, new(models.ListBackupsRequest).AddFilter(byStatus).SetNextToken(tok))
		if e := apiError(t, err, 400, "InvalidParameter"); e.Message != "The specified NextToken is invalid." {
			t.Errorf("%s: message %q", name, e.Message)
		}
	}
	reuse := map[string]func() error{
		"without its filter": func() error {
			_, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetNextToken(token))
			return err
		},
		"with other values": func() error {
			_, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetNextToken(token).FilterByStatus(models.BackupStatusCreated))
			return err
		},
		"with a filter more": func() error {
			_, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetNextToken(token).AddFilter(byStatus).FilterByServiceInstanceId("si-x"))
			return err
		},
		"on the other action": func() error {
			_, err := c.ListRestoreTasks(ctx, new(models.ListRestoreTasksRequest).SetNextToken(token).FilterByStatus("Created", "Creating"))
			return err
		},
	}
	for name, call := range reuse {
		if e := apiError(t, call(), 400, "InvalidParameter"); !strings.Contains(e.Message, "NextToken is invalid") {
			t.Errorf("reuse %s: %q", name, e.Message)
		}
	}
	// The same filters in another order, with values reordered, are the
	// same listing.
	same := new(models.ListBackupsRequest).SetNextToken(token).SetMaxResults(2).
		FilterByStatus(models.BackupStatusCreating, models.BackupStatusCreated)
	if _, err := c.ListBackups(ctx, same); err != nil {
		t.Errorf("reordered values: %v", err)
	}
	// A token may be used again: it names a position, not a session.
	a, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(2).AddFilter(byStatus).SetNextToken(token))
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(2).AddFilter(byStatus).SetNextToken(token))
	if err != nil || !slices.Equal(backupIDs(a.GetBackups()), backupIDs(b.GetBackups())) {
		t.Errorf("the same token twice: %v %v %v", backupIDs(a.GetBackups()), backupIDs(b.GetBackups()), err)
	}
	if a.GetNextToken() == b.GetNextToken() {
		t.Error("two tokens issued for the same position are identical; they should be distinct")
	}
	// Faults are not spent on requests that fail their checks.
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle})
	if _, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetNextToken("bad")); err == nil {
		t.Fatal("bad token accepted")
	}
	if len(srv.Faults()) != 1 {
		t.Error("a rejected request used up a fault")
	}
}

// TestTokensExerciseEscaping checks that tokens carry the '+', '/' and '='
// that real tokens do, and that the SDK sends them back intact.
func TestTokensExerciseEscaping(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(1, 400, 0))
	c := newClient(t, srv)
	_, pages := listAllBackups(t, c, new(models.ListBackupsRequest).SetMaxResults(1))
	var special int
	for _, p := range pages {
		if strings.ContainsAny(p.GetNextToken(), "+/") {
			special++
		}
		if p.GetNextToken() != "" && !strings.HasSuffix(p.GetNextToken(), "=") {
			t.Fatalf("token %q has no padding", p.GetNextToken())
		}
	}
	if special < 100 {
		t.Errorf("only %d of %d tokens contain '+' or '/'", special, len(pages))
	}
	for i, r := range srv.Requests()[1:] {
		if r.Params.Get("NextToken") != pages[i].GetNextToken() {
			t.Fatalf("request %d sent NextToken %q, page %d answered %q", i+2, r.Params.Get("NextToken"), i+1, pages[i].GetNextToken())
		}
	}
}

func otherServerToken(t *testing.T) string {
	other := newFake(t, computenesttest.WithDemoData(9, 30, 0))
	resp, err := newClient(t, other).ListBackups(context.Background(), new(models.ListBackupsRequest).SetMaxResults(2).
		FilterByStatus(models.BackupStatusCreated, models.BackupStatusCreating))
	if err != nil {
		t.Fatal(err)
	}
	return resp.GetNextToken()
}

func TestEmptyStore(t *testing.T) {
	srv := newFake(t)
	resp, err := newClient(t, srv).ListRestoreTasks(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetTotalCount() != 0 || len(resp.GetRestoreTasks()) != 0 || resp.GetNextToken() != "" || resp.GetMaxResults() != 20 {
		t.Errorf("empty store: %+v", resp)
	}
	_ = time.Now
}

// TestEmptyPageIsAnEmptyArray checks the raw body: the service sends "[]"
// for a page without items, and clients may rely on the key being there.
func TestEmptyPageIsAnEmptyArray(t *testing.T) {
	c := newClient(t, newFake(t))
	if _, err := c.ListBackups(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	resp, err := c.ListRestoreTasks(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.RestoreTasks == nil || len(resp.RestoreTasks) != 0 {
		t.Errorf("RestoreTasks = %#v, want an empty non-nil slice decoded from []", resp.RestoreTasks)
	}
}
