//go:build race

package client_test

// raceEnabled: the race detector is on, and sync.Pool drops some of what
// it is given, so allocation counts and heap figures mean nothing:
// TestCallAllocationBudget and TestIterationHeapIsFlat skip themselves, and
// .ci/run runs them in a pass without -race.
const raceEnabled = true
