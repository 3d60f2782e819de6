package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

type checkOptions struct {
	*globals
}

func newCheckCmd(g *globals, ios *streams) *cobra.Command {
	o := &checkOptions{globals: g}
	return &cobra.Command{
		Use:   "check",
		Short: "Check the store for damage",
		Long: `Check reads the whole store file: bbolt's consistency check of every page,
then notegraph's own (every edge in its reverse index, the counts right).
It exits 0 when it finds nothing wrong; for a damaged store it says what is
wrong and exits 1, and "notegraph build --rebuild" makes the store anew.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd.Context(), o, ios)
		},
	}
}

func runCheck(_ context.Context, o *checkOptions, ios *streams) error {
	st, err := o.openForQuery()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		return err
	}
	fmt.Fprintf(ios.out, "%s: no damage found\n", st.Path())
	return nil
}
