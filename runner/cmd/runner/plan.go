package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/harness"
	"github.com/apiconformance/harness/runner/plan"
	"github.com/apiconformance/harness/suites"
)

func (p *planCmd) execute(ctx context.Context, stdout, stderr io.Writer, lookup func(string) (string, bool)) int {
	loaded, err := load(ctx, p.selection, "", lookup)
	if err != nil {
		fmt.Fprintln(stderr, "runner:", err)
		return exitHarness
	}
	cases, err := p.selection.selected(loaded.Plan.Cases)
	if err != nil {
		fmt.Fprintln(stderr, "runner:", err)
		return exitHarness
	}
	fmt.Fprintf(stdout, "%s %s (%s), %d of %d cases, %s profile\n",
		loaded.Contract.Title, loaded.Contract.Version, loaded.Contract.File,
		len(cases), len(loaded.Plan.Cases), loaded.Profile())
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tTRIGGER\tREQUEST\tHOW")
	mask := loaded.Masker.String
	for _, c := range cases {
		// A secret variable may stand anywhere in a request, even in its
		// path: every cell is masked.
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", mask(c.ID), c.TriggerKind(),
			mask(requestLine(c)), mask(how(c)))
	}
	tw.Flush()
	for _, w := range loaded.Warnings() {
		fmt.Fprintln(stdout, "warning:", loaded.Masker.String(w.String()))
	}
	return exitOK
}

// load reads the selection's contract and fixtures.
func load(ctx context.Context, s selection, waivers string, lookup func(string) (string, bool)) (*harness.Loaded, error) {
	return harness.Load(ctx, harness.Options{
		Contract: s.Contract,
		Fixtures: s.Fixtures,
		Profile:  runner.Profile(s.Profile),
		Waivers:  waivers,
		Lookup:   lookup,
		Environ:  os.Environ(),
	})
}

func requestLine(c runner.Case) string {
	if c.Trigger == nil {
		return "-"
	}
	return c.Request.Method + " " + c.Request.Path
}

// how says in words how the case reaches its status.
func how(c runner.Case) string {
	if c.Defect != "" {
		return "not sent, an error: the document cannot judge this status (" + c.Defect + ")"
	}
	t := c.Trigger
	if t == nil {
		return "untriggered: " + c.Untriggered
	}
	var parts []string
	if t.Why != "" {
		parts = append(parts, t.Why)
	}
	switch {
	case t.Burst != nil:
		parts = append(parts, "up to "+strconv.Itoa(t.Burst.Max)+" requests")
	case t.State != nil:
		parts = append(parts, "state "+strconv.Quote(t.State.Name))
	case t.Upstream != "":
		parts = append(parts, "upstream mode "+strconv.Quote(t.Upstream))
	}
	return strings.Join(parts, "; ")
}

// filter keeps the cases the selection names by operation and status;
// label expressions are left to Ginkgo.
func (s selection) filter(cases []runner.Case) ([]runner.Case, error) {
	for _, st := range s.Status {
		if !runner.IsStatusOrClass(st) {
			return nil, fmt.Errorf("--status %q: want a status such as 404 or a class such as 4xx", st)
		}
	}
	var out []runner.Case
	matched := map[string]bool{}
	for _, c := range cases {
		if !s.wantsOperation(c, matched) || !s.wantsStatus(c.Status) {
			continue
		}
		out = append(out, c)
	}
	for _, op := range s.Operation {
		if !matched[op] {
			msg := fmt.Sprintf("--operation %q: the document has no such operation", op)
			var names []string
			for _, c := range cases {
				names = append(names, c.Operation, c.OperationID)
			}
			if near := plan.Nearest(op, names); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			return nil, errors.New(msg)
		}
	}
	return out, nil
}

// selected returns the cases every filter of s keeps. A selection that
// keeps none is an error: a run of nothing would pass.
func (s selection) selected(cases []runner.Case) ([]runner.Case, error) {
	out, err := s.filter(cases)
	if err == nil {
		out, err = s.byLabels(out)
	}
	if err == nil && len(out) == 0 && len(cases) > 0 {
		err = errors.New("the selection (--operation, --status, --label-filter) keeps none of the " +
			strconv.Itoa(len(cases)) + " cases: a run would check nothing")
	}
	return out, err
}

// byLabels keeps the cases the label filter selects, as Ginkgo would run
// them: plan shows what run would do.
func (s selection) byLabels(cases []runner.Case) ([]runner.Case, error) {
	if s.LabelFilter == "" {
		return cases, nil
	}
	keep, err := types.ParseLabelFilter(s.LabelFilter)
	if err != nil {
		return nil, labelFilterError(s.LabelFilter, err)
	}
	var out []runner.Case
	for _, c := range cases {
		if keep(suites.Labels(c)) {
			out = append(out, c)
		}
	}
	return out, nil
}

func (s selection) wantsOperation(c runner.Case, matched map[string]bool) bool {
	if len(s.Operation) == 0 {
		return true
	}
	for _, op := range s.Operation {
		if op == c.Operation || op == c.OperationID || plan.Key(op) == c.Operation {
			matched[op] = true
			return true
		}
	}
	return false
}

func (s selection) wantsStatus(status int) bool {
	if len(s.Status) == 0 {
		return true
	}
	for _, st := range s.Status {
		if st == strconv.Itoa(status) || strings.EqualFold(st, runner.Class(status)) {
			return true
		}
	}
	return false
}
