package models

// deref returns *p, or the zero value when p is nil; the nil-safe getters use
// it.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// cloneOpt copies an optional field, so that a Clone never shares one with
// its original.
func cloneOpt[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
