package models

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestValidateValid(t *testing.T) {
	var nilB *ListBackupsRequest
	var nilR *ListRestoreTasksRequest
	full := new(ListBackupsRequest).SetMaxResults(100).SetNextToken("AAAA").AddFilter(
		FilterByBackupId("backup-1"),
		FilterByServiceInstanceId("si-1", "si-2"),
		FilterByBackupStatus(BackupStatusCreated, "SomeFutureStatus"), // statuses are open-ended
		NewFilter(FilterStartTime, "2024-09-03T19:54:38+08:00"),
		NewFilter(FilterEndTime, "2025-06-30T16:00:00.5Z"),
	)
	fullR := new(ListRestoreTasksRequest).SetMaxResults(1).SetNextToken("BBBB").AddFilter(
		FilterByRestoreTaskId("restore-1"),
		FilterByServiceInstanceId("si-1"),
		FilterByRestoreTaskStatus("Whatever"),
		FilterByStartTime(mustTime(t, "2025-01-27T16:00:00Z")),
		FilterByEndTime(mustTime(t, "2025-01-27T18:00:00Z")),
	)
	for name, r := range map[string]ListRequest{
		"nil backups":    nilB,
		"nil restore":    nilR,
		"empty backups":  new(ListBackupsRequest),
		"empty restore":  new(ListRestoreTasksRequest),
		"full backups":   full,
		"full restore":   fullR,
		"min page":       new(ListBackupsRequest).SetMaxResults(MinMaxResults),
		"empty filters":  new(ListBackupsRequest).SetFilter(),
		"empty token ok": new(ListRestoreTasksRequest).SetNextToken(""),
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("%s: Validate() = %v, want nil", name, err)
		}
	}
}

