package models

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestValidateValid(t *testing.T) {
	var nilB *ListBackupsRequest
	var nilR *ListRestoreTasksRequest
	full := new(ListBackupsRequest).SetMaxResults(100).SetNextToken("AAAA").
		FilterByBackupId("backup-1").
		FilterByServiceInstanceId("si-1", "si-2").
		FilterByStatus(BackupStatusCreated, "SomeFutureStatus"). // statuses are open-ended
		AddFilter(bf(FilterStartTime, "2024-09-03T19:54:38+08:00"), bf(FilterEndTime, "2025-06-30T16:00:00.5Z"))
	fullR := new(ListRestoreTasksRequest).SetMaxResults(1).SetNextToken("BBBB").
		FilterByRestoreTaskId("restore-1").
		FilterByServiceInstanceId("si-1").
		FilterByStatus("Whatever").
		FilterByStartTime(mustTime(t, "2025-01-27T16:00:00Z")).
		FilterByEndTime(mustTime(t, "2025-01-27T18:00:00Z"))
	instant := mustTime(t, "2025-01-27T16:00:00Z")
	for name, r := range map[string]listRequest{
		"nil backups":    nilB,
		"nil restore":    nilR,
		"empty backups":  new(ListBackupsRequest),
		"empty restore":  new(ListRestoreTasksRequest),
		"full backups":   full,
		"full restore":   fullR,
		"min page":       new(ListBackupsRequest).SetMaxResults(MinMaxResults),
		"empty filters":  new(ListBackupsRequest).SetFilter(),
		"empty token ok": new(ListRestoreTasksRequest).SetNextToken(""),
		// An equal start and end can match an item that took no time; the
		// same instant in another offset is equal too.
		"equal start and end": new(ListBackupsRequest).FilterByStartTime(instant).FilterByEndTime(instant),
		"equal across offsets": new(ListRestoreTasksRequest).
			AddFilter(rf(FilterEndTime, "2025-01-28T00:00:00+08:00"), rf(FilterStartTime, "2025-01-27T16:00:00Z")),
		// ORed values: the earliest start and the latest end count.
		"one start before the end": new(ListBackupsRequest).
			AddFilter(bf(FilterStartTime, "2025-03-01T00:00:00Z", "2025-01-01T00:00:00Z"), bf(FilterEndTime, "2025-02-01T00:00:00Z")),
		"one end after the start": new(ListBackupsRequest).
			AddFilter(bf(FilterEndTime, "2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z"), bf(FilterStartTime, "2025-03-01T00:00:00Z")),
		"start alone, even the far future": new(ListBackupsRequest).FilterByStartTime(mustTime(t, "9999-01-01T00:00:00Z")),
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("%s: Validate() = %v, want nil", name, err)
		}
	}
}

