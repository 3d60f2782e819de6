package main

import (
	"io"
	"sync"
)

// asyncWriter hands what is written to a goroutine that passes it on to
// w, so that producing the next megabyte of an export overlaps the system
// call that writes the last one. Its Write copies p (the caller may reuse
// it at once); Close waits for every byte to be written.
type asyncWriter struct {
	buf  []byte
	size int // of each buffer
	made int // buffers made so far, at most asyncBuffers
	full chan []byte
	free chan []byte
	done chan struct{}

	mu  sync.Mutex
	err error // the first error of w, reported by the next Write or Close
}

// asyncBuffers is how many buffers of the given size an asyncWriter
// keeps at most: one being filled, one being written, one spare. Each is
// made only when no written one has come back: a page of memory costs
// time the first time it is touched, and an output that the other side
// takes as fast as it comes, as a pipe or a file mostly does, needs two.
const asyncBuffers = 3

func newAsyncWriter(w io.Writer, size int) *asyncWriter {
	a := &asyncWriter{
		size: size,
		made: 1,
		full: make(chan []byte, asyncBuffers),
		free: make(chan []byte, asyncBuffers),
		done: make(chan struct{}),
	}
	a.buf = make([]byte, 0, size)
	go func() {
		defer close(a.done)
		for b := range a.full {
			if a.failed() == nil {
				if _, err := w.Write(b); err != nil {
					a.mu.Lock()
					a.err = err
					a.mu.Unlock()
				}
			}
			a.free <- b[:0]
		}
	}()
	return a
}

func (a *asyncWriter) failed() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

func (a *asyncWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if len(a.buf) == cap(a.buf) {
			if err := a.failed(); err != nil {
				return 0, err
			}
			a.full <- a.buf
			a.buf = a.next()
		}
		k := copy(a.buf[len(a.buf):cap(a.buf)], p)
		a.buf = a.buf[:len(a.buf)+k]
		p = p[k:]
	}
	return n, nil
}

// next returns an empty buffer: one the writing goroutine has given back,
// a new one while fewer than asyncBuffers exist, or else the next to come
// back.
func (a *asyncWriter) next() []byte {
	select {
	case b := <-a.free:
		return b
	default:
	}
	if a.made < asyncBuffers {
		a.made++
		return make([]byte, 0, a.size)
	}
	return <-a.free
}

// Close writes what is buffered, waits for the writing goroutine and
// returns the first error it met.
func (a *asyncWriter) Close() error {
	if len(a.buf) > 0 {
		a.full <- a.buf
		a.buf = nil
	}
	close(a.full)
	<-a.done
	return a.failed()
}
