package models

import (
	"slices"
	"time"
)

// Filter narrows a list call to entries whose Name field matches any of
// Value. Filters with different names are ANDed; the values of one filter
// are ORed. On the wire it becomes Filter.N.Name and Filter.N.Value.M.
type Filter struct {
	// Name is the field to filter on, such as FilterServiceInstanceId.
	Name *string `json:"Name,omitempty"`
	// Value lists the accepted values.
	Value []string `json:"Value,omitempty"`

	// unchecked marks a name the caller chose to send unchecked; see
	// NewUncheckedFilter.
	unchecked bool
}

// Filter names documented by the API. Which ones an action accepts is given
// by BackupFilterNames and RestoreTaskFilterNames.
const (
	// FilterBackupId filters ListBackups by backup ID.
	FilterBackupId = "BackupId"
	// FilterRestoreTaskId filters ListRestoreTasks by restore job ID.
	FilterRestoreTaskId = "RestoreTaskId"
	// FilterServiceInstanceId filters either action by service instance ID.
	FilterServiceInstanceId = "ServiceInstanceId"
	// FilterStatus filters either action by status.
	FilterStatus = "Status"
	// FilterStartTime filters by start time; its value is an RFC 3339 time.
	FilterStartTime = "StartTime"
	// FilterEndTime filters by end time; its value is an RFC 3339 time.
	FilterEndTime = "EndTime"
)

// BackupFilterNames returns, in a new slice, the filter names ListBackups
// documents.
func BackupFilterNames() []string {
	return []string{FilterBackupId, FilterServiceInstanceId, FilterStatus, FilterStartTime, FilterEndTime}
}

// RestoreTaskFilterNames returns, in a new slice, the filter names
// ListRestoreTasks documents.
func RestoreTaskFilterNames() []string {
	return []string{FilterRestoreTaskId, FilterServiceInstanceId, FilterStatus, FilterStartTime, FilterEndTime}
}

// NewFilter returns a filter on name accepting any of values. The values are
// copied, so later changes to the caller's slice do not leak in.
func NewFilter(name string, values ...string) *Filter {
	return &Filter{Name: &name, Value: slices.Clone(values)}
}

// NewUncheckedFilter returns a filter on name accepting any of values, like
// NewFilter, whose name Validate does not check against the action's
// documented names: the escape hatch for a filter the service has added
// since this SDK was released. Its values are still checked (at least one,
// none empty); the service judges the name.
//
//	req.AddFilter(models.NewUncheckedFilter("ServiceName", "my-service"))
func NewUncheckedFilter(name string, values ...string) *Filter {
	f := NewFilter(name, values...)
	f.unchecked = true
	return f
}

// IsUnchecked reports whether f was made by NewUncheckedFilter.
func (f *Filter) IsUnchecked() bool { return f != nil && f.unchecked }

// FilterByServiceInstanceId returns a filter on service instance IDs.
func FilterByServiceInstanceId(ids ...string) *Filter {
	return NewFilter(FilterServiceInstanceId, ids...)
}

// FilterByBackupId returns a ListBackups filter on backup IDs.
func FilterByBackupId(ids ...string) *Filter { return NewFilter(FilterBackupId, ids...) }

// FilterByRestoreTaskId returns a ListRestoreTasks filter on restore job IDs.
func FilterByRestoreTaskId(ids ...string) *Filter {
	return NewFilter(FilterRestoreTaskId, ids...)
}

// FilterByBackupStatus returns a ListBackups filter on backup states.
func FilterByBackupStatus(s ...BackupStatus) *Filter { return filterByStatus(s) }

// FilterByRestoreTaskStatus returns a ListRestoreTasks filter on restore job
// states.
func FilterByRestoreTaskStatus(s ...RestoreTaskStatus) *Filter { return filterByStatus(s) }

// filterByStatus serves both status types.
func filterByStatus[S ~string](s []S) *Filter {
	values := make([]string, len(s))
	for i, v := range s {
		values[i] = string(v)
	}
	return NewFilter(FilterStatus, values...)
}

// FilterByStartTime returns a filter on start time, with t written in UTC as
// "2006-01-02T15:04:05Z".
func FilterByStartTime(t time.Time) *Filter { return NewFilter(FilterStartTime, FormatTime(t)) }

// FilterByEndTime returns a filter on end time, with t written in UTC as
// "2006-01-02T15:04:05Z".
func FilterByEndTime(t time.Time) *Filter { return NewFilter(FilterEndTime, FormatTime(t)) }

// GetName returns the filter's name, or "" when f or its name is nil.
func (f *Filter) GetName() string {
	if f == nil || f.Name == nil {
		return ""
	}
	return *f.Name
}

// GetValue returns the filter's values, or nil when f is nil.
func (f *Filter) GetValue() []string {
	if f == nil {
		return nil
	}
	return f.Value
}

// SetName sets the filter's name and returns f for chaining.
func (f *Filter) SetName(name string) *Filter {
	f.Name = &name
	return f
}

// AddValue appends values to the filter and returns f for chaining.
func (f *Filter) AddValue(v ...string) *Filter {
	f.Value = append(f.Value, v...)
	return f
}

// Clone returns a deep copy of f, or nil when f is nil.
func (f *Filter) Clone() *Filter {
	if f == nil {
		return nil
	}
	return &Filter{Name: cloneOpt(f.Name), Value: slices.Clone(f.Value), unchecked: f.unchecked}
}
