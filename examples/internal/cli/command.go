package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// Exit statuses of the example commands.
const (
	// ExitOK is success, and -h.
	ExitOK = 0
	// ExitFailure is a failed call, a wait that did not end well, or any
	// other error at run time.
	ExitFailure = 1
	// ExitUsage is a mistake on the command line, as with the flag package.
	ExitUsage = 2
	// ExitInterrupted is a run cut short by Ctrl-C (128 + SIGINT).
	ExitInterrupted = 130
)

// Main runs a command's run function as the process: with a context that
// Ctrl-C (SIGINT) and SIGTERM cancel, the process's arguments, stdout and
// stderr, and run's result as the exit status. A write to a closed pipe, as
// in "list-backups -demo | head", ends the command quietly instead of
// killing it with SIGPIPE.
func Main(run func(ctx context.Context, args []string, stdout, stderr io.Writer) int) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	signal.Ignore(syscall.SIGPIPE) // writes to a closed pipe return EPIPE; Exit handles it
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// UsageError is a mistake on the command line: an unknown flag, a value
// that does not parse, or a request the models package rejects. Command.Exit
// reports it on one line with a pointer to -h and exits with ExitUsage.
type UsageError struct {
	// Msg says what is wrong, naming the flag to change.
	Msg string
}

// Error returns Msg.
func (e *UsageError) Error() string { return e.Msg }

// Usagef returns a *UsageError with a formatted message.
func Usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// ExitError ends a command with Code after the command has reported the
// outcome itself; Command.Exit prints Msg only when it is not empty.
type ExitError struct {
	// Code is the exit status.
	Code int
	// Msg, when not empty, is printed on stderr after the command's name.
	Msg string
}

// Error returns Msg, or the exit status when Msg is empty.
func (e *ExitError) Error() string {
	if e.Msg != "" {
		return e.Msg
	}
	return fmt.Sprintf("exit status %d", e.Code)
}

// Command is one example program: its flag set, its help text and where it
// writes. Create one with NewCommand, register flags on Flags, then Parse.
type Command struct {
	// Name is the program's name, used in messages ("list-backups: ...").
	Name string
	// Flags holds the program's flags; it never exits the process.
	Flags *flag.FlagSet
	// Stdout receives the program's results.
	Stdout io.Writer
	// Stderr receives progress, warnings and errors.
	Stderr io.Writer
	// HelpOut receives the help that -h asks for. NewCommand sets it to
	// Stdout, so that "-h | less" works; a mistake in the flags gets a
	// one-line pointer to -h on Stderr instead.
	HelpOut io.Writer

	help func() // prints the full help on HelpOut
	args []string
}

// NewCommand returns a Command whose -h prints
//
//	Usage: <name> <synopsis>
//
//	<description>
//
//	Flags:
//	  ...
//
//	Examples:
//	<examples>
//
// on HelpOut.
func NewCommand(name, synopsis, description, examples string, stdout, stderr io.Writer) *Command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// Parse reports errors itself, on one line; the flag package's own
	// message would be a second.
	fs.SetOutput(io.Discard)
	c := &Command{Name: name, Flags: fs, Stdout: stdout, Stderr: stderr, HelpOut: stdout}
	c.help = func() {
		w := c.HelpOut
		fmt.Fprintf(w, "Usage: %s %s\n\n%s\n\nFlags:\n", name, synopsis, strings.TrimSpace(description))
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		if examples != "" {
			fmt.Fprintf(w, "\nExamples:\n%s\n", strings.TrimRight(examples, "\n"))
		}
	}
	fs.Usage = func() {}
	return c
}

// Parse parses args. Flags may come before, between and after the
// positional arguments, as in "wait-restore-task -demo ID -timeout 3s";
// after "--" every argument is positional. For -h (or -help) it prints the
// help on HelpOut and returns flag.ErrHelp. For a flag that is unknown or
// does not parse it returns a *UsageError, which Exit reports on one line
// with a pointer to -h.
func (c *Command) Parse(args []string) error {
	c.args = nil
	for {
		if err := c.Flags.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.help()
				return err
			}
			return &UsageError{Msg: c.plainFlagError(err)}
		}
		rest := c.Flags.Args()
		if len(rest) == 0 {
			return nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			c.args = append(c.args, rest...)
			return nil
		}
		c.args = append(c.args, rest[0])
		args = rest[1:]
	}
}

var flagValueError = regexp.MustCompile(`for flag -(\S+): parse error$`)

