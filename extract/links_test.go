package extract

import (
	"bytes"
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestWikilinkTargets holds the rules of wikiTarget and the math check to
// the snippets of issue #15 (classes 6, 7 and 8) and more.
func TestWikilinkTargets(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string // link targets, in order
	}{
		// Class 6: nested heading links and block references.
		{"[[Target#Part#Sub]]", []string{"Target"}},
		{"[[Target#Part]]", []string{"Target"}},
		{"[[Note#^block]]", []string{"Note"}},
		{"[[Note^block]]", []string{"Note"}},
		{"[[#Local heading]]", nil},
		{"[[Note#Part|shown]]", []string{"Note"}},
		// Class 7: attachments make no node.
		{"[[diagram.png]]", nil},
		{"![[paper.pdf]]", nil},
		{"[[clip.mp4]] and [[Song.MP3]]", nil},
		{"![[board.canvas]]", nil},
		{"[[v1.2 release]] [[node.js]] [[Chapter 3.1]]", []string{"v1.2 release", "node.js", "Chapter 3.1"}},
		{"![[Other note]]", []string{"Other note"}},
		{"[[notes.md]]", []string{"notes.md"}},
		// Class 8: arrays, types, LaTeX, links in brackets, math.
		{"x = [[1, 2], [3]]", nil},
		{"[[1]] [[ 2 ]]", nil},
		{"let d: [[String: Int]]", nil},
		{"$[[X\\pi]]$", nil},
		{"[[[Notes](x.md)]]", nil},
		{"$a [[b]] c$ and [[Real]]", []string{"Real"}},
		{"$$[[m]]$$", nil},
		{"$$\n[[m]]\n$$\n", nil},
		{"costs $5 and [[Note]]", []string{"Note"}},
		{"\\$ [[Note]] $", []string{"Note"}},
		{"[[What now?]] [[a*b]] [[x|y]]", []string{"x"}},
		{"[[2024 plan]] [[1984]]", []string{"2024 plan"}},
		{"[[{{title}}]] [[{{date}} log]]", nil},
	} {
		f := New().Extract(context.Background(), "n.md", []byte(c.src+"\n"))
		var got []string
		for _, l := range f.Links {
			got = append(got, l.Target)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: links %q, want %q", c.src, got, c.want)
		}
	}
}

// TestBackslashIsNoSeparator: a Markdown link with a backslash names a file
// with a backslash in its name, never a folder (issue #15 class 8).
func TestBackslashIsNoSeparator(t *testing.T) {
	f := New().Extract(context.Background(), "n.md", []byte("[a](x\\y.md) [b](dir/z.md)\n"))
	var got []string
	for _, l := range f.Links {
		got = append(got, l.Target)
	}
	if want := []string{"x\\y.md", "dir/z.md"}; !slices.Equal(got, want) {
		t.Errorf("links %q, want %q", got, want)
	}
}

// inMathPlain is inMath as first written: it reads the block from its
// start at every call.
func inMathPlain(src []byte, start, pos int, rest []byte) bool {
	before := src[start:pos]
	if bytes.Count(before, []byte("$$"))%2 == 1 {
		return true
	}
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	dollars := 0
	for i := 0; i < len(before); i++ {
		switch {
		case before[i] == '\\':
			i++
		case before[i] == '$':
			dollars++
		}
	}
	return dollars%2 == 1 && bytes.IndexByte(rest, '$') >= 0
}

// TestInMathMatchesPlain holds inMath, which reads each block once for
// all its wikilinks, to inMathPlain at every offset of blocks full of
// dollars, backslashes and line ends, asked in order as the parser asks.
func TestInMathMatchesPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("$$$\\\na [")
	for round := 0; round < 300; round++ {
		src := make([]byte, 1+rng.IntN(60))
		for i := range src {
			src[i] = alphabet[rng.IntN(len(alphabet))]
		}
		// Two blocks, as two paragraphs of one parse.
		mid := rng.IntN(len(src))
		blocks := [][2]int{{0, mid}, {mid, len(src)}}
		pc := parser.NewContext()
		for _, b := range blocks {
			para := ast.NewParagraph()
			para.Lines().Append(text.NewSegment(b[0], b[1]))
			child := ast.NewText()
			para.AppendChild(para, child)
			for pos := b[0]; pos < b[1]; pos += rng.IntN(3) {
				end := bytes.IndexByte(src[pos:b[1]], '\n')
				rest := src[pos:b[1]]
				if end >= 0 {
					rest = src[pos : pos+end+1]
				}
				want := inMathPlain(src, b[0], pos, rest)
				if got := inMath(src, child, pos, rest, pc); got != want {
					t.Fatalf("%q, block %v, offset %d: inMath %v, plain %v", src, b, pos, got, want)
				}
			}
		}
	}
}
