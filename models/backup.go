package models

import "time"

// Backup is one backup of a service instance, as listed by ListBackups.
// Every field is optional; the getters return zero values for absent ones.
// Times are kept as the service sent them (it mixes "Z" and "+08:00"
// offsets); the ...Value methods parse them.
type Backup struct {
	// BackupId is the backup ID, such as "backup-4e13aa8ca6a34150addd".
	BackupId *string `json:"BackupId,omitempty"`
	// ServiceInstanceId is the ID of the service instance backed up.
	ServiceInstanceId *string `json:"ServiceInstanceId,omitempty"`
	// StartTime is when the backup started, in RFC 3339.
	StartTime *string `json:"StartTime,omitempty"`
	// EndTime is when the backup ended, in RFC 3339. The service does not
	// guarantee it is after StartTime.
	EndTime *string `json:"EndTime,omitempty"`
	// Status is the backup's state.
	Status *BackupStatus `json:"Status,omitempty"`
	// Description is the backup's description.
	Description *string `json:"Description,omitempty"`
	// BackupMode says how the backup was started.
	BackupMode *BackupMode `json:"BackupMode,omitempty"`
	// RetentionDays is how many days the backup is kept before it is
	// cleaned up; absent means it never expires.
	RetentionDays *int32 `json:"RetentionDays,omitempty"`
	// StatusDetail explains the state, such as a failure message. It is
	// kept verbatim, trailing whitespace included.
	StatusDetail *string `json:"StatusDetail,omitempty"`
	// ModifiedTime is when the backup was last updated, in RFC 3339.
	ModifiedTime *string `json:"ModifiedTime,omitempty"`
	// CreateTime is when the backup was created, in RFC 3339.
	CreateTime *string `json:"CreateTime,omitempty"`
}

// GetBackupId returns the backup ID, or "" when b or the field is nil.
func (b *Backup) GetBackupId() string {
	if b == nil {
		return ""
	}
	return deref(b.BackupId)
}

// GetServiceInstanceId returns the ID of the service instance backed up, or ""
// when b or the field is nil.
func (b *Backup) GetServiceInstanceId() string {
	if b == nil {
		return ""
	}
	return deref(b.ServiceInstanceId)
}

// GetStartTime returns the RFC 3339 time the backup started, or "" when b or
// the field is nil.
func (b *Backup) GetStartTime() string {
	if b == nil {
		return ""
	}
	return deref(b.StartTime)
}

// GetEndTime returns the RFC 3339 time the backup ended, or "" when b or the
// field is nil.
func (b *Backup) GetEndTime() string {
	if b == nil {
		return ""
	}
	return deref(b.EndTime)
}

// GetStatus returns the backup's state, or "" when b or the field is nil.
func (b *Backup) GetStatus() BackupStatus {
	if b == nil {
		return ""
	}
	return deref(b.Status)
}

// GetDescription returns the backup's description, or "" when b or the field
// is nil.
func (b *Backup) GetDescription() string {
	if b == nil {
		return ""
	}
	return deref(b.Description)
}

// GetBackupMode returns how the backup was started, or "" when b or the field
// is nil.
func (b *Backup) GetBackupMode() BackupMode {
	if b == nil {
		return ""
	}
	return deref(b.BackupMode)
}

// GetRetentionDays returns the days the backup is kept, or 0 when b or the
// field is nil.
func (b *Backup) GetRetentionDays() int32 {
	if b == nil {
		return 0
	}
	return deref(b.RetentionDays)
}

// GetStatusDetail returns the details of the backup's state, or "" when b or
// the field is nil.
func (b *Backup) GetStatusDetail() string {
	if b == nil {
		return ""
	}
	return deref(b.StatusDetail)
}

// GetModifiedTime returns the RFC 3339 time the backup was last updated, or ""
// when b or the field is nil.
func (b *Backup) GetModifiedTime() string {
	if b == nil {
		return ""
	}
	return deref(b.ModifiedTime)
}

// GetCreateTime returns the RFC 3339 time the backup was created, or "" when b
// or the field is nil.
func (b *Backup) GetCreateTime() string {
	if b == nil {
		return ""
	}
	return deref(b.CreateTime)
}

// SetBackupId sets the backup ID and returns b for chaining.
func (b *Backup) SetBackupId(v string) *Backup {
	b.BackupId = &v
	return b
}

// SetServiceInstanceId sets the ID of the service instance backed up and
// returns b for chaining.
func (b *Backup) SetServiceInstanceId(v string) *Backup {
	b.ServiceInstanceId = &v
	return b
}

// SetStartTime sets the RFC 3339 time the backup started and returns b for
// chaining.
func (b *Backup) SetStartTime(v string) *Backup {
	b.StartTime = &v
	return b
}

