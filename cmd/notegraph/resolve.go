package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
)

// resolve finds the node a user means by name (query.Resolve): paths are
// taken from the notes folder the store was built from, or from the
// current folder. Its errors list the candidates of an ambiguous name and
// the near names of an unknown one.
func resolve(tx *store.Tx, name string) (string, error) {
	opt := query.ResolveOptions{Root: tx.Meta("root")}
	if wd, err := os.Getwd(); err == nil {
		opt.Cwd = wd
	}
	id, err := query.Resolve(tx, name, opt)
	return id, nameError(err)
}

// nameError spells out Resolve's errors for a terminal.
func nameError(err error) error {
	var amb *query.AmbiguousError
	var nf *query.NotFoundError
	var list []query.Candidate
	var b strings.Builder
	switch {
	case errors.As(err, &amb):
		fmt.Fprintf(&b, "%s:", amb.Error())
		list = amb.Candidates
	case errors.As(err, &nf):
		b.WriteString(nf.Error())
		if len(nf.Suggestions) > 0 {
			b.WriteString("; did you mean:")
		}
		list = nf.Suggestions
	default:
		return err
	}
	var tb table
	for _, c := range list {
		tb.add("  "+string(c.Kind), cell(c.ID), cell(c.Label))
	}
	var rows strings.Builder
	tb.write(&rows)
	if rows.Len() > 0 {
		b.WriteString("\n")
		b.WriteString(strings.TrimSuffix(rows.String(), "\n"))
	}
	return wrapped{msg: b.String(), err: err}
}

// wrapped is an error with its own message that still answers errors.Is
// and errors.As for the error it spells out.
type wrapped struct {
	msg string
	err error
}

func (w wrapped) Error() string { return w.msg }
func (w wrapped) Unwrap() error { return w.err }
