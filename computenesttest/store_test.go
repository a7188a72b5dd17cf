package computenesttest_test

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

func TestStore(t *testing.T) {
	srv := newFake(t)
	s := srv.Backups()
	b1 := new(models.Backup).SetBackupId("b1").SetDescription("one").SetRetentionDays(3)
	s.Add(b1, new(models.Backup).SetBackupId("b2"), new(models.Backup).SetBackupId("b3"))

	// The store keeps copies: changing what was added, or what came back,
	// changes nothing stored.
	b1.SetDescription("changed by the caller")
	*b1.RetentionDays = 99
	got, ok := s.Get("b1")
	if !ok || got.GetDescription() != "one" || got.GetRetentionDays() != 3 {
		t.Fatalf("Get = %+v, %v", got, ok)
	}
	*got.Description = "changed again"
	s.All()[0].SetBackupId("zzz")
	if again, _ := s.Get("b1"); again.GetDescription() != "one" {
		t.Fatal("a returned item aliases the store")
	}

	// Adding an ID again replaces the item in place.
	s.Add(new(models.Backup).SetBackupId("b2").SetDescription("replaced"))
	if ids := backupIDs(s.All()); !slices.Equal(ids, []string{"b1", "b2", "b3"}) || s.Len() != 3 {
		t.Fatalf("after replace: %v", ids)
	}
	if b, _ := s.Get("b2"); b.GetDescription() != "replaced" {
		t.Fatalf("b2 = %+v", b)
	}

	if !s.Update("b3", func(b *models.Backup) { b.SetStatus(models.BackupStatusDeleted) }) {
		t.Fatal("Update of a stored item reported false")
	}
	if s.Update("nope", func(*models.Backup) { t.Error("fn called for a missing item") }) {
		t.Fatal("Update of a missing item reported true")
	}
	if b, _ := s.Get("b3"); b.GetStatus() != models.BackupStatusDeleted {
		t.Fatalf("b3 = %+v", b)
	}

	if !s.Remove("b2") || s.Remove("b2") {
		t.Fatal("Remove should report true once")
	}
	if _, ok := s.Get("b2"); ok {
		t.Fatal("removed item still there")
	}
	s.Add(new(models.Backup).SetBackupId("b2"))
	if ids := backupIDs(s.All()); !slices.Equal(ids, []string{"b1", "b3", "b2"}) {
		t.Fatalf("an item added again goes last: %v", ids)
	}
	s.Clear()
	if s.Len() != 0 || len(s.All()) != 0 {
		t.Fatal("Clear left items")
	}

	tasks := srv.RestoreTasks()
	rt := new(models.RestoreTask).SetRestoreTaskId("r1").SetStatus(models.RestoreTaskStatusRestoring)
	tasks.Add(rt)
	if got, _ := tasks.Get("r1"); !reflect.DeepEqual(got, rt) || got == rt {
		t.Fatalf("restore task copy: %+v", got)
	}
}

func TestStoreRejectsMistakes(t *testing.T) {
	s := newFake(t).Backups()
	s.Add(new(models.Backup).SetBackupId("b1"))
	for name, fn := range map[string]func(){
		"nil item":     func() { s.Add(nil) },
		"no ID":        func() { s.Add(new(models.Backup).SetDescription("x")) },
		"ID changed":   func() { s.Update("b1", func(b *models.Backup) { b.SetBackupId("b9") }) },
		"ID cleared":   func() { s.Update("b1", func(b *models.Backup) { b.BackupId = nil }) },
		"nil among ok": func() { s.Add(new(models.Backup).SetBackupId("b2"), nil) },
		"nil fn":       func() { s.Update("b1", nil) },
	} {
		func() {
			defer func() {
				// A panic that says what the test did wrong, not a runtime error.
				if msg, _ := recover().(string); !strings.HasPrefix(msg, "computenesttest: Store.") {
					t.Errorf("%s: panic %q", name, msg)
				}
			}()
			fn()
		}()
	}
	if ids := backupIDs(s.All()); !slices.Equal(ids, []string{"b1"}) {
		t.Errorf("a rejected call changed the store: %v", ids)
	}
}

func TestStoreConcurrentUse(t *testing.T) {
	s := newFake(t).RestoreTasks()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				id := string(rune('a'+g)) + string(rune('0'+i%10))
				s.Add(new(models.RestoreTask).SetRestoreTaskId(id))
				s.Update(id, func(x *models.RestoreTask) { x.SetStatusDetail("touched") })
				s.Get(id)
				s.All()
				if i%3 == 0 {
					s.Remove(id)
				}
			}
		})
	}
	wg.Wait()
	if s.Len() > 80 {
		t.Errorf("Len = %d, at most 80 distinct IDs", s.Len())
	}
}

// TestStoreUpdateReentrant: fn runs outside the store's lock, so it may
// call the store (this deadlocked the whole fake before), and no update is
// lost to a concurrent one.
func TestStoreUpdateReentrant(t *testing.T) {
	srv := newFake(t)
	s := srv.Backups()
	s.Add(new(models.Backup).SetBackupId("b1").SetRetentionDays(0), new(models.Backup).SetBackupId("b2"))

	done := make(chan bool, 1)
	go func() {
		done <- s.Update("b1", func(b *models.Backup) {
			other, _ := s.Get("b2")
			b.SetDescription("after " + other.GetBackupId())
			s.Update("b2", func(o *models.Backup) { o.SetDescription("touched from b1's update") })
			_ = s.All()
			_ = s.Len()
		})
	}()
	select {
	case ok := <-done:
		if !ok {
			t.Fatal("Update reported false")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Update whose fn calls the store deadlocked")
	}
	if b, _ := s.Get("b1"); b.GetDescription() != "after b2" {
		t.Errorf("b1 = %+v", b)
	}
	if b, _ := s.Get("b2"); b.GetDescription() != "touched from b1's update" {
		t.Errorf("b2 = %+v", b)
	}

	// Concurrent increments: each runs again if another got in first.
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Update("b1", func(b *models.Backup) { b.SetRetentionDays(b.GetRetentionDays() + 1) })
		}()
	}
	wg.Wait()
	if b, _ := s.Get("b1"); b.GetRetentionDays() != 50 {
		t.Errorf("RetentionDays = %d after 50 concurrent increments", b.GetRetentionDays())
	}

	// fn removes its own item: the update is dropped and reported false.
	if s.Update("b2", func(*models.Backup) { s.Remove("b2") }) {
		t.Error("Update of an item removed meanwhile reported true")
	}
	if _, ok := s.Get("b2"); ok {
		t.Error("the removed item came back")
	}

	// fn that updates its own item can never settle: a clear panic, not a
	// hang.
	defer func() {
		if msg, _ := recover().(string); !strings.Contains(msg, "does fn update its own item") {
			t.Errorf("panic = %q", msg)
		}
	}()
	s.Update("b1", func(*models.Backup) {
		s.Update("b1", func(b *models.Backup) { b.SetDescription(b.GetDescription() + ".") })
	})
	t.Error("no panic")
}
