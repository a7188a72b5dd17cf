package computenesttest_test

import (
	"context"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// demoNow is a fixed clock for the demo data, in the middle of a day.
var demoNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// demoBackups returns DemoData's backups alone.
func demoBackups(seed int64, n int, now time.Time) []*models.Backup {
	backups, _ := computenesttest.DemoData(seed, n, 0, now)
	return backups
}

func TestDemoData(t *testing.T) {
	backups, tasks := computenesttest.DemoData(42, 24, 12, demoNow)
	if b, x := computenesttest.DemoData(42, 24, 12, demoNow); !reflect.DeepEqual(backups, b) || !reflect.DeepEqual(tasks, x) {
		t.Fatal("the demo data differs for the same seed")
	}
	if reflect.DeepEqual(backups, demoBackups(43, 24, demoNow)) {
		t.Fatal("two seeds gave the same backups")
	}
	if b, x := computenesttest.DemoData(1, 0, -1, demoNow); b != nil || x != nil {
		t.Error("n <= 0 should give nil")
	}
	// The same all day (in any time zone).
	if later := demoNow.Add(8 * time.Hour).In(time.FixedZone("", -5*3600)); !reflect.DeepEqual(demoBackups(42, 24, later), backups) {
		t.Error("the data changed within the day")
	}
	// Another day: the same items, moved by whole days.
	tomorrow := demoBackups(42, 24, demoNow.Add(24*time.Hour))
	for i, b := range backups {
		t0, _ := b.StartTimeValue()
		t1, _ := tomorrow[i].StartTimeValue()
		if b.GetBackupId() != tomorrow[i].GetBackupId() || t1.Sub(t0) != 24*time.Hour {
			t.Fatalf("backup %d the next day: %s %s, was %s %s", i, tomorrow[i].GetBackupId(), t1, b.GetBackupId(), t0)
		}
	}
	// Dated back from the start of the day, 1 to 4 hours apart, the last
	// one a few hours before.
	day := computenesttest.DemoDay(demoNow)
	if !day.Equal(time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("DemoDay = %v", day)
	}
	var prev time.Time
	for i, b := range backups {
		created, err := models.ParseTime(b.GetCreateTime())
		if err != nil {
			t.Fatal(err)
		}
		if gap := created.Sub(prev); i > 0 && (gap < time.Hour || gap > 4*time.Hour) {
			t.Errorf("backup %d created %v after the one before", i, gap)
		}
		prev = created
		for _, v := range []string{b.GetCreateTime(), b.GetStartTime(), b.GetEndTime(), b.GetModifiedTime()} {
			if at, err := models.ParseTime(v); v != "" && (err != nil || !at.Before(day)) {
				t.Errorf("backup %d: time %s is not before %v", i, v, day)
			}
		}
	}
	if age := day.Sub(prev); age < 2*time.Hour || age > 4*time.Hour {
		t.Errorf("the last backup was created %v before the day began", age)
	}
	for i, x := range tasks {
		for _, v := range []string{x.GetCreateTime(), x.GetStartTime(), x.GetEndTime(), x.GetModifiedTime()} {
			if at, err := models.ParseTime(v); v != "" && (err != nil || !at.Before(day)) {
				t.Errorf("task %d: time %s is not before %v", i, v, day)
			}
		}
	}

	instances := computenesttest.DemoServiceInstances(42)
	if len(instances) < 3 || len(instances) > 5 {
		t.Errorf("%d service instances, want 3 to 5", len(instances))
	}
	siRE, backupRE, restoreRE := regexp.MustCompile(`^si-[0-9a-f]{20}$`), regexp.MustCompile(`^backup-[0-9a-f]{20}$`), regexp.MustCompile(`^restore-[0-9a-f]{20}$`)
	for _, si := range instances {
		if !siRE.MatchString(si) {
			t.Errorf("instance ID %q", si)
		}
	}

	statuses, modes := map[models.BackupStatus]bool{}, map[models.BackupMode]bool{}
	var zulu, offset, withRetention, withoutRetention int
	checkTime := func(what, v string) {
		switch {
		case v == "":
		case strings.HasSuffix(v, "Z"):
			zulu++
		case strings.HasSuffix(v, "+08:00"):
			offset++
		default:
			t.Errorf("%s %q is in neither form", what, v)
		}
		if v != "" {
			if _, err := models.ParseTime(v); err != nil {
				t.Error(err)
			}
		}
	}
	ids := map[string]bool{}
	for _, b := range backups {
		statuses[b.GetStatus()], modes[b.GetBackupMode()] = true, true
		if !backupRE.MatchString(b.GetBackupId()) || ids[b.GetBackupId()] || !strings.HasPrefix(b.GetServiceInstanceId(), "si-") {
			t.Errorf("backup IDs: %+v", b)
		}
		ids[b.GetBackupId()] = true
		if b.HasRetention() {
			withRetention++
		} else {
			withoutRetention++
		}
		if (b.EndTime == nil) != (b.GetStatus() == models.BackupStatusCreating) {
			t.Errorf("%s: EndTime %q with status %s", b.GetBackupId(), b.GetEndTime(), b.GetStatus())
		}
		if b.GetStatus().IsFailure() != (b.GetStatusDetail() != "") {
			t.Errorf("%s: StatusDetail %q with status %s", b.GetBackupId(), b.GetStatusDetail(), b.GetStatus())
		}
		for what, v := range map[string]string{"StartTime": b.GetStartTime(), "EndTime": b.GetEndTime(), "CreateTime": b.GetCreateTime(), "ModifiedTime": b.GetModifiedTime()} {
			checkTime(what, v)
		}
	}
	for _, s := range models.BackupStatuses() {
		if !statuses[s] {
			t.Errorf("no backup in status %s", s)
		}
	}
	for _, m := range models.BackupModes() {
		if !modes[m] {
			t.Errorf("no backup in mode %s", m)
		}
	}
	if withRetention == 0 || withoutRetention == 0 {
		t.Errorf("RetentionDays present %d, absent %d", withRetention, withoutRetention)
	}

	taskStatuses := map[models.RestoreTaskStatus]bool{}
	created := map[string]string{}
	for _, b := range backups {
		if b.GetStatus() == models.BackupStatusCreated {
			created[b.GetBackupId()] = b.GetServiceInstanceId()
		}
	}
	for _, x := range tasks {
		taskStatuses[x.GetStatus()] = true
		if !restoreRE.MatchString(x.GetRestoreTaskId()) {
			t.Errorf("restore task ID %q", x.GetRestoreTaskId())
		}
		if si, ok := created[x.GetBackupId()]; !ok || si != x.GetServiceInstanceId() {
			t.Errorf("%s restores %s into %s; want a Created backup of that instance", x.GetRestoreTaskId(), x.GetBackupId(), x.GetServiceInstanceId())
		}
		if (x.EndTime == nil) != (x.GetStatus() == models.RestoreTaskStatusRestoring) {
			t.Errorf("%s: EndTime %q with status %s", x.GetRestoreTaskId(), x.GetEndTime(), x.GetStatus())
		}
		for what, v := range map[string]string{"StartTime": x.GetStartTime(), "EndTime": x.GetEndTime(), "CreateTime": x.GetCreateTime(), "ModifiedTime": x.GetModifiedTime()} {
			checkTime(what, v)
		}
	}
	for _, s := range models.RestoreTaskStatuses() {
		if !taskStatuses[s] {
			t.Errorf("no restore task in status %s", s)
		}
	}
	if zulu == 0 || offset == 0 {
		t.Errorf("times: %d with Z, %d with +08:00", zulu, offset)
	}

	// Without backups, restore tasks still name plausible ones.
	_, standalone := computenesttest.DemoData(42, 0, 3, demoNow)
	for _, x := range standalone {
		if !backupRE.MatchString(x.GetBackupId()) || !strings.HasPrefix(x.GetServiceInstanceId(), "si-") {
			t.Errorf("standalone task %+v", x)
		}
	}
}

func TestWithDemoData(t *testing.T) {
	clock := func() time.Time { return demoNow }
	srv := newFake(t, computenesttest.WithDemoData(8, 30, 9), computenesttest.WithClock(clock))
	backups, tasks := computenesttest.DemoData(8, 30, 9, demoNow)
	if !reflect.DeepEqual(srv.Backups().All(), backups) {
		t.Error("backups differ from DemoData")
	}
	if !reflect.DeepEqual(srv.RestoreTasks().All(), tasks) {
		t.Error("restore tasks differ from DemoData")
	}
	// Fewer than six backups: no Created one (the cycle starts elsewhere)
	// or just one; the tasks restore what there is, as DemoData's do.
	for n := range 7 {
		srv := newFake(t, computenesttest.WithDemoData(3, n, 5), computenesttest.WithClock(clock))
		_, want := computenesttest.DemoData(3, n, 5, demoNow)
		if got := srv.RestoreTasks().All(); !reflect.DeepEqual(got, want) {
			t.Errorf("%d backups: the tasks differ from DemoData", n)
		}
	}
}

// TestLazyDemoStore: the demo items, made on demand, behave as stored
// ones: found by ID, replaced and updated in place, removed.
func TestLazyDemoStore(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(4, 20, 6))
	s := srv.Backups()
	all := s.All()
	id := all[7].GetBackupId()
	if b, ok := s.Get(id); !ok || !reflect.DeepEqual(b, all[7]) {
		t.Fatalf("Get(%s) = %+v, %v", id, b, ok)
	}
	for _, bad := range []string{"backup-" + strings.Repeat("0", 20), id[:len(id)-1] + "x", id + "0", "restore-" + id[7:],
		id[:len(id)-4] + "ffff"} {
		if bad == id {
			continue
		}
		if _, ok := s.Get(bad); ok {
			t.Errorf("Get(%q) found an item", bad)
		}
	}
	if _, ok := srv.RestoreTasks().Get(srv.RestoreTasks().All()[2].GetRestoreTaskId()); !ok {
		t.Error("restore task not found by ID")
	}

	if !s.Update(id, func(b *models.Backup) { b.SetStatus(models.BackupStatusDeleted) }) {
		t.Fatal("Update of a demo item reported false")
	}
	s.Add(new(models.Backup).SetBackupId(all[3].GetBackupId()).SetDescription("replaced"))
	if !s.Remove(all[5].GetBackupId()) || s.Remove(all[5].GetBackupId()) {
		t.Fatal("Remove should report true once")
	}
	s.Add(new(models.Backup).SetBackupId("mine"))
	got := s.All()
	if len(got) != 20 || s.Len() != 20 {
		t.Fatalf("%d items (Len %d), want 20", len(got), s.Len())
	}
	if got[6].GetBackupId() != id || got[6].GetStatus() != models.BackupStatusDeleted ||
		got[3].GetDescription() != "replaced" || got[19].GetBackupId() != "mine" || got[5].GetBackupId() != all[6].GetBackupId() {
		t.Errorf("after changes: %v", backupIDs(got))
	}
	// A listing sees the same.
	listed, _ := listAllBackups(t, newClient(t, srv), new(models.ListBackupsRequest).SetMaxResults(3))
	if !reflect.DeepEqual(listed, got) {
		t.Errorf("listed %v\nwant %v", backupIDs(listed), backupIDs(got))
	}
	s.Clear()
	if s.Len() != 0 || len(s.All()) != 0 {
		t.Error("Clear left demo items")
	}
	if _, ok := s.Get(all[0].GetBackupId()); ok {
		t.Error("a demo item is found after Clear")
	}
}

