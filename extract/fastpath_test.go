package extract

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/notegraph/notegraph/graph"
)

// The functions below are the plain versions that the fast ones in this
// package replaced; the tests hold the two to the same answers.

// clipPlain is clip as first written: collapse with strings.Fields, count
// runes, cut.
func clipPlain(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n {
			break
		}
		count++
	}
	return strings.TrimRight(s[:i], " ") + "…"
}

// sentenceEndsPlain is appendSentenceEnds as first written, rune by rune.
func sentenceEndsPlain(s string) []int {
	var ends []int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '。', '！', '？':
		case '.', '!', '?':
			if next, _ := utf8.DecodeRuneInString(s[i:]); i < len(s) && !unicode.IsSpace(next) {
				continue
			}
		default:
			continue
		}
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !strings.ContainsRune(`"')]”’」』）》!?！？。`, r) {
				break
			}
			i += size
		}
		if i < len(s) {
			ends = append(ends, i)
		}
	}
	return append(ends, len(s))
}

var textCases = []string{
	"",
	" ",
	"a",
	"  lead and trail  ",
	"one two\tthree\n\nfour",
	"中文句子。第二句！第三句？",
	"Dots. Bangs! Questions? end",
	"v1.2.3 is not a stop. But this is.",
	"He said \"stop.\" Then left.",
	"「引用。」之后）继续。",
	"end with stop.",
	"end with space. ",
	"\u3000全角空格\u3000和\u00a0不换行空格\u2028行分隔",
	"bad \xff\xfe utf8 \xe3\x80 cut 。",
	"\xe3\xe3\x80\x82 lead then stop",
	"mixed 2017年6月，English. 日本語！",
	strings.Repeat("长", 300),
	strings.Repeat("word ", 100),
	strings.Repeat("a ", 199) + "b",
	strings.Repeat("x", 199) + " yz",
	"  plain words,  two  spaces ",
	"\u3000lead wide space",
	"trail wide space\u3000",
	"next\u0085line and\u00a0nbsp",
	"\t\n tabs around \r\n",
	"single spaces only here",
	"单个 空格 中文",
	"cut \xe4\xb8", "\xe9\xbf\xbf\xbf tail", "䷀䷁ 䀀 鿿", "中\xe5\x41文",
}

func TestClipMatchesPlain(t *testing.T) {
	for _, s := range textCases {
		for _, n := range []int{0, 1, 2, 3, 5, 10, 199, 200, 201, 1000} {
			if got, want := clip(s, n), clipPlain(s, n); got != want {
				t.Errorf("clip(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}

func TestSentenceEndsMatchPlain(t *testing.T) {
	for _, s := range textCases {
		if got, want := appendSentenceEnds(nil, s), sentenceEndsPlain(s); !slices.Equal(got, want) {
			t.Errorf("appendSentenceEnds(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzTextHelpers(f *testing.F) {
	for _, s := range textCases {
		f.Add(s, 7)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = max(0, n%300)
		if got, want := clip(s, n), clipPlain(s, n); got != want {
			t.Errorf("clip(%q, %d) = %q, want %q", s, n, got, want)
		}
		if got, want := appendSentenceEnds(nil, s), sentenceEndsPlain(s); !slices.Equal(got, want) {
			t.Errorf("appendSentenceEnds(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestPaperMentionsMerge: where a note names a paper again, the first title
// and date stay and the versions gather.
func TestPaperMentionsMerge(t *testing.T) {
	type mention struct {
		title, date string
		versions    []string
	}
	for _, c := range []struct {
		name  string
		steps []mention
		want  *graph.Paper // nil: no payload
	}{
		{"empty", []mention{{}}, nil},
		{"empty twice", []mention{{}, {}}, nil},
		{"all", []mention{{"T", "2017-06", []string{"v10", "v2"}}}, &graph.Paper{Title: "T", Date: "2017-06", Versions: []string{"v10", "v2"}}},
		{"first title wins", []mention{{"T", "", nil}, {"U", "2017-06", nil}}, &graph.Paper{Title: "T", Date: "2017-06"}},
		{"late title", []mention{{"", "2017-06", nil}, {"T", "2018-01", nil}}, &graph.Paper{Title: "T", Date: "2017-06"}},
		{"versions merge", []mention{{"T", "", []string{"v10", "v2"}}, {"", "", []string{"v3"}}}, &graph.Paper{Title: "T", Versions: []string{"v10", "v2", "v3"}}},
		{"versions onto empty", []mention{{}, {"", "", []string{"v2"}}, {"", "", []string{"v1"}}}, &graph.Paper{Versions: []string{"v1", "v2"}}},
		{"same versions", []mention{{"", "", []string{"v1"}}, {"", "", []string{"v1"}}}, &graph.Paper{Versions: []string{"v1"}}},
	} {
		r := &run{nodes: map[string]graph.Data{}}
		for _, m := range c.steps {
			r.paper("paper:x", &graph.Paper{Title: m.title, Date: m.date, Versions: m.versions})
		}
		got, ok := r.nodes["paper:x"]
		if !ok {
			t.Errorf("%s: no node", c.name)
			continue
		}
		if c.want == nil {
			if got != nil {
				t.Errorf("%s: payload %+v, want none", c.name, got)
			}
			continue
		}
		if p, _ := got.(*graph.Paper); p == nil || !reflect.DeepEqual(p, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
}
