package build

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/internal/golden"
	"github.com/notegraph/notegraph/store"
)

// TestHostileExport builds testdata/hostile, notes like those of real
// vaults that notegraph once read wrong (issue #15), and compares its JSON
// export with testdata/golden/hostile/export.json; -update rewrites it.
func TestHostileExport(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "g.db"), store.Options{})
	defer st.Close()
	if _, err := Run(context.Background(), st, Options{Root: "../testdata/hostile", Jobs: 2}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := st.View(func(tx *store.Tx) error { return graph.WriteJSON(&buf, tx, nil) }); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "../testdata/golden/hostile/export.json", buf.Bytes())
}
