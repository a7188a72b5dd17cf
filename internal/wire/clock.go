package wire

import (
	"net/http"
	"sync/atomic"
	"time"
)

// Clock is how far the service's clock is ahead of this machine's
// (negative when behind), as learnt from an answer that rejected a request
// for its date. The service refuses an x-acs-date more than 15 minutes
// from its own time (InvalidTimeStamp.Expired); a machine whose clock is
// that far off would otherwise fail every call.
//
// The offset is learnt only from the Date header of the very answer that
// refused a request for its timestamp, so it is never taken from a slow
// or cached success (aws-sdk-go-v2's users met that bug), and only when it
// differs from the offset in use by a minute or more: a refusal that the
// clock does not explain is left alone.
type Clock struct {
	offset atomic.Int64 // nanoseconds
	stamp  atomic.Pointer[timestamp]
}

// timestamp is an x-acs-date value and the second (Unix time) it is of.
type timestamp struct {
	sec  int64
	text string
}

// minSkewChange is the least correction learnt. Date has a resolution of
// one second; the service's window is 15 minutes.
const minSkewChange = time.Minute

// now is the service's time as best known.
func (s *Clock) now() time.Time {
	return time.Now().Add(time.Duration(s.offset.Load()))
}

// Learn reads date, the Date header of an answer received at received
// that refused a request for its timestamp, and adopts the offset it
// implies. It reports whether the offset changed, that is whether a
// request signed again can succeed.
func (s *Clock) Learn(date string, received time.Time) bool {
	t, err := http.ParseTime(date)
	if err != nil {
		return false
	}
	off := t.Sub(received)
	if (off - time.Duration(s.offset.Load())).Abs() < minSkewChange {
		return false
	}
	s.offset.Store(int64(off))
	return true
}

// timestamp is the x-acs-date value: the service's time (this machine's,
// corrected by any skew learnt) in UTC to the second.
// The text is formatted once a second and shared by the calls in it.
func (s *Clock) timestamp() string {
	now := s.now()
	if t := s.stamp.Load(); t != nil && t.sec == now.Unix() {
		return t.text
	}
	var buf [len("2006-01-02T15:04:05Z")]byte
	t := &timestamp{now.Unix(), string(now.UTC().AppendFormat(buf[:0], "2006-01-02T15:04:05Z"))}
	s.stamp.Store(t)
	return t.text
}
