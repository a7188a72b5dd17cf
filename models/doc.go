// Package models holds the request and response types of Alibaba Cloud
// Compute Nest's ListBackups and ListRestoreTasks actions (API version
// 2021-06-01), with their filters, status values, validation and time
// accessors.
//
// The package is pure data: it performs no I/O and depends only on the
// standard library, so the client, the fake server and user code can all
// share it. Types and JSON names are the API's own. Optional fields are
// pointers so that "absent" and "zero" stay distinct; getters are nil-safe
// and return plain values, and setters chain:
//
//	req := new(models.ListBackupsRequest).
//		SetMaxResults(50).
//		FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71").
//		FilterByStatus(models.BackupStatusCreated)
//	if err := req.Validate(); err != nil {
//		// err is a *models.ValidationError naming the offending field.
//	}
//
// # Requests and filters
//
// ListBackupsRequest and ListRestoreTasksRequest carry MaxResults (1 to
// 100; the service uses 20 when it is absent), NextToken and Filter, all
// optional. Filters with different names are ANDed and the values of one
// filter are ORed. Each request has its own filter type, BackupFilter and
// RestoreTaskFilter, and its own chainable FilterBy methods, so a filter of
// one action does not compile for the other: FilterByServiceInstanceId,
// FilterByStatus (of the action's own status type), FilterByStartTime (items
// that started at or after a time) and FilterByEndTime (items that ended at
// or before it) on both, FilterByBackupId on ListBackupsRequest and
// FilterByRestoreTaskId on ListRestoreTasksRequest. Validate reports what the
// service would reject before anything is sent: a filter name the action
// does not accept, a time that is not RFC 3339 or is the zero time, a start
// later than the end; AddUncheckedFilter sends a name this package does not
// know yet.
//
// # Items, statuses and times
//
// Backup and RestoreTask keep times as the service sent them, which mixes
// "Z" and "+08:00" offsets and does not guarantee that EndTime follows
// StartTime; StartTimeValue, EndTimeValue, CreateTimeValue and
// ModifiedTimeValue parse them, and ParseTime and FormatTime convert
// single values. Backup.ExpiresAt adds RetentionDays to CreateTime.
//
// BackupStatus, RestoreTaskStatus and BackupMode are plain strings, so
// values the service adds after this package was written decode and
// re-encode unchanged; IsKnown reports whether a value is one this package
// documents, and IsTerminal treats unknown values as terminal, so that code
// waiting on a status never polls forever.
package models
