package computenesttest

// SetMaxAdminBody lowers the admin API's body limit to n bytes for a test,
// so that the limit is tested without sending 64 MiB; the returned
// function restores it.
func SetMaxAdminBody(n int64) (restore func()) {
	old := maxAdminBody
	maxAdminBody = n
	return func() { maxAdminBody = old }
}
