package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalStopsStuckExtraction: a build busy extracting one note for
// many seconds (5 MB of lines each nested a hundred lists and quotes deep,
// as deep as notegraph reads) stops within a second of SIGINT or SIGTERM,
// because extraction itself checks for cancellation (issue #14).
func TestSignalStopsStuckExtraction(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 5 MB note and runs a build for a few seconds")
	}
	vault := t.TempDir()
	line := strings.Repeat("> - ", 50) + "2017年6月 x\n"
	note := strings.Repeat(line, (5<<20)/len(line))
	if err := os.WriteFile(filepath.Join(vault, "deep.md"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		db := filepath.Join(t.TempDir(), "g.db")
		cmd := notegraphCmd(t, "build", vault, "--db", db, "-q", "--jobs", "1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitForStore(cmd, filepath.Dir(db))
		time.Sleep(500 * time.Millisecond) // well into the note, the only one
		sent := time.Now()
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		took := time.Since(sent)
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("%v: the build ended before the signal (%v); the note was not slow enough to test", sig, err)
		}
		if want := exitSignal + int(sig); ee.ExitCode() != want {
			t.Errorf("%v: exit code %d, want %d; stderr %s", sig, ee.ExitCode(), want, stderr.String())
		}
		if took > time.Second {
			t.Errorf("%v: the build took %v to stop", sig, took)
		}
	}
}
