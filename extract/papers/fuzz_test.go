package papers

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/graph"
	"unicode"
	"unicode/utf8"
)

func FuzzScan(f *testing.F) {
	seeds := []string{
		"2017年6月，Google发布论文《Attention is all you need》。 论文地址： https://arxiv.org/abs/1706.03762",
		"arXiv:hep-th/9901001v2 arXiv：math.GT/0309136 (doi:10.1016/0370-2693(91)90557-7)。",
		"https://link.springer.com/content/pdf/10.1007%2Fs11023-020-09548-1.pdf",
		"https://web.archive.org/web/2020/https://doi.org/10.48550/arXiv.1706.03762v2",
		`the paper "A" and "B" 论文《C》和「D」 “E”`,
		"arxiv.org/abs/1706.03762 dx.doi.org/10.1000/x huggingface.co/papers/2203.02155 ar5iv.org/html/1501.00001",
		"《arXiv:1706.03762》 \xff《\xfe》 $1706.03 v1.2.3 2023.12345",
	}
	for _, s := range seeds {
		f.Add(s, "https://arxiv.org/pdf/1706.03762v1.pdf", "Attention")
	}
	f.Add("x", "https://dl.acm.org/doi/pdf/10.1145/3442188.3445922", "")
	f.Fuzz(func(t *testing.T, text, dest, linkText string) {
		links := []Link{{Dest: dest, Text: linkText}}
		got := Scan(text, links)
		if again := Scan(text, links); !reflect.DeepEqual(got, again) {
			t.Fatalf("not deterministic: %+v vs %+v", got, again)
		}
		if ungated := scan(text, links, false); !reflect.DeepEqual(got, ungated) {
			t.Fatalf("features gate changed the result:\n gated   %+v\n ungated %+v", got, ungated)
		}
		for i, h := range got.Papers {
			if !validID(h.ID) {
				t.Fatalf("invalid ID %q", h.ID)
			}
			if i > 0 && got.Papers[i-1].ID >= h.ID {
				t.Fatalf("papers not sorted and unique: %q then %q", got.Papers[i-1].ID, h.ID)
			}
			wantDate := ""
			if id, ok := strings.CutPrefix(h.ID, graph.ArxivID("")); ok {
				wantDate = arxivDate(id)
			}
			if h.Date != wantDate {
				t.Fatalf("%s: date %q, want %q", h.ID, h.Date, wantDate)
			}
			for j, v := range h.Versions {
				if _, n, ok := parseVersion(v); !ok || n != len(v) || v[0] != 'v' {
					t.Fatalf("%s: bad version %q", h.ID, v)
				}
				if j > 0 && !versionLess(h.Versions[j-1], v) {
					t.Fatalf("%s: versions not sorted and unique: %q", h.ID, h.Versions)
				}
			}
			for j, u := range h.URLs {
				if j > 0 && h.URLs[j-1] >= u {
					t.Fatalf("%s: URLs not sorted and unique: %q", h.ID, h.URLs)
				}
				if !strings.Contains(text, u) && !strings.Contains(dest, u) {
					t.Fatalf("%s: URL %q is not in the input", h.ID, u)
				}
			}
			if h.Title != "" {
				checkTitle(t, h.Title)
			}
		}
		seen := map[string]bool{}
		for _, tt := range got.Titles {
			checkTitle(t, tt.Title)
			if seen[tt.Title] {
				t.Fatalf("duplicate title %q", tt.Title)
			}
			seen[tt.Title] = true
		}
	})
}

func checkTitle(t *testing.T, s string) {
	t.Helper()
	if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxTitleRunes ||
		strings.TrimFunc(s, unicode.IsSpace) != s {
		t.Fatalf("bad title %q", s)
	}
}

func versionLess(a, b string) bool {
	return len(a) < len(b) || (len(a) == len(b) && a < b)
}

// TestFuzzInvariantsHelpers keeps the fuzz test's own helpers honest.
func TestFuzzInvariantsHelpers(t *testing.T) {
	vs := []string{"v10", "v2", "v1", "v2"}
	if got := sortVersions(slices.Clone(vs)); !slices.Equal(got, []string{"v1", "v2", "v10"}) {
		t.Errorf("sortVersions(%q) = %q", vs, got)
	}
	if !versionLess("v2", "v10") || versionLess("v10", "v2") || versionLess("v3", "v3") {
		t.Error("versionLess is wrong")
	}
}
