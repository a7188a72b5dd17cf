package models_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

func ExampleListBackupsRequest_FilterByServiceInstanceId() {
	req := new(models.ListBackupsRequest).
		SetMaxResults(50).
		FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71", "si-8c367c27c84e44a79d36").
		FilterByStatus(models.BackupStatusCreated)
	for _, f := range req.Filter {
		fmt.Println(f.GetName(), f.GetValue())
	}
	// Output:
	// ServiceInstanceId [si-7b6138dfce1e4c41ab71 si-8c367c27c84e44a79d36]
	// Status [Created]
}

func ExampleListRestoreTasksRequest_FilterByStartTime() {
	// Time filters are written in UTC, as the service writes times.
	cst := time.FixedZone("CST", 8*3600)
	req := new(models.ListRestoreTasksRequest).
		FilterByStartTime(time.Date(2024, 9, 3, 19, 54, 38, 0, cst)).
		FilterByEndTime(time.Date(2024, 9, 4, 0, 0, 0, 0, time.UTC))
	b, _ := json.Marshal(req)
	fmt.Println(string(b), req.Validate())

	// A start later than the end, or an unset time, is refused before
	// anything is sent.
	fmt.Println(new(models.ListRestoreTasksRequest).
		FilterByStartTime(time.Date(2024, 9, 4, 0, 0, 0, 0, time.UTC)).
		FilterByEndTime(time.Date(2024, 9, 3, 0, 0, 0, 0, time.UTC)).Validate())
	var unset time.Time
	fmt.Println(new(models.ListRestoreTasksRequest).FilterByStartTime(unset).Validate())
	// Output:
	// {"Filter":[{"Name":"StartTime","Value":["2024-09-03T11:54:38Z"]},{"Name":"EndTime","Value":["2024-09-04T00:00:00Z"]}]} <nil>
	// models: invalid ListRestoreTasksRequest.Filter[1].Value[1] "2024-09-04T00:00:00Z": StartTime is later than EndTime "2024-09-03T00:00:00Z" (ListRestoreTasksRequest.Filter[2].Value[1]), so nothing could match: swap them
	// models: invalid ListRestoreTasksRequest.Filter[1].Value[1] "0001-01-01T00:00:00Z": the zero time (an unset time.Time?): give a real time or leave the filter out
}

func ExampleListBackupsRequest_AddUncheckedFilter() {
	// ServiceName stands for a filter the service added after this SDK.
	req := new(models.ListBackupsRequest).AddUncheckedFilter("ServiceName", "my-service")
	fmt.Println(req.Validate())

	// Without AddUncheckedFilter, the name is refused.
	name := "ServiceName"
	fmt.Println(new(models.ListBackupsRequest).AddFilter(&models.BackupFilter{Name: &name, Value: []string{"my-service"}}).Validate())
	// Output:
	// <nil>
	// models: invalid ListBackupsRequest.Filter[1].Name "ServiceName": not a filter of ListBackups (AddUncheckedFilter sends a name the SDK does not know) (allowed: BackupId, ServiceInstanceId, Status, StartTime, EndTime)
}

func ExampleListBackupsRequest_Validate() {
	req := new(models.ListBackupsRequest).
		SetMaxResults(50).
		FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71").
		FilterByStatus(models.BackupStatusCreated)
	fmt.Println(req.Validate())

	// A page size over 100 is refused before anything is sent.
	err := req.SetMaxResults(500).Validate()
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Field)
	}
	fmt.Println(err)
	// Output:
	// <nil>
	// ListBackupsRequest.MaxResults
	// models: invalid ListBackupsRequest.MaxResults "500": must be between 1 and 100
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
	fmt.Println(resp.GetTotalCount(), resp.GetRequestId(), resp.GetNextToken() != "")
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
	fmt.Println(start, end.IsZero(), resp.GetNextToken() != "")
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
