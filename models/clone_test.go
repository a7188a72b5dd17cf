package models

import (
	"reflect"
	"testing"
)

// TestItemCloneIsDeep fills every field through reflection, so a field
// added later and forgotten in Clone fails here.
func TestItemCloneIsDeep(t *testing.T) {
	check := func(t *testing.T, orig, clone any) {
		t.Helper()
		if !reflect.DeepEqual(orig, clone) {
			t.Fatalf("clone differs:\n%+v\n%+v", orig, clone)
		}
		ov, cv := reflect.ValueOf(orig).Elem(), reflect.ValueOf(clone).Elem()
		for i := range ov.NumField() {
			if ov.Field(i).Pointer() == cv.Field(i).Pointer() {
				t.Errorf("field %s is shared", ov.Type().Field(i).Name)
			}
		}
	}
	fill := func(p any) {
		v := reflect.ValueOf(p).Elem()
		for i := range v.NumField() {
			f := v.Field(i)
			n := reflect.New(f.Type().Elem())
			switch n.Elem().Kind() {
			case reflect.String:
				n.Elem().SetString(v.Type().Field(i).Name + "-value")
			case reflect.Int32:
				n.Elem().SetInt(int64(i + 1))
			default:
				t.Fatalf("unexpected field kind %s", n.Elem().Kind())
			}
			f.Set(n)
		}
	}
	b := new(Backup)
	fill(b)
	check(t, b, b.Clone())
	rt := new(RestoreTask)
	fill(rt)
	check(t, rt, rt.Clone())
	if (*Backup)(nil).Clone() != nil || (*RestoreTask)(nil).Clone() != nil {
		t.Error("Clone of nil is not nil")
	}
}
