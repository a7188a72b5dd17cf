package models

import (
	"slices"
	"time"
)

// Page size limits shared by both list actions.
const (
	// MinMaxResults is the smallest page size the service accepts.
	MinMaxResults = 1
	// MaxMaxResults is the largest page size the service accepts.
	MaxMaxResults = 100
	// DefaultMaxResults is the page size the service uses when MaxResults is
	// absent.
	DefaultMaxResults = 20
)

// ListBackupsRequest is the input of ListBackups. Every parameter is optional: a
// nil or empty request asks for the first page with the service's defaults.
type ListBackupsRequest struct {
	// MaxResults is the page size, 1 to 100; the service uses 20 when it is
	// absent.
	MaxResults *int32 `json:"MaxResults,omitempty"`
	// NextToken is the previous response's NextToken; absent on the first call.
	NextToken *string `json:"NextToken,omitempty"`
	// Filter narrows the results; the FilterBy methods add to it.
	Filter []*BackupFilter `json:"Filter,omitempty"`
}

// SetMaxResults sets the page size and returns r for chaining.
func (r *ListBackupsRequest) SetMaxResults(v int32) *ListBackupsRequest {
	r.MaxResults = &v
	return r
}

// SetNextToken sets the page token and returns r for chaining.
func (r *ListBackupsRequest) SetNextToken(v string) *ListBackupsRequest {
	r.NextToken = &v
	return r
}

// SetFilter replaces the filters with f and returns r for chaining.
func (r *ListBackupsRequest) SetFilter(f ...*BackupFilter) *ListBackupsRequest {
	r.Filter = slices.Clone(f)
	return r
}

// AddFilter appends f to the filters and returns r for chaining.
func (r *ListBackupsRequest) AddFilter(f ...*BackupFilter) *ListBackupsRequest {
	r.Filter = append(r.Filter, f...)
	return r
}

// FilterByBackupId adds a filter on backup IDs and returns r for chaining.
func (r *ListBackupsRequest) FilterByBackupId(ids ...string) *ListBackupsRequest {
	return r.AddFilter(newFilter[BackupFilter](FilterBackupId, ids, false))
}

// FilterByServiceInstanceId adds a filter on service instance IDs and
// returns r for chaining.
func (r *ListBackupsRequest) FilterByServiceInstanceId(ids ...string) *ListBackupsRequest {
	return r.AddFilter(newFilter[BackupFilter](FilterServiceInstanceId, ids, false))
}

// FilterByStatus adds a filter on states and returns r for chaining.
// States this package does not list are sent as given.
func (r *ListBackupsRequest) FilterByStatus(s ...BackupStatus) *ListBackupsRequest {
	return r.AddFilter(statusFilter[BackupFilter](s))
}

// FilterByStartTime adds a filter keeping the items that started at or
// after t, written in UTC as "2006-01-02T15:04:05Z", and returns r for
// chaining. Validate refuses the zero time and a start after FilterByEndTime's
// end.
func (r *ListBackupsRequest) FilterByStartTime(t time.Time) *ListBackupsRequest {
	return r.AddFilter(timeFilter[BackupFilter](FilterStartTime, t))
}

// FilterByEndTime adds a filter keeping the items that ended at or before t,
// written in UTC as "2006-01-02T15:04:05Z", and returns r for chaining; an
// item still running has no end time and is left out. Validate refuses the
// zero time.
func (r *ListBackupsRequest) FilterByEndTime(t time.Time) *ListBackupsRequest {
	return r.AddFilter(timeFilter[BackupFilter](FilterEndTime, t))
}

// AddUncheckedFilter adds a filter on name accepting any of values, whose
// name Validate does not check against the names ListBackups documents: the
// escape hatch for a filter the service has added since this SDK was
// released. Its values are still checked (at least one, none empty); the
// service judges the name. It returns r for chaining.
//
//	req.AddUncheckedFilter("ServiceName", "my-service")
func (r *ListBackupsRequest) AddUncheckedFilter(name string, values ...string) *ListBackupsRequest {
	return r.AddFilter(newFilter[BackupFilter](name, values, true))
}

// GetMaxResults returns the page size, or 0 when r or the field is nil.
func (r *ListBackupsRequest) GetMaxResults() int32 {
	if r == nil {
		return 0
	}
	return deref(r.MaxResults)
}

// GetNextToken returns the page token, or "" when r or the field is nil.
func (r *ListBackupsRequest) GetNextToken() string {
	if r == nil {
		return ""
	}
	return deref(r.NextToken)
}

// GetFilter returns the filters, or nil when r is nil.
func (r *ListBackupsRequest) GetFilter() []*BackupFilter {
	if r == nil {
		return nil
	}
	return r.Filter
}

// Clone returns a deep copy of r, filters included, or nil when r is nil.
// Paginators use it so that the caller's request is never changed.
func (r *ListBackupsRequest) Clone() *ListBackupsRequest {
	if r == nil {
		return nil
	}
	return &ListBackupsRequest{
		MaxResults: cloneOpt(r.MaxResults),
		NextToken:  cloneOpt(r.NextToken),
		Filter:     cloneFilters(r.Filter),
	}
}

// Validate reports the first parameter the service would reject as a
// *ValidationError. A nil request is valid.
func (r *ListBackupsRequest) Validate() error {
	if r == nil {
		return nil
	}
	return validateList("ListBackups", r.MaxResults, r.Filter, backupFilterNames)
}

