package main

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/notegraph/notegraph/internal/vaultgen"
)

// TestInterruptedBuildsConverge stops builds part way, by Ctrl-C and by
// SIGKILL, and checks that the store still opens and that the next build
// gives exactly what a fresh build gives.
func TestInterruptedBuildsConverge(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a vault and builds it several times")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
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

// stopBuild starts a build and sends sig after delay. After Ctrl-C the
// build must exit with 130 within two seconds (one, plus slack for the race
// detector); after any stop the store must open.
func stopBuild(t *testing.T, vault, db string, sig syscall.Signal, delay time.Duration) {
	t.Helper()
	cmd := exec.Command(binary, "build", vault, "--db", db, "-q")
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
	case sig == syscall.SIGINT && errors.As(err, &ee):
		if ee.ExitCode() != exitInterrupted {
			t.Errorf("exit code %d after Ctrl-C, want %d; stderr: %s", ee.ExitCode(), exitInterrupted, stderr.String())
		}
		if stopped > 2*time.Second {
			t.Errorf("took %v to stop after Ctrl-C", stopped)
		}
	}
	ng(t, 0, "stats", "--db", db)
}
