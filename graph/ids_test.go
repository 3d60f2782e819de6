package graph

import (
	"path"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNormalizeASCIITitle holds NormalizeTitle's ASCII fast path to the
// full NFKC and case-fold path, on chosen titles and on every ASCII byte.
func TestNormalizeASCIITitle(t *testing.T) {
	var all strings.Builder
	for c := 0; c < utf8.RuneSelf; c++ {
		all.WriteByte(byte(c))
	}
	for _, c := range []struct {
		in, want string
		ascii    bool
	}{
		{"", "", true},
		{"Attention Is All You Need", "attentionisallyouneed", true},
		{"attentionisallyouneed", "attentionisallyouneed", true},
		{"BERT: Pre-training of Deep Bidirectional Transformers", "bertpretrainingofdeepbidirectionaltransformers", true},
		{"GPT-4 Technical Report (2023)", "gpt4technicalreport2023", true},
		{"  \t\n!?", "", true},
		{"K\x00\x7fz", "kz", true},
		{all.String(), "0123456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", true},
		{"Straße", "strasse", false},
		{"ＧＰＴ－４", "gpt4", false},
		{"注意力 Attention", "注意力attention", false},
		{"Kelvin \u212a", "kelvink", false},
		{"bad \xff byte", "badbyte", false},
	} {
		if got := NormalizeTitle(c.in); got != c.want {
			t.Errorf("NormalizeTitle(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := normalizeTitle(c.in); got != c.want {
			t.Errorf("normalizeTitle(%q) = %q, want %q", c.in, got, c.want)
		}
		got, ok := normalizeASCIITitle(c.in)
		if ok != c.ascii {
			t.Errorf("normalizeASCIITitle(%q) ok = %v, want %v", c.in, ok, c.ascii)
		}
		if ok && got != c.want {
			t.Errorf("normalizeASCIITitle(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzNormalizeTitle checks that the fast path, wherever it answers, gives
// exactly what the full path gives.
func FuzzNormalizeTitle(f *testing.F) {
	for _, s := range []string{"", "Attention Is All You Need", "a-b_c.d", "ABC123xyz", "Straße", "ＧＰＴ", "\xff", "《论文》 Title"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		full := normalizeTitle(s)
		if got := NormalizeTitle(s); got != full {
			t.Fatalf("NormalizeTitle(%q) = %q, full path %q", s, got, full)
		}
		if got, ok := normalizeASCIITitle(s); ok && got != full {
			t.Fatalf("normalizeASCIITitle(%q) = %q, full path %q", s, got, full)
		}
	})
}

func TestCleanPath(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a.md", "a.md"},
		{"dir/a.md", "dir/a.md"},
		{"./dir/a.md", "dir/a.md"},
		{"/abs/a.md", "abs/a.md"},
		{"x/../y/e.md", "y/e.md"},
		{"a//b.md", "a/b.md"},
		{"a/./b.md", "a/b.md"},
		{"dir/", "dir"},
		{"..", ""},
		{"../a.md", "a.md"},
		{"", ""},
		{".", ""},
		{"空 格/笔记.md", "空 格/笔记.md"},
		{"..a/b..md", "..a/b..md"},
		{".hidden/.md", ".hidden/.md"},
		// A backslash is part of a name, never a separator (issue #14).
		{`x\y.md`, `x\y.md`},
		{`dir\sub\c.md`, `dir\sub\c.md`},
		{`a\..\b.md`, `a\..\b.md`},
	} {
		if got := CleanPath(c.in); got != c.want {
			t.Errorf("CleanPath(%q) = %q, want %q", c.in, got, c.want)
		}
		if isCleanPath(c.in) != (c.in == c.want && c.in != "") {
			t.Errorf("isCleanPath(%q) = %v", c.in, isCleanPath(c.in))
		}
	}
}

// FuzzCleanPath: the shortcut for clean paths answers as path.Clean does.
func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"a.md", "./a", "a//b", "a/../b", "..", "/", "a/.", `x\y`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		want := strings.TrimPrefix(path.Clean("/"+p), "/")
		if got := CleanPath(p); got != want {
			t.Fatalf("CleanPath(%q) = %q, want %q", p, got, want)
		}
		if CleanPath(want) != want {
			t.Fatalf("CleanPath(%q) is not clean", want)
		}
	})
}

func TestEventIDs(t *testing.T) {
	for _, c := range []struct {
		path string
		n    int
		id   string
	}{
		{"a.md", 1, "event:a.md#1"},
		{"dir/b c.md", 12, "event:dir/b c.md#12"},
		{"C#.md", 3, "event:C#.md#3"},
		{"笔记/旅行.md", 100, "event:笔记/旅行.md#100"},
	} {
		id := EventID(c.path, c.n)
		if id != c.id {
			t.Errorf("EventID(%q, %d) = %q, want %q", c.path, c.n, id, c.id)
		}
		if !strings.HasPrefix(id, EventPrefix(c.path)) {
			t.Errorf("%q does not start with EventPrefix %q", id, EventPrefix(c.path))
		}
		p, n, ok := ParseEventID(id)
		if !ok || p != c.path || n != c.n {
			t.Errorf("ParseEventID(%q) = %q, %d, %v", id, p, n, ok)
		}
	}
	for _, bad := range []string{"note:a.md", "event:a.md", "event:a.md#", "event:a.md#x", "event:a.md#0", "event:a.md#-1", "tag:event:a#1"} {
		if p, n, ok := ParseEventID(bad); ok {
			t.Errorf("ParseEventID(%q) = %q, %d, true", bad, p, n)
		}
	}
}

func TestDateIDs(t *testing.T) {
	for _, c := range []struct {
		y, m, d int
		want    string
	}{
		{2017, 0, 0, "2017"},
		{2017, 6, 0, "2017-06"},
		{2017, 6, 12, "2017-06-12"},
		{1, 1, 1, "0001-01-01"},
		{99, 12, 31, "0099-12-31"},
		{9999, 0, 0, "9999"},
		{12345, 0, 0, "12345"},
		{-5, 0, 0, "-005"},
	} {
		if got := DateString(c.y, c.m, c.d); got != c.want {
			t.Errorf("DateString(%d, %d, %d) = %q, want %q", c.y, c.m, c.d, got, c.want)
		}
		if got := DateID(c.y, c.m, c.d); got != "date:"+c.want {
			t.Errorf("DateID(%d, %d, %d) = %q", c.y, c.m, c.d, got)
		}
	}
}

// TestNormalizeID: an ID typed as a person writes it finds the node that
// extraction made (issue #15, class 15).
func TestNormalizeID(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"tag:堆（优先队列）", "tag:堆(优先队列)"},
		{"TAG:Go", "tag:go"},
		{"tag:#ML/ NLP", "tag:ml/nlp"},
		{"url:https://example.org/指南/index.html", "url:https://example.org/%E6%8C%87%E5%8D%97/index.html"},
		{"url:HTTPS://Example.ORG:443/a#frag", "url:https://example.org/a"},
		{"note:./dir//a.md", "note:dir/a.md"},
		{"category:读书  笔记", "category:读书 笔记"},
		{"author: Lin   Wei", "author:Lin Wei"},
		{"paper:doi:10.1109/ABC.2017.8251453", "paper:doi:10.1109/abc.2017.8251453"},
		{"paper:arXiv: 1706.03762", "paper:arxiv:1706.03762"},
		{"paper:title:Attention Is All You Need", "paper:title:attentionisallyouneed"},
		{"date:2017-06", "date:2017-06"},
		{"event:a.md#3", "event:a.md#3"},
		{"no kind", "no kind"},
		{"other:x", "other:x"},
	} {
		if got := NormalizeID(c.in); got != c.want {
			t.Errorf("NormalizeID(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// What extraction makes of a URL written unencoded is what a lookup
	// of it as written finds.
	if raw := "https://example.org/指南/index.html"; NormalizeID("url:"+raw) != URLID(raw) {
		t.Error("a URL looked up as written is not the one extraction made")
	}
}
