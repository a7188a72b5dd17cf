package models

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"
)

// Each FilterBy method adds one filter, whose JSON is the wire shape
// {"Name":..,"Value":[..]}; times are written in UTC without fractions.
func TestFilterMethodsWireEffect(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	b := new(ListBackupsRequest).
		FilterByBackupId("backup-1").
		FilterByServiceInstanceId("si-1", "si-2").
		FilterByStatus(BackupStatusCreated, "Future").
		FilterByStartTime(time.Date(2024, 9, 3, 19, 54, 38, 500, cst)).
		FilterByEndTime(time.Date(2025, 1, 27, 18, 0, 0, 0, time.UTC)).
		AddUncheckedFilter("ServiceName", "svc")
	r := new(ListRestoreTasksRequest).
		FilterByRestoreTaskId("restore-1").
		FilterByServiceInstanceId("si-1").
		FilterByStatus(RestoreTaskStatusRestored, RestoreTaskStatusRestoreFailed).
		FilterByStartTime(time.Date(2025, 1, 27, 16, 0, 0, 0, time.UTC)).
		FilterByEndTime(time.Date(2025, 1, 27, 18, 0, 0, 0, time.UTC)).
		AddUncheckedFilter("ServiceName", "svc")
	for _, c := range []struct {
		req  any
		want string
	}{
		{b, `{"Filter":[{"Name":"BackupId","Value":["backup-1"]},{"Name":"ServiceInstanceId","Value":["si-1","si-2"]},` +
			`{"Name":"Status","Value":["Created","Future"]},{"Name":"StartTime","Value":["2024-09-03T11:54:38Z"]},` +
			`{"Name":"EndTime","Value":["2025-01-27T18:00:00Z"]},{"Name":"ServiceName","Value":["svc"]}]}`},
		{r, `{"Filter":[{"Name":"RestoreTaskId","Value":["restore-1"]},{"Name":"ServiceInstanceId","Value":["si-1"]},` +
			`{"Name":"Status","Value":["Restored","RestoreFailed"]},{"Name":"StartTime","Value":["2025-01-27T16:00:00Z"]},` +
			`{"Name":"EndTime","Value":["2025-01-27T18:00:00Z"]},{"Name":"ServiceName","Value":["svc"]}]}`},
	} {
		got, err := json.Marshal(c.req)
		if err != nil || string(got) != c.want {
			t.Errorf("%T JSON = %s, %v\nwant %s", c.req, got, err, c.want)
		}
	}
	if err := b.Validate(); err != nil {
		t.Errorf("backups: %v", err)
	}
	if err := r.Validate(); err != nil {
		t.Errorf("restore tasks: %v", err)
	}
	// Only AddUncheckedFilter's filter is marked.
	for i, f := range b.Filter {
		if f.IsUnchecked() != (i == 5) {
			t.Errorf("backup filter %d: IsUnchecked = %v", i+1, f.IsUnchecked())
		}
	}
	for i, f := range r.Filter {
		if f.IsUnchecked() != (i == 5) {
			t.Errorf("restore filter %d: IsUnchecked = %v", i+1, f.IsUnchecked())
		}
	}
}

// The methods copy the caller's slice; without values they add a filter
// without values, which Validate refuses.
func TestFilterMethodsCopyValues(t *testing.T) {
	ids := []string{"si-1", "si-2"}
	r := new(ListBackupsRequest).FilterByServiceInstanceId(ids...).AddUncheckedFilter("X", ids...)
	ids[0] = "changed"
	if r.Filter[0].GetValue()[0] != "si-1" || r.Filter[1].GetValue()[0] != "si-1" {
		t.Error("a FilterBy method kept a reference to the caller's slice")
	}
	if v := new(ListRestoreTasksRequest).FilterByStatus().Filter[0].GetValue(); v == nil || len(v) != 0 {
		t.Errorf("FilterByStatus() Value = %#v, want empty", v)
	}
	if v := new(ListRestoreTasksRequest).FilterByRestoreTaskId().Filter[0].GetValue(); v != nil {
		t.Errorf("FilterByRestoreTaskId() Value = %#v, want nil", v)
	}
}

