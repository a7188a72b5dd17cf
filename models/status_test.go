package models

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestBackupStatus(t *testing.T) {
	for _, c := range []struct {
		s                        BackupStatus
		known, terminal, failure bool
	}{
		{BackupStatusCreating, true, false, false},
		{BackupStatusCreated, true, true, false},
		{BackupStatusCreateFailed, true, true, true},
		{BackupStatusDeleting, true, false, false},
		{BackupStatusDeleted, true, true, false},
		{BackupStatusDeleteFailed, true, true, true},
		{"Archiving", false, true, false},
		{"", false, true, false},
		{"creating", false, true, false}, // values are case-sensitive
	} {
		if got := c.s.IsKnown(); got != c.known {
			t.Errorf("%q.IsKnown() = %v, want %v", c.s, got, c.known)
		}
		if got := c.s.IsTerminal(); got != c.terminal {
			t.Errorf("%q.IsTerminal() = %v, want %v", c.s, got, c.terminal)
		}
		if got := c.s.IsFailure(); got != c.failure {
			t.Errorf("%q.IsFailure() = %v, want %v", c.s, got, c.failure)
		}
		if c.s.String() != string(c.s) {
			t.Errorf("String() = %q, want %q", c.s.String(), string(c.s))
		}
	}
}

func TestRestoreTaskStatus(t *testing.T) {
	for _, c := range []struct {
		s                        RestoreTaskStatus
		known, terminal, failure bool
	}{
		{RestoreTaskStatusRestoring, true, false, false},
		{RestoreTaskStatusRestored, true, true, false},
		{RestoreTaskStatusRestoreFailed, true, true, true},
		{"Cancelled", false, true, false},
	} {
		if got := c.s.IsKnown(); got != c.known {
			t.Errorf("%q.IsKnown() = %v, want %v", c.s, got, c.known)
		}
		if got := c.s.IsTerminal(); got != c.terminal {
			t.Errorf("%q.IsTerminal() = %v, want %v", c.s, got, c.terminal)
		}
		if got := c.s.IsFailure(); got != c.failure {
			t.Errorf("%q.IsFailure() = %v, want %v", c.s, got, c.failure)
		}
		if c.s.String() != string(c.s) {
			t.Errorf("String() = %q, want %q", c.s.String(), string(c.s))
		}
	}
}

func TestBackupMode(t *testing.T) {
	if !BackupModeManual.IsKnown() || BackupModeManual.String() != "Manual" {
		t.Error("Manual should be a known mode spelled Manual")
	}
	if BackupMode("Scheduled").IsKnown() {
		t.Error("Scheduled is not documented")
	}
}

func TestStatusLists(t *testing.T) {
	want := []BackupStatus{"Creating", "Created", "CreateFailed", "Deleting", "Deleted", "DeleteFailed"}
	if got := BackupStatuses(); !slices.Equal(got, want) {
		t.Errorf("BackupStatuses() = %v, want %v", got, want)
	}
	if got, want := RestoreTaskStatuses(), []RestoreTaskStatus{"Restoring", "Restored", "RestoreFailed"}; !slices.Equal(got, want) {
		t.Errorf("RestoreTaskStatuses() = %v, want %v", got, want)
	}
	if got, want := BackupModes(), []BackupMode{"Manual"}; !slices.Equal(got, want) {
		t.Errorf("BackupModes() = %v, want %v", got, want)
	}
	// Each call returns a fresh slice: a caller's edit cannot change the set.
	BackupStatuses()[0] = "Mutated"
	RestoreTaskStatuses()[0] = "Mutated"
	BackupModes()[0] = "Mutated"
	if !BackupStatusCreating.IsKnown() || !RestoreTaskStatusRestoring.IsKnown() || !BackupModeManual.IsKnown() {
		t.Error("mutating a returned list changed the documented set")
	}
}

// Values the service adds later must survive decoding and re-encoding.
func TestUnknownEnumsRoundTrip(t *testing.T) {
	for _, in := range []string{
		`{"BackupId":"b","Status":"Archived","BackupMode":"Scheduled"}`,
		`{"Status":"PartiallyCreated"}`,
	} {
		var b Backup
		if err := json.Unmarshal([]byte(in), &b); err != nil {
			t.Fatalf("decode %s: %v", in, err)
		}
		if b.GetStatus().IsKnown() {
			t.Errorf("%q should be unknown", b.GetStatus())
		}
		out, err := json.Marshal(&b)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != in {
			t.Errorf("round trip: got %s, want %s", out, in)
		}
	}

	const task = `{"RestoreTaskId":"r","Status":"Cancelled"}`
	var rt RestoreTask
	if err := json.Unmarshal([]byte(task), &rt); err != nil {
		t.Fatal(err)
	}
	if rt.GetStatus() != "Cancelled" || rt.GetStatus().IsKnown() {
		t.Errorf("Status = %q, want unknown Cancelled", rt.GetStatus())
	}
	if out, _ := json.Marshal(&rt); string(out) != task {
		t.Errorf("round trip: got %s, want %s", out, task)
	}

	// Standalone values too.
	for v, want := range map[any]string{
		BackupStatus("X1"):      `"X1"`,
		RestoreTaskStatus("X2"): `"X2"`,
		BackupMode("X3"):        `"X3"`,
	} {
		if data, err := json.Marshal(v); err != nil || string(data) != want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", v, data, err, want)
		}
	}
	var m BackupMode
	if err := json.Unmarshal([]byte(`"Scheduled"`), &m); err != nil || m != "Scheduled" {
		t.Errorf("Unmarshal mode = %q, %v", m, err)
	}
}
