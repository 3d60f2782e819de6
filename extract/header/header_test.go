package header

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// tc is one Parse case. body is the exact text expected from BodyStart on
// (the whole input when there is no header), line the expected BodyLine;
// want holds every other field.
type tc struct {
	name string
	in   string
	want Header
	body string
	line int
}

func runCases(t *testing.T, cases []tc) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Parse([]byte(c.in))
			if got.BodyStart < 0 || got.BodyStart > len(c.in) {
				t.Fatalf("BodyStart %d out of range [0,%d]", got.BodyStart, len(c.in))
			}
			if body := c.in[got.BodyStart:]; body != c.body {
				t.Errorf("body = %q, want %q", body, c.body)
			}
			if got.BodyLine != c.line {
				t.Errorf("BodyLine = %d, want %d", got.BodyLine, c.line)
			}
			got.BodyStart, got.BodyLine = 0, 0
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Parse(%q)\n got  %#v\n want %#v", c.in, got, c.want)
			}
		})
	}
}

// seedNote is the project's real sample note, beside the repository.
const seedNote = "../../../shared/seeds/000_edefaa27c121b6e3.txt"

func TestParseSample(t *testing.T) {
	src, err := os.ReadFile(seedNote)
	if err != nil {
		t.Skip("../shared is not present (a clone of the project alone has no seed note): ", err)
	}
	got := Parse(src)
	want := Header{
		Format: "markmeta", Title: "ChatGPT", Date: "2023-03-28",
		Authors: []string{"斜风"}, Tags: []string{"think"}, Categories: []string{"思考"},
		BodyStart: bytes.Index(src, []byte("-->\n")) + len("-->\n"), BodyLine: 8,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
	if !bytes.HasPrefix(src[got.BodyStart:], []byte("\n# 认识 ChatGPT")) {
		t.Errorf("body starts %q", src[got.BodyStart:got.BodyStart+20])
	}
}

func TestParseMarkmeta(t *testing.T) {
	runCases(t, []tc{{
		name: "full-width colon, three list separators, date with time, extra keys, dashed closer",
		in: "<!--\n" +
			"markmeta_author：张三, Li Si\n" +
			"markmeta_date: 2023-03-28 10:20\n" +
			"markmeta_title: 读书笔记：注意力\n" +
			"this line is ordinary comment text\n" +
			"markmeta_categories: 思考，阅读、写作\n" +
			"markmeta_tags: think, ml，nlp\n" +
			"markmeta_source: https://example.com/a\n" +
			"--->\n# 正文\n",
		want: Header{
			Format: "markmeta", Title: "读书笔记：注意力", Date: "2023-03-28",
			Authors:    []string{"张三", "Li Si"},
			Tags:       []string{"think", "ml", "nlp"},
			Categories: []string{"思考", "阅读", "写作"},
			Attrs:      map[string]string{"source": "https://example.com/a"},
		},
		body: "# 正文\n", line: 10,
	}, {
		name: "slash date without leading zeros",
		in:   "<!---\nmarkmeta_date: 2023/3/8\n-->\nbody",
		want: Header{Format: "markmeta", Date: "2023-03-08"},
		body: "body", line: 4,
	}, {
		name: "CJK date with weekday",
		in:   "<!---\nmarkmeta_date: 2023年3月28日星期二\n-->\n",
		want: Header{Format: "markmeta", Date: "2023-03-28"},
		body: "", line: 4,
	}, {
		name: "blank lines before the comment are allowed",
		in:   "\n  \n<!---\nmarkmeta_title: T\n-->\nbody",
		want: Header{Format: "markmeta", Title: "T"},
		body: "body", line: 6,
	}, {
		name: "one-line comment with text after the closer",
		in:   "<!-- markmeta_title: T -->Hello\nworld",
		want: Header{Format: "markmeta", Title: "T"},
		body: "Hello\nworld", line: 1,
	}, {
		name: "capitalised prefix and key",
		in:   "<!--\nMarkMeta_Title: T\nmarkmeta_Tags: A\n-->\n",
		want: Header{Format: "markmeta", Title: "T", Tags: []string{"A"}},
		body: "", line: 5,
	}, {
		name: "repeated tags accumulate without duplicates",
		in:   "<!--\nmarkmeta_tags: a, b\nmarkmeta_tags: b, c,,\n-->\n",
		want: Header{Format: "markmeta", Tags: []string{"a", "b", "c"}},
		body: "", line: 5,
	}, {
		name: "unreadable date kept as attr with a warning on its line",
		in:   "<!--\nmarkmeta_title: T\nmarkmeta_date: 去年春天\n-->\n",
		want: Header{
			Format: "markmeta", Title: "T",
			Attrs:    map[string]string{"date": "去年春天"},
			Warnings: []Warning{{Line: 3, Msg: `unreadable date "去年春天"`}},
		},
		body: "", line: 5,
	}, {
		name: "impossible day is unreadable",
		in:   "<!--\nmarkmeta_date: 2023-02-29\n-->\n",
		want: Header{
			Format:   "markmeta",
			Attrs:    map[string]string{"date": "2023-02-29"},
			Warnings: []Warning{{Line: 2, Msg: `unreadable date "2023-02-29"`}},
		},
		body: "", line: 4,
	}, {
		name: "CRLF line endings",
		in:   "<!---\r\nmarkmeta_title: T\r\nmarkmeta_tags: a，b\r\n-->\r\nbody\r\n",
		want: Header{Format: "markmeta", Title: "T", Tags: []string{"a", "b"}},
		body: "body\r\n", line: 5,
	}, {
		name: "BOM before the comment",
		in:   "\ufeff<!---\nmarkmeta_title: T\n-->\nbody",
		want: Header{Format: "markmeta", Title: "T"},
		body: "body", line: 4,
	}, {
		name: "comment without markmeta lines is no header",
		in:   "<!-- TODO: tidy up -->\n# Title\n",
		body: "<!-- TODO: tidy up -->\n# Title\n", line: 1,
	}, {
		name: "comment inside a code block is not at the start",
		in:   "```\n<!---\nmarkmeta_title: T\n-->\n```\n",
		body: "```\n<!---\nmarkmeta_title: T\n-->\n```\n", line: 1,
	}, {
		name: "comment after text is not at the start",
		in:   "Intro\n<!---\nmarkmeta_title: T\n-->\n",
		body: "Intro\n<!---\nmarkmeta_title: T\n-->\n", line: 1,
	}, {
		name: "indented comment is a code block, not a header",
		in:   "    <!---\n    markmeta_title: T\n    -->\n",
		body: "    <!---\n    markmeta_title: T\n    -->\n", line: 1,
	}, {
		name: "unclosed comment is no header",
		in:   "<!---\nmarkmeta_title: T\n\nbody",
		want: Header{Warnings: []Warning{{Line: 1, Msg: "markmeta comment not closed"}}},
		body: "<!---\nmarkmeta_title: T\n\nbody", line: 1,
	}, {
		name: "invalid UTF-8 replaced",
		in:   "<!--\nmarkmeta_title: T\nmarkmeta_author: a\xffb\n-->\n",
		want: Header{
			Format: "markmeta", Title: "T", Authors: []string{"a\uFFFDb"},
			Warnings: []Warning{{Line: 3, Msg: "invalid UTF-8 in header, replaced with U+FFFD"}},
		},
		body: "", line: 5,
	}})
}

func TestParseYAML(t *testing.T) {
	runCases(t, []tc{{
		name: "lists, strings, timestamps and attrs",
		in: "---\n" +
			"title: 注意力机制\n" +
			"date: 2023-03-28T10:20:00+08:00\n" +
			"updated: 2023-04-01\n" +
			"tags: [think, 机器学习]\n" +
			"categories: 思考，阅读\n" +
			"authors:\n  - 张三\n  - Li Si\n" +
			"draft: false\n" +
			"weight: 3\n" +
			"aliases: [a, b]\n" +
			"extra: {k: v}\n" +
			"summary:\n" +
			"Slug: Attention\n" +
			"---\n# 正文\n",
		want: Header{
			Format: "yaml", Title: "注意力机制", Date: "2023-03-28",
			Authors:    []string{"张三", "Li Si"},
			Tags:       []string{"think", "机器学习"},
			Categories: []string{"思考", "阅读"},
			Attrs: map[string]string{
				"updated": "2023-04-01", "draft": "false", "weight": "3",
				"aliases": "a,b", "summary": "", "slug": "Attention",
			},
		},
		body: "# 正文\n", line: 17,
	}, {
		name: "capitalised keys, quoted date without time, comma string with full-width comma",
		in:   "---\nTitle: 'ChatGPT'\nDate: \"2023-3-28\"\nAuthor: 斜风\nTags: a, b，c\nKeywords: [c, d]\n---\n",
		want: Header{
			Format: "yaml", Title: "ChatGPT", Date: "2023-03-28",
			Authors: []string{"斜风"}, Tags: []string{"a", "b", "c", "d"},
		},
		body: "", line: 8,
	}, {
		name: "date with a space-separated time",
		in:   "---\ndate: 2023-03-28 10:20:00\n---\nx",
		want: Header{Format: "yaml", Date: "2023-03-28"},
		body: "x", line: 4,
	}, {
		name: "Hexo nested categories flattened",
		in:   "---\ncategories: [[Diary, PlayStation], [Diary, Games]]\ncategory: 杂记\n---\n",
		want: Header{Format: "yaml", Categories: []string{"Diary", "PlayStation", "Games", "杂记"}},
		body: "", line: 5,
	}, {
		name: "closing with dots",
		in:   "---\ntitle: T\n...\nbody",
		want: Header{Format: "yaml", Title: "T"},
		body: "body", line: 4,
	}, {
		name: "trailing blanks on the fences",
		in:   "--- \ntitle: T\n---\t\nbody",
		want: Header{Format: "yaml", Title: "T"},
		body: "body", line: 4,
	}, {
		name: "empty front matter",
		in:   "---\n---\nbody",
		want: Header{Format: "yaml"},
		body: "body", line: 3,
	}, {
		name: "closed at end of input without newline",
		in:   "---\ntitle: T\n---",
		want: Header{Format: "yaml", Title: "T"},
		body: "", line: 3,
	}, {
		name: "unreadable date",
		in:   "---\ntitle: T\ndate: someday\n---\n",
		want: Header{
			Format: "yaml", Title: "T",
			Attrs:    map[string]string{"date": "someday"},
			Warnings: []Warning{{Line: 3, Msg: `unreadable date "someday"`}},
		},
		body: "", line: 5,
	}, {
		name: "not a mapping",
		in:   "---\njust a thematic break\n---\nbody",
		want: Header{Format: "yaml", Warnings: []Warning{{Line: 2, Msg: "front matter is not a key: value mapping"}}},
		body: "body", line: 4,
	}, {
		name: "BOM and CRLF",
		in:   "\ufeff---\r\ntitle: 标题\r\ntags:\r\n  - 甲\r\n  - 乙\r\n---\r\nbody\r\n",
		want: Header{Format: "yaml", Title: "标题", Tags: []string{"甲", "乙"}},
		body: "body\r\n", line: 7,
	}, {
		name: "unclosed front matter is no header",
		in:   "---\ntitle: T\n\nSome text.\n",
		want: Header{Warnings: []Warning{{Line: 1, Msg: "front matter not closed"}}},
		body: "---\ntitle: T\n\nSome text.\n", line: 1,
	}, {
		name: "invalid UTF-8 in a value",
		in:   "---\ntitle: T\ntags: [a\xc3, b]\n---\n",
		want: Header{
			Format: "yaml", Title: "T", Tags: []string{"a\uFFFD", "b"},
			Warnings: []Warning{{Line: 3, Msg: "invalid UTF-8 in header, replaced with U+FFFD"}},
		},
		body: "", line: 5,
	}, {
		name: "maps inside lists and null items skipped",
		in:   "---\nauthors: [{name: x}, y, ~]\n---\n",
		want: Header{Format: "yaml", Authors: []string{"y"}},
		body: "", line: 4,
	}})
}

// Broken headers: the warning must name the file line of the fault and the
// keys on other lines must survive.
func TestParseBroken(t *testing.T) {
	runCases(t, []tc{{
		name: "bad indentation",
		in:   "---\ntitle: T\n  oops: x\ntags: [a, b]\ndate: 2023-03-28\n---\nbody",
		want: Header{
			Format: "yaml", Title: "T", Date: "2023-03-28", Tags: []string{"a", "b"},
			Warnings: []Warning{{Line: 3, Msg: "yaml: mapping values are not allowed in this context"}},
		},
		body: "body", line: 7,
	}, {
		name: "unclosed quote",
		in:   "---\ntags: 思考\ntitle: \"未闭合\ndate: 2023/3/28\n---\nbody",
		want: Header{
			Format: "yaml", Title: "未闭合", Date: "2023-03-28", Tags: []string{"思考"},
			Warnings: []Warning{{Line: 3, Msg: "yaml: found unexpected end of stream"}},
		},
		body: "body", line: 6,
	}, {
		name: "tab indentation in a list",
		in:   "---\ntitle: T\ntags:\n\t- a\n\t- b\ncategories: c\n---\n",
		want: Header{
			Format: "yaml", Title: "T", Tags: []string{"a", "b"}, Categories: []string{"c"},
			Warnings: []Warning{{Line: 4, Msg: "yaml: found character that cannot start any token"}},
		},
		body: "", line: 8,
	}, {
		name: "unclosed flow list, with BOM and CRLF",
		in:   "\ufeff---\r\ntitle: T\r\ntags: [a, 'b'\r\nauthor: 某人\r\n---\r\n",
		want: Header{
			Format: "yaml", Title: "T", Tags: []string{"a", "b"}, Authors: []string{"某人"},
			Warnings: []Warning{{Line: 3, Msg: "yaml: did not find expected ',' or ']'"}},
		},
		body: "", line: 6,
	}, {
		name: "broken Hexo header",
		in:   "title: T\ndate: 2023-03-28\ntags:\n\t- x\n---\nbody",
		want: Header{
			Format: "hexo", Title: "T", Date: "2023-03-28", Tags: []string{"x"},
			Warnings: []Warning{{Line: 4, Msg: "yaml: found character that cannot start any token"}},
		},
		body: "body", line: 6,
	}, {
		name: "broken TOML",
		in:   "+++\ntitle = \"T\"\ntags = [\"a\" \"b\"]\ndate = 2023-03-28\n+++\nbody",
		want: Header{
			Format: "toml", Title: "T", Date: "2023-03-28", Tags: []string{"a", "b"},
			Warnings: []Warning{{Line: 3, Msg: "toml: expected a comma (',') or array terminator (']'), but got '\"'"}},
		},
		body: "body", line: 6,
	}, {
		name: "TOML unclosed string",
		in:   "+++\ntitle = \"T\ncategories = \"c\"\n+++\n",
		want: Header{
			Format: "toml", Title: "T", Categories: []string{"c"},
			Warnings: []Warning{{Line: 2, Msg: "toml: strings cannot contain newlines"}},
		},
		body: "", line: 5,
	}})
}

func TestParseTOML(t *testing.T) {
	runCases(t, []tc{{
		name: "values of every kind",
		in: "+++\n" +
			"title = \"读书笔记\"\n" +
			"date = 2023-03-28T10:20:00+08:00\n" +
			"lastmod = 2023-04-01\n" +
			"tags = [\"think\", \"机器学习\"]\n" +
			"categories = \"思考、阅读\"\n" +
			"author = \"张三\"\n" +
			"draft = true\n" +
			"weight = 2\n" +
			"series = [[\"a\", \"b\"], [\"c\"]]\n" +
			"[params]\n" +
			"tags = [\"not-top-level\"]\n" +
			"+++\n# body\n",
		want: Header{
			Format: "toml", Title: "读书笔记", Date: "2023-03-28",
			Authors: []string{"张三"}, Tags: []string{"think", "机器学习"},
			Categories: []string{"思考", "阅读"},
			Attrs: map[string]string{
				"lastmod": "2023-04-01", "draft": "true", "weight": "2", "series": "a,b,c",
			},
		},
		body: "# body\n", line: 14,
	}, {
		name: "local date and capitalised keys",
		in:   "+++\nTitle = 'T'\nDate = 2023-03-28\n+++\n",
		want: Header{Format: "toml", Title: "T", Date: "2023-03-28"},
		body: "", line: 5,
	}, {
		name: "unreadable date string",
		in:   "+++\ndate = \"3/28\"\n+++\n",
		want: Header{
			Format:   "toml",
			Attrs:    map[string]string{"date": "3/28"},
			Warnings: []Warning{{Line: 2, Msg: `unreadable date "3/28"`}},
		},
		body: "", line: 4,
	}, {
		name: "CRLF",
		in:   "+++\r\ntitle = \"T\"\r\n+++\r\nbody",
		want: Header{Format: "toml", Title: "T"},
		body: "body", line: 4,
	}, {
		name: "unclosed",
		in:   "+++\ntitle = \"T\"\n",
		want: Header{Warnings: []Warning{{Line: 1, Msg: "front matter not closed"}}},
		body: "+++\ntitle = \"T\"\n", line: 1,
	}})
}

func TestParseHexo(t *testing.T) {
	runCases(t, []tc{{
		name: "Hexo post",
		in: "title: Hello 世界\n" +
			"date: 2023-03-28 10:20:00\n" +
			"updated: 2023-03-29\n" +
			"categories:\n- [Diary, PlayStation]\n- [Diary, Games]\n" +
			"tags: a, b，c\n" +
			"description: >\n  folded text: with a colon\n  more\n" +
			"---\nbody\n",
		want: Header{
			Format: "hexo", Title: "Hello 世界", Date: "2023-03-28",
			Tags: []string{"a", "b", "c"}, Categories: []string{"Diary", "PlayStation", "Games"},
			Attrs: map[string]string{"updated": "2023-03-29", "description": "folded text: with a colon more"},
		},
		body: "body\n", line: 12,
	}, {
		name: "capitalised keys with CRLF and BOM",
		in:   "\ufeffTitle: T\r\nDate: 2023/03/28\r\n\r\n---\r\nbody",
		want: Header{Format: "hexo", Title: "T", Date: "2023-03-28"},
		body: "body", line: 5,
	}, {
		name: "prose with a colon and a later thematic break",
		in:   "Note: this is a thought.\nIt goes on for a while.\n\n---\n\nMore.\n",
		body: "Note: this is a thought.\nIt goes on for a while.\n\n---\n\nMore.\n", line: 1,
	}, {
		name: "key lines but no header key",
		in:   "Note: one\nAlso: two\n---\nbody",
		body: "Note: one\nAlso: two\n---\nbody", line: 1,
	}, {
		name: "known key followed by prose",
		in:   "title: T\nand then a paragraph\n---\n",
		body: "title: T\nand then a paragraph\n---\n", line: 1,
	}, {
		name: "URL-like first line is no key line",
		in:   "date:2023-03-28\n---\n",
		body: "date:2023-03-28\n---\n", line: 1,
	}, {
		name: "heading then thematic break",
		in:   "# Title\n\ntext\n\n---\n\nmore\n",
		body: "# Title\n\ntext\n\n---\n\nmore\n", line: 1,
	}, {
		name: "key lines never closed",
		in:   "title: T\ndate: 2023-03-28\n",
		body: "title: T\ndate: 2023-03-28\n", line: 1,
	}})
}

func TestParseEdges(t *testing.T) {
	big := "---\ntitle: T\nnote: " + strings.Repeat("x", maxHeader) + "\n---\nbody"
	bigMeta := "<!--\nmarkmeta_title: T\n" + strings.Repeat("y", maxHeader) + "\n-->\nbody"
	runCases(t, []tc{
		{name: "empty", in: "", body: "", line: 1},
		{name: "only BOM", in: "\ufeff", body: "\ufeff", line: 1},
		{name: "plain note", in: "# 标题\n正文\n", body: "# 标题\n正文\n", line: 1},
		{name: "lone fence", in: "---", want: Header{Warnings: []Warning{{Line: 1, Msg: "front matter not closed"}}}, body: "---", line: 1},
		{name: "four dashes is no fence", in: "----\ntitle: T\n----\n", body: "----\ntitle: T\n----\n", line: 1},
		{name: "list item first", in: "- a\n- b\n---\n", body: "- a\n- b\n---\n", line: 1},
		{
			name: "YAML larger than 64 KiB", in: big,
			want: Header{Warnings: []Warning{{Line: 1, Msg: "header larger than 64 KiB, ignored"}}},
			body: big, line: 1,
		},
		{
			name: "markmeta larger than 64 KiB", in: bigMeta,
			want: Header{Warnings: []Warning{{Line: 1, Msg: "header larger than 64 KiB, ignored"}}},
			body: bigMeta, line: 1,
		},
	})
}

func TestNormDate(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"2023-03-28", "2023-03-28", true},
		{"2023-3-8", "2023-03-08", true},
		{"2023/3/28", "2023-03-28", true},
		{"2023.03.28", "2023-03-28", true},
		{"2023-03-28 10:20", "2023-03-28", true},
		{"2023-03-28T10:20:00Z", "2023-03-28", true},
		{"2023-03-28t10:20:00+08:00", "2023-03-28", true},
		{" '2023-03-28' ", "2023-03-28", true},
		{"2023年3月28日", "2023-03-28", true},
		{"2023年03月28日 10:20", "2023-03-28", true},
		{"2024-02-29", "2024-02-29", true},
		{"2000-02-29", "2000-02-29", true},
		{"0000-01-10", "0000-01-10", true},
		{"0099-12-31", "0099-12-31", true},
		{"1900-02-29", "", false},
		{"2023-02-29", "", false},
		{"2023-04-31", "", false},
		{"2023-13-01", "", false},
		{"2023-00-10", "", false},
		{"2023-03-00", "", false},
		{"2023-03", "", false},
		{"2023", "", false},
		{"20230328", "", false},
		{"2023-03/28", "", false},
		{"2023-03-281", "", false},
		{"02023-03-28", "", false},
		{"2023-03-28x", "", false},
		{"2023-03-28_10", "", false},
		{"2023年1月10A", "", false},
		{"2023年1月10 上午", "2023-01-10", true},
		{"March 28, 2023", "", false},
		{"", "", false},
	} {
		got, ok := normDate(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("normDate(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// Aliases let a tiny document describe 100^8 list entries; flattening must
// stay bounded.
func TestParseAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\nl0: []\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [", i, i)
		for j := 0; j < 100; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("tags: [*l8, x]\n---\nbody")
	src := strings.Replace(b.String(), "l0: []", "l0: &l0 []", 1)
	done := make(chan Header, 1)
	go func() { done <- Parse([]byte(src)) }()
	select {
	case h := <-done:
		if h.Format != "yaml" || len(h.Warnings) != 0 {
			t.Errorf("Format %q, warnings %v", h.Format, h.Warnings)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Parse did not return within 10s")
	}
}

// TestFullWidthListSeparators: header lists split at the full-width
// separators people type in Chinese, in YAML lists as in strings (issue
// #15, class 13); an ASCII comma inside an item of a real list stays.
func TestFullWidthListSeparators(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{"---\ntags: [Swift，iOS开发，Swift进阶]\n---\n", []string{"Swift", "iOS开发", "Swift进阶"}},
		{"---\ntags: Swift，iOS开发、Swift进阶；Go\n---\n", []string{"Swift", "iOS开发", "Swift进阶", "Go"}},
		{"---\ntags:\n  - 读书，笔记\n  - 思考\n---\n", []string{"读书", "笔记", "思考"}},
		{"---\ntags: [a, b]\n---\n", []string{"a", "b"}},
		{"---\ntags: a；b；；c\n---\n", []string{"a", "b", "c"}},
		{"+++\ntags = [\"x，y\", \"z\"]\n+++\n", []string{"x", "y", "z"}},
	} {
		if got := Parse([]byte(c.src)).Tags; !slices.Equal(got, c.want) {
			t.Errorf("%q: tags %q, want %q", c.src, got, c.want)
		}
	}
	h := Parse([]byte("---\nauthors: [\"Smith, John\", \"李雷，韩梅梅\"]\n---\n"))
	if want := []string{"Smith, John", "李雷", "韩梅梅"}; !slices.Equal(h.Authors, want) {
		t.Errorf("authors %q, want %q", h.Authors, want)
	}
}
