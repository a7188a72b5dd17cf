package client_test

// Runnable examples of the entry points a user starts with. Each is whole:
// it starts computenesttest's in-process fake, which checks signatures as
// Compute Nest does, seeds it, and builds a client of it with public API
// only. In real code, build the client from a Config with a RegionId and let
// the default credential chain find the keys.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// NewClient checks the configuration and contacts nothing. With no keys in
// Config, the first call takes credentials from the default chain
// (ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, the CLI
// profile, OIDC, the ECS instance RAM role).
func ExampleNewClient() {
	c, err := client.NewClient(&client.Config{RegionId: "ap-southeast-1"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c)

	// The VPC endpoint, by darabonba's endpoint rule.
	c, err = client.NewClient(&client.Config{RegionId: "cn-hangzhou", Network: "vpc"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c)
	// Output:
	// client.Client{Endpoint:https://computenest.ap-southeast-1.aliyuncs.com, Config:client.Config{RegionId:ap-southeast-1}}
	// client.Client{Endpoint:https://computenest-vpc.cn-hangzhou.aliyuncs.com, Config:client.Config{RegionId:cn-hangzhou, Network:vpc}}
}

// ListBackups returns one page. Filters of different names must all match;
// the values of one filter are alternatives.
func ExampleClient_ListBackups() {
	srv := computenesttest.NewServer() // stands in for Compute Nest
	defer srv.Close()
	srv.Backups().Add(
		new(models.Backup).SetBackupId("backup-1").SetServiceInstanceId("si-1").SetStatus(models.BackupStatusCreated).SetRetentionDays(7),
		new(models.Backup).SetBackupId("backup-2").SetServiceInstanceId("si-2").SetStatus(models.BackupStatusCreated),
		new(models.Backup).SetBackupId("backup-3").SetServiceInstanceId("si-1").SetStatus(models.BackupStatusCreateFailed).
			SetStatusDetail("Disk d-1 backup failed, error message: snapshot quota exceeded"),
	)
	c, err := client.NewClient(srv.ClientConfig()) // the fake's endpoint and keys
	if err != nil {
		log.Fatal(err)
	}

	resp, err := c.ListBackups(context.Background(), new(models.ListBackupsRequest).
		SetMaxResults(50).
		FilterByServiceInstanceId("si-1").
		FilterByStatus(models.BackupStatusCreated, models.BackupStatusCreateFailed))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("TotalCount:", resp.GetTotalCount(), "more pages:", resp.GetNextToken() != "")
	for _, b := range resp.GetBackups() {
		fmt.Printf("%s %s retention=%d %q\n", b.GetBackupId(), b.GetStatus(), b.GetRetentionDays(), b.GetStatusDetail())
	}
	// Output:
	// TotalCount: 2 more pages: false
	// backup-1 Created retention=7 ""
	// backup-3 CreateFailed retention=0 "Disk d-1 backup failed, error message: snapshot quota exceeded"
}

// ListRestoreTasks is the same call for restore jobs. For every page, use
// RestoreTasks or NewListRestoreTasksPaginator instead of NextToken by hand.
func ExampleClient_ListRestoreTasks() {
	srv := computenesttest.NewServer()
	defer srv.Close()
	srv.RestoreTasks().Add(
		new(models.RestoreTask).SetRestoreTaskId("restore-1").SetBackupId("backup-1").SetStatus(models.RestoreTaskStatusRestored),
		new(models.RestoreTask).SetRestoreTaskId("restore-2").SetBackupId("backup-1").SetStatus(models.RestoreTaskStatusRestoring),
	)
	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		log.Fatal(err)
	}

	resp, err := c.ListRestoreTasks(context.Background(), new(models.ListRestoreTasksRequest).
		FilterByStatus(models.RestoreTaskStatusRestoring))
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range resp.GetRestoreTasks() {
		fmt.Println(t.GetRestoreTaskId(), "restores", t.GetBackupId(), "and is", t.GetStatus())
	}
	// Output:
	// restore-2 restores backup-1 and is Restoring
}

// WaitForRestoreTask polls until the job is Restored. A job that fails is a
// *WaitFailedError with the job and its StatusDetail; an ID that matches
// nothing is ErrNotFound; a deadline is a *WaitTimeoutError with the last
// status seen.
func ExampleWaitForRestoreTask() {
	srv := computenesttest.NewServer()
	defer srv.Close()
	srv.RestoreTasks().Add(
		new(models.RestoreTask).SetRestoreTaskId("restore-2").SetStatus(models.RestoreTaskStatusRestoring),
		new(models.RestoreTask).SetRestoreTaskId("restore-3").SetStatus(models.RestoreTaskStatusRestoreFailed).
			SetStatusDetail("i-1 failed, error message: disk attach timed out"),
		new(models.RestoreTask).SetRestoreTaskId("restore-4").SetStatus(models.RestoreTaskStatusRestoring),
	)
	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// The fake plays the service: restore-2 finishes a moment from now.
	time.AfterFunc(50*time.Millisecond, func() {
		srv.RestoreTasks().Update("restore-2", func(t *models.RestoreTask) { t.SetStatus(models.RestoreTaskStatusRestored) })
	})
	fast := func(o *client.WaiterOptions) {
		o.MinDelay, o.MaxDelay = 10*time.Millisecond, 50*time.Millisecond // defaults: 2s growing to 30s
		o.MaxWait = 10 * time.Second
	}
	task, err := client.WaitForRestoreTask(ctx, c, "restore-2", fast)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(task.GetRestoreTaskId(), task.GetStatus())

	// A job that ends in failure.
	_, err = client.WaitForRestoreTask(ctx, c, "restore-3", fast)
	var failed *client.WaitFailedError
	if errors.As(err, &failed) {
		fmt.Println(failed.Status, "-", failed.RestoreTask.GetStatusDetail())
	}

	// An ID that matches nothing.
	_, err = client.WaitForRestoreTask(ctx, c, "restore-404", fast)
	fmt.Println("not found:", errors.Is(err, client.ErrNotFound))

	// A job that does not finish in time.
	ctx2, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err = client.WaitForRestoreTask(ctx2, c, "restore-4", fast)
	var timeout *client.WaitTimeoutError
	if errors.As(err, &timeout) {
		fmt.Println("still", timeout.LastStatus)
	}
	// Output:
	// restore-2 Restored
	// RestoreFailed - i-1 failed, error message: disk attach timed out
	// not found: true
	// still Restoring
}

// WaitForBackup waits for a backup to be Created; CreateFailed, Deleted and
// other terminal statuses end the wait with a *WaitFailedError.
func ExampleWaitForBackup() {
	srv := computenesttest.NewServer()
	defer srv.Close()
	srv.Backups().Add(new(models.Backup).SetBackupId("backup-2").SetStatus(models.BackupStatusCreating))
	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		log.Fatal(err)
	}

	time.AfterFunc(50*time.Millisecond, func() {
		srv.Backups().Update("backup-2", func(b *models.Backup) { b.SetStatus(models.BackupStatusCreated) })
	})
	b, err := client.WaitForBackup(context.Background(), c, "backup-2", func(o *client.WaiterOptions) {
		o.MinDelay, o.MaxDelay, o.MaxWait = 10*time.Millisecond, 50*time.Millisecond, 10*time.Second
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.GetBackupId(), b.GetStatus())
	// Output:
	// backup-2 Created
}

// Errors are typed. A request the service would reject fails before
// anything is sent, with a *models.ValidationError; an error answer is an
// *APIError; throttling and 5xx answers are retried by the default policy
// before the caller sees them.
func Example_errorsAndRetries() {
	srv := computenesttest.NewServer()
	defer srv.Close()
	srv.Backups().Add(
		new(models.Backup).SetBackupId("backup-1").SetStatus(models.BackupStatusCreated),
		new(models.Backup).SetBackupId("backup-2").SetStatus(models.BackupStatusCreated),
	)
	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Validation: MaxResults must be 1 to 100.
	_, err = c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(500))
	var invalid *models.ValidationError
	if errors.As(err, &invalid) {
		fmt.Println(invalid.Field, len(srv.Requests()), "requests sent")
	}

	// The default retry policy rides out one throttled answer.
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, RetryAfter: 10 * time.Millisecond})
	resp, err := c.ListBackups(ctx, nil)
	fmt.Println(len(resp.GetBackups()), "backups, err:", err)
	for _, r := range srv.Requests() {
		fmt.Println(" ", r.Action, r.Status, cmp.Or(r.Code, "OK"))
	}

	// Without retries, the error answer reaches the caller as an *APIError.
	cfg := srv.ClientConfig()
	cfg.Retry = client.NoRetries()
	c, err = client.NewClient(cfg)
	if err != nil {
		log.Fatal(err)
	}
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError})
	_, err = c.ListBackups(ctx, nil)
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, "retryable:", client.IsRetryable(apiErr), "throttling:", client.IsThrottling(apiErr))
		fmt.Println(apiErr.RequestId != "") // quote it to Alibaba Cloud support
	}
	// Output:
	// ListBackupsRequest.MaxResults 0 requests sent
	// 2 backups, err: <nil>
	//   ListBackups 400 Throttling.User
	//   ListBackups 200 OK
	// 503 ServiceUnavailable retryable: true throttling: false
	// true
}