// SetEndTime sets the RFC 3339 time the backup ended and returns b for
// chaining.
func (b *Backup) SetEndTime(v string) *Backup {
	b.EndTime = &v
	return b
}

// SetStatus sets the backup's state and returns b for chaining.
func (b *Backup) SetStatus(v BackupStatus) *Backup {
	b.Status = &v
	return b
}

// SetDescription sets the backup's description and returns b for chaining.
func (b *Backup) SetDescription(v string) *Backup {
	b.Description = &v
	return b
}

// SetBackupMode sets how the backup was started and returns b for chaining.
func (b *Backup) SetBackupMode(v BackupMode) *Backup {
	b.BackupMode = &v
	return b
}

// SetRetentionDays sets the days the backup is kept and returns b for chaining.
func (b *Backup) SetRetentionDays(v int32) *Backup {
	b.RetentionDays = &v
	return b
}

// SetStatusDetail sets the details of the backup's state and returns b for
// chaining.
func (b *Backup) SetStatusDetail(v string) *Backup {
	b.StatusDetail = &v
	return b
}

// SetModifiedTime sets the RFC 3339 time the backup was last updated and
// returns b for chaining.
func (b *Backup) SetModifiedTime(v string) *Backup {
	b.ModifiedTime = &v
	return b
}

// SetCreateTime sets the RFC 3339 time the backup was created and returns b
// for chaining.
func (b *Backup) SetCreateTime(v string) *Backup {
	b.CreateTime = &v
	return b
}

// HasRetention reports whether RetentionDays is present; a backup without it
// never expires.
func (b *Backup) HasRetention() bool { return b != nil && b.RetentionDays != nil }

// StartTimeValue parses StartTime, when the backup started. An absent or empty
// field gives the zero time and a nil error; a malformed one gives a
// *TimeError naming "Backup.StartTime".
func (b *Backup) StartTimeValue() (time.Time, error) {
	if b == nil {
		return time.Time{}, nil
	}
	return parseField("Backup.StartTime", b.StartTime)
}

// EndTimeValue parses EndTime, when the backup ended. An absent or empty field
// gives the zero time and a nil error; a malformed one gives a *TimeError
// naming "Backup.EndTime".
func (b *Backup) EndTimeValue() (time.Time, error) {
	if b == nil {
		return time.Time{}, nil
	}
	return parseField("Backup.EndTime", b.EndTime)
}

// CreateTimeValue parses CreateTime, when the backup was created. An absent or
// empty field gives the zero time and a nil error; a malformed one gives a
// *TimeError naming "Backup.CreateTime".
func (b *Backup) CreateTimeValue() (time.Time, error) {
	if b == nil {
		return time.Time{}, nil
	}
	return parseField("Backup.CreateTime", b.CreateTime)
}

// ModifiedTimeValue parses ModifiedTime, when the backup was last updated. An
// absent or empty field gives the zero time and a nil error; a malformed one
// gives a *TimeError naming "Backup.ModifiedTime".
func (b *Backup) ModifiedTimeValue() (time.Time, error) {
	if b == nil {
		return time.Time{}, nil
	}
	return parseField("Backup.ModifiedTime", b.ModifiedTime)
}

// ExpiresAt returns when the backup is due to be cleaned up: CreateTime plus
// RetentionDays days. ok is false when either field is absent, since a backup
// without RetentionDays never expires and one without CreateTime gives no
// starting point. A malformed CreateTime gives a *TimeError.
func (b *Backup) ExpiresAt() (t time.Time, ok bool, err error) {
	if !b.HasRetention() {
		return time.Time{}, false, nil
	}
	created, err := b.CreateTimeValue()
	if err != nil || created.IsZero() {
		return time.Time{}, false, err
	}
	// A day is taken as 24 hours: the parsed time carries a fixed offset,
	// so no daylight-saving shift applies.
	return created.Add(time.Duration(*b.RetentionDays) * 24 * time.Hour), true, nil
}

// Clone returns a deep copy of b that shares no memory with it; nil gives nil.
func (b *Backup) Clone() *Backup {
	if b == nil {
		return nil
	}
	return &Backup{
		BackupId:          cloneOpt(b.BackupId),
		ServiceInstanceId: cloneOpt(b.ServiceInstanceId),
		StartTime:         cloneOpt(b.StartTime),
		EndTime:           cloneOpt(b.EndTime),
		Status:            cloneOpt(b.Status),
		Description:       cloneOpt(b.Description),
		BackupMode:        cloneOpt(b.BackupMode),
		RetentionDays:     cloneOpt(b.RetentionDays),
		StatusDetail:      cloneOpt(b.StatusDetail),
		ModifiedTime:      cloneOpt(b.ModifiedTime),
		CreateTime:        cloneOpt(b.CreateTime),
	}
}
