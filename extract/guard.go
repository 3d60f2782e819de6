package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/yuin/goldmark/text"
)

// maxNesting is how many containers (list items, block quotes) one line
// may open. Goldmark's block parser spends time in the square of a line's
// nesting, and a note of "- " 200,000 times would run for hours; notes
// people write stay below a dozen.
const maxNesting = 100

// capNesting returns body with the container markers of each line past
// the maxNesting-th removed, and the 0-based lines where it removed some.
// Only marker bytes go, never a newline, so line numbers stay as they were.
// body itself is returned, not copied, when no line needs it.
func capNesting(body []byte) ([]byte, []int) {
	var out []byte // nil until a line needs cutting
	var cut []int
	copied := 0 // body[:copied] is in out
	line := 0
	for start := 0; start < len(body); line++ {
		end := lineEnd(body, start)
		if from, to := excessMarkers(body[start:end]); from < to {
			out = append(out, body[copied:start+from]...)
			copied = start + to
			cut = append(cut, line)
		}
		start = end + 1
	}
	if out == nil {
		return body, nil
	}
	return append(out, body[copied:]...), cut
}

// lineEnd returns the offset of the newline that ends the line of b that
// starts at start, or len(b).
func lineEnd(b []byte, start int) int {
	if i := bytes.IndexByte(b[start:], '\n'); i >= 0 {
		return start + i
	}
	return len(b)
}

// excessMarkers returns the bounds in line of its container markers past
// the maxNesting-th: "- ", "* ", "+ ", "1. ", "1) " and ">", each with the
// blanks around it. from == to when there are not so many.
func excessMarkers(line []byte) (from, to int) {
	depth := 0
	i := 0
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		n := markerLen(line[i:])
		if n == 0 {
			break
		}
		if depth++; depth == maxNesting+1 {
			from = i
		}
		i += n
	}
	if depth <= maxNesting {
		return 0, 0
	}
	return from, i
}

// markerLen returns the length of the container marker that s starts with,
// or 0.
func markerLen(s []byte) int {
	if len(s) == 0 {
		return 0
	}
	switch c := s[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '*' || c == '+':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return 1
		}
	case c >= '0' && c <= '9':
		i := 1
		for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return i + 1
		}
	}
	return 0
}

// errBudget is why an extraction that ran out of time stopped.
var errBudget = errors.New("time budget exceeded")

// stop is the panic with which a guard unwinds an extraction, out of the
// Markdown parser as out of the walk; Extract recovers it.
type stop struct {
	err  error // ctx.Err() or errBudget
	line int   // 1-based file line the extraction had reached, or 0
}

// guard checks, every few calls, whether an extraction must stop: its
// context is done or its time budget is spent.
type guard struct {
	ctx      context.Context
	deadline time.Time
	calls    uint32
}

// tick counts a call and reports whether it is time to look at the
// context and the clock, which every 256th call does.
func (g *guard) tick() bool {
	g.calls++
	return g.calls%256 == 0
}

// stopIfDue panics with a stop at the 1-based file line when the
// extraction must stop.
func (g *guard) stopIfDue(line int) {
	err := g.ctx.Err()
	if err == nil && time.Now().After(g.deadline) {
		err = errBudget
	}
	if err != nil {
		panic(stop{err: err, line: line})
	}
}

// stopWarning is the warning of an extraction that stopped, or "" when it
// was cancelled: a build that cancels drops the note's result.
func (s stop) warning(budget time.Duration) string {
	if errors.Is(s.err, errBudget) {
		return fmt.Sprintf("extraction took longer than %v and stopped here; the note is kept by name only", budget)
	}
	return ""
}

// guardedReader is the Markdown parser's reader, with the guard checked
// at every line the parser peeks at and every advance it makes.
type guardedReader struct {
	text.Reader
	g     *guard
	line0 int // the file line the body starts on
}

func (r *guardedReader) line() int {
	n, _ := r.Reader.Position()
	return r.line0 + n
}

func (r *guardedReader) PeekLine() ([]byte, text.Segment) {
	if r.g.tick() {
		r.g.stopIfDue(r.line())
	}
	return r.Reader.PeekLine()
}

func (r *guardedReader) Advance(n int) {
	if r.g.tick() {
		r.g.stopIfDue(r.line())
	}
	r.Reader.Advance(n)
}

func (r *guardedReader) LineOffset() int {
	if r.g.tick() {
		r.g.stopIfDue(r.line())
	}
	return r.Reader.LineOffset()
}
