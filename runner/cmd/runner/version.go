package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/apiconformance/harness/runner"
)

func (versionCmd) execute(_ context.Context, stdout, _ io.Writer, _ func(string) (string, bool)) int {
	fmt.Fprintf(stdout, "runner %s (%s)\n", runner.Version, runtime.Version())
	return exitOK
}
