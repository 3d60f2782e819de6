package graph

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// Neo4jLabel is the Neo4j label of a kind of node: "Note", "Tag", …,
// "URL"; "Node" for an ID of no known kind.
func Neo4jLabel(k Kind) string {
	switch k {
	case "":
		return "Node"
	case KindURL:
		return "URL"
	}
	return strings.ToUpper(string(k[:1])) + string(k[1:])
}

// Neo4jType is the Neo4j relationship type of a relation: "TAGGED",
// "LINKS_TO", …; a relation notegraph does not know keeps its name.
func Neo4jType(r Rel) string {
	if slices.Contains(Rels, r) {
		return strings.ToUpper(string(r))
	}
	return string(r)
}

// Neo4jArrayDelimiter separates the elements of an array property in the
// CSV files; import.sh passes it to neo4j-admin.
const Neo4jArrayDelimiter = ";"

// neo4jTypeNames are the header types of the property types (keyTypes);
// a string has none.
var neo4jTypeNames = [...]string{typeUnset: "", typeString: "", typeBool: "boolean", typeInt: "int", typeLong: "long", typeDouble: "double"}

// neo4jColumns are the property columns of one kind's node file.
type neo4jColumns struct {
	keys  []string
	types keyTypes
	// arrays are the list keys written as Neo4j arrays; a list with the
	// array delimiter inside an element is written as its JSON array in
	// a string instead, since neo4j-admin has no escape for it.
	arrays map[string]bool
}

// Neo4jFiles lists the files WriteNeo4j wrote, for import.sh and users.
type Neo4jFiles struct {
	Nodes, Relationships []string
}

// WriteNeo4j writes src into dir as the CSV files that `neo4j-admin
// database import full` loads into a new database, with import.sh beside
// them holding that command line:
//
//   - nodes_KIND.csv, one per kind: "id:ID", ":LABEL" (Neo4jLabel),
//     "label" (Node.Label) and a column per property of that kind, typed
//     in its header as GraphML types it ("line:int", "missing:boolean",
//     "fm.draft:boolean"); a list is "author:string[]" with its elements
//     joined by Neo4jArrayDelimiter (as its JSON array in a string when
//     an element holds the delimiter);
//   - rels_RELATION.csv, one per relation: ":START_ID", ":END_ID",
//     ":TYPE" (Neo4jType).
//
// The files are UTF-8 (invalid bytes and NUL become U+FFFD) and quoted as
// RFC 4180 says, CRLF line ends included; a line break inside a value is
// written as "\n", a carriage return as one too (see csvText). Files are written under
// temporary names and renamed when complete. Nodes are read twice (first
// for each kind's columns); the relationship files are written together
// as the edges stream by.
func WriteNeo4j(dir string, src Source) (Neo4jFiles, error) {
	var files Neo4jFiles
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return files, err
	}
	cols := map[Kind]*neo4jColumns{}
	var props []Prop
	err := src.Nodes(func(n Node) error {
		c := cols[n.Kind()]
		if c == nil {
			c = &neo4jColumns{types: keyTypes{}, arrays: map[string]bool{}}
			cols[n.Kind()] = c
		}
		props = n.Props(props[:0])
		for _, p := range props {
			if _, seen := c.types[p.Key]; !seen {
				c.keys = append(c.keys, p.Key)
				if p.Type == PropList {
					c.arrays[p.Key] = true
				}
			}
			c.types.observe(p)
			if p.Type == PropList && slices.ContainsFunc(p.List, func(s string) bool { return strings.Contains(s, Neo4jArrayDelimiter) }) {
				c.arrays[p.Key] = false
			}
		}
		return nil
	})
	if err != nil {
		return files, err
	}
	for _, c := range cols {
		slices.Sort(c.keys)
	}

	// Nodes: one file at a time, since a kind's nodes come together.
	var out *csvFile
	var current Kind
	var row []string
	err = src.Nodes(func(n Node) error {
		k := n.Kind()
		if out == nil || k != current {
			if out != nil {
				if err := out.close(); err != nil {
					return err
				}
			}
			current = k
			name := "nodes_" + fileKind(k) + ".csv"
			files.Nodes = append(files.Nodes, name)
			var err error
			if out, err = createCSV(dir, name); err != nil {
				return err
			}
			if err := out.w.Write(cols[k].header()); err != nil {
				return err
			}
		}
		row = cols[k].row(row[:0], n, &props)
		return out.w.Write(row)
	})
	if out != nil {
		err = errors.Join(err, out.close())
	}
	if err != nil {
		return files, err
	}

	// Relationships: a file per relation, all open while the edges stream.
	rels := map[Rel]*csvFile{}
	err = src.Edges(func(e Edge) error {
		f := rels[e.Rel]
		if f == nil {
			rel := Rel(strings.Clone(string(e.Rel)))
			var err error
			if f, err = createCSV(dir, "rels_"+fileRel(rel)+".csv"); err != nil {
				return err
			}
			rels[rel] = f
			if err := f.w.Write([]string{":START_ID", ":END_ID", ":TYPE"}); err != nil {
				return err
			}
		}
		return f.w.Write([]string{csvText(e.Src), csvText(e.Dst), Neo4jType(e.Rel)})
	})
	for _, r := range slices.Sorted(maps.Keys(rels)) {
		files.Relationships = append(files.Relationships, "rels_"+fileRel(r)+".csv")
		err = errors.Join(err, rels[r].close())
	}
	if err != nil {
		return files, err
	}
	return files, writeImportScript(dir, files)
}

