package models

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"time"
)

// decodeFile decodes a testdata sample into v.
func decodeFile(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
}

// mustTime parses an RFC 3339 literal used as an expectation.
func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// checkTime compares a time accessor's result with an expected instant.
func checkTime(t *testing.T, name string, got time.Time, err error, want string) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: unexpected error %v", name, err)
		return
	}
	if w := mustTime(t, want); !got.Equal(w) {
		t.Errorf("%s = %v, want instant %v", name, got, w)
	}
}

func TestListBackupsResponseSample(t *testing.T) {
	var resp ListBackupsResponse
	decodeFile(t, "list_backups_sample.json", &resp)

	if got := resp.GetTotalCount(); got != 1 {
		t.Errorf("TotalCount = %d, want 1", got)
	}
	if got := resp.GetRequestId(); got != "BB58FE53-ED8F-5D12-9746-CD3A5F463D95" {
		t.Errorf("RequestId = %q", got)
	}
	const token = "AAAAAc3HCuYhJi/wvpk4xOr0VLYoaeZA6xVdkCrmG9EmGshtmECUGpq9Qm7x5vQkpz9NXH0XzUc9t4Kxaf3UtuPY4a0="
	if got := resp.GetNextToken(); got != token {
		t.Errorf("NextToken = %q", got)
	}
	if resp.GetNextToken() == "" {
		t.Error("NextToken empty, want a token")
	}
	if got := resp.GetMaxResults(); got != 100 {
		t.Errorf("MaxResults = %d, want 100", got)
	}
	if len(resp.GetBackups()) != 1 {
		t.Fatalf("len(Backups) = %d, want 1", len(resp.GetBackups()))
	}
	b := resp.GetBackups()[0]
	for _, c := range []struct{ name, got, want string }{
		{"BackupId", b.GetBackupId(), "backup-4e13aa8ca6a34150addd"},
		{"ServiceInstanceId", b.GetServiceInstanceId(), "si-7b6138dfce1e4c41ab71"},
		{"StartTime", b.GetStartTime(), "2025-06-30T16:00:00Z"},
		{"EndTime", b.GetEndTime(), "2024-08-15T02:24:00Z"},
		{"Status", b.GetStatus().String(), "Creating"},
		{"Description", b.GetDescription(), "No description"},
		{"BackupMode", b.GetBackupMode().String(), "Manual"},
		// The sample's trailing \t is kept verbatim.
		{"StatusDetail", b.GetStatusDetail(), "Disk i-xxxx backup failed, error message: error\t"},
		{"ModifiedTime", b.GetModifiedTime(), "2024-09-03T19:54:38+08:00"},
		{"CreateTime", b.GetCreateTime(), "2024-09-03T19:54:38+08:00"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if b.GetStatus() != BackupStatusCreating || !b.GetStatus().IsKnown() {
		t.Errorf("Status = %q, want known Creating", b.GetStatus())
	}
	if b.GetBackupMode() != BackupModeManual {
		t.Errorf("BackupMode = %q, want Manual", b.GetBackupMode())
	}
	if !b.HasRetention() || b.GetRetentionDays() != 1 {
		t.Errorf("RetentionDays = %v, %d; want present, 1", b.HasRetention(), b.GetRetentionDays())
	}

	start, err := b.StartTimeValue()
	checkTime(t, "StartTimeValue", start, err, "2025-06-30T16:00:00Z")
	end, err := b.EndTimeValue()
	checkTime(t, "EndTimeValue", end, err, "2024-08-15T02:24:00Z")
	// The sample's EndTime precedes its StartTime; nothing may reorder them.
	if !end.Before(start) {
		t.Errorf("EndTime %v should precede StartTime %v as in the sample", end, start)
	}
	// +08:00 and Z forms name the same instant.
	created, err := b.CreateTimeValue()
	checkTime(t, "CreateTimeValue", created, err, "2024-09-03T11:54:38Z")
	modified, err := b.ModifiedTimeValue()
	checkTime(t, "ModifiedTimeValue", modified, err, "2024-09-03T11:54:38Z")
	if _, off := created.Zone(); off != 8*3600 {
		t.Errorf("CreateTime offset = %d, want +08:00 kept", off)
	}
	exp, ok, err := b.ExpiresAt()
	if err != nil || !ok {
		t.Fatalf("ExpiresAt = %v, %v, %v", exp, ok, err)
	}
	checkTime(t, "ExpiresAt", exp, nil, "2024-09-04T11:54:38Z")
}

func TestListRestoreTasksResponseSample(t *testing.T) {
	var resp ListRestoreTasksResponse
	decodeFile(t, "list_restore_tasks_sample.json", &resp)

	if got := resp.GetTotalCount(); got != 1 {
		t.Errorf("TotalCount = %d, want 1", got)
	}
	if got := resp.GetRequestId(); got != "464C8CB6-A548-5206-B83C-D32A8E43EC21" {
		t.Errorf("RequestId = %q", got)
	}
	if got := resp.GetNextToken(); got != "BBBAAfu+XtuBE55iRLHEYYuojI4=" {
		t.Errorf("NextToken = %q", got)
	}
	if resp.GetNextToken() == "" {
		t.Error("NextToken empty, want a token")
	}
	if got := resp.GetMaxResults(); got != 20 {
		t.Errorf("MaxResults = %d, want 20", got)
	}
	if len(resp.GetRestoreTasks()) != 1 {
		t.Fatalf("len(RestoreTasks) = %d, want 1", len(resp.GetRestoreTasks()))
	}
	rt := resp.GetRestoreTasks()[0]
	for _, c := range []struct{ name, got, want string }{
		{"RestoreTaskId", rt.GetRestoreTaskId(), "restore-xxxxxx"},
		{"ServiceInstanceId", rt.GetServiceInstanceId(), "si-8c367c27c84e44a79d36"},
		{"BackupId", rt.GetBackupId(), "backup-728f128bf92c4e3da970"},
		{"StartTime", rt.GetStartTime(), "2025-01-27T16:00:00Z"},
		{"EndTime", rt.GetEndTime(), "2025-01-27T18:00:00Z"},
		{"Status", rt.GetStatus().String(), "Restoring"},
		{"StatusDetail", rt.GetStatusDetail(), "i-xxxx failed, error message: error"},
		{"CreateTime", rt.GetCreateTime(), "2023-09-07T11:37:37Z"},
		{"ModifiedTime", rt.GetModifiedTime(), "2025-05-07T12:16:16Z"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if rt.GetStatus() != RestoreTaskStatusRestoring || rt.GetStatus().IsTerminal() {
		t.Errorf("Status = %q, want non-terminal Restoring", rt.GetStatus())
	}
	start, err := rt.StartTimeValue()
	checkTime(t, "StartTimeValue", start, err, "2025-01-27T16:00:00Z")
	end, err := rt.EndTimeValue()
	checkTime(t, "EndTimeValue", end, err, "2025-01-27T18:00:00Z")
	created, err := rt.CreateTimeValue()
	checkTime(t, "CreateTimeValue", created, err, "2023-09-07T11:37:37Z")
	modified, err := rt.ModifiedTimeValue()
	checkTime(t, "ModifiedTimeValue", modified, err, "2025-05-07T12:16:16Z")
}

// Re-encoding a decoded sample gives back the same JSON document (key order
// aside), so nothing the service sent is lost or altered.
func TestSamplesRoundTrip(t *testing.T) {
	for _, c := range []struct {
		file string
		v    any
	}{
		{"list_backups_sample.json", new(ListBackupsResponse)},
		{"list_restore_tasks_sample.json", new(ListRestoreTasksResponse)},
	} {
		t.Run(c.file, func(t *testing.T) {
			decodeFile(t, c.file, c.v)
			got, err := json.Marshal(c.v)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile("testdata/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			var gotDoc, wantDoc any
			if err := json.Unmarshal(got, &gotDoc); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, &wantDoc); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotDoc, wantDoc) {
				t.Errorf("round trip:\n got %s\nwant %s", got, raw)
			}
		})
	}
}

func TestResponseUnknownFieldsIgnored(t *testing.T) {
	const body = `{"RequestId":"r1","Surprise":{"a":[1,2]},"NextToken":"",
		"Backups":[{"BackupId":"b1","NewField":true,"Extra":null}]}`
	var resp ListBackupsResponse
	if err := json.Unmarshal([]byte(body), &resp); err != nil {
		t.Fatalf("unknown fields should be ignored: %v", err)
	}
	if resp.GetRequestId() != "r1" || resp.GetBackups()[0].GetBackupId() != "b1" {
		t.Errorf("known fields lost: %+v", resp)
	}
	// An empty but present token means the last page.
	if resp.NextToken == nil || resp.GetNextToken() != "" {
		t.Errorf("NextToken=%v more=%v, want present, empty and no more", resp.NextToken, resp.GetNextToken() != "")
	}

	const tasks = `{"RestoreTasks":[{"RestoreTaskId":"r","Future":"x"}],"Other":1}`
	var rresp ListRestoreTasksResponse
	if err := json.Unmarshal([]byte(tasks), &rresp); err != nil {
		t.Fatalf("unknown fields should be ignored: %v", err)
	}
	if rresp.GetRestoreTasks()[0].GetRestoreTaskId() != "r" {
		t.Errorf("known fields lost: %+v", rresp)
	}
}

func TestResponseNilGetters(t *testing.T) {
	var b *ListBackupsResponse
	if b.GetTotalCount() != 0 || b.GetRequestId() != "" || b.GetNextToken() != "" ||
		b.GetMaxResults() != 0 || b.GetBackups() != nil || b.GetNextToken() != "" {
		t.Error("nil *ListBackupsResponse getters should return zero values")
	}
	var r *ListRestoreTasksResponse
	if r.GetTotalCount() != 0 || r.GetRequestId() != "" || r.GetNextToken() != "" ||
		r.GetMaxResults() != 0 || r.GetRestoreTasks() != nil || r.GetNextToken() != "" {
		t.Error("nil *ListRestoreTasksResponse getters should return zero values")
	}
	// A zero value behaves the same: every field absent.
	if new(ListBackupsResponse).GetNextToken() != "" || new(ListRestoreTasksResponse).GetNextToken() != "" {
		t.Error("zero response should have no next page")
	}
}
