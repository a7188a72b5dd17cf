package cli

import (
	"context"
	"io"
	"iter"
	"strings"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// Page is what List needs of a page of a listing: the number of items that
// match, on every page.
type Page interface {
	GetTotalCount() int32
}

// Columns says how one item type prints as a table.
type Columns[T any] struct {
	// Header names the columns.
	Header []string
	// Row returns an item's cells, one per column; Cell and TimeCell tidy
	// them.
	Row func(*T) []string
	// MinWidths, optional, are the least widths of the columns, in
	// terminal columns: List decides the widths on the first page, so a
	// column whose values vary in length (a status) needs room for the
	// longest value a later page may bring.
	MinWidths []int
}

// Output says where and how List writes a listing.
type Output struct {
	// W receives the table or the JSON lines.
	W io.Writer
	// JSON selects JSON lines instead of a table.
	JSON bool
	// Progress, when not nil, reports pages and items as they arrive.
	Progress *Progress
	// Noun names the items in the progress line ("backups").
	Noun string
}

// List ranges over pages to the end and writes their items to out.W as each
// page arrives: as JSON lines, one encoding/json object per item, or as a
// table whose column widths are decided on the first page that has items
// (see MaxCellWidth; nothing is written when no item matched). While pages
// load, out.Progress shows "page N: items/TotalCount noun". It returns the
// number of items written; on an error, what was written before it stands.
func List[R Page, T any](out Output, pages iter.Seq2[R, error], items func(R) []*T, cols Columns[T]) (int, error) {
	enc := NewJSONLines(out.W)
	tab := &table{w: out.W, header: cols.Header, min: cols.MinWidths}
	var rows [][]string
	n, pageNo := 0, 0
	for page, err := range pages {
		if err != nil {
			out.Progress.Done()
			return n, err
		}
		pageNo++
		if got := items(page); len(got) > 0 {
			out.Progress.Clear() // stdout may be the same terminal
			if out.JSON {
				for _, it := range got {
					if err := enc.Encode(it); err != nil {
						return n, err
					}
				}
			} else {
				rows = rows[:0]
				for _, it := range got {
					rows = append(rows, cols.Row(it))
				}
				if err := tab.write(rows); err != nil {
					return n, err
				}
			}
			n += len(got)
		}
		out.Progress.Show("page %d: %d/%d %s", pageNo, n, page.GetTotalCount(), out.Noun)
	}
	out.Progress.Done()
	return n, nil
}

// Cell tidies a value from the service for a table cell or a report line:
// runs of white space (tabs and newlines included) become one space, other
// control characters are escaped (see Sanitize), and an empty value becomes
// "-", so that every column of every row has a value.
func Cell(s string) string {
	s = Sanitize(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return "-"
	}
	return s
}

// TimeCell shows a time from the service in UTC ("2025-06-01T08:00:00Z"),
// since the service mixes "Z" and "+08:00"; a value that is not RFC 3339 is
// shown as given.
func TimeCell(s string) string {
	if t, err := models.ParseTime(s); err == nil {
		return models.FormatTime(t)
	}
	return Cell(s)
}

// ListCommand is a whole list command, list-backups or list-restore-tasks:
// its flags (ConnFlags and ListFlags), its help, and a run that lists every
// matching item across all pages. Req, Resp and T are the action's request,
// page and item types; only the fields below differ between the two.
type ListCommand[Req models.ListRequest, Resp Page, T any] struct {
	// Name is the program's name.
	Name string
	// Noun names the items, plural: "backups".
	Noun string
	// Description and Examples are the help text, see NewCommand.
	Description, Examples string
	// Statuses are the documented statuses, for -status.
	Statuses []string
	// NewRequest builds the request for q.
	NewRequest func(q Query) Req
	// Pages ranges over the pages req selects.
	Pages func(ctx context.Context, c *client.Client, req Req) iter.Seq2[Resp, error]
	// Items returns the items of a page.
	Items func(Resp) []*T
	// Columns is the table layout.
	Columns Columns[T]
}

// Run runs the command with args and returns its exit status.
func (lc *ListCommand[Req, Resp, T]) Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := NewCommand(lc.Name, "[flags]", lc.Description, lc.Examples, stdout, stderr)
	var conn ConnFlags
	var list ListFlags
	conn.Register(cmd.Flags)
	list.Register(cmd.Flags, lc.Noun, lc.Statuses)
	return cmd.Exit(lc.run(ctx, cmd, &conn, &list, args))
}

func (lc *ListCommand[Req, Resp, T]) run(ctx context.Context, cmd *Command, conn *ConnFlags, list *ListFlags, args []string) error {
	if err := cmd.Parse(args); err != nil {
		return err
	}
	if err := cmd.NoArgs(); err != nil {
		return err
	}
	q, err := list.Query(cmd)
	if err != nil {
		return err
	}
	req := lc.NewRequest(q)
	if err := req.Validate(); err != nil { // before anything starts or is sent
		return RequestError(err)
	}
	s, err := cmd.Connect(ctx, conn)
	if err != nil {
		return err
	}
	defer s.Close()

	runCtx, cancel := ctx, context.CancelFunc(func() {})
	if list.Timeout > 0 {
		runCtx, cancel = context.WithTimeout(ctx, list.Timeout)
	}
	defer cancel()
	out := Output{W: cmd.Stdout, JSON: list.JSON, Progress: NewProgress(cmd.Stderr), Noun: lc.Noun}
	n, err := List(out, lc.Pages(runCtx, s.Client, req), lc.Items, lc.Columns)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return ExplainListing(runCtx, err, n, lc.Noun, list.Timeout)
	}
	if n == 0 {
		cmd.Notef("no %s found", lc.Noun)
	}
	return nil
}

// PageSeq ranges over the pages a paginator has left, as the list
// commands stream them: an error is yielded once and ends the loop.
func PageSeq[R any](ctx context.Context, p interface {
	HasMorePages() bool
	NextPage(context.Context) (R, error)
}) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if !yield(page, err) || err != nil {
				return
			}
		}
	}
}
