package query

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/notegraph/notegraph/build"
	"github.com/notegraph/notegraph/store"
)

// buildVault writes files (path → content) into a new folder, builds it
// and returns the folder and an open store.
func buildVault(t *testing.T, files map[string]string) (string, *store.Store) {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "g.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := build.Run(context.Background(), st, build.Options{Root: dir}); err != nil {
		t.Fatal(err)
	}
	return dir, st
}

// resolveVault holds a node for every form Resolve takes.
var resolveVault = map[string]string{
	"think/chatgpt.md": "---\ntitle: ChatGPT\ntags: [think, ml/nlp]\ncategories: [思考]\nauthor: 斜风\naliases: [Chat GPT, 聊天机器人]\n---\n\n" +
		"2017年6月，Google 发表 arXiv:1706.03762v5 《Attention is all you need》。\n\n" +
		"- 2022年3月，OpenAI 的 https://arxiv.org/abs/2203.02155 。\n" +
		"- DOI 10.1145/3442188.3445922 is cited.\n" +
		"- See https://example.com/a%20b and https://example.com/path/x.\n" +
		"- Old style arXiv:hep-th/9711200.\n",
	"notes/Go.md":     "# Golang notes\n\n#go #工具 is here. Links [[chatgpt]].\n",
	"work/a.md":       "# Meeting\n\nOne #work/log.\n",
	"work/b.md":       "# Meeting\n\nTwo.\n",
	"a/index.md":      "# Index A\n",
	"b/index.md":      "# Index B\n",
	"reading/list.md": "# Reading list\n\n#Reading and [[missing note]].\n",
	"algo/heap.md":    "---\ntags: [堆（优先队列）]\n---\n# Heap\n",
}

