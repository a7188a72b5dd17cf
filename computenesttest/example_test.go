package computenesttest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

func Example() {
	srv := computenesttest.NewServer()
	defer srv.Close()
	srv.Backups().Add(
		new(models.Backup).SetBackupId("backup-1").SetServiceInstanceId("si-1").SetStatus(models.BackupStatusCreated),
		new(models.Backup).SetBackupId("backup-2").SetServiceInstanceId("si-2").SetStatus(models.BackupStatusCreating),
		new(models.Backup).SetBackupId("backup-3").SetServiceInstanceId("si-1").SetStatus(models.BackupStatusCreateFailed),
	)

	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		log.Fatal(err)
	}
	resp, err := c.ListBackups(context.Background(), new(models.ListBackupsRequest).
		FilterByServiceInstanceId("si-1"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("TotalCount:", resp.GetTotalCount())
	for _, b := range resp.GetBackups() {
		fmt.Println(b.GetBackupId(), b.GetStatus())
	}
	// Output:
	// TotalCount: 2
	// backup-1 Created
	// backup-3 CreateFailed
}

func ExampleServer_InjectFault() {
	srv := computenesttest.NewServer(computenesttest.WithDemoData(1, 5, 0))
	defer srv.Close()
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, Action: "ListBackups"})

	cfg := srv.ClientConfig()
	cfg.Retry = client.NoRetries() // see the fault itself
	c, err := client.NewClient(cfg)
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.ListBackups(context.Background(), nil)
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, client.IsThrottling(apiErr))
	}
	resp, err := c.ListBackups(context.Background(), nil)
	fmt.Println(len(resp.GetBackups()), err)
	for _, r := range srv.Requests() {
		fmt.Println(r.Action, r.Status, r.Fault)
	}
	// Output:
	// 400 Throttling.User true
	// 5 <nil>
	// ListBackups 400 Throttle
	// ListBackups 200
}

// WithDemoData seeds a deterministic data set, which DemoData reproduces
// for comparison.
func ExampleWithDemoData() {
	srv := computenesttest.NewServer(computenesttest.WithDemoData(1, 12, 6))
	defer srv.Close()
	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		log.Fatal(err)
	}

	var failed []*models.Backup
	req := new(models.ListBackupsRequest).FilterByStatus(models.BackupStatusCreateFailed)
	for b, err := range client.NewListBackupsPaginator(c, req).Items(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		failed = append(failed, b)
	}
	fmt.Println(srv.Backups().Len(), "backups,", len(failed), "CreateFailed")

	var want []string
	backups, _ := computenesttest.DemoData(1, 12, 6, time.Now())
	for _, b := range backups {
		if b.GetStatus() == models.BackupStatusCreateFailed {
			want = append(want, b.GetBackupId())
		}
	}
	fmt.Println(want[0] == failed[0].GetBackupId() && want[1] == failed[1].GetBackupId())
	// Output:
	// 12 backups, 2 CreateFailed
	// true
}
