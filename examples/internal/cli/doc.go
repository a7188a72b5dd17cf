// Package cli is the plumbing the example commands share, written once so
// that each main package shows only what is particular to it: the request
// it builds, the SDK call it makes and the columns it prints.
//
// It provides:
//
//   - [Command]: a flag set whose -h prints a description and examples,
//     whose flags may follow the arguments, and [Command.Exit], which
//     reports an error on one line and maps it to the exit
//     status: 0 for success and -h, 2 for a [UsageError] (bad flags,
//     invalid values, a request the models package rejects), 130 when
//     interrupted, 1 for anything else.
//   - [ConnFlags] (-region, -endpoint, -demo, -v) and [Command.Connect],
//     which builds a client with credentials from the credentials-go default
//     chain, or, with -demo, starts an in-process fake Compute Nest seeded with
//     the demo data set and builds a client of it ([WithDemoOptions] lets
//     tests give that fake their clock).
//   - [ListFlags] (-instance, -status, -since, -until, -page-size, -json,
//     -timeout), which become a [Query] of models filters.
//   - [ListCommand], the whole of list-backups and list-restore-tasks,
//     generic over the request, page and item types; [List] pages through a
//     listing and writes each page as it arrives, as JSON lines or as a
//     table whose widths are decided on the first page, cells measured by
//     display width ([DisplayWidth]) and cut to [MaxCellWidth] ([Fit]).
//   - [Sanitize], [Line] and [JSONLines], which keep text from the network
//     from driving the terminal: control characters, ANSI escape sequences
//     and bidi overrides are shown escaped; [ExplainListing], which tells
//     why a listing stopped early in a command line user's words.
//   - [Progress], a one-line progress report on stderr that is drawn only
//     when stderr is a terminal.
//
// It is internal to the examples: it is not part of the SDK's API.
package cli
