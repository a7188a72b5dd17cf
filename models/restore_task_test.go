package models

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRestoreTaskNilGetters(t *testing.T) {
	var rt *RestoreTask
	if rt.GetRestoreTaskId() != "" || rt.GetServiceInstanceId() != "" || rt.GetBackupId() != "" ||
		rt.GetStartTime() != "" || rt.GetEndTime() != "" || rt.GetStatus() != "" ||
		rt.GetStatusDetail() != "" || rt.GetCreateTime() != "" || rt.GetModifiedTime() != "" {
		t.Error("nil *RestoreTask getters should return zero values")
	}
	for name, fn := range map[string]func() (time.Time, error){
		"StartTimeValue": rt.StartTimeValue, "EndTimeValue": rt.EndTimeValue,
		"CreateTimeValue": rt.CreateTimeValue, "ModifiedTimeValue": rt.ModifiedTimeValue,
	} {
		if got, err := fn(); !got.IsZero() || err != nil {
			t.Errorf("nil %s = %v, %v", name, got, err)
		}
	}
}

func TestRestoreTaskSettersChain(t *testing.T) {
	rt := new(RestoreTask).
		SetRestoreTaskId("restore-1").
		SetServiceInstanceId("si-1").
		SetBackupId("backup-1").
		SetStartTime("2025-01-27T16:00:00Z").
		SetEndTime("2025-01-27T18:00:00Z").
		SetStatus(RestoreTaskStatusRestoreFailed).
		SetStatusDetail("i-xxxx failed").
		SetCreateTime("2023-09-07T11:37:37Z").
		SetModifiedTime("2025-05-07T12:16:16Z")
	for _, c := range []struct{ name, got, want string }{
		{"RestoreTaskId", rt.GetRestoreTaskId(), "restore-1"},
		{"ServiceInstanceId", rt.GetServiceInstanceId(), "si-1"},
		{"BackupId", rt.GetBackupId(), "backup-1"},
		{"StartTime", rt.GetStartTime(), "2025-01-27T16:00:00Z"},
		{"EndTime", rt.GetEndTime(), "2025-01-27T18:00:00Z"},
		{"Status", string(rt.GetStatus()), "RestoreFailed"},
		{"StatusDetail", rt.GetStatusDetail(), "i-xxxx failed"},
		{"CreateTime", rt.GetCreateTime(), "2023-09-07T11:37:37Z"},
		{"ModifiedTime", rt.GetModifiedTime(), "2025-05-07T12:16:16Z"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if !rt.GetStatus().IsTerminal() || !rt.GetStatus().IsFailure() {
		t.Error("RestoreFailed should be a terminal failure")
	}
}

func TestRestoreTaskTimeAccessors(t *testing.T) {
	rt := new(RestoreTask).SetStartTime("2025-01-28T00:00:00+08:00").SetEndTime("")
	if got, err := rt.StartTimeValue(); err != nil || !got.Equal(mustTime(t, "2025-01-27T16:00:00Z")) {
		t.Errorf("StartTimeValue = %v, %v", got, err)
	}
	if got, err := rt.EndTimeValue(); err != nil || !got.IsZero() {
		t.Errorf("EndTimeValue of empty = %v, %v; want zero, nil", got, err)
	}
	for name, fn := range map[string]func() (time.Time, error){
		"RestoreTask.StartTime":    new(RestoreTask).SetStartTime("2025-01-27").StartTimeValue,
		"RestoreTask.EndTime":      new(RestoreTask).SetEndTime("2025-01-27").EndTimeValue,
		"RestoreTask.CreateTime":   new(RestoreTask).SetCreateTime("2025-01-27").CreateTimeValue,
		"RestoreTask.ModifiedTime": new(RestoreTask).SetModifiedTime("2025-01-27").ModifiedTimeValue,
	} {
		got, err := fn()
		var te *TimeError
		if !errors.As(err, &te) || !got.IsZero() {
			t.Errorf("%s: = %v, %v; want zero and *TimeError", name, got, err)
			continue
		}
		if te.Field != name || te.Value != "2025-01-27" {
			t.Errorf("%s: TimeError = %+v", name, te)
		}
		if msg := err.Error(); !strings.Contains(msg, name) || !strings.Contains(msg, `"2025-01-27"`) {
			t.Errorf("%s: message %q should name the field and the value", name, msg)
		}
	}
}