// ListRestoreTasksRequest is the input of ListRestoreTasks. Every parameter is
// optional: a nil or empty request asks for the first page with the service's
// defaults.
type ListRestoreTasksRequest struct {
	// MaxResults is the page size, 1 to 100; the service uses 20 when it is
	// absent.
	MaxResults *int32 `json:"MaxResults,omitempty"`
	// NextToken is the previous response's NextToken; absent on the first call.
	NextToken *string `json:"NextToken,omitempty"`
	// Filter narrows the results; the FilterBy methods add to it.
	Filter []*RestoreTaskFilter `json:"Filter,omitempty"`
}

// SetMaxResults sets the page size and returns r for chaining.
func (r *ListRestoreTasksRequest) SetMaxResults(v int32) *ListRestoreTasksRequest {
	r.MaxResults = &v
	return r
}

// SetNextToken sets the page token and returns r for chaining.
func (r *ListRestoreTasksRequest) SetNextToken(v string) *ListRestoreTasksRequest {
	r.NextToken = &v
	return r
}

// SetFilter replaces the filters with f and returns r for chaining.
func (r *ListRestoreTasksRequest) SetFilter(f ...*RestoreTaskFilter) *ListRestoreTasksRequest {
	r.Filter = slices.Clone(f)
	return r
}

// AddFilter appends f to the filters and returns r for chaining.
func (r *ListRestoreTasksRequest) AddFilter(f ...*RestoreTaskFilter) *ListRestoreTasksRequest {
	r.Filter = append(r.Filter, f...)
	return r
}

// FilterByRestoreTaskId adds a filter on restore job IDs and returns r for chaining.
func (r *ListRestoreTasksRequest) FilterByRestoreTaskId(ids ...string) *ListRestoreTasksRequest {
	return r.AddFilter(newFilter[RestoreTaskFilter](FilterRestoreTaskId, ids, false))
}

// FilterByServiceInstanceId adds a filter on service instance IDs and
// returns r for chaining.
func (r *ListRestoreTasksRequest) FilterByServiceInstanceId(ids ...string) *ListRestoreTasksRequest {
	return r.AddFilter(newFilter[RestoreTaskFilter](FilterServiceInstanceId, ids, false))
}

// FilterByStatus adds a filter on states and returns r for chaining.
// States this package does not list are sent as given.
func (r *ListRestoreTasksRequest) FilterByStatus(s ...RestoreTaskStatus) *ListRestoreTasksRequest {
	return r.AddFilter(statusFilter[RestoreTaskFilter](s))
}

// FilterByStartTime adds a filter keeping the items that started at or
// after t, written in UTC as "2006-01-02T15:04:05Z", and returns r for
// chaining. Validate refuses the zero time and a start after FilterByEndTime's
// end.
func (r *ListRestoreTasksRequest) FilterByStartTime(t time.Time) *ListRestoreTasksRequest {
	return r.AddFilter(timeFilter[RestoreTaskFilter](FilterStartTime, t))
}

// FilterByEndTime adds a filter keeping the items that ended at or before t,
// written in UTC as "2006-01-02T15:04:05Z", and returns r for chaining; an
// item still running has no end time and is left out. Validate refuses the
// zero time.
func (r *ListRestoreTasksRequest) FilterByEndTime(t time.Time) *ListRestoreTasksRequest {
	return r.AddFilter(timeFilter[RestoreTaskFilter](FilterEndTime, t))
}

// AddUncheckedFilter adds a filter on name accepting any of values, whose
// name Validate does not check against the names ListRestoreTasks documents: the
// escape hatch for a filter the service has added since this SDK was
// released. Its values are still checked (at least one, none empty); the
// service judges the name. It returns r for chaining.
//
//	req.AddUncheckedFilter("ServiceName", "my-service")
func (r *ListRestoreTasksRequest) AddUncheckedFilter(name string, values ...string) *ListRestoreTasksRequest {
	return r.AddFilter(newFilter[RestoreTaskFilter](name, values, true))
}

// GetMaxResults returns the page size, or 0 when r or the field is nil.
func (r *ListRestoreTasksRequest) GetMaxResults() int32 {
	if r == nil {
		return 0
	}
	return deref(r.MaxResults)
}

// GetNextToken returns the page token, or "" when r or the field is nil.
func (r *ListRestoreTasksRequest) GetNextToken() string {
	if r == nil {
		return ""
	}
	return deref(r.NextToken)
}

// GetFilter returns the filters, or nil when r is nil.
func (r *ListRestoreTasksRequest) GetFilter() []*RestoreTaskFilter {
	if r == nil {
		return nil
	}
	return r.Filter
}

// Clone returns a deep copy of r, filters included, or nil when r is nil.
// Paginators use it so that the caller's request is never changed.
func (r *ListRestoreTasksRequest) Clone() *ListRestoreTasksRequest {
	if r == nil {
		return nil
	}
	return &ListRestoreTasksRequest{
		MaxResults: cloneOpt(r.MaxResults),
		NextToken:  cloneOpt(r.NextToken),
		Filter:     cloneFilters(r.Filter),
	}
}

// Validate reports the first parameter the service would reject as a
// *ValidationError. A nil request is valid.
func (r *ListRestoreTasksRequest) Validate() error {
	if r == nil {
		return nil
	}
	return validateList("ListRestoreTasks", r.MaxResults, r.Filter, restoreTaskFilterNames)
}
