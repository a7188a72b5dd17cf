package computenesttest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

// AdminPrefix is the path under which WithAdminAPI serves the admin API.
// The real API is served at "/" and never under it.
const AdminPrefix = "/_fake/"

// maxAdminBody bounds an admin request's body: 64 MiB, a var only so that
// a test can lower it.
var maxAdminBody int64 = 64 << 20

// adminMux returns the handler of the admin API; see WithAdminAPI.
func (s *Server) adminMux() http.Handler {
	mux := http.NewServeMux()
	adminStore(mux, s, "backups", s.backups, checkBackup, (*models.Backup).SetModifiedTime)
	adminStore(mux, s, "restore-tasks", s.restoreTasks, checkRestoreTask, (*models.RestoreTask).SetModifiedTime)

	mux.HandleFunc("GET /_fake/faults", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, adminFaults(s.Faults()))
	})
	mux.HandleFunc("POST /_fake/faults", func(w http.ResponseWriter, r *http.Request) {
		var in adminFault
		if !adminDecode(w, r, &in) {
			return
		}
		f, err := in.fault()
		if err == nil {
			err = s.checkFault(f)
		}
		if err != nil {
			adminFail(w, http.StatusBadRequest, "invalid fault: "+err.Error())
			return
		}
		s.faults.add(f)
		writeJSON(w, http.StatusCreated, adminFaults(s.Faults()))
	})
	mux.HandleFunc("DELETE /_fake/faults", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	})

	mux.HandleFunc("GET /_fake/requests", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Requests())
	})
	mux.HandleFunc("DELETE /_fake/requests", func(w http.ResponseWriter, r *http.Request) {
		s.ResetRequests()
		w.WriteHeader(http.StatusNoContent)
	})

	mux.HandleFunc("POST /_fake/reset", func(w http.ResponseWriter, r *http.Request) {
		s.reset()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /_fake/{$}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{
			"backups":        s.backups.Len(),
			"restore-tasks":  s.restoreTasks.Len(),
			"faults":         len(s.Faults()),
			"max-body-bytes": maxAdminBody,
			"endpoints":      adminEndpoints,
		})
	})
	mux.HandleFunc("/_fake/", func(w http.ResponseWriter, r *http.Request) {
		adminFail(w, http.StatusNotFound, r.Method+" "+r.URL.Path+" is not part of the admin API; GET "+AdminPrefix+" lists it")
	})
	return mux
}

// adminEndpoints is what GET /_fake/ lists; the package doc explains each.
var adminEndpoints = []string{
	"POST /_fake/backups", "GET|PATCH|DELETE /_fake/backups/{id}",
	"POST /_fake/restore-tasks", "GET|PATCH|DELETE /_fake/restore-tasks/{id}",
	"GET|POST|DELETE /_fake/faults", "GET|DELETE /_fake/requests", "POST /_fake/reset",
}

