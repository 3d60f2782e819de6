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

// The tests of signals and exit codes run the notegraph binary as a shell
// does; every other test calls run in-process.
var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// notegraphBinary builds the command once per test run (without -race,
// whose runtime sleeps a second at every exit) and returns its path.
func notegraphBinary(t *testing.T) string {
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

// exitOf runs the binary and returns its exit code and stderr.
func exitOf(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(notegraphBinary(t), args...)
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
// build gives exactly what a fresh build gives.
func TestInterruptedBuildsConverge(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a vault and builds it several times")
	}
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			vault := t.TempDir()
			if _, err := vaultgen.Generate(vault, vaultgen.Options{N: 1200, Seed: 3}); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(t.TempDir(), "g.db")
			// A first build (the bulk path) stopped part way.
			stopBuild(t, vault, db, sig, 300*time.Millisecond)
			ng(t, 0, "build", vault, "--db", db, "-q")
			// An incremental build stopped part way.
			if _, err := vaultgen.Mutate(vault, 0.5, 9); err != nil {
				t.Fatal(err)
			}
			stopBuild(t, vault, db, sig, 300*time.Millisecond)
			ng(t, 0, "build", vault, "--db", db, "-q")
			got, _ := ng(t, 0, "export", "--format", "json", "--db", db)

			freshDB := filepath.Join(t.TempDir(), "fresh.db")
			ng(t, 0, "build", vault, "--db", freshDB, "-q")
			want, _ := ng(t, 0, "export", "--format", "json", "--db", freshDB)
			if got != want {
				t.Errorf("after interrupted builds, the export differs from a fresh build:\n%s", firstDifference([]byte(want), []byte(got)))
			}
		})
	}
}

// TestSIGTERMExits143 stops a first build with SIGTERM, as a service
// manager or kill does: exit 143, and the store opens.
func TestSIGTERMExits143(t *testing.T) {
	t.Parallel()
	vault := t.TempDir()
	if _, err := vaultgen.Generate(vault, vaultgen.Options{N: 1200, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if !stopBuild(t, vault, filepath.Join(t.TempDir(), "g.db"), syscall.SIGTERM, 200*time.Millisecond) {
		t.Error("the build finished before SIGTERM came; nothing was tested")
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

// stopBuild starts a build and sends sig after delay, and reports whether
// the signal stopped it. After SIGINT or
// SIGTERM the build must exit with 128 + the signal's number within a
// second (plus slack for a shared machine) and say "interrupted"; after
// any stop the store must open, or say that its first build has not
// finished.
func stopBuild(t *testing.T, vault, db string, sig syscall.Signal, delay time.Duration) bool {
	t.Helper()
	cmd := exec.Command(notegraphBinary(t), "build", vault, "--db", db, "-q")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
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
