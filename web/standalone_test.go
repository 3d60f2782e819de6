package web

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/notegraph/notegraph/graph"
)

// TestWriteStandalone checks the one-file page: the CSS and JavaScript
// inline, nothing loaded from elsewhere, and the graph in it as JSON that
// a label with "</script>" cannot break out of.
func TestWriteStandalone(t *testing.T) {
	nasty := "</script><script>alert(1)</script>"
	g := graph.NewMemGraph([]graph.Node{
		{ID: "note:a.md", Data: &graph.Note{Title: nasty, Path: "a.md"}},
		{ID: "tag:go"},
	}, []graph.Edge{{Src: "note:a.md", Rel: graph.RelTagged, Dst: "tag:go"}})
	var buf bytes.Buffer
	if err := WriteStandalone(&buf, g); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if n := strings.Count(page, "</script>"); n != 2 {
		t.Errorf("%d </script> tags, want 2 (the data, the code)", n)
	}
	if m := regexp.MustCompile(`(?:src|href)="([^"#][^"]*)"`).FindAllStringSubmatch(page, -1); len(m) > 0 {
		for _, x := range m {
			if !strings.HasPrefix(x[1], "data:") {
				t.Errorf("the page loads %q", x[1])
			}
		}
	}
	if !strings.Contains(page, "<style>") || strings.Contains(page, `href="style.css"`) || strings.Contains(page, `src="app.js"`) {
		t.Error("the CSS or the JavaScript is not inline")
	}
	data := regexp.MustCompile(`(?s)<script type="application/json" id="notegraph-data">(.*?)</script>`).FindStringSubmatch(page)
	if data == nil {
		t.Fatal("no graph in the page")
	}
	var doc struct {
		Nodes []struct {
			Key        string
			Attributes map[string]any
		}
		Edges []struct{ Source, Target string }
	}
	if err := json.Unmarshal([]byte(data[1]), &doc); err != nil {
		t.Fatalf("the graph in the page: %v", err)
	}
	if len(doc.Nodes) != 2 || len(doc.Edges) != 1 || doc.Nodes[0].Attributes["label"] != nasty {
		t.Errorf("the graph in the page: %+v", doc)
	}
}
