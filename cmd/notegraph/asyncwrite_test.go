package main

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// TestAsyncWriterPassesEverything writes pieces of random sizes, some
// larger than a buffer, and expects the same bytes in the same order.
func TestAsyncWriterPassesEverything(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	var want, got bytes.Buffer
	aw := newAsyncWriter(&got, 100)
	for i := range 2000 {
		p := bytes.Repeat([]byte{byte(i)}, r.IntN(250))
		want.Write(p)
		if n, err := aw.Write(p); n != len(p) || err != nil {
			t.Fatalf("Write(%d bytes) = %d, %v", len(p), n, err)
		}
	}
	if err := aw.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("wrote %d bytes, %d arrived, or in another order", want.Len(), got.Len())
	}
	empty := newAsyncWriter(&got, 100)
	if err := empty.Close(); err != nil {
		t.Errorf("Close with nothing written: %v", err)
	}
}

type failAfter struct{ n int }

var errFull = errors.New("disk full")

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errFull
	}
	f.n--
	return len(p), nil
}

// TestAsyncWriterReportsErrors: an error of the underlying writer stops
// later writes and is what Close returns.
func TestAsyncWriterReportsErrors(t *testing.T) {
	aw := newAsyncWriter(&failAfter{n: 3}, 10)
	var writeErr error
	for range 1000 {
		if _, writeErr = aw.Write(make([]byte, 7)); writeErr != nil {
			break
		}
	}
	if !errors.Is(writeErr, errFull) {
		t.Errorf("1000 writes after the writer failed: last error %v, want %v", writeErr, errFull)
	}
	if err := aw.Close(); !errors.Is(err, errFull) {
		t.Errorf("Close = %v, want %v", err, errFull)
	}
	// An error in the last buffer shows only at Close.
	aw = newAsyncWriter(&failAfter{n: 0}, 10)
	if _, err := aw.Write([]byte("short")); err != nil {
		t.Fatal(err)
	}
	if err := aw.Close(); !errors.Is(err, errFull) {
		t.Errorf("Close = %v, want %v", err, errFull)
	}
}

// gatedWriter takes nothing until open is closed.
type gatedWriter struct {
	open chan struct{}
	got  bytes.Buffer
}

func (g *gatedWriter) Write(p []byte) (int, error) {
	<-g.open
	return g.got.Write(p)
}

// TestAsyncWriterBoundsBuffers: against a sink that takes nothing, the
// writer makes asyncBuffers buffers, no more, and then waits; once the
// sink takes, every byte arrives.
func TestAsyncWriterBoundsBuffers(t *testing.T) {
	g := &gatedWriter{open: make(chan struct{})}
	aw := newAsyncWriter(g, 10)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 100 {
			if _, err := aw.Write(bytes.Repeat([]byte{byte(i)}, 10)); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	select {
	case <-done:
		t.Fatal("100 writes went through to a sink that takes nothing")
	case <-time.After(50 * time.Millisecond):
	}
	close(g.open)
	closed := make(chan error)
	go func() {
		<-done
		closed <- aw.Close()
	}()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("writes and Close still waiting 10 s after the sink opened")
	}
	if aw.made != asyncBuffers {
		t.Errorf("made %d buffers, want %d", aw.made, asyncBuffers)
	}
	if g.got.Len() != 1000 {
		t.Errorf("%d bytes arrived, want 1000", g.got.Len())
	}
}
