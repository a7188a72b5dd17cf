package models

// ListBackupsResponse is the result of ListBackups: one page of backups.
type ListBackupsResponse struct {
	// TotalCount is the number of entries matching the filters, across all
	// pages.
	TotalCount *int32 `json:"TotalCount,omitempty"`
	// RequestId identifies the call, for support requests.
	RequestId *string `json:"RequestId,omitempty"`
	// NextToken fetches the next page; empty or absent on the last page.
	NextToken *string `json:"NextToken,omitempty"`
	// MaxResults is the page size the service used.
	MaxResults *int32 `json:"MaxResults,omitempty"`
	// Backups holds this page's entries.
	Backups []*Backup `json:"Backups"`
}

// GetTotalCount returns the number of matching entries, or 0 when r or the
// field is nil.
func (r *ListBackupsResponse) GetTotalCount() int32 {
	if r == nil {
		return 0
	}
	return deref(r.TotalCount)
}

// GetRequestId returns the request ID, or "" when r or the field is nil.
func (r *ListBackupsResponse) GetRequestId() string {
	if r == nil {
		return ""
	}
	return deref(r.RequestId)
}

// GetNextToken returns the next page's token, or "" when r or the field is
// nil.
func (r *ListBackupsResponse) GetNextToken() string {
	if r == nil {
		return ""
	}
	return deref(r.NextToken)
}

// GetMaxResults returns the page size used, or 0 when r or the field is nil.
func (r *ListBackupsResponse) GetMaxResults() int32 {
	if r == nil {
		return 0
	}
	return deref(r.MaxResults)
}

// GetBackups returns this page's entries, or nil when r is nil.
func (r *ListBackupsResponse) GetBackups() []*Backup {
	if r == nil {
		return nil
	}
	return r.Backups
}

// ListRestoreTasksResponse is the result of ListRestoreTasks: one page of
// restore jobs.
type ListRestoreTasksResponse struct {
	// TotalCount is the number of entries matching the filters, across all
	// pages.
	TotalCount *int32 `json:"TotalCount,omitempty"`
	// RequestId identifies the call, for support requests.
	RequestId *string `json:"RequestId,omitempty"`
	// NextToken fetches the next page; empty or absent on the last page.
	NextToken *string `json:"NextToken,omitempty"`
	// MaxResults is the page size the service used.
	MaxResults *int32 `json:"MaxResults,omitempty"`
	// RestoreTasks holds this page's entries.
	RestoreTasks []*RestoreTask `json:"RestoreTasks"`
}

// GetTotalCount returns the number of matching entries, or 0 when r or the
// field is nil.
func (r *ListRestoreTasksResponse) GetTotalCount() int32 {
	if r == nil {
		return 0
	}
	return deref(r.TotalCount)
}

// GetRequestId returns the request ID, or "" when r or the field is nil.
func (r *ListRestoreTasksResponse) GetRequestId() string {
	if r == nil {
		return ""
	}
	return deref(r.RequestId)
}

// GetNextToken returns the next page's token, or "" when r or the field is
// nil.
func (r *ListRestoreTasksResponse) GetNextToken() string {
	if r == nil {
		return ""
	}
	return deref(r.NextToken)
}

// GetMaxResults returns the page size used, or 0 when r or the field is nil.
func (r *ListRestoreTasksResponse) GetMaxResults() int32 {
	if r == nil {
		return 0
	}
	return deref(r.MaxResults)
}

// GetRestoreTasks returns this page's entries, or nil when r is nil.
func (r *ListRestoreTasksResponse) GetRestoreTasks() []*RestoreTask {
	if r == nil {
		return nil
	}
	return r.RestoreTasks
}