func TestValidateErrors(t *testing.T) {
	backupNames := BackupFilterNames()
	restoreNames := RestoreTaskFilterNames()
	for _, c := range []struct {
		name    string
		req     ListRequest
		field   string
		value   string
		allowed []string
		reason  string // a substring of Reason
	}{
		{"MaxResults zero", new(ListBackupsRequest).SetMaxResults(0),
			"ListBackupsRequest.MaxResults", "0", nil, "between 1 and 100"},
		{"MaxResults negative", new(ListRestoreTasksRequest).SetMaxResults(-5),
			"ListRestoreTasksRequest.MaxResults", "-5", nil, "between 1 and 100"},
		{"MaxResults too big", new(ListBackupsRequest).SetMaxResults(101),
			"ListBackupsRequest.MaxResults", "101", nil, "between 1 and 100"},
		{"nil filter", new(ListBackupsRequest).AddFilter(FilterByBackupId("b"), nil),
			"ListBackupsRequest.Filter[2]", "", nil, "nil"},
		{"absent name", new(ListRestoreTasksRequest).AddFilter(&Filter{Value: []string{"x"}}),
			"ListRestoreTasksRequest.Filter[1].Name", "", restoreNames, "empty"},
		{"empty name", new(ListBackupsRequest).AddFilter(NewFilter("", "x")),
			"ListBackupsRequest.Filter[1].Name", "", backupNames, "empty"},
		{"unknown name", new(ListBackupsRequest).AddFilter(FilterByBackupId("b"), FilterByServiceInstanceId("si"), NewFilter("Foo", "x")),
			"ListBackupsRequest.Filter[3].Name", "Foo", backupNames, "not a filter of ListBackups"},
		{"restore name on backups", new(ListBackupsRequest).AddFilter(FilterByRestoreTaskId("r")),
			"ListBackupsRequest.Filter[1].Name", "RestoreTaskId", backupNames, "not a filter of ListBackups"},
		{"backup name on restores", new(ListRestoreTasksRequest).AddFilter(FilterByBackupId("b")),
			"ListRestoreTasksRequest.Filter[1].Name", "BackupId", restoreNames, "not a filter of ListRestoreTasks"},
		{"name is case-sensitive", new(ListBackupsRequest).AddFilter(NewFilter("status", "Created")),
			"ListBackupsRequest.Filter[1].Name", "status", backupNames, "not a filter"},
		{"no values", new(ListBackupsRequest).AddFilter(NewFilter(FilterStatus)),
			"ListBackupsRequest.Filter[1].Value", "", nil, "at least one value"},
		{"empty value list", new(ListRestoreTasksRequest).AddFilter((&Filter{Value: []string{}}).SetName(FilterStatus)),
			"ListRestoreTasksRequest.Filter[1].Value", "", nil, "at least one value"},
		{"empty value", new(ListBackupsRequest).AddFilter(FilterByServiceInstanceId("si-1", "")),
			"ListBackupsRequest.Filter[1].Value[2]", "", nil, "empty"},
		{"bad start time", new(ListBackupsRequest).AddFilter(NewFilter(FilterStartTime, "2024-09-03 11:54:38")),
			"ListBackupsRequest.Filter[1].Value[1]", "2024-09-03 11:54:38", nil, "2006-01-02T15:04:05Z"},
		{"bad end time", new(ListRestoreTasksRequest).AddFilter(FilterByServiceInstanceId("si"), NewFilter(FilterEndTime, "2025-01-27T18:00:00Z", "tomorrow")),
			"ListRestoreTasksRequest.Filter[2].Value[2]", "tomorrow", nil, "RFC 3339"},
		{"empty time value", new(ListRestoreTasksRequest).AddFilter(NewFilter(FilterStartTime, "")),
			"ListRestoreTasksRequest.Filter[1].Value[1]", "", nil, "empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.req.Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want *ValidationError", err)
			}
			if ve.Field != c.field || ve.Value != c.value || !slices.Equal(ve.Allowed, c.allowed) {
				t.Errorf("got Field %q Value %q Allowed %v; want %q %q %v", ve.Field, ve.Value, ve.Allowed, c.field, c.value, c.allowed)
			}
			if !strings.Contains(ve.Reason, c.reason) {
				t.Errorf("Reason %q should contain %q", ve.Reason, c.reason)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "models: invalid "+c.field) || !strings.Contains(msg, ve.Reason) {
				t.Errorf("message %q should name %s and the reason", msg, c.field)
			}
			for _, a := range c.allowed {
				if !strings.Contains(msg, a) {
					t.Errorf("message %q should list allowed name %s", msg, a)
				}
			}
		})
	}
}

func TestValidationErrorMessage(t *testing.T) {
	for _, c := range []struct {
		req  ListRequest
		want string
	}{
		{new(ListBackupsRequest).SetMaxResults(0),
			`models: invalid ListBackupsRequest.MaxResults "0": must be between 1 and 100`},
		{new(ListBackupsRequest).AddFilter(FilterByBackupId("b"), FilterByServiceInstanceId("si"), NewFilter("Foo", "x")),
			`models: invalid ListBackupsRequest.Filter[3].Name "Foo": not a filter of ListBackups (models.NewUncheckedFilter sends a name the SDK does not know) (allowed: BackupId, ServiceInstanceId, Status, StartTime, EndTime)`},
		{new(ListRestoreTasksRequest).AddFilter(NewFilter(FilterStatus)),
			`models: invalid ListRestoreTasksRequest.Filter[1].Value: must have at least one value`},
	} {
		if err := c.req.Validate(); err == nil || err.Error() != c.want {
			t.Errorf("Validate() = %v\nwant %s", err, c.want)
		}
	}
}

// Validation reports the first problem in wire order.
func TestValidateFirstProblemWins(t *testing.T) {
	r := new(ListBackupsRequest).SetMaxResults(0).AddFilter(nil)
	var ve *ValidationError
	if err := r.Validate(); !errors.As(err, &ve) || ve.Field != "ListBackupsRequest.MaxResults" {
		t.Errorf("Validate() = %v, want the MaxResults error first", err)
	}
}