// adminStore serves one store: add (POST, a JSON array of items or one
// item), and get, change (PATCH, the fields to set) and remove by ID. POST
// and PATCH refuse an item that check refuses, unless the request has
// ?unchecked=1; a PATCH that changes the item and does not set
// ModifiedTime stamps it with the server's clock through setModified.
func adminStore[T any, R any](mux *http.ServeMux, s *Server, name string, store *Store[T],
	check func(*T) error, setModified func(*T, string) R) {
	base := AdminPrefix + name
	mux.HandleFunc("POST "+base, func(w http.ResponseWriter, r *http.Request) {
		body, ok := adminBody(w, r)
		if !ok {
			return
		}
		var items []*T
		var err error
		if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] == '[' {
			err = strictUnmarshal(body, &items)
		} else {
			var one *T
			err = strictUnmarshal(body, &one)
			items = []*T{one}
		}
		if err != nil {
			adminFail(w, http.StatusBadRequest, "the body must be a JSON array of "+name+" (or one): "+err.Error())
			return
		}
		for i, it := range items {
			if it == nil || store.id(it) == "" {
				adminFail(w, http.StatusBadRequest, fmt.Sprintf("item %d has no ID", i))
				return
			}
			if err := adminCheck(r, check, it); err != nil {
				adminFail(w, http.StatusBadRequest, fmt.Sprintf("item %d: %v", i, err))
				return
			}
		}
		store.Add(items...)
		writeJSON(w, http.StatusOK, map[string]int{"added": len(items), "total": store.Len()})
	})
	mux.HandleFunc("GET "+base+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		it, ok := store.Get(r.PathValue("id"))
		if !ok {
			adminFail(w, http.StatusNotFound, "no item "+r.PathValue("id")+" in "+name)
			return
		}
		writeJSON(w, http.StatusOK, it)
	})
	mux.HandleFunc("PATCH "+base+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		body, ok := adminBody(w, r)
		if !ok {
			return
		}
		id := r.PathValue("id")
		// Check the fields once before changing anything.
		var probe T
		if err := strictUnmarshal(body, &probe); err != nil {
			adminFail(w, http.StatusBadRequest, "the body must be a JSON object of the fields to set: "+err.Error())
			return
		}
		var fields map[string]json.RawMessage
		json.Unmarshal(body, &fields) //nolint:errcheck // an object, checked above
		_, setsModified := fields["ModifiedTime"]
		// The probe cannot tell an ID set to "" from none: judge the ID and
		// the values on a copy of the item, and change the item only if
		// they hold.
		var updated *T
		var newID string
		var invalid error
		found := store.Update(id, func(it *T) {
			c := store.clone(it)
			json.Unmarshal(body, c) //nolint:errcheck // checked above
			if newID = store.id(c); newID != id {
				return
			}
			if invalid = adminCheck(r, check, c); invalid != nil {
				return
			}
			if !setsModified && !reflect.DeepEqual(c, it) {
				setModified(c, s.now().UTC().Format(time.RFC3339))
			}
			*it = *c
			updated = it
		})
		switch {
		case !found:
			adminFail(w, http.StatusNotFound, "no item "+id+" in "+name)
			return
		case newID != id:
			adminFail(w, http.StatusBadRequest, "the ID cannot change ("+strconv.Quote(newID)+" in the body, "+id+" in the path)")
			return
		case invalid != nil:
			adminFail(w, http.StatusBadRequest, invalid.Error())
			return
		}
		writeJSON(w, http.StatusOK, updated)
	})
	mux.HandleFunc("DELETE "+base+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		if !store.Remove(r.PathValue("id")) {
			adminFail(w, http.StatusNotFound, "no item "+r.PathValue("id")+" in "+name)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// adminCheck runs check on it, unless r asks for ?unchecked=1: the one way
// to seed values the service would never send, for tests of how a client
// copes with them.
func adminCheck[T any](r *http.Request, check func(*T) error, it *T) error {
	if r.URL.Query().Get("unchecked") == "1" {
		return nil
	}
	if err := check(it); err != nil {
		return fmt.Errorf("%w (the service never sends that; add ?unchecked=1 to store it anyway)", err)
	}
	return nil
}

// checkBackup refuses what the service never sends in a backup: an empty
// ID, a time that is not RFC 3339, a negative RetentionDays. Unknown
// statuses and modes pass, as the API's enums are open.
func checkBackup(b *models.Backup) error {
	if b.RetentionDays != nil && *b.RetentionDays < 0 {
		return fmt.Errorf("RetentionDays %d is negative", *b.RetentionDays)
	}
	return checkFields(
		[]itemField{{"BackupId", b.BackupId}, {"ServiceInstanceId", b.ServiceInstanceId}},
		[]itemField{{"StartTime", b.StartTime}, {"EndTime", b.EndTime}, {"CreateTime", b.CreateTime}, {"ModifiedTime", b.ModifiedTime}})
}

// checkRestoreTask is checkBackup for a restore task.
func checkRestoreTask(t *models.RestoreTask) error {
	return checkFields(
		[]itemField{{"RestoreTaskId", t.RestoreTaskId}, {"ServiceInstanceId", t.ServiceInstanceId}, {"BackupId", t.BackupId}},
		[]itemField{{"StartTime", t.StartTime}, {"EndTime", t.EndTime}, {"CreateTime", t.CreateTime}, {"ModifiedTime", t.ModifiedTime}})
}

// itemField is an optional string field of an item, by its JSON name.
type itemField struct {
	name  string
	value *string
}

// checkFields refuses an ID that is present but empty, and a time that is
// present but not RFC 3339.
func checkFields(ids, times []itemField) error {
	for _, f := range ids {
		if f.value != nil && *f.value == "" {
			return fmt.Errorf("%s %q is empty", f.name, *f.value)
		}
	}
	for _, f := range times {
		if f.value == nil {
			continue
		}
		if _, err := time.Parse(time.RFC3339, *f.value); err != nil {
			return fmt.Errorf("%s %q is not an RFC 3339 time such as 2024-09-03T19:54:38+08:00", f.name, *f.value)
		}
	}
	return nil
}

// adminFault is a Fault as the admin API reads and writes it: the kind by
// name and durations in milliseconds.
type adminFault struct {
	Action       string `json:",omitempty"`
	Kind         string
	Times        int   `json:",omitempty"`
	Status       int   `json:",omitempty"`
	RetryAfterMs int64 `json:",omitempty"`
	DelayMs      int64 `json:",omitempty"`
}

// maxAdminMs is the most milliseconds a time.Duration holds.
const maxAdminMs = math.MaxInt64 / int64(time.Millisecond)

func (a adminFault) fault() (Fault, error) {
	for _, ms := range []struct {
		name string
		v    int64
	}{{"DelayMs", a.DelayMs}, {"RetryAfterMs", a.RetryAfterMs}} {
		if ms.v > maxAdminMs || ms.v < -maxAdminMs {
			return Fault{}, fmt.Errorf("%s %d is out of range (at most %d)", ms.name, ms.v, maxAdminMs)
		}
	}
	f := Fault{Action: a.Action, Times: a.Times, Status: a.Status,
		RetryAfter: time.Duration(a.RetryAfterMs) * time.Millisecond, Delay: time.Duration(a.DelayMs) * time.Millisecond}
	name := strings.TrimPrefix(a.Kind, "Fault")
	var names []string
	for k, n := range faultNames {
		if n == name {
			f.Kind = k
			return f, nil
		}
		names = append(names, n)
	}
	slices.Sort(names)
	return f, fmt.Errorf("unknown Kind %q; want one of %s", a.Kind, strings.Join(names, ", "))
}

func adminFaults(fs []Fault) []adminFault {
	out := make([]adminFault, len(fs))
	for i, f := range fs {
		out[i] = adminFault{Action: f.Action, Kind: f.Kind.String(), Times: f.Times, Status: f.Status,
			RetryAfterMs: f.RetryAfter.Milliseconds(), DelayMs: f.Delay.Milliseconds()}
	}
	return out
}

// reset puts the server back as it started: its demo data (if any) and no
// other item, no pending fault, an empty request log. Nonces stay spent.
func (s *Server) reset() {
	if s.demo != nil {
		s.demo.fill(s.backups, s.restoreTasks)
	} else {
		s.backups.Clear()
		s.restoreTasks.Clear()
	}
	s.ClearFaults()
	s.ResetRequests()
}

// adminBody reads an admin request's body, refusing one larger than
// maxAdminBody with 413 (at once when its Content-Length says so).
func adminBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	tooLarge := fmt.Sprintf("the body is larger than %d bytes", maxAdminBody)
	if r.ContentLength > maxAdminBody {
		adminFail(w, http.StatusRequestEntityTooLarge, tooLarge)
		return nil, false
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(http.MaxBytesReader(w, r.Body, maxAdminBody)); err != nil {
		if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
			adminFail(w, http.StatusRequestEntityTooLarge, tooLarge)
		} else {
			adminFail(w, http.StatusBadRequest, "reading the body: "+err.Error())
		}
		return nil, false
	}
	return b.Bytes(), true
}

func adminDecode(w http.ResponseWriter, r *http.Request, v any) bool {
	body, ok := adminBody(w, r)
	if !ok {
		return false
	}
	if err := strictUnmarshal(body, v); err != nil {
		adminFail(w, http.StatusBadRequest, "the body must be JSON: "+err.Error())
		return false
	}
	return true
}

// strictUnmarshal decodes one JSON value, refusing unknown fields (a typo
// must not be ignored) and trailing data.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if len(bytes.TrimSpace(data[dec.InputOffset():])) > 0 {
		return errors.New("data after the JSON value")
	}
	return nil
}

func adminFail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
