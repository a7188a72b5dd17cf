package models_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

func ExampleNewFilter() {
	f := models.NewFilter(models.FilterStatus, "Created", "CreateFailed")
	fmt.Println(f.GetName(), f.GetValue())
	// Output: Status [Created CreateFailed]
}

func ExampleFilterByServiceInstanceId() {
	f := models.FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71", "si-8c367c27c84e44a79d36")
	fmt.Println(f.GetName(), f.GetValue())

	// Time filters are written in UTC, as the service writes times.
	cst := time.FixedZone("CST", 8*3600)
	since := models.FilterByStartTime(time.Date(2024, 9, 3, 19, 54, 38, 0, cst))
	fmt.Println(since.GetName(), since.GetValue())
	// Output:
	// ServiceInstanceId [si-7b6138dfce1e4c41ab71 si-8c367c27c84e44a79d36]
	// StartTime [2024-09-03T11:54:38Z]
}

func ExampleListBackupsRequest_Validate() {
	req := new(models.ListBackupsRequest).
		SetMaxResults(50).
		AddFilter(
			models.FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71"),
			models.FilterByBackupStatus(models.BackupStatusCreated),
		)
	fmt.Println(req.Validate())

	// RestoreTaskId belongs to ListRestoreTasks, not ListBackups.
	req.AddFilter(models.FilterByRestoreTaskId("restore-1"))
	err := req.Validate()
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Field)
	}
	fmt.Println(err)
	// Output:
	// <nil>
	// ListBackupsRequest.Filter[3].Name
	// models: invalid ListBackupsRequest.Filter[3].Name "RestoreTaskId": not a filter of ListBackups (models.NewUncheckedFilter sends a name the SDK does not know) (allowed: BackupId, ServiceInstanceId, Status, StartTime, EndTime)
}

func ExampleListBackupsResponse() {
	body := `{
		"TotalCount": 1,
		"RequestId": "BB58FE53-ED8F-5D12-9746-CD3A5F463D95",
		"NextToken": "",
		"MaxResults": 100,
		"Backups": [{
			"BackupId": "backup-4e13aa8ca6a34150addd",
			"Status": "Created",
			"RetentionDays": 1,
			"CreateTime": "2024-09-03T19:54:38+08:00"
		}]
	}`
	var resp models.ListBackupsResponse
	if err := json.Unmarshal([]byte(body), &resp); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.GetTotalCount(), resp.GetRequestId(), resp.HasNextPage())
	for _, b := range resp.GetBackups() {
		created, _ := b.CreateTimeValue()
		expires, ok, _ := b.ExpiresAt()
		fmt.Println(b.GetBackupId(), b.GetStatus(), b.GetStatus().IsTerminal())
		fmt.Println(created.UTC(), expires.UTC(), ok)
	}
	// Output:
	// 1 BB58FE53-ED8F-5D12-9746-CD3A5F463D95 false
	// backup-4e13aa8ca6a34150addd Created true
	// 2024-09-03 11:54:38 +0000 UTC 2024-09-04 11:54:38 +0000 UTC true
}

func ExampleListRestoreTasksResponse() {
	body := `{"RestoreTasks":[{"RestoreTaskId":"restore-xxxxxx","Status":"Restoring","StartTime":"2025-01-27T16:00:00Z"}],"NextToken":"BBBAAfu+XtuBE55iRLHEYYuojI4="}`
	var resp models.ListRestoreTasksResponse
	if err := json.Unmarshal([]byte(body), &resp); err != nil {
		fmt.Println(err)
		return
	}
	rt := resp.GetRestoreTasks()[0]
	start, _ := rt.StartTimeValue()
	end, _ := rt.EndTimeValue() // absent: the zero time, no error
	fmt.Println(rt.GetRestoreTaskId(), rt.GetStatus(), rt.GetStatus().IsTerminal())
	fmt.Println(start, end.IsZero(), resp.HasNextPage())
	// Output:
	// restore-xxxxxx Restoring false
	// 2025-01-27 16:00:00 +0000 UTC true true
}

func ExampleParseTime() {
	t, err := models.ParseTime("2024-09-03T19:54:38+08:00")
	fmt.Println(models.FormatTime(t), err)

	_, err = models.ParseTime("2024-09-03 19:54:38")
	var te *models.TimeError
	fmt.Println(errors.As(err, &te), te.Value)
	// Output:
	// 2024-09-03T11:54:38Z <nil>
	// true 2024-09-03 19:54:38
}
