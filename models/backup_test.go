package models

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestBackupNilGetters(t *testing.T) {
	var b *Backup
	if b.GetBackupId() != "" || b.GetServiceInstanceId() != "" || b.GetStartTime() != "" ||
		b.GetEndTime() != "" || b.GetStatus() != "" || b.GetDescription() != "" ||
		b.GetBackupMode() != "" || b.GetRetentionDays() != 0 || b.GetStatusDetail() != "" ||
		b.GetModifiedTime() != "" || b.GetCreateTime() != "" || b.HasRetention() {
		t.Error("nil *Backup getters should return zero values")
	}
	for name, fn := range map[string]func() (time.Time, error){
		"StartTimeValue": b.StartTimeValue, "EndTimeValue": b.EndTimeValue,
		"CreateTimeValue": b.CreateTimeValue, "ModifiedTimeValue": b.ModifiedTimeValue,
	} {
		if got, err := fn(); !got.IsZero() || err != nil {
			t.Errorf("nil %s = %v, %v", name, got, err)
		}
	}
	if exp, ok, err := b.ExpiresAt(); !exp.IsZero() || ok || err != nil {
		t.Errorf("nil ExpiresAt = %v, %v, %v", exp, ok, err)
	}
}

func TestBackupSettersChain(t *testing.T) {
	b := new(Backup).
		SetBackupId("backup-1").
		SetServiceInstanceId("si-1").
		SetStartTime("2025-06-30T16:00:00Z").
		SetEndTime("2025-06-30T17:00:00Z").
		SetStatus(BackupStatusCreated).
		SetDescription("nightly").
		SetBackupMode(BackupModeManual).
		SetRetentionDays(0).
		SetStatusDetail("ok").
		SetModifiedTime("2025-06-30T17:00:00Z").
		SetCreateTime("2025-06-30T16:00:00Z")
	for _, c := range []struct{ name, got, want string }{
		{"BackupId", b.GetBackupId(), "backup-1"},
		{"ServiceInstanceId", b.GetServiceInstanceId(), "si-1"},
		{"StartTime", b.GetStartTime(), "2025-06-30T16:00:00Z"},
		{"EndTime", b.GetEndTime(), "2025-06-30T17:00:00Z"},
		{"Status", string(b.GetStatus()), "Created"},
		{"Description", b.GetDescription(), "nightly"},
		{"BackupMode", string(b.GetBackupMode()), "Manual"},
		{"StatusDetail", b.GetStatusDetail(), "ok"},
		{"ModifiedTime", b.GetModifiedTime(), "2025-06-30T17:00:00Z"},
		{"CreateTime", b.GetCreateTime(), "2025-06-30T16:00:00Z"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	// Zero retention is present, unlike absent retention.
	if !b.HasRetention() || b.GetRetentionDays() != 0 {
		t.Errorf("RetentionDays 0: HasRetention=%v", b.HasRetention())
	}
	if exp, ok, err := b.ExpiresAt(); err != nil || !ok || !exp.Equal(mustTime(t, "2025-06-30T16:00:00Z")) {
		t.Errorf("ExpiresAt with 0 days = %v, %v, %v", exp, ok, err)
	}
}

func TestBackupExpiresAt(t *testing.T) {
	for _, c := range []struct {
		name    string
		b       *Backup
		want    string
		ok      bool
		wantErr bool
	}{
		{"no retention never expires", new(Backup).SetCreateTime("2024-09-03T19:54:38+08:00"), "", false, false},
		{"retention without create time", new(Backup).SetRetentionDays(3), "", false, false},
		{"offset create time", new(Backup).SetCreateTime("2024-09-03T19:54:38+08:00").SetRetentionDays(7), "2024-09-10T11:54:38Z", true, false},
		{"across month end", new(Backup).SetCreateTime("2024-02-28T23:00:00Z").SetRetentionDays(2), "2024-03-01T23:00:00Z", true, false},
		{"malformed create time", new(Backup).SetCreateTime("soon").SetRetentionDays(1), "", false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok, err := c.b.ExpiresAt()
			if ok != c.ok || (err != nil) != c.wantErr {
				t.Fatalf("ExpiresAt = %v, %v, %v", got, ok, err)
			}
			if c.wantErr {
				var te *TimeError
				if !errors.As(err, &te) || te.Field != "Backup.CreateTime" {
					t.Errorf("error = %v, want *TimeError on Backup.CreateTime", err)
				}
			}
			if c.ok && !got.Equal(mustTime(t, c.want)) {
				t.Errorf("ExpiresAt = %v, want %s", got, c.want)
			}
			if !c.ok && !got.IsZero() {
				t.Errorf("ExpiresAt = %v, want zero time", got)
			}
		})
	}
}

func TestBackupTimeAccessors(t *testing.T) {
	b := new(Backup).
		SetStartTime("2024-09-03T19:54:38+08:00").
		SetEndTime("").         // empty means unset
		SetCreateTime("bogus"). // malformed
		SetModifiedTime("2024-09-03T11:54:38.250Z")
	if got, err := b.StartTimeValue(); err != nil || !got.Equal(mustTime(t, "2024-09-03T11:54:38Z")) {
		t.Errorf("StartTimeValue = %v, %v", got, err)
	}
	if got, err := b.EndTimeValue(); err != nil || !got.IsZero() {
		t.Errorf("EndTimeValue of empty = %v, %v; want zero, nil", got, err)
	}
	if got, err := new(Backup).EndTimeValue(); err != nil || !got.IsZero() {
		t.Errorf("EndTimeValue of absent = %v, %v; want zero, nil", got, err)
	}
	if got, err := b.ModifiedTimeValue(); err != nil || got.Nanosecond() != 250_000_000 {
		t.Errorf("ModifiedTimeValue = %v, %v; want fractional seconds kept", got, err)
	}
	got, err := b.CreateTimeValue()
	var te *TimeError
	if !errors.As(err, &te) || !got.IsZero() {
		t.Fatalf("CreateTimeValue = %v, %v; want zero and *TimeError", got, err)
	}
	if te.Field != "Backup.CreateTime" || te.Value != "bogus" || te.Err == nil {
		t.Errorf("TimeError = %+v", te)
	}
	if msg := err.Error(); !strings.Contains(msg, "Backup.CreateTime") || !strings.Contains(msg, `"bogus"`) {
		t.Errorf("message %q should name the field and the value", msg)
	}
	var pe *time.ParseError
	if !errors.As(err, &pe) {
		t.Errorf("error should unwrap to *time.ParseError: %v", err)
	}
	for name, fn := range map[string]func() (time.Time, error){
		"Backup.StartTime":    new(Backup).SetStartTime("x").StartTimeValue,
		"Backup.EndTime":      new(Backup).SetEndTime("x").EndTimeValue,
		"Backup.ModifiedTime": new(Backup).SetModifiedTime("x").ModifiedTimeValue,
	} {
		if _, err := fn(); !errors.As(err, &te) || te.Field != name {
			t.Errorf("%s: error = %v, want *TimeError naming it", name, err)
		}
	}
}
