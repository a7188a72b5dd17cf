//go:build !race

package client_test

// raceEnabled: the race detector is off; see race_on_test.go.
const raceEnabled = false
