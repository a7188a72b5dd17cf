// Command list-backups lists the backups of Compute Nest service
// instances: every backup that matches its filters, across all pages, as an
// aligned table or as JSON lines.
//
//	go run ./examples/list-backups -demo
//	go run ./examples/list-backups -demo -status CreateFailed,DeleteFailed -json
//	go run ./examples/list-backups -instance si-7b6138dfce1e4c41ab71 -since 7d
//
// With -demo it runs against an in-process fake seeded with demo data, so
// it works with no account and no network. Otherwise credentials come from
// the credentials-go default chain, such as ALIBABA_CLOUD_ACCESS_KEY_ID and
// ALIBABA_CLOUD_ACCESS_KEY_SECRET. Run it with -h for every flag.
//
// The SDK calls are in run: a models.ListBackupsRequest with the filters,
// and a client.ListBackupsPaginator that follows NextToken to the end.
package main

import (
	"context"
	"fmt"
	"io"
	"iter"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/examples/internal/cli"
	"github.com/computenest-sdk/computenest-go/models"
)

func main() { cli.Main(run) }

const description = `list-backups lists the backups of Alibaba Cloud Compute Nest service instances
(ListBackups): every backup that matches the filters, across all pages. Filters
of different flags must all match; the values of one flag are alternatives.

Output is a table on stdout, printed page by page as pages arrive (times in UTC;
RETENTION "forever" when the backup never expires; cells longer than 40 columns
cut with "…"; control characters the service sends shown escaped), or with
-json one backup per line with the API's field names and whole values.
While pages load, progress goes to stderr when stderr is a terminal.

Credentials come from the default chain: ALIBABA_CLOUD_ACCESS_KEY_ID and
ALIBABA_CLOUD_ACCESS_KEY_SECRET (with ALIBABA_CLOUD_SECURITY_TOKEN for STS), the
aliyun CLI profile, OIDC, or the ECS instance RAM role. -demo needs none.

Exit status: 0 on success (also when nothing matches), 1 on an error (the rows
printed before it stand), 2 on bad usage, 130 when interrupted.`

const examples = `  list-backups -demo
  list-backups -demo -status CreateFailed,DeleteFailed
  list-backups -demo -status Created -since 3d -until 1d
  list-backups -demo -json | jq -r .BackupId
  list-backups -instance si-7b6138dfce1e4c41ab71 -since 7d
  list-backups -region ap-southeast-1 -status Created -since 30d
  list-backups -endpoint http://127.0.0.1:8080    # a local examples/fake-server, with the keys it prints`

// run is the whole command; main only wires it to the process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := &cli.ListCommand[*models.ListBackupsRequest, *models.ListBackupsResponse, models.Backup]{
		Name:        "list-backups",
		Noun:        "backups",
		Description: description,
		Examples:    examples,
		Statuses:    cli.Names(models.BackupStatuses()),
		NewRequest: func(q cli.Query) *models.ListBackupsRequest {
			return cli.Request(q, new(models.ListBackupsRequest))
		},
		Pages: func(ctx context.Context, c *client.Client, req *models.ListBackupsRequest) iter.Seq2[*models.ListBackupsResponse, error] {
			return cli.PageSeq(ctx, client.NewListBackupsPaginator(c, req))
		},
		Items: (*models.ListBackupsResponse).GetBackups,
		Columns: cli.Columns[models.Backup]{
			Header: []string{"BACKUP ID", "SERVICE INSTANCE", "STATUS", "MODE", "START", "END", "RETENTION", "DETAIL"},
			// Room for the longest ID, status and time a later page may bring.
			MinWidths: []int{cli.BackupIDWidth, cli.InstanceIDWidth, cli.MaxLen(cli.Names(models.BackupStatuses())), 0, cli.TimeWidth, cli.TimeWidth},
			Row: func(b *models.Backup) []string {
				retention := "forever"
				if b.HasRetention() {
					retention = fmt.Sprintf("%dd", b.GetRetentionDays())
				}
				return []string{
					cli.Cell(b.GetBackupId()), cli.Cell(b.GetServiceInstanceId()), cli.Cell(string(b.GetStatus())),
					cli.Cell(string(b.GetBackupMode())), cli.TimeCell(b.GetStartTime()), cli.TimeCell(b.GetEndTime()),
					retention, cli.Cell(b.GetStatusDetail()),
				}
			},
		},
	}
	return cmd.Run(ctx, args, stdout, stderr)
}