// TestDemoDataIsRecent: a "since 7 days ago" filter finds demo items, the
// filter a newcomer tries first.
func TestDemoDataIsRecent(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(1, 137, 42))
	since := time.Now().Add(-7 * 24 * time.Hour)
	c := newClient(t, srv)
	backups, _ := listAllBackups(t, c, new(models.ListBackupsRequest).FilterByStartTime(since))
	tasks, _ := listAllRestoreTasks(t, c, new(models.ListRestoreTasksRequest).FilterByStartTime(since))
	if len(backups) == 0 || len(backups) == 137 || len(tasks) == 0 {
		t.Errorf("since %s: %d of 137 backups, %d of 42 tasks", since, len(backups), len(tasks))
	}
}

// TestCloseStopsALongListing: Close does not wait for a filtered listing
// of millions of items to finish judging them.
func TestCloseStopsALongListing(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(1, 5_000_000, 0))
	done := make(chan struct{})
	go func() {
		defer close(done)
		req := new(models.ListBackupsRequest).FilterByStatus(models.BackupStatusDeleted)
		newClient(t, srv).ListBackups(context.Background(), req) //nolint:errcheck // cut off by Close
	}()
	time.Sleep(200 * time.Millisecond) // the listing is judging items by now
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close waited for a filtered listing of 5,000,000 items")
	}
	<-done
}

