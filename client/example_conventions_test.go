package client_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// Options change one call, aws-sdk-go-v2 style; the client keeps its own.
func ExampleOptions() {
	srv := computenesttest.NewServer()
	defer srv.Close()
	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		log.Fatal(err)
	}
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle})
	_, err = c.ListBackups(context.Background(), nil, func(o *client.Options) {
		o.Retry = client.NoRetries() // this call only
		o.UserAgent = "nightly-report/1.2"
	})
	fmt.Println("throttled:", client.IsThrottling(err))
	// Output:
	// throttled: true
}

// restoreAPI is a hand-written test double of ListRestoreTasksAPIClient: it
// answers each poll with the next status.
type restoreAPI struct{ statuses []models.RestoreTaskStatus }

func (m *restoreAPI) ListRestoreTasks(_ context.Context, _ *models.ListRestoreTasksRequest, _ ...func(*client.Options)) (*models.ListRestoreTasksResponse, error) {
	s := m.statuses[0]
	if len(m.statuses) > 1 {
		m.statuses = m.statuses[1:]
	}
	task := new(models.RestoreTask).SetRestoreTaskId("r-1").SetStatus(s)
	return &models.ListRestoreTasksResponse{RestoreTasks: []*models.RestoreTask{task}}, nil
}

// Code that waits takes the one-method interface, so its tests can pass a
// double instead of a *client.Client.
func ExampleWaitForRestoreTask_testDouble() {
	api := &restoreAPI{statuses: []models.RestoreTaskStatus{models.RestoreTaskStatusRestoring, models.RestoreTaskStatusRestored}}
	task, err := client.WaitForRestoreTask(context.Background(), api, "r-1", func(o *client.WaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond // no waiting in a test
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(task.GetRestoreTaskId(), task.GetStatus())
	// Output:
	// r-1 Restored
}
