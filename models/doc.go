// Package models holds the request and response types of Alibaba Cloud
// Compute Nest's ListBackups and ListRestoreTasks actions (API version
// 2021-06-01), with their filters, status values, validation and time
// accessors.
//
// The package is pure data: it performs no I/O and depends only on the
// standard library, so the client, the fake server and user code can all
// share it. Optional fields are pointers so that "absent" and "zero" stay
// distinct; getters are nil-safe and return plain values, and setters chain:
//
//	req := new(models.ListBackupsRequest).
//		SetMaxResults(50).
//		AddFilter(
//			models.FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71"),
//			models.FilterByBackupStatus(models.BackupStatusCreated),
//		)
//	if err := req.Validate(); err != nil {
//		// err is a *models.ValidationError naming the offending field.
//	}
//
// Status and mode values the service adds after this package was written
// decode and re-encode unchanged; IsKnown reports whether a value is one
// this package documents.
package models
