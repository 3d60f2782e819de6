// Package exportcheck holds notegraph's exports to the published schemas of
// their formats, for tests: GraphML to graphml.xsd (with xmllint) and the
// JSON Graph Format to its JSON Schema, and the Cytoscape and graphology
// exports to the JavaScript libraries that load them (JS). Tool finds the
// external programs such tests run (xmllint, Graphviz's dot, node).
//
// The schemas are read from the shared folder beside the project
// (../shared/schemas, where their sources are noted). A clone of the
// project alone has no such folder, and the checks skip with a message.
package exportcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaDir returns the folder of the schemas, or skips t.
func schemaDir(t testing.TB) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(filepath.Dir(root), "shared", "schemas")
	if _, err := os.Stat(dir); err != nil {
		// A git worktree sits away from the main checkout, which has the
		// shared folder beside it.
		if common, err := exec.Command("git", "-C", root, "rev-parse", "--path-format=absolute", "--git-common-dir").Output(); err == nil {
			dir = filepath.Join(filepath.Dir(filepath.Dir(string(bytes.TrimSpace(common)))), "shared", "schemas")
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "graphml.xsd")); err != nil {
		t.Skipf("no export schemas in %s (the shared folder beside the project): %v", dir, err)
	}
	return dir
}

// moduleRoot finds the folder of go.mod from the working directory, which
// go test sets to the package's folder.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("exportcheck: no go.mod above the working directory")
		}
		dir = parent
	}
}

// GraphML fails t unless data is valid against graphml.xsd. It needs
// xmllint (Debian: libxml2-utils): without it the check is skipped, or
// fails when the CI variable is set, since .ci/run installs it.
func GraphML(t testing.TB, data []byte) {
	t.Helper()
	dir := schemaDir(t)
	bin := Tool(t, "xmllint", "libxml2-utils")
	file := filepath.Join(t.TempDir(), "export.graphml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--nonet", "--schema", filepath.Join(dir, "graphml.xsd"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("GraphML export fails graphml.xsd: %v\n%s", err, out)
	}
}

// Tool returns the path of the program name, which a test needs. When it
// is missing, t is skipped, or fails if the CI variable is set: .ci/run
// installs it, from the Debian package pkg.
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing under CI; .ci/run must install %s", name, pkg)
		}
		t.Skipf("%s not installed (Debian: %s); skipping this check", name, pkg)
	}
	return bin
}

// JGF fails t unless data is valid against the JSON Graph Format v2.1
// schema.
func JGF(t testing.TB, data []byte) {
	t.Helper()
	dir := schemaDir(t)
	schema, err := jsonschema.NewCompiler().Compile(filepath.Join(dir, "jgf-v2.1.schema.json"))
	if err != nil {
		t.Fatalf("JGF schema: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("JGF export is not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("JGF export fails its schema: %v", err)
	}
}

// Loaded is what a JavaScript library made of an export (see JS).
type Loaded struct {
	Nodes, Edges int
	// Types lists, for each node attribute, the JavaScript types its
	// values had ("string", "number", "boolean", "array", …).
	Types map[string][]string
}

// JS loads data, an export in format "cytoscape" or "graphology", with the
// real library from the npm registry, run by Node (js/check.mjs), and
// returns what the library holds. The libraries come from js/package-lock.json
// by `npm ci` in internal/exportcheck/js. Without node or that install the
// check is skipped, or fails when the CI variable is set, since .ci/run
// installs both.
func JS(t testing.TB, format string, data []byte) Loaded {
	t.Helper()
	node := Tool(t, "node", "nodejs")
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "internal", "exportcheck", "js")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", format)); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed under CI; .ci/run must run `npm ci` in %s", format, dir)
		}
		t.Skipf("the npm package %s is not installed; run `npm ci` in %s", format, dir)
	}
	file := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join(dir, "check.mjs"), format, file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s did not load the export: %v\n%s", format, err, stderr.Bytes())
	}
	var got Loaded
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("check.mjs printed %q: %v", out, err)
	}
	return got
}

// networkxScript reads a GraphML file with networkx.read_graphml and
// prints its counts and each node's attributes with their Python types.
const networkxScript = `
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
nodes = {}
for n, d in g.nodes(data=True):
    nodes[d.get("notegraph_id", n)] = {k: [type(v).__name__, v] for k, v in d.items()}
json.dump({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "attrs": nodes}, sys.stdout)
`

// NetworkXGraph is what networkx made of a GraphML file.
type NetworkXGraph struct {
	Nodes, Edges int
	// Attrs maps a node's notegraph_id to its attributes: the Python
	// type's name and the value.
	Attrs map[string]map[string][2]any
}

var (
	networkxOnce sync.Once
	networkxPy   string // the python3 that imports networkx, or ""
	networkxOut  []byte // why none does
)

// networkxPython finds, once per test binary (importing networkx takes
// about a second of CPU), a python3 that imports networkx: the one
// first on PATH may be another installation than the system's, which
// Debian's python3-networkx serves. Without one, it returns "" and the
// last attempt's output.
func networkxPython() (string, []byte) {
	networkxOnce.Do(func() {
		for _, cand := range []string{"python3", "/usr/bin/python3"} {
			bin, err := exec.LookPath(cand)
			if err != nil {
				continue
			}
			if networkxOut, err = exec.Command(bin, "-c", "import networkx").CombinedOutput(); err == nil {
				networkxPy = bin
				return
			}
		}
	})
	return networkxPy, networkxOut
}

// NetworkX reads data, a GraphML export, with networkx.read_graphml under
// Python 3. Without python3 or networkx the check is skipped, or fails
// when the CI variable is set, since .ci/run installs python3-networkx.
func NetworkX(t testing.TB, data []byte) NetworkXGraph {
	t.Helper()
	py, out := networkxPython()
	if py == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("python3 with networkx is missing under CI; .ci/run must install python3-networkx: %s", out)
		}
		t.Skipf("python3 with networkx is not installed (Debian: python3-networkx): %s", bytes.TrimSpace(out))
	}
	file := filepath.Join(t.TempDir(), "export.graphml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", networkxScript, file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("networkx.read_graphml failed: %v\n%s", err, stderr.Bytes())
	}
	var g NetworkXGraph
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("networkx script printed %.200q: %v", out, err)
	}
	return g
}
