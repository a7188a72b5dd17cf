package computenesttest

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

// The demo data is dated relative to the day it is made for: its items end
// shortly before midnight (UTC) that began the day of the clock, so a
// listing with a recent StartTime filter ("the last 7 days") finds some of
// them, and the data is the same all day long for a seed.

// DemoDay returns the instant demo data made at now is dated back from:
// the start (00:00 UTC) of now's day.
func DemoDay(now time.Time) time.Time { return now.UTC().Truncate(24 * time.Hour) }

// cst is the "+08:00" offset the service also writes times in.
var cst = time.FixedZone("CST", 8*3600)

// The random streams of a seed's data, one per part, so each part stays
// the same when another part's size changes. Items draw from their own
// stream (the part's, plus the item's index), so any item can be made on
// its own, in any order: WithDemoData makes them only when asked for.
const (
	streamInstances = 1
	streamBackups   = 2 << 56
	streamTasks     = 3 << 56
)

func demoRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

// DemoServiceInstances returns the 3 to 5 service instance IDs
// ("si-<20 hex>") that the demo data of seed belongs to.
func DemoServiceInstances(seed int64) []string {
	r := demoRand(seed, streamInstances)
	ids := make([]string, 3+r.IntN(3))
	seen := map[string]bool{}
	for i := range ids {
		for {
			id := "si-" + hexString(r, 20)
			if !seen[id] {
				seen[id] = true
				ids[i] = id
				break
			}
		}
	}
	return ids
}

// The demo data set: what the fake-server command serves by default and
// what the examples' -demo flag serves, so that an item seen in one is
// found in the other (on the same day). WithDemoData(DemoSeed,
// DemoBackupCount, DemoRestoreTaskCount) seeds a server with it.
const (
	DemoSeed             = 1
	DemoBackupCount      = 137
	DemoRestoreTaskCount = 42
)

// DemoData returns the items WithDemoData(seed, nBackups, nTasks) serves
// on a server whose clock reads now when it starts, in listing order: the
// same for the same seed, counts and day of now.
//
// The backups cover every documented status (cycling through them in
// order, so any nBackups >= 6 has them all) and the Manual mode, mix "Z"
// and "+08:00" times (even within one backup), leave EndTime out while a
// backup is being created, and have RetentionDays on two backups in three.
// They are in creation order, one to four hours apart, the last created
// two to four hours before DemoDay(now). Each restore task restores one of
// the backups (a Created one when there is any) into that backup's
// service instance; with no backups it makes up backup IDs on the seed's
// service instances. The tasks cycle through every documented status, mix
// "Z" and "+08:00" times, and leave EndTime out while Restoring; they are
// in creation order, one to six hours apart. Every time in the data is
// before DemoDay(now).
func DemoData(seed int64, nBackups, nTasks int, now time.Time) ([]*models.Backup, []*models.RestoreTask) {
	g := newDemoGen(seed, DemoDay(now), max(nBackups, 0), max(nTasks, 0))
	var backups []*models.Backup
	for i := range g.nBackups {
		backups = append(backups, g.backup(i))
	}
	var tasks []*models.RestoreTask
	for k := range g.nTasks {
		tasks = append(tasks, g.restoreTask(k))
	}
	return backups, tasks
}

// demoGen makes any demo item from its index alone, which lets the server
// hold a million demo items without making them until a listing asks. It
// does not change once newDemoGen has made it, so
// any number of goroutines may make items of it at once.
type demoGen struct {
	seed          int64
	day           time.Time
	instances     []string
	nBackups      int
	nTasks        int
	backupKey     uint64
	taskKey       uint64
	nSources      int                        // backups the tasks restore
	source        func(j int) *models.Backup // source j, 0 <= j < nSources
	backupStatus  []models.BackupStatus
	taskStatus    []models.RestoreTaskStatus
	createdStatus int // the index of Created in backupStatus
}

func newDemoGen(seed int64, day time.Time, nBackups, nTasks int) *demoGen {
	g := &demoGen{
		seed: seed, day: day, instances: DemoServiceInstances(seed), nBackups: nBackups, nTasks: nTasks,
		backupKey: mix64(uint64(seed) ^ streamBackups), taskKey: mix64(uint64(seed) ^ streamTasks),
		backupStatus: models.BackupStatuses(), taskStatus: models.RestoreTaskStatuses(),
	}
	for i, s := range g.backupStatus {
		if s == models.BackupStatusCreated {
			g.createdStatus = i
		}
	}
	// The tasks restore g's own backups: the Created ones (every
	// len(backupStatus)-th from createdStatus), or all when none is
	// Created.
	period := len(g.backupStatus)
	if g.nBackups > g.createdStatus {
		g.nSources = (g.nBackups - g.createdStatus + period - 1) / period
		g.source = func(j int) *models.Backup { return g.backup(j*period + g.createdStatus) }
	} else {
		g.nSources, g.source = g.nBackups, g.backup
	}
	return g
}