// TestFilteredPagesReuseMatches: the pages of a filtered listing see the
// store as it is, also when it changes between pages (the kept matches are
// dropped then).
func TestFilteredPagesReuseMatches(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(6, 60, 0))
	c := newClient(t, srv)
	req := new(models.ListBackupsRequest).SetMaxResults(3).FilterByStatus(models.BackupStatusCreated)
	first, err := c.ListBackups(context.Background(), req)
	if err != nil || first.GetTotalCount() != 10 {
		t.Fatalf("first page: %v %v", first, err)
	}
	// One Created backup later in the listing is no longer Created.
	all := srv.Backups().All()
	var later string
	for _, b := range all[30:] {
		if b.GetStatus() == models.BackupStatusCreated {
			later = b.GetBackupId()
			break
		}
	}
	srv.Backups().Update(later, func(b *models.Backup) { b.SetStatus(models.BackupStatusDeleted) })
	rest, _ := listAllBackups(t, c, req.Clone().SetNextToken(first.GetNextToken()))
	if len(rest) != 6 || slices.Contains(backupIDs(rest), later) {
		t.Errorf("after the change: %v (changed %s)", backupIDs(rest), later)
	}
}

// TestLazyListingIsASnapshot: an unfiltered listing of lazy demo items
// pages through them as of its first page: an item added meanwhile is not
// in it, one removed meanwhile is left out, and TotalCount counts the
// snapshot.
func TestLazyListingIsASnapshot(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(5, 12, 0))
	s := srv.Backups()
	all := s.All()
	s.Remove(all[1].GetBackupId()) // removed before the listing
	c := newClient(t, srv)
	ctx := context.Background()

	first, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(4))
	if err != nil {
		t.Fatal(err)
	}
	if first.GetTotalCount() != 11 || len(first.Backups) != 4 || first.GetNextToken() == "" {
		t.Fatalf("first page: TotalCount %d, %d items, NextToken %q; want 11, 4 and a token",
			first.GetTotalCount(), len(first.Backups), first.GetNextToken())
	}
	s.Add(new(models.Backup).SetBackupId("added-later"))
	s.Remove(all[9].GetBackupId()) // not listed yet

	listed := first.Backups
	for token := first.GetNextToken(); token != ""; {
		page, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(4).SetNextToken(token))
		if err != nil {
			t.Fatal(err)
		}
		listed, token = append(listed, page.Backups...), page.GetNextToken()
	}
	want := slices.Concat(all[:1], all[2:9], all[10:])
	if !reflect.DeepEqual(backupIDs(listed), backupIDs(want)) {
		t.Errorf("listed %v\nwant %v", backupIDs(listed), backupIDs(want))
	}
}
