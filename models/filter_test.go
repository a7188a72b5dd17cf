package models

import (
	"slices"
	"testing"
	"time"
)

func TestNewFilter(t *testing.T) {
	values := []string{"si-1", "si-2"}
	f := NewFilter(FilterServiceInstanceId, values...)
	if f.GetName() != "ServiceInstanceId" || !slices.Equal(f.GetValue(), values) {
		t.Fatalf("NewFilter = %q %v", f.GetName(), f.GetValue())
	}
	// The caller's slice is copied.
	values[0] = "changed"
	if f.GetValue()[0] != "si-1" {
		t.Error("NewFilter kept a reference to the caller's slice")
	}
	if g := NewFilter("Status"); g.GetValue() != nil {
		t.Errorf("NewFilter without values: Value = %#v, want nil", g.GetValue())
	}
}

func TestFilterConstructors(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	for _, c := range []struct {
		f      *Filter
		name   string
		values []string
	}{
		{FilterByServiceInstanceId("si-1", "si-2"), "ServiceInstanceId", []string{"si-1", "si-2"}},
		{FilterByBackupId("backup-1"), "BackupId", []string{"backup-1"}},
		{FilterByRestoreTaskId("restore-1"), "RestoreTaskId", []string{"restore-1"}},
		{FilterByBackupStatus(BackupStatusCreated, "Future"), "Status", []string{"Created", "Future"}},
		{FilterByRestoreTaskStatus(RestoreTaskStatusRestored, RestoreTaskStatusRestoreFailed), "Status", []string{"Restored", "RestoreFailed"}},
		{FilterByStartTime(time.Date(2024, 9, 3, 19, 54, 38, 500, cst)), "StartTime", []string{"2024-09-03T11:54:38Z"}},
		{FilterByEndTime(time.Date(2025, 1, 27, 18, 0, 0, 0, time.UTC)), "EndTime", []string{"2025-01-27T18:00:00Z"}},
	} {
		if c.f.GetName() != c.name || !slices.Equal(c.f.GetValue(), c.values) {
			t.Errorf("got %s=%v, want %s=%v", c.f.GetName(), c.f.GetValue(), c.name, c.values)
		}
	}
}

func TestFilterNames(t *testing.T) {
	if got, want := BackupFilterNames(), []string{"BackupId", "ServiceInstanceId", "Status", "StartTime", "EndTime"}; !slices.Equal(got, want) {
		t.Errorf("BackupFilterNames() = %v, want %v", got, want)
	}
	if got, want := RestoreTaskFilterNames(), []string{"RestoreTaskId", "ServiceInstanceId", "Status", "StartTime", "EndTime"}; !slices.Equal(got, want) {
		t.Errorf("RestoreTaskFilterNames() = %v, want %v", got, want)
	}
	// Fresh slices: a caller's edit cannot loosen validation.
	BackupFilterNames()[0] = "Foo"
	if BackupFilterNames()[0] != "BackupId" {
		t.Error("BackupFilterNames shares its slice")
	}
}

func TestFilterNilAndChaining(t *testing.T) {
	var nilF *Filter
	if nilF.GetName() != "" || nilF.GetValue() != nil || nilF.Clone() != nil {
		t.Error("nil *Filter getters and Clone should return zero values")
	}
	if (&Filter{}).GetName() != "" {
		t.Error("GetName on a filter without a name should be empty")
	}
	f := new(Filter).SetName("Status").AddValue("Created").AddValue("Deleted", "DeleteFailed")
	if f.GetName() != "Status" || !slices.Equal(f.GetValue(), []string{"Created", "Deleted", "DeleteFailed"}) {
		t.Errorf("chained filter = %s %v", f.GetName(), f.GetValue())
	}
}

func TestFilterCloneIsDeep(t *testing.T) {
	orig := NewFilter("BackupId", "b-1", "b-2")
	c := orig.Clone()
	c.SetName("Status")
	c.Value[0] = "changed"
	c.AddValue("b-3")
	if orig.GetName() != "BackupId" || !slices.Equal(orig.GetValue(), []string{"b-1", "b-2"}) {
		t.Errorf("mutating the clone changed the original: %s %v", orig.GetName(), orig.GetValue())
	}
	*c.Name = "Other"
	if orig.GetName() != "BackupId" {
		t.Error("clone shares the Name pointer")
	}
	if (&Filter{}).Clone().Name != nil || (&Filter{}).Clone().Value != nil {
		t.Error("clone of an empty filter should keep fields absent")
	}
}