func TestValidateErrors(t *testing.T) {
	backupNames := []string{"BackupId", "ServiceInstanceId", "Status", "StartTime", "EndTime"}
	restoreNames := []string{"RestoreTaskId", "ServiceInstanceId", "Status", "StartTime", "EndTime"}
	for _, c := range []struct {
		name    string
		req     listRequest
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
		{"nil filter", new(ListBackupsRequest).FilterByBackupId("b").AddFilter(nil),
			"ListBackupsRequest.Filter[2]", "", nil, "nil"},
		{"absent name", new(ListRestoreTasksRequest).AddFilter(&RestoreTaskFilter{Value: []string{"x"}}),
			"ListRestoreTasksRequest.Filter[1].Name", "", restoreNames, "empty"},
		{"empty name", new(ListBackupsRequest).AddFilter(bf("", "x")),
			"ListBackupsRequest.Filter[1].Name", "", backupNames, "empty"},
		{"unknown name", new(ListBackupsRequest).FilterByBackupId("b").FilterByServiceInstanceId("si").AddFilter(bf("Foo", "x")),
			"ListBackupsRequest.Filter[3].Name", "Foo", backupNames, "not a filter of ListBackups"},
		{"restore name on backups", new(ListBackupsRequest).AddFilter(bf(FilterRestoreTaskId, "r")),
			"ListBackupsRequest.Filter[1].Name", "RestoreTaskId", backupNames, "not a filter of ListBackups"},
		{"backup name on restores", new(ListRestoreTasksRequest).AddFilter(rf(FilterBackupId, "b")),
			"ListRestoreTasksRequest.Filter[1].Name", "BackupId", restoreNames, "not a filter of ListRestoreTasks"},
		{"name is case-sensitive", new(ListBackupsRequest).AddFilter(bf("status", "Created")),
			"ListBackupsRequest.Filter[1].Name", "status", backupNames, "not a filter"},
		{"no values", new(ListBackupsRequest).FilterByStatus(),
			"ListBackupsRequest.Filter[1].Value", "", nil, "at least one value"},
		{"empty value list", new(ListRestoreTasksRequest).AddFilter(&RestoreTaskFilter{Name: ptrTo(FilterStatus), Value: []string{}}),
			"ListRestoreTasksRequest.Filter[1].Value", "", nil, "at least one value"},
		{"empty value", new(ListBackupsRequest).FilterByServiceInstanceId("si-1", ""),
			"ListBackupsRequest.Filter[1].Value[2]", "", nil, "empty"},
		{"bad start time", new(ListBackupsRequest).AddFilter(bf(FilterStartTime, "2024-09-03 11:54:38")),
			"ListBackupsRequest.Filter[1].Value[1]", "2024-09-03 11:54:38", nil, "2006-01-02T15:04:05Z"},
		{"bad end time", new(ListRestoreTasksRequest).FilterByServiceInstanceId("si").AddFilter(rf(FilterEndTime, "2025-01-27T18:00:00Z", "tomorrow")),
			"ListRestoreTasksRequest.Filter[2].Value[2]", "tomorrow", nil, "RFC 3339"},
		{"empty time value", new(ListRestoreTasksRequest).AddFilter(rf(FilterStartTime, "")),
			"ListRestoreTasksRequest.Filter[1].Value[1]", "", nil, "empty"},
		{"zero start time", new(ListBackupsRequest).FilterByStartTime(time.Time{}),
			"ListBackupsRequest.Filter[1].Value[1]", "0001-01-01T00:00:00Z", nil, "zero time"},
		{"zero end time", new(ListRestoreTasksRequest).FilterByStartTime(mustTime(t, "2025-01-01T00:00:00Z")).FilterByEndTime(time.Time{}),
			"ListRestoreTasksRequest.Filter[2].Value[1]", "0001-01-01T00:00:00Z", nil, "zero time"},
		{"zero time in another offset", new(ListRestoreTasksRequest).AddFilter(rf(FilterEndTime, "2025-01-01T00:00:00Z", "0001-01-01T08:00:00+08:00")),
			"ListRestoreTasksRequest.Filter[1].Value[2]", "0001-01-01T08:00:00+08:00", nil, "zero time"},
		{"zero time, unchecked", new(ListBackupsRequest).AddUncheckedFilter(FilterStartTime, "0001-01-01T00:00:00Z"),
			"ListBackupsRequest.Filter[1].Value[1]", "0001-01-01T00:00:00Z", nil, "zero time"},
		{"reversed range", new(ListBackupsRequest).FilterByStartTime(mustTime(t, "2025-02-01T00:00:00Z")).FilterByEndTime(mustTime(t, "2025-01-01T00:00:00Z")),
			"ListBackupsRequest.Filter[1].Value[1]", "2025-02-01T00:00:00Z", nil, `later than EndTime "2025-01-01T00:00:00Z" (ListBackupsRequest.Filter[2].Value[1])`},
		{"reversed by one second, end first", new(ListRestoreTasksRequest).
			FilterByEndTime(mustTime(t, "2025-01-01T00:00:00Z")).FilterByServiceInstanceId("si").FilterByStartTime(mustTime(t, "2025-01-01T00:00:01Z")),
			"ListRestoreTasksRequest.Filter[3].Value[1]", "2025-01-01T00:00:01Z", nil, "nothing could match"},
		{"reversed with ORed values", new(ListBackupsRequest).
			AddFilter(bf(FilterStartTime, "2025-03-01T00:00:00Z", "2025-02-01T00:00:00Z"), bf(FilterEndTime, "2025-01-15T00:00:00Z", "2025-01-01T00:00:00Z")),
			"ListBackupsRequest.Filter[1].Value[2]", "2025-02-01T00:00:00Z", nil, `EndTime "2025-01-15T00:00:00Z" (ListBackupsRequest.Filter[2].Value[1])`},
		{"reversed by the later of two ANDed starts", new(ListBackupsRequest).
			FilterByStartTime(mustTime(t, "2025-01-01T00:00:00Z")).FilterByStartTime(mustTime(t, "2025-03-01T00:00:00Z")).FilterByEndTime(mustTime(t, "2025-02-01T00:00:00Z")),
			"ListBackupsRequest.Filter[2].Value[1]", "2025-03-01T00:00:00Z", nil, "later than EndTime"},
		{"reversed by the earlier of two ANDed ends", new(ListBackupsRequest).
			FilterByEndTime(mustTime(t, "2025-03-01T00:00:00Z")).FilterByEndTime(mustTime(t, "2025-01-01T00:00:00Z")).FilterByStartTime(mustTime(t, "2025-02-01T00:00:00Z")),
			"ListBackupsRequest.Filter[3].Value[1]", "2025-02-01T00:00:00Z", nil, "(ListBackupsRequest.Filter[2].Value[1])"},
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
		req  listRequest
		want string
	}{
		{new(ListBackupsRequest).SetMaxResults(0),
			`models: invalid ListBackupsRequest.MaxResults "0": must be between 1 and 100`},
		{new(ListBackupsRequest).FilterByBackupId("b").FilterByServiceInstanceId("si").AddFilter(bf("Foo", "x")),
			`models: invalid ListBackupsRequest.Filter[3].Name "Foo": not a filter of ListBackups (AddUncheckedFilter sends a name the SDK does not know) (allowed: BackupId, ServiceInstanceId, Status, StartTime, EndTime)`},
		{new(ListRestoreTasksRequest).FilterByStatus(),
			`models: invalid ListRestoreTasksRequest.Filter[1].Value: must have at least one value`},
		{new(ListBackupsRequest).FilterByEndTime(time.Time{}),
			`models: invalid ListBackupsRequest.Filter[1].Value[1] "0001-01-01T00:00:00Z": the zero time (an unset time.Time?): give a real time or leave the filter out`},
		{new(ListBackupsRequest).FilterByStartTime(time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)).FilterByEndTime(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)),
			`models: invalid ListBackupsRequest.Filter[1].Value[1] "2025-02-01T00:00:00Z": StartTime is later than EndTime "2025-01-01T00:00:00Z" (ListBackupsRequest.Filter[2].Value[1]), so nothing could match: swap them`},
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

func ptrTo[T any](v T) *T { return &v }
