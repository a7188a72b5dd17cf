package models

import (
	"reflect"
	"slices"
	"testing"
)

// listRequest is what the tests run against both requests.
type listRequest interface {
	GetMaxResults() int32
	GetNextToken() string
	Validate() error
}

func TestPageSizeConstants(t *testing.T) {
	if MinMaxResults != 1 || MaxMaxResults != 100 || DefaultMaxResults != 20 {
		t.Error("page size constants changed")
	}
}

func TestListBackupsRequestAccessors(t *testing.T) {
	var nilR *ListBackupsRequest
	if nilR.GetMaxResults() != 0 || nilR.GetNextToken() != "" || nilR.GetFilter() != nil || nilR.Clone() != nil {
		t.Error("nil request getters and Clone should return zero values")
	}
	empty := new(ListBackupsRequest)
	if empty.GetMaxResults() != 0 || empty.GetNextToken() != "" || empty.GetFilter() != nil {
		t.Error("empty request getters should return zero values")
	}

	a, b, c := bf(FilterBackupId, "b-1"), bf(FilterServiceInstanceId, "si-1"), bf(FilterStartTime, "2025-01-01T00:00:00Z")
	r := new(ListBackupsRequest).SetMaxResults(50).SetNextToken("next").SetFilter(a).AddFilter(b)
	if r.GetMaxResults() != 50 || r.GetNextToken() != "next" || !slices.Equal(r.GetFilter(), []*BackupFilter{a, b}) {
		t.Errorf("chained request = %+v", r)
	}
	r.AddFilter(c)
	if !slices.Equal(r.GetFilter(), []*BackupFilter{a, b, c}) {
		t.Error("AddFilter should append")
	}
	r.SetFilter(c)
	if !slices.Equal(r.GetFilter(), []*BackupFilter{c}) {
		t.Error("SetFilter should replace")
	}
	r.SetFilter()
	if r.GetFilter() != nil {
		t.Error("SetFilter() should clear the filters")
	}
	// SetFilter copies the caller's slice.
	list := []*BackupFilter{a, b}
	r.SetFilter(list...)
	list[0] = c
	if r.Filter[0] != a {
		t.Error("SetFilter kept a reference to the caller's slice")
	}
}

func TestListRestoreTasksRequestAccessors(t *testing.T) {
	var nilR *ListRestoreTasksRequest
	if nilR.GetMaxResults() != 0 || nilR.GetNextToken() != "" || nilR.GetFilter() != nil || nilR.Clone() != nil {
		t.Error("nil request getters and Clone should return zero values")
	}
	a, b := rf(FilterRestoreTaskId, "r-1"), rf(FilterStatus, "Restored")
	r := new(ListRestoreTasksRequest).SetMaxResults(1).SetNextToken("n").SetFilter(a).AddFilter(b)
	if r.GetMaxResults() != 1 || r.GetNextToken() != "n" || !slices.Equal(r.GetFilter(), []*RestoreTaskFilter{a, b}) {
		t.Errorf("chained request = %+v", r)
	}
	r.SetFilter(b)
	if !slices.Equal(r.GetFilter(), []*RestoreTaskFilter{b}) {
		t.Error("SetFilter should replace")
	}
}

func TestListBackupsRequestCloneIsDeep(t *testing.T) {
	orig := new(ListBackupsRequest).SetMaxResults(30).SetNextToken("t1").
		FilterByServiceInstanceId("si-1", "si-2").FilterByStatus(BackupStatusCreated).AddUncheckedFilter("ServiceName", "svc")
	want := new(ListBackupsRequest).SetMaxResults(30).SetNextToken("t1").
		FilterByServiceInstanceId("si-1", "si-2").FilterByStatus(BackupStatusCreated).AddUncheckedFilter("ServiceName", "svc")

	c := orig.Clone()
	if !reflect.DeepEqual(c, orig) {
		t.Fatalf("clone differs: %+v", c)
	}
	*c.MaxResults = 99
	*c.NextToken = "t2"
	c.Filter[0].Value[0] = "changed"
	*c.Filter[1].Name = "Other"
	c.Filter[1].Value = append(c.Filter[1].Value, "Deleted")
	c.Filter[2].unchecked = false
	c.FilterByBackupId("b")
	if !reflect.DeepEqual(orig, want) {
		t.Errorf("mutating the clone changed the original: %+v", orig)
	}
	if (&ListBackupsRequest{}).Clone().Filter != nil {
		t.Error("clone of an empty request should keep Filter nil")
	}
	// A nil filter stays nil, so Validate still reports it on the clone.
	if c := new(ListBackupsRequest).AddFilter(nil).Clone(); len(c.Filter) != 1 || c.Filter[0] != nil {
		t.Errorf("clone of [nil] = %v", c.Filter)
	}
}

func TestListRestoreTasksRequestCloneIsDeep(t *testing.T) {
	orig := new(ListRestoreTasksRequest).SetMaxResults(30).SetNextToken("t1").
		FilterByRestoreTaskId("r-1")
	want := new(ListRestoreTasksRequest).SetMaxResults(30).SetNextToken("t1").
		FilterByRestoreTaskId("r-1")

	c := orig.Clone()
	if !reflect.DeepEqual(c, orig) {
		t.Fatalf("clone differs: %+v", c)
	}
	*c.MaxResults = 1
	*c.NextToken = "t2"
	c.Filter[0].Value[0] = "changed"
	c.SetFilter()
	if !reflect.DeepEqual(orig, want) {
		t.Errorf("mutating the clone changed the original: %+v", orig)
	}
}

// bf and rf make a filter of each type, as the request methods do.
func bf(name string, values ...string) *BackupFilter {
	return newFilter[BackupFilter](name, values, false)
}

func rf(name string, values ...string) *RestoreTaskFilter {
	return newFilter[RestoreTaskFilter](name, values, false)
}
