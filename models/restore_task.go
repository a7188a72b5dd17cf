package models

import "time"

// RestoreTask is one restore job, as listed by ListRestoreTasks. Every field
// is optional; the getters return zero values for absent ones. Times are
// kept as the service sent them; the ...Value methods parse them.
type RestoreTask struct {
	// RestoreTaskId is the restore job ID, such as "restore-xxxxxx".
	RestoreTaskId *string `json:"RestoreTaskId,omitempty"`
	// ServiceInstanceId is the ID of the service instance restored.
	ServiceInstanceId *string `json:"ServiceInstanceId,omitempty"`
	// BackupId is the ID of the backup restored from.
	BackupId *string `json:"BackupId,omitempty"`
	// StartTime is when the restore job started, in RFC 3339.
	StartTime *string `json:"StartTime,omitempty"`
	// EndTime is when the restore job ended, in RFC 3339.
	EndTime *string `json:"EndTime,omitempty"`
	// Status is the restore job's state (the API reference calls it the
	// service instance's status, but it is the job's).
	Status *RestoreTaskStatus `json:"Status,omitempty"`
	// StatusDetail explains the state, such as a failure message.
	StatusDetail *string `json:"StatusDetail,omitempty"`
	// CreateTime is when the restore job was created, in RFC 3339.
	CreateTime *string `json:"CreateTime,omitempty"`
	// ModifiedTime is when the restore job was last updated, in RFC 3339.
	ModifiedTime *string `json:"ModifiedTime,omitempty"`
}

// GetRestoreTaskId returns the restore job ID, or "" when t or the field is
// nil.
func (t *RestoreTask) GetRestoreTaskId() string {
	if t == nil {
		return ""
	}
	return deref(t.RestoreTaskId)
}

// GetServiceInstanceId returns the ID of the service instance restored, or ""
// when t or the field is nil.
func (t *RestoreTask) GetServiceInstanceId() string {
	if t == nil {
		return ""
	}
	return deref(t.ServiceInstanceId)
}

// GetBackupId returns the ID of the backup restored from, or "" when t or the
// field is nil.
func (t *RestoreTask) GetBackupId() string {
	if t == nil {
		return ""
	}
	return deref(t.BackupId)
}

// GetStartTime returns the RFC 3339 time the restore job started, or "" when t
// or the field is nil.
func (t *RestoreTask) GetStartTime() string {
	if t == nil {
		return ""
	}
	return deref(t.StartTime)
}

// GetEndTime returns the RFC 3339 time the restore job ended, or "" when t or
// the field is nil.
func (t *RestoreTask) GetEndTime() string {
	if t == nil {
		return ""
	}
	return deref(t.EndTime)
}

// GetStatus returns the restore job's state, or "" when t or the field is nil.
func (t *RestoreTask) GetStatus() RestoreTaskStatus {
	if t == nil {
		return ""
	}
	return deref(t.Status)
}

// GetStatusDetail returns the details of the restore job's state, or "" when t
// or the field is nil.
func (t *RestoreTask) GetStatusDetail() string {
	if t == nil {
		return ""
	}
	return deref(t.StatusDetail)
}

// GetCreateTime returns the RFC 3339 time the restore job was created, or ""
// when t or the field is nil.
func (t *RestoreTask) GetCreateTime() string {
	if t == nil {
		return ""
	}
	return deref(t.CreateTime)
}

// GetModifiedTime returns the RFC 3339 time the restore job was last updated,
// or "" when t or the field is nil.
func (t *RestoreTask) GetModifiedTime() string {
	if t == nil {
		return ""
	}
	return deref(t.ModifiedTime)
}

// SetRestoreTaskId sets the restore job ID and returns t for chaining.
func (t *RestoreTask) SetRestoreTaskId(v string) *RestoreTask {
	t.RestoreTaskId = &v
	return t
}

// SetServiceInstanceId sets the ID of the service instance restored and
// returns t for chaining.
func (t *RestoreTask) SetServiceInstanceId(v string) *RestoreTask {
	t.ServiceInstanceId = &v
	return t
}