// fileKind and fileRel name a kind's or a relation's file: its name when
// it is one of notegraph's, else "other" (with the relation in hex), so
// that an odd name never makes an odd path.
func fileKind(k Kind) string {
	if k == "" {
		return "other"
	}
	return string(k)
}

func fileRel(r Rel) string {
	if slices.Contains(Rels, r) {
		return string(r)
	}
	return fmt.Sprintf("other_%x", []byte(r))
}

func (c *neo4jColumns) header() []string {
	h := []string{"id:ID", ":LABEL", "label"}
	for _, k := range c.keys {
		t := neo4jTypeNames[c.types[k]]
		if c.arrays[k] {
			t = "string[]"
		}
		if t != "" {
			h = append(h, csvText(k)+":"+t)
		} else {
			h = append(h, csvText(k))
		}
	}
	return h
}

func (c *neo4jColumns) row(row []string, n Node, props *[]Prop) []string {
	row = append(row, csvText(n.ID), Neo4jLabel(n.Kind()), csvText(n.Label()))
	*props = n.Props((*props)[:0])
	ps := *props
	for _, k := range c.keys {
		i := slices.IndexFunc(ps, func(p Prop) bool { return p.Key == k })
		if i < 0 {
			row = append(row, "")
			continue
		}
		p := ps[i]
		if c.arrays[k] {
			row = append(row, csvText(strings.Join(p.List, Neo4jArrayDelimiter)))
			continue
		}
		row = append(row, csvText(string(appendTyped(nil, p, c.types[k], false))))
	}
	return row
}

// csvText makes s valid UTF-8 without NUL, which neo4j-admin refuses,
// and makes each line break "\n": a CSV reader gives a CRLF inside a
// field back as "\n", and the writer, ending its records with CRLF, drops
// a lone "\r".
func csvText(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 && strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return csvCleaner.Replace(s)
}

var csvCleaner = strings.NewReplacer("\x00", "\uFFFD", "\r\n", "\n", "\r", "\n")

// csvFile is a CSV file being written under a temporary name.
type csvFile struct {
	f    *os.File
	buf  *bufio.Writer
	w    *csv.Writer
	path string
}

func createCSV(dir, name string) (*csvFile, error) {
	f, err := os.CreateTemp(dir, "."+name+".tmp*")
	if err != nil {
		return nil, err
	}
	buf := bufio.NewWriterSize(f, 64<<10)
	w := csv.NewWriter(buf)
	w.UseCRLF = true
	return &csvFile{f: f, buf: buf, w: w, path: filepath.Join(dir, name)}, nil
}

// close flushes the file and renames it into place; on an error it
// removes it.
func (c *csvFile) close() error {
	c.w.Flush()
	err := errors.Join(c.w.Error(), c.buf.Flush(), c.f.Chmod(0o644), c.f.Close())
	if err == nil {
		err = os.Rename(c.f.Name(), c.path)
	}
	if err != nil {
		os.Remove(c.f.Name())
	}
	return err
}

// writeImportScript writes import.sh: the neo4j-admin command line that
// loads the files into a new database.
func writeImportScript(dir string, files Neo4jFiles) error {
	var b strings.Builder
	b.WriteString(`#!/bin/sh
# Loads the notegraph export in this folder into a new Neo4j database with
# neo4j-admin (Neo4j 5): stop the database first, then run
#   ./import.sh [DATABASE]        (default: neo4j; its contents are replaced)
# and start it again. NEO4J_ADMIN may name the neo4j-admin to run.
set -eu
cd "$(dirname "$0")"
"${NEO4J_ADMIN:-neo4j-admin}" database import full "${1:-neo4j}" \
  --overwrite-destination \
  --array-delimiter=';' \
  --multiline-fields=true \
`)
	for _, f := range files.Nodes {
		fmt.Fprintf(&b, "  --nodes=%s \\\n", f)
	}
	for _, f := range files.Relationships {
		fmt.Fprintf(&b, "  --relationships=%s \\\n", f)
	}
	b.WriteString("  --report-file=import.report\n")
	path := filepath.Join(dir, "import.sh")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
