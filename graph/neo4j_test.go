package graph

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// jsonGraph is a JSON export read back: each node's attributes without
// "kind", and the edges as "src -rel-> dst".
type jsonGraph struct {
	nodes map[string]map[string]any
	edges []string
}

func readJSONExport(t *testing.T, g Source) jsonGraph {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, g, nil); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Nodes []struct {
			Key   string         `json:"key"`
			Attrs map[string]any `json:"attributes"`
		} `json:"nodes"`
		Edges []struct {
			Source, Target string
			Attrs          struct{ Relation string } `json:"attributes"`
		} `json:"edges"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	out := jsonGraph{nodes: map[string]map[string]any{}}
	for _, n := range doc.Nodes {
		delete(n.Attrs, "kind")
		out.nodes[n.Key] = n.Attrs
	}
	for _, e := range doc.Edges {
		out.edges = append(out.edges, e.Source+" -"+e.Attrs.Relation+"-> "+e.Target)
	}
	slices.Sort(out.edges)
	return out
}

var neo4jHeader = regexp.MustCompile(`^[^:]+(:(int|long|double|boolean|string\[\]))?$`)

// readNeo4j parses the CSV files of dir with encoding/csv, typing each
// value by its column's header as neo4j-admin would.
func readNeo4j(t *testing.T, dir string) jsonGraph {
	t.Helper()
	out := jsonGraph{nodes: map[string]map[string]any{}}
	read := func(name string) [][]string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
			t.Errorf("%s is not UTF-8 without NUL", name)
		}
		if !bytes.HasSuffix(b, []byte("\r\n")) {
			t.Errorf("%s: records do not end with CRLF", name)
		}
		r := csv.NewReader(bytes.NewReader(b))
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return recs
	}
	nodeFiles, _ := filepath.Glob(filepath.Join(dir, "nodes_*.csv"))
	relFiles, _ := filepath.Glob(filepath.Join(dir, "rels_*.csv"))
	for _, f := range nodeFiles {
		recs := read(filepath.Base(f))
		h := recs[0]
		if h[0] != "id:ID" || h[1] != ":LABEL" || h[2] != "label" {
			t.Fatalf("%s: header %q", f, h)
		}
		for _, col := range h[3:] {
			if !neo4jHeader.MatchString(col) {
				t.Errorf("%s: header %q is not name:type", f, col)
			}
		}
		for _, rec := range recs[1:] {
			attrs := map[string]any{"label": rec[2]}
			if want := Neo4jLabel(KindOf(rec[0])); rec[1] != want {
				t.Errorf("%s: label %q, want %q", rec[0], rec[1], want)
			}
			for i, col := range h[3:] {
				v := rec[3+i]
				if v == "" {
					continue
				}
				name, typ, _ := strings.Cut(col, ":")
				switch typ {
				case "int", "long", "double":
					f, err := strconv.ParseFloat(v, 64)
					if err != nil {
						t.Errorf("%s %s: %q is no number", rec[0], col, v)
					}
					attrs[name] = f
				case "boolean":
					attrs[name] = v == "true"
				case "string[]":
					var l []any
					for s := range strings.SplitSeq(v, Neo4jArrayDelimiter) {
						l = append(l, s)
					}
					attrs[name] = l
				default:
					attrs[name] = v
				}
			}
			out.nodes[rec[0]] = attrs
		}
	}
	for _, f := range relFiles {
		recs := read(filepath.Base(f))
		if !slices.Equal(recs[0], []string{":START_ID", ":END_ID", ":TYPE"}) {
			t.Fatalf("%s: header %q", f, recs[0])
		}
		for _, rec := range recs[1:] {
			out.edges = append(out.edges, rec[0]+" -"+string(relOfType(rec[2]))+"-> "+rec[1])
		}
	}
	slices.Sort(out.edges)
	return out
}

// sameValue compares a value read from the CSV files with the JSON
// export's: a header's number or boolean (typed in CSV, text in JSON) by
// what the text reads as, a list kept whole as JSON text by its array.
func sameValue(csvV, jsonV any) bool {
	if reflect.DeepEqual(csvV, jsonV) {
		return true
	}
	s, isText := jsonV.(string)
	switch v := csvV.(type) {
	case float64:
		f, err := strconv.ParseFloat(s, 64)
		return isText && err == nil && f == v
	case bool:
		return isText && s == strconv.FormatBool(v)
	case string:
		var l []any
		return json.Unmarshal([]byte(v), &l) == nil && reflect.DeepEqual(l, jsonV)
	}
	return false
}

func TestNeo4jCSVRoundTrip(t *testing.T) {
	withSemicolon := NewMemGraph([]Node{{ID: "note:s.md", Data: &Note{Path: "s.md", Authors: []string{"A; B", "C"}}}, {ID: "note:t.md", Data: &Note{Path: "t.md", Authors: []string{"D"}}}}, nil)
	for i, g := range []*MemGraph{typedGraph(), fixture(), awkwardGraph(), withSemicolon, NewMemGraph(nil, nil)} {
		dir := t.TempDir()
		files, err := WriteNeo4j(dir, g)
		if err != nil {
			t.Fatal(err)
		}
		got, want := readNeo4j(t, dir), readJSONExport(t, g)
		// CSV text has "\n" for every line break and U+FFFD for NUL.
		for _, attrs := range want.nodes {
			for k, v := range attrs {
				if s, ok := v.(string); ok {
					attrs[k] = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "\uFFFD").Replace(s)
				}
			}
		}
		if len(got.nodes) != len(want.nodes) {
			t.Errorf("graph %d: %d nodes, want %d", i, len(got.nodes), len(want.nodes))
		}
		for id, wa := range want.nodes {
			ga, ok := got.nodes[id]
			if !ok {
				t.Errorf("graph %d: node %q missing", i, id)
				continue
			}
			if len(ga) != len(wa) {
				t.Errorf("graph %d: node %q: %v, want %v", i, id, ga, wa)
			}
			for k, v := range wa {
				if !sameValue(ga[k], v) {
					t.Errorf("graph %d: node %q: %s = %#v, want %#v", i, id, k, ga[k], v)
				}
			}
		}
		if !slices.Equal(got.edges, want.edges) {
			t.Errorf("graph %d: edges\n%q\nwant\n%q", i, got.edges, want.edges)
		}
		script, err := os.ReadFile(filepath.Join(dir, "import.sh"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range append(files.Nodes, files.Relationships...) {
			if !bytes.Contains(script, []byte("--"+map[bool]string{true: "nodes", false: "relationships"}[strings.HasPrefix(f, "nodes_")]+"="+f+" ")) {
				t.Errorf("import.sh lacks %s:\n%s", f, script)
			}
		}
		if sh, err := exec.LookPath("sh"); err == nil {
			// Run import.sh with a stand-in for neo4j-admin that checks
			// every file it is given is there, from the folder it runs in.
			fake := filepath.Join(t.TempDir(), "neo4j-admin")
			os.WriteFile(fake, []byte("#!/bin/sh\nfor a; do case $a in --nodes=*|--relationships=*) test -f \"${a#*=}\" || exit 3;; esac; done\necho \"$@\"\n"), 0o755)
			cmd := exec.Command(sh, filepath.Join(dir, "import.sh"), "notes")
			cmd.Env = append(os.Environ(), "NEO4J_ADMIN="+fake)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.HasPrefix(string(out), "database import full notes --overwrite-destination") {
				t.Errorf("import.sh: %v\n%s", err, out)
			}
		}
		for _, want := range []string{"neo4j-admin", "database import full", "--array-delimiter=';'", "--multiline-fields=true"} {
			if !bytes.Contains(script, []byte(want)) {
				t.Errorf("import.sh lacks %s", want)
			}
		}
	}
	// The typed headers, as neo4j-admin reads them.
	dir := t.TempDir()
	if _, err := WriteNeo4j(dir, typedGraph()); err != nil {
		t.Fatal(err)
	}
	head, _ := os.ReadFile(filepath.Join(dir, "nodes_note.csv"))
	first := string(head[:bytes.IndexByte(head, '\r')])
	if want := "id:ID,:LABEL,label,author:string[],fm.big:long,fm.cssclasses,fm.draft:boolean,fm.hex,fm.mixed,fm.nan,fm.ratio:double,fm.weight:int,missing:boolean,path,title"; first != want {
		t.Errorf("note header\n%s\nwant\n%s", first, want)
	}
	if ev, _ := os.ReadFile(filepath.Join(dir, "nodes_event.csv")); !bytes.Contains(ev, []byte("line:int")) {
		t.Errorf("event header: %s", ev)
	}
}

// cypherValue parses one Cypher literal of the kinds WriteCypher writes
// (maps, lists, strings, numbers, booleans) from s at i, returning the
// value and the index after it.
func cypherValue(t *testing.T, s string, i int) (any, int) {
	t.Helper()
	skip := func() {
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	skip()
	switch {
	case s[i] == '{':
		m := map[string]any{}
		i++
		for skip(); s[i] != '}'; skip() {
			var key string
			if s[i] == '`' {
				j := i + 1
				for ; !(s[j] == '`' && (j+1 == len(s) || s[j+1] != '`')); j++ {
					if s[j] == '`' {
						j++
					}
				}
				key = strings.ReplaceAll(s[i+1:j], "``", "`")
				i = j + 1
			} else {
				j := i
				for isLetter(s[j]) || s[j] == '_' || s[j]-'0' < 10 {
					j++
				}
				key, i = s[i:j], j
			}
			if s[i] != ':' {
				t.Fatalf("no ':' after key %q at %d: %.40q", key, i, s[i:])
			}
			var v any
			v, i = cypherValue(t, s, i+1)
			m[key] = v
			skip()
			if s[i] == ',' {
				i++
			}
		}
		return m, i + 1
	case s[i] == '[':
		l := []any{}
		i++
		for skip(); s[i] != ']'; skip() {
			var v any
			v, i = cypherValue(t, s, i)
			l = append(l, v)
			skip()
			if s[i] == ',' {
				i++
			}
		}
		return l, i + 1
	case s[i] == '"':
		var b strings.Builder
		for i++; s[i] != '"'; i++ {
			if s[i] != '\\' {
				b.WriteByte(s[i])
				continue
			}
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, err := strconv.ParseUint(s[i+1:i+5], 16, 32)
				if err != nil {
					t.Fatalf("bad \\u escape %.8q", s[i:])
				}
				b.WriteRune(rune(r))
				i += 4
			case '"', '\\':
				b.WriteByte(s[i])
			default:
				t.Fatalf("unknown escape \\%c", s[i])
			}
		}
		return b.String(), i + 1
	case strings.HasPrefix(s[i:], "true"):
		return true, i + 4
	case strings.HasPrefix(s[i:], "false"):
		return false, i + 5
	}
	j := i
	for j < len(s) && strings.IndexByte("+-.0123456789eE", s[j]) >= 0 {
		j++
	}
	f, err := strconv.ParseFloat(s[i:j], 64)
	if err != nil {
		t.Fatalf("no value at %d: %.40q", i, s[i:])
	}
	return f, j
}

