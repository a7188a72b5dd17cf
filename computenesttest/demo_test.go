package computenesttest_test

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

func TestDemoData(t *testing.T) {
	backups := computenesttest.DemoBackups(42, 24)
	tasks := computenesttest.DemoRestoreTasks(42, 12, backups)
	if !reflect.DeepEqual(backups, computenesttest.DemoBackups(42, 24)) ||
		!reflect.DeepEqual(tasks, computenesttest.DemoRestoreTasks(42, 12, backups)) {
		t.Fatal("the demo data differs for the same seed")
	}
	if reflect.DeepEqual(backups, computenesttest.DemoBackups(43, 24)) {
		t.Fatal("two seeds gave the same backups")
	}
	if got := computenesttest.DemoBackups(42, 10); !reflect.DeepEqual(got, backups[:10]) {
		t.Error("a smaller n should give a prefix of the same data")
	}
	if computenesttest.DemoBackups(1, 0) != nil || computenesttest.DemoRestoreTasks(1, -1, nil) != nil {
		t.Error("n <= 0 should give nil")
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
	for _, x := range computenesttest.DemoRestoreTasks(42, 3, nil) {
		if !backupRE.MatchString(x.GetBackupId()) || !strings.HasPrefix(x.GetServiceInstanceId(), "si-") {
			t.Errorf("standalone task %+v", x)
		}
	}
}

func TestWithDemoData(t *testing.T) {
	srv := newFake(t, computenesttest.WithDemoData(8, 30, 9))
	if !reflect.DeepEqual(srv.Backups().All(), computenesttest.DemoBackups(8, 30)) {
		t.Error("backups differ from DemoBackups")
	}
	if !reflect.DeepEqual(srv.RestoreTasks().All(), computenesttest.DemoRestoreTasks(8, 9, computenesttest.DemoBackups(8, 30))) {
		t.Error("restore tasks differ from DemoRestoreTasks")
	}
}