// backup makes backup i of g.nBackups.
func (g *demoGen) backup(i int) *models.Backup {
	r := demoRand(g.seed, streamBackups+uint64(i))
	// 150 minutes apart on average, each moved by up to 45 minutes either
	// way: consecutive backups are 1 to 4 hours apart.
	jitter := time.Duration(r.IntN(90*60)-45*60) * time.Second
	created := g.day.Add(-3*time.Hour - time.Duration(g.nBackups-1-i)*150*time.Minute + jitter)
	si := g.instances[r.IntN(len(g.instances))]
	status := g.backupStatus[i%len(g.backupStatus)]
	b := new(models.Backup).
		SetBackupId(demoID("backup-", g.backupKey, i, r)).
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
	return b
}

// restoreTask makes restore task k of g.nTasks.
func (g *demoGen) restoreTask(k int) *models.RestoreTask {
	r := demoRand(g.seed, streamTasks+uint64(k))
	// 210 minutes apart on average, each moved by up to 75 minutes either
	// way: consecutive tasks are 1 to 6 hours apart.
	jitter := time.Duration(r.IntN(150*60)-75*60) * time.Second
	created := g.day.Add(-4*time.Hour - time.Duration(g.nTasks-1-k)*210*time.Minute + jitter)
	var backupID, si string
	if g.nSources > 0 {
		b := g.source(r.IntN(g.nSources))
		backupID, si = b.GetBackupId(), b.GetServiceInstanceId()
	} else {
		backupID, si = "backup-"+hexString(r, 20), g.instances[r.IntN(len(g.instances))]
	}
	status := g.taskStatus[k%len(g.taskStatus)]
	t := new(models.RestoreTask).
		SetRestoreTaskId(demoID("restore-", g.taskKey, k, r)).
		SetServiceInstanceId(si).
		SetBackupId(backupID).
		SetStatus(status).
		SetCreateTime(demoTime(created, k+1)).
		SetStartTime(demoTime(created.Add(time.Duration(1+r.IntN(30))*time.Second), k))
	modified := created.Add(time.Minute)
	if status != models.RestoreTaskStatusRestoring {
		end := created.Add(time.Duration(10+r.IntN(110)) * time.Minute)
		t.SetEndTime(demoTime(end, k+1))
		modified = end
	}
	t.SetModifiedTime(demoTime(modified, k))
	if status == models.RestoreTaskStatusRestoreFailed {
		t.SetStatusDetail(fmt.Sprintf("i-%s failed, error message: disk attach timed out", hexString(r, 20)))
	}
	return t
}

// demoID returns prefix and 20 hex digits: 16 that encode index i under
// key (a bijection, so no two items of a data set share an ID, and
// demoIndex can find an item from its ID) and 4 random ones.
func demoID(prefix string, key uint64, i int, r *rand.Rand) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], mix64(uint64(i)+key))
	return prefix + hex.EncodeToString(b[:]) + hexString(r, 4)
}

// demoIndex returns the i that demoID encoded in id, when id has demoID's
// form; the caller checks the item it names.
func demoIndex(prefix string, key uint64, id string) (int, bool) {
	if len(id) != len(prefix)+20 || id[:len(prefix)] != prefix {
		return 0, false
	}
	x, err := strconv.ParseUint(id[len(prefix):len(prefix)+16], 16, 64)
	if err != nil {
		return 0, false
	}
	i := unmix64(x) - key
	if i > 1<<40 {
		return 0, false
	}
	return int(i), true
}

// mix64 is a bijection of the 64-bit integers that scatters its input
// (the SplitMix64 finalizer); unmix64 is its inverse.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func unmix64(x uint64) uint64 {
	x = unshift(x, 31)
	x *= inverse(0x94d049bb133111eb)
	x = unshift(x, 27)
	x *= inverse(0xbf58476d1ce4e5b9)
	return unshift(x, 30)
}

// unshift inverts x ^= x >> s.
func unshift(y uint64, s uint) uint64 {
	x := y
	for range 64 / s {
		x = y ^ x>>s
	}
	return x
}

// inverse returns the multiplicative inverse of an odd a modulo 2^64.
func inverse(a uint64) uint64 {
	x := a // right to 3 bits; each Newton step doubles them
	for range 5 {
		x *= 2 - a*x
	}
	return x
}

// demoTime writes t in UTC ("Z") for even form and in "+08:00" for odd.
func demoTime(t time.Time, form int) string {
	if form%2 == 0 {
		return t.UTC().Format(time.RFC3339)
	}
	return t.In(cst).Format(time.RFC3339)
}

func hexString(r *rand.Rand, n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[r.IntN(16)]
	}
	return string(b)
}

// fill replaces the stores' items with g's, made only when asked for. It
// only reads g, which never changes once made: a listing may be making
// items of an earlier fill meanwhile.
func (g *demoGen) fill(backups *Store[models.Backup], tasks *Store[models.RestoreTask]) {
	backups.setLazy(g.nBackups, g.backup, func(id string) (int, bool) { return demoIndex("backup-", g.backupKey, id) })
	tasks.setLazy(g.nTasks, g.restoreTask, func(id string) (int, bool) { return demoIndex("restore-", g.taskKey, id) })
}
