package clitest

import (
	"regexp"
	"strings"
	"testing"
)

var helpDate = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)

// CheckHelpWorksWithDemo checks that a list command's help shows what
// works with today's demo data: each example that uses -demo (run up to a
// pipe) exits 0 and lists something, and each date the help shows falls
// within the demo data: both -demo -since and -demo -until it list
// something.
func CheckHelpWorksWithDemo(t *testing.T, run RunFunc, prog string) {
	t.Helper()
	help := Run(t, run, "-h").Stdout
	_, examples, ok := strings.Cut(help, "\nExamples:\n")
	if !ok {
		t.Fatalf("no examples in the help of %s:\n%s", prog, help)
	}
	var runs [][]string
	for _, line := range Lines(examples) {
		line, _, _ = strings.Cut(line, " | ")
		args := strings.Fields(line)
		if len(args) > 1 && args[0] == prog && strings.Contains(line, " -demo") {
			runs = append(runs, args[1:])
		}
	}
	if len(runs) == 0 {
		t.Errorf("no -demo example in the help of %s", prog)
	}
	for _, day := range helpDate.FindAllString(help, -1) {
		runs = append(runs, []string{"-demo", "-since", day}, []string{"-demo", "-until", day})
	}
	for _, args := range runs {
		r := Run(t, run, args...)
		if r.Code != 0 || len(Lines(r.Stdout)) < 2 { // the table's header and a row, or two JSON lines
			t.Errorf("%s %s: exit %d, %d lines; want some listed\n%s", prog, strings.Join(args, " "), r.Code, len(Lines(r.Stdout)), r.Stderr)
		}
	}
}