// SetBackupId sets the ID of the backup restored from and returns t for
// chaining.
func (t *RestoreTask) SetBackupId(v string) *RestoreTask {
	t.BackupId = &v
	return t
}

// SetStartTime sets the RFC 3339 time the restore job started and returns t
// for chaining.
func (t *RestoreTask) SetStartTime(v string) *RestoreTask {
	t.StartTime = &v
	return t
}

// SetEndTime sets the RFC 3339 time the restore job ended and returns t for
// chaining.
func (t *RestoreTask) SetEndTime(v string) *RestoreTask {
	t.EndTime = &v
	return t
}

// SetStatus sets the restore job's state and returns t for chaining.
func (t *RestoreTask) SetStatus(v RestoreTaskStatus) *RestoreTask {
	t.Status = &v
	return t
}

// SetStatusDetail sets the details of the restore job's state and returns t
// for chaining.
func (t *RestoreTask) SetStatusDetail(v string) *RestoreTask {
	t.StatusDetail = &v
	return t
}

// SetCreateTime sets the RFC 3339 time the restore job was created and returns
// t for chaining.
func (t *RestoreTask) SetCreateTime(v string) *RestoreTask {
	t.CreateTime = &v
	return t
}

// SetModifiedTime sets the RFC 3339 time the restore job was last updated and
// returns t for chaining.
func (t *RestoreTask) SetModifiedTime(v string) *RestoreTask {
	t.ModifiedTime = &v
	return t
}

// StartTimeValue parses StartTime, when the restore job started. An absent or
// empty field gives the zero time and a nil error; a malformed one gives a
// *TimeError naming "RestoreTask.StartTime".
func (t *RestoreTask) StartTimeValue() (time.Time, error) {
	if t == nil {
		return time.Time{}, nil
	}
	return parseField("RestoreTask.StartTime", t.StartTime)
}

// EndTimeValue parses EndTime, when the restore job ended. An absent or empty
// field gives the zero time and a nil error; a malformed one gives a
// *TimeError naming "RestoreTask.EndTime".
func (t *RestoreTask) EndTimeValue() (time.Time, error) {
	if t == nil {
		return time.Time{}, nil
	}
	return parseField("RestoreTask.EndTime", t.EndTime)
}

// CreateTimeValue parses CreateTime, when the restore job was created. An
// absent or empty field gives the zero time and a nil error; a malformed one
// gives a *TimeError naming "RestoreTask.CreateTime".
func (t *RestoreTask) CreateTimeValue() (time.Time, error) {
	if t == nil {
		return time.Time{}, nil
	}
	return parseField("RestoreTask.CreateTime", t.CreateTime)
}

// ModifiedTimeValue parses ModifiedTime, when the restore job was last
// updated. An absent or empty field gives the zero time and a nil error; a
// malformed one gives a *TimeError naming "RestoreTask.ModifiedTime".
func (t *RestoreTask) ModifiedTimeValue() (time.Time, error) {
	if t == nil {
		return time.Time{}, nil
	}
	return parseField("RestoreTask.ModifiedTime", t.ModifiedTime)
}

// Clone returns a deep copy of t that shares no memory with it; nil gives nil.
func (t *RestoreTask) Clone() *RestoreTask {
	if t == nil {
		return nil
	}
	return &RestoreTask{
		RestoreTaskId:     cloneOpt(t.RestoreTaskId),
		ServiceInstanceId: cloneOpt(t.ServiceInstanceId),
		BackupId:          cloneOpt(t.BackupId),
		StartTime:         cloneOpt(t.StartTime),
		EndTime:           cloneOpt(t.EndTime),
		Status:            cloneOpt(t.Status),
		StatusDetail:      cloneOpt(t.StatusDetail),
		CreateTime:        cloneOpt(t.CreateTime),
		ModifiedTime:      cloneOpt(t.ModifiedTime),
	}
}
