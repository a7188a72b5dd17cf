package computenesttest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

// demoEpoch anchors the demo times, so a seed always gives the same data
// whatever the day.
var demoEpoch = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// cst is the "+08:00" offset the service also writes times in.
var cst = time.FixedZone("CST", 8*3600)

// demoRand returns the random stream for one part of a seed's data, so
// each part stays the same when another part's size changes.
func demoRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

// DemoServiceInstances returns the 3 to 5 service instance IDs
// ("si-<20 hex>") that the demo data of seed belongs to.
func DemoServiceInstances(seed int64) []string {
	r := demoRand(seed, 1)
	ids := make([]string, 3+r.IntN(3))
	seen := map[string]bool{}
	for i := range ids {
		ids[i] = uniqueID(r, "si-", seen)
	}
	return ids
}

// DemoBackups returns n backups that look like the service's, the same for
// the same seed. They cover every documented status (cycling through them
// in order, so any n >= 6 has them all) and the Manual mode, mix "Z" and
// "+08:00" times (even within one backup), leave EndTime out while a backup
// is being created, and have RetentionDays on two backups in three. They
// are in creation order, one to four hours apart.
func DemoBackups(seed int64, n int) []*models.Backup {
	if n <= 0 {
		return nil
	}
	r := demoRand(seed, 2)
	instances := DemoServiceInstances(seed)
	statuses := models.BackupStatuses()
	seen := map[string]bool{}
	out := make([]*models.Backup, n)
	created := demoEpoch
	for i := range out {
		created = created.Add(time.Hour + time.Duration(r.IntN(3*3600))*time.Second)
		si := instances[r.IntN(len(instances))]
		status := statuses[i%len(statuses)]
		b := new(models.Backup).
			SetBackupId(uniqueID(r, "backup-", seen)).
			SetServiceInstanceId(si).
			SetStatus(status).
			SetBackupMode(models.BackupModeManual).
			SetCreateTime(demoTime(created, i)).
			SetStartTime(demoTime(created.Add(time.Duration(1+r.IntN(30))*time.Second), i+1))
		if i%2 == 0 {
			b.SetDescription("Nightly backup of " + si)
		} else {
			b.SetDescription("No description")
		}
		modified := created.Add(time.Minute)
		if status != models.BackupStatusCreating {
			end := created.Add(time.Duration(5+r.IntN(55)) * time.Minute)
			b.SetEndTime(demoTime(end, i))
			modified = end.Add(time.Duration(r.IntN(60)) * time.Second)
		}
		b.SetModifiedTime(demoTime(modified, i+1))
		if i%3 != 2 {
			b.SetRetentionDays(int32(1 + r.IntN(30)))
		}
		switch status {
		case models.BackupStatusCreateFailed:
			b.SetStatusDetail(fmt.Sprintf("Disk d-%s backup failed, error message: snapshot quota exceeded", hexString(r, 12)))
		case models.BackupStatusDeleteFailed:
			b.SetStatusDetail("Backup deletion failed, error message: the backup is in use by a restore task")
		}
		out[i] = b
	}
	return out
}

// DemoRestoreTasks returns n restore tasks, the same for the same seed and
// backups. Each restores one of backups (a Created one when there is any)
// into that backup's service instance; with no backups it makes up backup
// IDs on the seed's service instances. They cycle through every documented
// status, mix "Z" and "+08:00" times, and leave EndTime out while
// Restoring.
func DemoRestoreTasks(seed int64, n int, backups []*models.Backup) []*models.RestoreTask {
	if n <= 0 {
		return nil
	}
	r := demoRand(seed, 3)
	var sources []*models.Backup
	for _, b := range backups {
		if b.GetStatus() == models.BackupStatusCreated {
			sources = append(sources, b)
		}
	}
	if len(sources) == 0 {
		sources = backups
	}
	instances := DemoServiceInstances(seed)
	statuses := models.RestoreTaskStatuses()
	seen := map[string]bool{}
	out := make([]*models.RestoreTask, n)
	created := demoEpoch.Add(24 * time.Hour)
	for i := range out {
		created = created.Add(time.Hour + time.Duration(r.IntN(5*3600))*time.Second)
		var backupID, si string
		if len(sources) > 0 {
			b := sources[r.IntN(len(sources))]
			backupID, si = b.GetBackupId(), b.GetServiceInstanceId()
		} else {
			backupID, si = "backup-"+hexString(r, 20), instances[r.IntN(len(instances))]
		}
		status := statuses[i%len(statuses)]
		t := new(models.RestoreTask).
			SetRestoreTaskId(uniqueID(r, "restore-", seen)).
			SetServiceInstanceId(si).
			SetBackupId(backupID).
			SetStatus(status).
			SetCreateTime(demoTime(created, i+1)).
			SetStartTime(demoTime(created.Add(time.Duration(1+r.IntN(30))*time.Second), i))
		modified := created.Add(time.Minute)
		if status != models.RestoreTaskStatusRestoring {
			end := created.Add(time.Duration(10+r.IntN(110)) * time.Minute)
			t.SetEndTime(demoTime(end, i+1))
			modified = end
		}
		t.SetModifiedTime(demoTime(modified, i))
		if status == models.RestoreTaskStatusRestoreFailed {
			t.SetStatusDetail(fmt.Sprintf("i-%s failed, error message: disk attach timed out", hexString(r, 20)))
		}
		out[i] = t
	}
	return out
}

// demoTime writes t in UTC ("Z") for even form and in "+08:00" for odd.
func demoTime(t time.Time, form int) string {
	if form%2 == 0 {
		return t.UTC().Format(time.RFC3339)
	}
	return t.In(cst).Format(time.RFC3339)
}

// uniqueID returns prefix and 20 hex digits not yet in seen.
func uniqueID(r *rand.Rand, prefix string, seen map[string]bool) string {
	for {
		id := prefix + hexString(r, 20)
		if !seen[id] {
			seen[id] = true
			return id
		}
	}
}

func hexString(r *rand.Rand, n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[r.IntN(16)]
	}
	return string(b)
}
