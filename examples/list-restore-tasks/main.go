// Command list-restore-tasks lists Compute Nest restore jobs: every restore
// task that matches its filters, across all pages, as an aligned table or as
// JSON lines.
//
//	go run ./examples/list-restore-tasks -demo
//	go run ./examples/list-restore-tasks -demo -status Restoring -json
//	go run ./examples/list-restore-tasks -instance si-7b6138dfce1e4c41ab71 -since 72h
//
// With -demo it runs against an in-process fake seeded with demo data, so
// it works with no account and no network. Otherwise credentials come from
// the credentials-go default chain, such as ALIBABA_CLOUD_ACCESS_KEY_ID and
// ALIBABA_CLOUD_ACCESS_KEY_SECRET. Run it with -h for every flag.
//
// The SDK calls are in run: a models.ListRestoreTasksRequest with the
// filters, and a client.ListRestoreTasksPaginator that follows NextToken to
// the end.
package main

import (
	"context"
	"io"
	"iter"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/examples/internal/cli"
	"github.com/computenest-sdk/computenest-go/models"
)

func main() { cli.Main(run) }

const description = `list-restore-tasks lists Alibaba Cloud Compute Nest restore jobs
(ListRestoreTasks): every restore task that matches the filters, across all
pages. Filters of different flags must all match; the values of one flag are
alternatives.

Output is a table on stdout, printed page by page as pages arrive (times in UTC;
cells longer than 40 columns cut with "…"; control characters the service sends
shown escaped), or with -json one restore task per line with the API's field
names and whole values. While pages load, progress goes to stderr when
stderr is a terminal. To wait for one restore task to finish, see
examples/wait-restore-task.

Credentials come from the default chain: ALIBABA_CLOUD_ACCESS_KEY_ID and
ALIBABA_CLOUD_ACCESS_KEY_SECRET (with ALIBABA_CLOUD_SECURITY_TOKEN for STS), the
aliyun CLI profile, OIDC, or the ECS instance RAM role. -demo needs none.

Exit status: 0 on success (also when nothing matches), 1 on an error (the rows
printed before it stand), 2 on bad usage, 130 when interrupted.`

const examples = `  list-restore-tasks -demo
  list-restore-tasks -demo -status RestoreFailed
  list-restore-tasks -demo -since 3d -until 1d -page-size 10
  list-restore-tasks -demo -json | jq -r 'select(.Status == "Restoring") | .RestoreTaskId'
  list-restore-tasks -instance si-7b6138dfce1e4c41ab71 -since 72h
  list-restore-tasks -region ap-southeast-1 -since 30d -page-size 100`

// run is the whole command; main only wires it to the process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := &cli.ListCommand[*models.ListRestoreTasksRequest, *models.ListRestoreTasksResponse, models.RestoreTask]{
		Name:        "list-restore-tasks",
		Noun:        "restore tasks",
		Description: description,
		Examples:    examples,
		Statuses:    cli.Names(models.RestoreTaskStatuses()),
		NewRequest: func(q cli.Query) *models.ListRestoreTasksRequest {
			return cli.Request(q, new(models.ListRestoreTasksRequest))
		},
		Pages: func(ctx context.Context, c *client.Client, req *models.ListRestoreTasksRequest) iter.Seq2[*models.ListRestoreTasksResponse, error] {
			return cli.PageSeq(ctx, client.NewListRestoreTasksPaginator(c, req))
		},
		Items: (*models.ListRestoreTasksResponse).GetRestoreTasks,
		Columns: cli.Columns[models.RestoreTask]{
			Header: []string{"RESTORE TASK ID", "SERVICE INSTANCE", "BACKUP ID", "STATUS", "START", "END", "DETAIL"},
			// Room for the longest ID, status and time a later page may bring.
			MinWidths: []int{cli.RestoreTaskIDWidth, cli.InstanceIDWidth, cli.BackupIDWidth,
				cli.MaxLen(cli.Names(models.RestoreTaskStatuses())), cli.TimeWidth, cli.TimeWidth},
			Row: func(t *models.RestoreTask) []string {
				return []string{
					cli.Cell(t.GetRestoreTaskId()), cli.Cell(t.GetServiceInstanceId()), cli.Cell(t.GetBackupId()),
					cli.Cell(string(t.GetStatus())), cli.TimeCell(t.GetStartTime()), cli.TimeCell(t.GetEndTime()),
					cli.Cell(t.GetStatusDetail()),
				}
			},
		},
	}
	return cmd.Run(ctx, args, stdout, stderr)
}
