// Package cli is the plumbing the example commands share, kept out of the
// way of what they teach: each main.go makes its SDK calls itself and calls
// these helpers for the rest.
//
//   - [Main] wires a run function to the process (Ctrl-C, SIGPIPE, the exit
//     status); [Command] is a flag set whose -h prints a description and
//     examples, whose flags may follow the arguments, and whose
//     [Command.Exit] reports an error on one line and maps it to the exit
//     status: 0, 1, 2 for a [UsageError], 130 when interrupted.
//   - [ConnFlags] (-region, -endpoint, -demo, -v) and [ListFlags] (-instance,
//     -status, -since, -until, -page-size, -json, -timeout) register and
//     check flags; they hold values and call nothing.
//   - [Table] writes an aligned table as rows arrive, with widths fixed in
//     advance; [Cell], [TimeCell], [Sanitize], [Line] and [JSONLines] keep
//     text from the network from driving the terminal.
//   - [Progress] is a one-line progress report on stderr, drawn only on a
//     terminal and cut to its width.
//
// It is internal to the examples: it is not part of the SDK's API.
package cli
