package models

import "slices"

// BackupStatus is the state of a backup. It is a plain string so that values
// the service adds later decode and re-encode unchanged.
type BackupStatus string

// Documented backup states.
const (
	// BackupStatusCreating means the backup is being taken.
	BackupStatusCreating BackupStatus = "Creating"
	// BackupStatusCreated means the backup completed and can be restored.
	BackupStatusCreated BackupStatus = "Created"
	// BackupStatusCreateFailed means taking the backup failed.
	BackupStatusCreateFailed BackupStatus = "CreateFailed"
	// BackupStatusDeleting means the backup is being deleted.
	BackupStatusDeleting BackupStatus = "Deleting"
	// BackupStatusDeleted means the backup has been deleted.
	BackupStatusDeleted BackupStatus = "Deleted"
	// BackupStatusDeleteFailed means deleting the backup failed.
	BackupStatusDeleteFailed BackupStatus = "DeleteFailed"
)

// BackupStatuses returns the documented backup states in a new slice.
func BackupStatuses() []BackupStatus {
	return []BackupStatus{
		BackupStatusCreating, BackupStatusCreated, BackupStatusCreateFailed,
		BackupStatusDeleting, BackupStatusDeleted, BackupStatusDeleteFailed,
	}
}

// String returns the status as sent on the wire.
func (s BackupStatus) String() string { return string(s) }

// IsKnown reports whether s is one of the documented backup states.
func (s BackupStatus) IsKnown() bool { return slices.Contains(BackupStatuses(), s) }

// IsTerminal reports whether s is a state the backup stays in without further
// action. Unknown values are treated as terminal so that a waiter stops and
// reports them rather than polling forever.
func (s BackupStatus) IsTerminal() bool {
	return s != BackupStatusCreating && s != BackupStatusDeleting
}

// IsFailure reports whether s records a failed operation. Deleted is terminal
// but not a failure.
func (s BackupStatus) IsFailure() bool {
	return s == BackupStatusCreateFailed || s == BackupStatusDeleteFailed
}

// RestoreTaskStatus is the state of a restore job. It is a plain string so
// that values the service adds later decode and re-encode unchanged.
type RestoreTaskStatus string

// Documented restore job states.
const (
	// RestoreTaskStatusRestoring means the restore job is running.
	RestoreTaskStatusRestoring RestoreTaskStatus = "Restoring"
	// RestoreTaskStatusRestored means the restore job completed.
	RestoreTaskStatusRestored RestoreTaskStatus = "Restored"
	// RestoreTaskStatusRestoreFailed means the restore job failed.
	RestoreTaskStatusRestoreFailed RestoreTaskStatus = "RestoreFailed"
)

// RestoreTaskStatuses returns the documented restore job states in a new slice.
func RestoreTaskStatuses() []RestoreTaskStatus {
	return []RestoreTaskStatus{
		RestoreTaskStatusRestoring, RestoreTaskStatusRestored, RestoreTaskStatusRestoreFailed,
	}
}

// String returns the status as sent on the wire.
func (s RestoreTaskStatus) String() string { return string(s) }

// IsKnown reports whether s is one of the documented restore job states.
func (s RestoreTaskStatus) IsKnown() bool { return slices.Contains(RestoreTaskStatuses(), s) }

// IsTerminal reports whether the restore job has finished. Unknown values are
// treated as terminal so that a waiter stops and reports them rather than
// polling forever.
func (s RestoreTaskStatus) IsTerminal() bool { return s != RestoreTaskStatusRestoring }

// IsFailure reports whether the restore job failed.
func (s RestoreTaskStatus) IsFailure() bool { return s == RestoreTaskStatusRestoreFailed }

// BackupMode says how a backup was started. It is a plain string so that
// modes the service adds later decode and re-encode unchanged.
type BackupMode string

// BackupModeManual is a backup started on request rather than on a schedule.
const BackupModeManual BackupMode = "Manual"

// BackupModes returns the documented backup modes in a new slice.
func BackupModes() []BackupMode { return []BackupMode{BackupModeManual} }

// String returns the mode as sent on the wire.
func (m BackupMode) String() string { return string(m) }

// IsKnown reports whether m is one of the documented backup modes.
func (m BackupMode) IsKnown() bool { return slices.Contains(BackupModes(), m) }
