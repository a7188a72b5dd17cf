package clitest

import (
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// clockLead is how long before midnight (UTC) a test binary must start for
// Clock to read the real time; one that starts later has Clock set back by
// clockLead. The fake accepts requests dated within 15 minutes of its
// clock, so this must stay below that.
const clockLead = 12 * time.Minute

// clockShift is how far Clock is behind the real time, fixed when the test
// binary starts.
var clockShift = shiftFor(time.Now())

// shiftFor returns clockShift for a test binary that starts at now.
func shiftFor(now time.Time) time.Duration {
	if computenesttest.DemoDay(now).Add(24*time.Hour).Sub(now) <= clockLead {
		return clockLead
	}
	return 0
}

// Clock is the clock the tests give the -demo fake (each command's
// demoClock): the real time, or, when the tests started less than 12 minutes before midnight
// (UTC), the real time set back by 12 minutes. So the day the fake dates
// its demo data from (computenesttest.DemoDay) is the same for every
// command a test binary runs, within the 10 minutes "go test" gives it,
// and DemoBackups and DemoRestoreTasks return the data every -demo run
// serves.
func Clock() time.Time { return time.Now().Add(-clockShift) }

// DemoBackups returns the backups that -demo serves with Clock.
func DemoBackups() []*models.Backup {
	backups, _ := demoData()
	return backups
}

// DemoRestoreTasks returns the restore tasks that -demo serves with Clock.
func DemoRestoreTasks() []*models.RestoreTask {
	_, tasks := demoData()
	return tasks
}

func demoData() ([]*models.Backup, []*models.RestoreTask) {
	return computenesttest.DemoData(computenesttest.DemoSeed, computenesttest.DemoBackupCount,
		computenesttest.DemoRestoreTaskCount, Clock())
}
