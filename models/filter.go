package models

import (
	"slices"
	"time"
)

// Filter names documented by the API, for a raw filter such as
// AddUncheckedFilter's or a BackupFilter written out; the request methods
// FilterByStatus, FilterByStartTime, ... fill them in themselves.
const (
	// FilterBackupId filters ListBackups by backup ID.
	FilterBackupId = "BackupId"
	// FilterRestoreTaskId filters ListRestoreTasks by restore job ID.
	FilterRestoreTaskId = "RestoreTaskId"
	// FilterServiceInstanceId filters either action by service instance ID.
	FilterServiceInstanceId = "ServiceInstanceId"
	// FilterStatus filters either action by status.
	FilterStatus = "Status"
	// FilterStartTime filters by start time, keeping the items that started
	// at or after its value, an RFC 3339 time.
	FilterStartTime = "StartTime"
	// FilterEndTime filters by end time, keeping the items that ended at or
	// before its value, an RFC 3339 time.
	FilterEndTime = "EndTime"
)

// The filter names each action documents; Validate checks names against
// them and reports them in ValidationError.Allowed.
var (
	backupFilterNames      = []string{FilterBackupId, FilterServiceInstanceId, FilterStatus, FilterStartTime, FilterEndTime}
	restoreTaskFilterNames = []string{FilterRestoreTaskId, FilterServiceInstanceId, FilterStatus, FilterStartTime, FilterEndTime}
)

// BackupFilter is one filter of a ListBackupsRequest: entries whose Name
// field matches any of Value. Filters with different names are ANDed; the
// values of one filter are ORed. On the wire it becomes Filter.N.Name and
// Filter.N.Value.M. The request's FilterBy methods build it.
type BackupFilter struct {
	// Name is the field to filter on, such as FilterBackupId.
	Name *string `json:"Name,omitempty"`
	// Value lists the accepted values.
	Value []string `json:"Value,omitempty"`

	unchecked bool // see AddUncheckedFilter
}

// RestoreTaskFilter is one filter of a ListRestoreTasksRequest, as
// BackupFilter is of a ListBackupsRequest: a filter of one action is not a
// filter of the other, so mixing them up does not compile.
type RestoreTaskFilter struct {
	// Name is the field to filter on, such as FilterRestoreTaskId.
	Name *string `json:"Name,omitempty"`
	// Value lists the accepted values.
	Value []string `json:"Value,omitempty"`

	unchecked bool // see AddUncheckedFilter
}

// filter is the shape BackupFilter and RestoreTaskFilter share; the helpers
// below work on it, so the two types have one body for each piece of logic.
type filter struct {
	Name      *string  `json:"Name,omitempty"`
	Value     []string `json:"Value,omitempty"`
	unchecked bool
}

// filterType is satisfied by BackupFilter and RestoreTaskFilter, which
// convert to and from filter.
type filterType interface {
	~struct {
		Name      *string  `json:"Name,omitempty"`
		Value     []string `json:"Value,omitempty"`
		unchecked bool
	}
}

// GetName returns the filter's name, or "" when f or its name is nil.
func (f *BackupFilter) GetName() string { return (*filter)(f).getName() }

// GetValue returns the filter's values, or nil when f is nil.
func (f *BackupFilter) GetValue() []string { return (*filter)(f).getValue() }

// IsUnchecked reports whether f was added by AddUncheckedFilter.
func (f *BackupFilter) IsUnchecked() bool { return f != nil && f.unchecked }

// GetName returns the filter's name, or "" when f or its name is nil.
func (f *RestoreTaskFilter) GetName() string { return (*filter)(f).getName() }

// GetValue returns the filter's values, or nil when f is nil.
func (f *RestoreTaskFilter) GetValue() []string { return (*filter)(f).getValue() }

// IsUnchecked reports whether f was added by AddUncheckedFilter.
func (f *RestoreTaskFilter) IsUnchecked() bool { return f != nil && f.unchecked }

func (f *filter) getName() string {
	if f == nil {
		return ""
	}
	return deref(f.Name)
}

func (f *filter) getValue() []string {
	if f == nil {
		return nil
	}
	return f.Value
}

// newFilter returns a filter on name accepting any of values, which it
// copies so that later changes to the caller's slice do not leak in.
func newFilter[F filterType](name string, values []string, unchecked bool) *F {
	f := F(filter{Name: &name, Value: slices.Clone(values), unchecked: unchecked})
	return &f
}

// statusFilter returns a filter on statuses, of either status type.
func statusFilter[F filterType, S ~string](s []S) *F {
	values := make([]string, len(s))
	for i, v := range s {
		values[i] = string(v)
	}
	return newFilter[F](FilterStatus, values, false)
}

// timeFilter returns a StartTime or EndTime filter with t written in UTC as
// "2006-01-02T15:04:05Z". The zero time is written as it is and refused by
// Validate.
func timeFilter[F filterType](name string, t time.Time) *F {
	return newFilter[F](name, []string{FormatTime(t)}, false)
}

// viewFilter returns f as a *filter, a shallow copy, or nil when f is nil.
func viewFilter[F filterType](f *F) *filter {
	if f == nil {
		return nil
	}
	v := filter(*f)
	return &v
}

// cloneFilters deep-copies a filter list, keeping nil as nil, nil elements
// included.
func cloneFilters[F filterType](fs []*F) []*F {
	if fs == nil {
		return nil
	}
	c := make([]*F, len(fs))
	for i, f := range fs {
		if v := viewFilter(f); v != nil {
			cf := F(filter{Name: cloneOpt(v.Name), Value: slices.Clone(v.Value), unchecked: v.unchecked})
			c[i] = &cf
		}
	}
	return c
}
