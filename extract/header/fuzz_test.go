package header

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	if sample, err := os.ReadFile(seedNote); err == nil {
		f.Add(sample)
	}
	for _, s := range []string{
		"",
		"\ufeff",
		"---",
		"---\n---\n",
		"---\ntitle: T\ntags: [a, b]\ndate: 2023-03-28 10:20\n---\nbody",
		"---\r\ntitle: \"x\r\n---\r\n",
		"---\ntitle: x\n  bad: y\n\t- z\n...\n",
		"---\na: &a [x, *a]\nb: [*a, *a, *a]\n---\n",
		"+++\ntitle = \"T\"\ndate = 2023-03-28\ntags = [\"a\" \"b\"]\n[t]\nk=1\n+++\n",
		"<!---\nmarkmeta_title：T\nmarkmeta_tags: a，b、c\n--->\n",
		"<!-- markmeta_date: 2023年3月28日 -->x",
		"\n\n<!--\nmarkmeta_x: \xff\n",
		"title: T\ndate: 2023/3/28\ncategories: [[a, b]]\ndesc: |\n  x\n---\n",
		"Note: prose\n\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		h := Parse(src)
		if h.BodyStart < 0 || h.BodyStart > len(src) {
			t.Fatalf("BodyStart %d out of [0,%d]", h.BodyStart, len(src))
		}
		if want := 1 + bytes.Count(src[:h.BodyStart], []byte{'\n'}); h.BodyLine != want {
			t.Fatalf("BodyLine %d, want %d", h.BodyLine, want)
		}
		if (h.Format == "") != (h.BodyStart == 0) {
			t.Fatalf("Format %q with BodyStart %d", h.Format, h.BodyStart)
		}
		if h.Format == "" && (h.Title != "" || h.Date != "" || h.Tags != nil || h.Attrs != nil) {
			t.Fatalf("no header but fields set: %#v", h)
		}
		if h.Date != "" {
			if _, ok := normDate(h.Date); !ok || len(h.Date) != len("2006-01-02") {
				t.Fatalf("Date %q not normalised", h.Date)
			}
		}
		lines := 1 + bytes.Count(src, []byte{'\n'})
		for _, w := range h.Warnings {
			if w.Line < 1 || w.Line > lines {
				t.Fatalf("warning line %d outside the file's %d lines: %q", w.Line, lines, w.Msg)
			}
		}
		texts := append(append(append([]string{h.Title, h.Date}, h.Authors...), h.Tags...), h.Categories...)
		for k, v := range h.Attrs {
			texts = append(texts, k, v)
		}
		for _, s := range texts {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
		for _, list := range [][]string{h.Authors, h.Tags, h.Categories} {
			for _, s := range list {
				if s == "" || s != strings.TrimSpace(s) {
					t.Fatalf("untrimmed or empty list item %q", s)
				}
			}
		}
	})
}

// A typical header per format, followed by a short body: the cost of Parse
// on each note of a vault.
var benchInputs = []struct{ name, src string }{
	{"markmeta", "<!---\nmarkmeta_author: 斜风\nmarkmeta_date: 2023-03-28\nmarkmeta_title: ChatGPT\nmarkmeta_categories: 思考\nmarkmeta_tags: think, ml\n-->\n\n# 认识 ChatGPT\n\n正文。\n"},
	{"yaml", "---\ntitle: 注意力机制\ndate: 2023-03-28 10:20:00\ntags: [think, 机器学习]\ncategories: 思考\nauthor: 张三\ndraft: false\n---\n\n# 正文\n"},
	{"toml", "+++\ntitle = \"注意力机制\"\ndate = 2023-03-28\ntags = [\"think\", \"机器学习\"]\ncategories = [\"思考\"]\n+++\n\n# 正文\n"},
	{"hexo", "title: 注意力机制\ndate: 2023-03-28 10:20:00\ntags: [think, 机器学习]\ncategories:\n- [思考, 阅读]\n---\n\n# 正文\n"},
	{"none", "# 认识 ChatGPT\n\nGenerative Pre-training Transformer，它基于 Transformer 架构。\n"},
}

func BenchmarkParse(b *testing.B) {
	for _, in := range benchInputs {
		src := []byte(in.src)
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				Parse(src)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notes/s")
		})
	}
}
