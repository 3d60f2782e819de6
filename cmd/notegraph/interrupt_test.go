package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/notegraph/notegraph/internal/vaultgen"
	"github.com/notegraph/notegraph/store"
)

// The tests of signals and exit codes run the notegraph command in a
// process of its own, as a shell does; every other test calls run
// in-process. That process is this test binary run again with
// runMainEnv set: TestMain then calls main, and nothing is compiled.
// Under -race it is a plain binary built once instead, because the race
// detector slows the build it instruments past the bounds these tests
// hold a stop to.
const runMainEnv = "NOTEGRAPH_TEST_RUN_MAIN"

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// notegraphCmd is the command line notegraph args, to start.
func notegraphCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	if raceEnabled {
		return exec.Command(plainBinary(t), args...)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	return cmd
}

// plainBinary builds the command once per test run without -race (whose
// runtime also sleeps a second at every exit) and returns its path.
func plainBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "notegraph-bin")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "notegraph")
		if out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput(); err != nil {
			binaryErr = errors.New("building notegraph: " + err.Error() + "\n" + string(out))
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

// exitOf runs the command in a process and returns its exit code and
// stderr.
func exitOf(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := notegraphCmd(t, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

// TestBinaryExitCodes checks the codes a shell sees for success, an error
// and wrong usage.
func TestBinaryExitCodes(t *testing.T) {
	t.Parallel() // the tests of processes mostly wait: let them wait together
	db := sampleDB(t)
	for _, c := range []struct {
		code int
		args []string
	}{
		{exitOK, []string{"stats", "--db", db}},
		{exitOK, []string{"--version"}},
		{exitError, []string{"neighbors", "tag:no-such-tag", "--db", db}},
		{exitUsage, []string{"no-such-command"}},
		{exitUsage, []string{"stats", "--no-such-flag"}},
	} {
		if code, stderr := exitOf(t, c.args...); code != c.code {
			t.Errorf("notegraph %v: exit %d, want %d; stderr: %s", c.args, code, c.code, stderr)
		}
	}
}

// TestInterruptedBuildsConverge stops builds part way, by Ctrl-C and
// SIGKILL, and checks that the store still opens and that the next
// build gives exactly what a fresh build gives. A first build stopped by
// SIGTERM, as a service manager or kill does, exits 143 and leaves a
// store that opens. One generated vault serves every stop: a 1,200-note
// vault is slow to write here.
func TestInterruptedBuildsConverge(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a vault and builds it several times")
	}
	t.Parallel() // the tests of processes mostly wait: let them wait together
	vault := t.TempDir()
	if _, err := vaultgen.Generate(vault, vaultgen.Options{N: 1200, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if !stopBuild(t, vault, filepath.Join(t.TempDir(), "term.db"), syscall.SIGTERM, 200*time.Millisecond) {
		t.Error("the build finished before SIGTERM came; nothing was tested")
	}
	sigs := []syscall.Signal{syscall.SIGINT, syscall.SIGKILL}
	dbs := map[syscall.Signal]string{}
	for _, sig := range sigs {
		// A first build (the bulk path) stopped part way.
		dbs[sig] = filepath.Join(t.TempDir(), "g.db")
		stopBuild(t, vault, dbs[sig], sig, 300*time.Millisecond)
		ng(t, 0, "build", vault, "--db", dbs[sig], "-q")
	}
	// An incremental build stopped part way.
	if _, err := vaultgen.Mutate(vault, 0.5, 9); err != nil {
		t.Fatal(err)
	}
	freshDB := filepath.Join(t.TempDir(), "fresh.db")
	ng(t, 0, "build", vault, "--db", freshDB, "-q")
	want, _ := ng(t, 0, "export", "--format", "json", "--db", freshDB)
	for _, sig := range sigs {
		stopBuild(t, vault, dbs[sig], sig, 300*time.Millisecond)
		ng(t, 0, "build", vault, "--db", dbs[sig], "-q")
		if got, _ := ng(t, 0, "export", "--format", "json", "--db", dbs[sig]); got != want {
			t.Errorf("after builds stopped by %v, the export differs from a fresh build:\n%s", sig, firstDifference([]byte(want), []byte(got)))
		}
	}
}

// TestExitCodes holds the mapping from what a command returns to the exit
// code, including the context a signal cancelled.
func TestExitCodes(t *testing.T) {
	background := context.Background()
	cancelled := func(cause error) context.Context {
		ctx, cancel := context.WithCancelCause(background)
		cancel(cause)
		return ctx
	}
	for _, c := range []struct {
		ctx  context.Context
		err  error
		want int
	}{
		{background, nil, 0},
		{background, errors.New("x"), 1},
		{background, errNothingFound, 1},
		{background, usagef("bad"), 2},
		{background, fmt.Errorf("wrapped: %w", usagef("bad")), 2},
		{background, errors.New(`unknown command "x" for "notegraph"`), 2},
		{cancelled(signalled{syscall.SIGINT}), fmt.Errorf("build: %w", context.Canceled), 130},
		{cancelled(signalled{syscall.SIGTERM}), context.Canceled, 143},
		{cancelled(nil), context.Canceled, 130},
		// A cancellation that is not the command's own is an error.
		{background, context.Canceled, 1},
	} {
		if got := exitCode(c.ctx, c.err); got != c.want {
			t.Errorf("exitCode(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}

// waitForStore returns once the started command holds a file in dir open
// (the store, or a new one being written), or after 10 s. It is then past
// main's signal.Notify, and a signal tests a stop, not a process that has
// not begun; a loaded machine can take longer than a test's delay to get
// there. Without /proc it returns at once.
func waitForStore(cmd *exec.Cmd, dir string) {
	fds := fmt.Sprintf("/proc/%d/fd", cmd.Process.Pid)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		list, err := os.ReadDir(fds)
		if err != nil {
			return // no /proc, or the process ended
		}
		for _, e := range list {
			if target, err := os.Readlink(filepath.Join(fds, e.Name())); err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
				return
			}
		}
	}
}

// stopBuild starts a build and sends sig after delay (counted once it has
// opened its store), and reports whether the signal stopped it. After
// SIGINT or SIGTERM the build must exit with 128 + the signal's number within a
// second (plus slack for a shared machine) and say "interrupted"; after
// any stop the store must open, or say that its first build has not
// finished.
func stopBuild(t *testing.T, vault, db string, sig syscall.Signal, delay time.Duration) bool {
	t.Helper()
	cmd := notegraphCmd(t, "build", vault, "--db", db, "-q")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForStore(cmd, filepath.Dir(db))
	time.Sleep(delay)
	sent := time.Now()
	cmd.Process.Signal(sig)
	err := cmd.Wait()
	stopped := time.Since(sent)
	var ee *exec.ExitError
	switch {
	case err == nil:
		t.Logf("build finished before the signal (after %v)", delay)
	case sig != syscall.SIGKILL && errors.As(err, &ee):
		if want := exitSignal + int(sig); ee.ExitCode() != want {
			t.Errorf("exit code %d after %v, want %d; stderr: %s", ee.ExitCode(), sig, want, stderr.String())
		}
		if got := stderr.String(); got != "notegraph: interrupted\n" {
			t.Errorf("stderr after %v = %q, want just \"notegraph: interrupted\"", sig, got)
		}
		if stopped > 2*time.Second {
			t.Errorf("took %v to stop after %v", stopped, sig)
		}
	}
	// A first build stopped before its store file was renamed into place
	// leaves none, or one marked unbuilt; either way the next build
	// starts over.
	if code, stderr := exitOf(t, "stats", "--db", db); code != 0 && !strings.Contains(stderr, store.ErrUnbuilt.Error()) && !strings.Contains(stderr, store.ErrNotFound.Error()) {
		t.Errorf("stats after the stop: exit %d\n%s", code, stderr)
	}
	return err != nil
}
