package binrec

// Every test binary of the module accepts -update, so that
// `go test ./... -update` can rewrite the golden files of the packages
// that have them.
import _ "github.com/notegraph/notegraph/internal/golden"