// plainFlagError rewrites the flag package's "parse error" as what the
// flag wants; "value out of range" says enough and stays.
func (c *Command) plainFlagError(err error) string {
	msg := err.Error()
	if b, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		return "invalid value " + strings.Replace(strings.TrimSuffix(b, ": parse error"), " for -", " for flag -", 1) + ": want true or false, or no value"
	}
	m := flagValueError.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	f := c.Flags.Lookup(m[1])
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return msg
	}
	want := ""
	switch g.Get().(type) {
	case int, int64, uint, uint64:
		want = "want a whole number"
	case float64:
		want = "want a number"
	case time.Duration:
		want = "want a duration such as 90s, 10m or 1h30m"
	default:
		return msg
	}
	return strings.TrimSuffix(msg, "parse error") + want
}

// Args returns the positional arguments Parse found, wherever they were
// among the flags.
func (c *Command) Args() []string { return c.args }

// NoArgs returns a *UsageError when Parse found positional arguments.
func (c *Command) NoArgs() error {
	if len(c.args) > 0 {
		return Usagef("unexpected argument %q: every option is a flag", c.args[0])
	}
	return nil
}

// IsSet reports whether the flag name was given on the command line.
func (c *Command) IsSet(name string) bool {
	set := false
	c.Flags.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// Warnf prints a warning on stderr.
func (c *Command) Warnf(format string, args ...any) {
	fmt.Fprintf(c.Stderr, "%s: warning: %s\n", c.Name, fmt.Sprintf(format, args...))
}

// Notef prints a note on stderr.
func (c *Command) Notef(format string, args ...any) {
	fmt.Fprintf(c.Stderr, "%s: %s\n", c.Name, fmt.Sprintf(format, args...))
}

// plainHTTPAnswer is how net/http's client says that a server it spoke
// HTTPS to answered in plain HTTP; the error has no type of its own.
const plainHTTPAnswer = "server gave HTTP response to HTTPS client"

// Exit reports err on stderr and returns the exit status for it:
// ExitOK for nil and flag.ErrHelp, ExitUsage for a *UsageError,
// ExitInterrupted when ctx was cancelled (Ctrl-C), an *ExitError's Code,
// ExitOK without a word when stdout is a pipe whose reader has gone (as with
// "| head"), and ExitFailure for anything else. A host name that does not
// resolve is told with a pointer to -region and -endpoint, a plain HTTP
// answer to HTTPS with the -endpoint to give. Every message is one line,
// with the service's text escaped (see Line). The SDK's own errors are the
// commands' to explain, before they call Exit.
func (c *Command) Exit(err error) int {
	var usage *UsageError
	var exit *ExitError
	var dns *net.DNSError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &usage):
		fmt.Fprintf(c.Stderr, "%s: %s. Run '%s -h' for help.\n", c.Name, strings.TrimSuffix(Line(usage.Msg), "."), c.Name)
		return ExitUsage
	case errors.As(err, &exit):
		if exit.Msg != "" {
			fmt.Fprintf(c.Stderr, "%s: %s\n", c.Name, Line(exit.Msg))
		}
		return exit.Code
	case errors.Is(err, syscall.EPIPE):
		return ExitOK // the reader of stdout has all it wanted
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(c.Stderr, "%s: interrupted\n", c.Name)
		return ExitInterrupted
	case strings.Contains(err.Error(), plainHTTPAnswer):
		// The endpoint serves plain HTTP (a local fake-server, say) but was
		// given without the http:// prefix, so the client spoke HTTPS.
		endpoint := "http://HOST:PORT"
		var ue *url.Error
		if errors.As(err, &ue) {
			if u, perr := url.Parse(ue.URL); perr == nil && u.Host != "" {
				endpoint = "http://" + u.Host
			}
		}
		fmt.Fprintf(c.Stderr, "%s: the endpoint answered in plain HTTP, not HTTPS: give it with the http:// prefix, -endpoint %s\n", c.Name, Line(endpoint))
		return ExitFailure
	case errors.As(err, &dns) && dns.IsNotFound:
		fmt.Fprintf(c.Stderr, "%s: cannot reach %s: no such host. Check -region, or give the service's address with -endpoint\n", c.Name, Line(dns.Name))
		return ExitFailure
	default:
		fmt.Fprintf(c.Stderr, "%s: %s\n", c.Name, Line(err.Error()))
		return ExitFailure
	}
}