func TestResolve(t *testing.T) {
	dir, st := buildVault(t, resolveVault)
	opt := ResolveOptions{Root: dir, Cwd: filepath.Join(dir, "think")}
	const ambiguous, unknown = "AMBIGUOUS", "UNKNOWN"
	cases := []struct{ name, want string }{
		// IDs, the kind prefix in any case.
		{"tag:think", "tag:think"},
		{"TAG:think", "tag:think"},
		{"Tag:Think", "tag:think"},
		{"note:think/chatgpt.md", "note:think/chatgpt.md"},
		{"Note:think/chatgpt.md", "note:think/chatgpt.md"},
		{"note:Think/ChatGPT.md", "note:think/chatgpt.md"},
		{"paper:arxiv:1706.03762", "paper:arxiv:1706.03762"},
		{"Paper:arXiv:1706.03762", "paper:arxiv:1706.03762"},
		{"category:思考", "category:思考"},
		{"author:斜风", "author:斜风"},
		{"date:2017-06", "date:2017-06"},
		{"event:think/chatgpt.md#1", "event:think/chatgpt.md#1"},
		// Tags.
		{"#think", "tag:think"},
		{"think", "tag:think"},
		{"Think", "tag:think"},
		{"#Think", "tag:think"},
		{"＃Think", "tag:think"},
		{" think ", "tag:think"},
		{"ml/nlp", "tag:ml/nlp"},
		{"#ML/NLP", "tag:ml/nlp"},
		{"#工具", "tag:工具"},
		{"work/log", "tag:work/log"},
		{"堆（优先队列）", "tag:堆(优先队列)"},
		{"#堆(优先队列)", "tag:堆(优先队列)"},
		{"TAG:堆（优先队列）", "tag:堆(优先队列)"},
		{"url:https://example.com/a b", "url:https://example.com/a%20b"},
		// Notes: path from the root or the current folder, file name,
		// title, alias.
		{"think/chatgpt.md", "note:think/chatgpt.md"},
		{"think/chatgpt", "note:think/chatgpt.md"},
		{"chatgpt.md", "note:think/chatgpt.md"},
		{"chatgpt", "note:think/chatgpt.md"},
		{"../notes/Go.md", "note:notes/Go.md"},
		{"../notes/Go", "note:notes/Go.md"},
		{filepath.Join(dir, "notes", "Go.md"), "note:notes/Go.md"},
		{"ChatGPT", "note:think/chatgpt.md"},
		{"chatGPT", "note:think/chatgpt.md"},
		{"Golang notes", "note:notes/Go.md"},
		{"golang NOTES", "note:notes/Go.md"},
		{"Chat GPT", "note:think/chatgpt.md"},
		{"聊天机器人", "note:think/chatgpt.md"},
		{"Reading list", "note:reading/list.md"},
		{"missing note", "note:missing note.md"},
		// Papers.
		{"arXiv:1706.03762", "paper:arxiv:1706.03762"},
		{"arxiv:1706.03762", "paper:arxiv:1706.03762"},
		{"1706.03762", "paper:arxiv:1706.03762"},
		{"1706.03762v5", "paper:arxiv:1706.03762"},
		{"arXiv:1706.03762v5", "paper:arxiv:1706.03762"},
		{"https://arxiv.org/abs/1706.03762", "paper:arxiv:1706.03762"},
		{"https://arxiv.org/pdf/1706.03762v5.pdf", "paper:arxiv:1706.03762"},
		{"2203.02155", "paper:arxiv:2203.02155"},
		{"arxiv:hep-th/9711200", "paper:arxiv:hep-th/9711200"},
		{"10.1145/3442188.3445922", "paper:doi:10.1145/3442188.3445922"},
		{"doi:10.1145/3442188.3445922", "paper:doi:10.1145/3442188.3445922"},
		{"https://doi.org/10.1145/3442188.3445922", "paper:doi:10.1145/3442188.3445922"},
		// URLs as written or percent-encoded; the URL node before the
		// paper it identifies.
		{"https://arxiv.org/abs/2203.02155", "url:https://arxiv.org/abs/2203.02155"},
		{"https://example.com/a%20b", "url:https://example.com/a%20b"},
		{"https://example.com/path/x", "url:https://example.com/path/x"},
		{"https://example.com/p%61th/x", "url:https://example.com/path/x"},
		// Dates, categories, authors by name.
		{"2017-06", "date:2017-06"},
		{"2022-03", "date:2022-03"},
		{"思考", "category:思考"},
		{"斜风", "author:斜风"},
		// Ambiguous and unknown.
		{"Meeting", ambiguous},
		{"index", ambiguous},
		{"meeting", ambiguous},
		{"tag:nothing", unknown},
		{"no such thing", unknown},
		{"#chatgpt", unknown},
		{"1999.99999", unknown},
		{"", unknown},
	}
	if len(cases) < 40 {
		t.Fatalf("only %d cases", len(cases))
	}
	err := st.View(func(tx *store.Tx) error {
		for _, c := range cases {
			got, err := Resolve(tx, c.name, opt)
			var amb *AmbiguousError
			var nf *NotFoundError
			switch {
			case c.want == ambiguous:
				if !errors.As(err, &amb) || len(amb.Candidates) < 2 {
					t.Errorf("Resolve(%q) = %q, %v; want it ambiguous", c.name, got, err)
				}
			case c.want == unknown:
				if !errors.As(err, &nf) || !errors.Is(err, ErrNotFound) {
					t.Errorf("Resolve(%q) = %q, %v; want not found", c.name, got, err)
				}
			case err != nil || got != c.want:
				t.Errorf("Resolve(%q) = %q, %v; want %q", c.name, got, err, c.want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestResolveErrors checks what the errors hold: the candidates of an
// ambiguous name with kinds and labels, and near names for an unknown one.
func TestResolveErrors(t *testing.T) {
	_, st := buildVault(t, resolveVault)
	st.View(func(tx *store.Tx) error {
		_, err := Resolve(tx, "Meeting", ResolveOptions{})
		var amb *AmbiguousError
		if !errors.As(err, &amb) {
			t.Fatalf("Meeting: %v", err)
		}
		want := []Candidate{{"note:work/a.md", "note", "Meeting"}, {"note:work/b.md", "note", "Meeting"}}
		if len(amb.Candidates) != 2 || amb.Candidates[0] != want[0] || amb.Candidates[1] != want[1] {
			t.Errorf("Meeting: candidates %+v, want %+v", amb.Candidates, want)
		}
		for _, c := range []struct{ name, near string }{
			{"thnik", "tag:think"},              // two letters swapped
			{"chatgp", "note:think/chatgpt.md"}, // a prefix
			{"#thin", "tag:think"},
			{"golang note", "note:notes/Go.md"},
		} {
			_, err := Resolve(tx, c.name, ResolveOptions{})
			var nf *NotFoundError
			if !errors.As(err, &nf) {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if len(nf.Suggestions) == 0 || nf.Suggestions[0].ID != c.near || len(nf.Suggestions) > 5 {
				t.Errorf("%s: suggestions %+v, want %s first", c.name, nf.Suggestions, c.near)
			}
		}
		return nil
	})
}