// TestCypherScript checks the script's shape (constraints first, each
// statement balanced on one line, ending in ';', holding no value but
// the $rows parameter that the :param line before it sets, batches of
// at most CypherBatch rows) and that its rows carry exactly the nodes
// and edges of the JSON export.
func TestCypherScript(t *testing.T) {
	for i, g := range []*MemGraph{typedGraph(), fixture(), awkwardGraph(), bigStar(1234)} {
		var buf bytes.Buffer
		if err := WriteCypher(&buf, g); err != nil {
			t.Fatal(err)
		}
		want := readJSONExport(t, g)
		got := jsonGraph{nodes: map[string]map[string]any{}}
		var params []any
		constraints, statements := 0, 0
		stmt := regexp.MustCompile(`^UNWIND \$rows AS row (MERGE \(n:(\w+) \{id: row\.id\}\) SET n \+= row\.props|MATCH \(a:(\w+) \{id: row\.s\}\) MATCH \(b:(\w+) \{id: row\.t\}\) MERGE \(a\)-\[:(\w+|` + "`[^`]*`" + `)\]->\(b\));$`)
		for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
			switch {
			case strings.HasPrefix(line, "//"):
			case strings.HasPrefix(line, "CREATE CONSTRAINT "):
				if statements > 0 || params != nil {
					t.Errorf("graph %d: a constraint after the data: %s", i, line)
				}
				if !strings.HasSuffix(line, " REQUIRE n.id IS UNIQUE;") {
					t.Errorf("graph %d: constraint %s", i, line)
				}
				constraints++
			case strings.HasPrefix(line, ":param "):
				if params != nil {
					t.Errorf("graph %d: a :param line with no statement to use the one before", i)
				}
				v, end := cypherValue(t, line, len(":param "))
				if end != len(line) {
					t.Errorf("graph %d: %d bytes after the parameter map", i, len(line)-end)
				}
				rows, _ := v.(map[string]any)["rows"].([]any)
				if len(rows) == 0 || len(rows) > CypherBatch {
					t.Errorf("graph %d: a batch of %d rows", i, len(rows))
				}
				params = rows
			default:
				m := stmt.FindStringSubmatch(line)
				if m == nil {
					t.Fatalf("graph %d: statement %q is not one of the two shapes", i, line)
				}
				if params == nil {
					t.Fatalf("graph %d: %s has no :param before it", i, line)
				}
				statements++
				for _, r := range params {
					row := r.(map[string]any)
					if m[2] != "" {
						id := row["id"].(string)
						if Neo4jLabel(KindOf(id)) != m[2] {
							t.Errorf("graph %d: node %s under label %s", i, id, m[2])
						}
						got.nodes[id] = row["props"].(map[string]any)
						continue
					}
					s, d := row["s"].(string), row["t"].(string)
					if Neo4jLabel(KindOf(s)) != m[3] || Neo4jLabel(KindOf(d)) != m[4] {
						t.Errorf("graph %d: edge %s -> %s under %s, %s", i, s, d, m[3], m[4])
					}
					got.edges = append(got.edges, s+" -"+string(relOfType(strings.Trim(m[5], "`")))+"-> "+d)
				}
				params = nil
			}
		}
		if constraints != len(Kinds) || params != nil {
			t.Errorf("graph %d: %d constraints, a :param left unused: %v", i, constraints, params != nil)
		}
		slices.Sort(got.edges)
		if !slices.Equal(got.edges, want.edges) {
			t.Errorf("graph %d: %d edges, want %d", i, len(got.edges), len(want.edges))
		}
		if len(got.nodes) != len(want.nodes) {
			t.Errorf("graph %d: %d nodes, want %d", i, len(got.nodes), len(want.nodes))
		}
		for id, wa := range want.nodes {
			for k, v := range wa {
				if !sameValue(got.nodes[id][k], v) {
					t.Errorf("graph %d: node %q: %s = %#v, want %#v", i, id, k, got.nodes[id][k], v)
				}
			}
			if len(got.nodes[id]) != len(wa) {
				t.Errorf("graph %d: node %q: %v, want %v", i, id, got.nodes[id], wa)
			}
		}
	}
}

// bigStar is a note linking to n others, to fill several batches.
func bigStar(n int) *MemGraph {
	var es []Edge
	for i := range n {
		es = append(es, Edge{"note:hub.md", RelLinksTo, fmt.Sprintf("note:%04d.md", i)}, Edge{fmt.Sprintf("note:%04d.md", i), RelTagged, "tag:t"})
	}
	return NewMemGraph([]Node{{ID: "note:hub.md", Data: &Note{Path: "hub.md", Title: "Hub"}}}, es)
}

// relOfType is the relation of a Neo4j relationship type (Neo4jType).
func relOfType(t string) Rel {
	for _, r := range Rels {
		if Neo4jType(r) == t {
			return r
		}
	}
	return Rel(t)
}