// A filter of one action does not compile as a filter of the other:
// new(ListRestoreTasksRequest).FilterByStatus(BackupStatusCreated) and
// new(ListBackupsRequest).AddFilter(&RestoreTaskFilter{}) are type errors.
// A test cannot hold code that does not compile, so this one checks the
// signatures that make it so.
func TestFiltersAreTypedPerAction(t *testing.T) {
	for _, c := range []struct {
		method any
		want   reflect.Type
	}{
		{(*ListBackupsRequest).FilterByStatus, reflect.TypeFor[[]BackupStatus]()},
		{(*ListRestoreTasksRequest).FilterByStatus, reflect.TypeFor[[]RestoreTaskStatus]()},
		{(*ListBackupsRequest).AddFilter, reflect.TypeFor[[]*BackupFilter]()},
		{(*ListBackupsRequest).SetFilter, reflect.TypeFor[[]*BackupFilter]()},
		{(*ListRestoreTasksRequest).AddFilter, reflect.TypeFor[[]*RestoreTaskFilter]()},
		{(*ListRestoreTasksRequest).SetFilter, reflect.TypeFor[[]*RestoreTaskFilter]()},
	} {
		mt := reflect.TypeOf(c.method)
		if !mt.IsVariadic() || mt.NumIn() != 2 || mt.In(1) != c.want {
			t.Errorf("%v: want variadic %v", mt, c.want)
		}
	}
	bt, rt := reflect.TypeFor[ListBackupsRequest](), reflect.TypeFor[ListRestoreTasksRequest]()
	if f, _ := bt.FieldByName("Filter"); f.Type != reflect.TypeFor[[]*BackupFilter]() {
		t.Errorf("ListBackupsRequest.Filter is %v", f.Type)
	}
	if f, _ := rt.FieldByName("Filter"); f.Type != reflect.TypeFor[[]*RestoreTaskFilter]() {
		t.Errorf("ListRestoreTasksRequest.Filter is %v", f.Type)
	}
	// Each action has its own ID filter and not the other's.
	if _, ok := reflect.PointerTo(rt).MethodByName("FilterByBackupId"); ok {
		t.Error("ListRestoreTasksRequest has FilterByBackupId")
	}
	if _, ok := reflect.PointerTo(bt).MethodByName("FilterByRestoreTaskId"); ok {
		t.Error("ListBackupsRequest has FilterByRestoreTaskId")
	}
}

func TestFilterGettersNilSafe(t *testing.T) {
	var nb *BackupFilter
	var nr *RestoreTaskFilter
	if nb.GetName() != "" || nb.GetValue() != nil || nb.IsUnchecked() ||
		nr.GetName() != "" || nr.GetValue() != nil || nr.IsUnchecked() {
		t.Error("nil filter getters should return zero values")
	}
	if (&BackupFilter{}).GetName() != "" || (&RestoreTaskFilter{}).GetName() != "" {
		t.Error("GetName on a filter without a name should be empty")
	}
	name := "Status"
	f := &RestoreTaskFilter{Name: &name, Value: []string{"Restored"}}
	if f.GetName() != "Status" || !slices.Equal(f.GetValue(), []string{"Restored"}) || f.IsUnchecked() {
		t.Errorf("literal filter = %s %v %v", f.GetName(), f.GetValue(), f.IsUnchecked())
	}
}

func TestFilterCloneIsDeep(t *testing.T) {
	orig := new(ListRestoreTasksRequest).FilterByRestoreTaskId("r-1", "r-2").AddUncheckedFilter("X", "x").
		AddFilter(&RestoreTaskFilter{})
	c := orig.Clone()
	if !reflect.DeepEqual(c, orig) || !c.Filter[1].IsUnchecked() {
		t.Fatalf("clone differs: %+v", c)
	}
	*c.Filter[0].Name = "Other"
	c.Filter[0].Value[0] = "changed"
	if orig.Filter[0].GetName() != "RestoreTaskId" || orig.Filter[0].GetValue()[0] != "r-1" {
		t.Errorf("mutating the clone changed the original: %+v", orig.Filter[0])
	}
	if c.Filter[2].Name != nil || c.Filter[2].Value != nil {
		t.Error("clone of an empty filter should keep fields absent")
	}
}
