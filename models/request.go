package models

import "slices"

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

// ListRequest is what the two list requests have in common; the client's one
// query flattener and one paginator work on it.
type ListRequest interface {
	GetMaxResults() int32
	GetNextToken() string
	GetFilter() []*Filter
	Validate() error
}

// Both requests must satisfy ListRequest.
var (
	_ ListRequest = (*ListBackupsRequest)(nil)
	_ ListRequest = (*ListRestoreTasksRequest)(nil)
)

// ListBackupsRequest is the input of ListBackups. Every parameter is optional: a
// nil or empty request asks for the first page with the service's defaults.
type ListBackupsRequest struct {
	// MaxResults is the page size, 1 to 100; the service uses 20 when it is
	// absent.
	MaxResults *int32 `json:"MaxResults,omitempty"`
	// NextToken is the previous response's NextToken; absent on the first call.
	NextToken *string `json:"NextToken,omitempty"`
	// Filter narrows the results; see BackupFilterNames for the accepted names.
	Filter []*Filter `json:"Filter,omitempty"`
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
func (r *ListBackupsRequest) SetFilter(f ...*Filter) *ListBackupsRequest {
	r.Filter = slices.Clone(f)
	return r
}

// AddFilter appends f to the filters and returns r for chaining.
func (r *ListBackupsRequest) AddFilter(f ...*Filter) *ListBackupsRequest {
	r.Filter = append(r.Filter, f...)
	return r
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
func (r *ListBackupsRequest) GetFilter() []*Filter {
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
	return validateList("ListBackups", r.MaxResults, r.Filter, BackupFilterNames())
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
	// Filter narrows the results; see RestoreTaskFilterNames for the accepted
	// names.
	Filter []*Filter `json:"Filter,omitempty"`
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
func (r *ListRestoreTasksRequest) SetFilter(f ...*Filter) *ListRestoreTasksRequest {
	r.Filter = slices.Clone(f)
	return r
}

// AddFilter appends f to the filters and returns r for chaining.
func (r *ListRestoreTasksRequest) AddFilter(f ...*Filter) *ListRestoreTasksRequest {
	r.Filter = append(r.Filter, f...)
	return r
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
func (r *ListRestoreTasksRequest) GetFilter() []*Filter {
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
	return validateList("ListRestoreTasks", r.MaxResults, r.Filter, RestoreTaskFilterNames())
}

// cloneFilters deep-copies a filter list, keeping nil as nil.
func cloneFilters(fs []*Filter) []*Filter {
	if fs == nil {
		return nil
	}
	c := make([]*Filter, len(fs))
	for i, f := range fs {
		c[i] = f.Clone()
	}
	return c
}
